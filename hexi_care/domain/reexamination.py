"""Re-examination rules (复核/核查): why a child's case needs a decision now. Pure: the service hands
in each child's facts; this says which reasons hold, with a stable key (a decision recorded on the
key takes the reason off the list) and the date it concerns. The district decides; this only asks.

Reasons (issue 10):
- a parent's situation that a category rested on ended, or its expected end passed (released,
  found, back from rehabilitation);
- the child turns 16 (留守儿童, and the rule that no child under 16 lives alone) or 18 (every
  category) within the horizon, or has turned it while the category is still open;
- a recorded category the rules (domain/eligibility.py) no longer support, or one they now suggest;
- the annual 核查/复核 of a category, on a date set per category;
- an evidence document that expires within the horizon or has expired.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from hexi_care.domain import eligibility
from hexi_care.domain.dates import add_years
from hexi_care.domain.enums import CategoryCode, ReexamKind, Relationship, SituationKind
from hexi_care.domain.model import Category, Guardian

LEFT_BEHIND_AGE = eligibility.LEFT_BEHIND_AGE
ADULT_AGE = eligibility.ADULT_AGE


class LinkTab(StrEnum):
    """Where in the child file a reason is dealt with (the child file's tab keys)."""

    PROFILE = "profile"
    HOUSEHOLD = "household"
    ATTACHMENTS = "attachments"


#: The tab each reason opens.
LINK: Mapping[ReexamKind, LinkTab] = {
    ReexamKind.SITUATION_ENDED: LinkTab.HOUSEHOLD,
    ReexamKind.EXPECTED_END_PASSED: LinkTab.HOUSEHOLD,
    ReexamKind.TURNS_16: LinkTab.PROFILE,
    ReexamKind.TURNS_18: LinkTab.PROFILE,
    ReexamKind.CATEGORY_UNSUPPORTED: LinkTab.PROFILE,
    ReexamKind.CATEGORY_SUGGESTED: LinkTab.PROFILE,
    ReexamKind.ANNUAL_REVIEW: LinkTab.PROFILE,
    ReexamKind.EVIDENCE_EXPIRY: LinkTab.ATTACHMENTS,
}

# Shortfalls that only say a record is incomplete: they do not show that the rules stopped
# supporting a category (the child file asks for the missing facts instead).
_INCOMPLETE = frozenset(
    {
        eligibility.ReasonCode.PARENT_RECORD_MISSING,
        eligibility.ReasonCode.BIRTH_DATE_MISSING,
        eligibility.ReasonCode.START_DATE_MISSING,
        eligibility.ReasonCode.DISABILITY_GRADE_MISSING,
        # The age limit has its own reason (turning 16 or 18).
        eligibility.ReasonCode.AGE_LIMIT_REACHED,
    }
)


@dataclass(frozen=True, slots=True)
class ReexamPolicy:
    """What the locality sets: how far ahead birthdays and expiries are announced, and the day of
    each category's annual 核查/复核 (month, day), shown `annual_lead_days` before it."""

    horizon_days: int = 60
    evidence_days: int = 30
    annual: Mapping[str, tuple[int, int]] = field(
        default_factory=lambda: {
            CategoryCode.ORPHAN_SCATTERED.value: (12, 31),
            CategoryCode.NO_DE_FACTO_CARER.value: (12, 31),
        }
    )
    annual_lead_days: int = 30
    #: How long a review left undone stays on the list after its day (the next year's cycle asks
    #: again; a new store does not open with every category's review of last year).
    annual_late_days: int = 90

    def __post_init__(self) -> None:
        days = (self.horizon_days, self.evidence_days, self.annual_lead_days, self.annual_late_days)
        if min(days) < 0:
            raise ValueError("days ahead must not be negative")
        for month, day in self.annual.values():
            date(2024, month, day)  # raises ValueError for a day no year has


@dataclass(frozen=True, slots=True)
class Evidence:
    """An evidence document with an expiry (an attachment of the child)."""

    id: str
    name: str
    expires_on: date


@dataclass(frozen=True, slots=True)
class ChildFacts:
    birth_date: date | None
    categories: Sequence[Category]
    guardians: Sequence[Guardian]
    evidence: Sequence[Evidence] = ()
    #: The last visit found the child under 16 living alone (the rule that ends at 16).
    living_alone: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ReexamReason:
    kind: ReexamKind
    key: str  # stable: a decision on it takes the reason off the list
    when: date | None  # the date it concerns (birthday, end, due date, expiry)
    category: str | None = None
    parent: Relationship | None = None
    situation: SituationKind | None = None
    document: str | None = None
    #: Why a recorded category is no longer supported (eligibility's explanation).
    detail: tuple[eligibility.Reason, ...] = ()

    @property
    def link(self) -> LinkTab:
        return LINK[self.kind]


def annual_due(month_day: tuple[int, int], today: date) -> date:
    """This year's annual review day (29 February falls on the 28th in a common year)."""
    month, day = month_day
    result: date = add_years(date(2024, month, day), today.year - 2024)
    return result


def reasons(
    facts: ChildFacts,
    today: date,
    policy: ReexamPolicy,
    decided: Collection[str] = (),
    memo: dict[object, object] | None = None,
) -> list[ReexamReason]:
    """Reasons that hold for this child on `today` and have no decision yet. `memo`: a dict kept
    for one pass over a caseload on one day (see eligibility.assess)."""
    active = [c for c in facts.categories if c.active_on(today)]
    if not active and not facts.evidence and not facts.guardians:
        return []
    codes = {c.code for c in active}
    found: list[ReexamReason] = []
    found += _situations(facts, active, today)
    found += _ages(facts, active, today, policy)
    found += _rules(facts, codes, today, memo)
    found += _annual(active, today, policy)
    horizon = today + timedelta(days=policy.evidence_days)
    found += [
        ReexamReason(
            kind=ReexamKind.EVIDENCE_EXPIRY,
            key=f"evidence:{e.id}",
            when=e.expires_on,
            document=e.name,
        )
        for e in facts.evidence
        if e.expires_on <= horizon
    ]
    return [r for r in found if r.key not in decided]


def _situations(facts: ChildFacts, active: Sequence[Category], today: date) -> list[ReexamReason]:
    """Situations of a parent that ended (or should have) since the category was decided."""
    if not active:
        return []
    starts = [c.start_date for c in active if c.start_date is not None]
    # A situation that ended before the category was decided was known when it was decided.
    since = min(starts) if len(starts) == len(active) else today - timedelta(days=365)
    out: list[ReexamReason] = []
    for g in facts.guardians:
        if g.relationship not in eligibility.PARENTS:
            continue
        for s in g.situations:
            if s.kind == SituationKind.WORKING_AWAY and CategoryCode.LEFT_BEHIND not in {
                c.code for c in active
            }:
                continue
            sid = s.id or f"{g.id}:{s.kind}:{s.start_date}"
            if s.end_date is not None:
                if since <= s.end_date <= today:
                    out.append(
                        ReexamReason(
                            kind=ReexamKind.SITUATION_ENDED,
                            key=f"situation_ended:{sid}",
                            when=s.end_date,
                            parent=g.relationship,
                            situation=s.kind,
                        )
                    )
            elif s.expected_end_date is not None and s.expected_end_date < today:
                out.append(
                    ReexamReason(
                        kind=ReexamKind.EXPECTED_END_PASSED,
                        key=f"expected_end:{sid}:{s.expected_end_date}",
                        when=s.expected_end_date,
                        parent=g.relationship,
                        situation=s.kind,
                    )
                )
    return out


def _ages(
    facts: ChildFacts, active: Sequence[Category], today: date, policy: ReexamPolicy
) -> list[ReexamReason]:
    birth = facts.birth_date
    if birth is None or birth > today:
        return []
    horizon = today + timedelta(days=policy.horizon_days)
    out: list[ReexamReason] = []

    def open_on(c: Category, day: date) -> bool:
        # Still open on the birthday: nobody has ended it at the age limit yet.
        return c.end_date is None or c.end_date >= day

    sixteen = add_years(birth, LEFT_BEHIND_AGE)
    left_behind = [c for c in active if c.code == CategoryCode.LEFT_BEHIND]
    if sixteen <= horizon and (
        any(open_on(c, sixteen) for c in left_behind) or (facts.living_alone and today < sixteen)
    ):
        out.append(
            ReexamReason(
                kind=ReexamKind.TURNS_16,
                key=f"age16:{sixteen}",
                when=sixteen,
                category=CategoryCode.LEFT_BEHIND.value if left_behind else None,
            )
        )
    eighteen = add_years(birth, ADULT_AGE)
    if eighteen <= horizon and any(open_on(c, eighteen) for c in active):
        out.append(ReexamReason(kind=ReexamKind.TURNS_18, key=f"age18:{eighteen}", when=eighteen))
    return out


def _rules(
    facts: ChildFacts, codes: set[str], today: date, memo: dict[object, object] | None = None
) -> list[ReexamReason]:
    """Recorded ruled categories the rules do not support, and suggested ones not recorded."""
    parents = [g for g in facts.guardians if g.relationship in eligibility.PARENTS]
    # Every rule needs both parents away, unable or absent: without a situation recorded for
    # each, nothing can be suggested, and only a recorded ruled category is worth checking.
    if not codes & set(eligibility.RULED) and not all(
        any(g.relationship == role and g.situations for g in parents)
        for role in eligibility.PARENTS
    ):
        return []
    not_found = eligibility.certified_not_found(parents, today)
    assessed = eligibility.assess(
        facts.birth_date, parents, today, not_found=not_found, memo=memo, explain=codes
    )
    suggested = {c: r for c, r in assessed.items() if isinstance(r, eligibility.Suggestion)}
    out: list[ReexamReason] = []
    for code in eligibility.RULED:
        if code in codes and code not in suggested:
            found = assessed[code]  # (explained: a recorded category)
            why = found if isinstance(found, list) else []
            if why and all(r.code in _INCOMPLETE for r in why):
                continue
            out.append(
                ReexamReason(
                    kind=ReexamKind.CATEGORY_UNSUPPORTED,
                    key=f"unsupported:{code}:{_digest(why)}",
                    when=None,
                    category=code.value,
                    detail=tuple(why),
                )
            )
        elif code in suggested and code not in codes:
            # 孤儿 and 事实无人抚养 exclude each other; 留守 is not suggested beside a recorded one.
            if code == CategoryCode.LEFT_BEHIND and codes & {
                CategoryCode.ORPHAN_SCATTERED,
                CategoryCode.NO_DE_FACTO_CARER,
            }:
                continue
            out.append(
                ReexamReason(
                    kind=ReexamKind.CATEGORY_SUGGESTED,
                    key=f"suggested:{code}:{_digest(suggested[code].reasons)}",
                    when=None,
                    category=code.value,
                    detail=tuple(suggested[code].reasons),
                )
            )
    return out


def _digest(found: Sequence[eligibility.Reason]) -> str:
    """A short stable tag of an explanation: a decision holds until the facts behind it change."""
    parts = sorted(f"{r.code}/{r.parent}/{r.kind}/{r.start}/{r.end}" for r in found)
    text = "|".join(parts)
    value = 0
    for ch in text.encode():
        value = (value * 131 + ch) % (1 << 40)
    return f"{value:010x}"


def _annual(active: Sequence[Category], today: date, policy: ReexamPolicy) -> list[ReexamReason]:
    """Each category's annual review of the last cycle that has opened: this year's from
    `annual_lead_days` before its day, last year's (then late) for `annual_late_days` after it."""
    out: list[ReexamReason] = []
    for c in active:
        month_day = policy.annual.get(c.code)
        if month_day is None:
            continue
        due = annual_due(month_day, today)
        opens = due - timedelta(days=policy.annual_lead_days)
        if today < opens:
            due = annual_due(month_day, date(today.year - 1, 1, 1))
            opens = due - timedelta(days=policy.annual_lead_days)
            if today > due + timedelta(days=policy.annual_late_days):
                continue
        # A category decided after the cycle opened was examined then: next cycle.
        if c.start_date is not None and c.start_date >= opens:
            continue
        out.append(
            ReexamReason(
                kind=ReexamKind.ANNUAL_REVIEW,
                key=f"annual:{c.code}:{due.year}",
                when=due,
                category=c.code,
            )
        )
    return out
