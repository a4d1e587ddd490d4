"""Lists the window shows beside the children list: visits, households, activities and help given,
each a page at a time with SQL doing the filtering and sorting, and the units a user may pick.
All inside the user's scope (the session's filter); rows are plain dataclasses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeAlias

from sqlalchemy import Select, func, or_, select

from hexi_care.db.models import Activity as ActivityRow
from hexi_care.db.models import ActivityParticipant, AppUser, CategoryDef, OrgUnit
from hexi_care.db.models import Assistance as AssistanceRow
from hexi_care.db.models import Child as ChildRow
from hexi_care.db.models import Guardian as GuardianRow
from hexi_care.db.models import Household as HouseholdRow
from hexi_care.db.models import Visit as VisitRow
from hexi_care.domain import idnumber
from hexi_care.domain.enums import Sex, UnitKind, VisitKind, VisitStatus
from hexi_care.domain.model import Unit
from hexi_care.services import units, visits
from hexi_care.services.context import UnitOfWork

AnySelect: TypeAlias = "Select[*tuple[Any, ...]]"


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _unit_names(uow: UnitOfWork) -> dict[str, str]:
    return {i: n for i, n in uow.session.execute(select(OrgUnit.id, OrgUnit.name))}


# -- units ------------------------------------------------------------------------------------------
def visible_units(uow: UnitOfWork) -> list[Unit]:
    """The units inside the user's scope, in tree order: the communities they may see, the streets
    holding them and (for the whole district) the district itself."""
    all_units = units.list_units(uow)
    if uow.scope.everything:
        return all_units
    communities = {
        u.id for u in all_units if u.kind == UnitKind.COMMUNITY and uow.scope.allows(u.id)
    }
    streets = {u.parent_id for u in all_units if u.id in communities}
    return [u for u in all_units if u.id in communities or u.id in streets]


def activity_units(uow: UnitOfWork) -> list[Unit]:
    """Units that may hold an activity the user records: their own unit and the units under it."""
    all_units = units.list_units(uow)
    if uow.user is None:
        return all_units
    below: dict[str | None, list[str]] = {}
    for u in all_units:
        below.setdefault(u.parent_id, []).append(u.id)
    keep: set[str] = set()
    stack = [uow.user.unit_id]
    while stack:
        uid = stack.pop()
        keep.add(uid)
        stack.extend(below.get(uid, []))
    return [u for u in all_units if u.id in keep]


def user_names(uow: UnitOfWork) -> dict[str, str]:
    """User id → display name (for "recorded by" columns)."""
    return {
        i: (d or n)
        for i, n, d in uow.session.execute(select(AppUser.id, AppUser.name, AppUser.display_name))
    }


# -- visits -----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class VisitLine:
    id: str
    child_id: str
    child_name: str
    community_name: str
    visit_date: date
    kind: VisitKind
    status: VisitStatus
    visitors: str
    next_visit_date: date | None
    review_comment: str


VISIT_SORT = {
    "visit_date": VisitRow.visit_date,
    "child": ChildRow.name_pinyin,
    "status": VisitRow.status,
    "kind": VisitRow.kind,
    "community": VisitRow.community_id,
}


def _visit_filter(
    stmt: AnySelect,
    *,
    query: str | None,
    status: str | None,
    community_id: str | None,
    date_from: date | None,
    date_to: date | None,
) -> AnySelect:
    if query and query.strip():
        q = query.strip()
        clauses = [ChildRow.name.like(_like(q), escape="\\")]
        if q.isascii() and q.isalpha():
            clauses.append(ChildRow.name_initials.like(q.lower() + "%"))
        stmt = stmt.where(or_(*clauses))
    return visits.narrowed(
        stmt, status=status, community_id=community_id, date_from=date_from, date_to=date_to
    )


def count_visits(
    uow: UnitOfWork,
    *,
    query: str | None = None,
    status: str | None = None,
    community_id: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> int:
    uow.require_case_reader()
    stmt: AnySelect = select(func.count(VisitRow.id)).join(
        ChildRow, ChildRow.id == VisitRow.child_id
    )
    stmt = _visit_filter(
        stmt,
        query=query,
        status=status,
        community_id=community_id,
        date_from=date_from,
        date_to=date_to,
    )
    return int(uow.session.scalar(stmt) or 0)


def list_visits(
    uow: UnitOfWork,
    *,
    query: str | None = None,
    status: str | None = None,
    community_id: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    sort: str = "visit_date",
    descending: bool = True,
    limit: int | None = 200,
    offset: int = 0,
) -> list[VisitLine]:
    """One page of visits with the child's name; newest first unless sorted otherwise."""
    uow.require_case_reader()
    order = VISIT_SORT.get(sort, VisitRow.visit_date)
    stmt: AnySelect = select(
        VisitRow.id,
        VisitRow.child_id,
        ChildRow.name,
        VisitRow.community_id,
        VisitRow.visit_date,
        VisitRow.kind,
        VisitRow.status,
        VisitRow.visitors,
        VisitRow.next_visit_date,
        VisitRow.review_comment,
    ).join(ChildRow, ChildRow.id == VisitRow.child_id)
    stmt = _visit_filter(
        stmt,
        query=query,
        status=status,
        community_id=community_id,
        date_from=date_from,
        date_to=date_to,
    )
    stmt = stmt.order_by(order.desc() if descending else order.asc(), VisitRow.id)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    names = _unit_names(uow)
    return [
        VisitLine(
            id=r.id,
            child_id=r.child_id,
            child_name=r.name,
            community_name=names.get(r.community_id, ""),
            visit_date=r.visit_date,
            kind=VisitKind(r.kind),
            status=VisitStatus(r.status),
            visitors=r.visitors,
            next_visit_date=r.next_visit_date,
            review_comment=r.review_comment,
        )
        for r in uow.session.execute(stmt)
    ]


# -- households -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class ChildBrief:
    id: str
    name: str
    sex: Sex
    birth_date: date | None
    id_number_masked: str


@dataclass(frozen=True, slots=True, kw_only=True)
class HouseholdLine:
    id: str
    community_id: str
    community_name: str
    address: str
    phone: str
    children: list[ChildBrief] = field(default_factory=list)
    guardians: list[str] = field(default_factory=list)  # names (relationship words are the UI's)


def _household_filter(stmt: AnySelect, *, query: str | None, community_id: str | None) -> AnySelect:
    if query and query.strip():
        q = query.strip()
        kids = select(ChildRow.household_id).where(
            or_(
                ChildRow.name.like(_like(q), escape="\\"),
                ChildRow.name_initials.like(q.lower() + "%")
                if q.isascii() and q.isalpha()
                else ChildRow.id == "",
            )
        )
        stmt = stmt.where(
            or_(HouseholdRow.address.like(_like(q), escape="\\"), HouseholdRow.id.in_(kids))
        )
    if community_id:
        stmt = stmt.where(HouseholdRow.community_id == community_id)
    return stmt


def count_households(
    uow: UnitOfWork, *, query: str | None = None, community_id: str | None = None
) -> int:
    uow.require_case_reader()
    stmt = _household_filter(
        select(func.count(HouseholdRow.id)), query=query, community_id=community_id
    )
    return int(uow.session.scalar(stmt) or 0)


def list_households(
    uow: UnitOfWork,
    *,
    query: str | None = None,
    community_id: str | None = None,
    sort: str = "address",
    descending: bool = False,
    limit: int | None = 200,
    offset: int = 0,
) -> list[HouseholdLine]:
    """One page of households (search by address or a child's name), with their children and
    guardians' names."""
    uow.require_case_reader()
    order = {"address": HouseholdRow.address, "community": HouseholdRow.community_id}.get(
        sort, HouseholdRow.address
    )
    stmt = _household_filter(
        select(
            HouseholdRow.id, HouseholdRow.community_id, HouseholdRow.address, HouseholdRow.phone
        ),
        query=query,
        community_id=community_id,
    ).order_by(order.desc() if descending else order.asc(), HouseholdRow.id)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    rows = list(uow.session.execute(stmt))
    ids = [r.id for r in rows]
    kids: dict[str, list[ChildBrief]] = {}
    guards: dict[str, list[str]] = {}
    if ids:
        for c in uow.session.execute(
            select(
                ChildRow.id,
                ChildRow.household_id,
                ChildRow.name,
                ChildRow.sex,
                ChildRow.birth_date,
                ChildRow.id_number,
            )
            .where(ChildRow.household_id.in_(ids))
            .order_by(ChildRow.birth_date)
        ):
            kids.setdefault(c.household_id or "", []).append(
                ChildBrief(
                    id=c.id,
                    name=c.name,
                    sex=Sex(c.sex),
                    birth_date=c.birth_date,
                    id_number_masked=idnumber.mask(c.id_number) if c.id_number else "",
                )
            )
        for gh, gname in uow.session.execute(
            select(GuardianRow.household_id, GuardianRow.name)
            .where(GuardianRow.household_id.in_(ids))
            .order_by(GuardianRow.name)
        ):
            guards.setdefault(gh or "", []).append(gname)
    names = _unit_names(uow)
    return [
        HouseholdLine(
            id=r.id,
            community_id=r.community_id,
            community_name=names.get(r.community_id, ""),
            address=r.address,
            phone=r.phone,
            children=kids.get(r.id, []),
            guardians=guards.get(r.id, []),
        )
        for r in rows
    ]


#: What a short list of children shows (a household's, an activity's participants).
_BRIEF_COLUMNS = (ChildRow.id, ChildRow.name, ChildRow.sex, ChildRow.birth_date, ChildRow.id_number)


def _briefs(rows: Iterable[Any]) -> list[ChildBrief]:
    return [
        ChildBrief(
            id=c.id,
            name=c.name,
            sex=Sex(c.sex),
            birth_date=c.birth_date,
            id_number_masked=idnumber.mask(c.id_number) if c.id_number else "",
        )
        for c in rows
    ]


def household_children(uow: UnitOfWork, household_id: str) -> list[ChildBrief]:
    uow.require_case_reader()
    return _briefs(
        uow.session.execute(
            select(*_BRIEF_COLUMNS)
            .where(ChildRow.household_id == household_id)
            .order_by(ChildRow.birth_date)
        )
    )


# -- activities and help given ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class ActivityLine:
    id: str
    title: str
    held_on: date
    unit_name: str
    place: str
    organiser: str
    participants: int  # 人次 the user may see (participants are scoped)


def list_activities(uow: UnitOfWork, *, limit: int = 500) -> list[ActivityLine]:
    """Activities held by the user's units, the units above them or below them (an activity row
    has no community; what a user sees of its participants is still scoped)."""
    uow.require_case_reader()
    all_units = units.list_units(uow)
    if uow.scope.everything:
        allowed = {u.id for u in all_units}
    else:
        parent = {u.id: u.parent_id for u in all_units}
        allowed = set()
        for u in all_units:
            if u.kind == UnitKind.COMMUNITY and uow.scope.allows(u.id):
                node: str | None = u.id
                while node is not None:
                    allowed.add(node)
                    node = parent.get(node)
        if uow.user is not None:
            allowed.add(uow.user.unit_id)
    counts = {
        a: n
        for a, n in uow.session.execute(
            select(ActivityParticipant.activity_id, func.count(ActivityParticipant.id)).group_by(
                ActivityParticipant.activity_id
            )
        )
    }
    names = _unit_names(uow)
    stmt = (
        select(ActivityRow)
        .where(ActivityRow.unit_id.in_(sorted(allowed)))
        .order_by(ActivityRow.held_on.desc(), ActivityRow.title)
        .limit(limit)
    )
    return [
        ActivityLine(
            id=r.id,
            title=r.title,
            held_on=r.held_on,
            unit_name=names.get(r.unit_id, ""),
            place=r.place,
            organiser=r.organiser,
            participants=int(counts.get(r.id, 0)),
        )
        for r in uow.session.scalars(stmt)
    ]


def activity_participants(uow: UnitOfWork, activity_id: str) -> list[ChildBrief]:
    uow.require_case_reader()
    return _briefs(
        uow.session.execute(
            select(*_BRIEF_COLUMNS)
            .join(ActivityParticipant, ActivityParticipant.child_id == ChildRow.id)
            .where(ActivityParticipant.activity_id == activity_id)
            .order_by(ChildRow.name_pinyin)
        )
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class AssistanceLine:
    id: str
    household_id: str
    household_address: str
    child_name: str
    community_name: str
    given_on: date
    kind: str
    description: str
    items: int
    amount_fen: int
    source: str
    campaign: str = ""  # the campaign's name (or free text written before campaigns were records)


def list_assistance(uow: UnitOfWork, *, limit: int = 500, offset: int = 0) -> list[AssistanceLine]:
    """Help given, newest first, with the household's address and the child's name."""
    uow.require_case_reader()
    names = _unit_names(uow)
    stmt = (
        select(
            AssistanceRow.id,
            AssistanceRow.household_id,
            HouseholdRow.address,
            ChildRow.name,
            AssistanceRow.community_id,
            AssistanceRow.given_on,
            AssistanceRow.kind,
            AssistanceRow.description,
            AssistanceRow.items,
            AssistanceRow.amount_fen,
            AssistanceRow.source,
            AssistanceRow.campaign,
        )
        .join(HouseholdRow, HouseholdRow.id == AssistanceRow.household_id)
        .outerjoin(ChildRow, ChildRow.id == AssistanceRow.child_id)
        .order_by(AssistanceRow.given_on.desc(), AssistanceRow.id)
        .limit(limit)
        .offset(offset)
    )
    return [
        AssistanceLine(
            id=r.id,
            household_id=r.household_id,
            household_address=r.address,
            child_name=r.name or "",
            community_name=names.get(r.community_id, ""),
            given_on=r.given_on,
            kind=r.kind,
            description=r.description,
            items=r.items,
            amount_fen=r.amount_fen,
            source=r.source,
            campaign=r.campaign,
        )
        for r in uow.session.execute(stmt)
    ]


def count_assistance(uow: UnitOfWork) -> int:
    uow.require_case_reader()
    return int(uow.session.scalar(select(func.count(AssistanceRow.id))) or 0)


def category_names(uow: UnitOfWork) -> dict[str, tuple[str, str]]:
    """Category code → (Chinese, English) names, from the store (categories are data)."""
    return {
        c: (zh, en)
        for c, zh, en in uow.session.execute(
            select(CategoryDef.code, CategoryDef.name_zh, CategoryDef.name_en)
            .where(CategoryDef.active)
            .order_by(CategoryDef.sort)
        )
    }
