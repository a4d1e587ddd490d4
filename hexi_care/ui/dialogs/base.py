"""What every dialog here shares: OK/Cancel buttons, the message line and the layout around a form,
and saving one record on the database worker with the problem shown at its field."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from hexi_care.errors import InvalidInput
from hexi_care.ui import i18n
from hexi_care.ui.common import FieldErrors, label, set_role, with_error
from hexi_care.ui.worker import Task

if TYPE_CHECKING:
    from hexi_care.services.context import UnitOfWork
    from hexi_care.ui.app import AppContext


def ok_cancel(dialog: QDialog, ok_text: str, *, primary: bool = True) -> QDialogButtonBox:
    """OK (named `ok_text`, the primary button unless told) and Cancel, which rejects the
    dialog."""
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    if primary:
        set_role(ok, "primary")
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(i18n.translate("Common", "Cancel"))
    box.rejected.connect(dialog.reject)
    return box


class FormDialog(QDialog):
    """A dialog of fields above a message line and OK/Cancel; OK calls what `lay_out` is given."""

    message: QLabel
    buttons: QDialogButtonBox

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = label("", "error", wrap=True)

    def lay_out(
        self,
        *parts: QWidget | QLayout | tuple[QWidget, int],
        on_ok: Callable[[], None],
        ok_text: str,
        primary: bool = True,
    ) -> None:
        """`parts` top to bottom (a widget with its stretch as a pair), then the message and the
        buttons; OK calls `on_ok`."""
        self.buttons = ok_cancel(self, ok_text, primary=primary)
        self.buttons.accepted.connect(on_ok)
        lay = QVBoxLayout(self)
        for part in parts:
            if isinstance(part, tuple):
                lay.addWidget(*part)
            elif isinstance(part, QLayout):
                lay.addLayout(part)
            else:
                lay.addWidget(part)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)


class RecordDialog(FormDialog):
    """A dialog that saves one record through a service on the database worker (`save`), with
    each problem shown at its field; it holds the window's context."""

    saved = Signal(object)  # what the service returned

    ctx: AppContext

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.errors = FieldErrors(self)

    def field(self, widget: QWidget, name: str) -> QWidget:
        """`widget` with the line under it where the problem with field `name` is shown."""
        return with_error(widget, self.errors, name)

    def form_layout(
        self, *rows: tuple[str, QWidget, str] | tuple[str, QWidget | QLayout]
    ) -> QFormLayout:
        """A form of (label, widget, field name) rows (the problem shown under the widget), or
        (label, widget or layout) rows."""
        form = QFormLayout()
        for row in rows:
            if len(row) == 3:
                form.addRow(row[0], self.field(row[1], row[2]))
            elif isinstance(row[1], QLayout):  # addRow's overloads take one or the other
                form.addRow(row[0], row[1])
            else:
                form.addRow(row[0], row[1])
        return form

    def save(self, fn: Callable[[UnitOfWork], Any]) -> None:
        """Run `fn(uow)` on the worker; on success emit `saved` and close, else show the problem at
        its field (nothing typed is cleared)."""
        self.errors.clear()
        self.message.clear()
        self.buttons.setEnabled(False)

        lang = i18n.lang()

        def run(task: Task) -> Any:
            with task.uow() as uow:
                result = fn(uow)
                notes = [n.message(lang) for n in uow.notices]
            return result, notes

        def ok(outcome: Any) -> None:
            result, notes = outcome
            self.buttons.setEnabled(True)
            self.saved.emit(result)
            if notes:
                # Saved, but the user should hear of it (an ID number's unknown area code).
                box = QMessageBox(
                    QMessageBox.Icon.Information,
                    self.windowTitle(),
                    "\n".join(notes),
                    parent=self.parentWidget(),
                )
                box.setObjectName("save_notices")
                box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                box.open()
            self.accept()

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            if isinstance(exc, InvalidInput) and self.errors.show_invalid(exc):
                self.message.setText(
                    i18n.translate("Common", "Fix the marked field; nothing you typed was lost.")
                )
                return
            self.message.setText(i18n.problem_text(exc))

        self.ctx.worker.submit(run, done=ok, failed=failed, owner=self, name="dialog-save")
