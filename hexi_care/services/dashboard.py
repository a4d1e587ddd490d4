"""工作台: what needs doing now, for the user who asks (visits due this week, overdue visits with
days overdue, drafts, visits returned by a supervisor, open follow-ups, open mandatory reports),
and the supervisors' review queue. Every list stays inside the user's scope (the session's filter)
and is capped; the counts are exact."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeAlias

from sqlalchemy import Select, func, select

from hexi_care.db.models import AppUser
from hexi_care.db.models import Child as ChildRow
from hexi_care.db.models import FollowUp as FollowUpRow
from hexi_care.db.models import MandatoryReport as ReportRow
from hexi_care.db.models import Visit as VisitRow
from hexi_care.domain import reporting, schedule
from hexi_care.domain.dates import day_span_utc, local_date
from hexi_care.domain.enums import FollowUpStatus, ReportStatus, Role, VisitKind, VisitStatus
from hexi_care.domain.schedule import days_overdue
from hexi_care.services import casework, children, settings, units
from hexi_care.services.casework import REPORT_READERS
from hexi_care.services.context import UnitOfWork

LIST_CAP = 200
AnySelect: TypeAlias = "Select[*tuple[Any, ...]]"


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkItem:
    """One line of the 工作台. `record_id` is what opening the line opens: the child for due and
    overdue visits, the visit for drafts and returned visits, the follow-up or report otherwise
    (each also carries its child)."""

    kind: str  # due | overdue | draft | returned | followup | report | review
    record_id: str
    child_id: str
    child_name: str
    community_name: str = ""
    when: date | None = None
    days_overdue: int = 0
    text: str = ""
    categories: list[str] = field(default_factory=list)
    #: "winter" or "summer" while this child's holiday visit is needed now, "winter_missed" or
    #: "summer_missed" when the holiday ended without one; "" otherwise.
    holiday: str = ""
    #: A mandatory report made (or still not made) after its deadline: shown red.
    late: bool = False
    #: An open report whose police feedback follow-up date has passed without feedback.
    feedback_overdue: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class HolidayRule:
    """Where the user's children stand with a holiday visit rule this season."""

    kind: str  # winter | summer
    start: date
    end: date
    phase: str  # upcoming | under_way | over
    children: int  # children in the user's units
    visited: int  # visited in the holiday so far


@dataclass(frozen=True, slots=True, kw_only=True)
class Dashboard:
    today: date
    week_end: date
    due_this_week: list[WorkItem]
    overdue: list[WorkItem]
    drafts: list[WorkItem]
    returned: list[WorkItem]
    followups: list[WorkItem]
    reports: list[WorkItem] | None  # None when the user's role may not read mandatory reports
    counts: dict[str, int]
    holidays: list[HolidayRule] = field(default_factory=list)
    #: Submitted visits waiting for the supervisor's decision (待审核); None for other roles.
    to_review: list[WorkItem] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReviewItem:
    """A submitted visit waiting for a supervisor's decision."""

    visit_id: str
    child_id: str
    child_name: str
    community_name: str
    visit_date: date
    kind: VisitKind
    submitted_at: datetime | None
    author: str


def _holidays(uow: UnitOfWork, today: date) -> tuple[list[HolidayRule], dict[str, str]]:
    """The winter and summer rules this season, and child id → the holiday whose visit is
    needed now or was missed (for the due and overdue lines)."""
    policy = settings.visit_policy(uow)
    s = uow.session
    total = int(s.scalar(select(func.count(ChildRow.id))) or 0)
    rules: list[HolidayRule] = []
    pending: dict[str, str] = {}
    for kind in (schedule.Holiday.WINTER, schedule.Holiday.SUMMER):
        window = schedule.current_holiday(kind, today, policy)
        phase = (
            "upcoming" if today < window.start else "under_way" if today <= window.end else "over"
        )
        visited: set[str] = set()
        if phase != "upcoming":
            visited = set(
                s.scalars(
                    select(VisitRow.child_id)
                    .where(
                        VisitRow.visit_date.between(window.start, min(window.end, today)),
                        VisitRow.status != VisitStatus.DRAFT,
                    )
                    .distinct()
                )
            )
            # Children on the books before the holiday ended are the ones it concerns.
            _, after = day_span_utc(window.end, window.end, uow.zone())
            for child_id in s.scalars(select(ChildRow.id).where(ChildRow.created_at < after)):
                if child_id not in visited:
                    pending.setdefault(
                        child_id, kind.value if phase == "under_way" else f"{kind.value}_missed"
                    )
        rules.append(
            HolidayRule(
                kind=kind.value,
                start=window.start,
                end=window.end,
                phase=phase,
                children=total,
                visited=len(visited),
            )
        )
    return rules, pending


def _child_item(
    kind: str, r: Any, names: dict[str, str], today: date, holiday: str = ""
) -> WorkItem:
    """A due or overdue child as a line of the 工作台 (opening it opens the child)."""
    return WorkItem(
        holiday=holiday,
        kind=kind,
        record_id=r.id,
        child_id=r.id,
        child_name=r.name,
        community_name=names.get(r.community_id, ""),
        when=r.next_due,
        days_overdue=days_overdue(r.next_due, today) if kind == "overdue" else 0,
        categories=_codes(r.category_codes),
    )


def _count(uow: UnitOfWork, stmt: AnySelect) -> int:
    return int(
        uow.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    )


def _codes(text: str) -> list[str]:
    return [c for c in text.split(",") if c]


def _children_due(uow: UnitOfWork, start: date | None, end: date, *, overdue: bool) -> AnySelect:
    stmt = select(
        ChildRow.id,
        ChildRow.name,
        ChildRow.community_id,
        ChildRow.next_due,
        ChildRow.category_codes,
    ).where(ChildRow.next_due.is_not(None))
    if overdue:
        stmt = stmt.where(ChildRow.next_due < end).order_by(ChildRow.next_due, ChildRow.name_pinyin)
    else:
        assert start is not None
        stmt = stmt.where(ChildRow.next_due >= start, ChildRow.next_due <= end).order_by(
            ChildRow.next_due, ChildRow.name_pinyin
        )
    return stmt


def _visits(uow: UnitOfWork, status: VisitStatus, *, mine_only: bool) -> AnySelect:
    stmt = (
        select(
            VisitRow.id,
            VisitRow.child_id,
            ChildRow.name,
            VisitRow.community_id,
            VisitRow.visit_date,
            VisitRow.review_comment,
        )
        .join(ChildRow, ChildRow.id == VisitRow.child_id)
        .where(VisitRow.status == status)
        .order_by(VisitRow.updated_at.desc())
    )
    if mine_only and uow.user is not None:
        stmt = stmt.where(VisitRow.created_by == uow.user.id)
    return stmt


def dashboard(uow: UnitOfWork, *, cap: int = LIST_CAP) -> Dashboard:
    """The user's 工作台. Directors see every draft and returned visit of their community;
    supervisors see the drafts they wrote themselves and the visits returned in their units."""
    uow.require_case_reader()
    children.apply_category_dates(uow)  # a category ending today changes who is due
    today = uow.today()
    week_end = today + timedelta(days=6 - today.weekday())
    names = units.unit_names(uow)
    s = uow.session
    counts: dict[str, int] = {}

    holidays, pending = _holidays(uow, today)
    due_stmt = _children_due(uow, today, week_end, overdue=False)
    counts["due_this_week"] = _count(uow, due_stmt)
    due = [
        _child_item("due", r, names, today, pending.get(r.id, ""))
        for r in s.execute(due_stmt.limit(cap))
    ]

    over_stmt = _children_due(uow, None, today, overdue=True)
    counts["overdue"] = _count(uow, over_stmt)
    overdue = [
        _child_item("overdue", r, names, today, pending.get(r.id, ""))
        for r in s.execute(over_stmt.limit(cap))
    ]

    director = uow.user is None or uow.user.role == Role.DIRECTOR
    lists: dict[str, list[WorkItem]] = {}
    for key, status, mine in (
        ("drafts", VisitStatus.DRAFT, not director),
        ("returned", VisitStatus.RETURNED, False),
    ):
        stmt = _visits(uow, status, mine_only=mine)
        counts[key] = _count(uow, stmt)
        lists[key] = [
            WorkItem(
                kind="draft" if status == VisitStatus.DRAFT else "returned",
                record_id=r.id,
                child_id=r.child_id,
                child_name=r.name,
                community_name=names.get(r.community_id, ""),
                when=r.visit_date,
                text=r.review_comment,
            )
            for r in s.execute(stmt.limit(cap))
        ]

    fu_stmt = (
        select(
            FollowUpRow.id,
            FollowUpRow.child_id,
            ChildRow.name,
            FollowUpRow.community_id,
            FollowUpRow.due_date,
            FollowUpRow.action,
            FollowUpRow.owner,
        )
        .join(ChildRow, ChildRow.id == FollowUpRow.child_id)
        .where(FollowUpRow.status == FollowUpStatus.OPEN)
        .order_by(FollowUpRow.due_date.is_(None), FollowUpRow.due_date)
    )
    counts["followups"] = _count(uow, fu_stmt)
    followups = [
        WorkItem(
            kind="followup",
            record_id=r.id,
            child_id=r.child_id,
            child_name=r.name,
            community_name=names.get(r.community_id, ""),
            when=r.due_date,
            days_overdue=days_overdue(r.due_date, today) if r.due_date else 0,
            text=r.action + (f"（{r.owner}）" if r.owner else ""),
        )
        for r in s.execute(fu_stmt.limit(cap))
    ]

    reports: list[WorkItem] | None = None
    if uow.user is None or uow.user.role in REPORT_READERS:
        rules = casework.report_rules(uow)
        now = uow.now()
        rep_stmt = (
            select(
                ReportRow.id,
                ReportRow.child_id,
                ChildRow.name,
                ReportRow.community_id,
                ReportRow.found_at,
                ReportRow.trigger,
                ReportRow.reported_at,
                ReportRow.feedback,
                ReportRow.feedback_due,
            )
            .join(ChildRow, ChildRow.id == ReportRow.child_id)
            .where(ReportRow.status == ReportStatus.OPEN)
            .order_by(ReportRow.found_at.desc())
        )
        counts["reports"] = _count(uow, rep_stmt)
        reports = [
            WorkItem(
                kind="report",
                record_id=r.id,
                child_id=r.child_id,
                child_name=r.name,
                community_name=names.get(r.community_id, ""),
                when=local_date(r.found_at, uow.zone()),
                text=r.trigger,
                late=reporting.is_late(r.found_at, r.reported_at, now, rules),
                feedback_overdue=reporting.feedback_overdue(
                    ReportStatus.OPEN, r.feedback, r.feedback_due, today
                ),
            )
            for r in s.execute(rep_stmt.limit(cap))
        ]

    to_review: list[WorkItem] | None = None
    if uow.user is not None and uow.user.role in (Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR):
        counts["review"] = count_review_queue(uow)
        to_review = [
            WorkItem(
                kind="review",
                record_id=r.visit_id,
                child_id=r.child_id,
                child_name=r.child_name,
                community_name=r.community_name,
                when=r.visit_date,
                text=r.author,
            )
            for r in review_queue(uow, limit=cap)
        ]

    return Dashboard(
        today=today,
        week_end=week_end,
        due_this_week=due,
        overdue=overdue,
        drafts=lists["drafts"],
        returned=lists["returned"],
        followups=followups,
        reports=reports,
        counts=counts,
        holidays=holidays,
        to_review=to_review,
    )


def review_queue(uow: UnitOfWork, *, limit: int = 500) -> list[ReviewItem]:
    """Submitted visits in the supervisor's units, oldest submission first."""
    uow.require_role(Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR, action="review visits")
    names = units.unit_names(uow)
    authors = {i: n for i, n in uow.session.execute(select(AppUser.id, AppUser.display_name))}
    stmt = (
        select(
            VisitRow.id,
            VisitRow.child_id,
            ChildRow.name,
            VisitRow.community_id,
            VisitRow.visit_date,
            VisitRow.kind,
            VisitRow.submitted_at,
            VisitRow.created_by,
            VisitRow.visitor_signoff,
        )
        .join(ChildRow, ChildRow.id == VisitRow.child_id)
        .where(VisitRow.status == VisitStatus.SUBMITTED)
        .order_by(VisitRow.submitted_at, VisitRow.visit_date)
        .limit(limit)
    )
    return [
        ReviewItem(
            visit_id=r.id,
            child_id=r.child_id,
            child_name=r.name,
            community_name=names.get(r.community_id, ""),
            visit_date=r.visit_date,
            kind=VisitKind(r.kind),
            submitted_at=r.submitted_at,
            author=r.visitor_signoff or authors.get(r.created_by or "", ""),
        )
        for r in uow.session.execute(stmt)
    ]


def count_review_queue(uow: UnitOfWork) -> int:
    uow.require_role(Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR, action="review visits")
    return int(
        uow.session.scalar(
            select(func.count(VisitRow.id)).where(VisitRow.status == VisitStatus.SUBMITTED)
        )
        or 0
    )
