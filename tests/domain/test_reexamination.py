"""Re-examination rules at their boundaries: turning 18 at month ends and on 29 February, a term
ending today, the annual review day, evidence expiry, and decisions taking reasons off."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from hexi_care.domain import reexamination as rx
from hexi_care.domain.dates import add_years
from hexi_care.domain.enums import CategoryCode, ReexamKind, Relationship, SituationKind
from hexi_care.domain.model import Category, Guardian, Situation

POLICY = rx.ReexamPolicy(annual={})  # no annual review unless a test sets one
ORPHAN = Category(code=CategoryCode.ORPHAN_SCATTERED, start_date=date(2020, 1, 1))
POVERTY = Category(code=CategoryCode.DIFFICULTY_POVERTY, start_date=date(2020, 1, 1))


def _kinds(found: list[rx.ReexamReason]) -> list[ReexamKind]:
    return [r.kind for r in found]


def _parent(rel: Relationship, *situations: Situation) -> Guardian:
    return Guardian(name="某", relationship=rel, id=f"g-{rel}", situations=list(situations))


def _orphan_parents() -> list[Guardian]:
    dead = Situation(kind=SituationKind.DECEASED, start_date=date(2019, 5, 1), id="s-d")
    return [
        _parent(Relationship.FATHER, dead),
        _parent(Relationship.MOTHER, Situation(kind=SituationKind.DECEASED, id="s-m")),
    ]


def _age_reasons(birth: date, today: date, cats: list[Category]) -> list[rx.ReexamReason]:
    facts = rx.ChildFacts(birth_date=birth, categories=cats, guardians=[])
    return [
        r
        for r in rx.reasons(facts, today, POLICY)
        if r.kind in (ReexamKind.TURNS_16, ReexamKind.TURNS_18)
    ]


def test_turning_18_on_the_last_day_of_a_month_is_announced_60_days_ahead() -> None:
    birth = date(2008, 12, 31)
    assert _age_reasons(birth, date(2026, 10, 31), [POVERTY]) == []  # 61 days ahead
    (r,) = _age_reasons(birth, date(2026, 11, 1), [POVERTY])  # 60 days ahead
    assert (r.kind, r.when, r.link) == (ReexamKind.TURNS_18, date(2026, 12, 31), rx.LinkTab.PROFILE)


def test_turning_18_born_on_a_month_end_of_a_longer_month() -> None:
    # 31 August + 18 years is 31 August: no clipping to a shorter month.
    (r,) = _age_reasons(date(2008, 8, 31), date(2026, 7, 2), [POVERTY])
    assert r.when == date(2026, 8, 31)
    assert _age_reasons(date(2008, 8, 31), date(2026, 7, 1), [POVERTY]) == []


def test_born_on_29_february_turns_18_on_28_february_of_a_common_year() -> None:
    birth = date(2008, 2, 29)
    (r,) = _age_reasons(birth, date(2025, 12, 30), [POVERTY])  # 60 days before 2026-02-28
    assert r.when == date(2026, 2, 28)
    assert _age_reasons(birth, date(2025, 12, 29), [POVERTY]) == []


def test_born_on_29_february_turns_16_on_29_february_of_a_leap_year() -> None:
    left = Category(code=CategoryCode.LEFT_BEHIND, start_date=date(2020, 1, 1))
    (r,) = _age_reasons(date(2012, 2, 29), date(2028, 1, 1), [left])
    assert (r.kind, r.when) == (ReexamKind.TURNS_16, date(2028, 2, 29))


def test_the_birthday_stays_on_the_list_until_the_category_is_ended() -> None:
    birth = date(2008, 11, 1)
    (r,) = _age_reasons(birth, date(2026, 11, 20), [POVERTY])  # turned 18 before today
    assert r.when == date(2026, 11, 1)
    ended = Category(code=POVERTY.code, start_date=POVERTY.start_date, end_date=date(2026, 10, 31))
    assert _age_reasons(birth, date(2026, 11, 20), [ended]) == []


def test_turning_16_concerns_left_behind_and_living_alone_only() -> None:
    birth = date(2010, 12, 1)
    today = date(2026, 11, 20)
    assert _age_reasons(birth, today, [POVERTY]) == []
    facts = rx.ChildFacts(birth_date=birth, categories=[POVERTY], guardians=[], living_alone=True)
    (r,) = rx.reasons(facts, today, POLICY)
    assert (r.kind, r.category) == (ReexamKind.TURNS_16, None)


@given(
    birth=st.dates(date(2000, 1, 1), date(2015, 12, 31)),
    today=st.dates(date(2015, 1, 1), date(2035, 12, 31)),
)
def test_turning_18_is_listed_exactly_within_the_horizon(birth: date, today: date) -> None:
    if birth > today:
        return
    birthday = add_years(birth, 18)
    always = Category(code=CategoryCode.DIFFICULTY_POVERTY)  # open, no dates
    found = [r for r in _age_reasons(birth, today, [always]) if r.kind is ReexamKind.TURNS_18]
    assert bool(found) == (birthday <= today + timedelta(days=POLICY.horizon_days))


def test_a_term_ending_today_is_re_examined_today() -> None:
    today = date(2026, 11, 20)
    released = Situation(
        kind=SituationKind.IMPRISONED, start_date=date(2022, 1, 1), end_date=today, id="s1"
    )
    facts = rx.ChildFacts(
        birth_date=date(2015, 3, 1),
        categories=[Category(code=CategoryCode.NO_DE_FACTO_CARER, start_date=date(2022, 8, 1))],
        guardians=[
            _parent(Relationship.FATHER, released),
            _parent(Relationship.MOTHER, Situation(kind=SituationKind.DECEASED, id="s2")),
        ],
    )
    found = rx.reasons(facts, today, POLICY)
    ended = [r for r in found if r.kind is ReexamKind.SITUATION_ENDED]
    assert [(r.when, r.parent, r.link) for r in ended] == [
        (today, Relationship.FATHER, rx.LinkTab.HOUSEHOLD)
    ]
    # Its last day still counts (eligibility reads an end date as inclusive); from tomorrow
    # 事实无人抚养 is no longer supported by the rules.
    assert ReexamKind.CATEGORY_UNSUPPORTED not in _kinds(found)
    tomorrow = _kinds(rx.reasons(facts, today + timedelta(days=1), POLICY))
    assert ReexamKind.CATEGORY_UNSUPPORTED in tomorrow and ReexamKind.SITUATION_ENDED in tomorrow
    # The day before, the term was still running: nothing to re-examine.
    assert rx.reasons(facts, today - timedelta(days=1), POLICY) == []


def test_an_expected_end_counts_as_passed_from_the_day_after() -> None:
    today = date(2026, 11, 20)
    jail = Situation(
        kind=SituationKind.IMPRISONED,
        start_date=date(2022, 1, 1),
        expected_end_date=today,
        id="s1",
    )
    facts = rx.ChildFacts(
        birth_date=date(2015, 3, 1),
        categories=[Category(code=CategoryCode.NO_DE_FACTO_CARER, start_date=date(2022, 8, 1))],
        guardians=[
            _parent(Relationship.FATHER, jail),
            _parent(Relationship.MOTHER, Situation(kind=SituationKind.DECEASED, id="s2")),
        ],
    )
    assert ReexamKind.EXPECTED_END_PASSED not in _kinds(rx.reasons(facts, today, POLICY))
    (r,) = [
        r
        for r in rx.reasons(facts, today + timedelta(days=1), POLICY)
        if r.kind is ReexamKind.EXPECTED_END_PASSED
    ]
    assert r.when == today


def test_a_situation_ended_before_the_category_was_decided_is_old_news() -> None:
    ended = Situation(
        kind=SituationKind.IMPRISONED,
        start_date=date(2010, 1, 1),
        end_date=date(2012, 1, 1),
        id="s1",
    )
    facts = rx.ChildFacts(
        birth_date=date(2015, 3, 1),
        categories=[ORPHAN],
        guardians=[*_orphan_parents(), _parent(Relationship.FATHER, ended)],
    )
    assert ReexamKind.SITUATION_ENDED not in _kinds(rx.reasons(facts, date(2026, 11, 20), POLICY))


def test_a_category_the_rules_now_suggest_is_listed_with_its_reasons() -> None:
    facts = rx.ChildFacts(birth_date=date(2015, 3, 1), categories=[], guardians=_orphan_parents())
    (r,) = rx.reasons(facts, date(2026, 11, 20), POLICY)
    assert (r.kind, r.category) == (ReexamKind.CATEGORY_SUGGESTED, CategoryCode.ORPHAN_SCATTERED)
    assert r.detail  # explained by eligibility's reasons
    # Recorded: nothing to ask.
    recorded = rx.ChildFacts(
        birth_date=date(2015, 3, 1), categories=[ORPHAN], guardians=_orphan_parents()
    )
    assert rx.reasons(recorded, date(2026, 11, 20), POLICY) == []


def test_incomplete_records_do_not_count_as_unsupported() -> None:
    # An orphan whose parents were never entered: the child file asks for them, not the list.
    facts = rx.ChildFacts(birth_date=date(2015, 3, 1), categories=[ORPHAN], guardians=[])
    assert rx.reasons(facts, date(2026, 11, 20), POLICY) == []


def test_annual_review_opens_before_its_day_and_stays_until_decided() -> None:
    policy = rx.ReexamPolicy(annual={CategoryCode.ORPHAN_SCATTERED.value: (12, 31)})
    facts = rx.ChildFacts(
        birth_date=date(2015, 3, 1), categories=[ORPHAN], guardians=_orphan_parents()
    )
    (r,) = rx.reasons(facts, date(2026, 12, 1), policy)
    assert (r.kind, r.when, r.key) == (
        ReexamKind.ANNUAL_REVIEW,
        date(2026, 12, 31),
        "annual:orphan_scattered:2026",
    )
    # Until 90 days after its day, last year's review is still asked for (late) unless decided.
    (late,) = rx.reasons(facts, date(2026, 3, 31), policy)
    assert late.when == date(2025, 12, 31)
    assert rx.reasons(facts, date(2026, 3, 31), policy, {"annual:orphan_scattered:2025"}) == []
    assert rx.reasons(facts, date(2026, 4, 1), policy) == []
    assert rx.reasons(facts, date(2026, 11, 30), policy) == []
    # Decided this year: gone, until next year's window opens.
    assert rx.reasons(facts, date(2027, 1, 2), policy, {r.key}) == []
    assert [x.key for x in rx.reasons(facts, date(2027, 12, 1), policy, {r.key})] == [
        "annual:orphan_scattered:2027"
    ]


def test_annual_review_on_29_february_falls_on_the_28th_in_a_common_year() -> None:
    assert rx.annual_due((2, 29), date(2027, 1, 1)) == date(2027, 2, 28)
    assert rx.annual_due((2, 29), date(2028, 1, 1)) == date(2028, 2, 29)


def test_a_category_decided_inside_the_window_waits_for_next_year() -> None:
    policy = rx.ReexamPolicy(annual={CategoryCode.ORPHAN_SCATTERED.value: (12, 31)})
    new = Category(code=CategoryCode.ORPHAN_SCATTERED, start_date=date(2026, 12, 5))
    facts = rx.ChildFacts(
        birth_date=date(2015, 3, 1), categories=[new], guardians=_orphan_parents()
    )
    assert rx.reasons(facts, date(2026, 12, 10), policy) == []


def test_evidence_expiring_within_the_days_set() -> None:
    today = date(2026, 11, 20)
    docs = [
        rx.Evidence("a1", "残疾证.pdf", today + timedelta(days=30)),
        rx.Evidence("a2", "诊断证明.pdf", today + timedelta(days=31)),
        rx.Evidence("a3", "判决书.pdf", today - timedelta(days=1)),
    ]
    facts = rx.ChildFacts(
        birth_date=date(2015, 3, 1), categories=[POVERTY], guardians=[], evidence=docs
    )
    found = rx.reasons(facts, today, POLICY)
    assert [(r.document, r.link) for r in found] == [
        ("残疾证.pdf", rx.LinkTab.ATTACHMENTS),
        ("判决书.pdf", rx.LinkTab.ATTACHMENTS),
    ]
    assert rx.reasons(facts, today, POLICY, {"evidence:a1", "evidence:a3"}) == []


def test_a_policy_with_a_day_no_year_has_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError):
        rx.ReexamPolicy(annual={"orphan_scattered": (2, 30)})
    with pytest.raises(ValueError):
        rx.ReexamPolicy(horizon_days=-1)
