"""Form snapshots for crash recovery: sealed on disk, per user, per store, discarded on request."""

from __future__ import annotations

from pathlib import Path

from hexi_care.db.keys import KdfParams
from hexi_care.db.store import unlock
from hexi_care.services import form_recovery, users
from hexi_care.services.context import UnitOfWork
from tests.conftest import PW, World, fixed_clock


def _store(world: World) -> Path:
    """The one test world, with a second director in the first community."""
    with UnitOfWork(world.admin) as uow:
        users.add_user(uow, "dir_a2", "director", world.community_a, PW, kdf=KdfParams.fast())
    return world.path


def test_snapshot_round_trip_and_is_sealed(world: World) -> None:
    path = _store(world)
    store = unlock(path, "dir_a", PW, clock=fixed_clock)
    with UnitOfWork(store) as uow:
        form_recovery.save(
            uow, "f1", "visit", {"needs": "冬季取暖，张小明", "visit_date": "2026-11-19"}
        )
    files = list(form_recovery.recovery_dir(store.path).iterdir())
    assert len(files) == 1
    assert "张小明".encode() not in files[0].read_bytes()
    assert b"needs" not in files[0].read_bytes()
    store.lock()

    again = unlock(path, "dir_a", PW, clock=fixed_clock)
    with UnitOfWork(again) as uow:
        snaps = form_recovery.pending(uow, "visit")
        assert [(s.form_id, s.data["needs"]) for s in snaps] == [("f1", "冬季取暖，张小明")]
        assert form_recovery.pending(uow, "other") == []
        form_recovery.discard(uow, "f1")
        assert form_recovery.pending(uow) == []
    again.lock()


def test_other_users_and_damaged_files_are_skipped(world: World) -> None:
    path = _store(world)
    s1 = unlock(path, "dir_a", PW, clock=fixed_clock)
    with UnitOfWork(s1) as uow:
        form_recovery.save(uow, "f1", "visit", {"x": 1})
    s1.lock()
    s2 = unlock(path, "dir_a2", PW, clock=fixed_clock)
    with UnitOfWork(s2) as uow:
        assert form_recovery.pending(uow) == []
        form_recovery.save(uow, "f2", "visit", {"x": 2})
    s2.lock()
    for f in form_recovery.recovery_dir(s2.path).iterdir():
        if "f2" in f.name:
            f.write_bytes(f.read_bytes()[:-3] + b"abc")
    s2 = unlock(path, "dir_a2", PW, clock=fixed_clock)
    with UnitOfWork(s2) as uow:
        assert form_recovery.pending(uow) == []
    s2.lock()


def test_bad_form_id_is_refused(world: World) -> None:
    import pytest

    from hexi_care.errors import InvalidInput

    path = _store(world)
    s = unlock(path, "dir_a", PW, clock=fixed_clock)
    with UnitOfWork(s) as uow, pytest.raises(InvalidInput):
        form_recovery.save(uow, "../escape", "visit", {})
    s.lock()
