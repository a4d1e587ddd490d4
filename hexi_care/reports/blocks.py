"""Building blocks the renderers share: paragraphs with font fallback, ruled tables, tick-box
choices, lines to write on, signature rows. Every text goes through `fonts.markup`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeAlias

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.flowables import HRFlowable
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from hexi_care.reports import styles as st
from hexi_care.reports.fonts import BOLD, fonts
from hexi_care.reports.labels import Labels

Cell: TypeAlias = "Flowable | str"


@lru_cache(maxsize=8192)
def _parsed(markup: str, style: ParagraphStyle) -> tuple[Any, ...]:
    """reportlab's parse of paragraph markup, kept: forms repeat the same labels and values
    (and a batch repeats whole forms), and parsing is a tenth of the layout time."""
    parser = ParaParser()
    _, frags, _ = parser.parse(cleanBlockQuotedText(markup), style)
    if frags is None:
        raise ValueError(f"paragraph markup error: {parser.errors[:1]}")
    textTransformFrags(frags, style)
    return tuple(frags)


def _paragraph(markup: str, style: ParagraphStyle) -> Paragraph:
    frags = [f.clone() for f in _parsed(markup, style)]
    return Paragraph(markup, style, frags=frags)


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped, with per-character font fallback)."""
    return _paragraph(fonts().markup(text, bold=style.fontName == BOLD), style)


def rich(parts: Sequence[tuple[str, bool]], style: ParagraphStyle) -> Paragraph:
    """A paragraph of (text, bold) pieces, e.g. a bold label followed by its value."""
    base = style.fontName
    fs = fonts()
    body = "".join(fs.markup(text, bold=bold, base=base) for text, bold in parts)
    return _paragraph(body, style)


def heading(text: str) -> Paragraph:
    return para(text, st.styles().h1)


def subheading(text: str) -> Paragraph:
    return para(text, st.styles().h2)


def band(text: str) -> Table:
    """A shaded full-width title band (one visit in the case file), kept with what follows."""
    s = st.styles()
    style = st.plain_table_style()
    style.add("BACKGROUND", (0, 0), (-1, -1), st.HEADER_BG)
    style.add("LEFTPADDING", (0, 0), (-1, -1), 5)
    style.add("TOPPADDING", (0, 0), (-1, -1), 4)
    style.add("BOTTOMPADDING", (0, 0), (-1, -1), 3)
    style.add("LINEABOVE", (0, 0), (-1, 0), 1, st.ACCENT)
    t = Table(
        [[para(text, s.h2)]],
        colWidths=[st.CONTENT_WIDTH],
        style=style,
        hAlign="LEFT",
        spaceBefore=4 * mm,
        spaceAfter=1 * mm,
    )
    t.keepWithNext = 1
    return t


def choices(
    options: Sequence[str], ticked: Sequence[int] = (), labels: Labels | None = None
) -> str:
    """Tick-box choices as text: "☐ 良好　☑ 一般"."""
    box = labels.box if labels else "☐"
    box_ticked = labels.box_ticked if labels else "☑"
    return "　".join(
        f"{box_ticked if i in ticked else box} {option}" for i, option in enumerate(options)
    )


def table(
    rows: Sequence[Sequence[Cell]],
    col_widths: Sequence[float],
    style: Any,
    *,
    repeat_rows: int = 0,
    min_row_heights: Sequence[float] | None = None,
) -> Table:
    """A table that splits between rows across pages (rows never split: see `_expand`)."""
    return Table(
        [list(r) for r in rows],
        colWidths=list(col_widths),
        style=style,
        repeatRows=repeat_rows,
        hAlign="LEFT",
        minRowHeights=list(min_row_heights) if min_row_heights else None,
        spaceBefore=1.5 * mm,
        spaceAfter=2.5 * mm,
    )


_ALIGN = {TA_LEFT: "LEFT", TA_CENTER: "CENTER", TA_RIGHT: "RIGHT"}

#: A cell's text longer than this many lines continues in rows below (see `_expand`).
CHUNK_LINES = 8


def _text_style(
    style: ParagraphStyle, start: tuple[int, int], end: tuple[int, int]
) -> list[tuple[Any, ...]]:
    """Table commands that set plain-text cells in `style`'s font, leading, colour, alignment."""
    return [
        ("FONT", start, end, style.fontName, style.fontSize, style.leading),
        ("TEXTCOLOR", start, end, style.textColor),
        ("ALIGN", start, end, _ALIGN.get(style.alignment, "LEFT")),
    ]


def fit_cell(text: str, style: ParagraphStyle, width: float) -> Cell:
    """A table cell for `text`: the plain string when it fits on one line in the base font (a
    table draws that far faster than a paragraph), else a wrapping paragraph with font fallback.
    The table's commands must set the cell's font as `style` (`_text_style`)."""
    if not text:
        return ""
    fs = fonts()
    if (
        "\n" not in text
        and fs.single_run(text, style.fontName)
        and pdfmetrics.stringWidth(text, style.fontName, style.fontSize) <= width
    ):
        return text
    return para(text, style)


def _pieces(cell: Cell, width: float) -> list[Cell]:
    """A paragraph taller than CHUNK_LINES lines cut at line boundaries; anything else as is."""
    if not isinstance(cell, Paragraph):
        return [cell]
    style = cell.style
    # Cheap test first: even at half an em a character it would fit.
    if len(cell.text) * style.fontSize * 0.5 <= CHUNK_LINES * width:
        return [cell]
    limit = CHUNK_LINES * style.leading + 1
    _, height = cell.wrap(width, 1e9)
    if height <= limit:
        return [cell]
    out: list[Cell] = []
    rest = cell
    while True:
        parts = rest.split(width, limit)
        if len(parts) < 2:
            out.append(rest)
            return out
        out.append(parts[0])
        rest = parts[1]
        _, height = rest.wrap(width, 1e9)
        if height <= limit:
            out.append(rest)
            return out


#: Horizontal spans of a table: (first column, row) -> last column.
_Spans = dict[tuple[int, int], int]


@dataclass(slots=True)
class _Expanded:
    rows: list[list[Cell]]
    origin: list[int]  # the given row each row comes from


def _expand(
    rows: Sequence[Sequence[Cell]], widths: Sequence[float], padding: float, spans: _Spans
) -> _Expanded:
    """Long text continues in rows below its own, cut at line boundaries.

    reportlab can split a table only between rows (its in-row splitting misplaces parts), and a
    row taller than a page cannot be laid out at all; so a long note becomes several rows that
    read as one (no rule between them), and the table may break between any two.
    """
    out = _Expanded(rows=[], origin=[])
    for r, row in enumerate(rows):
        pieces: list[list[Cell]] = []
        for c, cell in enumerate(row):
            c1 = spans.get((c, r), c)
            pieces.append(_pieces(cell, sum(widths[c : c1 + 1]) - 2 * padding))
        for j in range(max(len(p) for p in pieces)):
            out.rows.append([p[j] if j < len(p) else "" for p in pieces])
            out.origin.append(r)
    return out


def _ruled(
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    *,
    padding: float,
    header_rows: int = 0,
    spans: _Spans | None = None,
    min_row_height: float | None = None,
    column_styles: Sequence[ParagraphStyle],
    header_style: ParagraphStyle | None = None,
    label_columns: Sequence[int] = (),
) -> Table:
    """A ruled table: header rows repeated on each page, label columns shaded, long text
    continued in rows below (`_expand`), rules between the given rows only."""
    spans = spans or {}
    ex = _expand(rows, widths, padding, spans)
    style = st.cell_table_style(padding)
    for i, cell_style in enumerate(column_styles):
        for command in _text_style(cell_style, (i, header_rows), (i, -1)):
            style.add(*command)
    if header_rows and header_style is not None:
        for command in _text_style(header_style, (0, 0), (-1, header_rows - 1)):
            style.add(*command)
        style.add("BACKGROUND", (0, 0), (-1, header_rows - 1), st.HEADER_BG)
    style.add("BOX", (0, 0), (-1, -1), 0.5, st.GRID)
    style.add("LINEAFTER", (0, 0), (-2, -1), 0.5, st.GRID)
    # Close a part at a page break (reportlab's special row name for a split's last row).
    style.add("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 0.5, st.GRID)
    covered = {(c, r) for (c0, r), c1 in spans.items() for c in range(c0 + 1, c1 + 1)}
    n = len(ex.rows)
    for e in range(n):
        r = ex.origin[e]
        if e + 1 < n and ex.origin[e + 1] != r:
            style.add("LINEBELOW", (0, e), (-1, e), 0.5, st.GRID)
        elif e + 1 < n:
            # The next row continues this one's text: no rule, no gap.
            style.add("BOTTOMPADDING", (0, e), (-1, e), 0)
            style.add("TOPPADDING", (0, e + 1), (-1, e + 1), 0)
        for (c0, r0), c1 in spans.items():
            if r0 == r:
                style.add("SPAN", (c0, e), (c1, e))
        if r >= header_rows:
            for col in label_columns:
                if (col, r) not in covered:
                    style.add("BACKGROUND", (col, e), (col, e), st.LABEL_BG)
    heights = None
    if min_row_height:
        heights = [
            min_row_height
            if e >= header_rows and (e == 0 or ex.origin[e - 1] != ex.origin[e])
            else 0.0
            for e in range(n)
        ]
    return table(ex.rows, widths, style, repeat_rows=header_rows, min_row_heights=heights)


def grid(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    fractions: Sequence[float],
    *,
    right_columns: Sequence[int] = (),
    empty_text: str = "",
    label_columns: Sequence[int] = (),
    min_row_height: float | None = None,
) -> Flowable:
    """A ruled list with a header row repeated on each page; `fractions` of the content width.

    `label_columns` are shaded and set as labels; `min_row_height` leaves room to write in.
    """
    s = st.styles()
    if not rows and empty_text:
        return para(empty_text, s.muted)
    widths = [st.CONTENT_WIDTH * f / sum(fractions) for f in fractions]
    inner = [w - 2 * st.GRID_PADDING for w in widths]
    styles = [
        s.cell_label if i in label_columns else s.cell_right if i in right_columns else s.cell
        for i in range(len(widths))
    ]
    data: list[list[Cell]] = [[fit_cell(h, s.cell_head, inner[i]) for i, h in enumerate(header)]]
    for row in rows:
        data.append([fit_cell(v, styles[i], inner[i]) for i, v in enumerate(row)])
    return _ruled(
        data,
        widths,
        padding=st.GRID_PADDING,
        header_rows=1,
        min_row_height=min_row_height,
        column_styles=styles,
        header_style=s.cell_head,
        label_columns=label_columns,
    )


def form(
    rows: Sequence[Sequence[Cell]],
    fractions: Sequence[float],
    label_columns: tuple[int, ...] = (0,),
    spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    min_row_height: float | None = None,
) -> Table:
    """A ruled label/value grid. String cells in label columns print as labels. `spans` join
    cells of one row: ((first column, row), (last column, row))."""
    s = st.styles()
    widths = [st.CONTENT_WIDTH * f / sum(fractions) for f in fractions]
    span_map: _Spans = {}
    for (c0, r0), (c1, r1) in spans:
        if r0 != r1:
            raise ValueError("form spans join cells of one row")
        span_map[(c0, r0)] = c1
    styles = [s.cell_label if i in label_columns else s.cell for i in range(len(widths))]
    data: list[list[Cell]] = []
    for r, row in enumerate(rows):
        out: list[Cell] = []
        for i, cell in enumerate(row):
            if isinstance(cell, str):
                last = span_map.get((i, r), i)
                inner = sum(widths[i : last + 1]) - 2 * st.FORM_PADDING
                out.append(fit_cell(cell, styles[i], inner))
            else:
                out.append(cell)
        data.append(out)
    return _ruled(
        data,
        widths,
        padding=st.FORM_PADDING,
        spans=span_map,
        min_row_height=min_row_height,
        column_styles=styles,
        label_columns=label_columns,
    )


class WritingLines(Flowable):  # type: ignore[misc]
    """Ruled lines to write on by hand."""

    def __init__(self, count: int, gap: float = st.WRITING_LINE_GAP, indent: float = 0) -> None:
        super().__init__()
        self.count = count
        self.gap = gap
        self.indent = indent

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.count * self.gap
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        fit = int(availHeight // self.gap)
        if fit <= 0 or fit >= self.count:
            return []
        return [
            WritingLines(fit, self.gap, self.indent),
            WritingLines(self.count - fit, self.gap, self.indent),
        ]

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(st.RULE)
        c.setLineWidth(0.5)
        c.setDash(1, 2)
        for i in range(self.count):
            y = self.height - (i + 1) * self.gap + 1
            c.line(self.indent, y, self.width, y)
        c.restoreState()


def signature_row(
    items: Sequence[str],
    labels: Labels,
    with_date: bool = True,
    date_text: str | None = None,
) -> Table:
    """Signature lines "走访人签名：______ 日期：____年__月__日" for each item, side by side; `date_text`
    pre-fills the date."""
    s = st.styles()
    cells: list[Cell] = []
    widths: list[float] = []
    n = len(items)
    each = st.CONTENT_WIDTH / n
    for label in items:
        text = label + labels.colon + "\n\n"
        cells.append(para(text.strip(), s.body))
        widths.append(each)
    rows: list[list[Cell]] = [cells, [_SignLine() for _ in items]]
    if with_date:
        when = date_text or labels.date_blank
        rows.append([para(labels.date + labels.colon + when, s.body) for _ in items])
    t = Table(rows, colWidths=widths, style=st.plain_table_style(), hAlign="LEFT")
    return t


class _SignLine(Flowable):  # type: ignore[misc]
    """A solid line to sign on, with room above it."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth - 8 * mm
        self.height = 11 * mm
        return availWidth, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(st.INK)
        c.setLineWidth(0.6)
        c.line(0, 1, self.width, 1)
        c.restoreState()


def rule() -> HRFlowable:
    return HRFlowable(width="100%", thickness=0.5, color=st.RULE, spaceBefore=2, spaceAfter=4)


def gap(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


def keep(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))


def seal_block(unit: str, labels: Labels, date_text: str | None = None) -> list[Flowable]:
    """The issuing unit's seal area, right-aligned: room for the stamp, the unit's name, "（盖章）"
    and the date (pre-printed, or a blank to fill)."""
    s = st.styles()
    out: list[Flowable] = [gap(14)]
    if unit:
        out.append(para(unit, s.issuer))
    out.append(para(labels.notice_seal, s.issuer))
    out.append(para(date_text or labels.date_blank, s.issuer))
    return out
