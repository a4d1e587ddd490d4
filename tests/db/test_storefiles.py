"""Every file beside a store is named in hexi_care/db/storefiles.py and nowhere else: a second
spelling of `.keys` or `-wal` would drift from the first (the window, the demo and the store
each had one)."""

from __future__ import annotations

import ast
from pathlib import Path

from hexi_care.db import storefiles

PACKAGE = Path(storefiles.__file__).resolve().parents[1]
#: The suffixes storefiles gives the files beside a store `case.hexi`.
SUFFIXES = {
    ".keys",
    ".keys.next",
    ".throttle",
    ".recovery-pending",
    ".lock",
    ".backups",
    ".restoring",
    ".recovery",
    "-wal",
    "-shm",
}


def test_storefiles_names_each_file_with_these_suffixes(tmp_path: Path) -> None:
    store = tmp_path / "case.hexi"
    named = [
        storefiles.keys_path(store),
        storefiles.keys_next_path(store),
        storefiles.throttle_path(store),
        storefiles.pending_recovery_path(store),
        storefiles.lock_path(store),
        storefiles.backup_dir(store),
        storefiles.staging_path(store),
        storefiles.form_recovery_dir(store),
        *storefiles.sqlite_sidecars(store),
    ]
    assert {p.name.removeprefix("case.hexi") for p in named} == SUFFIXES
    assert all(p.parent == tmp_path for p in named)
    assert set(storefiles.store_files(store)) <= {store, *named}


def test_no_other_module_spells_a_suffix() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "storefiles.py" or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [
            f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value!r}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and any(node.value.endswith(suffix) for suffix in SUFFIXES)
        ]
    assert found == []
