"""Entry point of the frozen program (installer/hexi-care.spec): one folder, two executables.

`hexi-care` runs the command line; `hexi-care-gui` (no console on Windows) opens the window. Both
are built from this script and tell themselves apart by their own file name.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def main() -> int:
    if "--multiprocessing-fork" in sys.argv or "-c" in sys.argv:
        # Perhaps a helper process of the window (it renders documents in one: reports/apart.py)
        # or of multiprocessing itself: run that and exit, never a second program.
        import multiprocessing

        multiprocessing.freeze_support()
    if Path(sys.executable).stem.lower().endswith("-gui"):
        # Imported by name: the window package is checked less strictly than the core.
        code: int = importlib.import_module("hexi_care.ui.app").main()
        return code
    from hexi_care.cli import main as cli_main

    cli_main()  # exits itself
    return 0


if __name__ == "__main__":
    sys.exit(main())
