"""移交儿童: a supervisor hands every child of one director to another in one step (leave,
departure). The core (services/assignment.py) audits each child and the next package carries it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QVBoxLayout, QWidget

from hexi_care.domain.model import User
from hexi_care.services import assignment
from hexi_care.ui.common import FieldErrors, label, with_error
from hexi_care.ui.dialogs import RecordDialog, _buttons, _save


class HandoverDialog(RecordDialog):
    """Pick the director whose children are handed over and the one who takes them."""

    saved = Signal(object)

    def __init__(self, ctx, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Hand a director's children over"))
        self.errors = FieldErrors(self)
        self.source = QComboBox()
        self.source.setObjectName("handover_from")
        self.target = QComboBox()
        self.target.setObjectName("handover_to")
        self.message = label("", "error", wrap=True)
        form = QFormLayout()
        form.addRow(self.tr("From director"), with_error(self.source, self.errors, "from"))
        form.addRow(self.tr("To director"), with_error(self.target, self.errors, "to"))
        self.buttons = _buttons(self, self.tr("Hand over"))
        self.buttons.accepted.connect(self._ok)
        self.buttons.setEnabled(False)
        lay = QVBoxLayout(self)
        lay.addWidget(
            label(
                self.tr(
                    "Every child of the first director goes to the second, who then sees them. "
                    "Each child's change is recorded in the audit trail and travels in the next "
                    "exchange package."
                ),
                "muted",
                wrap=True,
            )
        )
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        ctx.worker.call(assignment.directors, done=self._fill, owner=self)

    def _fill(self, people: list[User]) -> None:
        for box in (self.source, self.target):
            box.clear()
            for u in people:
                unit = self.ctx.ref.unit_name(u.unit_id)
                box.addItem(f"{u.display_name or u.name}（{unit}）", u.name)
        if len(people) > 1:
            self.target.setCurrentIndex(1)
        self.buttons.setEnabled(len(people) > 1)

    def _ok(self) -> None:
        source, target = self.source.currentData(), self.target.currentData()
        _save(
            self,
            lambda uow: assignment.hand_over(uow, source, target),
            self.errors,
            self.message,
            self.buttons,
            self.saved.emit,
        )
