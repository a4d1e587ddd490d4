"""Visit intervals, due dates, lateness and the winter-holiday visit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from hexi_care.domain import schedule
from hexi_care.domain.enums import CategoryCode, RiskLevel
from hexi_care.domain.schedule import (
    MONTHLY,
    QUARTERLY,
    HolidayWindow,
    Interval,
    VisitPolicy,
    WinterVisit,
    current_winter,
    days_overdue,
    interval_for,
    needs_winter_visit,
    next_due,
    summer_window,
    winter_visit_status,
    winter_window,
)

ORPHAN = CategoryCode.ORPHAN_SCATTERED
NO_CARER = CategoryCode.NO_DE_FACTO_CARER
LEFT_BEHIND = CategoryCode.LEFT_BEHIND
POVERTY = CategoryCode.DIFFICULTY_POVERTY


@pytest.mark.parametrize(
    ("categories", "risk", "months"),
    [
        ([ORPHAN], RiskLevel.LOW, 1),
        ([NO_CARER], RiskLevel.MEDIUM, 1),
        ([LEFT_BEHIND], RiskLevel.HIGH, 1),
        ([LEFT_BEHIND], RiskLevel.MEDIUM, 3),
        ([POVERTY, LEFT_BEHIND], RiskLevel.LOW, 3),
        ([POVERTY, ORPHAN], RiskLevel.LOW, 1),
        ([], RiskLevel.LOW, 3),
        (["some_local_category"], RiskLevel.LOW, 3),
    ],
)
def test_default_policy(categories: list[str], risk: RiskLevel, months: int) -> None:
    assert interval_for(categories, risk, VisitPolicy()) == relativedelta(months=months)
    assert interval_for(categories, risk) == relativedelta(months=months)


def test_plain_strings_match_category_codes() -> None:
    assert interval_for(["orphan_scattered"], RiskLevel.LOW) == relativedelta(months=1)


def test_configured_policy_takes_the_shortest_named_interval() -> None:
    policy = VisitPolicy(
        by_category={LEFT_BEHIND: Interval(months=6), POVERTY: Interval(days=45)},
        by_risk={RiskLevel.HIGH: Interval(days=14), RiskLevel.MEDIUM: Interval(months=2)},
        default=Interval(months=4),
    )
    # A named interval applies even when longer than the default.
    assert interval_for([LEFT_BEHIND], RiskLevel.LOW, policy) == relativedelta(months=6)
    assert interval_for([LEFT_BEHIND, POVERTY], RiskLevel.LOW, policy) == relativedelta(days=45)
    assert interval_for([POVERTY], RiskLevel.MEDIUM, policy) == relativedelta(days=45)
    assert interval_for([LEFT_BEHIND], RiskLevel.MEDIUM, policy) == relativedelta(months=2)
    assert interval_for([POVERTY], RiskLevel.HIGH, policy) == relativedelta(days=14)
    assert interval_for([ORPHAN], RiskLevel.LOW, policy) == relativedelta(months=4)


def test_intervals_compare_by_average_length() -> None:
    assert Interval(days=30).approx_days < MONTHLY.approx_days < Interval(days=31).approx_days
    assert Interval(months=1, days=15).delta() == relativedelta(months=1, days=15)
    assert QUARTERLY.approx_days > Interval(days=90).approx_days


@pytest.mark.parametrize(("months", "days"), [(0, 0), (-1, 0), (0, -3), (1, -1)])
def test_interval_must_be_positive(months: int, days: int) -> None:
    with pytest.raises(ValueError):
        Interval(months=months, days=days)


def test_next_due_after_last_visit() -> None:
    assert next_due(date(2024, 1, 31), [ORPHAN], RiskLevel.LOW) == date(2024, 2, 29)
    assert next_due(date(2024, 1, 31), [], RiskLevel.LOW, VisitPolicy()) == date(2024, 4, 30)
    assert next_due(date(2024, 11, 15), [], RiskLevel.HIGH) == date(2024, 12, 15)


def test_next_due_falls_back_to_registration() -> None:
    registered = date(2024, 3, 10)
    assert next_due(None, [], RiskLevel.LOW, registered_on=registered) == date(2024, 6, 10)
    # The last visit wins over the registration date.
    assert next_due(date(2024, 5, 1), [], RiskLevel.LOW, None, registered) == date(2024, 8, 1)


def test_next_due_needs_a_date() -> None:
    with pytest.raises(ValueError):
        next_due(None, [ORPHAN], RiskLevel.LOW)


@given(
    st.dates(max_value=date(2100, 1, 1)),
    st.lists(st.sampled_from(CategoryCode)),
    st.sampled_from(RiskLevel),
)
def test_next_due_is_after_the_last_visit_and_monthly_is_never_later(
    last: date, categories: list[CategoryCode], risk: RiskLevel
) -> None:
    due = next_due(last, categories, risk)
    assert last < due <= next_due(last, [], RiskLevel.LOW)
    assert next_due(last, [*categories, ORPHAN], risk) <= due


@pytest.mark.parametrize(
    ("due", "today", "days"),
    [
        (date(2024, 6, 15), date(2024, 6, 15), 0),
        (date(2024, 6, 15), date(2024, 6, 16), 1),
        (date(2024, 6, 15), date(2024, 6, 1), 0),
        (date(2024, 2, 28), date(2024, 3, 1), 2),
    ],
)
def test_days_overdue(due: date, today: date, days: int) -> None:
    assert days_overdue(due, today) == days


# --- winter holiday ---

POLICY = VisitPolicy(
    winter_holidays={
        2025: HolidayWindow(date(2025, 1, 18), date(2025, 2, 16)),
        2026: HolidayWindow(date(2025, 12, 27), date(2026, 2, 10)),  # starts in December
    }
)


@pytest.mark.parametrize(
    ("visits", "today", "status"),
    [
        ([], date(2025, 1, 10), WinterVisit.UPCOMING),
        ([date(2025, 1, 10)], date(2025, 1, 10), WinterVisit.UPCOMING),  # before the holiday
        ([], date(2025, 1, 18), WinterVisit.NEEDED),
        ([date(2025, 1, 17)], date(2025, 1, 20), WinterVisit.NEEDED),
        ([date(2024, 1, 25)], date(2025, 1, 20), WinterVisit.NEEDED),  # last year's
        ([date(2025, 1, 18)], date(2025, 1, 20), WinterVisit.DONE),
        ([date(2025, 2, 16)], date(2025, 2, 16), WinterVisit.DONE),
        ([date(2025, 2, 1)], date(2025, 1, 20), WinterVisit.NEEDED),  # a planned date is no visit
        ([], date(2025, 2, 16), WinterVisit.NEEDED),
        ([], date(2025, 2, 17), WinterVisit.MISSED),
        ([date(2025, 2, 1)], date(2025, 7, 1), WinterVisit.DONE),
        ([], date(2025, 3, 1), WinterVisit.MISSED),  # 2025's holiday is just over
        # In December, before the holiday, the coming one is what matters (issue 16 item 13).
        ([], date(2025, 12, 1), WinterVisit.UPCOMING),
        ([], date(2025, 12, 28), WinterVisit.NEEDED),  # 2026's has started
        ([date(2025, 12, 30)], date(2026, 1, 5), WinterVisit.DONE),
    ],
)
def test_winter_visit_status(visits: list[date], today: date, status: WinterVisit) -> None:
    assert winter_visit_status(visits, today, POLICY) is status
    assert needs_winter_visit(visits, today, POLICY) is (status is WinterVisit.NEEDED)


def test_current_winter() -> None:
    assert current_winter(date(2025, 12, 28), POLICY).start == date(2025, 12, 27)
    assert current_winter(date(2025, 12, 26), POLICY).start == date(2025, 12, 27)
    assert current_winter(date(2025, 3, 26), POLICY).end == date(2025, 2, 16)
    assert current_winter(date(2026, 3, 1), POLICY).end == date(2026, 2, 10)


def test_default_winter_window() -> None:
    assert winter_window(2024) == HolidayWindow(date(2024, 1, 10), date(2024, 2, 28))
    assert winter_window(2027, POLICY) == HolidayWindow(date(2027, 1, 10), date(2027, 2, 28))
    assert needs_winter_visit([], date(2027, 1, 20))
    assert not needs_winter_visit([date(2027, 1, 15)], date(2027, 1, 20))


def test_default_winter_window_is_configurable() -> None:
    to_month_end = VisitPolicy(default_winter=((1, 15), (2, 29)))
    assert winter_window(2023, to_month_end).end == date(2023, 2, 28)
    assert winter_window(2024, to_month_end).end == date(2024, 2, 29)
    across_new_year = VisitPolicy(default_winter=((12, 25), (2, 20)))
    assert winter_window(2025, across_new_year) == HolidayWindow(
        date(2024, 12, 25), date(2025, 2, 20)
    )
    assert current_winter(date(2024, 12, 26), across_new_year).end == date(2025, 2, 20)


def test_holiday_window() -> None:
    window = HolidayWindow(date(2025, 1, 18), date(2025, 2, 16))
    assert date(2025, 1, 18) in window and date(2025, 2, 16) in window
    assert date(2025, 2, 17) not in window
    with pytest.raises(ValueError):
        HolidayWindow(date(2025, 2, 16), date(2025, 1, 18))


@given(
    day=st.dates(min_value=date(2000, 3, 1), max_value=date(2100, 1, 1)),
    months=st.integers(0, 12),
    days=st.integers(0, 40),
)
def test_on_time_since_is_the_exact_threshold(day: date, months: int, days: int) -> None:
    """A last visit on the threshold is not yet overdue on `day`; one day earlier it is."""
    if months == days == 0:
        days = 1
    interval = schedule.Interval(months=months, days=days)
    first = schedule.on_time_since(day, interval)
    assert first + interval.delta() >= day
    assert first - timedelta(days=1) + interval.delta() < day


def test_summer_rule() -> None:
    """Issue 16 item 13: the summer holiday needs a visit too (drowning first among reminders)."""
    assert summer_window(2026) == HolidayWindow(date(2026, 7, 10), date(2026, 8, 31))
    summer = schedule.Holiday.SUMMER
    assert schedule.holiday_visit_status(summer, [], date(2026, 6, 1)) == WinterVisit.UPCOMING
    assert schedule.holiday_visit_status(summer, [], date(2026, 7, 20)) == WinterVisit.NEEDED
    done = [date(2026, 7, 15)]
    assert schedule.holiday_visit_status(summer, done, date(2026, 7, 20)) == WinterVisit.DONE
    assert schedule.holiday_visit_status(summer, [], date(2026, 9, 10)) == WinterVisit.MISSED
    # In May the coming summer matters, not last year's.
    assert schedule.current_holiday(summer, date(2026, 5, 1)).start == date(2026, 7, 10)
    own = VisitPolicy(summer_holidays={2026: HolidayWindow(date(2026, 7, 4), date(2026, 8, 30))})
    assert schedule.holiday_visit_status(summer, [], date(2026, 7, 5), own) == WinterVisit.NEEDED


def test_holiday_windows_survive_the_settings_round_trip() -> None:
    from hexi_care.services.settings import policy_from_dict, policy_to_dict

    own = VisitPolicy(
        winter_holidays={2027: HolidayWindow(date(2027, 1, 16), date(2027, 2, 21))},
        summer_holidays={2027: HolidayWindow(date(2027, 7, 3), date(2027, 8, 29))},
    )
    back = policy_from_dict(policy_to_dict(own))
    assert back.winter_holidays == own.winter_holidays
    assert back.summer_holidays == own.summer_holidays
