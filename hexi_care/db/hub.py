"""The centre's hub: the same store on PostgreSQL, reached with `--store postgresql://…`.

What differs from a laptop's SQLCipher file, and only here:
- the key slots (each user's Argon2id-wrapped data key, as on laptops) and the throttle of failed
  attempts live in the `meta` table, readable before sign-in; the data key keys the audit chain;
- the program connects with a role that has rights on the app's tables only (`grant_app_role`);
  row-level security (migration 0010) limits every scoped table to the communities in the
  transaction's `hexi.scope` setting, which db/scope.py sets after sign-in;
- the audit table is append-only for that role (SELECT, INSERT: no UPDATE or DELETE);
- encryption on the wire is libpq's TLS (`sslmode=verify-full` in the URL), at rest the
  server's disk encryption (docs/hub.md).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from hexi_care.db import migrate, storefiles
from hexi_care.db.base import new_id
from hexi_care.db.keys import (
    KdfParams,
    KeySlots,
    Slot,
    _unb64,
    _wait,
    new_recovery_code,
)
from hexi_care.db.location import Location, driver_url, shown
from hexi_care.db.models import Meta, load_all
from hexi_care.db.store import Clock, CreatedStore, OpenStore, load_user, seed_new_store
from hexi_care.domain.model import User
from hexi_care.errors import (
    AuthThrottled,
    StoreDamaged,
    StoreExists,
    StoreLocked,
    StoreMissing,
    StoreProblem,
)

log = logging.getLogger("hexi_care.hub")

SLOTS_META = "hub_key_slots"
THROTTLE_META = "hub_throttle:"
#: Advisory lock keys: the slot table's editors and the throttle take turns under these.
SLOTS_LOCK = 0x6865_7801
THROTTLE_LOCK = 0x6865_7802

#: Tables the app role may read and add to but never change or delete from.
APPEND_ONLY = ("audit_event",)
#: Tables the app role may only read (the schema's own bookkeeping).
READ_ONLY = ("alembic_version",)
#: Functions that look past row-level security on purpose: they return record ids only (the
#: duplicate check, any community's; the search, the reader's scope's: migration 0016).
DEFINER_FUNCTIONS = (
    "hexi_child_by_id_number(text, text)",
    "hexi_child_search(text[], text, text, text)",
)


def make_hub_engine(url: str, *, pool_size: int = 5) -> Engine:
    """An engine on the hub. The URL's own parameters (sslmode, sslrootcert, several hosts,
    target_session_attrs) go to libpq unchanged; SQL errors never carry the values bound."""
    engine = create_engine(
        driver_url(url),
        pool_size=pool_size,
        max_overflow=8,
        pool_pre_ping=True,  # a standby promoted, a server restarted: reconnect, not fail
        hide_parameters=True,
        connect_args={
            "connect_timeout": 10,
            "application_name": "hexi-care",
            # Dates as text are ISO whatever the server's default (the services read dates
            # cast to text: statistics, the re-examination worklist).
            "options": "-c DateStyle=ISO,YMD",
        },
    )
    return engine


def classify_hub_error(exc: BaseException) -> StoreProblem | None:
    """The user's problem behind a connection failure, or None if it looks like a bug."""
    if not isinstance(exc, OperationalError | DBAPIError):
        return None
    msg = str(getattr(exc, "orig", exc)).lower()
    if "deadlock detected" in msg or "could not serialize" in msg or "lock timeout" in msg:
        return StoreLocked()
    if "password authentication failed" in msg or "pg_hba.conf" in msg:
        return StoreProblem("hub_refused")
    if "certificate" in msg or "ssl" in msg:
        return StoreProblem("hub_tls")
    if "does not exist" in msg and "database" in msg:
        return StoreMissing(path="")
    if any(
        word in msg
        for word in (
            "connection",
            "timeout",
            "could not",
            "server closed",
            "resolve host",  # psycopg's own name lookup: an unknown host or no DNS
            "name or service not known",
        )
    ):
        return StoreProblem("hub_unreachable")
    return None


@contextlib.contextmanager
def reaching(url: str) -> Iterator[None]:
    """Connection failures inside become the user's problem they stand for."""
    try:
        yield
    except (OperationalError, DBAPIError) as exc:
        problem = classify_hub_error(exc)
        if problem is None:
            raise
        if problem.key == "store_missing":
            problem = StoreMissing(path=shown(url))
        log.warning("hub %s: %s", shown(url), problem.key)
        raise problem from None


def local_anchor(store_id: str) -> Path:
    """A folder on this machine for what a store keeps beside itself (forms saved after a crash),
    one per hub, named by the hub's store id (no host or user in a file name)."""
    from hexi_care.paths import data_dir

    folder = data_dir() / "hubs" / store_id
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder / "hub.hexi"


# -- slots and throttle in the meta table ---------------------------------------------------------
def _load_slots(conn: Any) -> KeySlots:
    raw = conn.execute(select(Meta.value).where(Meta.key == SLOTS_META)).scalar()
    if raw is None:
        raise StoreDamaged()
    try:
        data = json.loads(raw)
        slots = [Slot(**s) for s in data["slots"]]
        return KeySlots(Path(os.devnull), str(data["store_id"]), _unb64(data["name_salt"]), slots)
    except (ValueError, KeyError, TypeError):
        raise StoreDamaged() from None


def _save_slots(conn: Any, slots: KeySlots) -> None:
    conn.execute(
        text("UPDATE meta SET value = :v WHERE key = :k"), {"v": slots.to_json(), "k": SLOTS_META}
    )


def load_slots(engine: Engine) -> KeySlots:
    with engine.connect() as conn:
        return _load_slots(conn)


@contextlib.contextmanager
def edit_slots(engine: Engine) -> Iterator[KeySlots]:
    """The slot table changed under one lock, as the laptop's slot file is: two administrators
    adding users at once each keep the other's slot."""
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SLOTS_LOCK})
        slots = _load_slots(conn)
        yield slots
        _save_slots(conn, slots)


class HubThrottle:
    """The laptop's throttle (keys.Throttle) kept in the hub's meta table: every attempt counted
    before it is tried, under one lock, forgiven when it succeeds."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _entry(self, conn: Any, slot_key: str) -> dict[str, Any]:
        raw = conn.execute(select(Meta.value).where(Meta.key == THROTTLE_META + slot_key)).scalar()
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            data = {}
        return data if isinstance(data, dict) else {}

    def failures(self, slot_key: str) -> int:
        with self.engine.connect() as conn:
            return int(self._entry(conn, slot_key).get("failures", 0))

    def begin(self, slot_key: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": THROTTLE_LOCK})
            entry = self._entry(conn, slot_key)
            now = time.time()
            wait = _wait(entry, now)
            if wait > 0:
                raise AuthThrottled(seconds=round(wait, 1))
            value = json.dumps({"failures": int(entry.get("failures", 0)) + 1, "last": now})
            conn.execute(
                text(
                    "INSERT INTO meta (key, value) VALUES (:k, :v) "
                    "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
                ),
                {"k": THROTTLE_META + slot_key, "v": value},
            )

    def succeeded(self, slot_key: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": THROTTLE_LOCK})
            conn.execute(text("DELETE FROM meta WHERE key = :k"), {"k": THROTTLE_META + slot_key})


# -- roles ----------------------------------------------------------------------------------------
def grant_app_role(engine: Engine, role: str) -> None:
    """Give the program's login role exactly the app's tables: read and write the case tables,
    append to the audit trail, read the schema version. Run as the schema's owner after every
    upgrade (new tables need their grants)."""
    with engine.begin() as conn:
        quoted = conn.dialect.identifier_preparer.quote(role)
        conn.execute(text(f"REVOKE ALL ON SCHEMA public FROM PUBLIC"))  # noqa: F541
        conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {quoted}"))
        for table in [*load_all().sorted_tables, None]:
            name = "alembic_version" if table is None else table.name
            q = conn.dialect.identifier_preparer.quote(name)
            conn.execute(text(f"REVOKE ALL ON {q} FROM {quoted}"))
            if name in READ_ONLY:
                rights = "SELECT"
            elif name in APPEND_ONLY:
                rights = "SELECT, INSERT"
            else:
                rights = "SELECT, INSERT, UPDATE, DELETE"
            conn.execute(text(f"GRANT {rights} ON {q} TO {quoted}"))
        for fn in DEFINER_FUNCTIONS:
            conn.execute(text(f"GRANT EXECUTE ON FUNCTION {fn} TO {quoted}"))


# -- the open hub ---------------------------------------------------------------------------------
class HubStore(OpenStore):
    """An unlocked hub: an OpenStore whose engine is PostgreSQL and whose slots are a table."""

    def __init__(
        self, url: str, engine: Engine, data_key: bytes, user: User | None, *, clock: Clock
    ) -> None:
        self.url = url
        super().__init__(Path(os.devnull), engine, data_key, user, clock=clock)
        self.path = local_anchor(self.store_id or "unknown")

    @property
    def is_hub(self) -> bool:
        return True

    @property
    def location(self) -> Location:
        return self.url

    def key_slots(self) -> KeySlots:
        return load_slots(self._require_open())

    @contextlib.contextmanager
    def edit_slots(self) -> Iterator[KeySlots]:
        with edit_slots(self._require_open()) as slots:
            yield slots

    def check(self) -> list[str]:
        # PostgreSQL checks its own pages and foreign keys; what can be wrong here is the chain
        # of migrations and the policies that keep scope.
        engine = self._require_open()
        problems: list[str] = []
        if migrate.needs_upgrade(engine):
            problems.append("schema: needs upgrade")
        problems.extend(missing_policies(engine))
        return problems

    def backup(self, out: Path) -> Path:
        """A pg_dump of the whole hub sealed in the backup format (db/hub_backup.py): every
        community's records, so only the administrator or the centre supervisor, connected as
        the schema's owner (the program's role sees one scope at a time)."""
        from hexi_care.db import hub_backup
        from hexi_care.db.store import RESTORERS
        from hexi_care.errors import ScopeDenied

        engine = self._require_open()
        if self.user is None or self.user.role not in RESTORERS:
            role = self.user.role.value if self.user else ""
            raise ScopeDenied("role_denied", role=role, action="backup")
        created = self.clock().isoformat()
        return hub_backup.write_hub_backup(self.url, engine, self.data_key, Path(out), created)

    def auto_backup(self, folder: Path | None = None, keep: int = 0, reason: str = "auto") -> Path:
        # The window's daily and manual backups write files beside a laptop's store; a hub is
        # backed up by its administrator as the schema's owner (docs/hub.md).
        raise StoreProblem("hub_backup_by_owner")


def missing_policies(engine: Engine) -> list[str]:
    """Scoped tables without row-level security: each is a place scope is an application control
    only, which a hub must not have."""
    from hexi_care.db.base import Base, ScopedMixin

    load_all()
    scoped = {
        str(getattr(m.local_table, "name", ""))
        for m in Base.registry.mappers
        if issubclass(m.class_, ScopedMixin)
    }
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relrowsecurity "
                "AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)"
            )
        ).scalars()
        protected = set(rows)
    return [f"row-level security: {t}" for t in sorted(scoped - protected)]


def create_hub_store(
    url: str,
    *,
    admin_name: str,
    admin_password: str,
    district_name: str,
    district_code: str | None,
    kdf: KdfParams | None,
    clock: Clock,
    seed_reference: Callable[[Session], None] | None,
) -> CreatedStore:
    """A new store in an empty hub database (connected as the schema's owner)."""
    engine = make_hub_engine(url)
    try:
        with reaching(url):
            if migrate.current_revision(engine) is not None:
                raise StoreExists(path=shown(url))
            params = kdf or KdfParams.calibrate()
            data_key = os.urandom(32)
            store_id = new_id()
            slots = KeySlots.new(Path(os.devnull), store_id)
            slots.set_password(admin_name, admin_password, data_key, params)
            recovery = new_recovery_code()
            slots.set_recovery_code(recovery, data_key, params)
            migrate.upgrade(engine)
            seed_new_store(
                engine,
                store_id=store_id,
                admin_name=admin_name,
                district_name=district_name,
                district_code=district_code,
                clock=clock,
                seed_reference=seed_reference,
                meta={SLOTS_META: slots.to_json()},
            )
    except BaseException:
        engine.dispose()
        raise
    store = HubStore(url, engine, data_key, None, clock=clock)
    store.user = load_user(store, admin_name)
    return CreatedStore(store, recovery)


def open_hub(url: str, data_key: bytes, *, clock: Clock, engine: Engine | None = None) -> HubStore:
    engine = engine or make_hub_engine(url)
    try:
        with reaching(url):
            if migrate.needs_upgrade(engine):
                # The program's role cannot change the schema; its owner upgrades the hub.
                raise StoreProblem("hub_needs_upgrade")
            return HubStore(url, engine, data_key, None, clock=clock)
    except BaseException:
        engine.dispose()
        raise


def unlock_hub(url: str, user_name: str, password: str, *, clock: Clock) -> HubStore:
    """Sign in to the hub: the user's own password opens their slot, as on a laptop."""
    engine = make_hub_engine(url)
    try:
        with reaching(url):
            slots = load_slots(engine)
            throttle = HubThrottle(engine)
            slot_key = slots.slot_id_for(user_name)
            throttle.begin(slot_key)
            data_key = slots.unlock_password(user_name, password)
            throttle.succeeded(slot_key)
    except BaseException:
        engine.dispose()
        raise
    store = open_hub(url, data_key, clock=clock, engine=engine)
    try:
        store.user = load_user(store, user_name)
    except BaseException:
        store.lock()
        raise
    return store


def upgrade_hub(url: str) -> None:
    """Bring the hub's schema to this program's (as its owner)."""
    engine = make_hub_engine(url, pool_size=1)
    try:
        with reaching(url):
            migrate.upgrade(engine)
    finally:
        engine.dispose()


# -- moving a centre's store into the hub ---------------------------------------------------------
def import_store(
    src: OpenStore, owner_url: str, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Copy a store file's every row into an empty hub database (as the schema's owner): the same
    ids, the audit chain as it is (its MAC key comes along in `meta`), the store's and device's
    identity (its enrolled laptops go on exchanging with the hub), and its key slots, so everyone
    signs in with the password they had. Returns the rows per table, checked against the hub."""
    if src.is_hub:
        raise StoreProblem("hub_not_here", what="hexi-care hub import-store")
    engine = make_hub_engine(owner_url, pool_size=1)
    try:
        with reaching(owner_url):
            if migrate.current_revision(engine) is not None:
                raise StoreExists(path=shown(owner_url))
            migrate.upgrade(engine)
            counts = _copy_rows(src, engine, progress)
            with engine.connect() as conn:
                # Statistics for the planner, and every copied row marked as seen by all (its
                # hint bits and the visibility map): else the first readers of each table, the
                # first district statistics over a year of visits, write all that themselves
                # (1.4 s instead of 0.4 s on 500,000 visits).
                conn.execution_options(isolation_level="AUTOCOMMIT").execute(
                    text("VACUUM (ANALYZE)")
                )
                found = {
                    name: int(conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar() or 0)
                    for name in counts
                }
    finally:
        engine.dispose()
    if found != counts:
        log.error("import-store: counts differ after the copy")
        raise StoreDamaged()
    return counts


def _copy_rows(
    src: OpenStore, engine: Engine, progress: Callable[[str, int], None] | None
) -> dict[str, int]:

    counts: dict[str, int] = {}
    raw = engine.raw_connection()
    try:
        pg: Any = raw.driver_connection  # psycopg's own connection: COPY is its API
        with pg.cursor() as cur, src.system_session() as s:
            for table in load_all().sorted_tables:
                cols = ", ".join(f'"{c.name}"' for c in table.columns)
                n = 0
                with cur.copy(f'COPY "{table.name}" ({cols}) FROM STDIN') as copy:
                    for row in s.execute(select(table)).yield_per(5000):
                        copy.write_row(tuple(row))
                        n += 1
                counts[table.name] = n
                if progress is not None:
                    progress(table.name, n)
            slots = storefiles.keys_path(src.path).read_text("utf-8")
            cur.execute("INSERT INTO meta (key, value) VALUES (%s, %s)", (SLOTS_META, slots))
            counts["meta"] += 1
        pg.commit()
    except BaseException:
        raw.rollback()
        raise
    finally:
        raw.close()
    return counts
