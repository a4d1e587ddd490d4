"""DESIGN.md layers: only hexi_care/ui imports Qt; the domain imports no SQLAlchemy and no I/O."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "hexi_care"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _modules(exclude: str | None = None) -> list[Path]:
    files = sorted(PACKAGE.rglob("*.py"))
    assert files, "no sources found"
    return [f for f in files if exclude is None or exclude not in f.relative_to(PACKAGE).parts]


def test_only_ui_imports_qt() -> None:
    offenders = [
        str(f.relative_to(PACKAGE))
        for f in _modules(exclude="ui")
        if any(m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6") for m in _imports(f))
    ]
    assert offenders == []


def test_domain_is_pure() -> None:
    banned = {"sqlalchemy", "PySide6", "sqlcipher3", "reportlab", "os", "sqlite3"}
    offenders = {
        str(f.relative_to(PACKAGE)): sorted(m for m in _imports(f) if m.split(".")[0] in banned)
        for f in (PACKAGE / "domain").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_reports_do_not_touch_the_database_directly() -> None:
    reports = PACKAGE / "reports"
    if not reports.exists():
        return
    offenders = [
        str(f.relative_to(PACKAGE))
        for f in reports.rglob("*.py")
        if any(m.startswith(("hexi_care.db", "sqlalchemy", "PySide6")) for m in _imports(f))
    ]
    assert offenders == []
