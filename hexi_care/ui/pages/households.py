"""家庭: households the user may see, searched by address or a child's name, a page at a time."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from hexi_care.services import listings
from hexi_care.ui import i18n
from hexi_care.ui.common import label, make_table, on_activate
from hexi_care.ui.i18n import QT_TRANSLATE_NOOP
from hexi_care.ui.models import Column, PagedModel


class HouseholdsPage(QWidget):
    def __init__(self, ctx, main) -> None:
        super().__init__()
        self.ctx = ctx
        self.main = main
        self.search = QLineEdit()
        self.search.setObjectName("households_search")
        self.search.setPlaceholderText(self.tr("Search: address or a child's name"))
        self.search.setClearButtonEnabled(True)
        self.community = QComboBox()
        comms = ctx.ref.communities()
        if len(comms) != 1:
            self.community.addItem(self.tr("All communities"), None)
        for u in comms:
            self.community.addItem(u.name, u.id)
        self.count = label("", "muted")
        cols = [
            Column(
                QT_TRANSLATE_NOOP("Columns", "Address"),
                lambda h: h.address,
                sort_key="address",
                width=20,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Community"),
                lambda h: h.community_name,
                sort_key="community",
                width=8,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Children"),
                lambda h: i18n.join(c.name for c in h.children),
                width=12,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Parents and guardians"),
                lambda h: i18n.join(h.guardians),
            ),
        ]
        self.model = PagedModel(
            ctx.worker, cols, listings.count_households, listings.list_households, parent=self
        )
        self.model.query.sort = "address"
        self.view = make_table(self.model, stretch=3)
        self.view.setObjectName("households_table")
        self.view.setSortingEnabled(True)
        on_activate(self.view, self._open)
        self.model.modelReset.connect(
            lambda: self.count.setText(
                self.tr("1 household")
                if self.model.total == 1
                else self.tr("{n} households").format(n=f"{self.model.total:,}")
            )
        )
        self.model.failed.connect(lambda e: self.count.setText(i18n.problem_text(e)))
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.community, 1)
        top.addWidget(self.count)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addWidget(label(self.tr("Households"), "title"))
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        lay.addWidget(
            label(
                self.tr(
                    "Enter or double-click opens the household: guardians, notices and help given."
                ),
                "muted",
            )
        )
        self.search.textChanged.connect(self.refresh)
        self.community.currentIndexChanged.connect(self.refresh)

    def refresh(self) -> None:
        self.setProperty("stale", False)
        self.model.set_query(
            query=self.search.text().strip() or None, community_id=self.community.currentData()
        )

    def _open(self, row: int) -> None:
        h = self.model.row_at(row)
        if h is not None:
            self.main.open_household(h.id)
