"""The document base every printed document shares: A4 pages with a header (title, subject,
confidentiality mark, QR code with the record id on forms) and a footer (who generated it and
when, "第 X 页 共 Y 页").

Pages are laid out once; a canvas that keeps each page's content until `save` then knows the page
count and draws the header and footer (the "numbered canvas" recipe). One PDF may hold several
documents (a batch): each numbers its own pages and carries its own title and QR code, so a
printed batch can be split into forms. Output is reproducible: reportlab's invariant mode and a
creation date taken from the input, so the same input gives a byte-identical file.
"""

from __future__ import annotations

import gc
import io
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, BinaryIO

import qrcode
import qrcode.constants
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    KeepTogether,
    PageBreak,
    PageTemplate,
)

from hexi_care.errors import HexiError
from hexi_care.reports import styles as st
from hexi_care.reports.data import ReportMeta
from hexi_care.reports.fonts import MAIN, fonts, register_fonts
from hexi_care.reports.formatting import fmt_datetime, short_id
from hexi_care.reports.labels import ZH, Labels
from hexi_care.services.output import save_output

#: Where a renderer writes: a path, a binary file object, or None to get the bytes back.
Output = str | Path | BinaryIO | None

#: Called as the documents of a batch are laid out: (done, total). Returning False cancels.
Progress = Callable[[int, int], bool]


class ReportCancelled(HexiError):
    """The progress callback asked to stop; nothing was written."""


@dataclass(slots=True, kw_only=True)
class DocumentPart:
    """One document inside a PDF: its header words, its QR code and its flowables."""

    title: str
    story: list[Flowable]
    #: Printed after the title in every page header, e.g. the child's name.
    subject: str = ""
    #: Text of the QR code (data.qr_payload); None prints no code.
    qr: str | None = None
    #: The record id, shortened under the QR code for people to read.
    record_id: str | None = None
    #: Forms carry the confidentiality mark; so does everything else by default.
    confidential: bool = True
    #: The readable number printed as 编号 (a child's 档案编号); the record id's start without one.
    record_label: str | None = None


@lru_cache(maxsize=4096)
def qr_matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The QR modules of `payload` (ECC level M, no quiet zone).

    The mask pattern is fixed: choosing the "best" of eight costs ~15 ms a code in pure Python,
    and any mask scans.
    """
    code = qrcode.QRCode(
        border=0, error_correction=qrcode.constants.ERROR_CORRECT_M, mask_pattern=0
    )
    code.add_data(payload)
    code.make(fit=True)
    return tuple(tuple(bool(v) for v in row) for row in code.get_matrix())


@lru_cache(maxsize=4096)
def _qr_operators(payload: str) -> tuple[int, str]:
    """PDF path operators of the dark modules in module units (one rectangle per horizontal run),
    and the size in modules."""
    matrix = qr_matrix(payload)
    n = len(matrix)
    ops: list[str] = []
    for r, row in enumerate(matrix):
        y = n - 1 - r
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                ops.append(f"{start} {y} {c - start} 1 re")
            else:
                c += 1
    return n, "\n".join(ops)


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """Draw a QR code `size` points wide with its lower-left corner at (x, y)."""
    n, ops = _qr_operators(payload)
    scale = size / n
    canvas.addLiteral(f"q 0 g {scale:.4f} 0 0 {scale:.4f} {x:.3f} {y:.3f} cm\n{ops}\nf Q")


class PartStart(Flowable):  # type: ignore[misc]
    """Zero-size marker at the top of each document of a PDF: tells the canvas which document
    the following pages belong to, and reports progress."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        self.canv._hexi_part = self.index


@dataclass(slots=True)
class _Context:
    parts: Sequence[DocumentPart]
    meta: ReportMeta
    labels: Labels
    progress: Progress | None = None
    page_parts: list[int] = field(default_factory=list)


class _PagedCanvas(Canvas):  # type: ignore[misc]
    """Keeps every page until save, then draws header and footer knowing the page counts."""

    def __init__(self, *args: Any, hexi_ctx: _Context, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._hexi_ctx = hexi_ctx
        self._hexi_part = 0
        self._hexi_pages: list[dict[str, Any]] = []
        _set_creation_date(self, hexi_ctx.meta.generated_at)

    def showPage(self) -> None:
        self._hexi_ctx.page_parts.append(self._hexi_part)
        self._hexi_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        ctx = self._hexi_ctx
        totals: dict[int, int] = {}
        for part in ctx.page_parts:
            totals[part] = totals.get(part, 0) + 1
        seen: dict[int, int] = {}
        pages = self._hexi_pages
        self._hexi_pages = []
        for state, part in zip(pages, ctx.page_parts, strict=True):
            self.__dict__.update(state)
            seen[part] = seen.get(part, 0) + 1
            _decorate(self, ctx, ctx.parts[part], seen[part], totals[part])
            super().showPage()
        super().save()


def _set_creation_date(canvas: Canvas, moment: datetime) -> None:
    """Take the PDF's CreationDate/ModDate from the input instead of the clock (in UTC)."""
    utc = moment.astimezone(UTC) if moment.tzinfo else moment
    stamp = canvas._doc._timeStamp
    stamp.t = utc.replace(tzinfo=UTC).timestamp()
    stamp.lt = utc.timetuple()
    stamp.YMDhms = tuple(utc.timetuple())[:6]
    stamp.dhh = 0
    stamp.dmm = 0
    stamp.tzname = "UTC"


def _decorate(canvas: Canvas, ctx: _Context, part: DocumentPart, page: int, pages: int) -> None:
    fs = fonts()
    labels = ctx.labels
    meta = ctx.meta
    left = st.MARGIN_LEFT
    right = st.PAGE_WIDTH - st.MARGIN_RIGHT
    top = st.PAGE_HEIGHT
    canvas.saveState()

    # Header: title and subject on the left, confidentiality mark on the right, QR code.
    text_right = right
    if part.qr:
        qr_x = right - st.QR_SIZE
        qr_y = top - 20 * mm
        draw_qr(canvas, part.qr, qr_x, qr_y, st.QR_SIZE)
        text_right = qr_x - 3 * mm
    line1 = top - 11 * mm
    line2 = top - 16 * mm
    canvas.setFillColor(st.ACCENT)
    width = fs.draw_string(canvas, left, line1, part.title, st.HEADER_SIZE + 1, bold=True)
    if part.subject:
        canvas.setFillColor(st.INK)
        fs.draw_string(canvas, left + width + 3 * mm, line1, part.subject, st.HEADER_SIZE)
    if part.confidential:
        canvas.setFillColor(st.CONFIDENTIAL)
        fs.draw_string(
            canvas, text_right, line1, labels.confidentiality, st.HEADER_SIZE, True, "right"
        )
        fs.draw_string(
            canvas, text_right, line2, labels.sensitive_mark, st.FOOTER_SIZE, False, "right"
        )
    if part.record_id:
        canvas.setFillColor(st.MUTED)
        code = labels.record_no.format(code=part.record_label or short_id(part.record_id))
        fs.draw_string(canvas, left, line2, code, st.FOOTER_SIZE)
    canvas.setStrokeColor(st.RULE)
    canvas.setLineWidth(0.6)
    rule_y = top - st.MARGIN_TOP + 3 * mm
    canvas.line(left, rule_y, text_right if part.qr else right, rule_y)

    # Footer: who and when, page x of y, issuing unit.
    foot_y = 10 * mm
    canvas.line(left, foot_y + 4 * mm, right, foot_y + 4 * mm)
    canvas.setFillColor(st.MUTED)
    generated = labels.generated.format(
        who=meta.generated_by, when=fmt_datetime(meta.generated_at, meta.display_tz)
    )
    fs.draw_string(canvas, left, foot_y, generated, st.FOOTER_SIZE)
    canvas.setFillColor(st.INK)
    page_text = labels.page_of.format(page=page, pages=pages)
    fs.draw_string(
        canvas, st.PAGE_WIDTH / 2, foot_y, page_text, st.FOOTER_SIZE + 0.5, False, "centre"
    )
    canvas.setFillColor(st.MUTED)
    fs.draw_string(
        canvas, right, foot_y, meta.unit_name or labels.app_name, st.FOOTER_SIZE, False, "right"
    )
    canvas.restoreState()


class _KeepWithNext(KeepTogether):  # type: ignore[misc]
    """What a heading (keepWithNext) and the flowable after it become.

    reportlab moves the pair to the next page whenever it does not fit, which leaves most of a
    page empty before a table that runs over several pages anyway. Here the pair moves only when
    it would fit on a fresh page or when less than `MIN_START` is left; otherwise it starts in
    place and splits.
    """

    MIN_START = 40 * mm

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        content: list[Flowable] = list(self._content)
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", False)) if frame is not None else False
        frame_height = float(frame._height) if frame is not None else aH
        if aH < self._H and not at_top and (frame_height >= self._H or aH < self.MIN_START):
            content.insert(0, FrameBreak())
        return content


class _DocTemplate(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, target: Any, ctx: _Context, **kw: Any) -> None:
        super().__init__(target, **kw)
        self._hexi_ctx = ctx
        frame = Frame(
            st.MARGIN_LEFT,
            st.MARGIN_BOTTOM,
            st.CONTENT_WIDTH,
            st.CONTENT_HEIGHT,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def afterFlowable(self, flowable: Flowable) -> None:
        ctx = self._hexi_ctx
        if (
            ctx.progress is not None
            and isinstance(flowable, PartStart)
            and ctx.progress(flowable.index, len(ctx.parts)) is False
        ):
            raise ReportCancelled("report_cancelled")


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector.

    Building and laying out a story allocates millions of small objects, freed by reference
    counting; the collector's repeated full scans of a long batch's live story cost it a third of
    its time. Nesting is fine; the previous state comes back on exit.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def render_parts(
    parts: Sequence[DocumentPart],
    meta: ReportMeta,
    out: Output = None,
    *,
    pdf_title: str,
    labels: Labels = ZH,
    progress: Progress | None = None,
) -> bytes | None:
    """Lay out `parts` into one PDF. Returns the bytes when `out` is None, else writes `out`
    (a path is written only once the whole document is built). The parts' stories are consumed
    (emptied): a flowable is laid out once."""
    if not parts:
        raise ValueError("no document to render")
    register_fonts()  # and the process-wide reportlab settings (rlsetup)
    ctx = _Context(parts=parts, meta=meta, labels=labels, progress=progress)
    story: list[Flowable] = []
    for index, part in enumerate(parts):
        if index:
            story.append(PageBreak())
        story.append(PartStart(index))
        story.extend(part.story)
        # reportlab drops each flowable from `story` once laid out; holding no other reference
        # keeps a long batch's memory flat.
        part.story = []
    buffer = io.BytesIO()
    doc = _DocTemplate(
        buffer,
        ctx,
        pagesize=st.PAGE_SIZE,
        leftMargin=st.MARGIN_LEFT,
        rightMargin=st.MARGIN_RIGHT,
        topMargin=st.MARGIN_TOP,
        bottomMargin=st.MARGIN_BOTTOM,
        invariant=1,
        pageCompression=1,
        initialFontName=MAIN,
        initialFontSize=st.BODY_SIZE,
        title=pdf_title,
        author=meta.generated_by,
        subject=labels.confidentiality,
        creator=labels.app_name,
        producer="hexi-care",
        lang="zh-CN",
        keepTogetherClass=_KeepWithNext,
    )
    with no_gc():
        doc.build(story, canvasmaker=partial(_PagedCanvas, hexi_ctx=ctx))
    if progress is not None:
        progress(len(parts), len(parts))
    data = buffer.getvalue()
    if out is None:
        return data
    if isinstance(out, str | Path):
        save_output(Path(out), data)  # whole or not at all; a full disk is the user's problem
    else:
        out.write(data)
    return None
