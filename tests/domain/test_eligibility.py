"""Eligibility suggestions for 孤儿, 事实无人抚养儿童 and 留守儿童, with reasons, flags and shortfalls."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hexi_care.domain.eligibility import (
    RULED,
    Reason,
    ReasonCode,
    Suggestion,
    assess,
    suggest,
    why_not,
)
from hexi_care.domain.enums import CategoryCode, Relationship, SituationKind
from hexi_care.domain.model import Guardian, Situation

K = SituationKind
R = ReasonCode
ORPHAN = CategoryCode.ORPHAN_SCATTERED
NO_CARER = CategoryCode.NO_DE_FACTO_CARER
LEFT_BEHIND = CategoryCode.LEFT_BEHIND
FATHER = Relationship.FATHER
MOTHER = Relationship.MOTHER

AS_OF = date(2024, 6, 15)
CHILD = date(2014, 3, 1)  # 10 years old on AS_OF
LONG_AGO = date(2022, 1, 10)


def sit(
    kind: SituationKind,
    start: date | None = LONG_AGO,
    *,
    expected_end_date: date | None = None,
    end_date: date | None = None,
    disability_grade: int | None = None,
    disability_mental: bool = False,
) -> Situation:
    return Situation(
        kind=kind,
        start_date=start,
        expected_end_date=expected_end_date,
        end_date=end_date,
        disability_grade=disability_grade,
        disability_mental=disability_mental,
    )


def father(*situations: Situation) -> Guardian:
    return Guardian(name="父", relationship=FATHER, situations=list(situations))


def mother(*situations: Situation) -> Guardian:
    return Guardian(name="母", relationship=MOTHER, situations=list(situations))


NONE_FOUND: frozenset[Relationship] = frozenset()


def suggested(
    *guardians: Guardian,
    birth: date | None = CHILD,
    as_of: date = AS_OF,
    not_found: Collection[Relationship] = NONE_FOUND,
) -> list[CategoryCode]:
    return [s.code for s in suggest(birth, guardians, as_of, not_found=not_found)]


def one(
    code: CategoryCode,
    *guardians: Guardian,
    birth: date | None = CHILD,
    as_of: date = AS_OF,
    not_found: Collection[Relationship] = NONE_FOUND,
    review_days: int = 90,
) -> Suggestion:
    all_ = suggest(birth, guardians, as_of, not_found=not_found, review_days=review_days)
    found = [s for s in all_ if s.code == code]
    assert len(found) == 1, all_
    return found[0]


def missing(
    code: CategoryCode,
    *guardians: Guardian,
    birth: date | None = CHILD,
    as_of: date = AS_OF,
    not_found: Collection[Relationship] = NONE_FOUND,
) -> list[ReasonCode]:
    return [r.code for r in why_not(code, birth, guardians, as_of, not_found=not_found)]


# --- 孤儿 -------------------------------------------------------------------------------------


def test_orphan_both_parents_dead() -> None:
    s = one(ORPHAN, father(sit(K.DECEASED, date(2020, 3, 1))), mother(sit(K.DECEASED, None)))
    assert [r.code for r in s.reasons] == [R.UNDER_AGE, R.PARENT_DECEASED, R.PARENT_DECEASED]
    assert s.reasons[1].parent is FATHER and s.reasons[2].parent is MOTHER
    assert s.reasons[1].text_zh() == "父亲已死亡（2020-03-01）"
    assert s.reasons[2].text_zh() == "母亲已死亡"
    assert s.reasons[0].text_en() == "The child is under 18 (aged 10)."
    assert s.review_flags == []
    assert suggested(father(sit(K.DECEASED)), mother(sit(K.DECEASED))) == [ORPHAN]


def test_orphan_dead_and_declared_missing() -> None:
    s = one(ORPHAN, father(sit(K.DECLARED_MISSING)), mother(sit(K.DECEASED)))
    assert s.reasons[1].code is R.PARENT_DECLARED_MISSING
    assert "宣告失踪" in s.reasons[1].text_zh()


def test_missing_record_is_not_assumed_to_be_not_found() -> None:
    dead_father = father(sit(K.DECEASED))
    assert suggested(dead_father) == []
    assert missing(ORPHAN, dead_father) == [R.PARENT_RECORD_MISSING]
    why = why_not(ORPHAN, CHILD, [dead_father], AS_OF)
    assert why[0].parent is MOTHER
    assert why[0].text_zh() == "未登记母亲信息"


def test_orphan_when_a_parent_is_certified_not_found() -> None:
    s = one(ORPHAN, father(sit(K.DECEASED)), not_found={MOTHER})
    assert [r.code for r in s.reasons] == [R.UNDER_AGE, R.PARENT_DECEASED, R.PARENT_NOT_FOUND]
    assert s.reasons[2].text_zh() == "母亲查找不到"
    # Both birth parents cannot be found (e.g. an abandoned child): no records needed.
    assert suggested(not_found={FATHER, MOTHER}) == [ORPHAN]


def test_orphan_needs_both_parents_gone() -> None:
    assert missing(ORPHAN, father(sit(K.DECEASED)), mother()) == [R.PARENT_NOT_ABSENT]
    assert missing(ORPHAN, father(sit(K.DECEASED)), mother(sit(K.IMPRISONED))) == [
        R.PARENT_NOT_ABSENT
    ]


def test_grandparents_do_not_count_as_parents() -> None:
    grandpa = Guardian(
        name="爷爷", relationship=Relationship.GRANDFATHER, situations=[sit(K.DECEASED)]
    )
    assert suggested(father(sit(K.DECEASED)), grandpa) == []


# --- 事实无人抚养儿童 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind",
    [
        K.SERIOUS_ILLNESS,
        K.IMPRISONED,
        K.COMPULSORY_REHAB,
        K.OTHER_RESTRAINT,
        K.LOST_CONTACT,
        K.GUARDIANSHIP_REVOKED,
        K.DEPORTED,
    ],
)
def test_no_carer_both_parents_in_list_s(kind: SituationKind) -> None:
    s = one(NO_CARER, father(sit(kind)), mother(sit(K.SEVERE_DISABILITY, disability_grade=1)))
    assert suggested(father(sit(kind)), mother(sit(K.SEVERE_DISABILITY, disability_grade=1))) == [
        NO_CARER
    ]
    assert s.reasons[1].parent is FATHER and s.reasons[1].kind is kind
    assert s.reasons[2].code is R.PARENT_SITUATION and s.reasons[2].grade == 1


@pytest.mark.parametrize("absent", [K.DECEASED, K.DECLARED_MISSING])
def test_no_carer_one_parent_gone_the_other_in_list_s(absent: SituationKind) -> None:
    s = one(NO_CARER, father(sit(absent)), mother(sit(K.LOST_CONTACT, date(2023, 10, 1))))
    assert [r.code for r in s.reasons] == [
        R.UNDER_AGE,
        R.PARENT_DECEASED if absent is K.DECEASED else R.PARENT_DECLARED_MISSING,
        R.PARENT_SITUATION_MONTHS,
    ]
    assert s.reasons[2].months == 8
    assert s.reasons[2].text_zh() == "母亲失联已满8个月（自2023-10-01公安机关受理报案起）"


def test_no_carer_with_a_parent_not_found() -> None:
    assert suggested(mother(sit(K.IMPRISONED)), not_found={FATHER}) == [NO_CARER]


def test_no_carer_is_not_suggested_for_an_orphan() -> None:
    both_dead = (father(sit(K.DECEASED)), mother(sit(K.DECEASED)))
    assert missing(NO_CARER, *both_dead) == [R.BOTH_PARENTS_ABSENT]


def test_no_carer_explains_the_able_parent() -> None:
    assert missing(NO_CARER, father(sit(K.IMPRISONED)), mother()) == [R.PARENT_NOT_UNABLE]
    assert missing(NO_CARER, father(sit(K.IMPRISONED))) == [R.PARENT_RECORD_MISSING]
    assert missing(NO_CARER, father(sit(K.IMPRISONED)), mother(sit(K.WORKING_AWAY))) == [
        R.PARENT_NOT_UNABLE
    ]


def test_text_of_the_field_example() -> None:
    s = one(NO_CARER, father(sit(K.IMPRISONED, date(2023, 12, 5))), mother(sit(K.DEPORTED)))
    assert s.reasons[1].text_zh() == "父亲服刑在押已满6个月（自2023-12-05起）"
    assert (
        s.reasons[1].text_en() == "The father has been imprisoned for 6 months (since 2023-12-05)."
    )
    assert s.reasons[2].text_zh() == "母亲被遣送（驱逐）出境（自2022-01-10起）"


# --- six months ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind", [K.IMPRISONED, K.COMPULSORY_REHAB, K.OTHER_RESTRAINT, K.LOST_CONTACT]
)
@pytest.mark.parametrize(
    ("start", "as_of", "counts"),
    [
        (date(2023, 12, 15), date(2024, 6, 14), False),
        (date(2023, 12, 15), date(2024, 6, 15), True),
        (date(2023, 8, 31), date(2024, 2, 28), False),
        (date(2023, 8, 31), date(2024, 2, 29), True),  # 31 Aug + 6 months = 29 Feb (leap year)
        (date(2022, 8, 31), date(2023, 2, 28), True),  # … = 28 Feb in a common year
        (date(2024, 1, 31), date(2024, 7, 30), False),
        (date(2024, 1, 31), date(2024, 7, 31), True),
    ],
)
def test_six_months_counted_from_the_start(
    kind: SituationKind, start: date, as_of: date, counts: bool
) -> None:
    guardians = (father(sit(kind, start)), mother(sit(K.DECEASED)))
    assert suggested(*guardians, as_of=as_of) == ([NO_CARER] if counts else [])
    if counts:
        assert one(NO_CARER, *guardians, as_of=as_of).reasons[1].months == 6
    else:
        why = why_not(NO_CARER, CHILD, guardians, as_of)
        assert [r.code for r in why] == [R.TOO_SHORT]  # not also "in none of the situations"
        assert why[0].start == start
        assert why[0].months == 5
        assert why[0].end is not None and why[0].end > as_of


def test_too_short_says_when_six_months_are_reached() -> None:
    guardians = (father(sit(K.LOST_CONTACT, date(2024, 3, 1))), mother(sit(K.DECEASED)))
    (short,) = why_not(NO_CARER, CHILD, guardians, AS_OF)
    assert short.end == date(2024, 9, 1)
    assert short.text_zh() == "父亲失联自2024-03-01起未满6个月（2024-09-01满6个月）"


@pytest.mark.parametrize("kind", [K.IMPRISONED, K.COMPULSORY_REHAB, K.OTHER_RESTRAINT])
def test_a_term_of_six_months_counts_from_the_first_day(kind: SituationKind) -> None:
    """期限在6个月以上: a two-year sentence counts at once."""
    start = date(2024, 6, 1)
    guardians = (
        father(sit(kind, start, expected_end_date=date(2026, 6, 1))),
        mother(sit(K.DECEASED)),
    )
    s = one(NO_CARER, *guardians)
    assert s.reasons[1].code is R.PARENT_SITUATION_TERM
    assert s.reasons[1].end == date(2026, 6, 1)
    assert "期限6个月以上（2024-06-01至2026-06-01）" in s.reasons[1].text_zh()


@pytest.mark.parametrize(
    ("end", "counts"), [(date(2024, 11, 30), False), (date(2024, 12, 1), True)]
)
def test_term_boundary(end: date, counts: bool) -> None:
    guardians = (
        father(sit(K.IMPRISONED, date(2024, 6, 1), expected_end_date=end)),
        mother(sit(K.DECEASED)),
    )
    assert suggested(*guardians) == ([NO_CARER] if counts else [])


def test_lost_contact_has_no_term() -> None:
    guardians = (
        father(sit(K.LOST_CONTACT, date(2024, 6, 1), expected_end_date=date(2026, 1, 1))),
        mother(sit(K.DECEASED)),
    )
    assert suggested(*guardians) == []


def test_a_six_month_situation_needs_a_start_date() -> None:
    guardians = (father(sit(K.IMPRISONED, None)), mother(sit(K.DECEASED)))
    assert suggested(*guardians) == []
    assert missing(NO_CARER, *guardians) == [R.START_DATE_MISSING]


# --- 重残 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grade", "mental", "counts"),
    [
        (1, False, True),
        (2, False, True),
        (3, False, False),
        (4, False, False),
        (1, True, True),
        (3, True, True),
        (4, True, True),
    ],
)
def test_severe_disability(grade: int, mental: bool, counts: bool) -> None:
    disabled = father(
        sit(K.SEVERE_DISABILITY, None, disability_grade=grade, disability_mental=mental)
    )
    assert suggested(disabled, mother(sit(K.DECEASED))) == ([NO_CARER] if counts else [])
    if not counts:
        why = why_not(NO_CARER, CHILD, [disabled, mother(sit(K.DECEASED))], AS_OF)
        assert [r.code for r in why] == [R.DISABILITY_NOT_SEVERE]
        assert (
            why[0].text_zh()
            == f"父亲为{'一二三四'[grade - 1]}级残疾（非精神、智力残疾），不属于重残"
        )


def test_severe_disability_needs_a_grade() -> None:
    guardians = (father(sit(K.SEVERE_DISABILITY)), mother(sit(K.DECEASED)))
    assert suggested(*guardians) == []
    assert missing(NO_CARER, *guardians)[-1] is R.DISABILITY_GRADE_MISSING


def test_disability_text() -> None:
    s = one(
        NO_CARER,
        father(sit(K.SEVERE_DISABILITY, None, disability_grade=3, disability_mental=True)),
        mother(sit(K.DECEASED)),
    )
    assert s.reasons[1].text_zh() == "父亲重残（三级精神/智力残疾）"
    assert s.reasons[1].text_en() == (
        "The father has a severe disability (grade 3 mental or intellectual)."
    )


# --- ends, starts, review flags --------------------------------------------------------------


def test_expected_end_within_the_window_raises_a_review_flag() -> None:
    soon = AS_OF + timedelta(days=90)
    guardians = (father(sit(K.IMPRISONED, expected_end_date=soon)), mother(sit(K.DECEASED)))
    s = one(NO_CARER, *guardians)
    assert [f.code for f in s.review_flags] == [R.ENDS_SOON]
    flag = s.review_flags[0]
    assert (flag.parent, flag.kind, flag.end) == (FATHER, K.IMPRISONED, soon)
    assert flag.text_zh() == f"父亲服刑在押预计于{soon.isoformat()}结束，届时须重新核查认定"
    assert one(NO_CARER, *guardians, review_days=89).review_flags == []


def test_expected_end_passed_raises_a_review_flag() -> None:
    guardians = (
        father(sit(K.COMPULSORY_REHAB, expected_end_date=date(2024, 5, 1))),
        mother(sit(K.DECEASED)),
    )
    s = one(NO_CARER, *guardians)
    assert [f.code for f in s.review_flags] == [R.EXPECTED_END_PASSED]
    assert "已过" in s.review_flags[0].text_zh()


def test_ending_today_still_counts_and_is_flagged() -> None:
    guardians = (father(sit(K.IMPRISONED, end_date=AS_OF)), mother(sit(K.DECEASED)))
    assert [f.code for f in one(NO_CARER, *guardians).review_flags] == [R.ENDS_SOON]


def test_an_ended_situation_does_not_count() -> None:
    ended = date(2024, 6, 14)
    guardians = (father(sit(K.IMPRISONED, end_date=ended)), mother(sit(K.DECEASED)))
    assert suggested(*guardians) == []
    why = why_not(NO_CARER, CHILD, guardians, AS_OF)
    assert [r.code for r in why] == [R.SITUATION_ENDED]
    assert why[0].text_zh() == "父亲服刑在押已于2024-06-14结束"


def test_a_future_situation_does_not_count() -> None:
    guardians = (father(sit(K.SERIOUS_ILLNESS, date(2024, 7, 1))), mother(sit(K.DECEASED)))
    assert suggested(*guardians) == []
    assert missing(NO_CARER, *guardians) == [R.NOT_STARTED]


def test_no_flag_while_a_lasting_situation_remains() -> None:
    guardians = (
        father(
            sit(K.IMPRISONED, expected_end_date=AS_OF + timedelta(days=10)),
            sit(K.SEVERE_DISABILITY, disability_grade=2),
        ),
        mother(sit(K.DECEASED)),
    )
    s = one(NO_CARER, *guardians)
    assert s.review_flags == []
    assert [r.kind for r in s.reasons[1:3]] == [K.IMPRISONED, K.SEVERE_DISABILITY]


def test_several_records_for_one_parent_are_flagged_and_must_agree() -> None:
    dead, alive = father(sit(K.DECEASED)), father()
    assert suggested(dead, alive, mother(sit(K.DECEASED))) == []
    s = one(ORPHAN, dead, father(sit(K.DECEASED, date(2020, 1, 1))), mother(sit(K.DECEASED)))
    assert [f.code for f in s.review_flags] == [R.SEVERAL_PARENT_RECORDS]
    assert s.review_flags[0].text_zh() == "有多条父亲记录，请核实"


# --- age -------------------------------------------------------------------------------------


ORPHAN_PARENTS = (father(sit(K.DECEASED)), mother(sit(K.DECEASED)))


def test_age_boundary_at_eighteen() -> None:
    birth = date(2006, 6, 15)
    s = one(ORPHAN, *ORPHAN_PARENTS, birth=birth, as_of=date(2024, 6, 14))
    assert s.reasons[0].age == 17
    assert [f.code for f in s.review_flags] == [R.AGES_OUT_SOON]
    assert s.review_flags[0].end == date(2024, 6, 15)
    assert s.review_flags[0].text_zh() == "儿童将于2024-06-15年满18周岁，届时须重新核查认定"
    # The birthday itself: 18, no longer a child for these rules.
    assert suggested(*ORPHAN_PARENTS, birth=birth, as_of=date(2024, 6, 15)) == []
    why = why_not(ORPHAN, birth, ORPHAN_PARENTS, date(2024, 6, 15))
    assert [(r.code, r.age, r.limit) for r in why] == [(R.AGE_LIMIT_REACHED, 18, 18)]
    assert why[0].text_zh() == "儿童已满18周岁（现18周岁）"


def test_ages_out_flag_only_within_the_window() -> None:
    birth = date(2006, 6, 15)
    as_of = date(2024, 3, 16)  # 91 days before the birthday
    assert one(ORPHAN, *ORPHAN_PARENTS, birth=birth, as_of=as_of).review_flags == []
    flags = one(ORPHAN, *ORPHAN_PARENTS, birth=birth, as_of=as_of, review_days=91).review_flags
    assert [f.code for f in flags] == [R.AGES_OUT_SOON]


def test_leap_day_birthday() -> None:
    birth = date(2008, 2, 29)
    assert suggested(*ORPHAN_PARENTS, birth=birth, as_of=date(2026, 2, 27)) == [ORPHAN]
    assert suggested(*ORPHAN_PARENTS, birth=birth, as_of=date(2026, 2, 28)) == []


def test_birth_date_needed() -> None:
    assert suggested(*ORPHAN_PARENTS, birth=None) == []
    assert missing(ORPHAN, *ORPHAN_PARENTS, birth=None) == [R.BIRTH_DATE_MISSING]
    assert missing(ORPHAN, *ORPHAN_PARENTS, birth=date(2025, 1, 1)) == [R.BIRTH_DATE_AFTER]


# --- 留守儿童 ---------------------------------------------------------------------------------


AWAY = sit(K.WORKING_AWAY, date(2023, 9, 1))


def test_left_behind_both_parents_away() -> None:
    s = one(LEFT_BEHIND, father(AWAY), mother(AWAY))
    assert suggested(father(AWAY), mother(AWAY)) == [LEFT_BEHIND]
    assert [r.code for r in s.reasons] == [
        R.UNDER_AGE,
        R.PARENT_SITUATION_MONTHS,
        R.PARENT_SITUATION_MONTHS,
    ]
    assert s.reasons[0].limit == 16
    assert s.reasons[1].text_zh() == "父亲外出务工已满9个月（自2023-09-01起）"
    assert s.reasons[2].text_en() == (
        "The mother has been working away from home for 9 months (since 2023-09-01)."
    )


@pytest.mark.parametrize(
    "unable",
    [
        sit(K.SERIOUS_ILLNESS),
        sit(K.SEVERE_DISABILITY, disability_grade=2),
        sit(K.DECEASED),
        sit(K.IMPRISONED),
    ],
)
def test_left_behind_one_away_the_other_unable(unable: Situation) -> None:
    assert suggested(father(unable), mother(AWAY)) == [LEFT_BEHIND]
    s = one(LEFT_BEHIND, father(unable), mother(AWAY))
    assert s.reasons[1].kind is unable.kind and s.reasons[2].kind is K.WORKING_AWAY


def test_left_behind_needs_six_months_away() -> None:
    recent = sit(K.WORKING_AWAY, date(2024, 1, 1))
    assert suggested(father(recent), mother(AWAY)) == []
    assert missing(LEFT_BEHIND, father(recent), mother(AWAY)) == [
        R.PARENT_NOT_AWAY_OR_UNABLE,
        R.TOO_SHORT,
    ]
    assert missing(LEFT_BEHIND, father(recent), mother(recent)) == [
        R.NO_PARENT_AWAY,
        R.TOO_SHORT,
        R.TOO_SHORT,
    ]


def test_left_behind_other_parent_at_home() -> None:
    assert missing(LEFT_BEHIND, father(AWAY), mother()) == [R.PARENT_NOT_AWAY_OR_UNABLE]
    assert missing(LEFT_BEHIND, father(AWAY)) == [R.PARENT_RECORD_MISSING]
    why = why_not(LEFT_BEHIND, CHILD, [father(AWAY), mother()], AS_OF)
    assert why[0].parent is MOTHER
    assert "既未外出务工满6个月" in why[0].text_zh()


def test_left_behind_is_under_sixteen() -> None:
    birth = date(2008, 6, 15)
    assert suggested(father(AWAY), mother(AWAY), birth=birth, as_of=date(2024, 6, 14)) == [
        LEFT_BEHIND
    ]
    assert suggested(father(AWAY), mother(AWAY), birth=birth) == []
    assert missing(LEFT_BEHIND, father(AWAY), mother(AWAY), birth=birth) == [R.AGE_LIMIT_REACHED]


def test_left_behind_not_when_both_parents_unable() -> None:
    guardians = (father(sit(K.IMPRISONED)), mother(sit(K.SERIOUS_ILLNESS)))
    assert suggested(*guardians) == [NO_CARER]
    assert missing(LEFT_BEHIND, *guardians) == [R.BOTH_PARENTS_UNABLE]


def test_left_behind_return_home_soon_is_flagged() -> None:
    back = AS_OF + timedelta(days=30)
    s = one(LEFT_BEHIND, father(AWAY), mother(replace(AWAY, expected_end_date=back)))
    assert [(f.code, f.parent) for f in s.review_flags] == [(R.ENDS_SOON, MOTHER)]


# --- the API ---------------------------------------------------------------------------------


def test_why_not_is_empty_when_the_child_qualifies() -> None:
    assert why_not(ORPHAN, CHILD, ORPHAN_PARENTS, AS_OF) == []


def test_why_not_only_for_ruled_categories() -> None:
    with pytest.raises(ValueError):
        why_not(CategoryCode.DIFFICULTY_POVERTY, CHILD, [], AS_OF)


def test_nothing_known_explains_everything() -> None:
    assert suggested() == []
    assert missing(ORPHAN) == [R.PARENT_RECORD_MISSING, R.PARENT_RECORD_MISSING]
    assert missing(NO_CARER) == [R.PARENT_RECORD_MISSING, R.PARENT_RECORD_MISSING]
    assert missing(LEFT_BEHIND) == [
        R.NO_PARENT_AWAY,
        R.PARENT_RECORD_MISSING,
        R.PARENT_RECORD_MISSING,
    ]


# --- phrasing --------------------------------------------------------------------------------

reasons = st.builds(
    Reason,
    code=st.sampled_from(ReasonCode),
    parent=st.none() | st.sampled_from(Relationship),
    kind=st.none() | st.sampled_from(SituationKind),
    start=st.none() | st.dates(),
    end=st.none() | st.dates(),
    months=st.none() | st.integers(0, 500),
    age=st.none() | st.integers(0, 30),
    limit=st.none() | st.sampled_from([16, 18]),
    grade=st.none() | st.integers(1, 4),
    mental=st.booleans(),
)


@given(reasons)
def test_every_reason_has_both_texts(reason: Reason) -> None:
    zh, en = reason.text_zh(), reason.text_en()
    assert zh and en
    assert "{" not in zh + en


@pytest.mark.parametrize("code", list(ReasonCode))
@pytest.mark.parametrize("kind", list(SituationKind))
def test_full_reasons_never_show_none(code: ReasonCode, kind: SituationKind) -> None:
    reason = Reason(
        code=code,
        parent=FATHER,
        kind=kind,
        start=date(2023, 1, 5),
        end=date(2025, 1, 5),
        months=7,
        age=10,
        limit=18,
        grade=2,
    )
    for text in (reason.text_zh(), reason.text_en()):
        assert "None" not in text


# --- properties ------------------------------------------------------------------------------

dates_around = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))
situations = st.builds(
    Situation,
    kind=st.sampled_from(SituationKind),
    start_date=st.none() | dates_around,
    expected_end_date=st.none() | dates_around,
    end_date=st.none() | dates_around,
    disability_grade=st.none() | st.integers(1, 4),
    disability_mental=st.booleans(),
)
parents = st.lists(
    st.builds(
        Guardian,
        name=st.just("x"),
        relationship=st.sampled_from([FATHER, MOTHER, Relationship.GRANDMOTHER]),
        situations=st.lists(situations, max_size=3),
    ),
    max_size=4,
)
not_found_sets = st.frozensets(st.sampled_from([FATHER, MOTHER]))


@settings(max_examples=300)
@given(dates_around, dates_around, parents, not_found_sets)
def test_suggestions_agree_with_why_not(
    birth: date, as_of: date, guardians: list[Guardian], not_found: frozenset[Relationship]
) -> None:
    codes = [s.code for s in suggest(birth, guardians, as_of, not_found=not_found)]
    assert codes == [
        c for c in RULED if not why_not(c, birth, guardians, as_of, not_found=not_found)
    ]
    # The categories exclude one another as the rules define them.
    assert not (ORPHAN in codes and NO_CARER in codes)
    assert not (LEFT_BEHIND in codes and (ORPHAN in codes or NO_CARER in codes))
    for s in suggest(birth, guardians, as_of, not_found=not_found):
        assert s.reasons[0].code is R.UNDER_AGE


@given(dates_around, parents, not_found_sets, st.integers(18, 40), st.integers(0, 364))
def test_never_a_suggestion_at_eighteen_or_older(
    birth: date,
    guardians: list[Guardian],
    not_found: frozenset[Relationship],
    years: int,
    days: int,
) -> None:
    as_of = date(min(birth.year + years, 9998), birth.month, 1) + timedelta(days=days)
    if as_of < replace_year(birth, birth.year + 18):
        return
    assert suggest(birth, guardians, as_of, not_found=not_found) == []


def replace_year(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return date(year, 2, 28)


@settings(max_examples=300)
@given(dates_around, dates_around, parents, not_found_sets, situations, st.data())
def test_adding_an_ended_situation_never_creates_a_suggestion(
    birth: date,
    as_of: date,
    guardians: list[Guardian],
    not_found: frozenset[Relationship],
    extra: Situation,
    data: st.DataObject,
) -> None:
    before = [s.code for s in suggest(birth, guardians, as_of, not_found=not_found)]
    ended = replace(extra, end_date=as_of - timedelta(days=data.draw(st.integers(1, 3000))))
    target = data.draw(st.integers(0, len(guardians))) if guardians else 0
    changed = [replace(g, situations=list(g.situations)) for g in guardians]
    if changed and target < len(changed):
        changed[target].situations.append(ended)
    else:
        changed.append(
            Guardian(
                name="y",
                relationship=data.draw(st.sampled_from([FATHER, MOTHER])),
                situations=[ended],
            )
        )
    after = [s.code for s in suggest(birth, changed, as_of, not_found=not_found)]
    assert set(after) <= set(before)


def test_parents_recorded_as_not_found_make_an_orphan() -> None:
    """Issue 16 item 11: the 查找不到 records themselves count, without the caller's `not_found`;
    the explanation names the situation instead of leaving it blank."""
    guardians = (father(sit(K.NOT_FOUND, date(2020, 1, 1))), mother(sit(K.NOT_FOUND, None)))
    assert suggested(*guardians) == [ORPHAN]
    s = one(ORPHAN, *guardians)
    assert [r.text_zh() for r in s.reasons[1:]] == [
        "父亲查找不到（自2020-01-01起）",
        "母亲查找不到",
    ]
    assert s.reasons[2].text_en() == "The mother cannot be found."
    assert missing(NO_CARER, *guardians) == [R.BOTH_PARENTS_ABSENT]
    # One not found, the other imprisoned for years: 事实无人抚养, with both situations named.
    other = (father(sit(K.NOT_FOUND, None)), mother(sit(K.IMPRISONED, date(2020, 1, 1))))
    texts = [r.text_zh() for r in one(NO_CARER, *other).reasons]
    assert "父亲查找不到" in texts and all(t.strip("（）") for t in texts)


def test_a_term_ending_before_six_months_says_so() -> None:
    """Issue 16 item 14: no "reaches 6 months on 07-01" for a term that ends on 06-05, and no
    "in none of the situations" next to the imprisonment that falls short."""
    guardians = (
        father(sit(K.IMPRISONED, date(2025, 1, 5), expected_end_date=date(2025, 6, 5))),
        mother(sit(K.DECEASED)),
    )
    why = why_not(NO_CARER, CHILD, guardians, date(2025, 3, 1))
    assert [r.code for r in why] == [R.TERM_TOO_SHORT]
    assert why[0].text_zh() == "父亲服刑在押期限不足6个月（2025-01-05至2025-06-05）"
    assert why[0].text_en() == (
        "The father's imprisonment (2025-01-05 to 2025-06-05) is shorter than 6 months."
    )
    assert "不属于" not in "".join(r.text_zh() for r in why)


@settings(max_examples=300)
@given(
    dates_around,
    dates_around,
    parents,
    not_found_sets,
    st.sets(st.sampled_from([c.value for c in RULED])),
)
def test_explaining_some_categories_keeps_every_suggestion(
    birth: date,
    as_of: date,
    guardians: list[Guardian],
    not_found: frozenset[Relationship],
    explain: set[str],
) -> None:
    """`assess(explain=…)` may leave out a category not asked about only when it is not
    suggested: the caseload lists rely on it to skip most of the work."""
    full = assess(birth, guardians, as_of, not_found=not_found)
    some = assess(birth, guardians, as_of, not_found=not_found, explain=explain)
    for code, result in full.items():
        if code in explain or isinstance(result, Suggestion):
            assert some[code] == result
        else:  # not suggested: left out, or said as in full
            assert some.get(code, result) == result
    assert set(some) <= set(full)
