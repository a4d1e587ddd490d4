"""Visit schedules: how often a child is visited (per category and risk level), when the next visit is
due, how late it is, and the holiday rules: at least one visit in every winter holiday (2023
national notice) and in every summer holiday, when the visit reminds of drowning first.

No national rule fixes the frequency (定期走访); the defaults are monthly for 孤儿, 事实无人抚养儿童 and
high risk, quarterly otherwise, and every locality can change them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from hexi_care.domain.enums import CategoryCode, RiskLevel

_DAYS_PER_MONTH = 365.2425 / 12


@dataclass(frozen=True, slots=True)
class Interval:
    """A visit interval in calendar months plus days (kept apart so settings stay readable)."""

    months: int = 0
    days: int = 0

    def __post_init__(self) -> None:
        if self.months < 0 or self.days < 0 or self.months == self.days == 0:
            raise ValueError("an interval must be positive")

    @property
    def approx_days(self) -> float:
        """Average length in days, to compare intervals mixing months and days."""
        return self.months * _DAYS_PER_MONTH + self.days

    def delta(self) -> relativedelta:
        return relativedelta(months=self.months, days=self.days)


MONTHLY = Interval(months=1)
QUARTERLY = Interval(months=3)


@dataclass(frozen=True, slots=True)
class HolidayWindow:
    """A winter holiday, first and last day inclusive (寒假)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a holiday window ends before it starts")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def _default_categories() -> dict[str, Interval]:
    return {
        CategoryCode.ORPHAN_SCATTERED: MONTHLY,
        CategoryCode.NO_DE_FACTO_CARER: MONTHLY,
    }


def _default_risks() -> dict[RiskLevel, Interval]:
    return {RiskLevel.HIGH: MONTHLY}


@dataclass(frozen=True, slots=True)
class VisitPolicy:
    """How often children are visited. A child gets the shortest interval among its categories and
    its risk level that the policy names; `default` applies when none is named.

    `winter_holidays` maps the year a winter holiday is named for (2025年寒假) to its dates; years not
    listed use `default_winter` (month, day) to (month, day), a rough window to be set each year.
    """

    by_category: Mapping[str, Interval] = field(default_factory=_default_categories)
    by_risk: Mapping[RiskLevel, Interval] = field(default_factory=_default_risks)
    default: Interval = QUARTERLY
    winter_holidays: Mapping[int, HolidayWindow] = field(default_factory=dict)
    default_winter: tuple[tuple[int, int], tuple[int, int]] = ((1, 10), (2, 28))
    #: Summer holidays by year (2025年暑假), and the rough window for years not listed.
    summer_holidays: Mapping[int, HolidayWindow] = field(default_factory=dict)
    default_summer: tuple[tuple[int, int], tuple[int, int]] = ((7, 10), (8, 31))


def interval_for(
    categories: Iterable[str], risk: RiskLevel, policy: VisitPolicy | None = None
) -> relativedelta:
    """The shortest interval that applies to a child with these (active) categories and risk."""
    return _interval(categories, risk, policy or VisitPolicy()).delta()


def next_due(
    last_visit: date | None,
    categories: Iterable[str],
    risk: RiskLevel,
    policy: VisitPolicy | None = None,
    registered_on: date | None = None,
) -> date:
    """One interval after the last visit, or after registration when there has been no visit yet.

    Raises ValueError when both dates are unknown.
    """
    since = last_visit or registered_on
    if since is None:
        raise ValueError("next_due needs the last visit or the registration date")
    due: date = since + interval_for(categories, risk, policy)
    return due


def on_time_since(day: date, interval: Interval) -> date:
    """The earliest last-visit date that is not overdue on `day` for this interval: a child last
    visited (or registered) before it was due before `day`. Exact with months of unequal length,
    so a whole caseload is checked with one comparison per child."""
    step = timedelta(days=1)
    first = day - interval.delta()
    while first + interval.delta() >= day:
        first -= step
    while first + interval.delta() < day:
        first += step
    return first


def interval_of(
    categories: Iterable[str], risk: RiskLevel, policy: VisitPolicy | None = None
) -> Interval:
    """The shortest interval that applies, as an `Interval` (see interval_for)."""
    return _interval(categories, risk, policy or VisitPolicy())


def days_overdue(due: date, today: date) -> int:
    """Days past the due date; 0 when due today or later."""
    return max(0, (today - due).days)


class WinterVisit(StrEnum):
    """Where a child stands with its winter-holiday visit this season."""

    UPCOMING = "upcoming"  # the holiday has not started
    NEEDED = "needed"  # holiday under way, no visit in it yet
    DONE = "done"  # visited during the holiday
    MISSED = "missed"  # holiday over without a visit


def winter_window(year: int, policy: VisitPolicy | None = None) -> HolidayWindow:
    """The winter holiday named for `year`: configured, or the policy's default window."""
    policy = policy or VisitPolicy()
    if year in policy.winter_holidays:
        return policy.winter_holidays[year]
    (sm, sd), (em, ed) = policy.default_winter
    start = _month_day(year, sm, sd)
    end = _month_day(year, em, ed)
    if end < start:  # a default window across the new year (e.g. 12-25 to 02-20)
        start = _month_day(year - 1, sm, sd)
    return HolidayWindow(start, end)


class Holiday(StrEnum):
    """The school holidays with a visit rule."""

    WINTER = "winter"  # 寒假: at least one visit (2023 national notice)
    SUMMER = "summer"  # 暑假: at least one visit, drowning first among the reminders


def summer_window(year: int, policy: VisitPolicy | None = None) -> HolidayWindow:
    """The summer holiday of `year`: configured, or the policy's default window."""
    policy = policy or VisitPolicy()
    if year in policy.summer_holidays:
        return policy.summer_holidays[year]
    (sm, sd), (em, ed) = policy.default_summer
    return HolidayWindow(_month_day(year, sm, sd), _month_day(year, em, ed))


def holiday_window(kind: Holiday, year: int, policy: VisitPolicy | None = None) -> HolidayWindow:
    return winter_window(year, policy) if kind is Holiday.WINTER else summer_window(year, policy)


def current_holiday(kind: Holiday, today: date, policy: VisitPolicy | None = None) -> HolidayWindow:
    """The holiday of this kind `today` is about: the one under way, else the nearer of the last
    one (its result still matters for a while) and the next one (in December, the coming winter
    holiday, not last winter's)."""
    windows = [holiday_window(kind, today.year + k, policy) for k in (-1, 0, 1)]
    for w in windows:
        if today in w:
            return w
    past = max((w for w in windows if w.end < today), key=lambda w: w.end)
    coming = min((w for w in windows if w.start > today), key=lambda w: w.start)
    return past if (today - past.end) < (coming.start - today) else coming


def current_winter(today: date, policy: VisitPolicy | None = None) -> HolidayWindow:
    """The winter holiday `today` belongs to (see current_holiday)."""
    return current_holiday(Holiday.WINTER, today, policy)


def holiday_visit_status(
    kind: Holiday, visit_dates: Iterable[date], today: date, policy: VisitPolicy | None = None
) -> WinterVisit:
    """Whether this season's holiday visit is still to come, needed now, done or missed."""
    window = current_holiday(kind, today, policy)
    if any(d in window and d <= today for d in visit_dates):
        return WinterVisit.DONE
    if today < window.start:
        return WinterVisit.UPCOMING
    return WinterVisit.NEEDED if today <= window.end else WinterVisit.MISSED


def winter_visit_status(
    visit_dates: Iterable[date], today: date, policy: VisitPolicy | None = None
) -> WinterVisit:
    """Whether this season's winter-holiday visit is still to come, needed now, done or missed."""
    return holiday_visit_status(Holiday.WINTER, visit_dates, today, policy)


def needs_winter_visit(
    visit_dates: Iterable[date], today: date, policy: VisitPolicy | None = None
) -> bool:
    """True while a winter holiday is under way and the child has not been visited in it."""
    return winter_visit_status(visit_dates, today, policy) is WinterVisit.NEEDED


def _month_day(year: int, month: int, day: int) -> date:
    """The date, with a day past the month's end clipped to it (2-29 → 2-28 in common years)."""
    result: date = date(year, month, 1) + relativedelta(day=day)
    return result


def _interval(categories: Iterable[str], risk: RiskLevel, policy: VisitPolicy) -> Interval:
    named = [policy.by_category[c] for c in categories if c in policy.by_category]
    if risk in policy.by_risk:
        named.append(policy.by_risk[risk])
    return min(named, key=lambda i: i.approx_days, default=policy.default)
