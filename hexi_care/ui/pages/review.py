"""审核: submitted visits in the supervisor's units, oldest first; approve, or return to the author
with a comment saying what to mend."""

from __future__ import annotations

from PySide6.QtWidgets import (
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
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._load(cur.row()))
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
        self.approve.clicked.connect(lambda: self._decide("approved"))
        self.ret.clicked.connect(lambda: self._decide("returned"))
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
            self.model.set_rows(rows)
            self.count.setText(self.tr("{n} visits waiting for review").format(n=len(rows)))
            if rows:
                self.view.selectRow(0)
            else:
                self.current = None
                nothing = self.tr("Nothing is waiting for review.")
                self.detail.setHtml(f"<p>{nothing}</p>")
                self._enable(False)

        self.ctx.worker.call(dashboard.review_queue, done=done, owner=self)

    def _load(self, row: int) -> None:
        item = self.model.row_at(row)
        self.errors.clear()
        self.comment.clear()
        if item is None:
            return

        def done(v: Visit) -> None:
            self.current = v
            self.detail.setHtml(visit_html(v, item.child_name))
            self._enable(True)

        self.ctx.worker.call(visits.get_visit, item.visit_id, done=done, owner=self)

    def _decide(self, decision: str) -> None:
        v = self.current
        if v is None:
            return
        self.errors.clear()
        comment = self.comment.toPlainText()

        def done(_v: Visit) -> None:
            word = (
                self.tr("Approved.")
                if decision == "approved"
                else self.tr("Returned to the author.")
            )
            self.message.setText(word)
            self.main.record_changed(v.child_id)
            self.refresh()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, InvalidInput) and self.errors.show_invalid(exc):
                return
            self.message.setText(i18n.problem_text(exc))

        self.ctx.worker.call(
            visits.review, v.id, decision, comment, done=done, failed=failed, owner=self
        )
