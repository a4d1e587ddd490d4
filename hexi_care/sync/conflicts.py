"""Conflicts kept for a supervisor: the same profile field changed on a laptop and at the centre.

A supervisor at the centre keeps the centre's value ("mine"), the laptop's ("theirs") or types a
third; the choice is saved as an ordinary profile edit, so it travels to the laptop like any other.
Laptops receive conflicts about their communities for information only.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import Boolean, Date, Table, select
from sqlalchemy.orm import Session

from hexi_care.db import models as m
from hexi_care.db.store import OpenStore
from hexi_care.db.sync_models import SyncConflict, SyncIdentity
from hexi_care.domain.model import User
from hexi_care.errors import Ambiguous, BadPackage, ExchangeRefused, InvalidInput, NotFound
from hexi_care.services.context import UnitOfWork
from hexi_care.sync import profile as pf
from hexi_care.sync.identity import RESOLVE_ROLES, acting_user, require
from hexi_care.sync.records import KINDS, LIST_FIELDS, canonical
from hexi_care.sync.types import ROLE_LAPTOP, ConflictInfo

KEEP_MINE = "mine"
KEEP_THEIRS = "theirs"
SUPERSEDED = "superseded"  # closed by a later edit, not by a supervisor


def _load(text: str | None) -> Any:
    return json.loads(text) if text is not None else None


def _subject(session: Session, entity: str, entity_id: str) -> str:
    if entity == "child":
        child = session.get(m.Child, entity_id)
        return child.name if child else ""
    if entity == "guardian":
        guardian = session.get(m.Guardian, entity_id)
        return guardian.name if guardian else ""
    household = session.get(m.Household, entity_id)
    return household.address if household else ""


def _current(session: Session, c: SyncConflict) -> Any:
    row = pf.get_row(session, c.entity, c.entity_id)
    return None if row is None else pf.current_value(c.entity, row, c.field)


def _info(session: Session, c: SyncConflict, names: dict[str, str]) -> ConflictInfo:
    return ConflictInfo(
        id=c.id,
        entity=c.entity,
        entity_id=c.entity_id,
        subject=_subject(session, c.entity, c.entity_id),
        community_id=c.community_id,
        field=c.field,
        base=_load(c.base_json),
        mine=_load(c.mine_json),
        theirs=_load(c.theirs_json),
        mine_user=names.get(c.mine_user_id or "", ""),
        mine_at=c.mine_at,
        theirs_user=names.get(c.theirs_user_id or "", ""),
        theirs_at=c.theirs_at,
        detected_at=c.detected_at,
        status=c.status,
        resolution=c.resolution,
        resolved_value=_load(c.resolved_json),
        resolved_by=names.get(c.resolved_by or "", ""),
        resolved_at=c.resolved_at,
        current=_current(session, c),
    )


def _names(session: Session) -> dict[str, str]:
    return {
        i: (d or n)
        for i, n, d in session.execute(select(m.AppUser.id, m.AppUser.name, m.AppUser.display_name))
    }


def list_conflicts(
    store: OpenStore, *, user: User | None = None, include_resolved: bool = False
) -> list[ConflictInfo]:
    """Conflicts in the user's communities, open ones first, oldest first."""
    with UnitOfWork(
        store, acting_user(store, user), system=user is None and store.user is None
    ) as uow:
        uow.require_case_reader()
        stmt = select(SyncConflict).order_by(
            SyncConflict.status, SyncConflict.detected_at, SyncConflict.id
        )
        if not include_resolved:
            stmt = stmt.where(SyncConflict.status == "open")
        names = _names(uow.session)
        return [_info(uow.session, c, names) for c in uow.session.scalars(stmt)]


def _find(session: Session, ref: str) -> SyncConflict:
    ref = ref.strip()
    row = session.get(SyncConflict, ref)
    if row is not None:
        return row
    if len(ref) >= 4:
        rows = list(
            session.scalars(select(SyncConflict).where(SyncConflict.id.startswith(ref)).limit(2))
        )
        if len(rows) == 1:
            return rows[0]
        if len(rows) > 1:
            raise Ambiguous(ref=ref)
    raise NotFound(what="conflict", ref=ref)


def parse_value(entity: str, field: str, text: str) -> Any:
    """A value typed by the supervisor, as the field's JSON value."""
    if field in LIST_FIELDS:
        try:
            return json.loads(text)
        except ValueError:
            raise InvalidInput("json", "bad_json", detail=field) from None
    table = KINDS[entity].table
    assert isinstance(table, Table)
    col = table.c[field]
    text = text.strip()
    if text == "" and col.nullable:
        return None
    if isinstance(col.type, Boolean):
        low = text.lower()
        if low in ("true", "1", "yes", "是"):
            return True
        if low in ("false", "0", "no", "否"):
            return False
        raise InvalidInput(field, "choice", choices="true, false")
    if isinstance(col.type, Date):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise InvalidInput(field, "bad_date") from None
    return text


def resolve_conflict(
    store: OpenStore, ref: str, keep: str, *, user: User | None = None
) -> ConflictInfo:
    """Settle a conflict: keep "mine" (the centre's value), "theirs" (the laptop's) or a value.

    If the field changed here since the conflict was recorded, nothing is replaced: the conflict
    takes the current value as "mine" and "exchange.conflict_changed" says so."""
    actor = acting_user(store, user)
    require(actor, RESOLVE_ROLES, "resolve conflicts")
    moved: str | None = None
    with UnitOfWork(store, actor, system=actor is None) as uow:
        s = uow.session
        me = s.get(SyncIdentity, store.device_id)
        if me is not None and me.role == ROLE_LAPTOP:
            raise ExchangeRefused("exchange.resolve_at_centre", reason="wrong_role")
        c = _find(s, ref)
        uow.require_in_scope(c.community_id)
        if c.status != "open":
            raise ExchangeRefused("exchange.conflict_closed", reason="closed")
        row = pf.get_row(s, c.entity, c.entity_id)
        if row is None:
            raise NotFound(what=c.entity, ref=c.entity_id)
        current = pf.current_value(c.entity, row, c.field)
        if field_json(c.field, current) != field_json(c.field, _load(c.mine_json)):
            # The field moved on here since the conflict was recorded: say so before anything
            # is replaced; the conflict now shows the value a choice would replace.
            c.mine_json = json.dumps(current, ensure_ascii=False)
            c.mine_user_id, c.mine_at = _last_edit(s, c)
            s.flush()
            moved = _shown(current)
        else:
            return _settle(uow, c, row, current, keep, actor)
    # Raised after the commit, so the conflict keeps showing the value it now holds.
    raise ExchangeRefused("exchange.conflict_changed", reason="changed", value=moved)


def _settle(
    uow: UnitOfWork,
    c: SyncConflict,
    row: pf.ProfileRow,
    current: Any,
    keep: str,
    actor: User | None,
) -> ConflictInfo:
    s = uow.session
    if keep == KEEP_MINE:
        chosen = _load(c.mine_json)
    elif keep == KEEP_THEIRS:
        chosen = _load(c.theirs_json)
    else:
        chosen = parse_value(c.entity, c.field, keep)
    try:
        value = pf.check_value(c.entity, c.field, chosen)
    except BadPackage:
        raise InvalidInput(
            c.field if c.field in ("name", "phone", "address") else "json",
            "bad_json",
            detail=c.field,
        ) from None
    if field_json(c.field, current) != field_json(c.field, chosen):
        pf.set_value(s, c.entity, row, c.field, value, uow.today())
        row.version += 1
        row.updated_at = uow.now()
        uow.record_change(c.entity, row.id, row.community_id, c.field, current, chosen)
    c.status = "resolved"
    c.resolution = keep if keep in (KEEP_MINE, KEEP_THEIRS) else "value"
    c.resolved_json = json.dumps(chosen, ensure_ascii=False)
    c.resolved_by = actor.id if actor else None
    c.resolved_at = uow.now()
    uow.audit("resolve", "conflict", c.id, c.field)
    s.flush()
    return _info(s, c, _names(s))


def _last_edit(session: Session, c: SyncConflict) -> tuple[str | None, Any]:
    row = session.execute(
        select(m.ChangeLog.user_id, m.ChangeLog.at)
        .where(m.ChangeLog.entity_id == c.entity_id, m.ChangeLog.field == c.field)
        .order_by(m.ChangeLog.seq.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else (c.mine_user_id, c.mine_at)


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def close_superseded(
    session: Session, entity: str, entity_id: str, field: str, value: Any, change: dict[str, Any]
) -> SyncConflict | None:
    """An edit made after the conflict, by someone who saw this store's value, settles it: the
    open conflict on the field closes as superseded with the edit's value (never reopened by a
    late copy: conflicts only move forward)."""
    c = session.scalars(
        select(SyncConflict).where(
            SyncConflict.entity == entity,
            SyncConflict.entity_id == entity_id,
            SyncConflict.field == field,
            SyncConflict.status == "open",
        )
    ).first()
    if c is None:
        return None
    c.status = "resolved"
    c.resolution = SUPERSEDED
    c.resolved_json = json.dumps(value, ensure_ascii=False)
    c.resolved_by = change["user_id"]
    c.resolved_at = change["at"]
    return c


def field_json(field: str, value: Any) -> bytes:
    if field in LIST_FIELDS and isinstance(value, list):
        return canonical(sorted(value, key=canonical))
    return canonical(value)
