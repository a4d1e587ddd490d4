"""The hash-chained audit trail. Each event's MAC (HMAC-SHA256 under a key derived from the data key)
covers its own fields and its predecessor's MAC, so an edited, inserted or deleted event breaks the
chain. The head (last seq and MAC) also travels in exchange packages: a laptop restored to an older
copy shows an older head (SQLCipher alone cannot tell)."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import select
from sqlalchemy.orm import Session

from hexi_care.db.base import new_id
from hexi_care.db.engine import serialise_writes
from hexi_care.db.models import AuditEvent, Meta

GENESIS = "0" * 64
HEAD_SEQ = "audit_head_seq"
HEAD_MAC = "audit_head_mac"
_HEAD_ROWS = "audit_head_rows"  # session.info: the head's Meta rows this transaction loaded


def derive_mac_key(data_key: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"hexi-care audit mac v1"
    ).derive(data_key)


def _mac(key: bytes, ev: AuditEvent) -> str:
    body = json.dumps(
        [
            ev.seq,
            ev.id,
            ev.at.isoformat(),
            ev.user_id,
            ev.device_id,
            ev.action,
            ev.entity,
            ev.entity_id,
            ev.detail,
            ev.prev_mac,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainHead:
    seq: int
    mac: str


def head(session: Session) -> ChainHead:
    """The chain's last event. Its two Meta rows are loaded as objects and kept by the session
    (its identity map holds them weakly), so that append moves the head without reading each
    row back first."""
    rows = session.info[_HEAD_ROWS] = {
        m.key: m for m in session.scalars(select(Meta).where(Meta.key.in_([HEAD_SEQ, HEAD_MAC])))
    }
    seq, mac = rows.get(HEAD_SEQ), rows.get(HEAD_MAC)
    return ChainHead(
        int(seq.value) if seq is not None else 0, mac.value if mac is not None else GENESIS
    )


def append(
    session: Session,
    mac_key: bytes,
    *,
    at: datetime,
    user_id: str | None,
    device_id: str,
    action: str,
    entity: str,
    entity_id: str | None,
    detail: str = "",
    last: ChainHead | None = None,
) -> AuditEvent:
    """Append one event in the caller's transaction (which holds the write lock: BEGIN IMMEDIATE).

    `last` is the head the caller already knows in this transaction (saves a query)."""
    if last is None:
        serialise_writes(session)  # the hub's writers take turns before reading the head
        last = head(session)
    ev = AuditEvent(
        seq=last.seq + 1,
        id=new_id(),
        at=at,
        user_id=user_id,
        device_id=device_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        detail=detail,
        prev_mac=last.mac,
    )
    ev.mac = _mac(mac_key, ev)
    session.add(ev)
    with session.no_autoflush:  # written together when the transaction flushes
        session.merge(Meta(key=HEAD_SEQ, value=str(ev.seq)))
        session.merge(Meta(key=HEAD_MAC, value=ev.mac))
    return ev


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    events: int
    problems: list[str]
    head: ChainHead


def verify(session: Session, mac_key: bytes) -> VerifyResult:
    """Walk the whole chain; report the first events that do not fit (at most 20 problems)."""
    problems: list[str] = []
    prev_mac = GENESIS
    expected_seq = 1
    count = 0
    for ev in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).yield_per(2000):
        count += 1
        if ev.seq != expected_seq:
            problems.append(f"event {expected_seq}: missing (next present is {ev.seq})")
        if ev.prev_mac != prev_mac:
            problems.append(f"event {ev.seq}: does not follow its predecessor")
        if not hmac.compare_digest(_mac(mac_key, ev), ev.mac):
            problems.append(f"event {ev.seq}: content was changed")
        prev_mac = ev.mac
        expected_seq = ev.seq + 1
        if len(problems) >= 20:
            break
    recorded = head(session)
    if len(problems) < 20 and (recorded.seq != expected_seq - 1 or recorded.mac != prev_mac):
        problems.append(f"chain head: recorded {recorded.seq}, found {expected_seq - 1}")
    return VerifyResult(not problems, count, problems, recorded)
