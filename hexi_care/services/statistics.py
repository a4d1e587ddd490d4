"""Work statistics (工作统计) for a unit and a period, derived from person-level records and
de-duplicated as DOMAIN.md "Counting" says.

Definitions (docs/reports.md repeats them for readers of the printed table):
- 户 households: distinct households reached in the period by a submitted visit, a notice
  delivery or help given;
- 人 children: distinct children reached by a submitted visit, an activity or help given to them;
- 人次 person-times: each child's each visit, each activity attended, each help given to a child;
- 走访 visits: submitted (or reviewed) visits, drafts excluded;
- 件 items and 元 money: sums of help given; 告知书 notices delivered; 强制报告 reports found in the
  period; 逾期 children whose next visit was due before the end of the period (or today) and not made.
Every child and household belongs to one community, so street and district figures are sums of
distinct community figures; nothing is counted twice across units.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, fields
from datetime import date

from sqlalchemy import func, select

from hexi_care.db.models import (
    Activity,
    ActivityParticipant,
    Assistance,
    MandatoryReport,
    NoticeDelivery,
    OrgUnit,
    Visit,
)
from hexi_care.db.models import Child as ChildRow
from hexi_care.domain.enums import UnitKind, VisitStatus
from hexi_care.errors import InvalidInput
from hexi_care.services.context import UnitOfWork
from hexi_care.services.units import resolve_unit

COUNTED = (VisitStatus.SUBMITTED, VisitStatus.APPROVED, VisitStatus.RETURNED)


@dataclass(slots=True)
class Figures:
    households: int = 0
    children: int = 0
    person_times: int = 0
    visits: int = 0
    notices: int = 0
    items: int = 0
    amount_fen: int = 0
    overdue: int = 0
    mandatory_reports: int = 0

    def add(self, other: Figures) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


@dataclass(slots=True)
class UnitFigures:
    unit_id: str
    name: str
    kind: UnitKind
    figures: Figures
    parts: list[UnitFigures] = field(default_factory=list)


def communities_under(uow: UnitOfWork, unit_id: str) -> dict[str, tuple[str, str]]:
    """community id → (name, street id) for the communities under `unit_id` that the user may see."""
    rows = uow.session.execute(
        select(OrgUnit.id, OrgUnit.name, OrgUnit.parent_id, OrgUnit.kind, OrgUnit.sort)
    ).all()
    children: dict[str | None, list[str]] = defaultdict(list)
    info = {u: (n, p, k, s) for u, n, p, k, s in rows}
    for u, _, p, _, _ in rows:
        children[p].append(u)
    out: dict[str, tuple[str, str]] = {}
    stack = [unit_id]
    while stack:
        u = stack.pop()
        name, parent, kind, _ = info[u]
        assert name is not None
        if kind == UnitKind.COMMUNITY and uow.scope.allows(u):
            out[u] = (name, parent or "")
        stack.extend(children.get(u, []))
    return out


def compute(uow: UnitOfWork, unit_ref: str, start: date, end: date) -> UnitFigures:
    """Figures for `unit_ref` with a breakdown by street and community (only those in scope)."""
    uow.require_case_reader()
    if end < start:
        raise InvalidInput("end_date", "end_before_start")
    unit = resolve_unit(uow, unit_ref)
    communities = communities_under(uow, unit.id)
    ids = list(communities)
    per: dict[str, Figures] = {c: Figures() for c in ids}
    households: dict[str, set[str]] = defaultdict(set)
    kids: dict[str, set[str]] = defaultdict(set)
    s = uow.session

    visit_rows = s.execute(
        select(Visit.community_id, Visit.child_id, Visit.household_id, func.count())
        .where(
            Visit.community_id.in_(ids),
            Visit.visit_date.between(start, end),
            # `status || ""` keeps the planner off the status index: the covering one is faster.
            (Visit.status + "").in_(COUNTED),
        )
        .group_by(Visit.community_id, Visit.child_id, Visit.household_id)
    ).all()
    for community, child, household, n in visit_rows:
        per[community].visits += n
        per[community].person_times += n
        kids[community].add(child)
        if household:
            households[community].add(household)

    for community, notice_household, n in s.execute(
        select(
            NoticeDelivery.community_id, NoticeDelivery.household_id, func.count(NoticeDelivery.id)
        )
        .where(
            NoticeDelivery.community_id.in_(ids), NoticeDelivery.delivered_on.between(start, end)
        )
        .group_by(NoticeDelivery.community_id, NoticeDelivery.household_id)
    ).all():
        per[community].notices += n
        households[community].add(notice_household)

    for community, help_household, help_child, n, items, fen in s.execute(
        select(
            Assistance.community_id,
            Assistance.household_id,
            Assistance.child_id,
            func.count(Assistance.id),
            func.sum(Assistance.items),
            func.sum(Assistance.amount_fen),
        )
        .where(Assistance.community_id.in_(ids), Assistance.given_on.between(start, end))
        .group_by(Assistance.community_id, Assistance.household_id, Assistance.child_id)
    ).all():
        per[community].items += int(items or 0)
        per[community].amount_fen += int(fen or 0)
        households[community].add(help_household)
        if help_child:
            kids[community].add(help_child)
            per[community].person_times += n

    for community, participant, n in s.execute(
        select(
            ActivityParticipant.community_id,
            ActivityParticipant.child_id,
            func.count(ActivityParticipant.id),
        )
        .join(Activity, Activity.id == ActivityParticipant.activity_id)
        .where(ActivityParticipant.community_id.in_(ids), Activity.held_on.between(start, end))
        .group_by(ActivityParticipant.community_id, ActivityParticipant.child_id)
    ).all():
        per[community].person_times += n
        kids[community].add(participant)

    cutoff = min(end, uow.today())
    for community, n in s.execute(
        select(ChildRow.community_id, func.count(ChildRow.id))
        .where(ChildRow.community_id.in_(ids), ChildRow.next_due < cutoff)
        .group_by(ChildRow.community_id)
    ).all():
        per[community].overdue = n

    if uow.user is None or uow.user.role.value != "admin":
        for community, n in s.execute(
            select(MandatoryReport.community_id, func.count(MandatoryReport.id))
            .where(
                MandatoryReport.community_id.in_(ids),
                func.date(MandatoryReport.found_at).between(start.isoformat(), end.isoformat()),
            )
            .group_by(MandatoryReport.community_id)
        ).all():
            per[community].mandatory_reports = n

    for c in ids:
        per[c].households = len(households[c])
        per[c].children = len(kids[c])

    # Assemble the tree: unit → streets → communities.
    street_names = dict(s.execute(select(OrgUnit.id, OrgUnit.name)).all())
    street_sort = dict(s.execute(select(OrgUnit.id, OrgUnit.sort)).all())
    by_street: dict[str, list[UnitFigures]] = defaultdict(list)
    for c, (name, street) in communities.items():
        by_street[street].append(UnitFigures(c, name, UnitKind.COMMUNITY, per[c]))
    total = Figures()
    if unit.kind == UnitKind.COMMUNITY:
        only = (
            by_street[communities[unit.id][1]][0]
            if unit.id in communities
            else UnitFigures(unit.id, unit.name, unit.kind, Figures())
        )
        return UnitFigures(unit.id, unit.name, unit.kind, only.figures)
    streets: list[UnitFigures] = []
    for street in sorted(by_street, key=lambda x: (street_sort.get(x, 0), street_names.get(x, ""))):
        parts = sorted(by_street[street], key=lambda u: u.name)
        sub = Figures()
        for p in parts:
            sub.add(p.figures)
        streets.append(
            UnitFigures(street, street_names.get(street, ""), UnitKind.STREET, sub, parts)
        )
        total.add(sub)
    if unit.kind == UnitKind.STREET:
        return streets[0] if streets else UnitFigures(unit.id, unit.name, unit.kind, total)
    return UnitFigures(unit.id, unit.name, unit.kind, total, streets)
