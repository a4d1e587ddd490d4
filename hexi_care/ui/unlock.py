"""Unlocking the store: user name and password, a clear message on failure, a growing wait after
repeated failures (the store's throttle), and the recovery code for a forgotten password.

The password derivation takes about half a second on purpose; it runs on the database worker so
the window stays responsive.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hexi_care.domain.model import User
from hexi_care.errors import AuthThrottled
from hexi_care.ui import i18n
from hexi_care.ui.common import label, set_role
from hexi_care.ui.new_password import NewPasswordDialog
from hexi_care.ui.worker import Task


class UnlockForm(QWidget):
    """The user/password form, used by the start dialog and by the lock screen."""

    unlocked = Signal(object)  # User
    busy = Signal(bool)

    def __init__(self, ctx, parent: QWidget | None = None, *, user: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.derivation_seconds = 0.0
        self.user = QLineEdit(user or ctx.settings.get("unlock/last_user"))
        self.user.setObjectName("unlock_user")
        self.password = QLineEdit()
        self.password.setObjectName("unlock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = label("", "error", wrap=True)
        self.message.setObjectName("unlock_message")
        self.message.setMinimumWidth(320)
        self.button = QPushButton(self.tr("&Unlock"))
        self.button.setObjectName("unlock_button")
        set_role(self.button, "primary")
        self.button.setDefault(True)
        self.button.setAutoDefault(True)
        self.forgot = QPushButton(self.tr("Forgot the password?"))
        set_role(self.forgot, "link")
        self.forgot.setFlat(True)
        self.forgot.setCursor(Qt.CursorShape.PointingHandCursor)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        lu = QLabel(self.tr("&User name"))
        lu.setBuddy(self.user)
        lp = QLabel(self.tr("&Password"))
        lp.setBuddy(self.password)
        form.addRow(lu, self.user)
        form.addRow(lp, self.password)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.button)
        lay.addWidget(self.forgot, 0, Qt.AlignmentFlag.AlignLeft)

        self.button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.user.returnPressed.connect(lambda: self.password.setFocus())
        self.forgot.clicked.connect(self._recover)
        self._wait_until = 0.0
        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._tick)
        self._working = False

    def focus_first(self) -> None:
        (self.password if self.user.text() else self.user).setFocus()

    def set_user(self, name: str) -> None:
        self.user.setText(name)

    def submit(self) -> None:
        if self._working or time.monotonic() < self._wait_until:
            return
        name, pw = self.user.text().strip(), self.password.text()
        if not name:
            self._say(self.tr("Enter your user name."))
            self.user.setFocus()
            return
        if not pw:
            self._say(self.tr("Enter your password."))
            self.password.setFocus()
            return
        self._set_working(True)
        self._say(self.tr("Checking the password…"), role="muted")
        path: Path = self.ctx.store_path
        clock = self.ctx.clock

        def run(task: Task) -> tuple[User, float]:
            from hexi_care.db.store import unlock

            started = time.perf_counter()
            store = unlock(path, name, pw, clock=clock)
            spent = time.perf_counter() - started
            old = task.worker.store if task.worker else None
            if old is not None and not old.locked:
                old.lock()
            assert task.worker is not None
            task.worker.store = store
            assert store.user is not None
            return store.user, spent

        self.ctx.worker.submit(run, done=self._done, failed=self._failed, owner=self, name="unlock")

    def _set_working(self, on: bool) -> None:
        self._working = on
        self.button.setEnabled(not on)
        self.user.setEnabled(not on)
        self.password.setEnabled(not on)
        self.busy.emit(on)

    def _say(self, text: str, role: str = "error") -> None:
        set_role(self.message, role)
        self.message.setText(text)

    def _done(self, result: tuple[User, float]) -> None:
        user, spent = result
        self.derivation_seconds = spent
        self._set_working(False)
        self.password.clear()
        self._say("")
        self.ctx.settings.set("unlock/last_user", user.name)
        self.unlocked.emit(user)

    def _failed(self, exc: BaseException) -> None:
        self._set_working(False)
        self.password.clear()
        if isinstance(exc, AuthThrottled):
            self._wait_until = time.monotonic() + max(1.0, exc.wait_seconds)
            self.button.setEnabled(False)
            self._tick()
            self._countdown.start()
        else:
            self._say(i18n.problem_text(exc))
        self.password.setFocus()

    def _tick(self) -> None:
        left = self._wait_until - time.monotonic()
        if left <= 0:
            self._countdown.stop()
            self.button.setEnabled(True)
            self._say(self.tr("You can try again now."), role="muted")
            return
        self._say(
            self.tr("Too many wrong passwords. Wait {seconds} seconds before trying again.").format(
                seconds=int(left + 0.999)
            )
        )

    def _recover(self) -> None:
        RecoveryDialog(self.ctx, self, user=self.user.text().strip()).open()


class RecoveryDialog(NewPasswordDialog):
    """A new password with the recovery code printed when the store was created."""

    def __init__(self, ctx, parent: QWidget | None = None, *, user: str = "") -> None:
        super().__init__(ctx, parent, self._set)
        self.rekey.setText(
            self.tr(
                "Also replace the data key and the recovery code (recommended: this code has now been seen)"
            )
        )
        self.rekey.setObjectName("recovery_rekey")
        self.setWindowTitle(self.tr("Set a new password with the recovery code"))
        self.code = QLineEdit()
        self.code.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.user = QLineEdit(user)
        intro = label(
            self.tr(
                "The recovery code was printed when the store was created and should be kept locked away. "
                "Without it, ask the district centre to recover the store."
            ),
            "muted",
            wrap=True,
        )
        form = QFormLayout()
        form.addRow(self.tr("Recovery code"), self.code)
        form.addRow(self.tr("User name"), self.user)
        self.password_rows(form)
        self.lay_out(intro, form, on_ok=self._ok, ok_text=self.tr("Set password"), primary=False)

    def _set(self, password: str, rekey: bool) -> None:
        code, user, path = self.code.text(), self.user.text().strip(), self.ctx.store_path

        def run(_task: Task) -> object:
            from hexi_care.services import recovery

            return recovery.recover_with_code(path, code, user, password, rekey=rekey)

        self.ctx.worker.submit(
            run, done=self._done, failed=self._failed, owner=self, name="recover"
        )


class UnlockDialog(QDialog):
    """The first thing a later run shows: which store, who you are, your password."""

    unlocked = Signal(object)

    def __init__(
        self, ctx, parent: QWidget | None = None, *, user: str = "", note: str = ""
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("hexi-care: unlock"))
        self.setObjectName("unlock_dialog")
        title = label(self.tr("Community child-care case work"), "title")
        where = label(
            self.tr("Store: {path}").format(path=ctx.store_path.name), "muted", selectable=True
        )
        where.setToolTip(str(ctx.store_path))
        self.form = UnlockForm(ctx, self, user=user)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 24, 28, 20)
        lay.setSpacing(10)
        lay.addWidget(title)
        lay.addWidget(where)
        if note:
            lay.addWidget(label(note, "banner", wrap=True))
        lay.addSpacing(6)
        lay.addWidget(self.form)
        self.form.unlocked.connect(self._ok)
        self.setMinimumWidth(440)
        self.form.focus_first()

    def _ok(self, user: User) -> None:
        self.unlocked.emit(user)
        self.accept()
