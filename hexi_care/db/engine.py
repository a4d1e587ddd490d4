"""The one engine module: opens SQLCipher through SQLAlchemy, keys every connection with the raw
data key before anything else, and sets the pragmas the store relies on."""

from __future__ import annotations

import ctypes
import logging
import platform
import weakref
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlcipher3
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from hexi_care.db import storefiles
from hexi_care.errors import AuthFailed, StoreDamaged, StoreLocked, StoreProblem

log = logging.getLogger("hexi_care.db")

# Page cache per connection: cold encrypted reads cost 1.5–4× (DESIGN.md). 128 MiB holds the
# statistics' covering index of a district (about 75 MiB for 490,000 visits), which at 64 MiB was
# decrypted again by every pass; SQLite fills the cache only as pages are read, so a community's
# small store uses no more than before.
CACHE_KIB = 128 * 1024
BUSY_TIMEOUT_MS = 5000
#: Execution option of a connection that only reads: its transactions begin deferred.
READ_ONLY = "hexi_care_read_only"


SQLITE_CONFIG_MEMSTATUS = 9


def _without_memory_statistics() -> bool:
    """Turn off SQLite's count of the memory it uses (SQLITE_CONFIG_MEMSTATUS), as SQLite's own
    list of recommended options does; the library sqlcipher3 bundles is built with it on.

    With it on, every allocation SQLite makes takes one lock shared by all connections of the
    process. Two connections grouping visits at once (the statistics read on two) spent most of
    their time waiting for each other on it: each read took two to three times as long as alone.
    Nothing here reads those counts.

    The setting can only change while SQLite is not initialised, and sqlcipher3 initialises it
    when imported: so shut down, set, initialise again, here at import, before any connection
    exists. Done only where calling SQLite's variadic sqlite3_config through ctypes is sound
    (x86-64) and the extension exports it; otherwise the store works as before, a little slower.
    Returns whether the statistics are off."""
    if platform.machine().lower() not in {"x86_64", "amd64"}:
        return False
    try:
        lib = ctypes.CDLL(sqlcipher3._sqlite3.__file__)  # the library sqlcipher3 runs on
        shutdown, config, initialize = (
            lib.sqlite3_shutdown,
            lib.sqlite3_config,
            lib.sqlite3_initialize,
        )
    except (OSError, AttributeError):
        return False
    if shutdown() != 0:
        initialize()
        return False
    done = bool(config(SQLITE_CONFIG_MEMSTATUS, ctypes.c_int(0)) == 0)
    if initialize() != 0:  # pragma: no cover (SQLite would fail its next open just the same)
        raise RuntimeError("SQLite did not initialise again")
    return done


MEMORY_STATISTICS_OFF = _without_memory_statistics()


def _key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def make_engine(
    path: Path, key: bytes | None, *, pool_size: int = 2, read_only: bool = False
) -> Engine:
    """An engine on `path`, keyed with `key` (32 bytes); `key=None` gives a plain SQLite file
    (used only by the benchmark to compare). `read_only` opens a store on a read-only medium:
    every write fails with SQLite's "readonly" error (StoreReadOnly)."""
    if key is not None and len(key) != 32:
        raise ValueError("the data key must be 32 bytes")
    module: Any = sqlcipher3 if key is not None else None
    # hide_parameters: SQL errors must never carry names or ID numbers into logs or messages.
    kwargs: dict[str, Any] = {
        "poolclass": QueuePool,
        "pool_size": pool_size,
        "max_overflow": 4,
        "hide_parameters": True,
    }
    if module is not None:
        kwargs["module"] = module
    url = f"sqlite:///{path}"
    if read_only:
        # Without a write-ahead log beside it the file is all there is: `immutable` needs no
        # shared-memory file (which a read-only folder cannot hold). With one, plain read-only
        # mode reads the log too.
        wal = storefiles.sqlite_sidecars(path)[0]
        flag = "mode=ro" if wal.exists() and wal.stat().st_size else "immutable=1"
        url = f"sqlite:///file:{quote(str(path))}?{flag}&uri=true"
    engine = create_engine(url, **kwargs)
    # The key is held here and nowhere else; it is never part of the URL or of an error.
    # `forget_key` empties the holder, so a locked store's engine cannot open a new connection.
    holder: list[str] = [_key_pragma(key)] if key is not None else []
    encrypted = key is not None
    _KEYS[engine] = holder

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transactions into our own hands (BEGIN IMMEDIATE below); pysqlite's implicit
        # transactions would start writes late and let two writers interleave.
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        try:
            if encrypted:
                if not holder:
                    raise StoreProblem("store_is_locked")
                cur.execute(holder[0])
                # SQLCipher's own log goes to stderr; our messages say what matters.
                cur.execute("PRAGMA cipher_log_level = NONE")
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            try:
                cur.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except Exception as exc:  # wrong key, or not a store at all
                raise _classify(exc) from None
            if not read_only:
                cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = FULL")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            cur.execute("PRAGMA temp_store = MEMORY")  # no temporary files with case data
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A read-only file cannot take the write lock; its transactions only read. Nor must a
        # reader beside a unit of work (OpenStore.reading_session) queue for the write lock that
        # unit of work holds.
        reading = read_only or conn.get_execution_options().get(READ_ONLY)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


_KEYS: weakref.WeakKeyDictionary[Engine, list[str]] = weakref.WeakKeyDictionary()


def forget_key(engine: Engine) -> None:
    """Drop the key the engine keys new connections with, then close the pooled ones."""
    holder = _KEYS.get(engine)
    if holder:
        holder.clear()
    engine.dispose()


def _classify(exc: BaseException) -> Exception:
    """Turn a DB-API error into the user's problem it stands for, without echoing SQL or keys."""
    msg = str(exc).lower()
    if "locked" in msg or "busy" in msg:
        return StoreLocked()
    if "not a database" in msg or "encrypted" in msg:
        return AuthFailed()
    if "malformed" in msg or "corrupt" in msg or "disk i/o" in msg:
        return StoreDamaged()
    return StoreDamaged()


def classify_db_error(exc: BaseException) -> Exception | None:
    """For callers: the user's problem behind an OperationalError, or None if it looks like a bug."""
    msg = str(exc).lower()
    if "database is locked" in msg or "database is busy" in msg:
        return StoreLocked()
    if "disk is full" in msg or "database or disk is full" in msg:
        from hexi_care.errors import DiskFull

        return DiskFull()
    if "readonly" in msg or "read-only" in msg:
        # A read-only medium or file, or (SQLITE_READONLY_DBMOVED) the file was deleted or moved
        # away while open: a stick pulled out.
        from hexi_care.errors import StoreGone, StoreReadOnly

        return StoreGone() if "moved" in msg else StoreReadOnly()
    if "disk i/o" in msg or "unable to open" in msg:
        from hexi_care.errors import StoreGone

        return StoreGone()
    if "malformed" in msg or "not a database" in msg:
        return StoreDamaged()
    if type(getattr(exc, "orig", None)).__module__.startswith("psycopg"):
        from hexi_care.db.hub import classify_hub_error

        return classify_hub_error(exc)
    return None


def integrity_check(engine: Engine) -> list[str]:
    """SQLite's and SQLCipher's own checks; an empty list means healthy."""
    try:
        return _integrity_check(engine)
    except DatabaseError as exc:
        # A damaged page stops the check itself; SQLite's message names no data.
        return [f"damaged: {exc.orig}" if exc.orig is not None else "damaged"]


def _integrity_check(engine: Engine) -> list[str]:
    problems: list[str] = []
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            problems.extend(f"integrity: {r[0]}" for r in rows)
        fk = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"foreign keys: {len(fk)} dangling references")
        if engine.dialect.dbapi is sqlcipher3:
            cipher = conn.execute(text("PRAGMA cipher_integrity_check")).fetchall()
            problems.extend(f"cipher: {r[0]}" for r in cipher)
    return problems


#: The hub's advisory lock that writers take in turn (a laptop's BEGIN IMMEDIATE does the same).
WRITE_LOCK_KEY = 0x6865_7800
_WRITE_LOCKED = "hexi_write_locked"


def serialise_writes(session: Session) -> None:
    """Take the store's write turn for this transaction, before its first write.

    SQLite gives it at BEGIN IMMEDIATE. On PostgreSQL writers take one advisory lock, before any
    row lock, so the audit chain's head and the change log's sequence stay one chain, and two
    writers can never wait on each other's rows (no deadlock)."""
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return
    if session.get_transaction() is None:
        session.connection()  # begins the transaction the lock belongs to
    tx = session.get_transaction()
    if tx is None or session.info.get(_WRITE_LOCKED) is tx:
        return
    session.info[_WRITE_LOCKED] = tx
    with session.no_autoflush:
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK_KEY})


@event.listens_for(Session, "before_flush")
def _write_turn(session: Session, _ctx: Any, _instances: Any) -> None:
    serialise_writes(session)
