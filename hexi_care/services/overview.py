"""The centre's and the street's dashboard figures (看板): children by category and street (or
community), visits per month, overdue children by community, the current campaign's coverage, risk
levels and open mandatory reports. Each figure carries the filter its list opens with, so the
window's click-through and the statistics PDF read the same numbers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import String, cast, func, select

from hexi_care.db.models import CategoryDef, OrgUnit
from hexi_care.db.models import Child as ChildRow
from hexi_care.db.models import MandatoryReport as ReportRow
from hexi_care.db.models import Visit as VisitRow
from hexi_care.domain.enums import ReportStatus, RiskLevel, Role, UnitKind, VisitStatus
from hexi_care.domain.model import CampaignProgress
from hexi_care.services import campaigns, units
from hexi_care.services.casework import REPORT_READERS
from hexi_care.services.children import apply_category_dates
from hexi_care.services.context import UnitOfWork
from hexi_care.services.statistics import communities_under

MONTHS = 12


@dataclass(frozen=True, slots=True, kw_only=True)
class Drill:
    """What clicking a figure opens: a page and its filter."""

    page: str  # children | visits | reports | campaign
    community_id: str | None = None
    street_id: str | None = None
    category: str | None = None
    risk: str | None = None
    overdue: bool = False
    date_from: date | None = None
    date_to: date | None = None
    campaign: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Bar:
    label: str  # a unit's name, a month "YYYY-MM", a category or risk code
    value: int
    drill: Drill


@dataclass(slots=True, kw_only=True)
class Overview:
    """The figures; unit columns are streets for the district and communities for a street."""

    day: date
    unit_kind: str  # street | community: what the unit columns are
    units: list[tuple[str, str]] = field(default_factory=list)  # (id, name)
    categories: list[str] = field(default_factory=list)  # codes with children, in order
    #: category code → one bar per unit column
    children: dict[str, list[Bar]] = field(default_factory=dict)
    children_total: int = 0
    visits_by_month: list[Bar] = field(default_factory=list)
    overdue_by_community: list[Bar] = field(default_factory=list)
    #: the same by the unit columns (streets for the district: 60 communities make no chart)
    overdue_by_unit: list[Bar] = field(default_factory=list)
    risk: list[Bar] = field(default_factory=list)
    open_reports: Bar | None = None  # None when the role may not read reports
    campaign: CampaignProgress | None = None
    #: the campaign's (unit id, name, on the list, reached) by the unit columns
    campaign_by_unit: list[tuple[str, str, int, int]] = field(default_factory=list)


def _months_back(day: date, n: int) -> list[tuple[date, date]]:
    """The first and last day of the last `n` months, oldest first, this month included."""
    out: list[tuple[date, date]] = []
    y, m = day.year, day.month
    for _ in range(n):
        first = date(y, m, 1)
        ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
        out.append((first, date.fromordinal(date(ny, nm, 1).toordinal() - 1)))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return out[::-1]


def overview(uow: UnitOfWork, *, day: date | None = None, unit_id: str | None = None) -> Overview:
    """The figures for the user's units, or for the part of them under `unit_id`."""
    uow.require_case_reader()
    day = day or uow.today()
    apply_category_dates(uow)
    s = uow.session
    rows = s.execute(select(OrgUnit.id, OrgUnit.name, OrgUnit.parent_id, OrgUnit.kind)).all()
    order = units.unit_order(uow)
    communities = {
        u: (n, p) for u, n, p, k in rows if k == UnitKind.COMMUNITY and uow.scope.allows(u)
    }
    kinds = {u: k for u, _, _, k in rows}
    if unit_id is not None:
        under = communities_under(uow, unit_id)
        communities = {u: v for u, v in communities.items() if u in under}
    names = {u: n for u, n, _, _ in rows}
    streets = sorted({p for _, p in communities.values() if p}, key=lambda x: order.get(x, 0))
    by_street = len(streets) > 1 or (
        unit_id is None and uow.user is not None and uow.user.role is Role.CENTRE_SUPERVISOR
    )
    if unit_id is not None and kinds.get(unit_id) == UnitKind.DISTRICT:
        by_street = True
    columns = streets if by_street else sorted(communities, key=lambda x: order.get(x, 0))
    ov = Overview(
        day=day,
        unit_kind="street" if by_street else "community",
        units=[(u, names[u]) for u in columns],
    )

    # Children by category and unit: category_codes holds the active labels as "a,b".
    counts: dict[tuple[str, str], int] = defaultdict(int)
    risk: dict[str, int] = defaultdict(int)
    total = 0
    for community, codes, level, n in s.execute(
        select(
            ChildRow.community_id, ChildRow.category_codes, ChildRow.risk, func.count(ChildRow.id)
        ).group_by(ChildRow.community_id, ChildRow.category_codes, ChildRow.risk)
    ):
        if community not in communities:
            continue
        column = (communities[community][1] or "") if by_street else community
        total += n
        risk[level] += n
        for code in (c for c in codes.split(",") if c):
            counts[(code, column)] += n
    ov.children_total = total
    cat_order = {
        code: i
        for i, code in enumerate(
            s.scalars(select(CategoryDef.code).order_by(CategoryDef.sort, CategoryDef.code))
        )
    }
    ov.categories = sorted({c for c, _ in counts}, key=lambda c: (cat_order.get(c, 999), c))
    for code in ov.categories:
        ov.children[code] = [
            Bar(
                label=names[u],
                value=counts.get((code, u), 0),
                drill=Drill(
                    page="children",
                    category=code,
                    street_id=u if by_street else None,
                    community_id=None if by_street else u,
                ),
            )
            for u in columns
        ]
    ov.risk = [
        Bar(label=r.value, value=risk.get(r.value, 0), drill=Drill(page="children", risk=r.value))
        for r in RiskLevel
    ]

    # Visits per month over the last year (drafts are not visits yet).
    months = _months_back(day, MONTHS)
    per_month: dict[str, int] = defaultdict(int)
    # Counted per community and calendar month in SQL ("YYYY-MM", the first seven characters of
    # the ISO date on SQLite and PostgreSQL alike: cheaper per row than two EXTRACTs), each
    # community's range of the statistics index read on its own.
    ym = func.substr(cast(VisitRow.visit_date, String), 1, 7)
    for community, month, n in s.execute(
        select(VisitRow.community_id, ym, func.count())
        .where(
            VisitRow.community_id.in_(list(communities)),
            VisitRow.visit_date.between(months[0][0], months[-1][1]),
            (VisitRow.status + "") != VisitStatus.DRAFT,  # the covering index, not status's
        )
        .group_by(VisitRow.community_id, ym)
    ):
        if community in communities:
            per_month[str(month)] += n
    ov.visits_by_month = [
        Bar(
            label=f"{a.year:04d}-{a.month:02d}",
            value=per_month.get(f"{a.year:04d}-{a.month:02d}", 0),
            drill=Drill(page="visits", date_from=a, date_to=b),
        )
        for a, b in months
    ]

    # Overdue children by community (the schedule's next due date has passed).
    overdue: dict[str, int] = {
        c: int(n)
        for c, n in s.execute(
            select(ChildRow.community_id, func.count(ChildRow.id))
            .where(ChildRow.next_due.is_not(None), ChildRow.next_due < day)
            .group_by(ChildRow.community_id)
        )
    }
    ov.overdue_by_community = [
        Bar(
            label=communities[c][0],
            value=overdue.get(c, 0),
            drill=Drill(page="children", community_id=c, overdue=True),
        )
        for c in sorted(communities, key=lambda x: order.get(x, 0))
    ]

    per_unit: dict[str, int] = defaultdict(int)
    for c, n in overdue.items():
        if c in communities:
            per_unit[(communities[c][1] or "") if by_street else c] += n
    ov.overdue_by_unit = [
        Bar(
            label=names[u],
            value=per_unit.get(u, 0),
            drill=Drill(
                page="children",
                street_id=u if by_street else None,
                community_id=None if by_street else u,
                overdue=True,
            ),
        )
        for u in columns
    ]

    if uow.user is None or uow.user.role in REPORT_READERS:
        reports = s.scalar(
            select(func.count(ReportRow.id)).where(ReportRow.status == ReportStatus.OPEN)
        )
        ov.open_reports = Bar(label="open", value=int(reports or 0), drill=Drill(page="reports"))

    current = campaigns.current(uow, day)
    if current is not None:
        ov.campaign = p = campaigns.progress(uow, current)
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for c, _, on_list, reached in p.by_community:
            t = totals[(communities[c][1] or "") if by_street else c]
            t[0] += on_list
            t[1] += reached
        ov.campaign_by_unit = [
            (u, names[u], totals[u][0], totals[u][1]) for u in columns if u in totals
        ]
    return ov
