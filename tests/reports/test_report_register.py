"""台账 exports read back: .xlsx with openpyxl (header, values, real dates, text never a formula,
reproducible bytes) and CSV as Excel reads it (UTF-8 with BOM, CRLF)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

from openpyxl import load_workbook

from hexi_care.reports.labels import ZH
from hexi_care.reports.register import COLUMNS, safe_text, write_register_csv, write_register_xlsx
from tests.reports import samples

META = samples.meta()


def _rows() -> list[samples.RegisterRow]:
    rows = samples.register_rows(5)
    rows[0] = replace(
        rows[0], name="陈𠮷瑶", note='=HYPERLINK("http://x")', phone="+86 139 2100 5678"
    )
    return rows


def test_xlsx_reads_back() -> None:
    data = write_register_xlsx(_rows(), META)
    assert data is not None
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == [ZH.register_columns[c] for c in COLUMNS]
    first = dict(zip(COLUMNS, values[1], strict=True))
    assert first["seq"] == 1 and first["name"] == "陈𠮷瑶"
    assert first["sex"] == "男" and first["risk"] == "高"
    assert first["birth_date"].date() == date(2008, 1, 1)  # a real date cell
    assert first["age"] == 16  # on 2024-01-15
    assert first["categories"] == "事实无人抚养儿童"
    assert first["id_number"] == "1201**********1000"
    # A formula-like note stays text.
    cell = sheet.cell(row=2, column=COLUMNS.index("note") + 1)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'
    assert len(values) == 6
    assert sheet.freeze_panes == "A2"


def test_xlsx_is_reproducible() -> None:
    assert write_register_xlsx(_rows(), META) == write_register_xlsx(_rows(), META)


def test_csv_has_a_bom_and_reads_back() -> None:
    data = write_register_csv(_rows(), META)
    assert data is not None
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == [ZH.register_columns[c] for c in COLUMNS]
    first = dict(zip(COLUMNS, rows[1], strict=True))
    assert first["name"] == "陈𠮷瑶" and first["birth_date"] == "2008-01-01"
    assert first["note"] == '\'=HYPERLINK("http://x")'  # neutralised for Excel
    assert first["phone"] == "+86 139 2100 5678"  # a phone number stays as it is
    assert len(rows) == 6


def test_safe_text() -> None:
    assert safe_text("=1+1") == "'=1+1"
    assert safe_text("@SUM(A1)") == "'@SUM(A1)"
    assert safe_text("-5") == "-5"
    assert safe_text("-cmd|' /C calc'!A0") == "'-cmd|' /C calc'!A0"
    assert safe_text("王小明") == "王小明"
    assert safe_text("") == ""
