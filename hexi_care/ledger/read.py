"""Open a ledger file into plain rows per sheet: .xlsx (openpyxl), .csv in UTF-8 with or without
BOM or in GB18030 (what Excel writes on Chinese Windows), and .xls when xlrd is installed.
The file's kind is told by its first bytes, so a renamed file still opens."""

from __future__ import annotations

import contextlib
import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hexi_care.errors import UserProblem

MAX_BYTES = 64 * 1024 * 1024  # a district's ledger is a few MB; more is not a ledger


class LedgerUnreadable(UserProblem):
    """The file itself cannot be read (exit 5); `why` names the cause (messages: ledger.why.*)."""

    exit_code = 5
    key = "ledger.unreadable"

    def __init__(self, why: str) -> None:
        super().__init__("ledger.unreadable", why=why)

    def message(self, lang: str = "zh") -> str:
        from hexi_care.messages import render

        return render(self.key, lang, detail=render(f"ledger.why.{self.params['why']}", lang))


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet's cells; rows[i] is the spreadsheet's row i + 1."""

    name: str
    rows: list[tuple[object, ...]]


def read_ledger(path: Path) -> list[Sheet]:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LedgerUnreadable("too_big")
        with path.open("rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise LedgerUnreadable("missing") from None
    except IsADirectoryError:
        raise LedgerUnreadable("missing") from None
    except PermissionError:
        raise LedgerUnreadable("locked") from None
    except OSError:
        raise LedgerUnreadable("io") from None
    if not data.strip():
        raise LedgerUnreadable("empty")
    if data[:4] == b"PK\x03\x04":
        return _xlsx(data)
    if data[:8] == bytes.fromhex("D0CF11E0A1B11AE1"):
        return _xls(data)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise LedgerUnreadable("damaged")
    return [Sheet(path.stem or "csv", _csv_rows(data))]


def _xlsx(data: bytes) -> list[Sheet]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError):
        raise LedgerUnreadable("damaged") from None
    sheets: list[Sheet] = []
    try:
        for ws in book.worksheets:
            if not hasattr(ws, "iter_rows"):
                continue  # chart sheets
            # Some writers (WPS, old exporters) record a wrong used range: read what is there.
            ws.reset_dimensions()
            rows: list[tuple[object, ...]] = []
            for cells in ws.iter_rows():
                number = next((c.row for c in cells if getattr(c, "row", None)), None)
                if number is None:
                    continue
                while len(rows) < number - 1:
                    rows.append(())
                rows.append(tuple(c.value for c in cells))
            sheets.append(Sheet(str(ws.title), rows))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LedgerUnreadable("damaged") from exc
    finally:
        book.close()
    return sheets


def _xls(data: bytes) -> list[Sheet]:
    try:
        import xlrd  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        raise LedgerUnreadable("xls") from None
    try:
        book = xlrd.open_workbook(file_contents=data)
    except Exception:  # xlrd raises its own and struct errors on damaged files
        raise LedgerUnreadable("damaged") from None
    sheets: list[Sheet] = []
    for sh in book.sheets():
        rows: list[tuple[object, ...]] = []
        for r in range(sh.nrows):
            values: list[object] = []
            for c in range(sh.ncols):
                cell = sh.cell(r, c)
                if cell.ctype == xlrd.XL_CELL_DATE:
                    values.append(datetime(*xlrd.xldate_as_tuple(cell.value, book.datemode)))
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    values.append(None)
                else:
                    values.append(cell.value)
            rows.append(tuple(values))
        sheets.append(Sheet(str(sh.name), rows))
    return sheets


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 — a superset of GBK and GB2312."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise LedgerUnreadable("encoding") from None


def _csv_rows(data: bytes) -> list[tuple[object, ...]]:
    text = decode_text(data)
    if "\x00" in text:
        raise LedgerUnreadable("damaged")
    sample = text[:8192]
    delimiter = ","
    with contextlib.suppress(csv.Error):
        delimiter = csv.Sniffer().sniff(sample, delimiters=",\t;").delimiter
    try:
        return [tuple(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error:
        raise LedgerUnreadable("damaged") from None
