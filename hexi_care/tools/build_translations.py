"""Build the compiled translations (.qm) from the Qt Linguist sources in resources/i18n/*.ts.

`python -m hexi_care.tools.build_translations` (scripts/setup runs it, for the checkout; a wheel
build compiles its own copy in setup.py). With `--update`, the .ts sources are first refreshed
from the window's code with pyside6-lupdate (new source texts appear unfinished; translations
already made are kept). `--check` fails if any text lacks a translation.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from hexi_care.resources import SOURCE_TREE

PACKAGE = Path(__file__).resolve().parent.parent
UI_SOURCES = PACKAGE / "ui"


def i18n_dir() -> Path:
    """The checkout's translation sources (a built wheel compiles them itself: setup.py)."""
    return SOURCE_TREE / "i18n"


def _tool(name: str) -> str:
    """pyside6-lrelease / pyside6-lupdate: beside this Python first (a venv), then on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install PySide6)")
    return found


def ui_sources() -> list[Path]:
    return sorted(p for p in UI_SOURCES.rglob("*.py") if "__pycache__" not in p.parts)


def update(ts_files: Sequence[Path]) -> None:
    """Refresh the .ts files from the sources; obsolete texts are dropped."""
    files = [str(p) for p in ui_sources()]
    for ts in ts_files:
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                *files,
                "-ts",
                str(ts),
                "-no-obsolete",
                "-locations",
                "none",
            ],
            check=True,
        )


def untranslated(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    root = ET.parse(ts).getroot()
    missing: list[tuple[str, str]] = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if (
                tr is None
                or tr.get("type") in ("unfinished", "vanished", "obsolete")
                or not (tr.text or "").strip()
            ):
                missing.append((name, msg.findtext("source") or ""))
    return missing


def build(ts_files: Sequence[Path]) -> list[Path]:
    out: list[Path] = []
    for ts in ts_files:
        qm = ts.with_suffix(".qm")
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="build_translations", description=__doc__)
    p.add_argument(
        "--update", action="store_true", help="refresh the .ts sources from the code first"
    )
    p.add_argument("--check", action="store_true", help="fail when a text has no translation")
    args = p.parse_args(argv)
    ts_files = sorted(i18n_dir().glob("*.ts"))
    if not ts_files:
        print("no .ts files in", i18n_dir())
        return 0
    if args.update:
        update(ts_files)
    bad = 0
    for ts in ts_files:
        missing = untranslated(ts)
        if missing and args.check:
            for ctx, src in missing:
                print(f"{ts.name}: untranslated [{ctx}] {src}", file=sys.stderr)
            bad += len(missing)
    if bad:
        return 1
    for qm in build(ts_files):
        print("built", qm.relative_to(SOURCE_TREE.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
