"""Eligibility helper: suggests (never decides) 孤儿, 事实无人抚养儿童 and 留守儿童 from the child's birth
date and the parents' situations, explains each suggestion and says what is missing when none fits.

Rules (DOMAIN.md; 国办发〔2010〕54号, 民发〔2019〕62号, 国发〔2016〕13号):
- 孤儿 (ORPHAN_SCATTERED): under 18; each parent died, was declared missing, or cannot be found.
- 事实无人抚养儿童 (NO_DE_FACTO_CARER): under 18; each parent is in list S or died/declared missing/
  cannot be found, but not both of the latter (that is an orphan).
- 留守儿童 (LEFT_BEHIND): under 16; both parents working away ≥ 6 months, or one away and the other unable
  (in list S, died, declared missing or cannot be found), but not both unable (see above).

List S: 重残 (grade 1–2, or 3–4 mental/intellectual), 重病, 被撤销监护资格, 被遣送（驱逐）出境, and, for
6 months or more: 服刑在押, 强制隔离戒毒, 其他限制人身自由的措施 (the term of the measure, 期限在6个月以上:
served for 6 months, or start to expected end ≥ 6 months) and 失联 (6 months since the police accepted the
report, the situation's start date). Working away counts after 6 months from its start date.

"Cannot be found" (查找不到生父母) is never inferred from a missing parent record: it counts when the
parent's record carries a 查找不到 situation in force (the certification), or when the caller passes the
parent in `not_found`. A missing record only explains why nothing is suggested.
One record per parent is expected; with several, a parent counts only as far as every record agrees,
and the suggestion is flagged for review.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import IntEnum, StrEnum

from hexi_care.domain.dates import add_months, add_years, age_on, full_months_between
from hexi_care.domain.enums import CategoryCode, Relationship, SituationKind
from hexi_care.domain.model import Guardian, Situation

ADULT_AGE = 18
LEFT_BEHIND_AGE = 16
MIN_MONTHS = 6
DEFAULT_REVIEW_DAYS = 90

PARENTS = (Relationship.FATHER, Relationship.MOTHER)
RULED = (CategoryCode.ORPHAN_SCATTERED, CategoryCode.NO_DE_FACTO_CARER, CategoryCode.LEFT_BEHIND)

ABSENT_KINDS = frozenset(
    {SituationKind.DECEASED, SituationKind.DECLARED_MISSING, SituationKind.NOT_FOUND}
)
TERM_KINDS = frozenset(
    {SituationKind.IMPRISONED, SituationKind.COMPULSORY_REHAB, SituationKind.OTHER_RESTRAINT}
)
SIX_MONTH_KINDS = TERM_KINDS | {SituationKind.LOST_CONTACT}
S_KINDS = SIX_MONTH_KINDS | {
    SituationKind.SEVERE_DISABILITY,
    SituationKind.SERIOUS_ILLNESS,
    SituationKind.GUARDIANSHIP_REVOKED,
    SituationKind.DEPORTED,
}


class ReasonCode(StrEnum):
    # Why a category is suggested.
    UNDER_AGE = "under_age"  # age, limit
    PARENT_DECEASED = "parent_deceased"  # parent, kind, start
    PARENT_DECLARED_MISSING = "parent_declared_missing"  # parent, kind, start
    PARENT_NOT_FOUND = "parent_not_found"  # parent
    PARENT_SITUATION = "parent_situation"  # parent, kind, start, grade, mental
    PARENT_SITUATION_MONTHS = "parent_situation_months"  # parent, kind, start, months (elapsed)
    PARENT_SITUATION_TERM = "parent_situation_term"  # parent, kind, start, end (term ≥ 6 months)
    # Review flags on a suggestion.
    ENDS_SOON = "ends_soon"  # parent, kind, end
    EXPECTED_END_PASSED = "expected_end_passed"  # parent, kind, end
    AGES_OUT_SOON = "ages_out_soon"  # limit, end (the birthday)
    SEVERAL_PARENT_RECORDS = "several_parent_records"  # parent
    # Why a category is not suggested.
    BIRTH_DATE_MISSING = "birth_date_missing"
    BIRTH_DATE_AFTER = "birth_date_after"  # start (the birth date), end (the day of the check)
    AGE_LIMIT_REACHED = "age_limit_reached"  # age, limit
    PARENT_RECORD_MISSING = "parent_record_missing"  # parent
    PARENT_NOT_ABSENT = "parent_not_absent"  # parent
    PARENT_NOT_UNABLE = "parent_not_unable"  # parent
    PARENT_NOT_AWAY_OR_UNABLE = "parent_not_away_or_unable"  # parent
    NO_PARENT_AWAY = "no_parent_away"
    BOTH_PARENTS_ABSENT = "both_parents_absent"
    BOTH_PARENTS_UNABLE = "both_parents_unable"
    TOO_SHORT = (
        "too_short"  # parent, kind, start, months (elapsed), end (when 6 months are reached)
    )
    TERM_TOO_SHORT = "term_too_short"  # parent, kind, start, end (the term ends before 6 months)
    START_DATE_MISSING = "start_date_missing"  # parent, kind
    SITUATION_ENDED = "situation_ended"  # parent, kind, end
    NOT_STARTED = "not_started"  # parent, kind, start
    DISABILITY_GRADE_MISSING = "disability_grade_missing"  # parent
    DISABILITY_NOT_SEVERE = "disability_not_severe"  # parent, grade, mental


@dataclass(frozen=True, slots=True, kw_only=True)
class Reason:
    """One explained fact: a stable code with its parameters, phrased by `text_zh` / `text_en`."""

    code: ReasonCode
    parent: Relationship | None = None
    kind: SituationKind | None = None
    start: date | None = None
    end: date | None = None
    months: int | None = None
    age: int | None = None
    limit: int | None = None
    grade: int | None = None
    mental: bool = False

    def text_zh(self) -> str:
        return _text(self, zh=True)

    def text_en(self) -> str:
        return _text(self, zh=False)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A category the child appears to qualify for; the district decides (建议, 非认定)."""

    code: CategoryCode
    reasons: list[Reason]
    review_flags: list[Reason] = field(default_factory=list)


def suggest(
    birth_date: date | None,
    guardians: Iterable[Guardian],
    as_of: date,
    *,
    not_found: Collection[Relationship] = (),
    review_days: int = DEFAULT_REVIEW_DAYS,
) -> list[Suggestion]:
    """Categories the child appears to qualify for on `as_of`, in the order of `RULED`.

    `guardians`: the child's guardians; only FATHER and MOTHER records are read.
    `not_found`: parents certified as cannot be found (查找不到).
    `review_days`: a situation expected to end, or the child reaching the age limit, within this many
    days raises a review flag.
    """
    results = _assess(birth_date, guardians, as_of, not_found, review_days)
    return [r for r in results.values() if isinstance(r, Suggestion)]


def why_not(
    code: CategoryCode,
    birth_date: date | None,
    guardians: Iterable[Guardian],
    as_of: date,
    *,
    not_found: Collection[Relationship] = (),
) -> list[Reason]:
    """What is missing for `code` (one of `RULED`); an empty list when the child appears to qualify."""
    if code not in RULED:
        raise ValueError(f"no rule for category {code!r}")
    result = _assess(birth_date, guardians, as_of, not_found, DEFAULT_REVIEW_DAYS)[code]
    return [] if isinstance(result, Suggestion) else result


def assess(
    birth_date: date | None,
    guardians: Iterable[Guardian],
    as_of: date,
    *,
    not_found: Collection[Relationship] = (),
    review_days: int = DEFAULT_REVIEW_DAYS,
    memo: dict[object, object] | None = None,
    explain: Collection[str] | None = None,
) -> dict[CategoryCode, Suggestion | list[Reason]]:
    """`suggest` and `why_not` in one pass: each ruled category's suggestion, or the reasons it is
    not suggested (for lists that ask both of every child).

    `memo`: a dict kept by the caller for one pass over many children with the same day: brothers
    and sisters share their parents' Guardian objects, and each parent is read once.
    `explain`: when given, only these categories surely say why they are not suggested; any
    other may be left out of the result when it is not suggested (a list over a caseload asks
    why for the categories a child has, and only whether for the rest: most children's parents
    rule most rules out at a glance)."""
    return _assess(birth_date, guardians, as_of, not_found, review_days, memo, explain)


def certified_not_found(guardians: Iterable[Guardian], as_of: date) -> set[Relationship]:
    """Parents whose records carry a 查找不到 situation in force on `as_of`."""
    found: set[Relationship] = set()
    for g in guardians:
        if g.relationship not in (Relationship.FATHER, Relationship.MOTHER):
            continue
        for s in g.situations:
            started = s.start_date is None or s.start_date <= as_of
            ended = s.end_date is not None and s.end_date < as_of
            if s.kind == SituationKind.NOT_FOUND and started and not ended:
                found.add(g.relationship)
    return found


# --- assessment ------------------------------------------------------------------------------


class _Standing(IntEnum):
    """How far a parent is out of the picture; among several records for one parent, the lowest
    standing is the one every record supports."""

    NONE = 0
    AWAY = 1  # working away ≥ 6 months
    UNABLE = 2  # in list S
    ABSENT = 3  # died, declared missing, cannot be found


@dataclass(slots=True)
class _Finding:
    reason: Reason
    flags: list[Reason]


@dataclass(slots=True)
class _Parent:
    role: Relationship
    absent: list[_Finding] = field(default_factory=list)
    unable: list[_Finding] = field(default_factory=list)
    away: list[_Finding] = field(default_factory=list)
    shortfalls: list[Reason] = field(default_factory=list)
    recorded: bool = True
    flags: list[Reason] = field(default_factory=list)  # about the records, not one situation

    @property
    def standing(self) -> _Standing:
        if self.absent:
            return _Standing.ABSENT
        if self.unable:
            return _Standing.UNABLE
        if self.away:
            return _Standing.AWAY
        return _Standing.NONE

    @property
    def is_absent(self) -> bool:
        return bool(self.absent)

    @property
    def is_unable(self) -> bool:
        """Unable to care in the sense of the rules: in list S, or absent."""
        return bool(self.absent or self.unable)

    @property
    def is_away(self) -> bool:
        return bool(self.away)

    def explained(self, findings: list[_Finding]) -> tuple[list[Reason], list[Reason]]:
        """Reasons and review flags for the findings a rule relies on. A flag matters only when
        every finding is about to lapse: one lasting situation keeps the parent's standing."""
        reasons = [f.reason for f in findings]
        flags = list(self.flags)
        if all(f.flags for f in findings):
            flags += [flag for f in findings for flag in f.flags]
        return reasons, flags

    def unable_findings(self) -> list[_Finding]:
        return self.absent or self.unable

    def shortfalls_about(self, kinds: Collection[SituationKind]) -> list[Reason]:
        return [r for r in self.shortfalls if r.kind in kinds]


_Result = Suggestion | list[Reason]


def _assess(
    birth_date: date | None,
    guardians: Iterable[Guardian],
    as_of: date,
    not_found: Collection[Relationship],
    review_days: int,
    memo: dict[object, object] | None = None,
    explain: Collection[str] | None = None,
) -> dict[CategoryCode, _Result]:
    records = list(guardians)
    parents: list[_Parent] = []
    for role in PARENTS:
        mine = [g for g in records if g.relationship == role]
        # The same Guardian objects on the same day give the same reading (never changed after).
        key = (role, tuple(id(g) for g in mine), role in not_found, as_of, review_days)
        found = memo.get(key) if memo is not None else None
        if not isinstance(found, _Parent):
            found = _parent(role, mine, as_of, role in not_found, review_days)
            if memo is not None:
                memo[key] = found
        parents.append(found)
    rules = (
        (CategoryCode.ORPHAN_SCATTERED, _orphan),
        (CategoryCode.NO_DE_FACTO_CARER, _no_carer),
        (CategoryCode.LEFT_BEHIND, _left_behind),
    )
    if explain is None:
        return {code: rule(birth_date, parents, as_of, review_days) for code, rule in rules}
    return {
        code: rule(birth_date, parents, as_of, review_days)
        for code, rule in rules
        if code in explain or _could_suggest(code, parents)
    }


def _could_suggest(code: CategoryCode, parents: list[_Parent]) -> bool:
    """What the parents' standing alone already rules out (the rules below require it)."""
    a, b = parents
    if code is CategoryCode.ORPHAN_SCATTERED:
        return a.is_absent and b.is_absent
    if code is CategoryCode.NO_DE_FACTO_CARER:
        return a.is_unable and b.is_unable and not (a.is_absent and b.is_absent)
    # 留守: one parent away, the other away or unable, not both unable.
    if a.is_unable and b.is_unable:
        return False
    return (a.is_away and (b.is_away or b.is_unable)) or (b.is_away and a.is_unable)


@dataclass(slots=True)
class _Age:
    """Under the limit: `reason` (and maybe an ages-out flag); otherwise `shortfall`."""

    reason: Reason | None = None
    flags: list[Reason] = field(default_factory=list)
    shortfall: Reason | None = None

    def missing(self) -> list[Reason]:
        return [self.shortfall] if self.shortfall else []


def _age_check(birth_date: date | None, as_of: date, limit: int, review_days: int) -> _Age:
    if birth_date is None:
        return _Age(shortfall=Reason(code=ReasonCode.BIRTH_DATE_MISSING))
    if birth_date > as_of:
        return _Age(shortfall=Reason(code=ReasonCode.BIRTH_DATE_AFTER, start=birth_date, end=as_of))
    age = age_on(birth_date, as_of)
    if age >= limit:
        return _Age(shortfall=Reason(code=ReasonCode.AGE_LIMIT_REACHED, age=age, limit=limit))
    result = _Age(Reason(code=ReasonCode.UNDER_AGE, age=age, limit=limit))
    birthday = add_years(birth_date, limit)
    if birthday <= as_of + timedelta(days=review_days):
        result.flags.append(Reason(code=ReasonCode.AGES_OUT_SOON, limit=limit, end=birthday))
    return result


def _suggestion(
    code: CategoryCode, age: _Age, explained: list[tuple[list[Reason], list[Reason]]]
) -> Suggestion:
    reasons = [age.reason] if age.reason else []
    flags = list(age.flags)
    for parent_reasons, parent_flags in explained:
        reasons += parent_reasons
        flags += parent_flags
    return Suggestion(code, reasons, flags)


def _orphan(
    birth_date: date | None, parents: list[_Parent], as_of: date, review_days: int
) -> _Result:
    age = _age_check(birth_date, as_of, ADULT_AGE, review_days)
    missing = age.missing()
    for p in parents:
        if not p.is_absent:
            missing += _why_parent(p, ReasonCode.PARENT_NOT_ABSENT, ABSENT_KINDS)
    if missing:
        return missing
    return _suggestion(CategoryCode.ORPHAN_SCATTERED, age, [p.explained(p.absent) for p in parents])


def _no_carer(
    birth_date: date | None, parents: list[_Parent], as_of: date, review_days: int
) -> _Result:
    age = _age_check(birth_date, as_of, ADULT_AGE, review_days)
    missing = age.missing()
    if all(p.is_absent for p in parents):
        missing.append(Reason(code=ReasonCode.BOTH_PARENTS_ABSENT))
    for p in parents:
        if not p.is_unable:
            missing += _why_parent(p, ReasonCode.PARENT_NOT_UNABLE, S_KINDS | ABSENT_KINDS)
    if missing:
        return missing
    return _suggestion(
        CategoryCode.NO_DE_FACTO_CARER, age, [p.explained(p.unable_findings()) for p in parents]
    )


def _left_behind(
    birth_date: date | None, parents: list[_Parent], as_of: date, review_days: int
) -> _Result:
    age = _age_check(birth_date, as_of, LEFT_BEHIND_AGE, review_days)
    missing = age.missing()
    a, b = parents
    if a.is_unable and b.is_unable:
        missing.append(Reason(code=ReasonCode.BOTH_PARENTS_UNABLE))
    elif not (a.is_away or b.is_away):
        missing.append(Reason(code=ReasonCode.NO_PARENT_AWAY))
        for p in parents:
            if (rec := _not_recorded(p)) is not None:
                missing.append(rec)
            missing += p.shortfalls_about({SituationKind.WORKING_AWAY})
    else:
        other = b if a.is_away else a
        if not (other.is_away or other.is_unable):
            # "Neither away 6 months nor unable" agrees with any shortfall: both are said.
            missing.append(
                _not_recorded(other)
                or Reason(code=ReasonCode.PARENT_NOT_AWAY_OR_UNABLE, parent=other.role)
            )
            missing += other.shortfalls_about(S_KINDS | ABSENT_KINDS | {SituationKind.WORKING_AWAY})
    if missing:
        return missing
    # Both away, or one away and the other unable: explain each parent by the part it plays.
    if a.is_away and b.is_away:
        findings = [a.away, b.away]
    elif a.is_away:
        findings = [a.away, b.unable_findings()]
    else:
        findings = [a.unable_findings(), b.away]
    return _suggestion(
        CategoryCode.LEFT_BEHIND,
        age,
        [p.explained(f) for p, f in zip(parents, findings, strict=True)],
    )


def _why_parent(p: _Parent, general: ReasonCode, kinds: Collection[SituationKind]) -> list[Reason]:
    """Why a parent does not count: a recorded situation that falls short says it precisely; the
    general sentence ("in none of the situations") only where no such situation is recorded, so
    the two never contradict each other."""
    if (missing := _not_recorded(p)) is not None:
        return [missing]
    shortfalls = p.shortfalls_about(kinds)
    return shortfalls or [Reason(code=general, parent=p.role)]


def _not_recorded(p: _Parent) -> Reason | None:
    return None if p.recorded else Reason(code=ReasonCode.PARENT_RECORD_MISSING, parent=p.role)


# --- one parent ------------------------------------------------------------------------------


def _parent(
    role: Relationship,
    records: list[Guardian],
    as_of: date,
    not_found: bool,
    review_days: int,
) -> _Parent:
    if not_found:
        finding = _Finding(Reason(code=ReasonCode.PARENT_NOT_FOUND, parent=role), [])
        return _Parent(role, absent=[finding])
    if not records:
        return _Parent(role, recorded=False)
    views = [_record(role, g.situations, as_of, review_days) for g in records]
    # Several records for one parent: count only what every record supports (the lowest standing).
    view = min(views, key=lambda v: v.standing)
    if len(records) > 1:
        view.flags.append(Reason(code=ReasonCode.SEVERAL_PARENT_RECORDS, parent=role))
    return view


def _record(
    role: Relationship, situations: list[Situation], as_of: date, review_days: int
) -> _Parent:
    view = _Parent(role)
    horizon = as_of + timedelta(days=review_days)
    for s in situations:
        reason, shortfall = _situation(role, s, as_of)
        if shortfall is not None:
            view.shortfalls.append(shortfall)
        if reason is None:
            continue
        finding = _Finding(reason, _flags(role, s, as_of, horizon))
        if s.kind in ABSENT_KINDS:
            view.absent.append(finding)
        elif s.kind is SituationKind.WORKING_AWAY:
            view.away.append(finding)
        else:
            view.unable.append(finding)
    return view


def _situation(
    role: Relationship, s: Situation, as_of: date
) -> tuple[Reason | None, Reason | None]:
    """(reason, None) when the situation counts on `as_of`, else (None, shortfall)."""
    kind = s.kind
    if s.end_date is not None and s.end_date < as_of:
        return None, Reason(code=ReasonCode.SITUATION_ENDED, parent=role, kind=kind, end=s.end_date)
    if s.start_date is not None and s.start_date > as_of:
        return None, Reason(code=ReasonCode.NOT_STARTED, parent=role, kind=kind, start=s.start_date)

    if kind is SituationKind.DECEASED:
        return Reason(
            code=ReasonCode.PARENT_DECEASED, parent=role, kind=kind, start=s.start_date
        ), None
    if kind is SituationKind.DECLARED_MISSING:
        return Reason(
            code=ReasonCode.PARENT_DECLARED_MISSING, parent=role, kind=kind, start=s.start_date
        ), None
    if kind is SituationKind.NOT_FOUND:
        return Reason(
            code=ReasonCode.PARENT_NOT_FOUND, parent=role, kind=kind, start=s.start_date
        ), None
    if kind is SituationKind.SEVERE_DISABILITY:
        grade = s.disability_grade
        if grade is None:
            return None, Reason(code=ReasonCode.DISABILITY_GRADE_MISSING, parent=role, kind=kind)
        if not _severe(grade, s.disability_mental):
            return None, Reason(
                code=ReasonCode.DISABILITY_NOT_SEVERE,
                parent=role,
                kind=kind,
                grade=grade,
                mental=s.disability_mental,
            )
        return Reason(
            code=ReasonCode.PARENT_SITUATION,
            parent=role,
            kind=kind,
            start=s.start_date,
            grade=grade,
            mental=s.disability_mental,
        ), None
    if kind in SIX_MONTH_KINDS or kind is SituationKind.WORKING_AWAY:
        return _six_months(role, s, as_of)
    # 重病, 被撤销监护资格, 被遣送出境 count from the start.
    return Reason(
        code=ReasonCode.PARENT_SITUATION, parent=role, kind=kind, start=s.start_date
    ), None


def _six_months(
    role: Relationship, s: Situation, as_of: date
) -> tuple[Reason | None, Reason | None]:
    kind, start = s.kind, s.start_date
    if start is None:
        return None, Reason(code=ReasonCode.START_DATE_MISSING, parent=role, kind=kind)
    reached = add_months(start, MIN_MONTHS)
    months = full_months_between(start, as_of)
    if reached <= as_of:
        reason = Reason(
            code=ReasonCode.PARENT_SITUATION_MONTHS,
            parent=role,
            kind=kind,
            start=start,
            months=months,
        )
        return reason, None
    term_end = s.end_date or s.expected_end_date
    if kind in TERM_KINDS and term_end is not None and reached <= term_end:
        reason = Reason(
            code=ReasonCode.PARENT_SITUATION_TERM, parent=role, kind=kind, start=start, end=term_end
        )
        return reason, None
    if kind in TERM_KINDS and term_end is not None:
        # The term ends before it could last 6 months: no date "when it will" exists.
        return None, Reason(
            code=ReasonCode.TERM_TOO_SHORT, parent=role, kind=kind, start=start, end=term_end
        )
    return None, Reason(
        code=ReasonCode.TOO_SHORT, parent=role, kind=kind, start=start, months=months, end=reached
    )


def _severe(grade: int, mental: bool) -> bool:
    """重残: grade 1–2, or 3–4 for a mental or intellectual disability."""
    return grade in (1, 2) or (mental and grade in (3, 4))


def _flags(role: Relationship, s: Situation, as_of: date, horizon: date) -> list[Reason]:
    """Review flags of a situation that counts: it ends soon, or its expected end has passed."""
    end = s.end_date or s.expected_end_date
    if end is None:
        return []
    if end < as_of:  # only an expected end can be in the past here; ended ones do not count
        return [Reason(code=ReasonCode.EXPECTED_END_PASSED, parent=role, kind=s.kind, end=end)]
    if end <= horizon:
        return [Reason(code=ReasonCode.ENDS_SOON, parent=role, kind=s.kind, end=end)]
    return []


# --- phrasing --------------------------------------------------------------------------------

_PARENT_ZH = {Relationship.FATHER: "父亲", Relationship.MOTHER: "母亲"}
_PARENT_EN = {Relationship.FATHER: "the father", Relationship.MOTHER: "the mother"}

_KIND_ZH = {
    SituationKind.DECEASED: "死亡",
    SituationKind.DECLARED_MISSING: "被宣告失踪",
    SituationKind.NOT_FOUND: "查找不到",
    SituationKind.SEVERE_DISABILITY: "重残",
    SituationKind.SERIOUS_ILLNESS: "重病",
    SituationKind.IMPRISONED: "服刑在押",
    SituationKind.COMPULSORY_REHAB: "强制隔离戒毒",
    SituationKind.OTHER_RESTRAINT: "被执行其他限制人身自由的措施",
    SituationKind.LOST_CONTACT: "失联",
    SituationKind.GUARDIANSHIP_REVOKED: "被撤销监护资格",
    SituationKind.DEPORTED: "被遣送（驱逐）出境",
    SituationKind.WORKING_AWAY: "外出务工",
}
_KIND_EN = {
    SituationKind.DECEASED: "death",
    SituationKind.DECLARED_MISSING: "declaration as missing",
    SituationKind.NOT_FOUND: "being untraceable",
    SituationKind.SEVERE_DISABILITY: "severe disability",
    SituationKind.SERIOUS_ILLNESS: "serious illness",
    SituationKind.IMPRISONED: "imprisonment",
    SituationKind.COMPULSORY_REHAB: "compulsory drug rehabilitation",
    SituationKind.OTHER_RESTRAINT: "other restriction of personal freedom",
    SituationKind.LOST_CONTACT: "loss of contact",
    SituationKind.GUARDIANSHIP_REVOKED: "revocation of guardianship",
    SituationKind.DEPORTED: "deportation",
    SituationKind.WORKING_AWAY: "work away from home",
}
# "The father …" (present state) and "The father … for 8 months" (duration).
_STATE_EN = {
    SituationKind.SERIOUS_ILLNESS: "is seriously ill",
    SituationKind.IMPRISONED: "is imprisoned",
    SituationKind.COMPULSORY_REHAB: "is in compulsory drug rehabilitation",
    SituationKind.OTHER_RESTRAINT: "is under another measure restricting personal freedom",
    SituationKind.LOST_CONTACT: "is out of contact",
    SituationKind.GUARDIANSHIP_REVOKED: "has had guardianship revoked by a court",
    SituationKind.DEPORTED: "has been deported",
    SituationKind.WORKING_AWAY: "is working away from home",
}
_DURATION_EN = {
    SituationKind.IMPRISONED: "has been imprisoned",
    SituationKind.COMPULSORY_REHAB: "has been in compulsory drug rehabilitation",
    SituationKind.OTHER_RESTRAINT: "has been under another measure restricting personal freedom",
    SituationKind.LOST_CONTACT: "has been out of contact",
    SituationKind.WORKING_AWAY: "has been working away from home",
}
_GRADE_ZH = {1: "一", 2: "二", 3: "三", 4: "四"}


def _text(r: Reason, *, zh: bool) -> str:
    """One sentence for a reason. Unknown optional parameters are left out, never shown as None."""
    p_zh = _PARENT_ZH.get(r.parent, "父母") if r.parent else "父母"
    p_en = _PARENT_EN.get(r.parent, "the parent") if r.parent else "the parent"
    k_zh = _KIND_ZH.get(r.kind, "") if r.kind else ""
    k_en = _KIND_EN.get(r.kind, "") if r.kind else ""
    state_en = _STATE_EN.get(r.kind, k_en) if r.kind else k_en
    duration_en = _DURATION_EN.get(r.kind, k_en) if r.kind else k_en
    start = r.start.isoformat() if r.start else ""
    end = r.end.isoformat() if r.end else ""
    since_zh = f"（自{start}起）" if start else ""
    since_en = f" (since {start})" if start else ""
    on_zh = f"（{start}）" if start else ""
    on_en = f" (on {start})" if start else ""
    c = ReasonCode
    match r.code:
        case c.UNDER_AGE:
            return (
                f"儿童未满{r.limit}周岁（现{r.age}周岁）"
                if zh
                else f"The child is under {r.limit} (aged {r.age})."
            )
        case c.PARENT_DECEASED:
            return f"{p_zh}已死亡{on_zh}" if zh else f"{_cap(p_en)} has died{on_en}."
        case c.PARENT_DECLARED_MISSING:
            return (
                f"{p_zh}已被人民法院宣告失踪{on_zh}"
                if zh
                else f"{_cap(p_en)} has been declared missing by a court{on_en}."
            )
        case c.PARENT_NOT_FOUND:
            return f"{p_zh}查找不到{since_zh}" if zh else f"{_cap(p_en)} cannot be found{since_en}."
        case c.PARENT_SITUATION if r.kind is SituationKind.SEVERE_DISABILITY:
            mental_zh = "精神/智力" if r.mental else ""
            mental_en = " mental or intellectual" if r.mental else ""
            return (
                f"{p_zh}重残（{_GRADE_ZH.get(r.grade or 0, r.grade)}级{mental_zh}残疾）"
                if zh
                else f"{_cap(p_en)} has a severe disability (grade {r.grade}{mental_en})."
            )
        case c.PARENT_SITUATION:
            return f"{p_zh}{k_zh}{since_zh}" if zh else f"{_cap(p_en)} {state_en}{since_en}."
        case c.PARENT_SITUATION_MONTHS if r.kind is SituationKind.LOST_CONTACT:
            return (
                f"{p_zh}失联已满{r.months}个月（自{start}公安机关受理报案起）"
                if zh
                else f"{_cap(p_en)} has been out of contact for {r.months} months "
                f"(since the police accepted the report on {start})."
            )
        case c.PARENT_SITUATION_MONTHS:
            return (
                f"{p_zh}{k_zh}已满{r.months}个月{since_zh}"
                if zh
                else f"{_cap(p_en)} {duration_en} for {r.months} months{since_en}."
            )
        case c.PARENT_SITUATION_TERM:
            return (
                f"{p_zh}{k_zh}，期限{MIN_MONTHS}个月以上（{start}至{end}）"
                if zh
                else f"{_cap(p_en)} {state_en} for a term of {MIN_MONTHS} months or more "
                f"({start} to {end})."
            )
        case c.ENDS_SOON:
            return (
                f"{p_zh}{k_zh}预计于{end}结束，届时须重新核查认定"
                if zh
                else f"{_cap(p_en)}'s {k_en} is expected to end on {end}; "
                "eligibility must then be re-examined."
            )
        case c.EXPECTED_END_PASSED:
            return (
                f"{p_zh}{k_zh}的预计结束日期{end}已过，请核实现状并重新核查认定"
                if zh
                else f"The expected end of {p_en}'s {k_en} ({end}) has passed: "
                "check the situation and re-examine eligibility."
            )
        case c.AGES_OUT_SOON:
            return (
                f"儿童将于{end}年满{r.limit}周岁，届时须重新核查认定"
                if zh
                else f"The child turns {r.limit} on {end}; eligibility must then be re-examined."
            )
        case c.SEVERAL_PARENT_RECORDS:
            return (
                f"有多条{p_zh}记录，请核实"
                if zh
                else f"There are several records for {p_en}: check which is right."
            )
        case c.BIRTH_DATE_MISSING:
            return (
                "未登记出生日期，无法判断年龄"
                if zh
                else "No birth date is recorded, so the age cannot be checked."
            )
        case c.BIRTH_DATE_AFTER:
            return (
                f"出生日期{start}晚于核查日期{end}"
                if zh
                else f"The birth date {start} is after the day of the check, {end}."
            )
        case c.AGE_LIMIT_REACHED:
            return (
                f"儿童已满{r.limit}周岁（现{r.age}周岁）"
                if zh
                else f"The child is {r.age}, not under {r.limit}."
            )
        case c.PARENT_RECORD_MISSING:
            return (
                f"未登记{p_zh}信息"
                if zh
                else f"No record of {p_en}; add it, or state that {p_en} cannot be found."
            )
        case c.PARENT_NOT_ABSENT:
            return (
                f"{p_zh}未死亡、未被宣告失踪，也未认定查找不到"
                if zh
                else f"{_cap(p_en)} has not died, been declared missing or been found untraceable."
            )
        case c.PARENT_NOT_UNABLE:
            return (
                f"{p_zh}不属于重残、重病、服刑在押、强制隔离戒毒、其他限制人身自由、失联、"
                "被撤销监护资格、被遣送出境、死亡或失踪等情形"
                if zh
                else f"{_cap(p_en)} is in none of the situations that count (severe disability, "
                "serious illness, imprisonment, compulsory rehabilitation, other restriction, "
                "loss of contact, guardianship revoked, deportation, death, missing)."
            )
        case c.PARENT_NOT_AWAY_OR_UNABLE:
            return (
                f"{p_zh}既未外出务工满{MIN_MONTHS}个月，也不属于无监护能力的情形"
                if zh
                else f"{_cap(p_en)} has neither been working away for {MIN_MONTHS} months "
                "nor is unable to act as guardian."
            )
        case c.NO_PARENT_AWAY:
            return (
                f"父母均未外出务工满{MIN_MONTHS}个月"
                if zh
                else f"Neither parent has been working away for {MIN_MONTHS} months."
            )
        case c.BOTH_PARENTS_ABSENT:
            return (
                "父母双方均已死亡、失踪或查找不到，属孤儿情形"
                if zh
                else "Both parents have died, are missing or cannot be found: the orphan rule applies."
            )
        case c.BOTH_PARENTS_UNABLE:
            return (
                "父母双方均无监护能力，属事实无人抚养儿童或孤儿情形"
                if zh
                else "Neither parent can act as guardian: the rules for orphans or children "
                "without a de facto carer apply."
            )
        case c.TOO_SHORT:
            return (
                f"{p_zh}{k_zh}自{start}起未满{MIN_MONTHS}个月（{end}满{MIN_MONTHS}个月）"
                if zh
                else f"{_cap(p_en)}'s {k_en} since {start} has not lasted {MIN_MONTHS} months "
                f"(it will on {end})."
            )
        case c.TERM_TOO_SHORT:
            return (
                f"{p_zh}{k_zh}期限不足{MIN_MONTHS}个月（{start}至{end}）"
                if zh
                else f"{_cap(p_en)}'s {k_en} ({start} to {end}) is shorter than "
                f"{MIN_MONTHS} months."
            )
        case c.START_DATE_MISSING:
            return (
                f"{p_zh}{k_zh}未登记开始日期，无法计算是否满{MIN_MONTHS}个月"
                if zh
                else f"No start date is recorded for {p_en}'s {k_en}, so {MIN_MONTHS} months "
                "cannot be counted."
            )
        case c.SITUATION_ENDED:
            return f"{p_zh}{k_zh}已于{end}结束" if zh else f"{_cap(p_en)}'s {k_en} ended on {end}."
        case c.NOT_STARTED:
            return (
                f"{p_zh}{k_zh}自{start}起才开始"
                if zh
                else f"{_cap(p_en)}'s {k_en} only starts on {start}."
            )
        case c.DISABILITY_GRADE_MISSING:
            return (
                f"{p_zh}重残未登记残疾等级"
                if zh
                else f"No disability grade is recorded for {p_en}."
            )
        case c.DISABILITY_NOT_SEVERE:
            kind_zh = "精神/智力残疾" if r.mental else "残疾（非精神、智力残疾）"
            return (
                f"{p_zh}为{_GRADE_ZH.get(r.grade or 0, r.grade)}级{kind_zh}，不属于重残"
                if zh
                else f"{_cap(p_en)}'s grade {r.grade} disability is not severe "
                "(grades 1–2, or 3–4 if mental or intellectual)."
            )
    raise AssertionError(f"unphrased reason {r.code}")  # pragma: no cover


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
