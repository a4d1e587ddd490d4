"""Mandatory-report deadlines (强制报告, 未成年人保护法 Art. 11): a report is due immediately; the
locality sets how long "immediately" may take (the tolerance) and when to ask the police for
feedback. And the visit answers that are red flags, each with the trigger a report would name."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from hexi_care.domain.enums import Rating, RedFlag, ReportStatus, ReportTrigger

#: Words in a note on the child's body that suggest an injury (伤, 淤青 …), Chinese and English.
INJURY_WORDS = (
    "伤",
    "淤青",
    "瘀",
    "青紫",
    "烫",
    "骨折",
    "流血",
    "血肿",
    "injur",
    "bruis",
    "wound",
    "burn",
    "fracture",
)
#: Phrases that contain an injury word without saying there is one (伤心 is sadness; 未见外伤 says
#: none was seen): removed before looking. The form only offers a report, so a miss costs a click.
NOT_INJURY = (
    "伤心",
    "悲伤",
    "未见外伤",
    "未见伤",
    "无外伤",
    "无伤",
    "没有伤",
    "no injur",
    "not injur",
)

#: The trigger a report opened from each red flag starts with (the user may pick another).
FLAG_TRIGGER: Mapping[RedFlag, ReportTrigger] = {
    RedFlag.ALONE_UNDER16: ReportTrigger.ABANDONED,
    RedFlag.UNATTENDED_UNDER8: ReportTrigger.ABANDONED,
    RedFlag.SAFETY_POOR: ReportTrigger.OTHER_SERIOUS_HARM,
    RedFlag.INJURY_NOTE: ReportTrigger.MULTIPLE_INJURIES_ABUSE,
}


@dataclass(frozen=True, slots=True)
class ReportRules:
    """`tolerance_hours`: how long after finding a report may still count as made immediately;
    `feedback_days`: days after the report to ask the police for feedback if none came."""

    tolerance_hours: int = 24
    feedback_days: int = 15

    def __post_init__(self) -> None:
        if self.tolerance_hours < 0 or self.feedback_days < 1:
            raise ValueError("a tolerance is not negative and feedback takes at least a day")

    @property
    def tolerance(self) -> timedelta:
        return timedelta(hours=self.tolerance_hours)


def report_deadline(found_at: datetime, rules: ReportRules) -> datetime:
    return found_at + rules.tolerance


def is_late(
    found_at: datetime, reported_at: datetime | None, now: datetime, rules: ReportRules
) -> bool:
    """Made after the deadline, or not made and the deadline has passed. On the deadline itself
    the report is still on time."""
    return (reported_at or now) > report_deadline(found_at, rules)


def default_feedback_due(reported_on: date, rules: ReportRules) -> date:
    return reported_on + timedelta(days=rules.feedback_days)


def feedback_overdue(
    status: ReportStatus, feedback: str, feedback_due: date | None, today: date
) -> bool:
    """An open report without feedback whose follow-up date has passed."""
    return (
        status == ReportStatus.OPEN
        and not feedback.strip()
        and feedback_due is not None
        and feedback_due < today
    )


def red_flags(
    *,
    alone_under16: bool,
    under8_unattended: bool,
    living_rating: str | None,
    physical_note: str,
) -> list[RedFlag]:
    """The answers of a visit that call for a report on the spot (the visit form offers one)."""
    found: list[RedFlag] = []
    if alone_under16:
        found.append(RedFlag.ALONE_UNDER16)
    if under8_unattended:
        found.append(RedFlag.UNATTENDED_UNDER8)
    if living_rating in (Rating.POOR, Rating.SERIOUS):
        found.append(RedFlag.SAFETY_POOR)
    note = physical_note.casefold()
    for phrase in NOT_INJURY:
        note = note.replace(phrase, "")
    if any(w in note for w in INJURY_WORDS):
        found.append(RedFlag.INJURY_NOTE)
    return found
