"""This store's device identity and its enrolled peers: keys, scopes, listing and revocation."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from hexi_care.db import audit
from hexi_care.db.models import OrgUnit
from hexi_care.db.store import OpenStore
from hexi_care.db.sync_models import SyncIdentity, SyncPeer
from hexi_care.domain.enums import Role, UnitKind
from hexi_care.domain.model import User
from hexi_care.errors import Ambiguous, NotFound, ScopeDenied, StoreProblem
from hexi_care.services.context import UnitOfWork
from hexi_care.sync.crypto import KeyPair, fingerprint
from hexi_care.sync.types import ROLE_CENTRE, DeviceInfo, PeerInfo

log = logging.getLogger("hexi_care.sync")

# Who may do what. Moving packages is clerical (an administrator often carries the stick), but
# enrolling and revoking devices decides who receives case data.
EXCHANGE_ROLES = (Role.DIRECTOR, Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR, Role.ADMIN)
ENROL_ROLES = (Role.CENTRE_SUPERVISOR, Role.ADMIN)
REQUEST_ROLES = (Role.DIRECTOR, Role.STREET_SUPERVISOR, Role.ADMIN)
RESOLVE_ROLES = (Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR)


def require(user: User | None, roles: tuple[Role, ...], action: str) -> None:
    if user is not None and user.role not in roles:
        raise ScopeDenied("role_denied", role=user.role.value, action=action)


def acting_user(store: OpenStore, user: User | None) -> User | None:
    return user if user is not None else store.user


def ensure_identity(session: Session, store: OpenStore) -> SyncIdentity:
    """This store's identity row, created (with fresh keys) on first use."""
    row = session.get(SyncIdentity, store.device_id)
    if row is not None:
        return row
    if not store.device_id:
        raise StoreProblem("exchange.no_device_id")
    keys = KeyPair.generate()
    row = SyncIdentity(
        id=store.device_id,
        role=None,
        unit_id=None,
        sign_private=keys.sign_private,
        kem_private=keys.kem_private,
        sign_public=keys.sign_public,
        kem_public=keys.kem_public,
        fingerprint=fingerprint(keys.sign_public, keys.kem_public),
        created_at=store.clock(),
    )
    session.add(row)
    session.flush()
    log.info("device identity created")
    return row


def keys_of(row: SyncIdentity) -> KeyPair:
    return KeyPair(bytes(row.sign_private), bytes(row.kem_private))


def unit_name(session: Session, unit_id: str | None) -> str:
    if unit_id is None:
        return ""
    unit = session.get(OrgUnit, unit_id)
    return unit.name if unit else ""


def communities_under(session: Session, unit_id: str | None) -> frozenset[str]:
    """The communities a unit covers (itself if it is one). None covers nothing."""
    if unit_id is None:
        return frozenset()
    rows = list(session.execute(select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.kind)))
    children: dict[str | None, list[str]] = {}
    kinds = {u: k for u, _, k in rows}
    for u, p, _ in rows:
        children.setdefault(p, []).append(u)
    found: set[str] = set()
    stack = [unit_id]
    seen: set[str] = set()
    while stack:
        u = stack.pop()
        if u in seen:
            continue
        seen.add(u)
        if kinds.get(u) == UnitKind.COMMUNITY:
            found.add(u)
        stack.extend(children.get(u, []))
    return frozenset(found)


def all_communities(session: Session) -> frozenset[str]:
    return frozenset(
        session.scalars(select(OrgUnit.id).where(OrgUnit.kind == UnitKind.COMMUNITY)).all()
    )


def exchange_scope(session: Session, me: SyncIdentity, peer: SyncPeer) -> frozenset[str]:
    """The communities whose records travel between this store and `peer`: the laptop's units,
    whichever side of the exchange the laptop is on."""
    if peer.role == ROLE_CENTRE:
        return communities_under(session, me.unit_id)
    return communities_under(session, peer.unit_id)


def to_peer_info(session: Session, p: SyncPeer) -> PeerInfo:
    return PeerInfo(
        id=p.id,
        label=p.label,
        role=p.role,
        unit_id=p.unit_id,
        unit_name=unit_name(session, p.unit_id),
        fingerprint=p.fingerprint,
        revoked=p.revoked,
        enrolled_at=p.enrolled_at,
        next_seq_out=p.next_seq_out,
        last_seq_in=p.last_seq_in,
        audit_head_seq=p.audit_head_seq,
        last_export_at=p.last_export_at,
        last_import_at=p.last_import_at,
    )


def device_info(store: OpenStore) -> DeviceInfo:
    with UnitOfWork(store, system=True) as uow:
        me = ensure_identity(uow.session, store)
        return DeviceInfo(
            device_id=me.id,
            store_id=store.store_id,
            role=me.role,
            unit_id=me.unit_id,
            unit_name=unit_name(uow.session, me.unit_id),
            fingerprint=me.fingerprint,
        )


def list_peers(store: OpenStore) -> list[PeerInfo]:
    with UnitOfWork(store, system=True) as uow:
        rows = uow.session.scalars(select(SyncPeer).order_by(SyncPeer.role, SyncPeer.label)).all()
        return [to_peer_info(uow.session, p) for p in rows]


def resolve_peer(session: Session, ref: str) -> SyncPeer:
    """A peer by device id, id prefix (≥ 4 characters), fingerprint, label or unit name; the
    word "centre" (or 中心) names the centre on a laptop."""
    ref = ref.strip()
    peers = list(session.scalars(select(SyncPeer)))
    exact = [p for p in peers if p.id == ref]
    if exact:
        return exact[0]
    digits = "".join(ch for ch in ref if ch.isdigit())
    candidates = [p for p in peers if len(ref) >= 4 and p.id.startswith(ref)]
    if not candidates and len(digits) >= 8:
        candidates = [p for p in peers if p.fingerprint.replace(" ", "").startswith(digits)]
    if not candidates:
        candidates = [p for p in peers if ref in (p.label, unit_name(session, p.unit_id))]
    if not candidates and ref.lower() in ("centre", "center", "中心"):
        candidates = [p for p in peers if p.role == ROLE_CENTRE]
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        raise Ambiguous(ref=ref)
    raise NotFound(what="device", ref=ref)


def revoke_peer(store: OpenStore, ref: str, user: User | None = None) -> PeerInfo:
    """Stop trusting a peer (a lost laptop): its packages are refused and none are made for it."""
    user = acting_user(store, user)
    require(user, ENROL_ROLES, "revoke devices")
    with UnitOfWork(store, system=True) as uow:
        peer = resolve_peer(uow.session, ref)
        if not peer.revoked:
            peer.revoked = True
            peer.revoked_at = store.clock()
            audit.append(
                uow.session,
                store.mac_key,
                at=store.clock(),
                user_id=user.id if user else None,
                device_id=store.device_id,
                action="revoke",
                entity="device",
                entity_id=peer.id,
            )
        uow.session.flush()
        return to_peer_info(uow.session, peer)
