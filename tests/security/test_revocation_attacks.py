"""Item 2: a removed user (or anyone who learnt a password) keeps the data key. After a rekey it
opens neither the store nor anything written since; the printed recovery code is replaced.

On main no rekey existed: the key a removed user unwrapped opened the live store for ever."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import text

from hexi_care.cli import run
from hexi_care.db.engine import _key_pragma
from hexi_care.db.keys import KeySlots
from hexi_care.db.store import unlock, unlock_with_recovery_code
from hexi_care.db.storefiles import keys_path
from hexi_care.errors import AuthFailed
from tests.conftest import ADMIN_PW, PW, World, add_child


def _opens(path: Path, key: bytes) -> bool:
    """The attacker's own tool: raw SQLCipher with a key they kept."""
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(_key_pragma(key))
        conn.execute("SELECT count(*) FROM child").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def _cli(store: Path, *args: str, stdin: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--store", str(store), *args], io.StringIO(stdin), out, err)
    return code, out.getvalue(), err.getvalue()


def test_deactivate_with_rekey_locks_out_the_key_a_removed_user_kept(
    world: World, tmp_path: Path
) -> None:
    # dir_b, still trusted, takes the data key and a copy of the slot file home.
    insider = world.login("dir_b")
    stolen_key = insider.data_key
    insider.lock()
    shutil.copyfile(keys_path(world.path), tmp_path / "old.keys")
    old_backup = world.admin.backup(tmp_path / "before.hexibak")
    world.admin.lock()
    assert _opens(world.path, stolen_key)

    code, out, err = _cli(
        world.path,
        "--user",
        "admin",
        "--password-stdin",
        "user",
        "deactivate",
        "dir_b",
        "--rekey",
        "--json",
        stdin=ADMIN_PW + "\n",
    )
    assert code == 0, err
    report = json.loads(out)
    assert str(old_backup) not in report["older_backups"]  # outside the backup folder
    assert report["recovery_code"] != world.recovery_code

    # The key dir_b kept opens nothing current, nor what is written after.
    assert not _opens(world.path, stolen_key)
    director = world.login("dir_a")
    add_child(director, world.community_a, name="撤销后新增")
    director.lock()
    assert not _opens(world.path, stolen_key)
    # Putting the old slot file back does not help either: its slots unwrap the old key.
    shutil.copyfile(tmp_path / "old.keys", keys_path(world.path))
    with pytest.raises(AuthFailed):
        unlock(world.path, "dir_b", PW)
    shutil.copyfile(tmp_path / "old.keys", tmp_path / "x")
    # The live users were re-wrapped without their passwords; dir_b's slot is gone.
    with pytest.raises(AuthFailed):
        unlock(world.path, "dir_a", PW)  # the old slot file really is useless now


def test_store_rekey_keeps_every_live_user_and_replaces_the_recovery_code(world: World) -> None:
    world.admin.lock()
    code, out, err = _cli(
        world.path,
        "--user",
        "admin",
        "--password-stdin",
        "store",
        "rekey",
        "--json",
        stdin=ADMIN_PW + "\n",
    )
    assert code == 0, err
    new_code = json.loads(out)["recovery_code"]
    for name in ("dir_a", "dir_b", "street_a", "centre"):
        unlock(world.path, name, PW).lock()
    unlock(world.path, "admin", ADMIN_PW).lock()
    with pytest.raises(AuthFailed):
        unlock_with_recovery_code(world.path, world.recovery_code)
    unlock_with_recovery_code(world.path, new_code).lock()
    # The audit chain still verifies across the key change.
    code, out, err = _cli(
        world.path,
        "--user",
        "admin",
        "--password-stdin",
        "audit",
        "verify",
        "--json",
        stdin=ADMIN_PW + "\n",
    )
    assert code == 0 and json.loads(out)["ok"], out + err


def test_older_backups_are_named_and_can_be_deleted(world: World) -> None:
    store = world.login("dir_a")
    old = store.auto_backup(reason="old")
    store.lock()
    world.admin.lock()
    code, out, err = _cli(
        world.path,
        "--user",
        "admin",
        "--password-stdin",
        "store",
        "rekey",
        stdin=ADMIN_PW + "\n",
    )
    assert code == 0, err
    assert str(old) in out and "旧密码" in out  # told, in Chinese, that it opens with old passwords
    assert old.exists()
    code, out, err = _cli(
        world.path,
        "--user",
        "admin",
        "--password-stdin",
        "store",
        "rekey",
        "--delete-old-backups",
        "--json",
        stdin=ADMIN_PW + "\n",
    )
    assert code == 0, err
    assert not old.exists() and json.loads(out)["deleted_backups"] >= 1


def test_backups_in_a_chosen_folder_are_named_and_deleted_too(world: World, tmp_path: Path) -> None:
    """The window writes its daily backups to the folder chosen in Settings; a rekey from the
    command line lists those too (the store remembers the folder), and deletes them on request.
    A backup of another store in that folder is left alone."""
    chosen = tmp_path / "usb-stick"
    store = world.login("dir_a")
    kept = store.auto_backup(chosen, reason="daily")  # as the window's daily backup does
    store.lock()
    # Another store's backup in the same folder (its slot file names another store id).
    stranger = chosen / "other-20240101-000000-daily.hexibak"
    shutil.copyfile(kept, stranger)
    data = bytearray(stranger.read_bytes())
    at = data.index(world.admin.store_id.encode())
    data[at : at + len(world.admin.store_id)] = b"x" * len(world.admin.store_id)
    stranger.write_bytes(bytes(data))
    world.admin.lock()
    code, out, err = _cli(
        world.path,
        "--user",
        "admin",
        "--password-stdin",
        "store",
        "rekey",
        "--json",
        stdin=ADMIN_PW + "\n",
    )
    assert code == 0, err
    listed = json.loads(out)["older_backups"]
    assert str(kept) in listed and str(stranger) not in listed
    # A folder the store has never seen can be named; --delete-old-backups empties both.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    moved = elsewhere / kept.name
    shutil.copyfile(kept, moved)
    code, out, err = _cli(
        world.path,
        "--user",
        "admin",
        "--password-stdin",
        "store",
        "rekey",
        "--backup-folder",
        str(elsewhere),
        "--delete-old-backups",
        "--json",
        stdin=ADMIN_PW + "\n",
    )
    assert code == 0, err
    assert not kept.exists() and not moved.exists() and stranger.exists()
    assert json.loads(out)["deleted_backups"] >= 2


def test_only_the_administrator_rekeys(world: World) -> None:
    code, out, err = _cli(
        world.path,
        "--user",
        "centre",
        "--password-stdin",
        "store",
        "rekey",
        stdin=PW + "\n",
    )
    assert code == 4
    slots = KeySlots.load(keys_path(world.path))
    assert slots.find("recovery-code") is not None
    unlock_with_recovery_code(world.path, world.recovery_code).lock()  # nothing changed


def test_password_reset_and_recovery_code_take_rekey(world: World) -> None:
    insider = world.login("dir_a")
    leaked = insider.data_key
    insider.lock()
    world.admin.lock()
    code, out, err = _cli(
        world.path,
        "--user",
        "admin",
        "--password-stdin",
        "user",
        "passwd",
        "dir_a",
        "--rekey",
        "--json",
        stdin=f"{ADMIN_PW}\nreset-by-admin-Pw-2\n",
    )
    assert code == 0, err
    assert not _opens(world.path, leaked)
    unlock(world.path, "dir_a", "reset-by-admin-Pw-2").lock()
    issued = json.loads(out)["recovery_code"]
    # The printed code is used (so it has been seen): with --rekey it is replaced at once.
    code, out, err = _cli(
        world.path,
        "--password-stdin",
        "recover",
        "--for",
        "dir_b",
        "--rekey",
        "--json",
        stdin=f"{issued}\nrecovered-by-code-Pw-4\n",
    )
    assert code == 0, err
    with pytest.raises(AuthFailed):
        unlock_with_recovery_code(world.path, issued)
    unlock_with_recovery_code(world.path, json.loads(out)["recovery_code"]).lock()
    unlock(world.path, "dir_b", "recovered-by-code-Pw-4").lock()


def test_a_rekey_while_another_program_has_the_store_open_changes_nothing(world: World) -> None:
    generation = world.admin.generation
    other = world.login("dir_a")  # another window, with its connection open
    with other.system_session() as s:
        s.execute(text("SELECT count(*) FROM child")).all()
    code, _, err = _cli(
        world.path,
        "--user",
        "admin",
        "--password-stdin",
        "store",
        "rekey",
        stdin=ADMIN_PW + "\n",
    )
    assert code == 6 and "另一个程序" in err
    other.lock()
    world.admin.lock()
    unlock(world.path, "dir_a", PW).lock()
    unlock_with_recovery_code(world.path, world.recovery_code).lock()  # nothing changed
    # ...not even the audit trail: no "rekey" event and the same generation (the event is
    # written once the store is under its new key, never before the work).
    store = unlock(world.path, "admin", ADMIN_PW)
    try:
        assert store.generation == generation
        with store.system_session() as s:
            rekeys = s.execute(
                text("SELECT count(*) FROM audit_event WHERE action = 'rekey'")
            ).scalar_one()
        assert rekeys == 0
    finally:
        store.lock()
