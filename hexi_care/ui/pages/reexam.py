"""复核清单: every child whose case needs a decision, with the reason and the date it concerns.
Enter or double-click opens the child's file on the tab that deals with the reason; a decision
(复核通过, 已变更类别, 不适用) takes the reason off the list."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hexi_care.domain.enums import ReexamDecision, ReexamKind
from hexi_care.services import reexamination, worklists
from hexi_care.services.reexamination import ReexamItem
from hexi_care.ui import i18n
from hexi_care.ui.common import (
    ERROR_COLOUR,
    WARN_COLOUR,
    combo,
    label,
    make_table,
    on_activate,
    set_role,
    text_edit,
)
from hexi_care.ui.dialogs.base import RecordDialog
from hexi_care.ui.i18n import QT_TRANSLATE_NOOP
from hexi_care.ui.models import Column, RowsModel


def _colour(item: ReexamItem, today: date):
    if item.when is None:
        return None
    return ERROR_COLOUR if item.when < today else WARN_COLOUR


def columns(today_fn) -> list[Column]:
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda i: i.child_name, width=6),
        Column(QT_TRANSLATE_NOOP("Columns", "Community"), lambda i: i.community_name, width=8),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Reason"),
            lambda i: i18n.label(i18n.REEXAM_KIND, i.kind),
            width=10,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Date"),
            lambda i: i18n.fmt_date(i.when) if i.when else "",
            foreground=lambda i: _colour(i, today_fn()),
            width=6,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Details"),
            lambda i: i.text(i18n.lang()),
            tooltip=lambda i: i.text(i18n.lang()),
            width=30,
        ),
    ]


class DecisionDialog(RecordDialog):
    """The decision on one reason of one child, with a note."""

    def __init__(self, ctx, parent: QWidget | None, item: ReexamItem) -> None:
        super().__init__(ctx, parent)
        self.item = item
        self.setWindowTitle(self.tr("Re-examination decision"))
        self.decision = combo(
            [(i18n.label(i18n.REEXAM_DECISION, d), d.value) for d in ReexamDecision], self
        )
        self.decision.setObjectName("reexam_decision")
        self.note = text_edit(3, self.tr("What was checked, and by whom"))
        self.note.setObjectName("reexam_note")
        form = self.form_layout(
            (self.tr("Child"), label(item.child_name)),
            (self.tr("Reason"), label(item.text(i18n.lang()), wrap=True)),
            (i18n.field("decision"), self.decision, "decision"),
            (i18n.field("note"), self.note, "note"),
        )
        self.lay_out(form, on_ok=self._ok, ok_text=self.tr("Record"))

    def _ok(self) -> None:
        item = self.item
        decision = str(self.decision.currentData())
        note = self.note.toPlainText()
        # The same core as `hexi-care alert decide`: the reason must still be open.
        self.save(
            lambda uow: worklists.decide_reexamination(
                uow, item.child_id, item.reason.key, decision, note
            )
        )


class ReexamPage(QWidget):
    def __init__(self, ctx, main) -> None:
        super().__init__()
        self.ctx = ctx
        self.main = main
        self.today = ctx.today()
        self.all: list[ReexamItem] = []
        self.model = RowsModel(columns(lambda: self.today), parent=self)
        self.view = make_table(self.model, stretch=4)
        self.view.setObjectName("reexam_table")
        on_activate(self.view, self._open)
        self.kind = QComboBox()
        self.kind.setObjectName("reexam_kind")
        self.kind.addItem(self.tr("All reasons"), "")
        for k in ReexamKind:
            self.kind.addItem(i18n.label(i18n.REEXAM_KIND, k), k.value)
        self.kind.currentIndexChanged.connect(lambda _i: self._filter())
        self.count = label("", "muted")
        self.count.setObjectName("reexam_count")
        self.open_file = QPushButton(self.tr("Open the child's file"))
        self.decide = QPushButton(self.tr("Record decision…"))
        self.decide.setObjectName("reexam_decide")
        set_role(self.decide, "primary")
        self.open_file.clicked.connect(lambda: self._open(self.view.currentIndex().row()))
        self.decide.clicked.connect(self._decide)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        head = QHBoxLayout()
        head.addWidget(label(self.tr("Re-examinations"), "title"))
        head.addStretch(1)
        head.addWidget(self.count)
        lay.addLayout(head)
        lay.addWidget(
            label(
                self.tr(
                    "Children whose case needs a decision: a parent's situation ended, a birthday "
                    "that ends a category, the rules no longer support a category or suggest one, "
                    "the annual review, evidence that expires. The district decides; the list only asks."
                ),
                "muted",
                wrap=True,
            )
        )
        bar = QHBoxLayout()
        bar.addWidget(label(self.tr("Show"), None))
        bar.addWidget(self.kind)
        bar.addStretch(1)
        bar.addWidget(self.open_file)
        bar.addWidget(self.decide)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        lay.addWidget(
            label(
                self.tr(
                    "Enter or double-click opens the child's file where the reason is dealt with."
                ),
                "muted",
            )
        )

    def refresh(self) -> None:
        self.setProperty("stale", False)

        def done(items: list[ReexamItem]) -> None:
            self.today = self.ctx.today()
            self.all = items
            self._filter()

        self.ctx.worker.call(reexamination.worklist, done=done, owner=self)

    def _filter(self) -> None:
        want = self.kind.currentData()
        rows = [i for i in self.all if not want or i.kind == want]
        self.model.set_rows(rows)
        children = len({i.child_id for i in rows})
        self.count.setText(self.tr("{n} reasons for {c} children").format(n=len(rows), c=children))
        has = bool(rows)
        self.decide.setEnabled(has)
        self.open_file.setEnabled(has)
        if has:
            self.view.selectRow(0)

    def _open(self, row: int) -> None:
        item = self.model.row_at(row)
        if item is not None:
            self.main.open_child(item.child_id, tab=item.link)

    def _decide(self) -> None:
        item = self.model.row_at(self.view.currentIndex().row())
        if item is None:
            return
        dlg = DecisionDialog(self.ctx, self, item)
        dlg.saved.connect(lambda _r: self.refresh())
        dlg.open()
