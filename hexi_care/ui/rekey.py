"""Replacing the store's data key from the window: the choice offered after a revocation (deactivate
a user, recovery code used), the progress while the store is re-encrypted, and what the user must
know afterwards (the new recovery code; older backups still open with old passwords)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hexi_care.db import store as store_mod
from hexi_care.services import security
from hexi_care.ui import i18n
from hexi_care.ui.common import label
from hexi_care.ui.new_password import NewPasswordDialog
from hexi_care.ui.screen import fit_to_screen
from hexi_care.ui.worker import Task


def choose(parent: QWidget | None, title: str, text: str, options: list[str]) -> int:
    """A question with several answers; returns the index chosen (the last one is Cancel)."""
    box = QMessageBox(parent)
    box.setObjectName("rekey_choice")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    buttons = []
    for i, option in enumerate(options):
        role = (
            QMessageBox.ButtonRole.RejectRole
            if i == len(options) - 1
            else QMessageBox.ButtonRole.AcceptRole
        )
        buttons.append(box.addButton(option, role))
    box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else len(options) - 1


def run_with_progress(
    owner: QWidget,
    ctx: Any,
    work: Callable[[Task], Any],
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None],
) -> None:
    """Re-encrypting takes a while on a big store: off the GUI thread, with a progress dialog
    (not cancellable: the store must end in one generation or the other)."""
    dlg = QProgressDialog(
        i18n.translate("Rekey", "Re-encrypting the store with a new key…"), "", 0, 0, owner
    )
    dlg.setObjectName("rekey_progress")
    dlg.setCancelButton(None)
    dlg.setWindowTitle(i18n.translate("Rekey", "New data key"))
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setMinimumDuration(300)

    def ok(result: Any) -> None:
        dlg.reset()
        done(result)

    def bad(exc: BaseException) -> None:
        dlg.reset()
        failed(exc)

    ctx.worker.submit(work, done=ok, failed=bad, owner=owner, name="rekey")


class RekeyDoneDialog(QDialog):
    """After a rekey: the new recovery code (shown once), and the older backups, deletable."""

    def __init__(self, outcome: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rekey_done")
        self.setWindowTitle(self.tr("The data key was replaced"))
        self.outcome = outcome
        intro = label(
            self.tr(
                "The store is re-encrypted with a new key. Every current user keeps their password; "
                "removed users' passwords and the old recovery code no longer open it."
            ),
            wrap=True,
        )
        code_title = label(
            self.tr("New recovery code (shown only now: print or copy it and lock it away):"),
            "subtitle",
            wrap=True,
        )
        self.code = QLabel(outcome.recovery_code)
        self.code.setObjectName("new_recovery_code")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("monospace")
        font.setPointSize(14)
        self.code.setFont(font)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(code_title)
        lay.addWidget(self.code)
        if outcome.backup:
            lay.addWidget(
                label(
                    self.tr("A backup of the new key was written: {path}").format(
                        path=str(outcome.backup)
                    ),
                    "muted",
                    wrap=True,
                    selectable=True,
                )
            )
        self.older = QListWidget()
        self.older.setObjectName("older_backups")
        for p in outcome.older_backups:
            self.older.addItem(str(p))
        self.delete = QPushButton(self.tr("Delete the older backups"))
        self.delete.setObjectName("delete_older_backups")
        self.delete.clicked.connect(self._delete)
        self.note = label("", "muted", wrap=True)
        if outcome.older_backups:
            lay.addWidget(
                label(
                    self.tr(
                        "These older backups still open with the old passwords, a removed user's "
                        "too. Delete them when you no longer need them:"
                    ),
                    "error",
                    wrap=True,
                )
            )
            lay.addWidget(self.older)
            lay.addWidget(self.delete)
        lay.addWidget(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.accept)
        lay.addWidget(buttons)
        fit_to_screen(self, 620, 420)

    def _delete(self) -> None:
        paths = [Path(self.older.item(i).text()) for i in range(self.older.count())]
        n = store_mod.delete_backups(paths)
        self.older.clear()
        self.delete.setEnabled(False)
        self.note.setText(self.tr("{count} older backups deleted.").format(count=n))


class ResetPasswordDialog(NewPasswordDialog):
    """The administrator sets a new password for a user (a forgotten or leaked one), and is
    offered a new data key in the same step."""

    def __init__(self, ctx: Any, name: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, self._set)
        self.rekey.setText(
            self.tr("Also replace the data key (recommended if the old password may be known)")
        )
        self.rekey.setObjectName("reset_rekey")
        self.name = name
        self.setObjectName("reset_password")
        self.setWindowTitle(self.tr("New password for {name}").format(name=name))
        form = QFormLayout()
        self.password_rows(form)
        self.lay_out(form, on_ok=self._ok, ok_text=self.tr("Set password"), primary=False)

    def _set(self, password: str, rekey: bool) -> None:
        name = self.name
        # A rekey lists older backups in the folder chosen in Settings too.
        text = str(self.ctx.settings.get("backup/folder") or "").strip()
        folders = [Path(text)] if text else []

        def work(task: Task) -> Any:
            assert task.store is not None
            return security.reset_password(
                task.store, name, password, rekey=rekey, backup_folders=folders
            )

        run_with_progress(self, self.ctx, work, self._done, self._failed)
