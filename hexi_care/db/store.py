"""A case store on disk: the SQLCipher file, its key slots and throttle file beside it.

`create_store` makes one; `unlock` opens it for one user; `OpenStore.lock` drops the key and closes
every connection. Backups are single files holding the key slots and an encrypted SQLite backup copy.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3
from sqlalchemy import Engine, select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from hexi_care.db import migrate
from hexi_care.db.audit import derive_mac_key
from hexi_care.db.base import new_id
from hexi_care.db.engine import _key_pragma, classify_db_error, integrity_check, make_engine
from hexi_care.db.keys import KdfParams, KeySlots, Throttle, atomic_write, new_recovery_code
from hexi_care.db.models import AppUser, Meta, OrgUnit
from hexi_care.db.scope import Scope, set_scope
from hexi_care.domain.enums import Role, UnitKind
from hexi_care.domain.model import User
from hexi_care.errors import (
    AuthFailed,
    StoreDamaged,
    StoreExists,
    StoreMissing,
    StoreProblem,
)

log = logging.getLogger("hexi_care.store")

BACKUP_MAGIC = b"HEXI-CARE-BACKUP\x01"
AUTO_BACKUPS_KEPT = 7
Clock = Callable[[], datetime]


def utc_clock() -> datetime:
    return datetime.now(UTC)


def keys_path(path: Path) -> Path:
    return path.with_name(path.name + ".keys")


def throttle_path(path: Path) -> Path:
    return path.with_name(path.name + ".throttle")


def default_backup_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


@dataclass(frozen=True, slots=True)
class CreatedStore:
    store: OpenStore
    recovery_code: str


class OpenStore:
    """An unlocked store: the engine, the derived keys and the user who unlocked it."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        data_key: bytes,
        user: User | None,
        *,
        clock: Clock = utc_clock,
    ) -> None:
        self.path = path
        self.engine: Engine | None = engine
        self._data_key: bytearray | None = bytearray(data_key)
        self.mac_key = derive_mac_key(data_key)
        self.user = user
        self.clock = clock
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        with self._sessions() as s:
            set_scope(s, Scope.all())
            meta = dict(s.execute(select(Meta.key, Meta.value)).all())
        self.store_id = meta.get("store_id", "")
        self.device_id = meta.get("device_id", "")

    # -- sessions ----------------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self.engine is None

    def _require_open(self) -> Engine:
        if self.engine is None:
            raise StoreProblem("store_is_locked")
        return self.engine

    def session(self, scope: Scope) -> Session:
        self._require_open()
        s = self._sessions()
        set_scope(s, scope)
        return s

    def system_session(self) -> Session:
        """Unscoped: for the store's own housekeeping, never for serving a user's request."""
        return self.session(Scope.all())

    def scope_for(self, user: User) -> Scope:
        if user.role == Role.ADMIN:
            return Scope.nothing()
        with self.system_session() as s:
            units = list(s.execute(select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.kind)))
            roots = [u for u, p, _ in units if p is None]
        children: dict[str | None, list[str]] = {}
        kinds = {u: k for u, _, k in units}
        for u, p, _ in units:
            children.setdefault(p, []).append(u)
        found: set[str] = set()
        stack = [user.unit_id]
        while stack:
            u = stack.pop()
            if kinds.get(u) == UnitKind.COMMUNITY:
                found.add(u)
            stack.extend(children.get(u, []))
        if roots == [user.unit_id]:
            return Scope.all()
        return Scope.of(found)

    @property
    def data_key(self) -> bytes:
        if self._data_key is None:
            raise StoreProblem("store_is_locked")
        return bytes(self._data_key)

    # -- locking -----------------------------------------------------------------------------
    def lock(self) -> None:
        """Drop the key and close every pooled connection."""
        if self._data_key is not None:
            for i in range(len(self._data_key)):
                self._data_key[i] = 0
        self._data_key = None
        self.mac_key = b""
        if self.engine is not None:
            self.engine.dispose()
        self.engine = None

    # -- maintenance -------------------------------------------------------------------------
    def check(self) -> list[str]:
        return integrity_check(self._require_open())

    def backup(self, out: Path) -> Path:
        """An encrypted, self-contained backup file (key slots + SQLCipher copy)."""
        self._require_open()
        return write_backup(self.path, self.data_key, Path(out))

    def auto_backup(
        self, folder: Path | None = None, keep: int = AUTO_BACKUPS_KEPT, reason: str = "auto"
    ) -> Path:
        return auto_backup(self.path, self.data_key, self.clock(), folder, keep, reason)


def write_backup(path: Path, data_key: bytes, out: Path) -> Path:
    tmp_db = out.with_name(out.name + ".db.tmp")
    tmp_out = out.with_name(out.name + ".tmp")
    try:
        _sqlite_backup(path, tmp_db, data_key)
        slots = keys_path(path).read_bytes()
        with open(tmp_out, "wb") as fh:
            fh.write(BACKUP_MAGIC)
            fh.write(struct.pack(">Q", len(slots)))
            fh.write(slots)
            with open(tmp_db, "rb") as src:
                shutil.copyfileobj(src, fh, 1 << 20)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_out, out)
    except OSError as exc:
        tmp_out.unlink(missing_ok=True)
        raise _os_problem(exc) from None
    finally:
        for p in (
            tmp_db,
            tmp_db.with_name(tmp_db.name + "-wal"),
            tmp_db.with_name(tmp_db.name + "-shm"),
        ):
            p.unlink(missing_ok=True)
    return out


def auto_backup(
    path: Path,
    data_key: bytes,
    now: datetime,
    folder: Path | None = None,
    keep: int = AUTO_BACKUPS_KEPT,
    reason: str = "auto",
) -> Path:
    folder = folder or default_backup_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    out = write_backup(path, data_key, folder / f"{path.stem}-{now:%Y%m%d-%H%M%S}-{reason}.hexibak")
    rotate_backups(folder, keep)
    return out


def auto_backup_due(path: Path, folder: Path | None = None, max_age_hours: float = 24.0) -> bool:
    """Whether the newest automatic backup is older than `max_age_hours` (or there is none)."""
    folder = folder or default_backup_dir(path)
    newest = max((p.stat().st_mtime for p in folder.glob("*.hexibak")), default=0.0)
    return time.time() - newest > max_age_hours * 3600


def rotate_backups(folder: Path, keep: int) -> None:
    files = sorted(folder.glob("*.hexibak"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)


def _sqlite_backup(src_path: Path, dst_path: Path, key: bytes) -> None:
    src = sqlcipher3.connect(str(src_path))
    dst = sqlcipher3.connect(str(dst_path))
    try:
        for conn in (src, dst):
            conn.execute(_key_pragma(key))
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
    finally:
        dst.close()
        src.close()


def _os_problem(exc: OSError) -> StoreProblem:
    import errno

    if exc.errno == errno.ENOSPC:
        from hexi_care.errors import DiskFull

        return DiskFull()
    return StoreProblem("store_io", detail=exc.strerror or type(exc).__name__)


# -- create and unlock ----------------------------------------------------------------------------
def create_store(
    path: Path,
    *,
    admin_name: str,
    admin_password: str,
    district_name: str = "河西区",
    district_code: str | None = "120103",
    kdf: KdfParams | None = None,
    clock: Clock = utc_clock,
    seed_reference: Callable[[Session], None] | None = None,
) -> CreatedStore:
    path = Path(path)
    if path.exists() or keys_path(path).exists():
        raise StoreExists(path=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    params = kdf or KdfParams.calibrate()
    data_key = os.urandom(32)
    store_id = new_id()
    slots = KeySlots.new(keys_path(path), store_id)
    slots.set_password(admin_name, admin_password, data_key, params)
    recovery = new_recovery_code()
    slots.set_recovery_code(recovery, data_key, params)
    engine = make_engine(path, data_key)
    try:
        migrate.upgrade(engine)
        sessions = sessionmaker(bind=engine)
        with sessions() as s, s.begin():
            set_scope(s, Scope.all())
            district = OrgUnit(
                name=district_name, kind=UnitKind.DISTRICT, parent_id=None, code=district_code
            )
            s.add(district)
            s.flush()
            s.add_all(
                [
                    Meta(key="store_id", value=store_id),
                    Meta(key="device_id", value=new_id()),
                    Meta(key="created_at", value=clock().isoformat()),
                ]
            )
            s.add(
                AppUser(
                    name=admin_name, display_name=admin_name, role=Role.ADMIN, unit_id=district.id
                )
            )
            if seed_reference is not None:
                seed_reference(s)
        slots.save()
    except BaseException:
        engine.dispose()
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            p.unlink(missing_ok=True)
        raise
    store = OpenStore(path, engine, data_key, None, clock=clock)
    store.user = load_user(store, admin_name)
    return CreatedStore(store, recovery)


def load_user(store: OpenStore, name: str) -> User:
    from hexi_care.db.keys import normalise_name

    with store.system_session() as s:
        for row in s.scalars(select(AppUser)):
            if normalise_name(row.name) == normalise_name(name):
                if not row.active:
                    raise AuthFailed()
                return User(
                    id=row.id,
                    name=row.name,
                    role=Role(row.role),
                    unit_id=row.unit_id,
                    display_name=row.display_name,
                    active=row.active,
                )
    raise AuthFailed()


def open_with_key(
    path: Path, data_key: bytes, *, clock: Clock = utc_clock, backup_before_upgrade: bool = True
) -> OpenStore:
    """Open the SQLCipher file with a data key already unwrapped; migrate if needed."""
    if not path.exists():
        raise StoreMissing(path=str(path))
    engine = make_engine(path, data_key)
    try:
        if migrate.needs_upgrade(engine):
            if backup_before_upgrade and migrate.current_revision(engine) is not None:
                auto_backup(path, data_key, clock(), reason="before-upgrade")
            log.info("upgrading store schema")
            migrate.upgrade(engine)
        return OpenStore(path, engine, data_key, None, clock=clock)
    except DatabaseError as exc:
        engine.dispose()
        problem = classify_db_error(exc)
        if problem is not None:
            raise problem from None
        raise
    except BaseException:
        engine.dispose()
        raise


def unlock(path: Path, user_name: str, password: str, *, clock: Clock = utc_clock) -> OpenStore:
    path = Path(path)
    if not path.exists():
        raise StoreMissing(path=str(path))
    slots = KeySlots.load(keys_path(path))
    throttle = Throttle(throttle_path(path))
    slot_key = slots.slot_id_for(user_name)
    throttle.check(slot_key)
    try:
        data_key = slots.unlock_password(user_name, password)
    except AuthFailed:
        throttle.failed(slot_key)
        raise
    throttle.succeeded(slot_key)
    store = open_with_key(path, data_key, clock=clock)
    try:
        store.user = load_user(store, user_name)
    except BaseException:
        store.lock()
        raise
    return store


def set_password(
    store: OpenStore, user_name: str, new_password: str, kdf: KdfParams | None = None
) -> None:
    """Re-wrap one slot; the store itself is never rekeyed."""
    slots = KeySlots.load(keys_path(store.path))
    slots.set_password(user_name, new_password, store.data_key, kdf or KdfParams.calibrate())
    slots.save()


def unlock_with_recovery_code(path: Path, code: str, *, clock: Clock = utc_clock) -> OpenStore:
    path = Path(path)
    slots = KeySlots.load(keys_path(path))
    throttle = Throttle(throttle_path(path))
    throttle.check("recovery-code")
    try:
        data_key = slots.unlock_recovery_code(code)
    except AuthFailed:
        throttle.failed("recovery-code")
        raise
    throttle.succeeded("recovery-code")
    return open_with_key(path, data_key, clock=clock)


# -- restore --------------------------------------------------------------------------------------
def read_backup(backup: Path) -> tuple[bytes, int]:
    """The key-slot JSON and the offset of the database inside a backup file."""
    try:
        with open(backup, "rb") as fh:
            magic = fh.read(len(BACKUP_MAGIC))
            if magic != BACKUP_MAGIC:
                raise StoreDamaged()
            (n,) = struct.unpack(">Q", fh.read(8))
            if n > 10_000_000:
                raise StoreDamaged()
            slots = fh.read(n)
            if len(slots) != n:
                raise StoreDamaged()
            return slots, len(BACKUP_MAGIC) + 8 + n
    except FileNotFoundError:
        raise StoreMissing(path=str(backup)) from None
    except struct.error:
        raise StoreDamaged() from None


def restore(backup: Path, target: Path, user_name: str, password: str) -> Path | None:
    """Verify a backup (the user's password opens it, integrity holds), then put it in place of
    `target`. The store being replaced is kept beside it; its path is returned."""
    backup, target = Path(backup), Path(target)
    slot_bytes, offset = read_backup(backup)
    staging = target.with_name(target.name + ".restoring")
    staging_keys = keys_path(staging)
    try:
        with open(backup, "rb") as src, open(staging, "wb") as dst:
            src.seek(offset)
            shutil.copyfileobj(src, dst, 1 << 20)
            dst.flush()
            os.fsync(dst.fileno())
        atomic_write(staging_keys, slot_bytes)
        try:
            slots = KeySlots.load(staging_keys)
        except Exception:
            raise StoreDamaged() from None
        data_key = slots.unlock_password(user_name, password)
        check_store = open_with_key(staging, data_key, backup_before_upgrade=False)
        try:
            load_user(check_store, user_name)
            problems = check_store.check()
        finally:
            check_store.lock()
        if problems:
            raise StoreDamaged()
        kept: Path | None = None
        if target.exists():
            kept = target.with_name(f"{target.name}.before-restore-{int(time.time())}")
            os.replace(target, kept)
            if keys_path(target).exists():
                os.replace(keys_path(target), keys_path(kept))
            for suffix in ("-wal", "-shm"):
                target.with_name(target.name + suffix).unlink(missing_ok=True)
        os.replace(staging, target)
        os.replace(staging_keys, keys_path(target))
        return kept
    finally:
        for p in (
            staging,
            staging_keys,
            staging.with_name(staging.name + "-wal"),
            staging.with_name(staging.name + "-shm"),
        ):
            p.unlink(missing_ok=True)


def store_info(path: Path) -> dict[str, object]:
    """What can be told about a store without unlocking it (nothing personal)."""
    slots = KeySlots.load(keys_path(path))
    return {
        "store_id": slots.store_id,
        "password_slots": sum(1 for s in slots.slots if s.kind == "password"),
        "recovery_code": slots.find("recovery-code") is not None,
        "recovery_centre": slots.find("recovery-centre") is not None,
        "size_bytes": path.stat().st_size if path.exists() else 0,
    }


def dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)
