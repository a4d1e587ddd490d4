"""The store is useless to whoever finds a lost laptop: nothing readable on disk, a wrong password
opens nothing, and keys go away on lock. Password change and both recovery routes work."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from hexi_care.db import keys as keys_mod
from hexi_care.db.keys import KdfParams, KeySlots
from hexi_care.db.models import Child as ChildRow
from hexi_care.db.store import unlock, unlock_with_recovery_code
from hexi_care.db.storefiles import keys_path
from hexi_care.errors import AuthFailed, AuthThrottled, StoreProblem
from hexi_care.services import recovery, users
from hexi_care.services.context import UnitOfWork
from tests.conftest import ADMIN_PW, PW, World, add_child

SECRET_NAME = "欧阳𠮷祥"
SECRET_ID = "120103198806018241"


def _all_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_nothing_readable_on_disk(world: World, tmp_path: Path) -> None:
    director = world.login("dir_a")
    add_child(
        director,
        world.community_a,
        name=SECRET_NAME,
        id_number=SECRET_ID,
        birth_date=None,
        sex="female",
    )
    backup = director.backup(tmp_path / "copy.hexibak")
    auto = director.auto_backup()
    # Keep the connection open so the -wal file still holds the last writes.
    with director.system_session() as s:
        assert s.scalar(select(ChildRow.name)) == SECRET_NAME
        files = _all_bytes(tmp_path)
    assert any(n.endswith("-wal") for n in files), files.keys()
    assert backup.name in files and auto.name in files
    for name, data in files.items():
        assert b"SQLite format 3" not in data, name
        assert SECRET_NAME.encode() not in data, name
        assert SECRET_ID.encode() not in data, name
        assert "紫金里社区".encode() not in data, name
        assert b"dir_a" not in data, name  # slot ids are salted hashes of user names
    director.lock()


def test_wrong_password_opens_nothing(world: World) -> None:
    with pytest.raises(AuthFailed) as exc:
        unlock(world.path, "dir_a", "wrong password")
    assert "wrong password" not in exc.value.message("en")
    with pytest.raises(AuthFailed):
        unlock(world.path, "nobody", PW)
    # A store file opened with a random key does not decrypt either.
    from hexi_care.db.engine import make_engine

    engine = make_engine(world.path, b"\x01" * 32)
    with pytest.raises(AuthFailed):
        engine.connect()
    engine.dispose()


def test_repeated_failures_slow_down(world: World) -> None:
    for _ in range(keys_mod.FREE_ATTEMPTS):
        with pytest.raises(AuthFailed):
            unlock(world.path, "dir_b", "nope")
    with pytest.raises(AuthThrottled) as exc:
        unlock(world.path, "dir_b", PW)  # even the right password waits
    assert exc.value.wait_seconds > 0
    assert exc.value.exit_code == 3
    # Other users are not held up.
    unlock(world.path, "dir_a", PW).lock()


def test_password_change_rewraps_one_slot(world: World) -> None:
    before = world.path.read_bytes()[:4096]
    slots_before = KeySlots.load(keys_path(world.path))
    store = world.login("dir_a")
    with UnitOfWork(store) as uow:
        users.change_password(uow, "dir_a", "a-new-password", kdf=KdfParams.fast())
    store.lock()
    slots_after = KeySlots.load(keys_path(world.path))
    changed = [s.id for s in slots_after.slots if s not in slots_before.slots]
    assert changed == [slots_before.slot_id_for("dir_a")]
    with pytest.raises(AuthFailed):
        unlock(world.path, "dir_a", PW)
    unlock(world.path, "dir_a", "a-new-password").lock()
    assert world.path.read_bytes()[:4096] == before  # the store was not rekeyed


def test_a_director_cannot_change_someone_elses_password(world: World) -> None:
    store = world.login("dir_a")
    with pytest.raises(Exception) as exc, UnitOfWork(store) as uow:
        users.change_password(uow, "dir_b", "whatever-123", kdf=KdfParams.fast())
    assert getattr(exc.value, "exit_code", None) == 4
    store.lock()


def test_recovery_code_sets_a_new_password(world: World) -> None:
    with pytest.raises(AuthFailed):
        recovery.recover_with_code(
            world.path, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF", "dir_a", "brand-new-pw"
        )
    code = world.recovery_code.lower().replace("-", " ")  # typed loosely
    recovery.recover_with_code(world.path, code, "dir_a", "brand-new-pw")
    unlock(world.path, "dir_a", "brand-new-pw").lock()
    unlock_with_recovery_code(world.path, world.recovery_code).lock()


def test_centre_recovery_through_hpke(world: World, tmp_path: Path) -> None:
    pub = Path(recovery.keygen(tmp_path / "centre", "centre-passphrase"))
    recovery.set_centre_key(world.admin, pub)
    request = tmp_path / "request.json"
    answer = tmp_path / "answer.json"
    made = recovery.make_request(world.path, request, "street_a", "recovered-pw-1")
    assert world.admin.data_key.hex() not in request.read_text()
    key_file = tmp_path / "centre" / "centre-recovery.key"
    # The same store plays the centre here: its centre supervisor answers.
    centre = world.login("centre")
    with pytest.raises(AuthFailed), UnitOfWork(centre) as uow:
        recovery.answer_request(uow, request, key_file, "wrong passphrase", answer, made.code)
    with UnitOfWork(centre) as uow:
        recovery.answer_request(uow, request, key_file, "centre-passphrase", answer, made.code)
    centre.lock()
    assert world.admin.data_key.hex() not in answer.read_text()
    recovery.complete_request(world.path, answer, "street_a", "recovered-pw-1")
    unlock(world.path, "street_a", "recovered-pw-1").lock()


def test_lock_drops_the_key_and_closes_connections(world: World) -> None:
    store = world.login("centre")
    engine = store.engine
    assert engine is not None
    with UnitOfWork(store) as uow:
        uow.session.execute(select(ChildRow.id)).all()
    store.lock()
    assert store.locked
    assert engine.pool.checkedout() == 0
    with pytest.raises(StoreProblem):
        _ = store.data_key
    with pytest.raises(StoreProblem), UnitOfWork(store):
        pass


def test_admin_password_still_works(world: World) -> None:
    unlock(world.path, "ADMIN", ADMIN_PW).lock()  # user names are case-insensitive


def test_kdf_calibration_targets_half_a_second(real_kdf: None) -> None:
    import time

    params = KdfParams.calibrate(target_seconds=0.2)
    assert params.memory_kib >= 64 * 1024
    start = time.perf_counter()
    keys_mod._derive(b"pw", b"s" * 16, params)
    elapsed = time.perf_counter() - start
    assert 0.05 < elapsed < 1.0


def test_automatic_backups_rotate_and_restore(world: World, tmp_path: Path) -> None:
    from hexi_care.db.store import auto_backup_due, default_backup_dir, restore

    store = world.login("dir_a")
    add_child(store, world.community_a, name="备份测试")
    assert auto_backup_due(world.path)
    made = [store.auto_backup(keep=3, reason=f"n{i}") for i in range(5)]
    store.lock()
    kept = sorted(default_backup_dir(world.path).glob("*.hexibak"))
    assert len(kept) == 3 and made[-1] in kept
    assert not auto_backup_due(world.path)
    # A damaged backup is refused before anything is replaced.
    bad = tmp_path / "bad.hexibak"
    data = bytearray(made[-1].read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad.write_bytes(bytes(data))
    before = world.path.read_bytes()
    with pytest.raises(StoreProblem):
        restore(bad, world.path, "admin", ADMIN_PW)
    assert world.path.read_bytes() == before
    restore(made[-1], world.path, "admin", ADMIN_PW)
    unlock(world.path, "dir_a", PW).lock()


def test_an_old_format_slot_opens_and_is_rewritten(world: World) -> None:
    """Slot files written before the key-pair slots (the data key wrapped directly) still open,
    and the first unlock rewrites the slot so a later rekey can reach it."""
    key = world.admin.data_key
    with keys_mod.edit_slots(world.path) as slots:
        slot_id = slots.slot_id_for("dir_a")
        old = slots._wrap(
            slot_id, "password", keys_mod.normalise_password(PW), key, KdfParams.fast()
        )
        slots._put(old)
    assert not KeySlots.load(keys_path(world.path)).find(slot_id).public  # type: ignore[union-attr]
    unlock(world.path, "dir_a", PW).lock()
    assert KeySlots.load(keys_path(world.path)).find(slot_id).public  # type: ignore[union-attr]
    unlock(world.path, "dir_a", PW).lock()
