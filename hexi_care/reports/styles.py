"""The one set of styles every printed document uses: page geometry, colours, sizes, paragraph
and table styles. Change the look here, not in a renderer."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from hexi_care.reports.fonts import BOLD, MAIN, register_fonts

# --- page geometry (points) --------------------------------------------------------------------
PAGE_SIZE: tuple[float, float] = A4
PAGE_WIDTH, PAGE_HEIGHT = PAGE_SIZE
MARGIN_LEFT = 18 * mm
MARGIN_RIGHT = 18 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 18 * mm
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
CONTENT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
QR_SIZE = 15 * mm

# --- colours -----------------------------------------------------------------------------------
INK = colors.HexColor("#1f2937")
MUTED = colors.HexColor("#6b7280")
RULE = colors.HexColor("#9ca3af")
GRID = colors.HexColor("#6b7280")
ACCENT = colors.HexColor("#1e3a5f")
HEADER_BG = colors.HexColor("#e6ecf3")
LABEL_BG = colors.HexColor("#f3f5f8")
SUBTOTAL_BG = colors.HexColor("#eef2f7")
TOTAL_BG = colors.HexColor("#dde5ef")
CONFIDENTIAL = colors.HexColor("#b91c1c")
WARNING_BG = colors.HexColor("#fdf2f2")
CHART_COLOURS = (
    colors.HexColor("#1e3a5f"),
    colors.HexColor("#5b8bc5"),
    colors.HexColor("#c58b2b"),
)

# --- sizes (points) ----------------------------------------------------------------------------
TITLE_SIZE = 17
H1_SIZE = 12
H2_SIZE = 10.5
BODY_SIZE = 10
SMALL_SIZE = 8.5
CELL_SIZE = 9
STATS_CELL_SIZE = 8
HEADER_SIZE = 8.5
FOOTER_SIZE = 7.5
WRITING_LINE_GAP = 8 * mm
GRID_PADDING = 3.5  # left/right cell padding of ruled lists
FORM_PADDING = 4  # left/right cell padding of label/value forms


@dataclass(frozen=True, slots=True)
class Styles:
    """Paragraph styles by role."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    body_indent: ParagraphStyle
    notice_body: ParagraphStyle
    notice_item: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    warning: ParagraphStyle
    issuer: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_label: ParagraphStyle
    cell_right: ParagraphStyle
    cell_centre: ParagraphStyle
    cell_head: ParagraphStyle
    stats_cell: ParagraphStyle
    stats_cell_right: ParagraphStyle
    stats_head: ParagraphStyle


def _style(name: str, parent: ParagraphStyle | None = None, **kw: Any) -> ParagraphStyle:
    """A style: the document defaults, or `parent`'s values, overridden by `kw`."""
    if parent is not None:
        return ParagraphStyle(name, parent=parent, **kw)
    base: dict[str, Any] = {
        "fontName": MAIN,
        "fontSize": BODY_SIZE,
        "leading": BODY_SIZE * 1.5,
        "textColor": INK,
        "wordWrap": "CJK",  # Chinese breaks between any two characters
        "alignment": TA_LEFT,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)


@lru_cache(maxsize=1)
def styles() -> Styles:
    """The paragraph styles (registers the fonts first)."""
    register_fonts()
    cell = _style("cell", fontSize=CELL_SIZE, leading=CELL_SIZE * 1.38)
    stats = _style("stats_cell", fontSize=STATS_CELL_SIZE, leading=STATS_CELL_SIZE * 1.35)
    return Styles(
        title=_style(
            "title",
            fontName=BOLD,
            fontSize=TITLE_SIZE,
            leading=TITLE_SIZE * 1.35,
            alignment=TA_CENTER,
            textColor=colors.black,
            spaceAfter=2 * mm,
        ),
        subtitle=_style(
            "subtitle",
            fontSize=SMALL_SIZE + 0.5,
            leading=(SMALL_SIZE + 0.5) * 1.5,
            alignment=TA_CENTER,
            textColor=MUTED,
            spaceAfter=3 * mm,
        ),
        h1=_style(
            "h1",
            fontName=BOLD,
            fontSize=H1_SIZE,
            leading=H1_SIZE * 1.4,
            textColor=ACCENT,
            spaceBefore=3 * mm,
            spaceAfter=1 * mm,
            keepWithNext=1,
        ),
        h2=_style(
            "h2",
            fontName=BOLD,
            fontSize=H2_SIZE,
            leading=H2_SIZE * 1.4,
            spaceBefore=2.5 * mm,
            spaceAfter=1 * mm,
            keepWithNext=1,
        ),
        body=_style("body", spaceAfter=0.8 * mm),
        body_indent=_style("body_indent", leftIndent=4 * mm, spaceAfter=1 * mm),
        notice_body=_style(
            "notice_body",
            fontSize=10.5,
            leading=10.5 * 1.65,
            firstLineIndent=21,
            spaceAfter=2 * mm,
        ),
        notice_item=_style(
            "notice_item",
            fontSize=10,
            leading=10 * 1.5,
            leftIndent=9 * mm,
            firstLineIndent=-5 * mm,
            spaceAfter=0.6 * mm,
        ),
        small=_style("small", fontSize=SMALL_SIZE, leading=SMALL_SIZE * 1.45),
        muted=_style("muted", fontSize=SMALL_SIZE, leading=SMALL_SIZE * 1.45, textColor=MUTED),
        warning=_style(
            "warning",
            fontSize=SMALL_SIZE,
            leading=SMALL_SIZE * 1.45,
            textColor=CONFIDENTIAL,
        ),
        issuer=_style("issuer", alignment=TA_RIGHT, spaceBefore=2 * mm),
        cell=cell,
        cell_bold=_style("cell_bold", parent=cell, fontName=BOLD),
        cell_label=_style("cell_label", parent=cell, textColor=colors.HexColor("#374151")),
        cell_right=_style("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_centre=_style("cell_centre", parent=cell, alignment=TA_CENTER),
        cell_head=_style("cell_head", parent=cell, fontName=BOLD, alignment=TA_CENTER),
        stats_cell=stats,
        stats_cell_right=_style("stats_cell_right", parent=stats, alignment=TA_RIGHT),
        stats_head=_style(
            "stats_head",
            parent=stats,
            fontName=BOLD,
            fontSize=STATS_CELL_SIZE - 0.5,
            alignment=TA_CENTER,
        ),
    )


def grid_table_style(header_rows: int = 1) -> TableStyle:
    """A ruled table with a shaded header: lists of visits, follow-ups, statistics."""
    commands: list[tuple[Any, ...]] = [
        # Cells hold paragraphs, but reportlab still selects the cell font (Helvetica by
        # default, which would then be listed, unembedded, in the PDF).
        ("FONT", (0, 0), (-1, -1), MAIN, CELL_SIZE),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        # More room above than below: CJK glyphs sit high in a line's leading.
        ("TOPPADDING", (0, 0), (-1, -1), 3.4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.1),
        ("LEFTPADDING", (0, 0), (-1, -1), GRID_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), GRID_PADDING),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_BG))
    return TableStyle(commands)


def cell_table_style(padding: float) -> TableStyle:
    """Cell font and padding without rules: the ruled builders in blocks.py add the rules."""
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), MAIN, CELL_SIZE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            # More room above than below: CJK glyphs sit high in a line's leading.
            ("TOPPADDING", (0, 0), (-1, -1), 3.4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.1),
            ("LEFTPADDING", (0, 0), (-1, -1), padding),
            ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ]
    )


def plain_table_style() -> TableStyle:
    """No rules: layout-only tables (signature rows, choice rows)."""
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), MAIN, CELL_SIZE),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
    )
