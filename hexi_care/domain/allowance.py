"""Rules of 基本生活保障金: months as "YYYY-MM", the first month paid (the month after the
district's confirmation), where a recognition stands and whether a month is paid."""

from __future__ import annotations

import re
from datetime import date

from hexi_care.domain.enums import AllowanceStage
from hexi_care.domain.model import Allowance

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> tuple[int, int]:
    """(year, month) of "YYYY-MM"; ValueError for anything else."""
    m = MONTH_RE.match(text.strip())
    if m is None:
        raise ValueError(text)
    year, month = int(m.group(1)), int(m.group(2))
    if not (1 <= month <= 12 and 1900 <= year <= 9999):
        raise ValueError(text)
    return year, month


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_after(day: date) -> str:
    """The month after the one `day` falls in: a confirmation on 31 January pays from February,
    one on 31 December from January of the next year."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return f"{year:04d}-{month:02d}"


def month_before(month: str) -> str:
    """The month before "YYYY-MM": January's is December of the year before."""
    year, m = parse_month(month)
    year, m = (year - 1, 12) if m == 1 else (year, m - 1)
    return f"{year:04d}-{m:02d}"


def stage(a: Allowance, month: str | None = None) -> AllowanceStage:
    """Where the recognition stands (in `month` when given: a suspension or stop from a later
    month has not begun yet)."""
    if a.confirmed_on is None:
        return AllowanceStage.CHECKED if a.checked_on is not None else AllowanceStage.APPLIED
    current = month or "9999-12"
    if a.stopped_from and a.stopped_from <= current:
        return AllowanceStage.STOPPED
    if suspended_in(a, current) or (month is None and a.suspended_from and not a.suspended_until):
        return AllowanceStage.SUSPENDED
    return AllowanceStage.CONFIRMED


def suspended_in(a: Allowance, month: str) -> bool:
    if not a.suspended_from or month < a.suspended_from:
        return False
    return not a.suspended_until or month <= a.suspended_until


def payable(a: Allowance, month: str) -> bool:
    """Is the allowance paid for `month` ("YYYY-MM" strings compare in calendar order)?"""
    if a.confirmed_on is None or not a.start_month or month < a.start_month:
        return False
    if a.stopped_from and month >= a.stopped_from:
        return False
    return not suspended_in(a, month)
