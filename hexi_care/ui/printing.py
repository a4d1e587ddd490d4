"""Printed documents in the window: build and render a report on the database worker, then show
the PDF in a preview (QtPdf) from which it goes to the system print dialog or is saved as a file.
Long batches render with a progress dialog that can be cancelled."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hexi_care.reports.apart import render_apart
from hexi_care.reports.labels import labels_for
from hexi_care.ui import i18n
from hexi_care.ui.common import label, set_role, shortcut, show_problem
from hexi_care.ui.screen import fit_to_screen
from hexi_care.ui.worker import Cancelled, Task

log = logging.getLogger("hexi_care.ui.printing")
# Pages go to the printer as images at this resolution: sharp on paper, small enough to send.
PRINT_DPI = 300


def ask_save_path(parent: QWidget | None, title: str, suggested: str, filters: str) -> Path | None:
    """The file the user chose to write, or None (tests replace this)."""
    start = str(Path.home() / suggested)
    name, _ = QFileDialog.getSaveFileName(parent, title, start, filters)
    return Path(name) if name else None


class PdfPreview(QDialog):
    """A generated PDF on screen (from bytes, never written to disk unless saved) with 打印… and
    另存为 PDF…."""

    def __init__(self, parent: QWidget | None, pdf: bytes, title: str, filename: str) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("pdf_preview")
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fit_to_screen(self, 900, 720)
        self.pdf = pdf
        self.filename = filename
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(pdf))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self.buffer)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.zoom = QComboBox()
        self.zoom.setObjectName("pdf_zoom")
        for text, mode, factor in (
            (i18n.translate("Printing", "Fit width"), QPdfView.ZoomMode.FitToWidth, 1.0),
            (i18n.translate("Printing", "Whole page"), QPdfView.ZoomMode.FitInView, 1.0),
            ("100%", QPdfView.ZoomMode.Custom, 1.0),
            ("150%", QPdfView.ZoomMode.Custom, 1.5),
        ):
            self.zoom.addItem(text, (mode, factor))
        self.zoom.currentIndexChanged.connect(self._zoom)
        self.pages = label("", "muted")
        self.pages.setObjectName("pdf_pages")
        self.print_button = QPushButton(i18n.translate("Printing", "&Print…"))
        self.print_button.setObjectName("pdf_print")
        self.print_button.setToolTip("Ctrl+P")
        set_role(self.print_button, "primary")
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button = QPushButton(i18n.translate("Printing", "&Save as PDF…"))
        self.save_button.setObjectName("pdf_save")
        self.save_button.clicked.connect(lambda: self.save_as())
        close = QPushButton(i18n.translate("Printing", "&Close"))
        close.clicked.connect(self.close)
        shortcut(self, "Ctrl+P", self.print_dialog)
        shortcut(self, "Ctrl+W", self.close)
        bar = QHBoxLayout()
        bar.addWidget(self.zoom)
        bar.addWidget(self.pages, 1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view, 1)
        lay.addLayout(bar)
        self.document.pageCountChanged.connect(self._count)
        self._count()

    def _zoom(self, _index: int) -> None:
        mode, factor = self.zoom.currentData()
        self.view.setZoomMode(mode)
        if mode == QPdfView.ZoomMode.Custom:
            self.view.setZoomFactor(factor)

    def _count(self, *_: object) -> None:
        n = self.document.pageCount()
        one = i18n.translate("Printing", "1 page")
        many = i18n.translate("Printing", "{n} pages").format(n=n)
        self.pages.setText("" if not n else one if n == 1 else many)
        self.print_button.setEnabled(n > 0)

    # -- printing ---------------------------------------------------------------------------
    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)  # the PDF carries its own margins
        printer.setDocName(self.windowTitle())
        printer.setFromTo(1, max(1, self.document.pageCount()))
        return printer

    def print_dialog(self) -> None:
        if self.document.pageCount() == 0:
            return
        printer = self.make_printer()
        dlg = QPrintDialog(printer, self)
        dlg.setWindowTitle(i18n.translate("Printing", "Print"))
        dlg.setMinMax(1, self.document.pageCount())
        dlg.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Render each chosen page onto the printer; returns how many were printed."""
        count = self.document.pageCount()
        first, last = printer.fromPage(), printer.toPage()
        if printer.printRange() != QPrinter.PrintRange.PageRange or first <= 0 or last <= 0:
            first, last = 1, count
        first, last = max(1, first), min(count, last)
        painter = QPainter()
        if not painter.begin(printer):
            show_problem(self, RuntimeError("printer"), i18n.translate("Printing", "Cannot print"))
            return 0
        printed = 0
        try:
            for index in range(first - 1, last):
                if printed:
                    printer.newPage()
                points = self.document.pagePointSize(index)
                size = QSize(
                    round(points.width() * PRINT_DPI / 72), round(points.height() * PRINT_DPI / 72)
                )
                image = self.document.render(index, size)
                target = painter.viewport()
                scale = min(target.width() / size.width(), target.height() / size.height())
                w, h = round(size.width() * scale), round(size.height() * scale)
                painter.drawImage(
                    QRect(target.x() + (target.width() - w) // 2, target.y(), w, h), image
                )
                printed += 1
        finally:
            painter.end()
        return printed

    # -- saving -----------------------------------------------------------------------------
    def save_as(self, path: Path | None = None) -> Path | None:
        if path is None:
            path = ask_save_path(
                self,
                i18n.translate("Printing", "Save as PDF"),
                self.filename,
                i18n.translate("Printing", "PDF files (*.pdf)"),
            )
            if path is None:
                return None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            path.write_bytes(self.pdf)
        except OSError as exc:
            show_problem(self, exc, i18n.translate("Printing", "Cannot save"))
            return None
        self.pages.setText(i18n.translate("Printing", "Saved to {path}").format(path=str(path)))
        return path


def show_pdf(parent: QWidget | None, pdf: bytes, title: str, filename: str) -> PdfPreview:
    dlg = PdfPreview(parent, pdf, title, filename)
    dlg.show()
    return dlg


def preview(
    ctx: Any,
    parent: QWidget,
    make: Callable[[Task], bytes],
    title: str,
    filename: str,
    on_shown: Callable[[PdfPreview], None] | None = None,
) -> Task:
    """Build and render on the worker (`make` returns the PDF bytes), then open the preview."""

    def done(pdf: bytes) -> None:
        dlg = show_pdf(parent, pdf, title, filename)
        if on_shown is not None:
            on_shown(dlg)

    return ctx.worker.submit(
        make,
        done=done,
        failed=lambda e: show_problem(
            parent, e, i18n.translate("Printing", "Cannot create the document")
        ),
        owner=parent,
        name=f"report-{filename}",
    )


# -- the documents ---------------------------------------------------------------------------
# Each job runs on the worker: one unit of work builds (and audits) the data, then a helper
# process renders it (reports/apart.py: the window does not keep the font tables all day).


def planned_date(uow: Any, child_id: str) -> date | None:
    """The child's next visit date as scheduled, for the checklist; none when already overdue
    (the date is then written by hand)."""
    from hexi_care.services import children

    child = children.get_child(uow, child_id)
    due = next(
        (
            s.next_due
            for s in children.list_children(uow, community_id=child.community_id)
            if s.id == child_id
        ),
        None,
    )
    return due if due is not None and due >= uow.today() else None


def checklist_job(child_id: str | None) -> Callable[[Task], bytes]:
    lang = i18n.lang()

    def run(task: Task) -> bytes:
        from hexi_care.reports import builders

        with task.uow() as uow:
            if child_id:
                data = builders.checklist(
                    uow, child_id, planned_date=planned_date(uow, child_id), lang=lang
                )
            else:
                data = builders.blank_checklist(uow)
            meta = builders.meta(uow, data.community_name, lang)
        return render_apart(
            "hexi_care.reports.checklist:render_checklist", data, meta, labels=labels_for(lang)
        )

    return run


def casefile_job(child_id: str) -> Callable[[Task], bytes]:
    lang = i18n.lang()

    def run(task: Task) -> bytes:
        from hexi_care.reports import builders

        with task.uow() as uow:
            data = builders.case_file(uow, child_id, lang)
            meta = builders.meta(uow, data.file.community_name, lang)
        return render_apart(
            "hexi_care.reports.casefile:render_casefile", data, meta, labels=labels_for(lang)
        )

    return run


def summary_job(visit_id: str) -> Callable[[Task], bytes]:
    lang = i18n.lang()

    def run(task: Task) -> bytes:
        from hexi_care.reports import builders

        with task.uow() as uow:
            data = builders.summary(uow, visit_id, lang=lang)
            meta = builders.meta(uow, data.community_name, lang)
        return render_apart(
            "hexi_care.reports.summary:render_summary", data, meta, labels=labels_for(lang)
        )

    return run


def notice_job(household_id: str, template: str) -> Callable[[Task], bytes]:
    lang = i18n.lang()

    def run(task: Task) -> bytes:
        from hexi_care.reports import builders

        with task.uow() as uow:
            data = builders.notice(uow, household_id, template, lang)
            meta = builders.meta(uow, data.community_name, lang)
        return render_apart(
            "hexi_care.reports.notice:render_notice", data, meta, labels=labels_for(lang)
        )

    return run


def statistics_job(
    unit: str, start: date, end: date, campaign: str = ""
) -> Callable[[Task], bytes]:
    lang = i18n.lang()

    def run(task: Task) -> bytes:
        from hexi_care.reports import builders
        from hexi_care.services.statistics import EventFilter

        with task.uow() as uow:
            events = EventFilter(campaign=campaign)
            data = builders.stats(uow, unit, start, end, events, lang=lang)
            meta = builders.meta(uow, data.unit_name, lang)
        return render_apart(
            "hexi_care.reports.statistics:render_statistics", data, meta, labels=labels_for(lang)
        )

    return run


def print_checklist(ctx: Any, parent: QWidget, child_id: str | None, **kw: Any) -> Task:
    return preview(
        ctx,
        parent,
        checklist_job(child_id),
        i18n.translate("Printing", "Home-visit checklist"),
        f"checklist-{child_id[:8]}.pdf" if child_id else "checklist-blank.pdf",
        **kw,
    )


def print_casefile(ctx: Any, parent: QWidget, child_id: str, **kw: Any) -> Task:
    return preview(
        ctx,
        parent,
        casefile_job(child_id),
        i18n.translate("Printing", "Case file"),
        f"casefile-{child_id[:8]}.pdf",
        **kw,
    )


def print_summary(ctx: Any, parent: QWidget, visit_id: str, **kw: Any) -> Task:
    return preview(
        ctx,
        parent,
        summary_job(visit_id),
        i18n.translate("Printing", "Visit summary"),
        f"summary-{visit_id[:8]}.pdf",
        **kw,
    )


def print_notice(
    ctx: Any, parent: QWidget, household_id: str, template: str = "general", **kw: Any
) -> Task:
    return preview(
        ctx,
        parent,
        notice_job(household_id, template),
        i18n.translate("Printing", "Guardian-responsibility notice"),
        f"notice-{template}-{household_id[:8]}.pdf",
        **kw,
    )


def print_statistics(
    ctx: Any, parent: QWidget, unit: str, start: date, end: date, campaign: str = "", **kw: Any
) -> Task:
    """工作统计 of a unit and period; `campaign` narrows it to the visits and help tagged with a
    campaign (statistics.EventFilter)."""
    return preview(
        ctx,
        parent,
        statistics_job(unit, start, end, campaign),
        i18n.translate("Printing", "Work statistics"),
        f"statistics-{start}-{end}.pdf",
        **kw,
    )


# -- batches ---------------------------------------------------------------------------------


def batch_job(unit: str, start: date, end: date, kind: str, out: Path) -> Callable[[Task], int]:
    """Checklists or summaries for a unit and date range into `out`; returns the document count.
    Cancelling stops the layout and writes nothing (render_batch writes only a finished PDF)."""

    lang = i18n.lang()

    def run(task: Task) -> int:
        from hexi_care.reports import builders
        from hexi_care.reports.base import ReportCancelled
        from hexi_care.reports.batch import render_batch

        task.report(0, 0, "collect")
        with task.uow() as uow:
            unit_name, items = builders.batch(uow, unit, start, end, kind, lang)
            meta = builders.meta(uow, unit_name, lang)
        task.check_cancelled()
        if not items:
            return 0

        def progress(done: int, total: int) -> bool:
            task.report(done, total, "render")
            return not task.cancelled

        try:
            render_batch(
                items, meta, out, title=unit_name, progress=progress, labels=labels_for(lang)
            )
        except ReportCancelled:
            raise Cancelled() from None
        return len(items)

    return run


def run_batch(
    ctx: Any,
    parent: QWidget,
    unit: str,
    start: date,
    end: date,
    kind: str,
    out: Path,
    done: Callable[[int], None],
    failed: Callable[[BaseException], None],
    cancelled: Callable[[], None],
) -> tuple[Task, QProgressDialog]:
    """Run a batch with a progress bar and Cancel; `done(count)` once the file is written."""
    dlg = QProgressDialog(
        i18n.translate("Printing", "Collecting the records…"),
        i18n.translate("Printing", "Cancel"),
        0,
        0,
        parent,
    )
    dlg.setObjectName("batch_progress")
    dlg.setWindowTitle(i18n.translate("Printing", "Batch printing"))
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setMinimumDuration(0)
    dlg.setMinimumWidth(420)
    dlg.setAutoClose(False)
    dlg.setAutoReset(False)

    def progress(n: int, total: int, step: str) -> None:
        if step == "render" and total:
            dlg.setMaximum(total)
            dlg.setValue(min(n, total))
            dlg.setLabelText(
                i18n.translate("Printing", "Laying out document {n} of {total}…").format(
                    n=n, total=total
                )
            )

    def finished(count: int) -> None:
        dlg.reset()
        dlg.close()
        done(count)

    def problem(exc: BaseException) -> None:
        dlg.reset()
        dlg.close()
        failed(exc)

    task = ctx.worker.submit(
        batch_job(unit, start, end, kind, out),
        done=finished,
        failed=problem,
        progress=progress,
        owner=parent,
        name="report-batch",
    )

    def cancel() -> None:
        task.cancel()
        dlg.close()
        cancelled()

    dlg.canceled.connect(cancel)
    dlg.show()
    return task, dlg


def register_job(unit: str, out: Path) -> Callable[[Task], int]:
    lang = i18n.lang()

    def run(task: Task) -> int:
        from hexi_care.reports import builders
        from hexi_care.reports.register import write_register_csv, write_register_xlsx

        with task.uow() as uow:
            rows = builders.register(uow, unit, lang=lang)
            meta = builders.meta(uow, lang=lang)
        if out.suffix.lower() == ".csv":
            write_register_csv(rows, meta, out, labels=labels_for(lang))
        else:
            write_register_xlsx(rows, meta, out, labels=labels_for(lang))
        return len(rows)

    return run


def allowance_job(month: str, out: Path, *, ledger: bool) -> Callable[[Task], int]:
    """The month's 基本生活保障金 list (or its ledger) for the finance office, as .xlsx or PDF."""
    lang = i18n.lang()

    def run(task: Task) -> int:
        from hexi_care.reports.allowance import write_month

        task.report(0, 0, "collect")
        with task.uow() as uow:
            return write_month(uow, month, out, ledger=ledger, lang=lang)

    return run
