"""审核: submitted visits in the supervisor's units, oldest first; approve, or return to the author
with a comment saying what to mend. Several selected visits are approved at once; after a decision
the list keeps its place (the next visit is shown, not the first).

Keys: Up/Down move, Shift/Ctrl+click or Shift+arrows select several, Ctrl+Enter approves what is
selected, Ctrl+R returns (the comment is needed), Ctrl+O opens the child's file."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hexi_care.domain.model import Visit
from hexi_care.errors import InvalidInput
from hexi_care.services import dashboard, visits
from hexi_care.ui import i18n
from hexi_care.ui.common import (
    FieldErrors,
    label,
    make_table,
    on_activate,
    set_role,
    shortcut,
    text_edit,
    with_error,
)
from hexi_care.ui.i18n import QT_TRANSLATE_NOOP
from hexi_care.ui.models import Column, RowsModel
from hexi_care.ui.visit.view import visit_html


class ReviewPage(QWidget):
    def __init__(self, ctx, main) -> None:
        super().__init__()
        self.ctx = ctx
        self.main = main
        self.current: Visit | None = None
        self.model = RowsModel(
            [
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Submitted"),
                    lambda r: i18n.fmt_datetime(r.submitted_at),
                    width=8,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Visit date"),
                    lambda r: r.visit_date.isoformat(),
                    width=6,
                ),
                Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda r: r.child_name, width=6),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Community"), lambda r: r.community_name, width=8
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Kind"),
                    lambda r: i18n.label(i18n.VISIT_KIND, r.kind),
                    width=6,
                ),
                Column(QT_TRANSLATE_NOOP("Columns", "By"), lambda r: r.author, width=6),
            ],
            parent=self,
        )
        self.view = make_table(self.model, stretch=5)
        self.view.setObjectName("review_table")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._load(cur.row()))
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        on_activate(self.view, lambda r: self.comment.setFocus())
        self.detail = QTextBrowser()
        self.detail.setObjectName("review_detail")
        self.errors = FieldErrors(self)
        self.comment = text_edit(3, self.tr("What to mend (needed to return a visit)"))
        self.comment.setObjectName("review_comment")
        self.approve = QPushButton(self.tr("&Approve"))
        self.approve.setObjectName("approve")
        set_role(self.approve, "primary")
        self.ret = QPushButton(self.tr("&Return with comment"))
        self.ret.setObjectName("return_visit")
        self.open_file = QPushButton(self.tr("Open the child's file"))
        self.message = label("", "muted", wrap=True)
        self.count = label("", "muted")
        self.approve.setToolTip("Ctrl+Enter")
        self.ret.setToolTip("Ctrl+R")
        self.open_file.setToolTip("Ctrl+O")
        self.approve.clicked.connect(self.approve_selected)
        self.ret.clicked.connect(lambda: self._decide("returned"))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut(self, keys, lambda: self._by_key(self.approve, "approved"))
        shortcut(self, "Ctrl+R", lambda: self._by_key(self.ret, "returned"))
        shortcut(
            self,
            QKeySequence.StandardKey.Open,
            lambda: self.current and self.main.open_child(self.current.child_id),
        )
        self._pending: list[str] = []  # visit ids being decided now
        self._want: str | None = None  # a visit to show when the list comes in
        self.open_file.clicked.connect(
            lambda: self.current and self.main.open_child(self.current.child_id)
        )
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.detail, 1)
        rl.addWidget(label(self.tr("Comment to the author"), "subtitle"))
        rl.addWidget(with_error(self.comment, self.errors, "review_comment"))
        row = QHBoxLayout()
        row.addWidget(self.open_file)
        row.addStretch(1)
        row.addWidget(self.ret)
        row.addWidget(self.approve)
        rl.addLayout(row)
        rl.addWidget(self.message)
        split = QSplitter()
        split.addWidget(self.view)
        split.addWidget(right)
        split.setSizes([640, 520])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        head = QHBoxLayout()
        head.addWidget(label(self.tr("Review"), "title"))
        head.addStretch(1)
        head.addWidget(self.count)
        lay.addLayout(head)
        lay.addWidget(split, 1)
        self._enable(False)

    def _enable(self, on: bool) -> None:
        for w in (self.approve, self.ret, self.open_file, self.comment):
            w.setEnabled(on)

    def refresh(self) -> None:
        self.setProperty("stale", False)

        def done(rows) -> None:
            keep = self._want or (self.current.id if self.current is not None else None)
            self._want = None
            self.model.set_rows(rows)
            ids = [r.visit_id for r in rows]
            self._show_row(ids.index(keep) if keep in ids else 0)

        self.ctx.worker.call(dashboard.review_queue, done=done, owner=self)

    def select_visit_when_loaded(self, visit_id: str) -> None:
        """Show this visit once the list (being loaded now) is in."""
        self._want = visit_id
        self.select_visit(visit_id)

    def select_visit(self, visit_id: str) -> None:
        """Show this visit (the workbench's 待审核 list opens a line here)."""
        ids = [r.visit_id for r in self.model.rows]
        if visit_id in ids:
            self._show_row(ids.index(visit_id))

    def _show_row(self, row: int) -> None:
        """Make `row` (clamped to the list) the current and only selected visit."""
        n = self.model.rowCount()
        self.count.setText(
            self.tr("1 visit waiting for review")
            if n == 1
            else self.tr("{n} visits waiting for review").format(n=n)
        )
        if n == 0:
            self.current = None
            nothing = self.tr("Nothing is waiting for review.")
            self.detail.setHtml(f"<p>{nothing}</p>")
            self._enable(False)
            return
        row = max(0, min(row, n - 1))
        idx = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            idx,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(idx)
        if self.current is None or self.current.id != self.model.rows[row].visit_id:
            self._load(row)

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.view.selectionModel().selectedRows()})

    def _selection_changed(self) -> None:
        rows = self.selected_rows()
        if len(rows) > 1:
            self.approve.setText(self.tr("&Approve {n} visits").format(n=len(rows)))
            self.ret.setEnabled(False)  # a comment is for one visit
        else:
            self.approve.setText(self.tr("&Approve"))
            self.ret.setEnabled(self.current is not None and not self._pending)

    def _load(self, row: int) -> None:
        item = self.model.row_at(row)
        self.errors.clear()
        self.comment.clear()
        if item is None:
            return

        def done(v: Visit) -> None:
            if self.model.row_at(self.view.currentIndex().row()) is not item:
                return  # the reviewer has moved on
            self.current = v
            self.detail.setHtml(visit_html(v, item.child_name))
            self._enable(not self._pending)
            self._selection_changed()

        self.ctx.worker.call(visits.get_visit, item.visit_id, done=done, owner=self)

    def _by_key(self, button: QPushButton, decision: str) -> None:
        if button.isEnabled():
            self._decide(decision)

    def approve_selected(self) -> None:
        self._decide("approved")

    def _decide(self, decision: str) -> None:
        if self.current is None or self._pending:
            return
        rows = self.selected_rows() if decision == "approved" else []
        if len(rows) < 2:
            rows = [self.view.currentIndex().row()]
        items = [self.model.row_at(r) for r in rows]
        if any(i is None for i in items):
            return
        ids = [i.visit_id for i in items]
        self.errors.clear()
        comment = self.comment.toPlainText()
        self._pending = ids
        self._enable(False)  # no second press while this one is being saved

        def done(decided: list[Visit]) -> None:
            self._pending = []
            if decision == "approved":
                word = (
                    self.tr("Approved.")
                    if len(decided) == 1
                    else self.tr("{n} visits approved.").format(n=len(decided))
                )
            else:
                word = self.tr("Returned to the author.")
            self.message.setText(word)
            # Keep the place: the decided rows go, the row after them becomes current.
            first = min(rows)
            self.current = None
            self.model.remove_rows(rows)
            self._show_row(first)
            for child_id in dict.fromkeys(v.child_id for v in decided):
                self.main.record_changed(child_id, source=self)

        def failed(exc: BaseException) -> None:
            self._pending = []
            self._enable(True)
            self._selection_changed()
            if isinstance(exc, InvalidInput) and self.errors.show_invalid(exc):
                return
            self.message.setText(i18n.problem_text(exc))

        self.ctx.worker.call(
            visits.review_many, ids, decision, comment, done=done, failed=failed, owner=self
        )
