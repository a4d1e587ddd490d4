"""Start-up stays quick because commands import what they need when they run (issue 8; the times
themselves are measured by bench/bench_startup.py, not here): `--version` and the help load no
database, report, exchange or Qt code, and a plain command loads no report or exchange code."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("sqlalchemy", "alembic", "reportlab", "pypinyin", "openpyxl", "PySide6", "qrcode")
PROBE = """
import io, sys
from hexi_care.cli import run
try:
    run({argv!r}, io.StringIO(), io.StringIO(), io.StringIO())
except SystemExit:
    pass
heavy = {heavy!r}
print("HEAVY:", *sorted({{m.split(".")[0] for m in sys.modules}} & set(heavy)))
print("EXT:", *sorted(m for m in sys.modules if m.startswith(("hexi_care.reports", "hexi_care.sync"))))
"""


def loaded(argv: list[str]) -> tuple[set[str], set[str]]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv, heavy=HEAVY)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()  # the command's own output comes first
    found = {line.split(":")[0]: set(line.split()[1:]) for line in out if ":" in line}
    return found["HEAVY"], found["EXT"]


@pytest.mark.parametrize("argv", [["--version"], ["--lang", "en", "--version"], ["user", "--help"]])
def test_version_and_help_load_nothing_heavy(argv: list[str]) -> None:
    assert loaded(argv) == (set(), set())


def test_a_store_command_loads_no_report_or_exchange_code(tmp_path) -> None:
    # A missing store: the command gets as far as opening it, with everything it needs loaded.
    heavy, extensions = loaded(["--store", str(tmp_path / "none.hexi"), "unit", "list"])
    assert extensions == set()
    assert not heavy & {"reportlab", "openpyxl", "PySide6", "qrcode", "alembic"}


def test_an_extension_command_loads_its_extension() -> None:
    _heavy, extensions = loaded(["report", "--help"])
    assert "hexi_care.reports.commands" in extensions
    assert not any(m.startswith("hexi_care.sync") for m in extensions)
