"""Mandatory-report deadlines at their edges and the red flags of a visit."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hexi_care.domain import reporting
from hexi_care.domain.enums import Rating, RedFlag, ReportStatus

FOUND = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
RULES = reporting.ReportRules(tolerance_hours=24, feedback_days=15)


def test_a_report_made_on_the_deadline_is_on_time_and_a_second_later_is_late() -> None:
    deadline = FOUND + timedelta(hours=24)
    assert not reporting.is_late(FOUND, deadline, deadline, RULES)
    assert reporting.is_late(FOUND, deadline + timedelta(seconds=1), deadline, RULES)


def test_a_report_not_made_turns_late_when_the_deadline_passes() -> None:
    assert not reporting.is_late(FOUND, None, FOUND + timedelta(hours=23), RULES)
    assert reporting.is_late(FOUND, None, FOUND + timedelta(hours=25), RULES)
    # "Immediately" with no tolerance: any delay is late.
    strict = reporting.ReportRules(tolerance_hours=0)
    assert reporting.is_late(FOUND, FOUND + timedelta(minutes=1), FOUND, strict)


@given(hours=st.integers(0, 24 * 30), minutes=st.integers(0, 24 * 60 * 30))
def test_late_exactly_after_the_tolerance(hours: int, minutes: int) -> None:
    rules = reporting.ReportRules(tolerance_hours=hours)
    reported = FOUND + timedelta(minutes=minutes)
    assert reporting.is_late(FOUND, reported, reported, rules) == (minutes > hours * 60)


def test_feedback_is_overdue_only_for_an_open_report_without_feedback_past_its_date() -> None:
    due = reporting.default_feedback_due(date(2026, 11, 20), RULES)
    assert due == date(2026, 12, 5)
    day_after = due + timedelta(days=1)
    assert not reporting.feedback_overdue(ReportStatus.OPEN, "", due, due)
    assert reporting.feedback_overdue(ReportStatus.OPEN, " ", due, day_after)
    assert not reporting.feedback_overdue(ReportStatus.OPEN, "已立案", due, day_after)
    assert not reporting.feedback_overdue(ReportStatus.CLOSED, "", due, day_after)
    assert not reporting.feedback_overdue(ReportStatus.OPEN, "", None, day_after)


def test_red_flags_of_a_visit() -> None:
    assert reporting.red_flags(
        alone_under16=True,
        under8_unattended=True,
        living_rating=Rating.SERIOUS,
        physical_note="左臂有淤青",
    ) == [
        RedFlag.ALONE_UNDER16,
        RedFlag.UNATTENDED_UNDER8,
        RedFlag.SAFETY_POOR,
        RedFlag.INJURY_NOTE,
    ]
    calm = {"alone_under16": False, "under8_unattended": False, "living_rating": Rating.FAIR}
    assert reporting.red_flags(**calm, physical_note="身体健康，未见外伤；有些伤心") == []
    assert reporting.red_flags(**calm, physical_note="Bruises on the back") == [RedFlag.INJURY_NOTE]
    assert reporting.red_flags(**{**calm, "living_rating": Rating.POOR}, physical_note="") == [
        RedFlag.SAFETY_POOR
    ]
    assert all(f in reporting.FLAG_TRIGGER for f in RedFlag)


def test_rules_refuse_nonsense() -> None:
    with pytest.raises(ValueError):
        reporting.ReportRules(tolerance_hours=-1)
    with pytest.raises(ValueError):
        reporting.ReportRules(feedback_days=0)
