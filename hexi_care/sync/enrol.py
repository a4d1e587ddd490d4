"""Enrolment: a laptop asks (its public keys; its unit and director only sealed to the centre), the
centre enrols it and answers with its own public keys and the tree of units, the laptop accepts.

Both sides show short fingerprints of the keys; people compare them by phone or on paper before
the first exchange, so a file swapped on the way is noticed. The request is signed by the laptop
(proof that it holds the keys); the answer is signed by the centre and sealed to the laptop.

No name travels in the clear. The laptop has no centre key before first contact, so the centre
can hand out a *centre card* (its public keys, name and fingerprint); a laptop given one compares
the fingerprint first and seals the unit and director details to the centre. Without a card the
request carries keys only, and the centre operator names the unit when enrolling.
"""

from __future__ import annotations

import base64
import json
import logging
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hexi_care.db import audit
from hexi_care.db import store as store_mod
from hexi_care.db.models import AppUser, OrgUnit
from hexi_care.db.store import OpenStore
from hexi_care.db.sync_models import SyncIdentity, SyncPeer
from hexi_care.domain.enums import Role, UnitKind
from hexi_care.domain.model import User
from hexi_care.errors import (
    BadPackage,
    ExchangeRefused,
    InvalidInput,
    NotFound,
    UsageError,
    UserProblem,
)
from hexi_care.services.context import UnitOfWork
from hexi_care.services.units import resolve_unit
from hexi_care.sync import container
from hexi_care.sync.crypto import fingerprint, seal, valid_public_key
from hexi_care.sync.identity import (
    ENROL_ROLES,
    REQUEST_ROLES,
    acting_user,
    ensure_identity,
    keys_of,
    require,
    to_peer_info,
    unit_name,
)
from hexi_care.sync.records import KINDS, check_fields, row_fields
from hexi_care.sync.types import ROLE_CENTRE, ROLE_LAPTOP, CentreCard, EnrolResult
from hexi_care.sync.units import align_units

log = logging.getLogger("hexi_care.sync")

REQUEST_FORMAT = "hexi-care-enrol-request"
REPLY_FORMAT = "hexi-care-enrol-reply"
CARD_FORMAT = "hexi-care-centre-card"
ENROL_VERSION = 1
MAX_ENROL_BYTES = 16 << 20


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _key(value: Any) -> bytes:
    try:
        raw = base64.b64decode(str(value), validate=True)
    except (ValueError, TypeError):
        raise BadPackage(reason="damaged") from None
    if not valid_public_key(raw):
        raise BadPackage(reason="damaged")
    return raw


def _audit(
    s: Session,
    store: OpenStore,
    actor: User | None,
    action: str,
    entity_id: str | None,
    detail: str = "",
) -> None:
    audit.append(
        s,
        store.mac_key,
        at=store.clock(),
        user_id=actor.id if actor else None,
        device_id=store.device_id,
        action=action,
        entity="device",
        entity_id=entity_id,
        detail=detail,
    )


def _unit_path(session: Session, unit_id: str) -> list[str]:
    path: list[str] = []
    cur: str | None = unit_id
    while cur is not None and len(path) < 10:
        unit = session.get(OrgUnit, cur)
        if unit is None:
            break
        path.insert(0, unit.name)
        cur = unit.parent_id
    return path


def _self_signed(c: container.Container, id_field: str) -> tuple[bytes, bytes, str]:
    """The public keys an enrolment file carries, once its signature checks with them (proof the
    sender holds them), and the sender's device id from `id_field`."""
    h = c.header
    sign_public, kem_public = _key(h.get("sign_public")), _key(h.get("kem_public"))
    if not c.verify_with(sign_public):
        raise BadPackage(reason="bad_signature")
    device_id = h.get(id_field)
    if not isinstance(device_id, str) or len(device_id) != 36:
        raise BadPackage(reason="damaged")
    return sign_public, kem_public, device_id


def _read(path: Path, fmt: str) -> container.Container:
    c = container.read(Path(path), max_body=MAX_ENROL_BYTES)
    got = c.header.get("format")
    if got != fmt:
        reason = {REQUEST_FORMAT: "not_an_enrol_request", CARD_FORMAT: "not_a_centre_card"}
        raise BadPackage(reason=reason.get(fmt, "not_an_enrol_reply"))
    version = c.header.get("version")
    if not isinstance(version, int) or version < 1:
        raise BadPackage(reason="damaged")
    if version > ENROL_VERSION:
        raise BadPackage(reason="too_new")
    return c


# -- centre: card -----------------------------------------------------------------------------------
def make_card(store: OpenStore, out: Path, *, user: User | None = None) -> CentreCard:
    """At the centre: write the card a laptop uses to seal its request (public keys, name,
    fingerprint). Nothing in it is secret; the fingerprint read out by phone makes it trusted."""
    actor = acting_user(store, user)
    require(actor, ENROL_ROLES, "enrol devices")
    with UnitOfWork(store, system=True) as uow:
        s = uow.session
        me = ensure_identity(s, store)
        if me.role == ROLE_LAPTOP:
            raise ExchangeRefused("exchange.is_laptop", reason="wrong_role")
        label = _centre_label(s, me)
        header = {
            "format": CARD_FORMAT,
            "version": ENROL_VERSION,
            "device_id": me.id,
            "store_id": store.store_id,
            "sign_public": _b64(me.sign_public),
            "kem_public": _b64(me.kem_public),
            "fingerprint": me.fingerprint,
            "label": label,
            "created_at": store.clock().isoformat(),
        }
        container.write_atomic(Path(out), container.encode(header, b"", keys_of(me)))
        _audit(s, store, actor, "centre_card", me.id)
        card = CentreCard(Path(out), me.id, label, me.fingerprint, me.sign_public, me.kem_public)
    log.info("centre card written")
    return card


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def read_card(path: Path, expected_fingerprint: str) -> CentreCard:
    """The centre card at `path`, once its keys match the fingerprint the centre read out
    (`expected_fingerprint`, as typed: spaces and dashes do not matter)."""
    card = _read(path, CARD_FORMAT)
    h = card.header
    sign_public, kem_public, centre_id = _self_signed(card, "device_id")
    fp = fingerprint(sign_public, kem_public)
    if h.get("fingerprint") != fp:
        raise BadPackage(reason="damaged")  # the printed digits were edited, not the keys
    if _digits(expected_fingerprint) != _digits(fp):
        # A card swapped on the way: its keys are not the ones the centre holds.
        raise InvalidInput("card_fingerprint", "card_mismatch")
    label = str(h.get("label", ""))[:200]
    return CentreCard(Path(path), centre_id, label, fp, sign_public, kem_public)


def _request_info(device_id: str, centre_id: str) -> bytes:
    return f"hexi-care enrol request v1\0{device_id}\0{centre_id}".encode()


SHORT_FINGERPRINT = 4


# -- laptop: request --------------------------------------------------------------------------------
def make_request(
    store: OpenStore,
    out: Path,
    *,
    unit_ref: str | None = None,
    user: User | None = None,
    card: Path | None = None,
    card_fingerprint: str | None = None,
) -> EnrolResult:
    """Write an enrolment request for the unit this laptop serves (`unit_ref`, or the user's unit).

    With the centre's `card` (and the fingerprint the centre read out, compared first) the unit and
    director details are sealed to the centre; without one the request holds the keys only."""
    actor = acting_user(store, user)
    require(actor, REQUEST_ROLES, "enrol this device")
    centre: CentreCard | None = None
    if card is not None:
        if not card_fingerprint or not _digits(card_fingerprint):
            raise UsageError("exchange.card_fingerprint_required")
        centre = read_card(Path(card), card_fingerprint)
    with UnitOfWork(store, system=True) as uow:
        s = uow.session
        me = ensure_identity(s, store)
        if me.role == ROLE_CENTRE:
            raise ExchangeRefused("exchange.is_centre", reason="wrong_role")
        if centre is not None and centre.device_id == me.id:
            raise ExchangeRefused("exchange.self_enrol", reason="self")
        unit: dict[str, Any]
        local: OrgUnit | None = None
        if unit_ref:
            try:
                local = s.get(OrgUnit, resolve_unit(uow, unit_ref).id)
            except (NotFound, UserProblem):
                local = None
            unit = {"id": None, "name": unit_ref.strip(), "path": [unit_ref.strip()]}
        elif actor is not None and actor.role in (Role.DIRECTOR, Role.STREET_SUPERVISOR):
            local = s.get(OrgUnit, actor.unit_id)
        else:
            raise ExchangeRefused("exchange.unit_required", reason="unit_required")
        if local is not None:
            unit = {"id": local.id, "name": local.name, "path": _unit_path(s, local.id)}
        directors: list[dict[str, str]] = []
        if local is not None:
            for u in s.scalars(select(AppUser).where(AppUser.unit_id == local.id, AppUser.active)):
                if u.role in (Role.DIRECTOR, Role.STREET_SUPERVISOR):
                    directors.append({"id": u.id, "name": u.name, "display_name": u.display_name})
        if not directors and actor is not None and actor.role != Role.ADMIN:
            directors.append(
                {"id": actor.id, "name": actor.name, "display_name": actor.display_name}
            )
        header: dict[str, Any] = {
            "format": REQUEST_FORMAT,
            "version": ENROL_VERSION,
            "device_id": me.id,
            "store_id": store.store_id,
            "sign_public": _b64(me.sign_public),
            "kem_public": _b64(me.kem_public),
            "fingerprint": me.fingerprint,
            "created_at": store.clock().isoformat(),
        }
        body = b""
        if centre is not None:
            # Names only inside the seal: whoever carries or copies the file learns nothing.
            header["sealed_to"] = centre.device_id
            details = {"unit": unit, "directors": directors}
            body = seal(
                container.canonical_json(details),
                centre.kem_public,
                _request_info(me.id, centre.device_id),
            )
        container.write_atomic(Path(out), container.encode(header, body, keys_of(me)))
        _audit(s, store, actor, "enrol_request", me.id, "sealed" if centre else "keys_only")
        fp = me.fingerprint
    log.info("enrolment request written")
    return EnrolResult(
        file=Path(out),
        own_fingerprint=fp,
        peer=None,
        peer_fingerprint=centre.fingerprint if centre else "",
        centre_label=centre.label if centre else "",
    )


def _request_details(req: container.Container, me: SyncIdentity) -> dict[str, Any]:
    """The unit and directors sealed inside a request, or {} for a request that carries none."""
    h = req.header
    sealed_to = h.get("sealed_to")
    if sealed_to is None:
        if req.body:
            raise BadPackage(reason="damaged")
        # A request from before the card (details in the clear) still enrols.
        return {"unit": h.get("unit"), "directors": h.get("directors")}
    if sealed_to != me.id:
        raise ExchangeRefused("exchange.card_other_centre", reason="other_centre")
    plain = keys_of(me).open(req.body, _request_info(str(h.get("device_id")), me.id))
    if plain is None:
        raise BadPackage(reason="damaged")
    try:
        details = json.loads(plain.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise BadPackage(reason="malformed") from None
    if not isinstance(details, dict):
        raise BadPackage(reason="malformed")
    return details


# -- centre: enrol ----------------------------------------------------------------------------------
def _find_unit(uow: UnitOfWork, unit_ref: str | None, unit: Any) -> OrgUnit:
    s = uow.session
    found: OrgUnit | None = None
    if unit_ref:
        found = s.get(OrgUnit, resolve_unit(uow, unit_ref).id)
    elif isinstance(unit, dict):
        if isinstance(unit.get("id"), str):
            found = s.get(OrgUnit, unit["id"])
        path = unit.get("path")
        if (
            found is None
            and isinstance(path, list)
            and path
            and all(isinstance(p, str) for p in path)
        ):
            found = _by_path(s, [str(p) for p in path])
        if found is None and isinstance(unit.get("name"), str):
            matches = list(
                s.scalars(
                    select(OrgUnit).where(
                        OrgUnit.name == unit["name"],
                        OrgUnit.kind.in_([UnitKind.COMMUNITY, UnitKind.STREET]),
                    )
                )
            )
            found = matches[0] if len(matches) == 1 else None
    name = str(unit.get("name", "")) if isinstance(unit, dict) else ""
    if found is None and not (unit_ref or name):
        raise UsageError("exchange.unit_needed")  # exit 2: the command needs --unit
    if found is None:
        raise ExchangeRefused("exchange.unit_unknown", reason="unit_unknown", unit=unit_ref or name)
    if found.kind not in (UnitKind.COMMUNITY, UnitKind.STREET):
        raise ExchangeRefused("exchange.unit_not_local", reason="unit_not_local", unit=found.name)
    return found


def _by_path(s: Session, path: list[str]) -> OrgUnit | None:
    """Follow names down from the root; the root's own name may differ, or be left out."""
    candidates = list(s.scalars(select(OrgUnit).where(OrgUnit.parent_id.is_(None))))
    names = path[1:] if len(path) > 1 else path
    current = candidates[0] if len(candidates) == 1 else None
    if current is None:
        return None
    for name in names:
        nxt = s.scalars(
            select(OrgUnit).where(OrgUnit.parent_id == current.id, OrgUnit.name == name)
        ).first()
        if nxt is None:
            return None
        current = nxt
    return current if current.parent_id is not None else None


def enrol_device(
    store: OpenStore,
    request: Path,
    out: Path,
    *,
    unit_ref: str | None = None,
    user: User | None = None,
) -> EnrolResult:
    """At the centre: enrol the laptop that wrote `request`; write the answer to `out`."""
    actor = acting_user(store, user)
    require(actor, ENROL_ROLES, "enrol devices")
    req = _read(request, REQUEST_FORMAT)
    h = req.header
    sign_public, kem_public, device_id = _self_signed(req, "device_id")
    store_id = h.get("store_id")
    if not isinstance(store_id, str):
        raise BadPackage(reason="damaged")
    fp = fingerprint(sign_public, kem_public)
    with UnitOfWork(store, system=True) as uow:
        s = uow.session
        me = ensure_identity(s, store)
        if me.role == ROLE_LAPTOP:
            raise ExchangeRefused("exchange.is_laptop", reason="wrong_role")
        if device_id == me.id:
            raise ExchangeRefused("exchange.self_enrol", reason="self")
        details = _request_details(req, me)
        unit = _find_unit(uow, unit_ref, details.get("unit"))
        raw_directors = details.get("directors")
        directors: list[Any] = raw_directors if isinstance(raw_directors, list) else []
        names = [
            str(d.get("display_name") or d.get("name")) for d in directors if isinstance(d, dict)
        ][:5]
        # No people's names (labels appear in messages and exceptions); the short fingerprint
        # tells apart two laptops of one unit.
        label = peer_label(unit.name, fp)
        peer = s.get(SyncPeer, device_id)
        if peer is not None:
            if peer.revoked:
                raise ExchangeRefused("exchange.peer_revoked", reason="revoked", peer=peer.label)
            if bytes(peer.sign_public) != sign_public or bytes(peer.kem_public) != kem_public:
                raise ExchangeRefused("exchange.keys_changed", reason="keys_changed")
            peer.unit_id, peer.label = unit.id, label
        else:
            peer = SyncPeer(
                id=device_id,
                store_id=store_id,
                role=ROLE_LAPTOP,
                label=label,
                unit_id=unit.id,
                sign_public=sign_public,
                kem_public=kem_public,
                fingerprint=fp,
                revoked=False,
                enrolled_at=store.clock(),
                next_seq_out=1,
                last_seq_in=0,
                acked_seq_max=0,
                audit_head_seq=0,
                audit_head_mac="",
            )
            s.add(peer)
        me.role = ROLE_CENTRE
        s.flush()
        unit_kind = KINDS["unit"]
        units = [row_fields(unit_kind, r) for r in s.scalars(select(OrgUnit))]
        body = {
            "laptop": {
                "device_id": device_id,
                "sign_public": _b64(sign_public),
                "kem_public": _b64(kem_public),
                "unit_id": unit.id,
            },
            "centre": {
                "device_id": me.id,
                "store_id": store.store_id,
                "label": _centre_label(s, me),
            },
            "units": units,
        }
        sealed = seal(container.canonical_json(body), kem_public, _reply_info(device_id))
        header = {
            "format": REPLY_FORMAT,
            "version": ENROL_VERSION,
            "sender": me.id,
            "recipient": device_id,
            "sign_public": _b64(me.sign_public),
            "kem_public": _b64(me.kem_public),
            "fingerprint": me.fingerprint,
            "created_at": store.clock().isoformat(),
        }
        container.write_atomic(Path(out), container.encode(header, sealed, keys_of(me)))
        _audit(s, store, actor, "enrol", device_id, unit.id)
        info = to_peer_info(s, peer)
        own = me.fingerprint
    log.info("device enrolled")
    return EnrolResult(
        file=Path(out),
        own_fingerprint=own,
        peer=info,
        peer_fingerprint=fp,
        unit_name=info.unit_name,
        directors=names,
    )


def peer_label(name: str, fp: str) -> str:
    """A peer as people see it everywhere: its unit and the first digits of its fingerprint."""
    short = fp.replace(" ", "")[:SHORT_FINGERPRINT]
    return f"{name[:180]} · {short}"


def _centre_label(s: Session, me: SyncIdentity) -> str:
    root = s.scalars(select(OrgUnit).where(OrgUnit.parent_id.is_(None))).first()
    return f"{root.name if root else ''}未成年人保护中心"[:200]


def _reply_info(device_id: str) -> bytes:
    return f"hexi-care enrol reply v1\0{device_id}".encode()


# -- laptop: accept ---------------------------------------------------------------------------------
def accept_reply(store: OpenStore, reply: Path, *, user: User | None = None) -> EnrolResult:
    """On the laptop: take the centre's answer; compare the fingerprint it shows with the centre's."""
    actor = acting_user(store, user)
    require(actor, REQUEST_ROLES, "enrol this device")
    rep = _read(reply, REPLY_FORMAT)
    h = rep.header
    centre_sign, centre_kem, centre_id = _self_signed(rep, "sender")
    with UnitOfWork(store, system=True) as uow:
        s = uow.session
        me = ensure_identity(s, store)
        if h.get("recipient") != me.id:
            raise BadPackage(reason="wrong_recipient")
        if me.role == ROLE_CENTRE:
            raise ExchangeRefused("exchange.is_centre", reason="wrong_role")
        plain = keys_of(me).open(rep.body, _reply_info(me.id))
        if plain is None:
            raise BadPackage(reason="damaged")
        try:
            body = json.loads(plain.decode("utf-8"))
            laptop, centre, units = body["laptop"], body["centre"], body["units"]
            unit_id = str(laptop["unit_id"])
            if (
                laptop["device_id"] != me.id
                or _key(laptop["sign_public"]) != bytes(me.sign_public)
                or _key(laptop["kem_public"]) != bytes(me.kem_public)
                or centre["device_id"] != centre_id
                or not isinstance(units, list)
            ):
                raise BadPackage(reason="mismatch")
            checked = [check_fields(KINDS["unit"], u) for u in units]
        except (KeyError, TypeError, ValueError, UnicodeDecodeError):
            raise BadPackage(reason="malformed") from None
        others = list(
            s.scalars(
                select(SyncPeer).where(SyncPeer.role == ROLE_CENTRE, SyncPeer.id != centre_id)
            )
        )
        if others:
            raise ExchangeRefused("exchange.other_centre", reason="other_centre")
        local_only = align_units(s, checked)
        if s.get(OrgUnit, unit_id) is None:
            raise BadPackage(reason="malformed")
        peer = s.get(SyncPeer, centre_id)
        fp = fingerprint(centre_sign, centre_kem)
        if peer is not None:
            if bytes(peer.sign_public) != centre_sign or bytes(peer.kem_public) != centre_kem:
                raise ExchangeRefused("exchange.keys_changed", reason="keys_changed")
            if peer.revoked:
                raise ExchangeRefused("exchange.peer_revoked", reason="revoked", peer=peer.label)
        else:
            peer = SyncPeer(
                id=centre_id,
                store_id=str(centre.get("store_id", "")),
                role=ROLE_CENTRE,
                label=peer_label(str(centre.get("label", "")), fp),
                unit_id=None,
                sign_public=centre_sign,
                kem_public=centre_kem,
                fingerprint=fp,
                revoked=False,
                enrolled_at=store.clock(),
                next_seq_out=1,
                last_seq_in=0,
                acked_seq_max=0,
                audit_head_seq=0,
                audit_head_mac="",
            )
            s.add(peer)
        me = ensure_identity(s, store)
        me.role = ROLE_LAPTOP
        me.unit_id = unit_id
        s.flush()
        _audit(s, store, actor, "enrol_accept", centre_id, unit_id)
        info = to_peer_info(s, peer)
        own = me.fingerprint
        served = unit_name(s, unit_id)
    if store.user is not None:
        # The user's unit may have taken the centre's id.
        store.user = store_mod.load_user(store, store.user.name)
    log.info("enrolment accepted")
    return EnrolResult(
        file=None,
        own_fingerprint=own,
        peer=info,
        peer_fingerprint=fp,
        unit_name=served,
        local_only_units=local_only,
    )
