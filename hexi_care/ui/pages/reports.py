"""报表: this period's work figures (户, 人, 人次, 件, 元), counted live by services.statistics and
printed as 工作统计; batches of checklists or visit summaries for a street or community and a date
range; the register (台账) as Excel or CSV; the month's 基本生活保障金 list or ledger for the
finance office; the blank checklist. A single child's, visit's or
household's documents print from their own windows."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hexi_care.domain.allowance import month_of
from hexi_care.services import campaigns, statistics
from hexi_care.ui import i18n, printing
from hexi_care.ui.common import DateField, label, line_edit, make_table, yuan
from hexi_care.ui.dialogs.allowance import month_hint
from hexi_care.ui.i18n import QT_TRANSLATE_NOOP
from hexi_care.ui.models import Column, RowsModel
from hexi_care.ui.progress import run_with_progress
from hexi_care.ui.worker import logged_only


def _flat(u: statistics.UnitFigures, depth: int = 0) -> list[tuple[int, statistics.UnitFigures]]:
    out = [(depth, u)]
    for p in u.parts:
        out.extend(_flat(p, depth + 1))
    return out


class ReportsPage(QWidget):
    def __init__(self, ctx, main) -> None:
        super().__init__()
        self.ctx = ctx
        self.main = main
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        self.figures = RowsModel(
            [
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Unit"),
                    lambda r: "    " * r[0] + r[1].name,
                    width=12,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Households"),
                    lambda r: f"{r[1].figures.households:,}",
                    align=right,
                    width=4,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Persons"),
                    lambda r: f"{r[1].figures.children:,}",
                    align=right,
                    width=4,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Person-times"),
                    lambda r: f"{r[1].figures.person_times:,}",
                    align=right,
                    width=4,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Visits"),
                    lambda r: f"{r[1].figures.visits:,}",
                    align=right,
                    width=4,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Notices"),
                    lambda r: f"{r[1].figures.notices:,}",
                    align=right,
                    width=4,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Items"),
                    lambda r: f"{r[1].figures.items:,}",
                    align=right,
                    width=4,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Yuan"),
                    lambda r: yuan(r[1].figures.amount_fen),
                    align=right,
                    width=6,
                ),
            ],
            parent=self,
        )
        today = ctx.today()
        self.unit = self._unit_combo("stats_unit")
        self.start = DateField()
        self.start.set_value(date(today.year, 1, 1))
        self.end = DateField()
        self.end.set_value(today)
        # All the work, or what one campaign reached (the visits and help tagged with it).
        self.campaign = QComboBox()
        self.campaign.setObjectName("stats_campaign")
        self.campaign.addItem(self.tr("All work"), "")
        self.campaign.setToolTip(self.tr("Count only the visits and help of one campaign"))
        count = QPushButton(self.tr("&Count"))
        count.setObjectName("stats_count")
        count.clicked.connect(self.refresh)
        self.stats_button = QPushButton(self.tr("&Print statistics…"))
        self.stats_button.setObjectName("print_stats")
        self.stats_button.setToolTip(
            self.tr("工作统计 for this unit and period, as a PDF to print")
        )
        self.stats_button.clicked.connect(self.print_statistics)
        self.message = label("", "muted", wrap=True)
        view = make_table(self.figures, stretch=0)
        view.setObjectName("stats_table")
        fig = QGroupBox(self.tr("Work figures"))
        fl = QVBoxLayout(fig)
        row = QHBoxLayout()
        row.addWidget(self.unit, 2)
        row.addWidget(self.start)
        row.addWidget(label("–"))
        row.addWidget(self.end)
        row.addWidget(self.campaign, 1)
        row.addWidget(count)
        fl.addLayout(row)
        fl.addWidget(view, 1)
        fl.addWidget(
            label(
                self.tr(
                    "Persons are counted once however often they were reached; person-times count every visit and every activity taken part in."
                ),
                "muted",
                wrap=True,
            )
        )
        row2 = QHBoxLayout()
        row2.addWidget(self.message, 1)
        row2.addWidget(self.stats_button, 0, Qt.AlignmentFlag.AlignTop)
        fl.addLayout(row2)

        # Printed documents: batches for a unit and range, the register, the blank form.
        docs = QGroupBox(self.tr("Printed documents"))
        inner = QWidget()
        dl = QVBoxLayout(inner)
        dl.setContentsMargins(0, 0, 6, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        QVBoxLayout(docs).addWidget(scroll)
        self.doc_unit = self._unit_combo("doc_unit")
        self.doc_start = DateField()
        self.doc_start.setObjectName("doc_start")
        self.doc_start.set_value(today.replace(day=1))
        self.doc_end = DateField()
        self.doc_end.setObjectName("doc_end")
        # To the month's end: checklists are for the visits still due this month.
        self.doc_end.set_value(
            date(today.year + today.month // 12, today.month % 12 + 1, 1) - timedelta(days=1)
        )
        form = QFormLayout()
        form.addRow(self.tr("Street or community"), self.doc_unit)
        dates = QHBoxLayout()
        dates.addWidget(self.doc_start)
        dates.addWidget(label("–"))
        dates.addWidget(self.doc_end)
        dates.addStretch(1)
        form.addRow(self.tr("Dates"), dates)
        dl.addLayout(form)
        self.doc_buttons: dict[str, QPushButton] = {}
        for key, title, what, button_text, slot in (
            (
                "batch_checklist",
                self.tr("Home-visit checklists (入户走访记录表), batch"),
                self.tr(
                    "One pre-filled checklist for every child whose next visit falls between the dates, to take along."
                ),
                self.tr("Create…"),
                lambda: self.print_batch("checklist"),
            ),
            (
                "batch_summary",
                self.tr("Visit summaries (走访情况小结), batch"),
                self.tr("The summary of every visit recorded between the dates, for the files."),
                self.tr("Create…"),
                lambda: self.print_batch("summary"),
            ),
            (
                "register",
                self.tr("Register export (台账, Excel or CSV)"),
                self.tr(
                    "Every child of the street or community with masked ID numbers, for the street and district registers."
                ),
                self.tr("Export…"),
                self.export_register,
            ),
            (
                "blank_checklist",
                self.tr("Blank checklist"),
                self.tr(
                    "The checklist with every field left to fill by hand, for a child not yet registered."
                ),
                self.tr("Preview…"),
                self.print_blank,
            ),
        ):
            box = QWidget()
            bl = QHBoxLayout(box)
            bl.setContentsMargins(0, 4, 0, 4)
            text = QVBoxLayout()
            text.addWidget(label(title, "subtitle"))
            text.addWidget(label(what, wrap=True))
            bl.addLayout(text, 1)
            button = QPushButton(button_text)
            button.setObjectName(f"print_{key}")
            button.clicked.connect(slot)
            self.doc_buttons[key] = button
            bl.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            dl.addWidget(box)
        dl.addWidget(self._allowance_box(today))
        self.doc_message = label("", "muted", wrap=True, selectable=True)
        self.doc_message.setObjectName("doc_message")
        dl.addWidget(self.doc_message)
        dl.addWidget(
            label(
                self.tr(
                    "One child's checklist and case file print from the child's file, a visit's summary from the visit, the guardian-responsibility notice from the household."
                ),
                "muted",
                wrap=True,
            )
        )
        dl.addStretch(1)
        split = QSplitter()
        split.addWidget(fig)
        split.addWidget(docs)
        split.setSizes([640, 480])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addWidget(label(self.tr("Reports"), "title"))
        lay.addWidget(split, 1)
        self._counted = False

    def _offer_campaigns(self, names: list[str]) -> None:
        """The campaigns as they are now (one added on the campaigns page since shows); the one
        chosen stays chosen while it is there."""
        chosen = str(self.campaign.currentData() or "")
        while self.campaign.count() > 1:
            self.campaign.removeItem(1)
        for name in names:
            self.campaign.addItem(name, name)
        self.campaign.setCurrentIndex(max(0, self.campaign.findData(chosen)))

    def refresh(self) -> None:
        # (each time the page is shown: the campaigns offered, then the figures)
        self.ctx.worker.call(
            lambda uow: [c.name for c in campaigns.campaigns(uow)],
            done=self._offer_campaigns,
            failed=logged_only,  # "all work" can still be counted
            owner=self,
        )
        unit = self.unit.currentData()
        start, end = self.start.value(), self.end.value()
        if unit is None or start is None or end is None:
            return
        self.message.setText(self.tr("Counting…"))
        events = statistics.EventFilter(campaign=str(self.campaign.currentData() or ""))

        def done(f: statistics.UnitFigures) -> None:
            self.figures.set_rows(_flat(f))
            self.message.setText("")

        self.ctx.worker.call(
            statistics.compute,
            unit,
            start,
            end,
            events,
            done=done,
            failed=lambda e: self.message.setText(i18n.problem_text(e)),
            owner=self,
        )

    def _unit_combo(self, name: str) -> QComboBox:
        """The user's own unit first, then the streets and district, then the communities."""
        box = QComboBox()
        box.setObjectName(name)
        ref = self.ctx.ref
        own = self.ctx.user.unit_id if self.ctx.user else None
        units = [u for u in ref.units if u.kind.value != "community"] + ref.communities()
        seen: set[str] = set()
        for u in [x for x in ref.units if x.id == own] + units:
            if u.id not in seen:
                seen.add(u.id)
                box.addItem(f"{i18n.label(i18n.UNIT_KIND, u.kind)} · {u.name}", u.id)
        return box

    # -- printing ----------------------------------------------------------------------------
    def print_statistics(self) -> None:
        unit = self.unit.currentData()
        start, end = self.start.value(), self.end.value()
        if unit is None or start is None or end is None:
            return
        if end < start:
            self.message.setText(self.tr("The end date is before the start date."))
            return
        campaign = str(self.campaign.currentData() or "")
        printing.print_statistics(self.ctx, self, unit, start, end, campaign)

    def print_blank(self) -> None:
        printing.print_checklist(self.ctx, self, None)

    def _doc_range(self) -> tuple[str, date, date] | None:
        unit = self.doc_unit.currentData()
        start, end = self.doc_start.value(), self.doc_end.value()
        if unit is None or start is None or end is None:
            return None
        if end < start:
            self.doc_message.setText(self.tr("The end date is before the start date."))
            return None
        return unit, start, end

    def print_batch(self, kind: str) -> None:
        chosen = self._doc_range()
        if chosen is None:
            return
        unit, start, end = chosen
        out = printing.ask_save_path(
            self,
            self.tr("Save the batch as PDF"),
            f"{kind}-{start}-{end}.pdf",
            i18n.translate("Printing", "PDF files (*.pdf)"),
        )
        if out is None:
            return
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        self.doc_message.setText(self.tr("Creating…"))

        def done(count: int) -> None:
            if count == 0:
                self.doc_message.setText(self.tr("Nothing to print for these dates."))
                return
            self.doc_message.setText(
                (
                    self.tr("1 document saved to {path}")
                    if count == 1
                    else self.tr("{n} documents saved to {path}")
                ).format(n=count, path=str(out))
            )
            self.batch_preview = printing.show_pdf(
                self, out.read_bytes(), self.tr("Batch printing"), out.name
            )

        def failed(exc: BaseException) -> None:
            self.doc_message.setText(i18n.problem_text(exc))

        self.batch_task, self.batch_dialog = printing.run_batch(
            self.ctx,
            self,
            unit,
            start,
            end,
            kind,
            out,
            done=done,
            failed=failed,
            cancelled=lambda: self.doc_message.setText(self.tr("Cancelled: nothing was written.")),
        )

    # -- 基本生活保障金: the month's list for the finance office ---------------------------------
    def _allowance_box(self, today: date) -> QWidget:
        box = QWidget()
        bl = QHBoxLayout(box)
        bl.setContentsMargins(0, 4, 0, 4)
        text = QVBoxLayout()
        text.addWidget(
            label(self.tr("Basic living allowance, monthly list (Excel or PDF)"), "subtitle")
        )
        text.addWidget(
            label(
                self.tr(
                    "Every allowance paid for the month in your units with the year's standard, "
                    "for the finance office; the ledger adds what was paid and when."
                ),
                wrap=True,
            )
        )
        row = QHBoxLayout()
        self.allowance_month = line_edit(month_hint(), 7)
        self.allowance_month.setObjectName("allowance_month")
        self.allowance_month.setText(month_of(today))
        self.allowance_month.setMaximumWidth(120)
        self.allowance_kind = QComboBox()
        self.allowance_kind.setObjectName("allowance_kind")
        self.allowance_kind.addItem(self.tr("Payment list"), False)
        self.allowance_kind.addItem(self.tr("Payment ledger"), True)
        row.addWidget(label(self.tr("Month")))
        row.addWidget(self.allowance_month)
        row.addWidget(self.allowance_kind)
        row.addStretch(1)
        text.addLayout(row)
        bl.addLayout(text, 1)
        button = QPushButton(self.tr("Export…"))
        button.setObjectName("print_allowance")
        button.clicked.connect(self.export_allowance)
        self.doc_buttons["allowance"] = button
        bl.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        return box

    def export_allowance(self) -> None:
        month = self.allowance_month.text().strip()
        ledger = bool(self.allowance_kind.currentData())
        out = printing.ask_save_path(
            self,
            self.tr("Save the allowance list"),
            f"{'ledger' if ledger else 'allowance'}-{month}.xlsx",
            self.tr("Excel workbook (*.xlsx);;PDF files (*.pdf)"),
        )
        if out is None:
            return
        if out.suffix.lower() not in (".xlsx", ".pdf"):
            out = out.with_name(out.name + ".xlsx")
        self.export_allowance_to(month, out, ledger=ledger)

    def export_allowance_to(self, month: str, out: Path, *, ledger: bool) -> None:
        """Write the list on the database worker behind a progress dialog."""
        self.doc_message.setText(self.tr("Exporting…"))

        def done(n: int) -> None:
            self.doc_message.setText(
                self.tr("{n} lines written to {path}").format(n=n, path=str(out))
            )

        self.allowance_task = run_with_progress(
            self,
            self.ctx.worker,
            printing.allowance_job(month, out, ledger=ledger),
            title=self.tr("Basic living allowance"),
            first_label=self.tr("Collecting the month's allowances…"),
            cancel_text=i18n.translate("Printing", "Cancel"),
            stage_label=lambda _stage: None,
            done=done,
            failed=lambda e: self.doc_message.setText(i18n.problem_text(e)),
            cancelled=lambda: self.doc_message.setText(self.tr("Cancelled: nothing was written.")),
        )

    def export_register(self) -> None:
        unit = self.doc_unit.currentData()
        if unit is None:
            return
        out = printing.ask_save_path(
            self,
            self.tr("Export the register"),
            "register.xlsx",
            self.tr("Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"),
        )
        if out is None:
            return
        if out.suffix.lower() not in (".xlsx", ".csv"):
            out = out.with_name(out.name + ".xlsx")
        self.export_to(unit, out)

    def export_to(self, unit: str, out: Path) -> None:
        self.doc_message.setText(self.tr("Exporting…"))
        self.ctx.worker.submit(
            printing.register_job(unit, out),
            done=lambda n: self.doc_message.setText(
                (
                    self.tr("1 child written to {path}")
                    if n == 1
                    else self.tr("{n} children written to {path}")
                ).format(n=n, path=str(out))
            ),
            failed=lambda e: self.doc_message.setText(i18n.problem_text(e)),
            owner=self,
            name="report-register",
        )
