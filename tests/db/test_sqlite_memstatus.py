"""SQLite's count of its own memory is off in the library the store runs on (engine.py): with it
on, every allocation of every connection took one shared lock, and two connections reading at
once (the statistics) spent most of their time waiting on each other. The speed itself is
measured by bench/bench_stats.py, not here."""

from __future__ import annotations

import ctypes
import platform
from pathlib import Path

import pytest
import sqlcipher3

from hexi_care.db import engine
from hexi_care.db.keys import kdf_floor
from hexi_care.db.store import create_store, unlock
from hexi_care.services.reference import seed_reference

SQLITE_STATUS_MEMORY_USED = 0

pytestmark = pytest.mark.skipif(
    platform.machine().lower() not in {"x86_64", "amd64"},
    reason="set only where calling sqlite3_config through ctypes is sound",
)


def memory_counted() -> int:
    lib = ctypes.CDLL(sqlcipher3._sqlite3.__file__)
    current, highest = ctypes.c_longlong(), ctypes.c_longlong()
    assert (
        lib.sqlite3_status64(
            SQLITE_STATUS_MEMORY_USED, ctypes.byref(current), ctypes.byref(highest), 0
        )
        == 0
    )
    return current.value


def test_the_statistics_are_off_while_an_encrypted_store_is_read(tmp_path: Path) -> None:
    assert engine.MEMORY_STATISTICS_OFF
    path = tmp_path / "s.hexi"
    create_store(
        path, admin_name="admin", admin_password="admin-pass-1", kdf=kdf_floor(),
        seed_reference=seed_reference,
    ).store.lock()  # fmt: skip
    store = unlock(path, "admin", "admin-pass-1")
    try:
        with store.system_session() as s:
            s.connection().exec_driver_sql("SELECT count(*) FROM org_unit").scalar_one()
            # With the count on, SQLite reports the megabytes its open connections hold.
            assert memory_counted() == 0
    finally:
        store.lock()
