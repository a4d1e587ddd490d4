"""Small input checks shared by the services; each failure names the field and the problem."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TypeVar

from hexi_care.domain import idnumber, names
from hexi_care.domain.enums import Sex
from hexi_care.errors import InvalidInput

E = TypeVar("E", bound=StrEnum)


def text(field: str, value: str | None, *, required: bool = False, max_len: int = 2000) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput(field, "required")
    if len(value) > max_len:
        raise InvalidInput(field, "too_long", max=max_len)
    return value


def name(field: str, value: str | None, *, required: bool = False, max_len: int = 64) -> str:
    """A person's name as stored (domain.names.clean_name): only characters names use."""
    cleaned = text(field, value, required=required, max_len=max_len)
    problem = names.name_problem(cleaned)
    if problem is not None:
        raise InvalidInput(field, problem.code, position=problem.position)
    return names.clean_name(cleaned)


def choice(field: str, enum: type[E], value: object) -> E:
    try:
        return enum(str(value))
    except ValueError:
        raise InvalidInput(field, "choice", choices=", ".join(e.value for e in enum)) from None


def parse_date(field: str, value: object, *, required: bool = False) -> date | None:
    if value is None or value == "":
        if required:
            raise InvalidInput(field, "required")
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInput(field, "bad_date") from None


def not_future(field: str, value: date | None, today: date) -> None:
    if value is not None and value > today:
        raise InvalidInput(field, "future_date")


def not_before(field: str, value: date | None, earliest: date | None) -> None:
    if value is not None and earliest is not None and value < earliest:
        raise InvalidInput(field, "before_birth")


def date_range(field: str, start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise InvalidInput(field, "end_before_start")


def id_number(
    value: str | None,
    *,
    today: date,
    birth_date: date | None,
    sex: Sex | None,
    field: str = "id_number",
) -> idnumber.IdCheck | None:
    """A normalised, valid number, or None when nothing was entered. Unknown address codes pass."""
    if value is None or not value.strip():
        return None
    check = idnumber.validate(value, today=today, birth_date=birth_date, sex=sex)
    if not check.ok:
        p = check.problems[0]
        raise InvalidInput(
            field, f"id_{p.code.value}", expected=p.expected, actual=p.actual, position=p.position
        )
    return check


def non_negative_int(field: str, value: object, *, max_value: int = 10**9) -> int:
    try:
        n = int(str(value))
    except (TypeError, ValueError):
        raise InvalidInput(field, "not_number") from None
    if n < 0:
        raise InvalidInput(field, "negative")
    if n > max_value:
        raise InvalidInput(field, "too_big", max=max_value)
    return n


def json_text(field: str, value: object, *, allow_none: bool = True) -> str | None:
    """A text value from JSON input: a string (or null), nothing else."""
    if value is None and allow_none:
        return None
    if not isinstance(value, str):
        raise InvalidInput(field, "not_text")
    return value


def json_bool(field: str, value: object, *, allow_none: bool = False) -> bool | None:
    if value is None and allow_none:
        return None
    if not isinstance(value, bool):
        raise InvalidInput(field, "not_bool")
    return value
