"""Messy ledgers the way communities keep them, built with openpyxl for the tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from hexi_care.domain import idnumber


def id_for(birth: date, seq: int, *, male: bool = True, area: str = "120103") -> str:
    """A valid ID number: address code, birth date, sequence (odd = male), check character."""
    s = seq * 2 + (1 if male else 0)
    body = f"{area}{birth:%Y%m%d}{s % 1000:03d}"
    return body + idnumber.check_char(body)


def titled_sheet(
    ws: Worksheet,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    title: str = "2026年河西区困境儿童信息台账",
    filler: str | None = "填报单位：（盖章）                 填报日期：",
    notes: Sequence[str] = (
        "注：1. 本表由社区儿童主任填写；2. 身份证号请设置为文本格式。",
        "填表人：王芳",
    ),
) -> None:
    """A merged title row, a filler line, the header on row 3, data, a 合计 row, notes under it."""
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    if filler is not None:
        ws.append([filler])
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    ws.append([])
    ws.append(["合计", f"{len(rows)}人"])
    for n in notes:
        ws.append([n])


def save(book: Workbook, path: Path) -> Path:
    book.save(path)
    return path


def excel_date(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)
