"""Plain-text formatting for the printed documents: dates, money, ages, masked ID numbers.

Pure functions (no reportlab), shared by every renderer and the register export.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo

#: China has one time zone and no daylight saving; generated-at times print in it.
CHINA_TZ: tzinfo = timezone(timedelta(hours=8), "CST")


def fmt_date(day: date | None) -> str:
    """2024-01-05, or "" for no date (tables)."""
    return day.isoformat() if day is not None else ""


def fmt_date_long(day: date | None) -> str:
    """2024年1月5日, or "" (prose and signature lines)."""
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


def to_local(moment: datetime, tz: tzinfo = CHINA_TZ) -> datetime:
    """An aware instant in `tz`; a naive one is taken as already local."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(tz)


def fmt_datetime(moment: datetime | None, tz: tzinfo = CHINA_TZ) -> str:
    """2024-01-05 14:30 in local time."""
    if moment is None:
        return ""
    return to_local(moment, tz).strftime("%Y-%m-%d %H:%M")


def fmt_yuan(amount_fen: int) -> str:
    """Fen to yuan with thousands separators: 1200000 -> "12,000.00"."""
    sign = "-" if amount_fen < 0 else ""
    yuan, fen = divmod(abs(amount_fen), 100)
    return f"{sign}{yuan:,}.{fen:02d}"


def fmt_int(value: int) -> str:
    return f"{value:,}"


def age_on(birth: date | None, day: date) -> int | None:
    """Full years of age on `day`."""
    if birth is None:
        return None
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return max(years, 0)


def mask_id_number(number: str | None) -> str:
    """1201**********8241: the first four and last four characters, as lists show them."""
    if not number:
        return ""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def short_id(record_id: str | None) -> str:
    """The first eight characters of a UUID, printed beside the QR code for people to read."""
    if not record_id:
        return ""
    return record_id.replace("-", "")[:8].upper()


def issuing_unit(community: str) -> str:
    """A community's 居民委员会 as it signs and seals paper ("紫金里社区" → "紫金里社区居民委员会")."""
    return f"{community}居民委员会" if community.endswith("社区") else community
