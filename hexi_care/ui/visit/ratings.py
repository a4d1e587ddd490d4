"""One of the visit's rated sections (4–8): a rating on the scale and what was seen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QVBoxLayout, QWidget

from hexi_care.domain.enums import Rating
from hexi_care.domain.model import SectionRating
from hexi_care.ui import i18n
from hexi_care.ui.common import text_edit
from hexi_care.ui.i18n import QT_TRANSLATE_NOOP

SECTION_TITLES = {
    "physical": QT_TRANSLATE_NOOP("Labels", "4. Physical state"),
    "psychological": QT_TRANSLATE_NOOP("Labels", "5. Psychological condition"),
    "living": QT_TRANSLATE_NOOP("Labels", "6. Living environment and safety"),
    "education": QT_TRANSLATE_NOOP("Labels", "7. Family education"),
    "social_support": QT_TRANSLATE_NOOP(
        "Labels", "8. Social support (allowances, 低保, aid, school, relatives, NGOs)"
    ),
}


class RatingRow(QWidget):
    """One of sections 4–8: a rating on the scale and free text."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[Rating, QRadioButton] = {}
        for r in Rating:
            b = QRadioButton(i18n.label(i18n.RATING, r))
            b.setObjectName(f"rating_{r.value}")
            self.group.addButton(b)
            self.buttons[r] = b
            row.addWidget(b)
        row.addStretch(1)
        self.note = text_edit(2, i18n.translate("Visit", "What was seen, and what needs attention"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(row)
        lay.addWidget(self.note)
        self.group.buttonToggled.connect(lambda *_: self.changed.emit())
        self.note.textChanged.connect(self.changed)
        # Ratings by digit keys (1 良好 … 4 严重问题) while a rating button has the focus.
        for i, b in enumerate(self.buttons.values(), start=1):
            b.setToolTip(str(i))
            b.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            scale = list(self.buttons.values())
            if Qt.Key.Key_1 <= key < Qt.Key.Key_1 + len(scale) and scale[0].isEnabled():
                chosen = scale[key - Qt.Key.Key_1]
                chosen.setChecked(True)
                chosen.setFocus()
                return True
        return super().eventFilter(obj, event)

    def focus_scale(self) -> None:
        """Focus the chosen rating (or the first), where digit keys choose."""
        chosen = self.group.checkedButton() or next(iter(self.buttons.values()))
        chosen.setFocus()

    def value(self) -> SectionRating:
        r = next((k for k, b in self.buttons.items() if b.isChecked()), None)
        return SectionRating(rating=r, note=self.note.toPlainText())

    def set_value(self, s: SectionRating) -> None:
        self.group.setExclusive(False)
        for b in self.buttons.values():
            b.setChecked(False)
        self.group.setExclusive(True)
        if s.rating is not None:
            self.buttons[s.rating].setChecked(True)
        self.note.setPlainText(s.note)

    def set_rating(self, rating: Rating | None) -> None:
        """Choose a rating (None: none), keeping what was written."""
        if rating is None:
            self.group.setExclusive(False)
            for b in self.buttons.values():
                b.setChecked(False)
            self.group.setExclusive(True)
        else:
            self.buttons[rating].setChecked(True)

    def set_read_only(self, ro: bool) -> None:
        for b in self.buttons.values():
            b.setEnabled(not ro)
        self.note.setReadOnly(ro)
