"""台账: the register of children exported to .xlsx (openpyxl) and CSV (UTF-8 with BOM, so Excel
opens it as Chinese text).

Rows come as `RegisterRow`s (already scoped and masked by the builder). Cells that a spreadsheet
would take for a formula (=, +, -, @ …) are written as text, so an exported name can never run
as a formula (CSV injection). The .xlsx is reproducible: document dates and zip entry times come
from `ReportMeta.generated_at`.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from hexi_care.reports.data import RegisterRow, ReportMeta
from hexi_care.reports.formatting import age_on, fmt_date, fmt_datetime, to_local
from hexi_care.reports.labels import ZH, Labels
from hexi_care.services.output import save_output

#: Column order of the register (RegisterRow fields, plus "seq" and "age").
COLUMNS: tuple[str, ...] = (
    "seq",
    "street_name",
    "community_name",
    "name",
    "sex",
    "birth_date",
    "age",
    "id_number",
    "categories",
    "risk",
    "guardians",
    "phone",
    "address",
    "school",
    "last_visit",
    "next_due",
    "note",
)

_WIDTHS = {
    "seq": 6,
    "street_name": 10,
    "community_name": 14,
    "name": 10,
    "sex": 6,
    "birth_date": 12,
    "age": 6,
    "id_number": 21,
    "categories": 24,
    "risk": 9,
    "guardians": 18,
    "phone": 15,
    "address": 30,
    "school": 18,
    "last_visit": 12,
    "next_due": 12,
    "note": 30,
}

_NUMBERISH = re.compile(r"^[+-]?[\d\s()-]+$")

Cell = str | int | date | None


def _values(row: RegisterRow, seq: int, as_of: date, labels: Labels) -> dict[str, Cell]:
    return {
        "seq": seq,
        "street_name": row.street_name,
        "community_name": row.community_name,
        "name": row.name,
        "sex": labels.word(labels.sex, row.sex),
        "birth_date": row.birth_date,
        "age": age_on(row.birth_date, as_of),
        "id_number": row.id_number,
        "categories": labels.list_sep.join(row.categories),
        "risk": labels.word(labels.risk, row.risk),
        "guardians": row.guardians,
        "phone": row.phone,
        "address": row.address,
        "school": row.school,
        "last_visit": row.last_visit,
        "next_due": row.next_due,
        "note": row.note,
    }


def safe_text(text: str) -> str:
    """Neutralise a cell a spreadsheet would evaluate: prefix "'" to =, @, tab, CR, and to + or -
    unless the cell is a plain number or phone number (+86 138…, -5)."""
    if not text:
        return text
    first = text[0]
    if first in "=@\t\r" or (first in "+-" and not _NUMBERISH.match(text)):
        return "'" + text
    return text


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return fmt_date(value)
    if isinstance(value, int):
        return str(value)
    return safe_text(value)


def _write(data: bytes, out: str | Path | BinaryIO | None) -> bytes | None:
    if out is None:
        return data
    if isinstance(out, str | Path):
        save_output(Path(out), data)  # whole or not at all; a full disk is the user's problem
    else:
        out.write(data)
    return None


def write_register_csv(
    rows: Sequence[RegisterRow],
    meta: ReportMeta,
    out: str | Path | BinaryIO | None = None,
    *,
    labels: Labels = ZH,
) -> bytes | None:
    """The register as CSV: UTF-8 with BOM, CRLF line ends, a header row of column names."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([labels.register_columns[c] for c in COLUMNS])
    for seq, row in enumerate(rows, start=1):
        values = _values(row, seq, meta.as_of, labels)
        writer.writerow([_csv_cell(values[c]) for c in COLUMNS])
    return _write(buffer.getvalue().encode("utf-8-sig"), out)


def write_register_xlsx(
    rows: Sequence[RegisterRow],
    meta: ReportMeta,
    out: str | Path | BinaryIO | None = None,
    *,
    labels: Labels = ZH,
    sheet_title: str = "",
) -> bytes | None:
    """The register as an .xlsx workbook: one sheet, bold frozen header, filters, real dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = (sheet_title or labels.register_sheet)[:31]
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="E6ECF3")
    for col, name in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=col, value=labels.register_columns[name])
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS[name]
    for r, row in enumerate(rows, start=2):
        values = _values(row, r - 1, meta.as_of, labels)
        for col, name in enumerate(COLUMNS, start=1):
            value = values[name]
            cell = ws.cell(row=r, column=col)
            if isinstance(value, str):
                cell.value = value
                # openpyxl would store "=…" as a formula; a register holds text only.
                cell.data_type = "s"
            else:
                cell.value = value
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    # Printed: A4 landscape, the header row on every page, all columns on one page's width.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    ws.oddHeader.left.text = ws.title
    ws.oddHeader.right.text = labels.confidentiality
    ws.oddFooter.center.text = labels.page_of.format(page="&P", pages="&N")
    last = get_column_letter(len(COLUMNS))
    ws.auto_filter.ref = f"A1:{last}{max(1, len(rows) + 1)}"
    stamp = to_local(meta.generated_at, meta.display_tz).replace(tzinfo=None, microsecond=0)
    wb.properties.creator = meta.generated_by
    wb.properties.lastModifiedBy = meta.generated_by
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.title = ws.title
    wb.properties.description = (
        f"{labels.confidentiality} {fmt_datetime(meta.generated_at, meta.display_tz)}"
    )
    return _write(_fixed_zip_times(_save_in_memory(wb), stamp), out)


def _save_in_memory(wb: Any) -> bytes:
    """The workbook as bytes, never touching the disk.

    openpyxl's own save writes each worksheet to a temporary file in TMPDIR before zipping it:
    names, phones and addresses would sit there in the clear (and stay after a crash)."""
    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.writer.excel import ExcelWriter

    class _MemoryWriter(ExcelWriter):  # type: ignore[misc]
        def write_worksheet(self, ws: Any) -> None:
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts = ws._charts
            ws._drawing.images = ws._images
            sheet = io.BytesIO()
            writer = WorksheetWriter(ws, out=sheet)
            writer.write()
            ws._rels = writer._rels
            self._archive.writestr(ws.path[1:], sheet.getvalue())
            self.manifest.append(ws)

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        _MemoryWriter(wb, archive).save()
    return raw.getvalue()


def _fixed_zip_times(data: bytes, stamp: datetime) -> bytes:
    """Rewrite the zip with one fixed time on every entry so the same rows give the same file."""
    when = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
