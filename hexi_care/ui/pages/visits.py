"""走访: every visit the user may see, newest first, by status, community, date and child."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hexi_care.domain.enums import VisitStatus
from hexi_care.services import listings
from hexi_care.ui import i18n
from hexi_care.ui.common import ERROR_COLOUR, DateField, label, make_table, on_activate
from hexi_care.ui.i18n import QT_TRANSLATE_NOOP
from hexi_care.ui.models import Column, PagedModel


class VisitsPage(QWidget):
    def __init__(self, ctx, main) -> None:
        super().__init__()
        self.ctx = ctx
        self.main = main
        self.search = QLineEdit()
        self.search.setObjectName("visits_search")
        self.search.setPlaceholderText(self.tr("Child's name or pinyin initials"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.setObjectName("visits_status")
        self.status.addItem(self.tr("Any status"), None)
        for s in VisitStatus:
            self.status.addItem(i18n.label(i18n.VISIT_STATUS, s), s.value)
        self.community = QComboBox()
        comms = ctx.ref.communities()
        if len(comms) != 1:
            self.community.addItem(self.tr("All communities"), None)
        for u in comms:
            self.community.addItem(u.name, u.id)
        self.use_dates = QCheckBox(self.tr("Between"))
        self.date_from = DateField()
        self.date_to = DateField()
        today = ctx.today()
        self.date_from.set_value(today.replace(day=1))
        self.date_to.set_value(today)
        self.count = label("", "muted")
        cols = [
            Column(
                QT_TRANSLATE_NOOP("Columns", "Visit date"),
                lambda v: v.visit_date.isoformat(),
                sort_key="visit_date",
                width=6,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Name"),
                lambda v: v.child_name,
                sort_key="child",
                width=6,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Community"),
                lambda v: v.community_name,
                sort_key="community",
                width=8,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Kind"),
                lambda v: i18n.label(i18n.VISIT_KIND, v.kind),
                sort_key="kind",
                width=6,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Status"),
                lambda v: i18n.label(i18n.VISIT_STATUS, v.status),
                sort_key="status",
                foreground=lambda v: ERROR_COLOUR if v.status == VisitStatus.RETURNED else None,
                width=5,
            ),
            Column(QT_TRANSLATE_NOOP("Columns", "Visitors"), lambda v: v.visitors, width=8),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Next visit"),
                lambda v: i18n.fmt_date(v.next_visit_date),
                width=6,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Supervisor's comment"),
                lambda v: v.review_comment,
                tooltip=lambda v: v.review_comment,
            ),
        ]
        self.model = PagedModel(
            ctx.worker, cols, listings.count_visits, listings.list_visits, parent=self
        )
        self.model.query.sort = "visit_date"
        self.model.query.descending = True
        self.view = make_table(self.model, stretch=7)
        self.view.setObjectName("visits_table")
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        on_activate(self.view, self._open)
        self.model.modelReset.connect(
            lambda: self.count.setText(
                self.tr("1 visit")
                if self.model.total == 1
                else self.tr("{n} visits").format(n=f"{self.model.total:,}")
            )
        )
        self.model.failed.connect(lambda e: self.count.setText(i18n.problem_text(e)))
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(self.status)
        top.addWidget(self.community)
        top.addWidget(self.use_dates)
        top.addWidget(self.date_from)
        top.addWidget(QLabel("–"))
        top.addWidget(self.date_to)
        top.addStretch(1)
        top.addWidget(self.count)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addWidget(label(self.tr("Visits"), "title"))
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        self.print_button = QPushButton(self.tr("&Print summary…"))
        self.print_button.setObjectName("visits_print_summary")
        self.print_button.setToolTip(self.tr("走访情况小结 of the selected visit"))
        self.print_button.clicked.connect(self.print_summary)
        bottom = QHBoxLayout()
        bottom.addWidget(
            label(
                self.tr(
                    "A new visit starts from the child's file (儿童档案 → open a child → New visit). Drafts and returned visits open for editing."
                ),
                "muted",
                wrap=True,
            ),
            1,
        )
        bottom.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(bottom)
        self.search.textChanged.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)
        self.community.currentIndexChanged.connect(self.refresh)
        self.use_dates.toggled.connect(self.refresh)
        self.date_from.dateChanged.connect(self._dates_changed)
        self.date_to.dateChanged.connect(self._dates_changed)

    def show_between(self, first, last) -> None:
        """The visits made between two days (a dashboard month opens its visits)."""
        for w in (self.use_dates, self.date_from, self.date_to):
            w.blockSignals(True)
        self.use_dates.setChecked(True)
        self.date_from.set_value(first)
        self.date_to.set_value(last)
        for w in (self.use_dates, self.date_from, self.date_to):
            w.blockSignals(False)
        self.refresh()

    def _dates_changed(self) -> None:
        if self.use_dates.isChecked():
            self.refresh()

    def refresh(self) -> None:
        self.setProperty("stale", False)
        dates = self.use_dates.isChecked()
        self.model.set_query(
            query=self.search.text().strip() or None,
            status=self.status.currentData(),
            community_id=self.community.currentData(),
            date_from=self.date_from.value() if dates else None,
            date_to=self.date_to.value() if dates else None,
        )

    def _open(self, row: int) -> None:
        v = self.model.row_at(row)
        if v is not None:
            self.main.open_visit(visit_id=v.id, child_id=v.child_id)

    def print_summary(self) -> None:
        from hexi_care.ui import printing

        v = self.model.row_at(self.view.currentIndex().row())
        if v is not None:
            printing.print_summary(self.ctx, self, v.id)
