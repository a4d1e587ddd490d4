"""活动与慰问: activities with their participants (counted as 人次) and help given to households
(items in 件, money in 元). Notices are recorded from a household or a child's file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hexi_care.services import children, listings
from hexi_care.ui.columns import help_columns
from hexi_care.ui.common import label, make_table, on_activate
from hexi_care.ui.dialogs.activity import ActivityDialog
from hexi_care.ui.dialogs.support import AssistanceDialog
from hexi_care.ui.i18n import QT_TRANSLATE_NOOP
from hexi_care.ui.models import Column, RowsModel


class ChildPicker(QDialog):
    """Find one child (by name, pinyin initials or ID digits) to record help for their household."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chosen = None
        self.setWindowTitle(self.tr("Whose household?"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Name, pinyin initials or the last digits of the ID number")
        )
        self.results = QListWidget()
        ok = QPushButton(self.tr("Choose"))
        ok.setDefault(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.search)
        lay.addWidget(self.results, 1)
        lay.addWidget(ok, 0, Qt.AlignmentFlag.AlignRight)
        self.search.textChanged.connect(self._find)
        self.results.itemActivated.connect(self._pick)
        ok.clicked.connect(self._pick_current)
        self.resize(460, 420)

    def _find(self) -> None:
        q = self.search.text().strip()
        if not q:
            self.results.clear()
            return

        def done(rows) -> None:
            if q != self.search.text().strip():
                return
            self.results.clear()
            for c in rows:
                item = QListWidgetItem(f"{c.name}  {c.community_name}  {c.id_number_masked}")
                item.setData(Qt.ItemDataRole.UserRole, c)
                self.results.addItem(item)

        self.ctx.worker.call(children.list_children, query=q, limit=30, done=done, owner=self)

    def _pick(self, item: QListWidgetItem) -> None:
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()

    def _pick_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._pick(item)


class SupportPage(QWidget):
    def __init__(self, ctx, main) -> None:
        super().__init__()
        self.ctx = ctx
        self.main = main
        self.activities = RowsModel(
            [
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Date"), lambda a: a.held_on.isoformat(), width=6
                ),
                Column(QT_TRANSLATE_NOOP("Columns", "Activity"), lambda a: a.title, width=14),
                Column(QT_TRANSLATE_NOOP("Columns", "Held by"), lambda a: a.unit_name, width=8),
                Column(QT_TRANSLATE_NOOP("Columns", "Place"), lambda a: a.place, width=8),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Person-times"),
                    lambda a: str(a.participants),
                    align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                ),
            ],
            parent=self,
        )
        self.help = RowsModel(
            help_columns(
                who=[
                    Column(
                        QT_TRANSLATE_NOOP("Columns", "Household"),
                        lambda a: a.household_address,
                        width=14,
                    ),
                    Column(QT_TRANSLATE_NOOP("Columns", "Child"), lambda a: a.child_name, width=5),
                ],
                what_width=10,
            ),
            parent=self,
        )
        self.participants = QListWidget()
        self.participants.setObjectName("participants")
        act_view = self.act_view = make_table(self.activities, stretch=1)
        act_view.setObjectName("activities_table")
        act_view.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self._participants(cur.row())
        )
        self.participants.itemActivated.connect(
            lambda it: self.main.open_child(it.data(Qt.ItemDataRole.UserRole))
        )
        help_view = make_table(self.help, stretch=1)
        help_view.setObjectName("help_table")
        on_activate(help_view, self._open_household)
        new_act = QPushButton(self.tr("&New activity…"))
        new_act.setObjectName("new_activity")
        new_act.clicked.connect(self._new_activity)
        new_help = QPushButton(self.tr("Record &help given…"))
        new_help.setObjectName("new_help")
        new_help.clicked.connect(self._new_help)
        self.help_count = label("", "muted")
        acts = QGroupBox(self.tr("Activities"))
        al = QVBoxLayout(acts)
        split = QSplitter()
        split.addWidget(act_view)
        pw = QWidget()
        pl = QVBoxLayout(pw)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(label(self.tr("Participants you may see (Enter opens the file)"), "muted"))
        pl.addWidget(self.participants)
        split.addWidget(pw)
        split.setSizes([760, 300])
        al.addWidget(split, 1)
        al.addWidget(new_act, 0, Qt.AlignmentFlag.AlignLeft)
        helps = QGroupBox(self.tr("Help given"))
        hl = QVBoxLayout(helps)
        hl.addWidget(help_view, 1)
        row = QHBoxLayout()
        row.addWidget(new_help)
        row.addStretch(1)
        row.addWidget(self.help_count)
        hl.addLayout(row)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addWidget(label(self.tr("Activities and help"), "title"))
        lay.addWidget(acts, 1)
        lay.addWidget(helps, 1)

    def refresh(self) -> None:
        self.setProperty("stale", False)
        self.ctx.worker.call(listings.list_activities, done=self._activities_loaded, owner=self)
        self.ctx.worker.call(
            listings.list_assistance, limit=500, done=self.help.set_rows, owner=self
        )
        self.ctx.worker.call(
            listings.count_assistance,
            done=self._help_counted,
            owner=self,
        )

    def _activities_loaded(self, rows) -> None:
        self.activities.set_rows(rows)
        if rows:
            self.act_view.selectRow(0)

    def _help_counted(self, n: int) -> None:
        if n > 500:
            self.help_count.setText(
                self.tr("{n} records of help; the newest 500 are listed").format(n=f"{n:,}")
            )
        else:
            self.help_count.setText(
                self.tr("1 record of help")
                if n == 1
                else self.tr("{n} records of help").format(n=n)
            )

    def _participants(self, row: int) -> None:
        a = self.activities.row_at(row)
        self.participants.clear()
        if a is None:
            return

        def done(kids) -> None:
            self.participants.clear()
            for c in kids:
                item = QListWidgetItem(c.name)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                self.participants.addItem(item)

        self.ctx.worker.call(listings.activity_participants, a.id, done=done, owner=self)

    def _new_activity(self) -> None:
        dlg = ActivityDialog(self.ctx, self)
        dlg.saved.connect(lambda _a: self.refresh())
        dlg.open()

    def _new_help(self) -> None:
        picker = ChildPicker(self.ctx, self)

        def chosen() -> None:
            c = picker.chosen
            if c is None or not c.household_id:
                return
            dlg = AssistanceDialog(self.ctx, self, c.household_id, [(c.id, c.name)], child_id=c.id)
            dlg.saved.connect(lambda _a: self.refresh())
            dlg.open()

        picker.accepted.connect(chosen)
        picker.open()

    def _open_household(self, row: int) -> None:
        a = self.help.row_at(row)
        if a is not None:
            self.main.open_household(a.household_id)
