"""儿童档案: every child the user may see, 20,000 and more without a stall. Search as you type by
name, pinyin initials or the tail of the ID number; filter by street, community, category, risk and
overdue; sort by any column the database can sort by. ID numbers are masked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hexi_care.domain.enums import RiskLevel, Role
from hexi_care.domain.model import Child, ChildSummary
from hexi_care.services import children
from hexi_care.ui import i18n
from hexi_care.ui.common import ERROR_COLOUR, WARN_COLOUR, age_years, label, make_table, on_activate
from hexi_care.ui.i18n import QT_TRANSLATE_NOOP
from hexi_care.ui.models import Column, PagedModel


def child_columns(ctx) -> list[Column]:
    today = ctx.today()
    cats = ctx.ref.categories

    def due_colour(c: ChildSummary):
        if c.next_due is None:
            return None
        return ERROR_COLOUR if c.next_due < today else None

    def age(c: ChildSummary) -> str:
        a = age_years(c.birth_date, today)
        return "" if a is None else i18n.translate("Labels", "{age} yrs").format(age=a)

    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda c: c.name, sort_key="name", width=6),
        Column(QT_TRANSLATE_NOOP("Columns", "Sex"), lambda c: i18n.label(i18n.SEX, c.sex), width=2),
        Column(QT_TRANSLATE_NOOP("Columns", "Age"), age, sort_key="birth_date", width=3),
        Column(
            QT_TRANSLATE_NOOP("Columns", "ID number"),
            lambda c: c.id_number_masked or i18n.translate("Labels", "(none)"),
            width=10,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Community"),
            lambda c: c.community_name,
            sort_key="community",
            width=8,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Categories"),
            lambda c: cats.names(c.categories),
            tooltip=lambda c: cats.names(c.categories),
            width=10,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Risk"),
            lambda c: i18n.label(i18n.RISK, c.risk),
            sort_key="risk",
            foreground=lambda c: (
                ERROR_COLOUR
                if c.risk == RiskLevel.HIGH
                else (WARN_COLOUR if c.risk == RiskLevel.MEDIUM else None)
            ),
            width=3,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Last visit"),
            lambda c: i18n.fmt_date(c.last_visit),
            sort_key="last_visit",
            width=6,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Next visit due"),
            lambda c: i18n.fmt_date(c.next_due),
            sort_key="next_due",
            foreground=due_colour,
            width=6,
        ),
    ]


class ChildrenPage(QWidget):
    def __init__(self, ctx, main) -> None:
        super().__init__()
        self.ctx = ctx
        self.main = main
        self.search = QLineEdit()
        self.search.setObjectName("children_search")
        self.search.setPlaceholderText(
            self.tr("Search: name, pinyin initials (e.g. zxm) or the last digits of the ID number")
        )
        self.search.setClearButtonEnabled(True)
        self.street = QComboBox()
        self.street.setObjectName("filter_street")
        self.community = QComboBox()
        self.community.setObjectName("filter_community")
        self.category = QComboBox()
        self.category.setObjectName("filter_category")
        self.risk = QComboBox()
        self.risk.setObjectName("filter_risk")
        self.overdue = QCheckBox(self.tr("&Overdue only"))
        self.overdue.setObjectName("filter_overdue")
        self.new_button = QPushButton(self.tr("&New child…"))
        self.new_button.setObjectName("new_child")
        # Supervisors hand a director's children to another director (leave, departure).
        self.handover_button = QPushButton(self.tr("Hand over children…"))
        self.handover_button.setObjectName("handover")
        self.handover_button.setVisible(
            ctx.user.role in (Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR)
        )
        self.count = label("", "muted")
        self.count.setObjectName("children_count")

        self.street.addItem(self.tr("All streets"), None)
        for u in ctx.ref.streets():
            self.street.addItem(u.name, u.id)
        self.street.setVisible(len(ctx.ref.streets()) > 1)
        self._fill_communities()
        self.category.addItem(self.tr("All categories"), None)
        for code in ctx.ref.categories.defs:
            self.category.addItem(ctx.ref.categories.name(code), code)
        self.risk.addItem(self.tr("Any risk"), None)
        for r in RiskLevel:
            self.risk.addItem(i18n.label(i18n.RISK, r), r.value)

        self.model = PagedModel(
            ctx.worker,
            child_columns(ctx),
            children.count_children,
            children.list_children,
            page_size=ctx.settings.get("children/page_size"),
            first=children.search_children,
            parent=self,
        )
        self.model.query.sort = "name"
        self.view = make_table(self.model, stretch=5)
        self.view.setObjectName("children_table")
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        on_activate(self.view, self._open_row)
        self.model.modelReset.connect(self._update_count)
        self.model.failed.connect(lambda exc: self.count.setText(i18n.problem_text(exc)))

        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.new_button)
        top.addWidget(self.handover_button)
        filters = QHBoxLayout()
        for w in (self.street, self.community, self.category, self.risk, self.overdue):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.count)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addWidget(label(self.tr("Children"), "title"))
        lay.addLayout(top)
        lay.addLayout(filters)
        lay.addWidget(self.view, 1)
        lay.addWidget(
            label(
                self.tr(
                    "Enter or double-click opens the child's file. ID numbers are masked in lists."
                ),
                "muted",
            )
        )

        self.search.textChanged.connect(self._changed)
        self.street.currentIndexChanged.connect(self._street_changed)
        for box in (self.community, self.category, self.risk):
            box.currentIndexChanged.connect(self._changed)
        self.overdue.toggled.connect(self._changed)
        self.new_button.clicked.connect(self._new_child)
        self.handover_button.clicked.connect(self._hand_over)
        self.search.returnPressed.connect(
            lambda: self._open_row(0) if self.model.total == 1 else self.view.setFocus()
        )
        self._loaded = False

    def _fill_communities(self) -> None:
        street = self.street.currentData()
        self.community.blockSignals(True)
        self.community.clear()
        comms = [u for u in self.ctx.ref.communities() if street is None or u.parent_id == street]
        if len(comms) != 1:
            self.community.addItem(self.tr("All communities"), None)
        for u in comms:
            self.community.addItem(u.name, u.id)
        self.community.blockSignals(False)

    def _street_changed(self) -> None:
        self._fill_communities()
        self._changed()

    def params(self) -> dict:
        return {
            "query": self.search.text().strip() or None,
            "street_id": self.street.currentData(),
            "community_id": self.community.currentData(),
            "category": self.category.currentData(),
            "risk": self.risk.currentData(),
            "overdue": self.overdue.isChecked(),
        }

    def _changed(self) -> None:
        self.model.set_query(**self.params())

    def refresh(self) -> None:
        self.setProperty("stale", False)
        self._loaded = True
        self.model.set_query(**self.params())

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def show_overdue(self) -> None:
        self.overdue.setChecked(True)

    def show_filtered(
        self,
        *,
        street_id: str | None = None,
        community_id: str | None = None,
        category: str | None = None,
        risk: str | None = None,
        overdue: bool = False,
    ) -> None:
        """Set every filter at once (a dashboard figure opens the list it counts)."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        boxes = (
            (self.street, street_id),
            (self.community, community_id),
            (self.category, category),
            (self.risk, risk),
        )
        for box, value in boxes:
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(value)))
            box.blockSignals(False)
            if box is self.street:
                self._fill_communities()
        self.overdue.blockSignals(True)
        self.overdue.setChecked(overdue)
        self.overdue.blockSignals(False)
        self._changed()

    def _update_count(self) -> None:
        total = self.model.total
        self.count.setText(
            self.tr("1 child") if total == 1 else self.tr("{n} children").format(n=f"{total:,}")
        )

    def _open_row(self, row: int) -> None:
        c = self.model.row_at(row)
        if c is not None:
            self.main.open_child(c.id)

    def _child_added(self, child: Child) -> None:
        self.refresh()
        self.main.open_child(child.id)

    def _new_child(self) -> None:
        from hexi_care.ui.dialogs.child import NewChildDialog

        dlg = NewChildDialog(self.ctx, self)
        dlg.saved.connect(self._child_added)
        dlg.open()

    def _hand_over(self) -> None:
        from hexi_care.ui.handover import HandoverDialog

        dlg = HandoverDialog(self.ctx, self)
        dlg.saved.connect(self._handed_over)
        dlg.open()

    def _handed_over(self, done) -> None:
        self.refresh()
        self.main.statusBar().showMessage(
            self.tr("{n} children handed from {a} to {b}.").format(
                n=done.count, a=done.from_user, b=done.to_user
            ),
            10_000,
        )
