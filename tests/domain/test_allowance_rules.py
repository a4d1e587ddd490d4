"""The allowance month rules: the first month paid, suspension and stop, month parsing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hexi_care.domain.allowance import month_after, month_of, parse_month, payable, stage
from hexi_care.domain.enums import AllowanceStage
from hexi_care.domain.model import Allowance


def _confirmed(on: date, **kw: str) -> Allowance:
    return Allowance(
        child_id="c",
        category="orphan",
        applied_on=on - timedelta(days=30),
        checked_on=on - timedelta(days=10),
        confirmed_on=on,
        start_month=month_after(on),
        **kw,
    )


@pytest.mark.parametrize(
    ("confirmed", "first"),
    [
        (date(2027, 1, 31), "2027-02"),  # last day of a month: the next month
        (date(2027, 2, 28), "2027-03"),
        (date(2028, 2, 29), "2028-03"),  # leap day
        (date(2026, 12, 31), "2027-01"),  # last day of the year: January of the next
        (date(2027, 3, 1), "2027-04"),
    ],
)
def test_first_month_paid_is_the_month_after_confirmation(confirmed: date, first: str) -> None:
    a = _confirmed(confirmed)
    assert a.start_month == first
    assert not payable(a, month_of(confirmed))
    assert payable(a, first)


def test_suspension_and_stop() -> None:
    a = _confirmed(date(2027, 1, 15), suspended_from="2027-04", suspended_until="2027-05")
    assert [m for m in ("2027-03", "2027-04", "2027-05", "2027-06") if payable(a, m)] == [
        "2027-03",
        "2027-06",
    ]
    assert stage(a, "2027-04") is AllowanceStage.SUSPENDED
    assert stage(a, "2027-06") is AllowanceStage.CONFIRMED
    a.stopped_from = "2027-09"
    assert payable(a, "2027-08") and not payable(a, "2027-09") and not payable(a, "2028-01")
    assert stage(a) is AllowanceStage.STOPPED
    open_ended = _confirmed(date(2027, 1, 15), suspended_from="2027-04")
    assert not payable(open_ended, "2030-01")
    assert stage(open_ended) is AllowanceStage.SUSPENDED


def test_not_paid_before_confirmation() -> None:
    a = Allowance(child_id="c", category="orphan", applied_on=date(2027, 1, 2))
    assert stage(a) is AllowanceStage.APPLIED and not payable(a, "2027-02")
    a.checked_on = date(2027, 1, 9)
    assert stage(a) is AllowanceStage.CHECKED and not payable(a, "2027-02")


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(9998, 12, 31)))
def test_month_after_is_one_calendar_month_later(day: date) -> None:
    nxt = month_after(day)
    y, m = parse_month(nxt)
    first_of_next = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    assert (y, m) == (first_of_next.year, first_of_next.month)
    assert month_of(day) < nxt


@given(st.text(max_size=10))
def test_parse_month_accepts_only_year_dash_month(text: str) -> None:
    try:
        y, m = parse_month(text)
    except ValueError:
        return
    assert text.strip() == f"{y:04d}-{m:02d}" and 1 <= m <= 12
