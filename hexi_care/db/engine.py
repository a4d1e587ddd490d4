"""The one engine module: opens SQLCipher through SQLAlchemy, keys every connection with the raw
data key before anything else, and sets the pragmas the store relies on."""

from __future__ import annotations

import logging
import weakref
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.pool import QueuePool

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


def _key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def make_engine(path: Path, key: bytes | None, *, pool_size: int = 2) -> Engine:
    """An engine on `path`, keyed with `key` (32 bytes); `key=None` gives a plain SQLite file
    (used only by the benchmark to compare)."""
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
    engine = create_engine(f"sqlite:///{path}", **kwargs)
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
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = FULL")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            cur.execute("PRAGMA temp_store = MEMORY")  # no temporary files with case data
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A reader beside a unit of work (OpenStore.reading_session) must not queue for the
        # write lock that unit of work holds.
        read_only = conn.get_execution_options().get(READ_ONLY)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

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
    if "malformed" in msg or "not a database" in msg or "disk i/o" in msg:
        return StoreDamaged()
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
