"""A new password typed twice, with the offer to replace the data key in the same step: what the
administrator's reset (rekey.py) and the recovery code (unlock.py) both ask."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QWidget

from hexi_care.ui import i18n
from hexi_care.ui.dialogs.base import FormDialog


class NewPasswordDialog(FormDialog):
    """Subclasses lay out `password_rows` in their form and pass the work as `set_password`
    (the new password and whether to replace the data key), which ends in `_done` or `_failed`."""

    def __init__(
        self, ctx: Any, parent: QWidget | None, set_password: Callable[[str, bool], None]
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._set = set_password
        self.outcome: Any = None
        self.pw1 = QLineEdit()
        self.pw1.setEchoMode(QLineEdit.EchoMode.Password)
        self.pw2 = QLineEdit()
        self.pw2.setEchoMode(QLineEdit.EchoMode.Password)
        self.rekey = QCheckBox()  # the subclass says what a new key replaces
        self.rekey.setChecked(True)

    def password_rows(self, form: QFormLayout) -> None:
        form.addRow(self.tr("New password"), self.pw1)
        form.addRow(self.tr("Repeat the new password"), self.pw2)
        form.addRow("", self.rekey)

    def _ok(self) -> None:
        if self.pw1.text() != self.pw2.text():
            self.message.setText(self.tr("The two passwords differ."))
            return
        self.buttons.setEnabled(False)
        self._set(self.pw1.text(), self.rekey.isChecked())

    def _done(self, outcome: Any) -> None:
        """Set; after a rekey the new recovery code and the older backups are shown."""
        from hexi_care.ui.rekey import RekeyDoneDialog  # the store's key code, when needed

        self.buttons.setEnabled(True)
        self.outcome = outcome
        if outcome is not None:
            RekeyDoneDialog(outcome, self.parentWidget()).open()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(i18n.problem_text(exc))
