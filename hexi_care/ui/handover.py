"""移交儿童: a supervisor hands every child of one director to another in one step (leave,
departure). The core (services/assignment.py) audits each child and the next package carries it."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from hexi_care.domain.model import User
from hexi_care.services import assignment
from hexi_care.ui.common import label
from hexi_care.ui.dialogs.base import RecordDialog


class HandoverDialog(RecordDialog):
    """Pick the director whose children are handed over and the one who takes them."""

    def __init__(self, ctx, parent: QWidget | None) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Hand a director's children over"))
        self.source = QComboBox()
        self.source.setObjectName("handover_from")
        self.target = QComboBox()
        self.target.setObjectName("handover_to")
        form = self.form_layout(
            (self.tr("From director"), self.source, "from"),
            (self.tr("To director"), self.target, "to"),
        )
        intro = label(
            self.tr(
                "Every child of the first director goes to the second, who then sees them. "
                "Each child's change is recorded in the audit trail and travels in the next "
                "exchange package."
            ),
            "muted",
            wrap=True,
        )
        self.lay_out(intro, form, on_ok=self._ok, ok_text=self.tr("Hand over"))
        self.buttons.setEnabled(False)
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
        self.save(lambda uow: assignment.hand_over(uow, source, target))
