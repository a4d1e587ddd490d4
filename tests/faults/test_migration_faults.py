"""Migrations (issue 12, item 10): a store left by every earlier schema version, with data (children,
visits, an exchange with conflicts and the laptops' audit copies), upgrades on open after its
automatic backup and keeps every row; a migration that fails (the disk fills up under it) leaves the
old store as it was, usable once there is room."""

from __future__ import annotations

import shutil
import traceback
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from hexi_care.db import migrate
from hexi_care.db.engine import make_engine
from hexi_care.db.store import default_backup_dir, read_backup, unlock
from hexi_care.errors import DiskFull
from hexi_care.sync import list_conflicts
from tests.faults.conftest import SmallFs
from tests.sync.conftest import net, net_template
from tests.sync.exchange_helpers import PW, Net, edit_child, new_child, submit_visit

__all__ = ["net", "net_template"]

EARLIER = sorted(r for r in migrate.known_revisions() if r != migrate.head_revision())


def _busy_centre(net: Net) -> tuple[Path, bytes]:
    """The centre after a real exchange: children, visits, a conflict, the laptop's audit copy."""
    child = new_child(net.la, net.community_a)
    submit_visit(net.la, child)
    net.settle(1)
    edit_child(net.centre, child, school="C校")
    edit_child(net.la, child, school="A校")
    net.settle(1)
    assert list_conflicts(net.centre)
    key = net.centre.data_key
    path = net.centre.path
    net.centre.lock()
    return path, key


def _copy(src: Path, dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", ".keys"):
        shutil.copyfile(Path(str(src) + suffix), Path(str(dst) + suffix))
    return dst


def _downgrade(path: Path, key: bytes, revision: str) -> None:
    engine = make_engine(path, key)
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        with conn.begin():
            command.downgrade(migrate.alembic_config(conn), revision)
    engine.dispose()


def _counts(path: Path, key: bytes) -> tuple[str | None, dict[str, int]]:
    engine = make_engine(path, key)
    try:
        with engine.connect() as conn:
            tables = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
            counts = {
                t: int(conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar() or 0)
                for t in tables
            }
        return migrate.current_revision(engine), counts
    finally:
        engine.dispose()


@pytest.mark.parametrize("revision", EARLIER)
def test_every_earlier_version_with_data_upgrades(net: Net, tmp_path: Path, revision: str) -> None:
    src, key = _busy_centre(net)
    path = _copy(src, tmp_path / revision / "centre.hexi")
    _downgrade(path, key, revision)
    at, before = _counts(path, key)
    assert at == revision and before["child"] and before["visit"]
    store = unlock(path, "centre", PW)
    assert store.check() == []
    store.lock()
    now, after = _counts(path, key)
    assert now == migrate.head_revision()
    assert {t: after[t] for t in before} == before  # every row of the old store is still there
    (backup,) = default_backup_dir(path).glob("*before-upgrade*.hexibak")
    slots, _ = read_backup(backup)
    assert slots == Path(str(path) + ".keys").read_bytes()


def test_a_failed_migration_leaves_the_old_store_usable(
    net: Net, tmp_path: Path, small_fs: SmallFs
) -> None:
    src, key = _busy_centre(net)
    path = _copy(src, small_fs.root / "centre.hexi")
    _downgrade(path, key, EARLIER[-1])
    at, before = _counts(path, key)
    # The automatic backup goes to another disk (it succeeds); the migration itself finds none.
    elsewhere = tmp_path / "backups"
    elsewhere.mkdir()
    default_backup_dir(path).symlink_to(elsewhere)
    # Room for the password check's small file and SQLite's shared memory, not for the migration.
    small_fs.fill(leave=48 << 10)
    with pytest.raises(DiskFull) as exc:
        unlock(path, "centre", PW)
    assert exc.value.exit_code == 6
    assert "migrate.py" in "".join(traceback.format_tb(exc.value.__context__.__traceback__))
    assert list(elsewhere.glob("*before-upgrade*.hexibak"))
    small_fs.free()
    assert _counts(path, key) == (at, before)  # nothing half-migrated
    store = unlock(path, "centre", PW)
    assert store.check() == []
    store.lock()
    assert _counts(path, key)[0] == migrate.head_revision()
