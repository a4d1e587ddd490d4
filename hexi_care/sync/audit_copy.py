"""The centre's copy of a laptop's audit chain, by branch: a restored laptop's new events are a
fork beside the events the centre had already received, and both stay visible."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from hexi_care.db.store import OpenStore
from hexi_care.db.sync_models import SyncPeerAudit
from hexi_care.domain.model import User
from hexi_care.services.context import UnitOfWork
from hexi_care.sync.identity import ENROL_ROLES, acting_user, require, resolve_peer


@dataclass(frozen=True, slots=True)
class PeerAuditEvent:
    seq: int
    at: datetime
    user_id: str | None
    action: str
    entity: str
    entity_id: str | None
    detail: str
    mac: str


@dataclass(frozen=True, slots=True)
class AuditBranch:
    number: int  # 0: the first history the centre received
    parent: int | None  # the branch it forked from (None for branch 0 or an unlinked start)
    starts_at: int  # the sequence number of its first event
    events: list[PeerAuditEvent]


def peer_audit(store: OpenStore, peer_ref: str, *, user: User | None = None) -> list[AuditBranch]:
    """A peer's audit events as this store received them, one list per branch."""
    actor = acting_user(store, user)
    require(actor, ENROL_ROLES, "read a device's audit copy")
    with UnitOfWork(store, system=True) as uow:
        peer = resolve_peer(uow.session, peer_ref)
        rows = uow.session.scalars(
            select(SyncPeerAudit)
            .where(SyncPeerAudit.peer_id == peer.id)
            .order_by(SyncPeerAudit.branch, SyncPeerAudit.seq)
        ).all()
    by_branch: dict[int, list[SyncPeerAudit]] = {}
    for r in rows:
        by_branch.setdefault(r.branch, []).append(r)
    where = {r.mac: r.branch for r in rows}
    out: list[AuditBranch] = []
    for number, events in sorted(by_branch.items()):
        first = events[0]
        parent = where.get(first.prev_mac)
        out.append(
            AuditBranch(
                number=number,
                parent=parent if number and parent != number else None,
                starts_at=first.seq,
                events=[
                    PeerAuditEvent(
                        e.seq, e.at, e.user_id, e.action, e.entity, e.entity_id, e.detail, e.mac
                    )
                    for e in events
                ],
            )
        )
    return out
