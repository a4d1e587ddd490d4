"""A case store on disk: the SQLCipher file, its key slots and throttle file beside it.

`create_store` makes one; `unlock` opens it for one user; `OpenStore.lock` drops the key and closes
every connection; `rekey` gives it a new data key. Backups are single files holding the key slots and
an encrypted SQLite backup copy. The names of the files beside a store live in `storefiles`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import struct
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import sqlcipher3
from sqlalchemy import Engine, select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from hexi_care.db import migrate, storefiles
from hexi_care.db.audit import derive_mac_key
from hexi_care.db.base import new_id
from hexi_care.db.engine import (
    READ_ONLY,
    _key_pragma,
    classify_db_error,
    forget_key,
    integrity_check,
    make_engine,
)
from hexi_care.db.keys import (
    KdfParams,
    KeySlots,
    Throttle,
    edit_slots,
    new_recovery_code,
)
from hexi_care.db.location import Location, is_hub
from hexi_care.db.models import AppUser, Child, Meta, OrgUnit
from hexi_care.db.scope import Scope, set_scope
from hexi_care.domain.enums import Role, UnitKind
from hexi_care.domain.model import User
from hexi_care.errors import (
    AuthFailed,
    StoreDamaged,
    StoreExists,
    StoreMissing,
    StoreProblem,
    StoreReadOnly,
)

log = logging.getLogger("hexi_care.store")

BACKUP_MAGIC = b"HEXI-CARE-BACKUP\x01"
AUTO_BACKUPS_KEPT = 7
BUSY_SECONDS = 5.0
Clock = Callable[[], datetime]


def utc_clock() -> datetime:
    return datetime.now(UTC)


AUDIT_MAC_KEY = "audit_mac_key"  # meta: kept across rekeys so the audit chain stays verifiable
GENERATION = "key_generation"  # meta: how many times the store has been rekeyed
# meta: backup folders chosen other than the default (JSON list), so a rekey started from the
# command line also finds the backups the window wrote to a folder chosen in its Settings.
BACKUP_FOLDERS = "backup_folders"


def throttle_path(path: Path) -> Path:
    return storefiles.throttle_path(path)


def default_backup_dir(path: Path) -> Path:
    return storefiles.backup_dir(path)


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
        read_only: bool = False,
    ) -> None:
        self.path = path
        self.user = user
        self.clock = clock
        #: Opened from a read-only medium: reading works, every change is StoreReadOnly.
        self.read_only = read_only
        #: The day's category dates were found applied for these scopes (services/children.py:
        #: apply_category_dates need not read its marks again until the date changes).
        self.category_dates_checked: set[tuple[date, Scope]] = set()
        self._attach(engine, data_key)

    def _attach(self, engine: Engine, data_key: bytes) -> None:
        self.engine: Engine | None = engine
        self._data_key: bytearray | None = bytearray(data_key)
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        with self._sessions() as s:
            set_scope(s, Scope.all())
            meta = dict(s.execute(select(Meta.key, Meta.value)).all())
        stored_mac = meta.get(AUDIT_MAC_KEY)
        self.mac_key = bytes.fromhex(stored_mac) if stored_mac else derive_mac_key(data_key)
        self.store_id = meta.get("store_id", "")
        self.device_id = meta.get("device_id", "")
        self.generation = int(meta.get(GENERATION, "0") or 0)

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

    @contextmanager
    def reading_session(self, scope: Scope) -> Iterator[Session]:
        """A scoped session on a connection of its own that only reads (a deferred transaction,
        so it neither waits for nor blocks a writer): for reading in another thread beside a
        unit of work. It sees what is committed, not that unit of work's own writes."""
        engine = self._require_open()
        with (
            engine.connect() as conn,
            Session(bind=conn.execution_options(**{READ_ONLY: True}), expire_on_commit=False) as s,
        ):
            set_scope(s, scope)
            try:
                yield s
            except BaseException:
                s.rollback()
                raise
            # It only read: a commit ends it as well, and keeps the hub's prepared statements
            # (a rollback makes psycopg drop them all).
            s.commit()

    def system_session(self) -> Session:
        """Unscoped: for the store's own housekeeping, never for serving a user's request."""
        return self.session(Scope.all())

    def scope_for(self, user: User) -> Scope:
        if user.role == Role.ADMIN:
            return Scope.nothing()
        with self.system_session() as s:
            units = list(s.execute(select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.kind)))
            everything = [u for u, p, _ in units if p is None] == [user.unit_id]
            # Children handed to a director (services/assignment.py) bring their community;
            # only directors are handed children.
            handed: set[str] = set()
            if user.role == Role.DIRECTOR and not everything:
                handed = set(
                    s.scalars(
                        select(Child.community_id).where(Child.director_id == user.id).distinct()
                    )
                )
            # Ended by a commit (it wrote nothing): on the hub a rollback also makes the driver
            # drop every statement it had prepared on the connection, one round trip more and
            # the statements parsed again (psycopg 3).
            s.commit()
        if everything:
            return Scope.all()
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
        return Scope.of(found | handed)

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
            forget_key(self.engine)
        self.engine = None

    @property
    def is_hub(self) -> bool:
        return False

    @property
    def location(self) -> Location:
        """Where the store is, as the user named it: its file, or a hub's URL."""
        return self.path

    def key_slots(self) -> KeySlots:
        """The store's key slots as they are now (read-only; `edit_slots` to change them)."""
        return KeySlots.load(storefiles.keys_path(self.path))

    @contextlib.contextmanager
    def edit_slots(self) -> Iterator[KeySlots]:
        """The key slots changed under the store's lock (a hub keeps them in a table)."""
        with edit_slots(self.path) as slots:
            yield slots

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
        if folder is not None:
            self.remember_backup_folder(folder)
        return auto_backup(self.path, self.data_key, self.clock(), folder, keep, reason)

    def backup_folders(self) -> list[Path]:
        """The default backup folder and every other folder backups of this store went to."""
        with self.system_session() as s:
            raw = s.scalar(select(Meta.value).where(Meta.key == BACKUP_FOLDERS))
        try:
            listed = json.loads(raw) if raw else []
        except ValueError:
            listed = []
        folders = [default_backup_dir(self.path).absolute()]
        for text in listed if isinstance(listed, list) else []:
            if isinstance(text, str) and text and Path(text).absolute() not in folders:
                folders.append(Path(text).absolute())
        return folders

    def remember_backup_folder(self, folder: Path) -> None:
        folder = Path(folder).absolute()
        known = self.backup_folders()
        if folder in known:
            return
        listed = [str(p) for p in known[1:]] + [str(folder)]
        with self.system_session() as s, s.begin():
            s.merge(Meta(key=BACKUP_FOLDERS, value=json.dumps(listed, ensure_ascii=False)))


def write_backup(path: Path, data_key: bytes, out: Path) -> Path:
    """Owner-only from the first byte (0600): a backup holds every key slot of the store."""
    stamp = f".{os.getpid()}-{new_id()[:8]}"
    tmp_db = out.with_name(f".{out.name}{stamp}.db.tmp")
    tmp_out = out.with_name(f".{out.name}{stamp}.tmp")
    try:
        os.close(storefiles.create_private(tmp_db))  # SQLite keeps the mode of an existing file
        _sqlite_backup(path, tmp_db, data_key)
        slots = storefiles.keys_path(path).read_bytes()
        with open(storefiles.create_private(tmp_out), "wb") as fh:
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
    except sqlcipher3.DatabaseError as exc:  # SQLite's own "disk is full" while copying
        tmp_out.unlink(missing_ok=True)
        problem = classify_db_error(exc)
        if problem is None:
            raise
        raise problem from None
    finally:
        for p in (tmp_db, *storefiles.sqlite_sidecars(tmp_db)):
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
    folder = storefiles.private_dir(folder or default_backup_dir(path))
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
    return storefiles.os_problem(exc)


# -- create and unlock ----------------------------------------------------------------------------
def create_store(
    path: Location,
    *,
    admin_name: str,
    admin_password: str,
    district_name: str = "河西区",
    district_code: str | None = "120103",
    kdf: KdfParams | None = None,
    clock: Clock = utc_clock,
    seed_reference: Callable[[Session], None] | None = None,
) -> CreatedStore:
    """A new store: a SQLCipher file, or the schema of an empty hub database (a URL, connected
    as the schema's owner)."""
    if is_hub(path):
        from hexi_care.db import hub

        assert isinstance(path, str)
        return hub.create_hub_store(
            path,
            admin_name=admin_name,
            admin_password=admin_password,
            district_name=district_name,
            district_code=district_code,
            kdf=kdf,
            clock=clock,
            seed_reference=seed_reference,
        )
    path = Path(path)
    if path.exists() or storefiles.keys_path(path).exists():
        raise StoreExists(path=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(storefiles.create_private(path))  # 0600 before SQLCipher writes its first page
    params = kdf or KdfParams.calibrate()
    data_key = os.urandom(32)
    store_id = new_id()
    slots = KeySlots.new(storefiles.keys_path(path), store_id)
    slots.set_password(admin_name, admin_password, data_key, params)
    recovery = new_recovery_code()
    slots.set_recovery_code(recovery, data_key, params)
    engine = make_engine(path, data_key)
    try:
        migrate.upgrade(engine)
        seed_new_store(
            engine,
            store_id=store_id,
            admin_name=admin_name,
            district_name=district_name,
            district_code=district_code,
            clock=clock,
            seed_reference=seed_reference,
        )
        slots.save()
    except BaseException:
        engine.dispose()
        for p in (path, *storefiles.sqlite_sidecars(path)):
            p.unlink(missing_ok=True)
        raise
    for p in storefiles.sqlite_sidecars(path):
        storefiles.private_file(p)
    store = OpenStore(path, engine, data_key, None, clock=clock)
    store.user = load_user(store, admin_name)
    return CreatedStore(store, recovery)


def seed_new_store(
    engine: Engine,
    *,
    store_id: str,
    admin_name: str,
    district_name: str,
    district_code: str | None,
    clock: Clock,
    seed_reference: Callable[[Session], None] | None,
    meta: dict[str, str] | None = None,
) -> None:
    """What every new store holds: its district, identity and administrator (file or hub)."""
    sessions = sessionmaker(bind=engine)
    with sessions() as s, s.begin():
        set_scope(s, Scope.all())
        district = OrgUnit(
            name=district_name, kind=UnitKind.DISTRICT, parent_id=None, code=district_code
        )
        s.add(district)
        s.flush()
        facts = {
            "store_id": store_id,
            "device_id": new_id(),
            "created_at": clock().isoformat(),
            **(meta or {}),
        }
        s.add_all([Meta(key=k, value=v) for k, v in facts.items()])
        s.add(
            AppUser(name=admin_name, display_name=admin_name, role=Role.ADMIN, unit_id=district.id)
        )
        if seed_reference is not None:
            seed_reference(s)


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


def is_read_only(path: Path) -> bool:
    """The store cannot be written where it lies: a read-only medium (a USB stick's switch), or
    a file or folder this user may not write."""
    return not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def open_with_key(
    path: Path,
    data_key: bytes,
    *,
    clock: Clock = utc_clock,
    backup_before_upgrade: bool = True,
    read_only: bool | None = None,
) -> OpenStore:
    """Open the SQLCipher file with a data key already unwrapped; migrate if needed. A store that
    cannot be written opens read-only (`OpenStore.read_only`), if its schema is current."""
    if not path.exists():
        raise StoreMissing(path=str(path))
    if read_only is None:
        read_only = is_read_only(path)
    engine = make_engine(path, data_key, read_only=read_only)
    try:
        if read_only:
            if migrate.needs_upgrade(engine):
                raise StoreReadOnly("store_read_only_old")
            return OpenStore(path, engine, data_key, None, clock=clock, read_only=True)
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


@dataclass(frozen=True, slots=True)
class Unlocked:
    """What a password check found: the data key and the failed attempts it forgave."""

    data_key: bytes
    forgiven_failures: int


def verify_password(path: Path, user_name: str, password: str) -> Unlocked:
    """The one password check: through the throttle, against the store's slot file. A slot that is
    old-format or below the Argon2 floor is rewritten while the password is at hand."""
    path = Path(path)
    slots = KeySlots.load(storefiles.keys_path(path))
    throttle = Throttle(path)
    slot_key = slots.slot_id_for(user_name)
    before = throttle.failures(slot_key)
    if is_read_only(path):
        # Nothing can be counted on a read-only medium. The throttle guards the live store; a
        # copy on read-only media is no weaker than any copy of the files (Argon2 still holds).
        throttle.check(slot_key)
        return Unlocked(slots.unlock_password(user_name, password), 0)
    try:
        throttle.begin(slot_key)  # counted as failed until it succeeds
    except OSError as exc:
        raise _os_problem(exc) from None
    data_key = slots.unlock_password(user_name, password)
    try:
        throttle.succeeded(slot_key)
    except OSError as exc:
        raise _os_problem(exc) from None
    if slots.needs_upgrade(user_name):
        params = KdfParams.calibrate()
        with edit_slots(path) as fresh:
            fresh.set_password(user_name, password, data_key, params)
        log.info("key slot rewritten with stronger parameters")
    return Unlocked(data_key, before)


def unlock(path: Location, user_name: str, password: str, *, clock: Clock = utc_clock) -> OpenStore:
    if is_hub(path):
        from hexi_care.db import hub

        assert isinstance(path, str)
        return hub.unlock_hub(path, user_name, password, clock=clock)
    path = Path(path)
    _finish_interrupted_restore(path)
    if not path.exists():
        raise StoreMissing(path=str(path))
    if not is_read_only(path):
        _finish_interrupted_rekey(path, user_name, password)
    found = verify_password(path, user_name, password)
    store = open_with_key(path, found.data_key, clock=clock)
    try:
        store.user = load_user(store, user_name)
    except BaseException:
        store.lock()
        raise
    if found.forgiven_failures:
        # Failed attempts cannot be written while the store is locked; the throttle file kept
        # them, and the next successful unlock puts them in the audit trail.
        with store.system_session() as s, s.begin():
            _audit(store, s, "login_failed", "user", store.user.id, str(found.forgiven_failures))
    return store


def _audit(
    store: OpenStore, s: Session, action: str, entity: str, entity_id: str | None, detail: str
) -> None:
    from hexi_care.db import audit

    audit.append(
        s,
        store.mac_key,
        at=store.clock(),
        user_id=store.user.id if store.user else None,
        device_id=store.device_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        detail=detail,
    )


def set_password(
    store: OpenStore, user_name: str, new_password: str, kdf: KdfParams | None = None
) -> None:
    """Re-wrap one slot (under the store's lock, so a concurrent change is not lost)."""
    params = kdf or KdfParams.calibrate()
    with store.edit_slots() as slots:
        slots.set_password(user_name, new_password, store.data_key, params)


def unlock_with_recovery_code(path: Path, code: str, *, clock: Clock = utc_clock) -> OpenStore:
    path = Path(path)
    slots = KeySlots.load(storefiles.keys_path(path))
    throttle = Throttle(path)
    throttle.begin("recovery-code")
    data_key = slots.unlock_recovery_code(code)
    throttle.succeeded("recovery-code")
    return open_with_key(path, data_key, clock=clock)


# -- rekey ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RekeyResult:
    recovery_code: str
    backup: Path | None
    older_backups: list[Path]
    dropped_slots: int  # password slots of users no longer active, or in the old format


def rekey(
    store: OpenStore,
    *,
    reason: str = "rekey",
    kdf: KdfParams | None = None,
    backup_folders: Sequence[Path] = (),
) -> RekeyResult:
    """Re-encrypt the store under a new data key (SQLCipher `PRAGMA rekey`).

    Every live user's slot gets the new key sealed to it (no passwords needed), inactive users'
    slots go, a new recovery code is issued, the centre slot is resealed, and a backup of the new
    generation is written. Backups made before still open with the passwords they held: they are
    listed from the default folder, `backup_folders` (the one chosen in the window's Settings) and
    every folder backups were written to before."""
    engine = store._require_open()
    old_key = store.data_key
    new_key = os.urandom(32)
    params = kdf or KdfParams.calibrate()
    code = new_recovery_code()
    with storefiles.locked(store.path):
        with store.system_session() as s, s.begin():
            live = [u.name for u in s.scalars(select(AppUser).where(AppUser.active.is_(True)))]
            # The audit chain keeps its MAC key across generations (it was derived from the old
            # data key), so the chain goes on under the new one.
            s.merge(Meta(key=AUDIT_MAC_KEY, value=store.mac_key.hex()))
        slots = KeySlots.load(storefiles.keys_path(store.path))
        before = len(slots.password_slot_ids())
        slots.keep_only({slots.slot_id_for(n) for n in live})
        slots.reseal(new_key, centre_payload_for(store, new_key))
        slots.set_recovery_code(code, new_key, params)
        dropped = before - len(slots.password_slot_ids())
        next_path = storefiles.keys_next_path(store.path)
        storefiles.atomic_write(next_path, slots.to_json().encode("utf-8"))
        forget_key(engine)
        store.engine = None
        try:
            _sqlcipher_rekey(store.path, old_key, new_key)
        except BaseException:
            next_path.unlink(missing_ok=True)
            store._attach(make_engine(store.path, old_key), old_key)
            raise
        os.replace(next_path, storefiles.keys_path(store.path))
        storefiles.fsync_dir(store.path.parent)
        store._attach(make_engine(store.path, new_key), new_key)
        # Written once the work is done: a rekey that failed or was stopped leaves no event.
        with store.system_session() as s, s.begin():
            s.merge(Meta(key=GENERATION, value=str(store.generation + 1)))
            _audit(store, s, "rekey", "store", None, reason)
        store.generation += 1
    for extra in backup_folders:
        store.remember_backup_folder(extra)
    older = older_backups(store)
    backup = store.auto_backup(reason=f"g{store.generation}")
    return RekeyResult(code, backup, [p for p in older if p != backup], dropped)


def older_backups(store: OpenStore) -> list[Path]:
    """Backups of this store (by the store id in their key slots) in every known backup folder; a
    chosen folder may also hold other stores' backups, which are left alone."""
    found: list[Path] = []
    for folder in store.backup_folders():
        try:
            candidates = sorted(folder.glob("*.hexibak"))
        except OSError:
            continue  # a removable drive that is not plugged in
        for p in candidates:
            if p not in found and _backup_store_id(p) == store.store_id:
                found.append(p)
    return found


def _backup_store_id(backup: Path) -> str | None:
    try:
        slots, _offset = read_backup(backup)
        value = json.loads(slots.decode("utf-8")).get("store_id")
    except (StoreProblem, OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def centre_payload_for(store: OpenStore, data_key: bytes) -> bytes:
    """What the centre slot seals: the key with the identity the centre checks before answering."""
    from hexi_care.db.keys import centre_payload
    from hexi_care.db.sync_models import SyncIdentity

    unit = ""
    with store.system_session() as s:
        row = s.get(SyncIdentity, store.device_id)
        if row is not None and row.unit_id:
            unit_row = s.get(OrgUnit, row.unit_id)
            unit = unit_row.name if unit_row else ""
    return centre_payload(store.store_id, store.device_id, unit, data_key)


def _sqlcipher_rekey(path: Path, old_key: bytes, new_key: bytes) -> None:
    """Needs the file to itself: another window or command on the store makes it StoreLocked
    (nothing has changed then)."""
    try:
        _sqlcipher_rekey_once(path, old_key, new_key)
    except sqlcipher3.OperationalError as exc:
        problem = classify_db_error(exc)
        if problem is not None:
            raise problem from None
        raise


def _sqlcipher_rekey_once(path: Path, old_key: bytes, new_key: bytes) -> None:
    conn = sqlcipher3.connect(str(path), timeout=BUSY_SECONDS)
    try:
        conn.execute(_key_pragma(old_key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # Rekey rewrites every page; in rollback-journal mode a crash leaves the old or the new file.
        conn.execute("PRAGMA journal_mode = DELETE").fetchone()
        conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def _finish_interrupted_rekey(path: Path, user_name: str, password: str) -> None:
    """A rekey stopped between re-encrypting and renaming the slot file: whichever slot file opens
    the database wins."""
    next_path = storefiles.keys_next_path(path)
    if not next_path.exists():
        return
    with storefiles.locked(path):
        if not next_path.exists():
            return
        try:
            key = KeySlots.load(next_path).unlock_password(user_name, password)
        except (AuthFailed, StoreDamaged):
            return
        try:
            engine = make_engine(path, key)
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").fetchone()
        except Exception:
            next_path.unlink(missing_ok=True)  # the database still has the old key
            return
        finally:
            engine.dispose()
        os.replace(next_path, storefiles.keys_path(path))


def delete_backups(paths: list[Path]) -> int:
    n = 0
    for p in paths:
        try:
            p.unlink()
            n += 1
        except FileNotFoundError:
            pass
    return n


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


RESTORERS = (Role.ADMIN, Role.CENTRE_SUPERVISOR)


def restore(
    backup: Path,
    target: Path,
    user_name: str,
    password: str,
    *,
    backup_password: str | None = None,
    keep_backup_slots: bool = False,
    clock: Clock = utc_clock,
) -> Path | None:
    """Put a verified backup in place of `target`; the store it replaces is kept beside it and its
    path returned.

    The actor proves themselves to the *current* store (through its throttle): only its
    administrator or centre supervisor may restore. The backup is opened with the current data key
    or, for an older generation, with `backup_password` (else the same password) in the backup's
    own slots. Unless `keep_backup_slots`, the restored database is re-encrypted to the current key
    and the current slot file stays, so removed users and old passwords do not come back. The
    restore is an audit event in the restored store (with the chain head it replaced), and the
    next package carries it to the centre."""
    backup, target = Path(backup), Path(target)
    from hexi_care.db.hub_backup import is_hub_backup

    if is_hub_backup(backup):
        raise StoreProblem("backup_is_hub")  # a pg_dump inside: it goes back into a database
    current_key: bytes | None = None
    replaced_head = ""
    if target.exists():
        found = verify_password(target, user_name, password)
        current = open_with_key(target, found.data_key, clock=clock)
        try:
            current_actor = load_user(current, user_name)
            if current_actor.role not in RESTORERS:
                with current.system_session() as s, s.begin():
                    current.user = current_actor
                    _audit(current, s, "refused", "store", None, "restore")
                from hexi_care.errors import ScopeDenied

                raise ScopeDenied("role_denied", role=current_actor.role.value, action="restore")
            from hexi_care.db import audit

            with current.system_session() as s:
                h = audit.head(s)
            replaced_head = f"{h.seq}:{h.mac}"
        finally:
            current.lock()
        current_key = found.data_key
    slot_bytes, offset = read_backup(backup)
    staging = storefiles.staging_path(target)
    staging_keys = storefiles.keys_path(staging)
    with storefiles.locked(target):
        try:
            with open(backup, "rb") as src, open(storefiles.create_private(staging), "wb") as dst:
                src.seek(offset)
                shutil.copyfileobj(src, dst, 1 << 20)
                dst.flush()
                os.fsync(dst.fileno())
            storefiles.atomic_write(staging_keys, slot_bytes)
            try:
                backup_slots = KeySlots.load(staging_keys)
            except Exception:
                raise StoreDamaged() from None
            data_key = _open_backup_key(
                target, staging, backup_slots, current_key, user_name, backup_password or password
            )
            check_store = open_with_key(staging, data_key, backup_before_upgrade=False)
            actor: User | None
            try:
                if current_key is None:
                    # No store to ask: the backup's own administrator or centre supervisor.
                    actor = load_user(check_store, user_name)
                    if actor.role not in RESTORERS:
                        from hexi_care.errors import ScopeDenied

                        raise ScopeDenied("role_denied", role=actor.role.value, action="restore")
                else:
                    actor = _user_row(check_store, user_name)
                problems = check_store.check()
                if problems:
                    raise StoreDamaged()
                check_store.user = actor
                with check_store.system_session() as s, s.begin():
                    _audit(
                        check_store,
                        s,
                        "restore",
                        "store",
                        None,
                        json.dumps(
                            {"backup": backup.name, "replaced_head": replaced_head},
                            ensure_ascii=False,
                        ),
                    )
                    s.merge(Meta(key="restored_at", value=clock().isoformat()))
                    # The chain must still verify once the file is re-encrypted to today's key.
                    s.merge(Meta(key=AUDIT_MAC_KEY, value=check_store.mac_key.hex()))
            finally:
                check_store.lock()
            final_keys = slot_bytes
            if current_key is not None and not keep_backup_slots:
                if data_key != current_key:
                    _sqlcipher_rekey(staging, data_key, current_key)
                final_keys = storefiles.keys_path(target).read_bytes()
            # From here the swap is journalled: a kill at any moment leaves either the old store
            # or the restored one at the path, finished by the next opening (_finish_restore).
            storefiles.atomic_write(staging_keys, final_keys)
            storefiles.atomic_write(storefiles.restore_ready_path(target), b"")
            return _finish_restore(target)
        finally:
            if not storefiles.restore_ready_path(target).exists():  # else the next opening finishes
                for p in (staging, staging_keys, *storefiles.sqlite_sidecars(staging)):
                    p.unlink(missing_ok=True)


def _finish_restore(target: Path) -> Path | None:
    """Swap a verified staged store into place (the rest of a restore, or what a stopped one left):
    the live store moves aside (kept), the staged one and its slots take its place. Each step can
    be repeated; returns where the replaced store was kept."""
    ready = storefiles.restore_ready_path(target)
    staging = storefiles.staging_path(target)
    staging_keys = storefiles.keys_path(staging)
    kept: Path | None = None
    if staging.exists():
        if target.exists():
            kept = storefiles.kept_path(target, int(time.time()))
            if storefiles.keys_path(target).exists():
                shutil.copyfile(storefiles.keys_path(target), storefiles.keys_path(kept))
            os.replace(target, kept)
            for p in storefiles.sqlite_sidecars(target):
                p.unlink(missing_ok=True)
        os.replace(staging, target)
    if staging_keys.exists():
        os.replace(staging_keys, storefiles.keys_path(target))
    storefiles.fsync_dir(target.parent)
    ready.unlink(missing_ok=True)
    return kept


def _finish_interrupted_restore(path: Path) -> None:
    if storefiles.restore_ready_path(path).exists():
        with storefiles.locked(path):
            if storefiles.restore_ready_path(path).exists():
                log.info("finishing a restore that was interrupted")
                _finish_restore(path)


def _open_backup_key(
    target: Path,
    staging: Path,
    slots: KeySlots,
    current_key: bytes | None,
    user_name: str,
    password: str,
) -> bytes:
    if current_key is not None and _key_opens(staging, current_key):
        return current_key
    # An older generation: its own slots, through the target's throttle (a backup is a copy an
    # attacker can take anywhere, but guesses made through this program still count).
    throttle = Throttle(target)
    slot_key = "backup:" + slots.slot_id_for(user_name)
    throttle.begin(slot_key)
    key = slots.unlock_password(user_name, password)
    throttle.succeeded(slot_key)
    return key


def _key_opens(path: Path, key: bytes) -> bool:
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(_key_pragma(key))
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def _user_row(store: OpenStore, name: str) -> User | None:
    try:
        return load_user(store, name)
    except AuthFailed:
        return None


def store_info(path: Path) -> dict[str, object]:
    """What can be told about a store without unlocking it (nothing personal)."""
    slots = KeySlots.load(storefiles.keys_path(path))
    return {
        "store_id": slots.store_id,
        "password_slots": sum(1 for s in slots.slots if s.kind == "password"),
        "recovery_code": slots.find("recovery-code") is not None,
        "recovery_centre": slots.find("recovery-centre") is not None,
        "size_bytes": path.stat().st_size if path.exists() else 0,
    }


def dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)
