"""The main window: navigation (工作台, 看板 for supervisors, 儿童档案, 家庭, 走访, 活动与慰问, 专项行动, 复核清单, 审核, 报表, 数据交换,
设置),
a status bar with the user, the unit and the lock state, and the windows of open records.

Locking (after idle minutes, or Ctrl+L) saves what forms hold, hides every record window and page,
drops the store's key and shows only the unlock form.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hexi_care.domain.enums import Role
from hexi_care.domain.model import User
from hexi_care.messages import t
from hexi_care.services import form_recovery
from hexi_care.ui import i18n
from hexi_care.ui.common import label, set_role
from hexi_care.ui.idle import IdleWatcher
from hexi_care.ui.unlock import UnlockForm
from hexi_care.ui.worker import Task, stop_renderer

log = logging.getLogger("hexi_care.ui")


class LockScreen(QWidget):
    """What a locked window shows: nothing personal, only who may unlock it."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.title = label(self.tr("Locked"), "title")
        self.reason = label("", "muted", wrap=True)
        self.form = UnlockForm(ctx, self)
        # Another person at this laptop signs in here; the last user's window and forms stay
        # saved and hidden, and the program stays open.
        self.switch = QPushButton(self.tr("&Switch user"))
        self.switch.setObjectName("switch_user")
        set_role(self.switch, "link")
        self.switch.setFlat(True)
        self.switch.clicked.connect(self.clear_user)
        box = QWidget()
        box.setMaximumWidth(420)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.reason)
        inner.addSpacing(8)
        inner.addWidget(self.form)
        inner.addWidget(self.switch, 0, Qt.AlignmentFlag.AlignLeft)
        lay = QVBoxLayout(self)
        lay.addStretch(2)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addStretch(3)

    def clear_user(self) -> None:
        """Empty the form for someone else's user name and password."""
        self.form.set_user("")
        self.form.password.clear()
        self.form.user.setFocus()

    def set_signed_out(self) -> None:
        self.title.setText(self.tr("Signed out"))
        self.reason.setText(
            self.tr(
                "Nobody is signed in. The program stays open: the next person signs in with their own user name and password."
            )
        )

    def set_reason(self, idle: bool, minutes: int) -> None:
        self.title.setText(self.tr("Locked"))
        if idle:
            self.reason.setText(
                self.tr(
                    "The window locked itself after {minutes} minutes without use. Personal details are hidden until you unlock it."
                ).format(minutes=minutes)
            )
        else:
            self.reason.setText(self.tr("Personal details are hidden until you unlock the window."))


PAGES = (
    "dashboard",
    "overview",
    "children",
    "households",
    "visits",
    "support",
    "campaigns",
    "reexam",
    "review",
    "reports",
    "exchange",
    "settings",
    "ledger",
)


@runtime_checkable
class Refreshable(Protocol):
    """A page that reloads its rows when a record it may show changes."""

    def refresh(self) -> None: ...


class MainWindow(QMainWindow):
    user_changed = Signal(object)
    locked_changed = Signal(bool)

    def __init__(self, ctx, hexi=None) -> None:
        super().__init__()
        self.ctx = ctx
        self.hexi = hexi
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Hexi child care"))
        self.locked = False
        self._closing_quietly = False
        self.records: dict[str, QWidget] = {}
        self.pages: dict[str, QWidget] = {}
        user: User = ctx.user
        self.page_keys = [k for k in PAGES if self._page_allowed(k, user.role)]

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setFixedWidth(168)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        titles = {
            "dashboard": self.tr("Workbench"),
            "overview": self.tr("Dashboard"),
            "children": self.tr("Children"),
            "households": self.tr("Households"),
            "visits": self.tr("Visits"),
            "support": self.tr("Activities and help"),
            "campaigns": self.tr("Campaigns"),
            "reexam": self.tr("Re-examinations"),
            "review": self.tr("Review"),
            "reports": self.tr("Reports"),
            "exchange": self.tr("Data exchange"),
            "settings": self.tr("Settings"),
            "ledger": self.tr("Ledger import"),
        }
        for i, key in enumerate(self.page_keys):
            item = QListWidgetItem(titles[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            if i < 9:
                item.setToolTip(f"Ctrl+{i + 1}")
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        self.stack.setObjectName("page_stack")
        self._placeholders: dict[str, QWidget] = {}
        for key in self.page_keys:
            ph = QWidget()
            self._placeholders[key] = ph
            self.stack.addWidget(ph)

        content = QWidget()
        row = QHBoxLayout(content)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.content = content
        self.lock_screen = LockScreen(ctx)
        self.lock_screen.form.unlocked.connect(self._unlocked)
        self.central = QStackedWidget()
        self.central.addWidget(content)
        self.central.addWidget(self.lock_screen)
        self.setCentralWidget(self.central)

        # Status bar: who, where, lock state, background work.
        self.user_label = QLabel()
        self.user_label.setObjectName("status_user")
        self.unit_label = QLabel()
        self.unit_label.setObjectName("status_unit")
        self.lock_label = QLabel()
        self.lock_label.setObjectName("status_lock")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(90)
        self.busy.setMaximumHeight(12)
        self.busy.setTextVisible(False)
        self.busy.setVisible(False)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(400)  # only show for work a person would notice
        self._busy_timer.timeout.connect(lambda: self.busy.setVisible(ctx.worker.busy))
        sb = self.statusBar()
        sb.addWidget(self.user_label)
        sb.addWidget(self.unit_label)
        sb.addPermanentWidget(self.busy)
        sb.addPermanentWidget(self.lock_label)
        # A store on read-only media opens read-only: say so for as long as the window is open.
        self.read_only_label = label(t("store.opened_read_only", i18n.lang()), "muted", wrap=True)
        self.read_only_label.setVisible(
            bool(getattr(getattr(ctx.worker, "store", None), "read_only", False))
        )
        sb.addWidget(self.read_only_label, 1)
        ctx.worker.busy_changed.connect(self._busy_changed)
        self._update_status()

        # Keyboard: every page and the lock by keys.
        lock = QShortcut(QKeySequence("Ctrl+L"), self)
        lock.setContext(Qt.ShortcutContext.ApplicationShortcut)
        lock.activated.connect(lambda: self.lock(idle=False))
        self._lock_shortcut = lock
        # The account menu: lock, switch user, sign out, without closing the program.
        account = self.menuBar().addMenu(self.tr("&Account"))
        account.setObjectName("account_menu")
        # The key is shown, not bound, here: the application-wide Ctrl+L above does the work (two
        # bindings of one key would cancel each other out).
        self.lock_action = account.addAction(self.tr("&Lock now") + "\tCtrl+L")
        self.lock_action.triggered.connect(lambda: self.lock(idle=False))
        self.switch_action = account.addAction(self.tr("&Switch user…"))
        self.switch_action.triggered.connect(self.switch_user)
        self.sign_out_action = account.addAction(self.tr("Sign &out"))
        self.sign_out_action.triggered.connect(self.sign_out)
        for i, key in enumerate(self.page_keys[:9]):
            sc = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            sc.activated.connect(lambda k=key: self.show_page(k))
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self._find)
        refresh = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        refresh.activated.connect(self.refresh_current)

        self.nav.currentRowChanged.connect(
            lambda r: self.show_page(self.page_keys[r]) if 0 <= r < len(self.page_keys) else None
        )

        self.idle = IdleWatcher(ctx.settings.idle_minutes, self)
        self.idle.timeout.connect(lambda: self.lock(idle=True))
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self.idle.start()

        first = "settings" if user.role == Role.ADMIN else "dashboard"
        self.show_page(first)
        QTimer.singleShot(0, self._restore_forms)
        # An encrypted backup a day, rotated (DESIGN.md "The store"): checked soon after start
        # and every few hours while the window is open, on the database worker.
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(4 * 3600 * 1000)
        self._backup_timer.timeout.connect(self._daily_backup)
        self._backup_timer.start()
        QTimer.singleShot(30_000, self._daily_backup)

    # -- pages ---------------------------------------------------------------------------------
    @staticmethod
    def _page_allowed(key: str, role: Role) -> bool:
        if role == Role.ADMIN:
            return key in ("settings", "exchange")
        if key in ("review", "overview"):
            return role in (Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR)
        return True

    def _make_page(self, key: str) -> QWidget:
        from hexi_care.ui.pages import make_page

        return make_page(key, self.ctx, self)

    def page(self, key: str) -> QWidget:
        if key not in self.pages:
            page = self._make_page(key)
            page.setObjectName(f"page_{key}")
            self.pages[key] = page
            ph = self._placeholders.pop(key)
            idx = self.stack.indexOf(ph)
            self.stack.insertWidget(idx, page)
            self.stack.removeWidget(ph)
            ph.deleteLater()
        return self.pages[key]

    def show_page(self, key: str) -> QWidget | None:
        if key not in self.page_keys or self.locked:
            return None
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        row = self.page_keys.index(key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()
        return page

    def current_page_key(self) -> str:
        w = self.stack.currentWidget()
        return next((k for k, p in self.pages.items() if p is w), "")

    def refresh_current(self) -> None:
        page = self.stack.currentWidget()
        refresh = getattr(page, "refresh", None)
        if callable(refresh) and not self.locked:
            refresh()

    def _find(self) -> None:
        from hexi_care.ui.pages.children import ChildrenPage

        page = self.show_page("children")
        if isinstance(page, ChildrenPage):
            page.focus_search()

    # -- records -------------------------------------------------------------------------------
    def _show_record(self, key: str, make: Callable[[], QWidget]) -> QWidget:
        win = self.records.get(key)
        if win is None:
            win = make()
            self.records[key] = win
            win.destroyed.connect(lambda _=None, k=key: self.records.pop(k, None))
            win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        if not self.locked:
            win.show()
            win.raise_()
            win.activateWindow()
        return win

    def open_child(self, child_id: str, tab: str | None = None) -> QWidget:
        from hexi_care.ui.child_file import ChildFileWindow

        win = self._show_record(
            f"child:{child_id}", lambda: ChildFileWindow(self.ctx, self, child_id)
        )
        if tab and isinstance(win, ChildFileWindow):
            win.show_tab(tab)
        return win

    def open_visit(
        self, *, visit_id: str | None = None, child_id: str | None = None, snapshot: Any = None
    ) -> QWidget:
        from hexi_care.ui.visit.form import VisitFormWindow

        if visit_id is None and snapshot is None:
            assert child_id is not None
            form = VisitFormWindow(self.ctx, self, child_id=child_id)
            key = f"visit:{form.form_id}"
            return self._show_record(key, lambda: form)
        key = f"visit:{visit_id or snapshot.form_id}"
        return self._show_record(
            key,
            lambda: VisitFormWindow(
                self.ctx, self, visit_id=visit_id, child_id=child_id, snapshot=snapshot
            ),
        )

    def open_household(self, household_id: str) -> QWidget:
        from hexi_care.ui.household_window import HouseholdWindow

        return self._show_record(
            f"household:{household_id}", lambda: HouseholdWindow(self.ctx, self, household_id)
        )

    def open_item(self, item: Any) -> None:
        """Open what a 工作台 line stands for."""
        kind = item.kind
        if kind in ("due", "overdue"):
            self.open_child(item.child_id)
        elif kind in ("draft", "returned"):
            self.open_visit(visit_id=item.record_id, child_id=item.child_id)
        elif kind == "followup" or kind == "report":
            self.open_child(item.child_id, tab="casework")

    def record_changed(self, child_id: str | None = None, *, source: QWidget | None = None) -> None:
        """A record was saved: lists and open files showing it refresh (`source`, the page that
        saved it and has already updated itself, excepted)."""
        for key in (
            "dashboard",
            "children",
            "visits",
            "review",
            "households",
            "reexam",
            "campaigns",
        ):
            page = self.pages.get(key)
            if page is source and page is not None:
                continue
            if isinstance(page, Refreshable) and page.isVisible():
                page.refresh()
            elif page is not None:
                page.setProperty("stale", True)
        if child_id:
            from hexi_care.ui.child_file import ChildFileWindow

            win = self.records.get(f"child:{child_id}")
            if isinstance(win, ChildFileWindow):
                win.reload()

    def _daily_backup(self) -> None:
        if self.locked:
            return
        folder_text = str(self.ctx.settings.get("backup/folder") or "").strip()
        folder = Path(folder_text) if folder_text else None

        def run(task: Task) -> Path | None:
            from hexi_care.db.store import auto_backup_due

            assert task.store is not None
            if task.store.is_hub:
                return None  # the hub's administrator backs it up as its owner (docs/hub.md)
            if not auto_backup_due(task.store.path, folder):
                return None
            return task.store.auto_backup(folder, reason="daily")

        def done(path: Path | None) -> None:
            if path is not None:
                self.statusBar().showMessage(
                    self.tr("Automatic backup written: {name}").format(name=path.name), 10_000
                )

        def failed(exc: BaseException) -> None:
            self.statusBar().showMessage(i18n.problem_text(exc), 15_000)

        self.ctx.worker.submit(run, done=done, failed=failed, owner=self, name="daily backup")

    def _restore_forms(self) -> None:
        """Forms that were open when the program last ended without closing them (a crash, a
        power cut) come back with what was typed."""
        if self.locked or self.ctx.is_admin:
            return

        def found(snaps: list[form_recovery.Snapshot]) -> None:
            for s in snaps:
                self.open_visit(
                    visit_id=s.data.get("id"), child_id=s.data.get("child_id"), snapshot=s
                )

        self.ctx.worker.call(form_recovery.pending, "visit", done=found, owner=self)

    # -- locking -------------------------------------------------------------------------------
    def lock(self, *, idle: bool = False) -> None:
        if self.locked:
            return
        self.locked = True
        for win in list(self.records.values()):
            flush = getattr(win, "flush_before_lock", None)
            if callable(flush):
                flush()
            win.hide()
        self.lock_screen.set_reason(idle, self.ctx.settings.idle_minutes)
        self.lock_screen.form.set_user(self.ctx.user.name)
        self.central.setCurrentWidget(self.lock_screen)
        # The system adds the program's name (applicationDisplayName) after it: one name.
        self.setWindowTitle(self.tr("Locked"))
        self.idle.stop()

        def drop_key(task: Task) -> None:
            if task.worker is not None and task.worker.store is not None:
                task.worker.store.lock()
                task.worker.store = None
            stop_renderer()  # the last document's data goes with the helper process

        self.ctx.worker.submit(drop_key, name="lock")
        self._update_status()
        self.lock_screen.form.focus_first()
        self.locked_changed.emit(True)

    def switch_user(self) -> None:
        """Lock (saving what forms hold) and leave the form empty for another person."""
        self.lock(idle=False)
        self.lock_screen.clear_user()

    def sign_out(self) -> None:
        """Lock and forget who was signed in; the program stays open for the next person."""
        self.lock(idle=False)
        self.lock_screen.set_signed_out()
        self.lock_screen.clear_user()
        self.lock_label.setText(self.tr("Signed out"))
        self.user_label.setText("")
        self.unit_label.setText("")

    def _unlocked(self, user: User) -> None:
        if user.id != self.ctx.user.id:
            self.user_changed.emit(user)
            return
        self.locked = False
        self.central.setCurrentWidget(self.content)
        self.setWindowTitle(self.tr("Hexi child care"))
        for win in list(self.records.values()):
            win.show()
        self.idle.set_interval(self.ctx.settings.idle_minutes)
        self.idle.start()
        self._update_status()
        self.refresh_current()
        self.locked_changed.emit(False)

    def set_idle_minutes(self, minutes: int) -> None:
        self.idle.set_interval(minutes)
        self._update_status()

    # -- status --------------------------------------------------------------------------------
    def _update_status(self) -> None:
        u: User = self.ctx.user
        self.user_label.setText(
            self.tr("User: {name} ({role})").format(
                name=u.display_name or u.name, role=i18n.label(i18n.ROLE, u.role)
            )
        )
        self.unit_label.setText(
            self.tr("Unit: {unit}").format(unit=self.ctx.ref.unit_name(u.unit_id))
        )
        if self.locked:
            self.lock_label.setText(self.tr("Locked"))
        else:
            self.lock_label.setText(
                self.tr("Unlocked · locks after {minutes} min idle (Ctrl+L locks now)").format(
                    minutes=self.ctx.settings.idle_minutes
                )
            )

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy.setVisible(False)

    # -- closing -------------------------------------------------------------------------------
    def close_quietly(self) -> None:
        self._closing_quietly = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        for win in list(self.records.values()):
            win.close()
        if not self._closing_quietly:
            self.ctx.settings.set("window/geometry", self.saveGeometry())
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        self.idle.stop()
        super().closeEvent(event)
        if not self._closing_quietly and self.hexi is not None:
            self.hexi.quit()
