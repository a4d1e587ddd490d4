"""Form snapshots for crash recovery: sealed on disk, per user, per store, discarded on request."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hexi_care.db.keys import KdfParams
from hexi_care.db.store import create_store, unlock
from hexi_care.services import form_recovery, units, users
from hexi_care.services.context import UnitOfWork
from hexi_care.services.reference import seed_reference

PW = "secret-pass-1"


def clock() -> datetime:
    return datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def _store(tmp_path: Path, name: str = "s.hexi"):
    path = tmp_path / name
    admin = create_store(
        path,
        admin_name="admin",
        admin_password=PW,
        kdf=KdfParams.fast(),
        clock=clock,
        seed_reference=seed_reference,
    ).store
    with UnitOfWork(admin) as uow:
        a = units.add_unit(uow, "紫金里社区", "大营门街")
        users.add_user(uow, "dir_a", "director", a.id, PW, kdf=KdfParams.fast())
        users.add_user(uow, "dir_a2", "director", a.id, PW, kdf=KdfParams.fast())
    admin.lock()
    return path


def test_snapshot_round_trip_and_is_sealed(tmp_path: Path) -> None:
    path = _store(tmp_path)
    store = unlock(path, "dir_a", PW, clock=clock)
    with UnitOfWork(store) as uow:
        form_recovery.save(
            uow, "f1", "visit", {"needs": "冬季取暖，张小明", "visit_date": "2026-11-19"}
        )
    files = list(form_recovery.recovery_dir(path).iterdir())
    assert len(files) == 1
    assert "张小明".encode() not in files[0].read_bytes()
    assert b"needs" not in files[0].read_bytes()
    store.lock()

    again = unlock(path, "dir_a", PW, clock=clock)
    with UnitOfWork(again) as uow:
        snaps = form_recovery.pending(uow, "visit")
        assert [(s.form_id, s.data["needs"]) for s in snaps] == [("f1", "冬季取暖，张小明")]
        assert form_recovery.pending(uow, "other") == []
        form_recovery.discard(uow, "f1")
        assert form_recovery.pending(uow) == []
    again.lock()


def test_other_users_and_damaged_files_are_skipped(tmp_path: Path) -> None:
    path = _store(tmp_path)
    s1 = unlock(path, "dir_a", PW, clock=clock)
    with UnitOfWork(s1) as uow:
        form_recovery.save(uow, "f1", "visit", {"x": 1})
    s1.lock()
    s2 = unlock(path, "dir_a2", PW, clock=clock)
    with UnitOfWork(s2) as uow:
        assert form_recovery.pending(uow) == []
        form_recovery.save(uow, "f2", "visit", {"x": 2})
    s2.lock()
    for f in form_recovery.recovery_dir(path).iterdir():
        if "f2" in f.name:
            f.write_bytes(f.read_bytes()[:-3] + b"abc")
    s2 = unlock(path, "dir_a2", PW, clock=clock)
    with UnitOfWork(s2) as uow:
        assert form_recovery.pending(uow) == []
    s2.lock()


def test_bad_form_id_is_refused(tmp_path: Path) -> None:
    import pytest

    from hexi_care.errors import InvalidInput

    path = _store(tmp_path)
    s = unlock(path, "dir_a", PW, clock=clock)
    with UnitOfWork(s) as uow, pytest.raises(InvalidInput):
        form_recovery.save(uow, "../escape", "visit", {})
    s.lock()
