"""Calendar helpers shared by the rules: ages in full years (周岁), whole months between dates, and
the one time zone every date derived from a timestamp uses (the store's, Asia/Shanghai by default)."""

from __future__ import annotations

from calendar import isleap, monthrange
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def age_on(birth: date, day: date) -> int:
    """Age in full years (周岁) on `day`.

    The age changes on the birthday itself. A child born on 29 February turns a year older on
    28 February in common years (the birthday is clipped to the month's last day, as dateutil's
    relativedelta does).
    Raises ValueError when `day` is before `birth`.
    """
    if day < birth:
        raise ValueError("day is before birth")
    years = day.year - birth.year
    if add_years(birth, years) > day:
        years -= 1
    return years


def full_months_between(start: date, end: date) -> int:
    """Whole calendar months from `start` to `end` (0 when `end` is not after `start`)."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months


def add_months(day: date, months: int) -> date:
    """`day` plus `months` calendar months, clipped to the end of a shorter month (31 Aug + 6 → 28/29 Feb)."""
    # Plain arithmetic rather than relativedelta: the worklists call this for every child.
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def add_years(day: date, years: int) -> date:
    """`day` plus `years` years; 29 February becomes 28 February in a common year."""
    year = day.year + years
    if day.month == 2 and day.day == 29 and not isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


#: The store's time zone unless an administrator sets another (setting "time_zone").
DEFAULT_ZONE = "Asia/Shanghai"
# China has kept UTC+8 without daylight saving since 1991: the fallback where no tz database exists
# (Windows without the tzdata package) gives the same dates.
_CHINA_FIXED = timezone(timedelta(hours=8), "CST")


def zone(name: str = DEFAULT_ZONE) -> tzinfo:
    """The time zone called `name` (IANA). Raises ValueError for an unknown name."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        if name == DEFAULT_ZONE:
            return _CHINA_FIXED
        raise ValueError(f"unknown time zone: {name}") from None


def local_date(moment: datetime, tz: tzinfo) -> date:
    """The calendar day of an aware instant in `tz` (a report found 07:00 on 1 March in Beijing
    is a 1 March report, although it was still February in UTC)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the instant is unknown")
    return moment.astimezone(tz).date()


def day_span_utc(first: date, last: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The instants [first 00:00, the day after last 00:00) in `tz`, as UTC: what "between these
    days" means for timestamps."""
    start = datetime.combine(first, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return start, end
