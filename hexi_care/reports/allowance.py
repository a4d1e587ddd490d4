"""基本生活保障金: the month's payment list for the finance office and its ledger, as an .xlsx
workbook (openpyxl) and a PDF (reportlab) with the same columns. Column words come from the
vocabulary, so the screen, the workbook and the paper say the same thing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from hexi_care import vocabulary
from hexi_care.domain.model import AllowanceLine
from hexi_care.errors import InvalidInput
from hexi_care.reports import styles as st
from hexi_care.reports.base import DocumentPart, Output, render_parts
from hexi_care.reports.blocks import Cell, para, table
from hexi_care.reports.data import ReportMeta
from hexi_care.reports.formatting import fmt_date, fmt_datetime, fmt_yuan, to_local
from hexi_care.reports.labels import ZH, Labels
from hexi_care.reports.register import _fixed_zip_times, _save_in_memory, _write
from hexi_care.services.context import UnitOfWork

FIELDS = (
    "community_name",
    "child_name",
    "id_masked",
    "category",
    "care_setting",
    "confirmation_no",
    "amount_fen",
)
LEDGER_FIELDS = (*FIELDS, "paid_fen", "paid_on")
_WIDTHS_MM = {
    "seq": 10,
    "community_name": 22,
    "child_name": 16,
    "id_masked": 38,
    "category": 20,
    "care_setting": 18,
    "confirmation_no": 26,
    "amount_fen": 17,
    "paid_fen": 17,
    "paid_on": 24,
}


def _title(month: str, labels: Labels, *, ledger: bool) -> tuple[str, str]:
    year, m = int(month[:4]), int(month[5:7])
    title = labels.title_allowance_ledger if ledger else labels.title_allowance_list
    return title, labels.allowance_month.format(year=year, month=m)


def _cells(line: AllowanceLine, seq: int, labels: Labels, fields: Sequence[str]) -> list[str]:
    out = [str(seq)]
    for f in fields:
        if f == "category":
            out.append(labels.category.get(line.category, line.category))
        elif f == "care_setting":
            out.append(vocabulary.word(line.care_setting, labels.lang))
        elif f == "amount_fen":
            out.append(fmt_yuan(line.amount_fen))
        elif f == "paid_fen":
            out.append(
                fmt_yuan(line.paid_fen) if line.paid_fen is not None else labels.allowance_not_paid
            )
        elif f == "paid_on":
            out.append(fmt_date(line.paid_on))
        else:
            out.append(str(getattr(line, f)))
    return out


def _header(labels: Labels, fields: Sequence[str]) -> list[str]:
    return [labels.allowance_seq, *(vocabulary.field(f, labels.lang) for f in fields)]


def _totals(lines: Sequence[AllowanceLine], labels: Labels, *, ledger: bool) -> list[str]:
    due = [ln for ln in lines if ln.amount_fen]
    out = [
        labels.allowance_total.format(n=len(due), amount=fmt_yuan(sum(ln.amount_fen for ln in due)))
    ]
    if ledger:
        paid = [ln for ln in lines if ln.paid_fen is not None]
        out.append(
            labels.allowance_paid_total.format(
                n=len(paid), amount=fmt_yuan(sum(ln.paid_fen or 0 for ln in paid))
            )
        )
    return out


def allowance_story(
    lines: Sequence[AllowanceLine],
    month: str,
    unit_name: str,
    labels: Labels = ZH,
    *,
    ledger: bool = False,
) -> DocumentPart:
    s = st.styles()
    fields = LEDGER_FIELDS if ledger else FIELDS
    title, period = _title(month, labels, ledger=ledger)
    story: list[Flowable] = [
        para(f"{unit_name}{title}", s.title),
        para(period, s.subtitle),
    ]
    rows: list[list[Cell]] = [[para(h, s.stats_head) for h in _header(labels, fields)]]
    for i, line in enumerate(lines, start=1):
        rows.append([para(c, s.stats_cell) for c in _cells(line, i, labels, fields)])
    widths = [_WIDTHS_MM[f] * mm for f in ("seq", *fields)]
    scale = st.CONTENT_WIDTH / sum(widths)
    story.append(table(rows, [w * scale for w in widths], st.grid_table_style(), repeat_rows=1))
    for text in _totals(lines, labels, ledger=ledger):
        story.append(para(text, s.body))
    story.append(para(labels.allowance_note, s.muted))
    return DocumentPart(title=title, subject=f"{unit_name} {period}", story=story)


def render_allowance_pdf(
    lines: Sequence[AllowanceLine],
    month: str,
    unit_name: str,
    meta: ReportMeta,
    out: Output = None,
    *,
    labels: Labels = ZH,
    ledger: bool = False,
) -> bytes | None:
    part = allowance_story(lines, month, unit_name, labels, ledger=ledger)
    return render_parts([part], meta, out, pdf_title=f"{unit_name}{part.title}", labels=labels)


def write_allowance_xlsx(
    lines: Sequence[AllowanceLine],
    month: str,
    unit_name: str,
    meta: ReportMeta,
    out: str | Path | BinaryIO | None = None,
    *,
    labels: Labels = ZH,
    ledger: bool = False,
) -> bytes | None:
    """The list as a workbook: a title row, a bold frozen header, amounts as numbers in yuan."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    fields = LEDGER_FIELDS if ledger else FIELDS
    title, period = _title(month, labels, ledger=ledger)
    wb = Workbook()
    ws = wb.active
    ws.title = period[:31]
    ws.cell(row=1, column=1, value=f"{unit_name}{title} {period}").font = Font(bold=True)
    for col, (name, h) in enumerate(
        zip(("seq", *fields), _header(labels, fields), strict=True), start=1
    ):
        ws.cell(row=2, column=col, value=h).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS_MM[name] * 0.6
    for r, line in enumerate(lines, start=3):
        texts = _cells(line, r - 2, labels, fields)
        for col, (name, text) in enumerate(zip(("seq", *fields), texts, strict=True), start=1):
            cell = ws.cell(row=r, column=col)
            if name == "seq":
                cell.value = r - 2
            elif name == "amount_fen":
                cell.value = line.amount_fen / 100
                cell.number_format = "0.00"
            elif name == "paid_fen" and line.paid_fen is not None:
                cell.value = line.paid_fen / 100
                cell.number_format = "0.00"
            elif name == "paid_on" and isinstance(line.paid_on, date):
                cell.value = line.paid_on
                cell.number_format = "yyyy-mm-dd"
            else:
                cell.value = text
                cell.data_type = "s"  # text only: "=…" is never a formula
    row = len(lines) + 3
    for text in _totals(lines, labels, ledger=ledger):
        ws.cell(row=row, column=1, value=text)
        row += 1
    ws.cell(row=row, column=1, value=labels.allowance_note)
    ws.freeze_panes = "A3"
    ws.oddHeader.right.text = labels.confidentiality
    stamp = to_local(meta.generated_at, meta.display_tz).replace(tzinfo=None, microsecond=0)
    wb.properties.creator = meta.generated_by
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.title = f"{unit_name}{title}"
    wb.properties.description = (
        f"{labels.confidentiality} {fmt_datetime(meta.generated_at, meta.display_tz)}"
    )
    return _write(_fixed_zip_times(_save_in_memory(wb), stamp), out)


def write_month(
    uow: UnitOfWork, month_text: str, path: Path, *, ledger: bool = False, lang: str = "zh"
) -> int:
    """The month's list for the finance office (or its ledger) in the user's units, written to
    `path` as a workbook (.xlsx) or a PDF (.pdf); the number of lines written. The command line
    and the window both write it here."""
    from hexi_care.reports import builders
    from hexi_care.reports.labels import labels_for
    from hexi_care.services import allowances, units

    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise InvalidInput("out", "choice", choices=".xlsx, .pdf")
    month = allowances.month("month", month_text)
    lines = allowances.ledger(uow, month) if ledger else allowances.monthly_list(uow, month)
    unit = units.resolve_unit(uow, uow.user.unit_id).name if uow.user is not None else ""
    meta = builders.meta(uow, unit, lang)
    labels = labels_for(lang)
    if suffix == ".pdf":
        render_allowance_pdf(lines, month, unit, meta, path, labels=labels, ledger=ledger)
    else:
        write_allowance_xlsx(lines, month, unit, meta, path, labels=labels, ledger=ledger)
    return len(lines)
