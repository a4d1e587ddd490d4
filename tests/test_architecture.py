"""DESIGN.md's layers, written down as a table and kept: which part of hexi_care may import which.

Every import counts, wherever it stands (top of file, inside a function, under TYPE_CHECKING), and a
module loaded by name (importlib.import_module, __import__) counts as imported: in a file that loads
modules by name, every "hexi_care.…" string is taken as an import. The few edges the table does not
allow yet are listed in KNOWN_DEBTS with the issue that removes them; an entry that is no longer
true fails too, so the list only shrinks.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "hexi_care"

#: What either face (the command line, the window) may use: the core and the helpers.
FACE = {
    "ledger",
    "services",
    "reports",
    "sync",
    "db",
    "domain",
    "errors",
    "messages",
    "vocabulary",
    "logs",
    "paths",
    "resources",
    "__init__",
}

#: Each part of the package: a sub-package (its folder) or a top-level module (its name).
#: part → the parts it may import (besides itself). Read the rows as arrows in DESIGN.md.
LAYERS: dict[str, set[str]] = {
    # the core's words and rules: no I/O, no database, no Qt
    "domain": set(),
    "vocabulary": {"domain"},
    "messages": {"domain", "vocabulary"},
    "errors": {"messages"},
    # small helpers every face may use
    "__init__": set(),  # the version
    "paths": set(),
    "logs": {"paths"},
    "resources": set(),
    "locale_default": set(),  # the system's language, read before anything else
    # the store, then the use cases over it
    "db": {"domain", "errors", "paths"},
    # reading ledgers (spreadsheets) into rows: file formats, no database
    "ledger": {"domain", "errors", "messages", "vocabulary"},
    "services": {"db", "domain", "errors", "messages", "vocabulary", "ledger"},
    # reports read through services, never the database or the window
    "reports": {"services", "domain", "errors", "messages", "vocabulary", "resources"},
    "sync": {"services", "db", "domain", "errors", "messages", "vocabulary"},
    # the faces: the command line and the window share the core above
    "cli": FACE,
    "ui": FACE | {"locale_default"},
    "demo_launch": {"services", "db", "domain", "errors", "logs", "paths", "__init__"},
    "tools": {"resources"},  # build-time helpers (translations)
    "frozen_main": {"cli", "ui"},  # the frozen program's entry: one of the two faces
}

#: Third-party packages only some parts may import.
THIRD_PARTY: dict[str, set[str]] = {
    "PySide6": {"ui"},
    "shiboken6": {"ui"},
    "PyQt5": set(),
    "PyQt6": set(),
    "sqlalchemy": {"db", "services", "sync", "demo_launch"},
    "alembic": {"db"},
    "sqlcipher3": {"db"},
    "reportlab": {"reports"},
    "openpyxl": {"reports", "ledger", "services"},  # services: the import's error report
    "xlrd": {"ledger"},
    "qrcode": {"reports"},
}
#: The domain does no I/O.
DOMAIN_BANNED = {"os", "sqlite3", "pathlib", "shutil", "subprocess", "socket", "io", "tempfile"}

#: Edges the table forbids that are still there, each with the issue item that removes it.
KNOWN_DEBTS: dict[tuple[str, str], str] = {
    ("ui", "demo_launch"): "issue 9 item 3: ui/demo.py ↔ demo_launch.py cycle (demo package)",
    ("demo_launch", "ui"): "issue 9 item 3: demo_launch.py loads ui/demo.py by name",
}


def _part(path: Path, root: Path = PACKAGE) -> str:
    rel = path.relative_to(root)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _is_part(name: str) -> bool:
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def _target(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "hexi_care":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def _is_dynamic_import(node: ast.Call) -> bool:
    f = node.func
    name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
    return name in (
        "import_module",
        "__import__",
        "find_spec",
        "load_module",
        "spec_from_file_location",
    )


def imports_of(path: Path, root: Path = PACKAGE) -> tuple[set[str], set[str]]:
    """(parts of hexi_care, top-level third-party packages) that `path` imports."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    me = _part(path, root)
    modules: set[str] = set()
    dynamic = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: inside the same part
                continue
            if node.module == "hexi_care":  # a sub-module, or a name of hexi_care/__init__.py
                modules.update(
                    f"hexi_care.{alias.name}" if _is_part(alias.name) else "hexi_care"
                    for alias in node.names
                )
            elif node.module:
                modules.add(node.module)
        elif isinstance(node, ast.Call) and _is_dynamic_import(node):
            dynamic = True
    if dynamic:
        modules.update(
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.startswith("hexi_care.")
        )
    ours = {t for m in modules if (t := _target(m)) is not None and t != me}
    theirs = {m.split(".")[0] for m in modules if not m.startswith("hexi_care")}
    return ours, theirs


def _sources() -> list[Path]:
    files = sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)
    assert len(files) > 50, "no sources found"
    return files


def _edges() -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    for path in _sources():
        ours, _ = imports_of(path)
        for target in ours:
            found.setdefault((_part(path), target), []).append(str(path.relative_to(PACKAGE)))
    return found


def test_every_part_of_the_package_is_in_the_table() -> None:
    parts = {_part(p) for p in _sources()}
    assert parts - set(LAYERS) == set(), "add the new part to LAYERS"
    assert set(LAYERS) - parts == set(), "a part in LAYERS no longer exists"


def test_parts_import_only_what_the_table_allows() -> None:
    wrong = {
        f"{src} → {dst}": files
        for (src, dst), files in _edges().items()
        if dst not in LAYERS[src] and (src, dst) not in KNOWN_DEBTS
    }
    assert wrong == {}


def test_known_debts_are_still_debts() -> None:
    """When a debt is paid, its line goes: the table then holds the line for good."""
    edges = _edges()
    paid = [f"{src} → {dst}" for (src, dst) in KNOWN_DEBTS if (src, dst) not in edges]
    assert paid == []
    assert all(dst not in LAYERS[src] for src, dst in KNOWN_DEBTS)


def test_third_party_packages_stay_in_their_layers() -> None:
    wrong = {}
    for path in _sources():
        _, theirs = imports_of(path)
        for pkg in theirs & set(THIRD_PARTY):
            if _part(path) not in THIRD_PARTY[pkg]:
                wrong.setdefault(pkg, []).append(str(path.relative_to(PACKAGE)))
    assert wrong == {}


def test_the_domain_does_no_io() -> None:
    wrong = {
        str(p.relative_to(PACKAGE)): sorted(imports_of(p)[1] & DOMAIN_BANNED)
        for p in (PACKAGE / "domain").rglob("*.py")
    }
    assert {k: v for k, v in wrong.items() if v} == {}


def test_the_table_has_no_cycle() -> None:
    def reach(start: str) -> set[str]:
        seen: set[str] = set()
        todo = [start]
        while todo:
            for nxt in LAYERS[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    assert [part for part in LAYERS if part in reach(part)] == []


def test_the_checks_see_what_they_must(tmp_path: Path) -> None:
    """The scanner is not blind: a lazy import, a TYPE_CHECKING import and a module loaded by
    name are all imports."""
    probe = PACKAGE / "domain" / "model.py"
    assert "PySide6" not in imports_of(probe)[1]
    fake = tmp_path / "hexi_care" / "domain" / "x.py"
    fake.parent.mkdir(parents=True)
    fake.write_text(
        "import importlib\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from hexi_care.sync.types import PeerInfo\n"
        "def f():\n"
        "    from hexi_care.db import engine\n"
        "    return importlib.import_module('hexi_care.ui.app')\n"
    )
    assert imports_of(fake, tmp_path / "hexi_care")[0] == {"db", "ui", "sync"}
