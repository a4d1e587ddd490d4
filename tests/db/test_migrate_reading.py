"""The store opens without loading Alembic when it is up to date: the revision chain read from the
version files and the store's revision read from its table agree with Alembic's own answers, and
anything the plain reading does not cover goes to Alembic."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from hexi_care.db import migrate
from hexi_care.db.engine import make_engine


def test_the_plain_reading_agrees_with_alembic() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate._chain_from_files() is not None
    assert migrate.head_revision() == script.get_current_head()
    assert migrate.known_revisions() == {s.revision for s in script.walk_revisions()}


@pytest.mark.parametrize("revision", [None, "0001", "0002", "head"])
def test_the_store_revision_agrees_with_alembic(tmp_path: Path, revision: str | None) -> None:
    engine = make_engine(tmp_path / "s.hexi", os.urandom(32))
    try:
        if revision is not None:
            migrate.upgrade(engine, revision)
        with engine.connect() as conn:
            expected = MigrationContext.configure(conn).get_current_revision()
        assert migrate.current_revision(engine) == expected
        assert migrate.needs_upgrade(engine) == (expected != migrate.head_revision())
    finally:
        engine.dispose()


def test_a_branch_goes_to_alembic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    versions = tmp_path / "migrations" / "versions"
    shutil.copytree(migrate.MIGRATIONS, tmp_path / "migrations")
    (versions / "0099_side.py").write_text(
        'revision = "0099"\ndown_revision = "0002"\n', encoding="utf-8"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS", tmp_path / "migrations")
    migrate._chain_from_files.cache_clear()
    try:
        assert migrate._chain_from_files() is None  # two heads: not a plain chain
        assert migrate.known_revisions() >= {"0001", "0099"}  # Alembic's answer
    finally:
        migrate._chain_from_files.cache_clear()


def test_an_up_to_date_open_does_not_load_alembic(tmp_path: Path) -> None:
    code = f"""
import os, sys
from pathlib import Path
from hexi_care.db import migrate
from hexi_care.db.engine import make_engine
engine = make_engine(Path({str(tmp_path / "s.hexi")!r}), os.urandom(32))
migrate.upgrade(engine)
for name in [m for m in sys.modules if m == "alembic" or m.startswith("alembic.")]:
    del sys.modules[name]
assert not migrate.needs_upgrade(engine)
print(sorted(m for m in sys.modules if m.startswith("alembic")))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
