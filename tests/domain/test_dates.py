"""Ages in full years and month arithmetic."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hexi_care.domain.dates import add_months, add_years, age_on, full_months_between


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(2006, 6, 15), date(2024, 6, 14), 17),
        (date(2006, 6, 15), date(2024, 6, 15), 18),  # the birthday counts
        (date(2006, 6, 15), date(2006, 6, 15), 0),
        (date(2008, 2, 29), date(2026, 2, 27), 17),
        (date(2008, 2, 29), date(2026, 2, 28), 18),  # common year: 28 February
        (date(2008, 2, 29), date(2024, 2, 28), 15),
        (date(2008, 2, 29), date(2024, 2, 29), 16),  # leap year: the day itself
    ],
)
def test_age_on(birth: date, day: date, age: int) -> None:
    assert age_on(birth, day) == age


def test_age_on_before_birth() -> None:
    with pytest.raises(ValueError):
        age_on(date(2020, 1, 2), date(2020, 1, 1))


@given(st.dates(max_value=date(2100, 1, 1)), st.integers(0, 120))
def test_age_on_birthday_is_exact(birth: date, years: int) -> None:
    birthday = add_years(birth, years)
    assert age_on(birth, birthday) == years
    if birthday > birth:
        assert age_on(birth, date.fromordinal(birthday.toordinal() - 1)) == years - 1


@pytest.mark.parametrize(
    ("start", "months", "result"),
    [
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2022, 8, 31), 6, date(2023, 2, 28)),
        (date(2024, 1, 15), 6, date(2024, 7, 15)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
    ],
)
def test_add_months_clips_to_month_end(start: date, months: int, result: date) -> None:
    assert add_months(start, months) == result


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2024, 1, 15), date(2024, 7, 14), 5),
        (date(2024, 1, 15), date(2024, 7, 15), 6),
        (date(2023, 8, 31), date(2024, 2, 28), 5),
        (date(2023, 8, 31), date(2024, 2, 29), 6),
        (date(2024, 1, 15), date(2024, 1, 1), 0),
        (date(2020, 5, 1), date(2024, 6, 1), 49),
    ],
)
def test_full_months_between(start: date, end: date, months: int) -> None:
    assert full_months_between(start, end) == months


@given(st.dates(max_value=date(2100, 1, 1)), st.integers(0, 600))
def test_full_months_between_agrees_with_add_months(start: date, months: int) -> None:
    assert full_months_between(start, add_months(start, months)) == months


@given(
    a=st.dates(date(1950, 1, 1), date(2060, 12, 31)),
    b=st.dates(date(1950, 1, 1), date(2060, 12, 31)),
    n=st.integers(-240, 240),
)
def test_plain_arithmetic_agrees_with_relativedelta(a: date, b: date, n: int) -> None:
    """The helpers avoid relativedelta for speed (worklists over 20,000 children); they must give
    exactly what it gives, month ends and 29 February included."""
    from dateutil.relativedelta import relativedelta

    assert add_months(a, n) == a + relativedelta(months=n)
    assert add_years(a, n // 12) == a + relativedelta(years=n // 12)
    start, end = min(a, b), max(a, b)
    delta = relativedelta(end, start)
    assert age_on(start, end) == delta.years
    assert full_months_between(start, end) == delta.years * 12 + delta.months
