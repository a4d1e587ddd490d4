"""Models and migrations agree; an older store upgrades on open after an automatic backup; a store
from a newer program is refused with a clear message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from hexi_care.db import migrate
from hexi_care.db.engine import make_engine
from hexi_care.db.models import load_all
from hexi_care.db.store import default_backup_dir, read_backup, unlock
from hexi_care.db.storefiles import keys_path
from hexi_care.errors import StoreTooNew
from tests.conftest import PW, World, add_child


def test_models_match_migrations(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "fresh.hexi", os.urandom(32))
    try:
        migrate.upgrade(engine)
        with engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"include_object": migrate.include_object}),
                load_all(),
            )
        assert diff == []
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()


def _downgrade_to_first(world: World) -> None:
    """Rebuild the world's store at revision 0001 with its data kept, as an older program left it."""
    key = world.admin.data_key
    world.admin.lock()
    engine = make_engine(world.path, key)
    with engine.connect() as conn, conn.begin():
        command.downgrade(migrate.alembic_config(conn), "0001")
    engine.dispose()


def test_older_store_upgrades_on_open(world: World) -> None:
    director = world.login("dir_a")
    child = add_child(director, world.community_a, name="王𠮷")
    director.lock()
    _downgrade_to_first(world)

    store = unlock(world.path, "dir_a", PW)
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()  # type: ignore[arg-type]
        with store.system_session() as s:
            assert s.execute(text("SELECT count(*) FROM setting")).scalar() == 0
            assert (
                s.execute(text("SELECT name FROM child WHERE id = :i"), {"i": child.id}).scalar()
                == "王𠮷"
            )
    finally:
        store.lock()
    backups = list(default_backup_dir(world.path).glob("*before-upgrade*.hexibak"))
    assert len(backups) == 1
    slots, _ = read_backup(backups[0])
    # The backup carries the key slots, so it can be restored on its own.
    assert slots == keys_path(world.path).read_bytes()


def test_store_from_a_newer_program_is_refused(world: World) -> None:
    key = world.admin.data_key
    world.admin.lock()
    engine = make_engine(world.path, key)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreTooNew) as exc:
        unlock(world.path, "dir_a", PW)
    assert exc.value.exit_code == 6
    assert "更新版本" in exc.value.message("zh")
