"""Calendar helpers shared by the rules: ages in full years (周岁) and whole months between dates."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta


def age_on(birth: date, day: date) -> int:
    """Age in full years (周岁) on `day`.

    The age changes on the birthday itself. A child born on 29 February turns a year older on
    28 February in common years (dateutil clips to the month's last day).
    Raises ValueError when `day` is before `birth`.
    """
    if day < birth:
        raise ValueError("day is before birth")
    return int(relativedelta(day, birth).years)


def full_months_between(start: date, end: date) -> int:
    """Whole calendar months from `start` to `end` (0 when `end` is not after `start`)."""
    if end <= start:
        return 0
    delta = relativedelta(end, start)
    return int(delta.years) * 12 + int(delta.months)


def add_months(day: date, months: int) -> date:
    """`day` plus `months` calendar months, clipped to the end of a shorter month (31 Aug + 6 → 28/29 Feb)."""
    result: date = day + relativedelta(months=months)
    return result


def add_years(day: date, years: int) -> date:
    """`day` plus `years` years; 29 February becomes 28 February in a common year."""
    result: date = day + relativedelta(years=years)
    return result
