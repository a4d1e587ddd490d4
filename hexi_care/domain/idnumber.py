"""Chinese resident identity numbers (公民身份号码, GB 11643-1999): normalise, validate, mask.

Problems come back as codes with their values, never as sentences, so the UI and CLI phrase them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from hexi_care.domain.enums import Sex

LENGTH = 18
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"  # indexed by (weighted sum mod 11), ISO 7064 MOD 11-2

# Province-level codes of GB/T 2260 (the first two digits of the address code).
PROVINCES: dict[str, str] = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
    "71": "台湾省",
    # Residence permits of Hong Kong, Macao and Taiwan residents (港澳台居民居住证) use 810000/820000/830000.
    "81": "香港特别行政区",
    "82": "澳门特别行政区",
    "83": "台湾",
}

# Full-width digits and X, and every kind of space or hyphen people paste in.
_FULL_WIDTH = {ord("０") + i: str(i) for i in range(10)}
_TRANSLATE: dict[int, str | None] = {
    **_FULL_WIDTH,
    ord("Ｘ"): "X",
    ord("ｘ"): "X",
    ord("x"): "X",
    **{ord(c): None for c in "-‐‑‒–—―−－﹣"},
}


class IdKind(StrEnum):
    """Which document the number belongs to; all use the same structure and check character."""

    RESIDENT = "resident"  # 居民身份证
    HK_MACAO_TAIWAN_PERMIT = "hk_macao_taiwan_permit"  # 港澳台居民居住证 (810000/820000/830000)
    FOREIGNER_PERMANENT = "foreigner_permanent"  # 外国人永久居留身份证 (2023, first digit 9)


class IdProblemCode(StrEnum):
    EMPTY = "empty"  # nothing entered
    LENGTH = "length"  # expected 18, actual n
    CHARACTERS = "characters"  # position of the first bad character, actual = that character
    CHECKSUM = "checksum"  # expected/actual check character
    BIRTH_DATE_INVALID = "birth_date_invalid"  # actual = the 8 digits (no such day)
    BIRTH_DATE_FUTURE = (
        "birth_date_future"  # actual = birth date, expected = today (latest allowed)
    )
    BIRTH_DATE_MISMATCH = (
        "birth_date_mismatch"  # expected = recorded birth date, actual = from number
    )
    SEX_MISMATCH = "sex_mismatch"  # expected = recorded sex, actual = from number
    ADDRESS_UNKNOWN = "address_unknown"  # warning only; actual = the 2-digit province code


@dataclass(frozen=True, slots=True)
class IdProblem:
    """One finding about a number. `position` is 1-based. Dates are `date`, sexes `Sex` values."""

    code: IdProblemCode
    expected: str | int | date | None = None
    actual: str | int | date | None = None
    position: int | None = None


@dataclass(frozen=True, slots=True)
class IdCheck:
    """The result of `validate`. `birth_date`, `sex` and `kind` are read from the number whenever
    its shape allows, even when it has problems: trust them only when `ok`."""

    number: str
    problems: list[IdProblem] = field(default_factory=list)
    warnings: list[IdProblem] = field(default_factory=list)
    birth_date: date | None = None
    sex: Sex | None = None
    kind: IdKind | None = None
    ok: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ok", not self.problems)

    def has(self, code: IdProblemCode) -> bool:
        return any(p.code == code for p in (*self.problems, *self.warnings))


def normalise(raw: str) -> str:
    """Full-width digits and X to ASCII, lower-case x to X, spaces (incl. U+3000) and hyphens removed.

    Anything else is kept, so that `validate` can point at it.
    """
    return "".join(ch for ch in raw.translate(_TRANSLATE) if not ch.isspace())


def check_char(body: str) -> str:
    """The check character for the first 17 digits (ISO 7064 MOD 11-2)."""
    if len(body) != LENGTH - 1 or not _ascii_digits(body):
        raise ValueError("body must be 17 ASCII digits")
    total = sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def validate(
    raw: str,
    *,
    today: date,
    birth_date: date | None = None,
    sex: Sex | None = None,
) -> IdCheck:
    """Check a number and, when given, that it agrees with the recorded birth date and sex.

    An unknown province only warns: districts merge and people keep their numbers.
    """
    number = normalise(raw)
    problems: list[IdProblem] = []
    warnings: list[IdProblem] = []
    if not number:
        return IdCheck(number, [IdProblem(IdProblemCode.EMPTY)])
    if len(number) != LENGTH:
        problems.append(IdProblem(IdProblemCode.LENGTH, expected=LENGTH, actual=len(number)))
    bad = _first_bad_character(number)
    if bad is not None:
        problems.append(IdProblem(IdProblemCode.CHARACTERS, actual=number[bad], position=bad + 1))
    if problems:
        return IdCheck(number, problems)

    expected_check = check_char(number[:17])
    if number[17] != expected_check:
        problems.append(
            IdProblem(
                IdProblemCode.CHECKSUM, expected=expected_check, actual=number[17], position=18
            )
        )

    kind = _kind(number)
    province = number[:2]
    if kind is IdKind.RESIDENT and province not in PROVINCES:
        warnings.append(IdProblem(IdProblemCode.ADDRESS_UNKNOWN, actual=province, position=1))

    parsed_birth = _parse_birth(number[6:14])
    if parsed_birth is None:
        problems.append(
            IdProblem(IdProblemCode.BIRTH_DATE_INVALID, actual=number[6:14], position=7)
        )
    else:
        if parsed_birth > today:
            problems.append(
                IdProblem(
                    IdProblemCode.BIRTH_DATE_FUTURE, expected=today, actual=parsed_birth, position=7
                )
            )
        if birth_date is not None and parsed_birth != birth_date:
            problems.append(
                IdProblem(
                    IdProblemCode.BIRTH_DATE_MISMATCH,
                    expected=birth_date,
                    actual=parsed_birth,
                    position=7,
                )
            )

    parsed_sex = Sex.MALE if int(number[16]) % 2 == 1 else Sex.FEMALE
    if sex is not None and parsed_sex != sex:
        problems.append(
            IdProblem(IdProblemCode.SEX_MISMATCH, expected=sex, actual=parsed_sex, position=17)
        )

    return IdCheck(
        number,
        problems,
        warnings,
        birth_date=parsed_birth,
        sex=parsed_sex,
        kind=kind,
    )


def mask(number: str) -> str:
    """Mask for lists: "1201**********8241". Never shows more than 4 characters at each end, nor
    more than a quarter of a short input at each end; the length is kept."""
    value = normalise(number)
    shown = min(4, (len(value) - 1) // 4) if value else 0
    if shown <= 0:
        return "*" * len(value)
    return value[:shown] + "*" * (len(value) - 2 * shown) + value[-shown:]


def tail(number: str) -> str:
    """The last six characters (what people type to find someone by ID number)."""
    return normalise(number)[-6:]


def _ascii_digits(text: str) -> bool:
    return all("0" <= ch <= "9" for ch in text)


def _first_bad_character(number: str) -> int | None:
    """Index of the first character that is not a digit (X is allowed as the last character)."""
    last = len(number) - 1
    for i, ch in enumerate(number):
        if not ("0" <= ch <= "9" or (ch == "X" and i == last)):
            return i
    return None


def _kind(number: str) -> IdKind:
    if number[0] == "9":
        return IdKind.FOREIGNER_PERMANENT
    if number[:6] in ("810000", "820000", "830000"):
        return IdKind.HK_MACAO_TAIWAN_PERMIT
    return IdKind.RESIDENT


def _parse_birth(digits: str) -> date | None:
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
