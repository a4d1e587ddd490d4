"""Work statistics (工作统计) for a unit and a period, derived from person-level records and
de-duplicated as DOMAIN.md "Counting" says.

Definitions (docs/reports.md repeats them for readers of the printed table):
- 户 households: distinct households reached in the period by a submitted visit, a notice
  delivery or help given;
- 人 children: distinct children reached by a submitted visit, an activity or help given to them;
- 人次 person-times: each child's each visit, each activity attended, each help given to a child;
- 走访 visits: submitted (or reviewed) visits, drafts excluded;
- 件 items and 元 money: sums of help given; 告知书 notices delivered; 强制报告 reports found in the
  period (on the store's calendar, not UTC's);
- 逾期 overdue: children registered by the period's last day (or today, when earlier) whose next
  visit, as the schedule stood on that day (the last visit made by then, the categories active
  then), was due before it.
Every child and household belongs to one community, so street and district figures are sums of
distinct community figures; nothing is counted twice across units.

A reader is given the part of the unit they may see: a director asking for the district gets their
community, under its own name; a unit wholly outside their units is refused.
"""

from __future__ import annotations

import sys
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    SQLColumnExpression,
    String,
    and_,
    case,
    cast,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session

from hexi_care.db.models import (
    Activity,
    ActivityParticipant,
    Assistance,
    AssistanceBeneficiary,
    ChildCategory,
    MandatoryReport,
    NoticeDelivery,
    OrgUnit,
    Visit,
)
from hexi_care.db.models import Child as ChildRow
from hexi_care.domain import dates, schedule
from hexi_care.domain.enums import RiskLevel, UnitKind, VisitStatus
from hexi_care.domain.model import Unit
from hexi_care.errors import InvalidInput, ScopeDenied
from hexi_care.services import settings
from hexi_care.services.children import apply_category_dates
from hexi_care.services.context import UnitOfWork
from hexi_care.services.units import related_unit_ids, resolve_unit, unit_order

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
    household_times: int = 0  # 户次: each visit day, help given and notice, per household

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


def covered_unit(uow: UnitOfWork, unit_ref: str) -> Unit:
    """The unit a reader's figures, registers and batches for `unit_ref` actually cover: the unit
    itself, or the reader's own unit when `unit_ref` lies above it (a director asking for the
    district gets their community). A unit wholly outside the reader's units is refused."""
    unit = resolve_unit(uow, unit_ref)
    related = related_unit_ids(uow)
    if related is None or uow.user is None:
        return unit
    if unit.id not in related:
        raise ScopeDenied()
    parents = dict(uow.session.execute(select(OrgUnit.id, OrgUnit.parent_id)).all())
    up = parents.get(uow.user.unit_id)
    while up is not None:
        if up == unit.id:
            return resolve_unit(uow, uow.user.unit_id)
        up = parents.get(up)
    return unit


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Only the help and activities of one activity, campaign or funder (资助方). With any of
    these set, notices, overdue children and mandatory reports are not counted: they belong to
    no activity, campaign or funder; visits count only for a campaign (a visit carries one)."""

    activity_id: str | None = None
    campaign: str = ""
    funder: str = ""

    def __bool__(self) -> bool:
        return bool(self.activity_id or self.campaign or self.funder)


def compute(
    uow: UnitOfWork,
    unit_ref: str,
    start: date,
    end: date,
    events: EventFilter | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> UnitFigures:
    """Figures for `unit_ref` (as `covered_unit` narrows it) with a breakdown by street and
    community; `events` narrows them to one activity, campaign or funder. `meanwhile`, when
    given, is called (on this unit of work) while the visits are read on another connection."""
    uow.require_case_reader()
    if end < start:
        raise InvalidInput("end_date", "end_before_start")
    events = events or EventFilter()
    unit = covered_unit(uow, unit_ref)
    communities = communities_under(uow, unit.id)
    ids = list(communities)
    overdue_day = min(end, uow.today())
    window = (overdue_window(uow, overdue_day), overdue_day)
    with (
        uow.side_reader() as side,
        ThreadPoolExecutor(max_workers=1) as pool,
        _quick_turns(),
    ):
        # The period's visits, the heaviest read, go on a second connection while this one
        # reads the rest (SQLite works outside Python's lock: two cores, nearly half the time).
        reading: Future[_Visited] | None = None
        if side is not None and not events:
            reading = pool.submit(_by_child, side, ids, start, end, window)
        return _compute(uow, unit, communities, start, end, events, window, reading, meanwhile)


_turns_lock = threading.Lock()
_turns: list[float] = []  # the interval to put back, while statistics are being read


@contextmanager
def _quick_turns() -> Iterator[None]:
    """Python's lock handed between threads every 0.1 ms instead of 5 ms while the statistics
    read on two connections: the reading thread gives the lock up at every step of SQLite and,
    with this thread busy in Python, waited up to 5 ms to get it back each time (the read took
    four times as long). The interval is the process's: the last of several statistics read at
    once puts it back."""
    with _turns_lock:
        if not _turns:
            _turns.append(sys.getswitchinterval())
            sys.setswitchinterval(min(_turns[0], 0.0001))
        _turns.append(0.0)
    try:
        yield
    finally:
        with _turns_lock:
            _turns.pop()
            if len(_turns) == 1:
                sys.setswitchinterval(_turns.pop())


def _compute(
    uow: UnitOfWork,
    unit: Unit,
    communities: dict[str, tuple[str, str]],
    start: date,
    end: date,
    events: EventFilter,
    window: tuple[date, date],
    reading: Future[_Visited] | None,
    meanwhile: Callable[[], object] | None,
) -> UnitFigures:
    apply_category_dates(uow)
    ids = list(communities)
    per: dict[str, Figures] = {c: Figures() for c in ids}
    households: dict[str, set[str]] = defaultdict(set)
    kids: dict[str, set[str]] = defaultdict(set)
    # People counted, not named (help's `others`): the most in one household in the period.
    others: dict[str, dict[str, int]] = defaultdict(dict)
    s = uow.session

    if not events:
        for community, notice_household, n in s.execute(
            select(
                NoticeDelivery.community_id,
                NoticeDelivery.household_id,
                func.count(NoticeDelivery.id),
            )
            .where(
                NoticeDelivery.community_id.in_(ids),
                NoticeDelivery.delivered_on.between(start, end),
            )
            .group_by(NoticeDelivery.community_id, NoticeDelivery.household_id)
        ).all():
            per[community].notices += n
            per[community].household_times += n
            households[community].add(notice_household)

    help_given: list[ColumnElement[bool]] = [
        Assistance.community_id.in_(ids),
        Assistance.given_on.between(start, end),
    ]
    if events.activity_id:
        help_given.append(Assistance.activity_id == events.activity_id)
    if events.campaign:
        help_given.append(Assistance.campaign == events.campaign)
    if events.funder:
        help_given.append(Assistance.source == events.funder)
    for community, help_household, n, items, fen, counted, most in s.execute(
        select(
            Assistance.community_id,
            Assistance.household_id,
            func.count(Assistance.id),
            func.sum(Assistance.items),
            func.sum(Assistance.amount_fen),
            func.sum(Assistance.others),
            func.max(Assistance.others),
        )
        .where(*help_given)
        .group_by(Assistance.community_id, Assistance.household_id)
    ).all():
        f = per[community]
        f.items += int(items or 0)
        f.amount_fen += int(fen or 0)
        f.household_times += n
        f.person_times += int(counted or 0)
        households[community].add(help_household)
        others[community][help_household] = int(most or 0)
    named: list[tuple[type[AssistanceBeneficiary | ActivityParticipant], Any, Any, list[Any]]] = [
        (
            AssistanceBeneficiary,
            Assistance,
            Assistance.id == AssistanceBeneficiary.assistance_id,
            help_given,
        )
    ]

    # Activities over the period (any of their days in it), named participants and head counts.
    held: list[ColumnElement[bool]] = [
        Activity.held_on <= end,
        func.coalesce(Activity.ends_on, Activity.held_on) >= start,
    ]
    if events.activity_id:
        held.append(Activity.id == events.activity_id)
    if events.campaign:
        held.append(Activity.campaign == events.campaign)
    if events.funder:
        held.append(Activity.funder == events.funder)
    named.append(
        (
            ActivityParticipant,
            Activity,
            Activity.id == ActivityParticipant.activity_id,
            [ActivityParticipant.community_id.in_(ids), *held],
        )
    )
    # Children named as helped or as taking part: each time is a 人次, each child one 人.
    for model, parent, joined, where in named:
        for community, child, n in s.execute(
            select(model.community_id, model.child_id, func.count(model.id))
            .join(parent, joined)
            .where(*where)
            .group_by(model.community_id, model.child_id)
        ).all():
            per[community].person_times += n
            kids[community].add(child)
    # A head count belongs to the unit that held the activity: its community, its street's
    # subtotal or the district's total (it names nobody, so it adds 人次, not 人).
    below = {unit.id, *ids, *(street for _, street in communities.values())}
    held_by: dict[str, int] = {}
    for held_unit, heads in s.execute(
        select(Activity.unit_id, func.sum(Activity.head_count))
        .where(Activity.unit_id.in_(below), *held)
        .group_by(Activity.unit_id)
    ).all():
        held_by[held_unit] = int(heads or 0)

    if not events and (uow.user is None or uow.user.role.value != "admin"):
        first, after = dates.day_span_utc(start, end, uow.zone())
        for community, n in s.execute(
            select(MandatoryReport.community_id, func.count(MandatoryReport.id))
            .where(
                MandatoryReport.community_id.in_(ids),
                MandatoryReport.found_at >= first,
                MandatoryReport.found_at < after,
            )
            .group_by(MandatoryReport.community_id)
        ).all():
            per[community].mandatory_reports = n

    # The schedule as it stood at the period's end, for the overdue recount.
    books = _Books.read(uow, ids, window[1]) if not events else None

    if meanwhile is not None:
        meanwhile()
    # Last, the visits: read meanwhile on another connection when there is one.
    # A campaign's statistics count the visits tagged with it (nothing else narrows visits).
    campaign_only = bool(events.campaign and not events.activity_id and not events.funder)
    if not events or campaign_only:
        if reading is not None:
            # 户次 here while the other connection reads by child, then wait for it.
            counts = _visit_days(s, ids, start, end)
            visited = reading.result()
            visited.counts = counts
        else:
            visited = _visits(s, ids, start, end, window, campaign=events.campaign)
        for community, (n, days) in visited.counts.items():
            per[community].visits += n
            per[community].person_times += n
            per[community].household_times += days
        for community, reached in visited.kids.items():
            kids[community] |= reached
        for community, reached in visited.households.items():
            households[community] |= reached
        if books is not None:
            for community, n in books.overdue(s, visited.latest).items():
                per[community].overdue = n

    for c in ids:
        per[c].person_times += held_by.get(c, 0)
    for c in ids:
        per[c].households = len(households[c])
        per[c].children = len(kids[c]) + sum(others[c].values())

    # Assemble the tree: unit → streets → communities.
    street_names = dict(s.execute(select(OrgUnit.id, OrgUnit.name)).all())
    order = unit_order(uow)
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
    for street in sorted(by_street, key=lambda x: order.get(x, 0)):
        parts = sorted(by_street[street], key=lambda u: order.get(u.unit_id, 0))
        sub = Figures(person_times=held_by.get(street, 0))
        for p in parts:
            sub.add(p.figures)
        streets.append(
            UnitFigures(street, street_names.get(street, ""), UnitKind.STREET, sub, parts)
        )
        total.add(sub)
    if unit.kind == UnitKind.STREET:
        return streets[0] if streets else UnitFigures(unit.id, unit.name, unit.kind, total)
    total.person_times += held_by.get(unit.id, 0)
    return UnitFigures(unit.id, unit.name, unit.kind, total, streets)


@dataclass(slots=True)
class _Visited:
    """What the period's visits give the figures, per community: (visits, 户次), the children and
    households reached; and each child's last visit in the overdue window with its planned next
    date."""

    counts: dict[str, tuple[int, int]]
    kids: dict[str, set[str]]
    households: dict[str, set[str]]
    latest: dict[str, tuple[date, date | None]]


def _visits(
    s: Session,
    ids: list[str],
    start: date,
    end: date,
    recent: tuple[date, date],
    *,
    campaign: str = "",
) -> _Visited:
    """Visits of the period per community: visits, 户次 (a household visited on a day, however
    many of its children), the children and households visited; and each child's last visit in
    the window `recent` = (after, on) with the next date it planned, for the overdue recount.

    Two passes over covering indexes, no read of the wide visit rows: by day for 户次
    (_visit_days), then by child (_by_child), which SQLite groups as the index streams by (no
    sort of the period's visits)."""
    visited = _by_child(s, ids, start, end, recent, campaign=campaign)
    visited.counts = _visit_days(s, ids, start, end, campaign=campaign)
    return visited


def _counted(campaign: str) -> ColumnElement[bool]:
    counted: ColumnElement[bool] = (Visit.status + "").in_(COUNTED)  # off the status index
    if campaign:  # a campaign's statistics: the visits tagged with it
        counted = and_(counted, Visit.campaign == campaign)
    return counted


def _visit_days(
    s: Session, ids: list[str], start: date, end: date, *, campaign: str = ""
) -> dict[str, tuple[int, int]]:
    """community → (visits, 户次) of the period."""
    return {
        community: (int(n), int(days_visited))
        for community, n, days_visited in s.execute(
            # A visit without a household is a visit, not a household's day (NULL is not counted).
            select(
                Visit.community_id,
                func.count(),
                func.count(func.distinct(cast(Visit.visit_date, String) + Visit.household_id)),
            )
            .where(
                Visit.community_id.in_(ids),
                Visit.visit_date.between(start, end),
                _counted(campaign),
            )
            .group_by(Visit.community_id)
        ).all()
    }


def _packed(
    s: Session,
    key: SQLColumnExpression[str],
    fields: Sequence[SQLColumnExpression[str]],
    sep: str,
    *where: ColumnElement[bool],
) -> Iterator[tuple[str, list[list[str]]]]:
    """Rows grouped by `key`, each group's rows read as one string that SQL packs (`fields`
    joined by `sep`, rows by ";"): one row per community, not one per child. Fetching each of
    20,000 rows costs more than reading them, and in a thread beside Python work each fetch
    waits for Python's lock. No field may hold `sep` or ";", except the last one `sep`."""
    joined = fields[0]
    for f in fields[1:]:
        joined = joined + sep + f
    stmt = select(key, func.aggregate_strings(joined, ";")).where(*where).group_by(key)
    last = len(fields) - 1
    for value, packed in s.execute(stmt).all():
        yield value, [row.split(sep, last) for row in packed.split(";")]


def _by_child(
    s: Session,
    ids: list[str],
    start: date,
    end: date,
    recent: tuple[date, date],
    *,
    campaign: str = "",
) -> _Visited:
    """The children and households the period's visits reached, and each child's last visit in
    the window `recent` with its planned next date (`counts` left empty: see _visit_days).
    Reads through `s` alone (it may run in another thread on a session of its own)."""
    kids: dict[str, set[str]] = defaultdict(set)
    households: dict[str, set[str]] = defaultdict(set)
    counted = _counted(campaign)
    in_period = Visit.visit_date >= start
    low = min(start, recent[0] + timedelta(days=1))
    # Reading from before the period (a short period, a long visit interval): count only the
    # period's visits and households. Otherwise every row read is in the period: plain columns
    # are cheaper per row than the same test written out.
    in_period_n: ColumnElement[Any] = func.count()
    period_household: ColumnElement[Any] = Visit.household_id.expression
    if low < start:
        in_period_n = func.count(case((in_period, 1)))
        period_household = case((in_period, Visit.household_id))
    # The latest visit date and its planned next date as one comparable string.
    last = func.max(
        case(
            (
                and_(Visit.visit_date > recent[0], Visit.visit_date <= recent[1]),
                cast(Visit.visit_date, String)
                + "|"
                + func.coalesce(cast(Visit.next_visit_date, String), ""),
            )
        )
    )
    latest: dict[str, tuple[date, date | None]] = {}
    several: list[tuple[str, str]] = []
    per_child = (
        select(
            Visit.community_id.label("community"),
            Visit.child_id.label("child"),
            in_period_n.label("n"),
            last.label("last"),
            func.min(period_household).label("first_household"),
            func.max(period_household).label("last_household"),
        )
        .where(Visit.community_id.in_(ids), Visit.visit_date.between(low, end), counted)
        .group_by(Visit.community_id, Visit.child_id)
        .subquery()
    )
    # This read may run in a thread beside Python work: packed (see _packed). Ids are UUIDs and
    # dates ISO: neither holds "," or ";".
    fields = (
        per_child.c.child,
        cast(per_child.c.n, String),
        func.coalesce(per_child.c.last, ""),
        func.coalesce(per_child.c.first_household, ""),
        func.coalesce(per_child.c.last_household, ""),
    )
    for community, rows in _packed(s, per_child.c.community, fields, ","):
        for child, n, last_visit, first_household, last_household in rows:
            if n != "0":
                kids[community].add(child)
                if first_household:
                    households[community].add(first_household)
                if first_household != last_household:
                    several.append((community, child))
            if last_visit:
                visited, _, planned = last_visit.partition("|")
                found = (
                    date.fromisoformat(visited),
                    date.fromisoformat(planned) if planned else None,
                )
                if child not in latest or latest[child] < found:
                    latest[child] = found
    for community, child in several:  # a child visited in several households: rare
        households[community].update(
            s.scalars(
                select(Visit.household_id)
                .where(
                    Visit.community_id == community,
                    Visit.child_id == child,
                    Visit.visit_date.between(start, end),
                    Visit.household_id.is_not(None),
                    counted,
                )
                .distinct()
            )
        )
    return _Visited({}, kids, households, latest)


def overdue_window(uow: UnitOfWork, day: date) -> date:
    """The overdue recount on `day` reads visits after this date only: the longest interval of
    the visit policy back from `day`, with a margin for months of unequal length."""
    policy = settings.visit_policy(uow)
    longest = max(
        [policy.default, *policy.by_category.values(), *policy.by_risk.values()],
        key=lambda i: i.approx_days,
    )
    return day - longest.delta() - timedelta(days=7)


def overdue_on(
    uow: UnitOfWork,
    community_ids: list[str],
    day: date,
    recent: dict[str, tuple[date, date | None]] | None = None,
) -> dict[str, int]:
    """community → children overdue on `day`, from the schedule as it stood then: the last visit
    made by `day` (its planned next date, else one interval later, for the categories active on
    `day` and the child's risk level) was due before `day`. Children registered after `day` are
    not counted.

    Only visits of the last interval before `day` are read: a child with none there was due
    before `day` whatever its interval (the margin covers months of unequal length), which keeps a
    past year's figure as fast as this month's. `recent` (child → last visit and its planned next
    date in that window), when the caller has read it already, saves reading it again.
    """
    apply_category_dates(uow)
    books = _Books.read(uow, community_ids, day)
    if recent is None:
        recent = _visits(uow.session, community_ids, day, day, (books.window_start, day)).latest
    return books.overdue(uow.session, recent)


@dataclass(slots=True)
class _Books:
    """What the overdue recount on `day` needs besides the visits: the children on the books,
    the categories active on `day`, the registration dates that matter. Read apart from the
    visits, so that statistics read it while the visits are read on another connection."""

    day: date
    window_start: date
    policy: schedule.VisitPolicy
    kids: list[tuple[str, str, str]]
    registered: dict[str, date]
    cats: dict[str, list[str]]

    @classmethod
    def read(cls, uow: UnitOfWork, community_ids: list[str], day: date) -> _Books:
        s = uow.session
        tz = uow.zone()
        window_start = overdue_window(uow, day)
        # Each child's categories as of today (the list column apply_category_dates keeps)...
        # (one row per community, its children packed: 20,000 rows cost more to fetch than to read)
        kids: list[tuple[str, str, str]] = []
        cats: dict[str, list[str]] = {}
        fields = (ChildRow.id, ChildRow.risk, ChildRow.category_codes)  # (codes hold ",")
        in_units = ChildRow.community_id.in_(community_ids)
        for community, rows in _packed(s, ChildRow.community_id, fields, "|", in_units):
            for child_id, risk, codes in rows:
                kids.append((child_id, community, risk))
                if codes:
                    cats[child_id] = codes.split(",")
        # Registration dates matter only for children entered in the window or later (few).
        since_window, _ = dates.day_span_utc(window_start, window_start, tz)
        registered = {
            child_id: dates.local_date(created, tz)
            for child_id, created in s.execute(
                select(ChildRow.id, ChildRow.created_at).where(
                    ChildRow.community_id.in_(community_ids), ChildRow.created_at >= since_window
                )
            ).all()
        }
        # ...and, for the few whose categories began or ended between `day` and today, as
        # they stood on `day`.
        today = uow.today()
        if day < today:
            moved = select(ChildCategory.child_id).where(
                ChildCategory.community_id.in_(community_ids),
                or_(
                    and_(ChildCategory.start_date > day, ChildCategory.start_date <= today),
                    and_(ChildCategory.end_date >= day, ChildCategory.end_date < today),
                ),
            )
            then: dict[str, list[str]] = {}
            for child_id, code, first, last in s.execute(
                select(
                    ChildCategory.child_id,
                    ChildCategory.code,
                    ChildCategory.start_date,
                    ChildCategory.end_date,
                ).where(ChildCategory.child_id.in_(moved))
            ).all():
                held = then.setdefault(child_id, [])  # (none at all on `day`: an empty list)
                if (first is None or first <= day) and (last is None or day <= last):
                    held.append(code)
            cats.update(then)
        return cls(day, window_start, settings.visit_policy(uow), kids, registered, cats)

    def overdue(self, s: Session, recent: dict[str, tuple[date, date | None]]) -> dict[str, int]:
        """community → children overdue on the day, given each child's last visit in the
        window and the next date it planned (`recent`)."""
        day, registered = self.day, self.registered
        # A child visited before it was entered in the program (a paper ledger typed in later)
        # was on the books from its first visit. A child with no visit in the window and on the
        # books before it was due before `day` (the threshold below lies inside the window).
        entered_later = [
            c for c, on in registered.items() if on > self.window_start and c not in recent
        ]
        for chunk in range(0, len(entered_later), 500):
            for child_id, first_visit in s.execute(
                select(Visit.child_id, func.min(Visit.visit_date))
                .where(
                    Visit.child_id.in_(entered_later[chunk : chunk + 500]),
                    (Visit.status + "").in_(COUNTED),
                )
                .group_by(Visit.child_id)
            ).all():
                registered[child_id] = min(registered[child_id], first_visit)
        out: dict[str, int] = defaultdict(int)
        intervals: dict[tuple[tuple[str, ...], str], schedule.Interval] = {}
        thresholds: dict[schedule.Interval, date] = {}
        for child_id, community, risk in self.kids:
            key = (tuple(self.cats.get(child_id, ())), risk)
            if key not in intervals:
                intervals[key] = schedule.interval_of(key[0], RiskLevel(risk), self.policy)
            interval = intervals[key]
            if interval not in thresholds:
                thresholds[interval] = schedule.on_time_since(day, interval)
            if child_id in recent:
                visited, planned = recent[child_id]
                late = visited < thresholds[interval] or (
                    planned is not None and visited < planned < day
                )
            elif child_id not in registered:
                late = True  # on the books since before the window, not visited in it
            elif registered[child_id] > day:
                continue  # not yet on the books
            else:
                late = registered[child_id] < thresholds[interval]
            if late:
                out[community] += 1
        return dict(out)
