"""Widgets and helpers the screens share: optional date fields, marking a field with what to fix,
tables set up for keyboard use, message boxes in the user's language, the style sheet.

Texts here use the translation context "Common" (through `i18n.tr`), because the classes are
subclassed and PySide's `self.tr` would look them up under the subclass's name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hexi_care.errors import InvalidInput
from hexi_care.ui import i18n
from hexi_care.ui.i18n import translate

CTX = "Common"
EMPTY_DATE = QDate(1900, 1, 1)
ERROR_COLOUR = QColor("#b3261e")
WARN_COLOUR = QColor("#8a5300")
MUTED_COLOUR = QColor("#5f6368")
OK_COLOUR = QColor("#1e6b34")

STYLE = """
QWidget { font-size: 10pt; }
QLabel[role="title"] { font-size: 15pt; font-weight: 600; }
QLabel[role="subtitle"] { font-size: 11pt; font-weight: 600; color: #1f3a5f; }
QLabel[role="muted"] { color: #5f6368; }
QLabel[role="error"] { color: #b3261e; }
QLabel[role="warning"] { color: #8a5300; }
QLabel[role="banner"] { background: #fff4ce; border: 1px solid #e0c36a; padding: 6px; border-radius: 4px; }
QLabel[role="count"] { font-size: 20pt; font-weight: 600; color: #1f3a5f; }
QFrame[role="card"] { background: #ffffff; border: 1px solid #d8dde6; border-radius: 6px; }
QListWidget#nav { background: #1f3a5f; color: #ffffff; border: none; font-size: 11pt; outline: 0; }
QListWidget#nav::item { padding: 9px 14px; }
QListWidget#nav::item:selected { background: #2f5d8a; color: #ffffff; }
QListWidget#nav::item:hover { background: #2a4f78; }
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QDateEdit[invalid="true"], QComboBox[invalid="true"] {
    border: 2px solid #b3261e; border-radius: 3px; background: #fff5f5; }
QGroupBox { font-weight: 600; margin-top: 10px; }
QGroupBox::title { subcontrol-origin: margin; left: 6px; padding: 0 4px; color: #1f3a5f; }
QTableView { gridline-color: #e3e6eb; selection-background-color: #cfe3f7; selection-color: #000000; }
QHeaderView::section { background: #eef2f7; padding: 4px; border: none; border-right: 1px solid #d8dde6;
    border-bottom: 1px solid #d8dde6; font-weight: 600; }
QPushButton[role="primary"] { background: #1f5fa8; color: white; border: 1px solid #184d88; padding: 5px 14px;
    border-radius: 4px; font-weight: 600; }
QPushButton[role="primary"]:disabled { background: #9db5d3; border-color: #9db5d3; }
QPushButton[role="link"] { border: none; color: #1f5fa8; text-decoration: underline; text-align: left; }
QStatusBar QLabel { padding: 0 8px; }
"""


def set_role(widget: QWidget, role: str) -> QWidget:
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    return widget


def label(
    text: str = "", role: str | None = None, *, wrap: bool = False, selectable: bool = False
) -> QLabel:
    lab = QLabel(text)
    if role:
        lab.setProperty("role", role)
    lab.setWordWrap(wrap)
    if selectable:
        lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lab


def hline() -> QFrame:
    f = QFrame()
    f.setFrameShape(QFrame.Shape.HLine)
    f.setFrameShadow(QFrame.Shadow.Sunken)
    return f


def hbox(*widgets: QWidget | None, stretch_last: bool = False, margins: int = 0) -> QHBoxLayout:
    lay = QHBoxLayout()
    lay.setContentsMargins(margins, margins, margins, margins)
    for w in widgets:
        if w is None:
            lay.addStretch(1)
        else:
            lay.addWidget(w)
    if stretch_last:
        lay.addStretch(1)
    return lay


def vbox(*widgets: QWidget | None, margins: int = 0) -> QVBoxLayout:
    lay = QVBoxLayout()
    lay.setContentsMargins(margins, margins, margins, margins)
    for w in widgets:
        if w is None:
            lay.addStretch(1)
        else:
            lay.addWidget(w)
    return lay


class DateField(QDateEdit):
    """A date with a calendar popup; optional fields show a dash for "no date" (the minimum)."""

    def __init__(self, parent: QWidget | None = None, *, optional: bool = False) -> None:
        super().__init__(parent)
        self.optional = optional
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(EMPTY_DATE)
        self.setMaximumDate(QDate(2100, 12, 31))
        if optional:
            self.setSpecialValueText("—")
            self.setDate(EMPTY_DATE)
        else:
            self.setDate(QDate.currentDate())
        self.setMinimumWidth(120)
        self._moved_on = False  # the last digit typed completed a part (Qt moved to the next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # With the whole text selected (Ctrl+A, a click-drag), Qt takes a typed digit as the
        # whole date and drops it: "2030-01-01" typed over 2026-12-07 became 2026-01-01. Typing
        # then starts at the year, so the date typed is the date kept.
        if (
            event.text().isdigit()
            and self.lineEdit().hasSelectedText()
            and self.lineEdit().selectedText() == self.lineEdit().text()
        ):
            self.setSelectedSection(QDateEdit.Section.YearSection)
        elif event.text() in ("-", "/", "."):
            # A separator moves to the next part, selected, so "01" replaces the month; unless
            # the last digit completed a part and Qt has moved on already.
            here = self.currentSectionIndex()
            if not self._moved_on and here < self.sectionCount() - 1:
                here += 1
                self.setCurrentSectionIndex(here)
            self.setSelectedSection(self.sectionAt(here))
            self._moved_on = False
            event.accept()
            return
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._moved_on = event.text().isdigit() and self.currentSectionIndex() != before

    def value(self) -> date | None:
        d = self.date()
        if self.optional and d == EMPTY_DATE:
            return None
        return date(d.year(), d.month(), d.day())

    def set_value(self, value: date | None) -> None:
        if value is None:
            self.setDate(EMPTY_DATE if self.optional else QDate.currentDate())
        else:
            self.setDate(QDate(value.year, value.month, value.day))

    def clear_value(self) -> None:
        if self.optional:
            self.setDate(EMPTY_DATE)


class TriState(QComboBox):
    """Yes / No / Not known, for facts that may not have been checked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for value in (None, True, False):
            self.addItem(i18n.label(i18n.TRISTATE, value), value)

    def value(self) -> bool | None:
        return self.currentData()

    def set_value(self, value: bool | None) -> None:
        self.setCurrentIndex({None: 0, True: 1, False: 2}[value])


def combo(items: Iterable[tuple[str, Any]], parent: QWidget | None = None) -> QComboBox:
    box = QComboBox(parent)
    for text, data in items:
        box.addItem(text, data)
    return box


def set_combo_data(box: QComboBox, data: Any) -> None:
    i = box.findData(data)
    if i >= 0:
        box.setCurrentIndex(i)


class FieldErrors(QObject):
    """Marks fields with what to fix. `fields` maps a service field name (InvalidInput.field) to its
    widget; each widget gets an error label placed right under it by `error_label(name)`."""

    shown = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.widgets: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.aliases: dict[str, str] = {}
        self._shown: dict[str, str] = {}

    def add(self, name: str, widget: QWidget, *aliases: str) -> QLabel:
        self.widgets[name] = widget
        lab = label("", "error", wrap=True)
        lab.setVisible(False)
        lab.setObjectName(f"error_{name}")
        self.labels[name] = lab
        for a in aliases:
            self.aliases[a] = name
        return lab

    def field_widget(self, name: str) -> QWidget | None:
        return self.widgets.get(self.aliases.get(name, name))

    def clear(self) -> None:
        for name in self.widgets:
            self._unmark(name)

    def clear_field(self, field: str) -> None:
        """Unmark one field (its input was just corrected)."""
        name = self.aliases.get(field, field)
        if name in self.widgets:
            self._unmark(name)

    def _unmark(self, name: str) -> None:
        w = self.widgets[name]
        if w.property("invalid"):
            w.setProperty("invalid", False)
            w.style().unpolish(w)
            w.style().polish(w)
        self.labels[name].setVisible(False)
        self.labels[name].clear()
        self._shown.pop(name, None)

    def show(self, field: str, text: str, *, focus: bool = True) -> bool:
        name = self.aliases.get(field, field)
        w = self.widgets.get(name)
        if w is None:
            return False
        w.setProperty("invalid", True)
        w.style().unpolish(w)
        w.style().polish(w)
        lab = self.labels[name]
        lab.setText(text)
        lab.setVisible(True)
        self._shown[name] = text
        if focus:
            w.setFocus(Qt.FocusReason.OtherFocusReason)
        self.shown.emit(name)
        return True

    def show_invalid(self, exc: InvalidInput, *, focus: bool = True) -> bool:
        return self.show(exc.field, i18n.field_problem(exc), focus=focus)

    def current(self) -> dict[str, str]:
        """Field name → what to fix, for every field marked now."""
        return dict(self._shown)


def with_error(widget: QWidget, errors: FieldErrors, name: str, *aliases: str) -> QWidget:
    """The widget with its error label under it, in one container for a form row."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(2)
    lay.addWidget(widget)
    lay.addWidget(errors.add(name, widget, *aliases))
    return box


def make_table(model: Any, *, stretch: int | None = None, sortable: bool = False) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setSortingEnabled(sortable)
    view.setTabKeyNavigation(False)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    fm = view.fontMetrics()
    header_fm = view.horizontalHeader().fontMetrics()
    # Widths are given in Chinese characters; an English word for the same thing is wider
    # ("Medium" for 中, "Days overdue" for 逾期天数), so English gets more room.
    unit = fm.horizontalAdvance("中") * (1.0 if i18n.lang() == "zh" else 1.4)
    for i, col in enumerate(getattr(model, "columns", [])):
        if col.width:
            title = str(model.headerData(i, Qt.Orientation.Horizontal) or "")
            # Never narrower than the column's own title (plus room for the sort arrow).
            need = max(round(unit * col.width) + 16, header_fm.horizontalAdvance(title) + 28)
            view.setColumnWidth(i, need)
    if stretch is not None:
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        view.horizontalHeader().setStretchLastSection(True)
    return view


def on_activate(view: QTableView, fn: Callable[[int], None]) -> None:
    """Double-click or Enter on a row calls fn(row)."""
    view.activated.connect(lambda idx: fn(idx.row()))


def text_edit(height_lines: int = 3, placeholder: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    fm = edit.fontMetrics()
    edit.setFixedHeight(fm.lineSpacing() * height_lines + 14)
    return edit


def line_edit(placeholder: str = "", max_len: int = 0) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    if max_len:
        edit.setMaxLength(max_len)
    edit.setClearButtonEnabled(False)
    return edit


def check(text: str) -> QCheckBox:
    return QCheckBox(text)


def show_problem(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or translate(CTX, "Cannot do this"))
    box.setText(i18n.problem_text(exc))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.button(QMessageBox.StandardButton.Ok).setText(translate(CTX, "OK"))
    box.exec()


def ask(parent: QWidget | None, title: str, text: str, yes: str, no: str) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    yes_b = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_b)
    box.exec()
    return box.clickedButton() is yes_b


def shortcut(
    parent: QWidget, keys: str | QKeySequence | QKeySequence.StandardKey, fn: Callable[[], object]
) -> QShortcut:
    sc = QShortcut(QKeySequence(keys), parent)
    sc.activated.connect(fn)
    return sc


def age_years(birth: date | None, today: date) -> int | None:
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def yuan(fen: int) -> str:
    return f"{fen / 100:,.2f}"


def report_state(item) -> str:
    """Late (made, or not made, after the store's tolerance) and feedback overdue, in red."""
    parts = []
    if item.late:
        parts.append(i18n.translate("Labels", "Reported late"))
    if item.feedback_overdue:
        parts.append(i18n.translate("Labels", "Police feedback overdue"))
    return "；".join(parts) if i18n.lang() == "zh" else "; ".join(parts)
