"""Backups of a hub: a pg_dump of its database, sealed inside the laptop's backup format.

The file is the same as a laptop's (db/store.py): BACKUP_MAGIC, the key-slot JSON (the hub's
`meta` slots, so the same passwords open it), then the payload. A laptop's payload is the
SQLCipher copy, whose pages carry their own MAC; a hub's is HUB_PAYLOAD, a salt, and pg_dump's
custom-format archive cut into chunks, each sealed with AES-256-GCM under a key derived from the
hub's data key (a counter and a last-chunk flag in the nonce, so a chunk cannot be dropped,
moved or cut off unnoticed, and the slot JSON's hash in every chunk's associated data). The
first chunk is a manifest: the schema revision, the rows per table and the audit chain's head
in the dump's own snapshot, and which key slots may restore it.

The dump never touches the disk in plaintext: pg_dump writes to a pipe that is sealed as it is
read, and a restore decrypts into pg_restore's standard input. pg_restore runs in one
transaction that is killed, not committed, when a chunk fails to open. The database password
goes to the child processes in their own environment (PGPASSWORD), never on a command line.
"""

from __future__ import annotations

import glob
import hashlib
import json
import logging
import os
import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Engine, create_engine, text

from hexi_care.db import migrate, storefiles
from hexi_care.db.base import new_id
from hexi_care.db.keys import KeySlots, Throttle
from hexi_care.db.location import driver_url, shown
from hexi_care.db.models import load_all
from hexi_care.db.store import BACKUP_MAGIC, RESTORERS, Clock, _audit, load_user, read_backup
from hexi_care.errors import ScopeDenied, StoreDamaged, StoreProblem

log = logging.getLogger("hexi_care.hub")

HUB_PAYLOAD = b"HEXI-HUB-PGDUMP\x01"
SALT_BYTES = 16
CHUNK = 1 << 20
_INFO = b"hexi-care hub backup v1"
_LAST = 1


# -- PostgreSQL's client programs -----------------------------------------------------------------
def pg_tool(name: str) -> Path:
    """pg_dump or pg_restore: Debian keeps them in /usr/lib/postgresql/VERSION/bin (the newest
    wins: it reads every older server), else the PATH; on Windows the installer's folder."""

    def version(p: str) -> int:
        folder = Path(p).parent.parent.name
        return int(folder) if folder.isdigit() else 0

    exe = name + (".exe" if os.name == "nt" else "")
    patterns = [
        f"/usr/lib/postgresql/*/bin/{exe}",
        f"C:/Program Files/PostgreSQL/*/bin/{exe}",
    ]
    found = sorted((p for pat in patterns for p in glob.glob(pat)), key=version)
    if found:
        return Path(found[-1])
    on_path = shutil.which(name)
    if on_path:
        return Path(on_path)
    raise StoreProblem("hub_no_pg_tools", tool=name)


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """The connection as libpq keywords without the password, and the environment that carries
    the password to the child alone. SQLAlchemy's reading of the URL is the program's own (several
    `host=` parameters become libpq's host list), so pg_dump reaches the server the program does."""
    from psycopg.conninfo import make_conninfo

    engine = create_engine(driver_url(url))
    try:
        _args, kwargs = engine.dialect.create_connect_args(engine.url)
    finally:
        engine.dispose()
    params = {k: str(v) for k, v in kwargs.items() if k != "context" and v is not None}
    password = params.pop("password", None)
    params.setdefault("connect_timeout", "10")
    params["application_name"] = "hexi-care"
    env = dict(os.environ)
    env.pop("PGPASSWORD", None)
    if password is not None:
        env["PGPASSWORD"] = password  # only in the child's environment, readable by this user only
    return make_conninfo(**params), env


# -- sealing --------------------------------------------------------------------------------------
def _chunk_key(data_key: bytes, salt: bytes) -> AESGCM:
    kdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_INFO)
    return AESGCM(kdf.derive(data_key))


def _nonce(index: int, flag: int) -> bytes:
    return index.to_bytes(11, "big") + bytes([flag])


def _aad(salt: bytes, slot_bytes: bytes) -> bytes:
    return HUB_PAYLOAD + salt + hashlib.sha256(slot_bytes).digest()


class _Sealer:
    def __init__(self, out: IO[bytes], data_key: bytes, slot_bytes: bytes) -> None:
        salt = os.urandom(SALT_BYTES)
        self.out = out
        self.aead = _chunk_key(data_key, salt)
        self.aad = _aad(salt, slot_bytes)
        self.index = 0
        out.write(HUB_PAYLOAD + salt)

    def write(self, chunk: bytes, *, last: bool = False) -> None:
        flag = _LAST if last else 0
        sealed = self.aead.encrypt(_nonce(self.index, flag), chunk, self.aad)
        self.out.write(struct.pack(">IB", len(sealed), flag))
        self.out.write(sealed)
        self.index += 1


def _opened_chunks(src: IO[bytes], data_key: bytes, slot_bytes: bytes) -> Iterator[bytes]:
    """The payload's chunks, each verified before it is given; StoreDamaged at the first that
    does not open, is missing, or follows the last."""
    if src.read(len(HUB_PAYLOAD)) != HUB_PAYLOAD:
        raise StoreDamaged("backup_damaged")
    salt = src.read(SALT_BYTES)
    if len(salt) != SALT_BYTES:
        raise StoreDamaged("backup_damaged")
    aead = _chunk_key(data_key, salt)
    aad = _aad(salt, slot_bytes)
    index = 0
    while True:
        head = src.read(5)
        if len(head) != 5:
            raise StoreDamaged("backup_damaged")  # cut short before the last chunk
        size, flag = struct.unpack(">IB", head)
        if size > CHUNK + 16 or flag not in (0, _LAST):
            raise StoreDamaged("backup_damaged")
        sealed = src.read(size)
        if len(sealed) != size:
            raise StoreDamaged("backup_damaged")
        try:
            chunk = aead.decrypt(_nonce(index, flag), sealed, aad)
        except InvalidTag:
            raise StoreDamaged("backup_damaged") from None
        yield chunk
        index += 1
        if flag == _LAST:
            if src.read(1):
                raise StoreDamaged("backup_damaged")  # something appended after the end
            return


def is_hub_backup(backup: Path) -> bool:
    """Whether a backup file holds a hub's dump (else a laptop's SQLCipher copy)."""
    _slots, offset = read_backup(backup)
    with open(backup, "rb") as fh:
        fh.seek(offset)
        return fh.read(len(HUB_PAYLOAD)) == HUB_PAYLOAD


# -- backup ---------------------------------------------------------------------------------------
def _is_owner(conn: Any) -> bool:
    """Whether this connection sees every row: the tables' owner (row-level security is not
    forced on it) or a superuser. The program's role sees only a scope, so it cannot dump."""
    row = conn.execute(
        text(
            "SELECT pg_has_role(current_user, c.relowner, 'USAGE') OR r.rolsuper OR r.rolbypassrls "
            "FROM pg_class c, pg_roles r "
            "WHERE c.oid = to_regclass('child') AND r.rolname = current_user"
        )
    ).scalar()
    return bool(row)


def _manifest(conn: Any, slots: KeySlots, created_at: str) -> dict[str, Any]:
    from hexi_care.db import audit

    counts = {
        t.name: int(conn.execute(text(f'SELECT count(*) FROM "{t.name}"')).scalar() or 0)
        for t in load_all().sorted_tables
    }
    heads = dict(
        conn.execute(
            text("SELECT key, value FROM meta WHERE key IN (:s, :m)"),
            {"s": audit.HEAD_SEQ, "m": audit.HEAD_MAC},
        ).all()
    )
    users = conn.execute(text("SELECT name, role FROM app_user WHERE active")).all()
    return {
        "format": 1,
        "kind": "hub",
        "store_id": slots.store_id,
        "revision": _revision(conn),
        "created_at": created_at,
        "counts": counts,
        "audit_head": [int(heads.get(audit.HEAD_SEQ, "0")), heads.get(audit.HEAD_MAC, "")],
        # Each active user's role by key slot (no names): who may restore it is checked before
        # anything is written.
        "roles": {slots.slot_id_for(name): str(role) for name, role in users},
    }


def write_hub_backup(url: str, engine: Engine, data_key: bytes, out: Path, created_at: str) -> Path:
    """Seal a pg_dump of the hub into `out` (0600 from its first byte, renamed into place when
    complete). The manifest's counts come from the dump's own snapshot."""
    from hexi_care.db.hub import load_slots, reaching

    out = Path(out)
    tmp_out = out.with_name(f".{out.name}.{os.getpid()}-{new_id()[:8]}.tmp")
    conninfo, env = _libpq(url)
    pg_dump = pg_tool("pg_dump")
    with (
        reaching(url),
        engine.connect() as plain,
        tempfile.TemporaryFile() as errors,
    ):
        # One snapshot for the manifest's counts and for pg_dump, held while it runs.
        conn = plain.execution_options(isolation_level="REPEATABLE READ")
        if not _is_owner(conn):
            raise StoreProblem("hub_backup_owner")
        snapshot = str(conn.execute(text("SELECT pg_export_snapshot()")).scalar())
        slots = load_slots(engine)
        slot_bytes = slots.to_json().encode("utf-8")
        manifest = _manifest(conn, slots, created_at)
        try:
            with open(storefiles.create_private(tmp_out), "wb") as fh:
                fh.write(BACKUP_MAGIC)
                fh.write(struct.pack(">Q", len(slot_bytes)))
                fh.write(slot_bytes)
                sealer = _Sealer(fh, data_key, slot_bytes)
                sealer.write(json.dumps(manifest, ensure_ascii=False).encode("utf-8"))
                proc = subprocess.Popen(
                    [
                        str(pg_dump),
                        "--format=custom",
                        "--no-owner",
                        "--no-privileges",
                        f"--snapshot={snapshot}",
                        f"--dbname={conninfo}",
                    ],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=errors,
                    env=env,
                )
                assert proc.stdout is not None
                try:
                    pending = proc.stdout.read(CHUNK)
                    while True:
                        following = proc.stdout.read(CHUNK)
                        sealer.write(pending, last=not following)
                        if not following:
                            break
                        pending = following
                finally:
                    proc.stdout.close()
                    code = proc.wait()
                if code != 0:
                    raise _tool_problem("pg_dump", errors)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp_out, out)
        except OSError as exc:
            raise storefiles.os_problem(exc) from None
        finally:
            tmp_out.unlink(missing_ok=True)
    return out


def _tool_problem(tool: str, errors: IO[bytes]) -> StoreProblem:
    """What pg_dump or pg_restore said, as the user's problem; its text goes to the log only
    (names of objects, never a row's data)."""
    errors.seek(0)
    said = errors.read(4000).decode("utf-8", "replace")
    log.warning("%s failed: %s", tool, said.strip().replace("\n", " | "))
    low = said.lower()
    if "server version mismatch" in low or "aborting because of server version" in low:
        return StoreProblem("hub_pg_tools_old", tool=tool)
    if "permission denied" in low or "row-level security" in low:
        return StoreProblem("hub_backup_owner")
    if "could not connect" in low or "connection to server" in low:
        return StoreProblem("hub_unreachable")
    return StoreProblem("hub_tool_failed", tool=tool)


def _revision(conn: Any) -> str | None:
    value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if value is None else str(value)


# -- restore --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class HubRestored:
    store_id: str
    counts: dict[str, int]
    audit_events: int


def _is_empty(conn: Any) -> bool:
    n = conn.execute(
        text(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'"
        )
    ).scalar()
    return not n


@contextmanager
def _restoring(conninfo: str, env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """pg_restore in one transaction reading standard input; killed (its transaction rolled
    back by the server) unless the block ends normally."""
    with tempfile.TemporaryFile() as errors:
        yield from _restore_process(conninfo, env, errors)


def _restore_process(
    conninfo: str, env: dict[str, str], errors: IO[bytes]
) -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(
        [
            str(pg_tool("pg_restore")),
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            f"--dbname={conninfo}",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=errors,
        env=env,
    )
    try:
        yield proc
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    assert proc.stdin is not None
    with suppress(BrokenPipeError):
        proc.stdin.close()
    if proc.wait() != 0:
        raise _tool_problem("pg_restore", errors)


def restore_hub(
    backup: Path, url: str, user_name: str, password: str, *, clock: Clock
) -> HubRestored:
    """Restore a hub's backup into the EMPTY database at `url` (as its owner). The backup's own
    slots open it (there is no store yet to ask), through a throttle kept on this machine; only
    the backup's administrator or centre supervisor may restore it. Every chunk is verified as it
    goes into one pg_restore transaction that is killed at the first bad one; afterwards the rows
    per table and the audit chain are checked against the manifest, and the restore is added to
    the audit trail."""
    from hexi_care.db import audit
    from hexi_care.db.hub import SLOTS_META, local_anchor, make_hub_engine, open_hub, reaching
    from hexi_care.db.models import Meta

    backup = Path(backup)
    slot_bytes, offset = read_backup(backup)
    if not is_hub_backup(backup):
        raise StoreProblem("backup_not_hub")
    try:
        slots = KeySlots.parse(Path(os.devnull), json.loads(slot_bytes.decode("utf-8")))
    except Exception:
        raise StoreDamaged("backup_damaged") from None
    if not re.fullmatch(r"[0-9A-Za-z_-]{1,64}", slots.store_id):
        raise StoreDamaged("backup_damaged")  # it names a folder on this machine (the throttle's)
    engine = make_hub_engine(url, pool_size=1)
    try:
        with reaching(url):
            with engine.connect() as conn:
                if not _is_empty(conn):
                    raise StoreProblem("hub_restore_not_empty", store=shown(url))
            # Guesses made through this program count, as on a laptop (the copy itself is
            # protected by Argon2 wherever it goes).
            throttle = Throttle(local_anchor(slots.store_id))
            slot_key = "backup:" + slots.slot_id_for(user_name)
            throttle.begin(slot_key)
            data_key = slots.unlock_password(user_name, password)
            throttle.succeeded(slot_key)
            conninfo, env = _libpq(url)
            with open(backup, "rb") as src:
                src.seek(offset)
                chunks = _opened_chunks(src, data_key, slot_bytes)
                try:
                    manifest = json.loads(next(chunks).decode("utf-8"))
                except (StopIteration, ValueError):
                    raise StoreDamaged("backup_damaged") from None
                role = str(dict(manifest.get("roles", {})).get(slots.slot_id_for(user_name), ""))
                if role not in {r.value for r in RESTORERS}:
                    raise ScopeDenied("role_denied", role=role, action="restore")
                with _restoring(conninfo, env) as proc:
                    assert proc.stdin is not None
                    for chunk in chunks:
                        try:
                            proc.stdin.write(chunk)
                        except BrokenPipeError:
                            break  # pg_restore stopped: its exit code says why
            found = _check_restored(engine, manifest)
            if migrate.needs_upgrade(engine):
                migrate.upgrade(engine)  # a backup of an older schema: the owner restores it
            store = open_hub(url, data_key, clock=clock)
            try:
                with store.system_session() as s:
                    chain = audit.verify(s, store.mac_key)
                    if not chain.ok or [chain.head.seq, chain.head.mac] != manifest["audit_head"]:
                        log.error("hub restore: the audit chain does not verify")
                        raise StoreDamaged("backup_damaged")
                    slots_kept = s.get(Meta, SLOTS_META)
                if slots_kept is None or slots_kept.value.encode("utf-8") != slot_bytes:
                    raise StoreDamaged("backup_damaged")
                store.user = load_user(store, user_name)
                with store.system_session() as s, s.begin():
                    detail = json.dumps(
                        {"backup": backup.name, "replaced_head": ""}, ensure_ascii=False
                    )
                    _audit(store, s, "restore", "store", None, detail)
                    s.merge(Meta(key="restored_at", value=clock().isoformat()))
            finally:
                store.lock()
    finally:
        engine.dispose()
    return HubRestored(slots.store_id, found, chain.events + 1)


def _check_restored(engine: Engine, manifest: dict[str, Any]) -> dict[str, int]:
    expected = {str(k): int(v) for k, v in dict(manifest.get("counts", {})).items()}
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))
        found = {
            name: int(conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar() or 0)
            for name in expected
        }
        revision = _revision(conn)
    if found != expected or revision != manifest.get("revision"):
        log.error("hub restore: counts or schema differ from the backup's")
        raise StoreDamaged("backup_damaged")
    return found
