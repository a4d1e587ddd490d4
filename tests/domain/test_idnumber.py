"""GB 11643-1999 identity numbers: normalising, the MOD 11-2 check, dates, sex, masking."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hexi_care.domain.enums import Sex
from hexi_care.domain.idnumber import (
    CHECK_CHARS,
    PROVINCES,
    IdKind,
    IdProblem,
    IdProblemCode,
    check_char,
    mask,
    normalise,
    tail,
    validate,
)

TODAY = date(2024, 6, 15)
GOOD = ["11010519491231002X", "440524188001010014", "120103198806018241"]
BAD = "360426199101010072"
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


@st.composite
def valid_numbers(draw: st.DrawFn, kind: IdKind | None = None) -> tuple[str, date, Sex, IdKind]:
    kind = kind or draw(st.sampled_from(IdKind))
    digits = st.text("0123456789", min_size=1, max_size=1)
    if kind is IdKind.RESIDENT:
        province = draw(st.sampled_from(sorted(set(PROVINCES) - {"81", "82", "83"})))
        address = province + "".join(draw(digits) for _ in range(4))
    elif kind is IdKind.HK_MACAO_TAIWAN_PERMIT:
        address = draw(st.sampled_from(["810000", "820000", "830000"]))
    else:
        address = "9" + "".join(draw(digits) for _ in range(5))
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    seq = draw(st.integers(0, 999))
    body = f"{address}{birth:%Y%m%d}{seq:03d}"
    return body + check_char(body), birth, Sex.MALE if seq % 2 else Sex.FEMALE, kind


def codes(problems: list[IdProblem]) -> list[str]:
    return [p.code for p in problems]


@pytest.mark.parametrize("number", GOOD)
def test_known_good(number: str) -> None:
    check = validate(number, today=TODAY)
    assert check.ok, check.problems
    assert check.number == number
    assert not check.warnings
    assert check.kind is IdKind.RESIDENT


def test_known_good_details() -> None:
    check = validate("120103198806018241", today=TODAY)
    assert check.birth_date == date(1988, 6, 1)
    assert check.sex is Sex.FEMALE
    check = validate("440524188001010014", today=TODAY)
    assert check.birth_date == date(1880, 1, 1)
    assert check.sex is Sex.MALE


def test_known_bad() -> None:
    check = validate(BAD, today=TODAY)
    assert not check.ok
    assert codes(check.problems) == [IdProblemCode.CHECKSUM]
    problem = check.problems[0]
    assert (problem.expected, problem.actual, problem.position) == ("1", "2", 18)


def test_check_char() -> None:
    assert check_char("11010519491231002") == "X"
    assert check_char("12010319880601824") == "1"
    with pytest.raises(ValueError):
        check_char("1201031988060182")
    with pytest.raises(ValueError):
        check_char("1201031988060182X")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("11010519491231002x", "11010519491231002X"),
        ("１２０１０３１９８８０６０１８２４１", "120103198806018241"),
        ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),
        (" 120103 19880601 8241 ", "120103198806018241"),
        ("120103\u300019880601\u30008241", "120103198806018241"),
        ("120103-19880601-8241", "120103198806018241"),
        ("120103－19880601－8241", "120103198806018241"),
        ("\t120103198806018241\n", "120103198806018241"),
        ("12010319880601824１", "120103198806018241"),
        ("", ""),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected
    assert validate(raw, today=TODAY).number == expected


@given(st.text())
def test_normalise_is_idempotent(raw: str) -> None:
    once = normalise(raw)
    assert normalise(once) == once
    assert not any(ch.isspace() for ch in once)
    assert "x" not in once and "-" not in once


@given(valid_numbers())
def test_generated_numbers_validate(case: tuple[str, date, Sex, IdKind]) -> None:
    number, birth, sex, kind = case
    check = validate(number, today=TODAY, birth_date=birth, sex=sex)
    assert check.ok, check.problems
    assert not check.warnings
    assert (check.birth_date, check.sex, check.kind) == (birth, sex, kind)


@given(valid_numbers(), st.data())
def test_any_single_character_change_fails_the_checksum(
    case: tuple[str, date, Sex, IdKind], data: st.DataObject
) -> None:
    number = case[0]
    position = data.draw(st.integers(0, 17))
    alphabet = CHECK_CHARS if position == 17 else "0123456789"
    replacement = data.draw(st.sampled_from([c for c in alphabet if c != number[position]]))
    changed = number[:position] + replacement + number[position + 1 :]
    check = validate(changed, today=TODAY)
    assert not check.ok
    assert IdProblemCode.CHECKSUM in codes(check.problems)


@given(valid_numbers())
def test_full_width_and_spaced_variants_validate(case: tuple[str, date, Sex, IdKind]) -> None:
    number = case[0]
    full = number.translate(FULL_WIDTH)
    spaced = f"{full[:6]}\u3000{full[6:14]} {full[14:]}"
    for variant in (full, spaced, number.lower(), f"{number[:6]}-{number[6:14]}-{number[14:]}"):
        check = validate(variant, today=TODAY)
        assert check.ok, (variant, check.problems)
        assert check.number == number


@pytest.mark.parametrize(
    "number", ["810000199001010017", "820000200501010018", "830000201001010010"]
)
def test_hk_macao_taiwan_permits(number: str) -> None:
    body = number[:17]
    check = validate(body + check_char(body), today=TODAY)
    assert check.ok
    assert check.kind is IdKind.HK_MACAO_TAIWAN_PERMIT
    assert not check.warnings


def test_foreigner_permanent_residence_card() -> None:
    body = "93315620100101001"
    check = validate(body + check_char(body), today=TODAY)
    assert check.ok
    assert check.kind is IdKind.FOREIGNER_PERMANENT
    assert check.birth_date == date(2010, 1, 1)
    assert not check.warnings


@pytest.mark.parametrize("province", ["00", "10", "16", "66", "70", "80", "84"])
def test_unknown_province_only_warns(province: str) -> None:
    body = f"{province}010320100101001"
    check = validate(body + check_char(body), today=TODAY)
    assert check.ok
    assert codes(check.warnings) == [IdProblemCode.ADDRESS_UNKNOWN]
    assert check.warnings[0].actual == province
    assert check.has(IdProblemCode.ADDRESS_UNKNOWN)


def test_hexi_district_prefix_is_known() -> None:
    body = "12010320150301002"
    assert validate(body + check_char(body), today=TODAY).warnings == []


def test_empty() -> None:
    check = validate("  ", today=TODAY)
    assert not check.ok
    assert codes(check.problems) == [IdProblemCode.EMPTY]


@pytest.mark.parametrize(
    ("raw", "actual"),
    [("12010319880601824", 17), ("1201031988060182411", 19), ("120103880601824", 15)],
)
def test_length(raw: str, actual: int) -> None:
    check = validate(raw, today=TODAY)
    assert codes(check.problems) == [IdProblemCode.LENGTH]
    assert (check.problems[0].expected, check.problems[0].actual) == (18, actual)
    assert check.birth_date is None and check.sex is None


@pytest.mark.parametrize(
    ("raw", "position", "actual"),
    [
        ("1201031988O6018241", 11, "O"),  # letter O for zero
        ("12010319880601X241", 15, "X"),  # X only as the check character
        ("120103198806018２4*", 18, "*"),
        ("１20103１9880６01824１", None, None),  # full-width digits are fine
    ],
)
def test_characters(raw: str, position: int | None, actual: str | None) -> None:
    check = validate(raw, today=TODAY)
    if position is None:
        assert check.ok
        return
    assert codes(check.problems) == [IdProblemCode.CHARACTERS]
    assert (check.problems[0].position, check.problems[0].actual) == (position, actual)


def test_wrong_length_and_characters_both_reported() -> None:
    check = validate("12010319880601824A1", today=TODAY)
    assert codes(check.problems) == [IdProblemCode.LENGTH, IdProblemCode.CHARACTERS]


@pytest.mark.parametrize("digits", ["20230230", "20231301", "20230000", "00000101", "20230431"])
def test_birth_date_invalid(digits: str) -> None:
    body = f"120103{digits}001"
    check = validate(body + check_char(body), today=TODAY)
    assert codes(check.problems) == [IdProblemCode.BIRTH_DATE_INVALID]
    assert check.problems[0].actual == digits
    assert check.birth_date is None


def test_birth_date_future() -> None:
    body = "12010320240616002"
    check = validate(body + check_char(body), today=TODAY)
    assert codes(check.problems) == [IdProblemCode.BIRTH_DATE_FUTURE]
    assert check.problems[0].actual == date(2024, 6, 16)
    assert check.problems[0].expected == TODAY
    body = "12010320240615002"  # born today is fine
    assert validate(body + check_char(body), today=TODAY).ok


def test_birth_date_and_sex_must_agree_with_the_record() -> None:
    number = "120103198806018241"
    assert validate(number, today=TODAY, birth_date=date(1988, 6, 1), sex=Sex.FEMALE).ok
    check = validate(number, today=TODAY, birth_date=date(1988, 1, 6), sex=Sex.MALE)
    assert codes(check.problems) == [IdProblemCode.BIRTH_DATE_MISMATCH, IdProblemCode.SEX_MISMATCH]
    birth, sex = check.problems
    assert (birth.expected, birth.actual) == (date(1988, 1, 6), date(1988, 6, 1))
    assert (sex.expected, sex.actual, sex.position) == (Sex.MALE, Sex.FEMALE, 17)


def test_all_problems_of_a_number_are_reported() -> None:
    body = "12010320240616002"
    wrong_check = "1" if check_char(body) != "1" else "2"
    check = validate(body + wrong_check, today=TODAY, sex=Sex.MALE)
    assert codes(check.problems) == [
        IdProblemCode.CHECKSUM,
        IdProblemCode.BIRTH_DATE_FUTURE,
        IdProblemCode.SEX_MISMATCH,
    ]


def test_id_check_ok_follows_problems() -> None:
    assert validate(GOOD[0], today=TODAY).ok is True
    assert validate(BAD, today=TODAY).ok is False


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("120103198806018241", "1201**********8241"),
        ("11010519491231002x", "1101**********002X"),
        ("１２０１０３１９８８０６０１８２４１", "1201**********8241"),
        ("12345678", "1******8"),
        ("1234", "****"),
        ("1", "*"),
        ("", ""),
    ],
)
def test_mask(number: str, masked: str) -> None:
    assert mask(number) == masked


@given(st.text())
def test_mask_never_leaks_the_middle(raw: str) -> None:
    value = normalise(raw)
    masked = mask(raw)
    n = len(value)
    assert len(masked) == n
    shown = [i for i, ch in enumerate(masked) if ch != "*"]
    assert len(shown) <= min(8, n // 2)
    assert all(i < 4 or i >= n - 4 for i in shown)
    assert all(masked[i] == value[i] for i in shown)


@given(valid_numbers())
def test_mask_of_valid_numbers(case: tuple[str, date, Sex, IdKind]) -> None:
    number = case[0]
    masked = mask(number)
    assert masked[:4] == number[:4] and masked[-4:] == number[-4:]
    assert masked[4:14] == "*" * 10


def test_tail() -> None:
    assert tail("120103198806018241") == "018241"
    assert tail("11010519491231002x") == "31002X"
    assert tail("1234") == "1234"
    assert tail("") == ""
