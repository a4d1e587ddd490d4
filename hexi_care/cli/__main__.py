"""`python -m hexi_care.cli`: the command line, as the `hexi-care` script runs it."""

from hexi_care.cli import main

main()
