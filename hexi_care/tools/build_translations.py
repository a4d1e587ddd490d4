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


def _lupdate(ts: Path, sources: Sequence[Path]) -> None:
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *[str(p) for p in sources],
            "-ts",
            str(ts),
            "-no-obsolete",
            "-locations",
            "none",
            "-silent",
        ],
        check=True,
    )


def _message_key(msg: ET.Element) -> tuple[str, str]:
    return msg.findtext("source") or "", msg.findtext("comment") or ""


def _done(tr: ET.Element | None) -> bool:
    return (
        tr is not None
        and tr.get("type") is None
        and bool((tr.text or "").strip() or tr.find("numerusform") is not None)
    )


def _finished(ts: Path) -> dict[tuple[str, str, str], ET.Element]:
    """(context, source, comment) → the finished translation element."""
    out: dict[tuple[str, str, str], ET.Element] = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is not None and _done(tr):
                out[(name, *_message_key(msg))] = tr
    return out


def keep_moved(ts: Path, before: dict[tuple[str, str, str], ET.Element]) -> int:
    """A text whose code moved to another class (its tr() context) keeps its translation: it is
    copied from the context it left when that gave it exactly one. Returns how many were kept."""
    tree = ET.parse(ts)
    root = tree.getroot()
    now = {
        (ctx.findtext("name") or "", *_message_key(msg))
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    }
    left: dict[tuple[str, str], list[ET.Element]] = {}
    for (name, source, comment), done in before.items():
        if (name, source, comment) not in now:
            left.setdefault((source, comment), []).append(done)
    kept = 0
    for ctx in root.iter("context"):
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            found = left.get(_message_key(msg), [])
            texts = {ET.tostring(t, encoding="unicode").strip() for t in found}
            if tr is None or _done(tr) or len(texts) != 1:
                continue
            msg.remove(tr)
            copy = ET.fromstring(texts.pop())
            copy.tail = tr.tail
            msg.append(copy)
            kept += 1
    if kept:
        body = ET.tostring(root, encoding="unicode")
        ts.write_text(
            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", "utf-8"
        )
    return kept


def update(ts_files: Sequence[Path], sources: Sequence[Path] | None = None) -> None:
    """Refresh the .ts files from the sources (the window's code unless given); obsolete texts
    are dropped, moved ones keep their translation."""
    files = ui_sources() if sources is None else sources
    for ts in ts_files:
        before = _finished(ts) if ts.exists() else {}
        _lupdate(ts, files)
        if keep_moved(ts, before):
            _lupdate(ts, files)  # lupdate writes the file back in its own layout


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
