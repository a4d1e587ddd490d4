"""What a new home visit starts with, so that a routine "all is well" visit takes few steps: the
safety reminders the season's guardian notice leads with (寒假: fire, gas, ice; 暑假: drowning), and
when to ask about a visit date (a visit entered long after it happened is unusual, a later one
impossible). The director still reads and changes everything; nothing here is submitted unasked.
"""

from __future__ import annotations

from datetime import date, timedelta

from hexi_care.domain import notice_templates as nt
from hexi_care.domain.enums import SafetyTopic
from hexi_care.domain.model import NoticeTemplate
from hexi_care.domain.schedule import Holiday, VisitPolicy, current_holiday

#: The notice's theme titles (as the built-in templates and their local copies name them).
THEME_TOPICS: dict[str, SafetyTopic] = {
    nt.FIRE: SafetyTopic.FIRE_ELECTRICITY_GAS,
    nt.TRAFFIC: SafetyTopic.TRAFFIC,
    nt.DROWNING: SafetyTopic.DROWNING,
    nt.FOOD: SafetyTopic.FOOD_HYGIENE,
    nt.SELF_PROTECTION: SafetyTopic.SELF_PROTECTION,
    nt.ONLINE: SafetyTopic.ONLINE,
    nt.MENTAL: SafetyTopic.MENTAL_HEALTH,
    nt.DUTY: SafetyTopic.GUARDIANSHIP_DUTY,
}

#: A holiday's notice is handed out from this many days before the holiday until it ends.
SEASON_LEAD_DAYS = 45
#: How many of the notice's first themes (its emphasis for the season) a new visit pre-ticks.
LEAD_THEMES = 2
#: A visit dated more than this many days back is asked about before it is saved.
LATE_ENTRY_DAYS = 30


def season_notice(today: date, policy: VisitPolicy | None = None) -> str:
    """The code of the notice for this time of year: "winter" from SEASON_LEAD_DAYS before the
    winter holiday to its end, "summer" likewise, "general" otherwise."""
    for kind, code in ((Holiday.WINTER, "winter"), (Holiday.SUMMER, "summer")):
        w = current_holiday(kind, today, policy)
        if w.start - timedelta(days=SEASON_LEAD_DAYS) <= today <= w.end:
            return code
    return "general"


def lead_topics(template: NoticeTemplate) -> list[SafetyTopic]:
    """The safety topics the notice puts first (its season's emphasis), in its order."""
    topics = [THEME_TOPICS[title] for title, _ in template.themes if title in THEME_TOPICS]
    return list(dict.fromkeys(topics))[:LEAD_THEMES]


def date_question(visit_date: date, today: date) -> str | None:
    """Why a visit date deserves a question before it is kept: "future" (a visit cannot have
    happened yet; the service refuses it), "long_ago" (more than LATE_ENTRY_DAYS back: a typo in
    the month or year is likelier than a visit entered that late), else None."""
    if visit_date > today:
        return "future"
    if (today - visit_date).days > LATE_ENTRY_DAYS:
        return "long_ago"
    return None
