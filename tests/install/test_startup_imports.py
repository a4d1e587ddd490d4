"""Start-up stays quick because commands import what they need when they run (issue 8; the times
themselves are measured by bench/bench_startup.py, not here): `--version` and the help load no
database, report, exchange or Qt code, and a plain command loads its own command module and no
report or exchange code."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from hexi_care import cli

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
print("GROUPS:", *sorted(m for m in sys.modules if m.startswith("hexi_care.cli.")))
"""


#: Loaded by every command: the parser pieces, not a command group.
SHARED = {"hexi_care.cli.common"}


def loaded(argv: list[str]) -> tuple[set[str], set[str], set[str]]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv, heavy=HEAVY)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()  # the command's own output comes first
    found = {line.split(":")[0]: set(line.split()[1:]) for line in out if ":" in line}
    return found["HEAVY"], found["EXT"], found["GROUPS"] - SHARED


@pytest.mark.parametrize("argv", [["--version"], ["--lang", "en", "--version"], ["user", "--help"]])
def test_version_and_help_load_nothing_heavy(argv: list[str]) -> None:
    heavy, extensions, groups = loaded(argv)
    assert (heavy, extensions) == (set(), set())
    assert groups == ({"hexi_care.cli.user"} if "user" in argv else set())


def test_a_store_command_loads_no_report_or_exchange_code(tmp_path) -> None:
    # A missing store: the command gets as far as opening it, with everything it needs loaded.
    heavy, extensions, groups = loaded(["--store", str(tmp_path / "none.hexi"), "unit", "list"])
    assert extensions == set()
    assert groups == {"hexi_care.cli.unit"}
    assert not heavy & {"reportlab", "openpyxl", "PySide6", "qrcode", "alembic"}


def test_an_extension_command_loads_its_extension() -> None:
    _heavy, extensions, groups = loaded(["report", "--help"])
    assert groups == {"hexi_care.cli.report"}
    assert "hexi_care.reports.labels" in extensions
    assert not any(m.startswith("hexi_care.sync") for m in extensions)


def test_a_mistyped_command_loads_every_group_to_name_them() -> None:
    _heavy, _extensions, groups = loaded(["chlid", "list"])
    assert groups - {"hexi_care.cli.records"} == {f"hexi_care.cli.{m}" for m in cli.COMMAND_MODULES}


def _typing_only(tree: ast.Module) -> set[str]:
    return {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
        for imp in node.body
        if isinstance(imp, ast.Import | ast.ImportFrom)
        for alias in imp.names
    }


CLI_FILES = sorted(Path(cli.__file__).parent.glob("*.py"))


def test_some_command_modules_import_names_for_type_checking_only() -> None:
    # The test below looks at the right thing.
    assert any(_typing_only(ast.parse(p.read_text(encoding="utf-8"))) for p in CLI_FILES)


@pytest.mark.parametrize("path", CLI_FILES, ids=lambda p: p.name)
def test_names_imported_for_type_checking_only_are_imported_where_they_run(path: Path) -> None:
    """The command line imports the store and services inside its commands; a command using one
    of the names imported only for type checking, without importing it itself, fails only when it
    runs (a NameError, exit 1), and mypy cannot see it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = _typing_only(tree)
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        functions += [n for n in cls.body if isinstance(n, ast.FunctionDef)]
    missing = []
    for fn in functions:
        in_annotations = {
            id(sub) for node in ast.walk(fn) for ann in _annotations(node) for sub in ast.walk(ann)
        }
        imported_here = {
            alias.asname or alias.name
            for node in ast.walk(fn)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        missing += [
            f"{fn.name}: {node.id} (line {node.lineno})"
            for node in ast.walk(fn)
            if isinstance(node, ast.Name)
            and isinstance(node.ctx, ast.Load)
            and node.id in typing_only - imported_here
            and id(node) not in in_annotations
        ]
    assert missing == []


def _annotations(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.arg) and node.annotation is not None:
        return [node.annotation]
    if isinstance(node, ast.FunctionDef) and node.returns is not None:
        return [node.returns]
    if isinstance(node, ast.AnnAssign):
        return [node.annotation]
    return []
