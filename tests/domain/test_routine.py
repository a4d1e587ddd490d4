"""What a new visit starts with: the season's notice and its leading safety topics, and which visit
dates are asked about."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hexi_care.domain import routine
from hexi_care.domain.enums import SafetyTopic
from hexi_care.domain.notice_templates import builtin_templates


@pytest.mark.parametrize(
    ("today", "code"),
    [
        (date(2026, 12, 7), "winter"),  # the notice goes out before the holiday (01-10)
        (date(2027, 2, 20), "winter"),
        (date(2027, 3, 15), "general"),
        (date(2027, 6, 1), "summer"),
        (date(2027, 8, 31), "summer"),
        (date(2027, 10, 8), "general"),
    ],
)
def test_the_season_notice(today: date, code: str) -> None:
    assert routine.season_notice(today) == code


def test_each_notice_leads_with_its_season() -> None:
    t = builtin_templates()
    assert routine.lead_topics(t["winter"]) == [
        SafetyTopic.FIRE_ELECTRICITY_GAS,
        SafetyTopic.DROWNING,
    ]
    assert routine.lead_topics(t["summer"]) == [SafetyTopic.DROWNING, SafetyTopic.TRAFFIC]
    assert routine.lead_topics(t["general"]) == [
        SafetyTopic.GUARDIANSHIP_DUTY,
        SafetyTopic.FIRE_ELECTRICITY_GAS,
    ]
    # Every theme title of the built-in notices has its topic.
    for template in t.values():
        assert {title for title, _ in template.themes} <= set(routine.THEME_TOPICS)


@given(
    today=st.dates(date(2020, 1, 1), date(2035, 12, 31)),
    delta=st.integers(-800, 800),
)
def test_date_question(today: date, delta: int) -> None:
    d = today + timedelta(days=delta)
    q = routine.date_question(d, today)
    if delta > 0:
        assert q == "future"
    elif -delta > routine.LATE_ENTRY_DAYS:
        assert q == "long_ago"
    else:
        assert q is None
