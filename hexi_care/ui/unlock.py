"""Unlocking the store: which store (this machine's file or a saved hub), user name and password,
a clear message on failure, a growing wait after repeated failures (the store's throttle), and the
recovery code for a forgotten password.

The password derivation takes about half a second on purpose; it runs on the database worker so
the window stays responsive.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hexi_care.db.location import Location, is_hub, saveable_hub_url, shown
from hexi_care.domain.model import User
from hexi_care.errors import AuthThrottled, InvalidInput
from hexi_care.ui import i18n
from hexi_care.ui.common import label, set_role
from hexi_care.ui.dialogs.base import FormDialog
from hexi_care.ui.new_password import NewPasswordDialog
from hexi_care.ui.settings import HubConnection
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
        path: Location = self.ctx.store_path
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


class HubConnectionDialog(FormDialog):
    """A hub to keep in this machine's settings: a name and its address, without a password."""

    def __init__(self, taken: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a hub connection"))
        self.setObjectName("hub_connection_dialog")
        self.taken = taken
        self.connection: HubConnection | None = None
        self.name = QLineEdit()
        self.name.setObjectName("hub_name")
        self.name.setPlaceholderText(self.tr("e.g. District centre"))
        self.url = QLineEdit()
        self.url.setObjectName("hub_url")
        self.url.setPlaceholderText("postgresql://hexi_app@hub.example/hexi?sslmode=verify-full")
        self.url.setMinimumWidth(420)
        hint = label(
            self.tr(
                "The address comes from the administrator. Leave the database password out of it: "
                "it is kept in your own pgpass file."
            ),
            "muted",
            wrap=True,
        )
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Address"), self.url)
        self.lay_out(hint, form, on_ok=self._save, ok_text=self.tr("&Save"))

    def _save(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.message.setText(self.tr("Give the connection a name."))
            self.name.setFocus()
            return
        if name in self.taken:
            self.message.setText(self.tr("A connection of that name is already saved."))
            self.name.setFocus()
            return
        try:
            url = saveable_hub_url(self.url.text())
        except InvalidInput as exc:
            self.message.setText(self.tr("Address") + " " + i18n.field_problem(exc))
            self.url.setFocus()
            return
        self.connection = HubConnection(name, url)
        self.accept()


class UnlockDialog(QDialog):
    """The first thing a later run shows: which store (the file on this machine or a saved hub),
    who you are, your password."""

    unlocked = Signal(object)

    def __init__(
        self, ctx, parent: QWidget | None = None, *, user: str = "", note: str = ""
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("hexi-care: unlock"))
        self.setObjectName("unlock_dialog")
        title = label(self.tr("Community child-care case work"), "title")
        #: The store file this window started with (None when it started on a hub).
        self.file: Path | None = ctx.store_path if isinstance(ctx.store_path, Path) else None
        self.store = QComboBox()
        self.store.setObjectName("unlock_store")
        self.add_hub = QPushButton(self.tr("Add hub…"))
        self.add_hub.setObjectName("unlock_add_hub")
        self.remove_hub = QPushButton(self.tr("Remove"))
        self.remove_hub.setObjectName("unlock_remove_hub")
        self.where = label("", "muted", selectable=True, wrap=True)
        self.where.setObjectName("unlock_where")
        self.store.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        chooser = QHBoxLayout()
        ls = QLabel(self.tr("&Store"))
        ls.setBuddy(self.store)
        chooser.addWidget(ls)
        chooser.addWidget(self.store, 1)
        # The address under the choice; adding and removing hubs beside it, out of the way.
        below = QHBoxLayout()
        below.addWidget(self.where, 1)
        below.addWidget(self.add_hub, 0, Qt.AlignmentFlag.AlignTop)
        below.addWidget(self.remove_hub, 0, Qt.AlignmentFlag.AlignTop)
        self.form = UnlockForm(ctx, self, user=user)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 24, 28, 20)
        lay.setSpacing(10)
        lay.addWidget(title)
        lay.addLayout(chooser)
        lay.addLayout(below)
        if note:
            lay.addWidget(label(note, "banner", wrap=True))
        lay.addSpacing(6)
        lay.addWidget(self.form)
        self._fill(ctx.settings.get("hub/last") if self.file is not None else None)
        self.store.currentIndexChanged.connect(self._chosen)
        self.add_hub.clicked.connect(self._add)
        self.remove_hub.clicked.connect(self._remove)
        self.form.busy.connect(self._busy)
        self.form.unlocked.connect(self._ok)
        self.setMinimumWidth(560)
        self.form.focus_first()

    # -- the store chooser -------------------------------------------------------------------
    def _fill(self, select_hub: str | None) -> None:
        """The file (if this machine has one), each saved hub, and a hub given on the command
        line that is not saved. `select_hub`: the saved hub to choose, else the current store."""
        from hexi_care.ui.app import store_exists

        current = self.ctx.store_path
        self.store.blockSignals(True)
        self.store.clear()
        if self.file is not None and store_exists(self.file):
            self.store.addItem(self.tr("This computer: {name}").format(name=self.file.name), "")
            self.store.setItemData(0, self.file, Qt.ItemDataRole.UserRole + 1)
        saved = self.ctx.settings.hub_connections()
        for c in saved:
            self.store.addItem(self.tr("Hub: {name}").format(name=c.name), c.name)
            self.store.setItemData(self.store.count() - 1, c.url, Qt.ItemDataRole.UserRole + 1)
        if is_hub(current) and all(c.url != current for c in saved):
            self.store.addItem(self.tr("Hub: {name}").format(name=shown(current)), "")
            self.store.setItemData(self.store.count() - 1, current, Qt.ItemDataRole.UserRole + 1)
        index = -1
        for i in range(self.store.count()):
            location = self.store.itemData(i, Qt.ItemDataRole.UserRole + 1)
            if select_hub and self.store.itemData(i) == select_hub:
                index = i
                break
            if index < 0 and location == current:
                index = i
        self.store.setCurrentIndex(max(index, 0))
        self.store.blockSignals(False)
        self._chosen()

    def location(self) -> Location | None:
        found = self.store.currentData(Qt.ItemDataRole.UserRole + 1)
        return found if isinstance(found, Path | str) else None

    def _chosen(self, _index: int = 0) -> None:
        location = self.location()
        if location is not None:
            self.ctx.store_path = location
        hub = location is not None and is_hub(location)
        saved_name = self.store.currentData() if hub else ""
        self.remove_hub.setEnabled(bool(saved_name))
        self.form.forgot.setVisible(not hub)  # a hub's passwords are reset by its administrator
        self.form.button.setEnabled(location is not None and not self.form._working)
        if location is None:
            self.where.setText(self.tr("Add the hub's connection to start."))
        else:
            self.where.setText(shown(location))
        if self.file is not None:
            self.ctx.settings.set("hub/last", saved_name or "")

    def _add(self) -> None:
        taken = {c.name for c in self.ctx.settings.hub_connections()}
        dlg = HubConnectionDialog(taken, self)
        dlg.accepted.connect(lambda: self._added(dlg.connection))
        dlg.open()
        self.hub_dialog = dlg

    def _added(self, connection: HubConnection | None) -> None:
        if connection is None:
            return
        saved = [*self.ctx.settings.hub_connections(), connection]
        self.ctx.settings.set_hub_connections(saved)
        self._fill(connection.name)

    def _remove(self) -> None:
        name = self.store.currentData()
        if not name:
            return
        saved = [c for c in self.ctx.settings.hub_connections() if c.name != name]
        self.ctx.settings.set_hub_connections(saved)
        if self.file is not None:
            self.ctx.store_path = self.file
        self._fill(None)

    def _busy(self, on: bool) -> None:
        for w in (self.store, self.add_hub, self.remove_hub):
            w.setEnabled(not on)
        if not on:
            self._chosen()

    def _ok(self, user: User) -> None:
        self.unlocked.emit(user)
        self.accept()
