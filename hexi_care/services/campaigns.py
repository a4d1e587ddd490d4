"""Campaigns (寒假, 暑假 with drowning first, 春节/中秋慰问, any named drive): the record, its target
list from filters, the notice template it hands out, and coverage against the target by the
visits and help tagged with it. A campaign's name is what visits, help and activities carry."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, or_, select

from hexi_care.db.models import Assistance, AssistanceBeneficiary, OrgUnit
from hexi_care.db.models import Campaign as CampaignRow
from hexi_care.db.models import Child as ChildRow
from hexi_care.db.models import Visit as VisitRow
from hexi_care.domain.enums import (
    CampaignKind,
    CampaignState,
    CampaignTarget,
    RiskLevel,
    Role,
    SafetyTopic,
    VisitStatus,
)
from hexi_care.domain.model import Campaign, CampaignProgress, Unit
from hexi_care.errors import InvalidInput, NotFound, ScopeDenied
from hexi_care.services import children, support, units
from hexi_care.services import validate as v
from hexi_care.services.context import UnitOfWork
from hexi_care.services.statistics import communities_under

_NS = uuid.UUID("0c7d1c52-5a83-4f4b-8f0e-4f7b8f2b6f31")
MAX_TARGET = 1_000_000


def campaign_id(name: str) -> str:
    """One name, one campaign: the same campaign made at two stores meets as one record."""
    return str(uuid.uuid5(_NS, name))


def to_campaign(r: CampaignRow) -> Campaign:
    f = json.loads(r.filter_json or "{}")
    return Campaign(
        id=r.id,
        name=r.name,
        unit_id=r.unit_id,
        kind=CampaignKind(r.kind),
        starts_on=r.starts_on,
        ends_on=r.ends_on,
        target=CampaignTarget(r.target),
        categories=list(f.get("categories", [])),
        risks=list(f.get("risks", [])),
        target_count=r.target_count,
        template_code=r.template_code,
        focus=[t for t in r.focus.split(",") if t],
        note=r.note,
    )


def _fields(uow: UnitOfWork, c: Campaign, kind: CampaignKind) -> dict[str, Any]:
    """The campaign's period, target list, size, notice and safety topics, checked, as the
    record's columns (the same for a new campaign and a changed one)."""
    starts = v.parse_date("starts_on", c.starts_on, required=True)
    ends = v.parse_date("ends_on", c.ends_on, required=True)
    assert starts is not None and ends is not None
    v.date_range("ends_on", starts, ends)
    known = children.category_defs(uow)
    for code in c.categories:
        if code not in known:
            raise InvalidInput("category", "unknown", value=code)
    risks = [v.choice("risk", RiskLevel, r).value for r in c.risks]
    focus = [v.choice("focus", SafetyTopic, t).value for t in c.focus]
    if kind is CampaignKind.SUMMER:
        # Summer visits put drowning first (the national summer notice).
        focus = [SafetyTopic.DROWNING.value, *(t for t in focus if t != SafetyTopic.DROWNING)]
    template = v.text("template_code", c.template_code, max_len=32)
    if template and template not in {t.code for t in support.templates(uow)}:
        raise InvalidInput("template_code", "unknown", value=template)
    return {
        "starts_on": starts,
        "ends_on": ends,
        "target": v.choice("target", CampaignTarget, c.target),
        "filter_json": json.dumps(
            {"categories": list(c.categories), "risks": risks}, ensure_ascii=False
        ),
        "target_count": v.non_negative_int("target_count", c.target_count, max_value=MAX_TARGET),
        "template_code": template,
        "focus": ",".join(dict.fromkeys(focus)),
        "note": v.text("note", c.note, max_len=5000),
    }


def add_campaign(uow: UnitOfWork, c: Campaign) -> Campaign:
    uow.require_role(Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR, action="manage campaigns")
    name = v.text("title", c.name, required=True, max_len=128)
    unit = units.resolve_unit(uow, c.unit_id)
    related = units.related_unit_ids(uow)
    if related is not None and unit.id not in related:
        raise ScopeDenied()
    kind = v.choice("kind", CampaignKind, c.kind)
    fields = _fields(uow, c, kind)
    cid = campaign_id(name)
    if uow.session.get(CampaignRow, cid) is not None:
        raise InvalidInput("campaign", "duplicate", value=name)
    row = CampaignRow(id=cid, unit_id=unit.id, name=name, kind=kind, **fields)
    uow.session.add(row)
    uow.session.flush()
    uow.audit("create", "campaign", row.id, name)
    return to_campaign(row)


def update_campaign(uow: UnitOfWork, ref: str, c: Campaign) -> Campaign:
    """Change a campaign's period, target list, size, notice, safety topics or note, by a
    supervisor of its unit or one above it. Its name, unit and kind stay (visits and help carry
    the name; `c`'s are not read). The change reaches every laptop with the next package."""
    uow.require_role(Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR, action="manage campaigns")
    was = get_campaign(uow, ref)
    if not _held_below(uow, was.unit_id):
        raise ScopeDenied()
    fields = _fields(uow, c, was.kind)
    row = uow.session.get(CampaignRow, was.id)
    assert row is not None
    changed = sorted(k for k, value in fields.items() if getattr(row, k) != value)
    if changed:
        for k in changed:
            setattr(row, k, fields[k])
        row.rev += 1  # the exchange keeps the furthest revision: the change reaches every laptop
        uow.session.flush()
        uow.audit("update", "campaign", row.id, ",".join(changed))
    return to_campaign(row)


def _visible(uow: UnitOfWork) -> Any:
    related = units.related_unit_ids(uow)
    stmt = select(CampaignRow).order_by(CampaignRow.starts_on.desc(), CampaignRow.name)
    if related is not None:
        stmt = stmt.where(CampaignRow.unit_id.in_(related))
    return stmt


def campaigns(uow: UnitOfWork) -> list[Campaign]:
    """Campaigns held by the user's units, those above them and those below, newest first."""
    uow.require_case_reader()
    return [to_campaign(r) for r in uow.session.scalars(_visible(uow))]


def get_campaign(uow: UnitOfWork, ref: str) -> Campaign:
    """A campaign by id or name (among those the user sees)."""
    uow.require_case_reader()
    ref = ref.strip()
    for r in uow.session.scalars(_visible(uow)):
        if ref in (r.id, r.name):
            return to_campaign(r)
    raise NotFound(what="campaign", ref=ref)


def state(c: Campaign, day: date) -> CampaignState:
    if day < c.starts_on:
        return CampaignState.UPCOMING
    return CampaignState.OPEN if day <= c.ends_on else CampaignState.OVER


def units_to_hold(uow: UnitOfWork) -> list[Unit]:
    """The units the user may hold a campaign for, in tree order: their own and those below it."""
    uow.require_role(Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR, action="manage campaigns")
    return [u for u in units.list_units(uow) if _held_below(uow, u.id)]


def open_on(uow: UnitOfWork, day: date) -> list[Campaign]:
    """The campaigns open on `day` that the user sees, newest first: what a visit or help given
    that day may belong to."""
    return [c for c in campaigns(uow) if c.starts_on <= day <= c.ends_on]


def _held_below(uow: UnitOfWork, unit_id: str) -> bool:
    """Is the unit the user's own or one below it (a street supervisor does not end the
    district's campaign)?"""
    if uow.user is None or uow.scope.everything:
        return True
    parent = dict(uow.session.execute(select(OrgUnit.id, OrgUnit.parent_id)).all())
    up: str | None = unit_id
    while up is not None:
        if up == uow.user.unit_id:
            return True
        up = parent.get(up)
    return False


def end_campaign(uow: UnitOfWork, ref: str, on: object = None) -> Campaign:
    """End a campaign on `on` (today): its period closes that day, so it is no longer offered
    to visits and help and its coverage counts up to that day. Only a campaign under way is
    ended, by a supervisor of its unit or one above it."""
    uow.require_role(Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR, action="manage campaigns")
    c = get_campaign(uow, ref)
    if not _held_below(uow, c.unit_id):
        raise ScopeDenied()
    day = v.parse_date("ends_on", on) or uow.today()
    if c.ends_on < uow.today():
        raise InvalidInput("ends_on", "campaign_over", end=c.ends_on.isoformat())
    v.date_range("ends_on", c.starts_on, day)
    if day > c.ends_on:
        raise InvalidInput("ends_on", "after_planned_end", end=c.ends_on.isoformat())
    row = uow.session.get(CampaignRow, c.id)
    assert row is not None
    before = row.ends_on
    row.ends_on = day
    row.rev += 1  # the exchange keeps the furthest revision: the end reaches every laptop
    uow.session.flush()
    uow.audit("end", "campaign", row.id, f"{before.isoformat()} -> {day.isoformat()}")
    return to_campaign(row)


def current(uow: UnitOfWork, day: date | None = None) -> Campaign | None:
    """The campaign under way on `day` (today) that started last, for the dashboard."""
    day = day or uow.today()
    under_way = [c for c in campaigns(uow) if c.starts_on <= day <= c.ends_on]
    return under_way[0] if under_way else None


def _target_filter(c: Campaign) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if c.categories:
        # category_codes holds the child's active labels as "a,b": match whole codes.
        padded = "," + ChildRow.category_codes + ","
        where.append(or_(*(padded.contains(f",{code},") for code in c.categories)))
    if c.risks:
        where.append(ChildRow.risk.in_(c.risks))
    return where


def progress(uow: UnitOfWork, c: Campaign) -> CampaignProgress:
    """Targets in the campaign's units that the user may see, and how many were reached by a
    visit (not a draft) or help tagged with the campaign within its period."""
    uow.require_case_reader()
    communities = communities_under(uow, c.unit_id)
    ids = list(communities)
    s = uow.session
    households = c.target is CampaignTarget.HOUSEHOLDS
    key = ChildRow.household_id if households else ChildRow.id
    on_list: dict[str, str] = {}  # target → community
    for target, community in s.execute(
        select(key, ChildRow.community_id).where(
            ChildRow.community_id.in_(ids), key.is_not(None), *_target_filter(c)
        )
    ):
        if target is not None:
            on_list.setdefault(target, community)
    reached: set[str] = set()
    vkey = VisitRow.household_id if households else VisitRow.child_id
    visits = 0
    for target in s.scalars(
        select(vkey).where(
            VisitRow.campaign == c.name,
            VisitRow.community_id.in_(ids),
            VisitRow.visit_date.between(c.starts_on, c.ends_on),
            VisitRow.status != VisitStatus.DRAFT,
        )
    ):
        visits += 1
        if target in on_list:
            reached.add(target)
    help_where = [
        Assistance.campaign == c.name,
        Assistance.community_id.in_(ids),
        Assistance.given_on.between(c.starts_on, c.ends_on),
    ]
    help_count = 0
    if households:
        for target in s.scalars(select(Assistance.household_id).where(*help_where)):
            help_count += 1
            if target in on_list:
                reached.add(target)
    else:
        help_count = len(list(s.scalars(select(Assistance.id).where(*help_where))))
        reached.update(
            t
            for t in s.scalars(
                select(AssistanceBeneficiary.child_id)
                .join(Assistance, Assistance.id == AssistanceBeneficiary.assistance_id)
                .where(*help_where)
            )
            if t in on_list
        )
    per_total: dict[str, int] = defaultdict(int)
    per_reached: dict[str, int] = defaultdict(int)
    for target, community in on_list.items():
        per_total[community] += 1
        if target in reached:
            per_reached[community] += 1
    order = units.unit_order(uow)
    by_community = [
        (cid, communities[cid][0], per_total[cid], per_reached[cid])
        for cid in sorted(ids, key=lambda x: order.get(x, 0))
    ]
    return CampaignProgress(
        campaign=c,
        targets=len(on_list),
        goal=c.target_count or len(on_list),
        reached=len(reached),
        visits=visits,
        help_count=help_count,
        by_community=by_community,
    )


def target_children(uow: UnitOfWork, c: Campaign, *, missing_only: bool = False) -> list[str]:
    """Child ids on the campaign's list (children, or the children of its households), for the
    list a dashboard figure opens; `missing_only` keeps those not reached yet."""
    uow.require_case_reader()
    ids = list(communities_under(uow, c.unit_id))
    rows = uow.session.execute(
        select(ChildRow.id, ChildRow.household_id).where(
            ChildRow.community_id.in_(ids), *_target_filter(c)
        )
    ).all()
    if not missing_only:
        return [r[0] for r in rows]
    households = c.target is CampaignTarget.HOUSEHOLDS
    vkey = VisitRow.household_id if households else VisitRow.child_id
    done = set(
        uow.session.scalars(
            select(vkey).where(
                VisitRow.campaign == c.name,
                VisitRow.visit_date.between(c.starts_on, c.ends_on),
                VisitRow.status != VisitStatus.DRAFT,
            )
        )
    )
    return [cid for cid, hh in rows if (hh if households else cid) not in done]


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetChild:
    """A child on a campaign's list, for the list the dashboard's campaign figure opens."""

    child_id: str
    name: str
    community_name: str
    reached: bool


def target_list(uow: UnitOfWork, ref: str) -> list[TargetChild]:
    """The campaign's list in the user's units, those not reached yet first."""
    c = get_campaign(uow, ref)
    missing = set(target_children(uow, c, missing_only=True))
    wanted = target_children(uow, c)
    names = units.unit_names(uow)
    rows: list[TargetChild] = []
    for part in range(0, len(wanted), 900):
        for cid, name, community in uow.session.execute(
            select(ChildRow.id, ChildRow.name, ChildRow.community_id).where(
                ChildRow.id.in_(wanted[part : part + 900])
            )
        ):
            rows.append(
                TargetChild(
                    child_id=cid,
                    name=name,
                    community_name=names.get(community, ""),
                    reached=cid not in missing,
                )
            )
    rows.sort(key=lambda t: (t.reached, t.community_name, t.name))
    return rows


@dataclass(frozen=True, slots=True, kw_only=True)
class CampaignGap:
    """A campaign under way that has not reached its goal yet: an alert line (the alert list's
    source of campaign gaps)."""

    campaign: str
    ends_on: date
    days_left: int
    reached: int
    goal: int

    @property
    def missing(self) -> int:
        return max(0, self.goal - self.reached)


def gaps(uow: UnitOfWork, day: date | None = None) -> list[CampaignGap]:
    """Campaigns under way on `day` (today) short of their goal in the user's units, the one
    ending first first."""
    day = day or uow.today()
    out: list[CampaignGap] = []
    for c in campaigns(uow):
        if not c.starts_on <= day <= c.ends_on:
            continue
        p = progress(uow, c)
        if p.reached < p.goal:
            out.append(
                CampaignGap(
                    campaign=c.name,
                    ends_on=c.ends_on,
                    days_left=(c.ends_on - day).days,
                    reached=p.reached,
                    goal=p.goal,
                )
            )
    return sorted(out, key=lambda g: (g.ends_on, g.campaign))
