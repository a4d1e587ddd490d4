"""The desktop application, wired from parts passed in (store path, settings, clock): tests build it
on a temporary store, `main` on the user's (CONVENTIONS 10).

Start: one copy per store (a second copy brings the first forward and exits); the setup wizard when
there is no store yet, the unlock dialog otherwise; then the main window of the user who unlocked.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from hexi_care import logs
from hexi_care.db import storefiles
from hexi_care.db.location import Location, is_hub, parse_location
from hexi_care.domain import dates
from hexi_care.domain.enums import Role
from hexi_care.domain.model import Unit, User
from hexi_care.paths import default_store
from hexi_care.ui import fonts, i18n
from hexi_care.ui.common import STYLE
from hexi_care.ui.screen import fit_to_screen, keep_on_screen
from hexi_care.ui.settings import Settings
from hexi_care.ui.worker import DbWorker, stop_renderer

if TYPE_CHECKING:
    from hexi_care.services.context import UnitOfWork
    from hexi_care.ui.main_window import MainWindow
    from hexi_care.ui.wizard import SetupWizard

log = logging.getLogger("hexi_care.ui")
Clock = Callable[[], datetime]


def utc_clock() -> datetime:
    return datetime.now(UTC)


def warm_up() -> None:
    """Load the database and service code (≈0.5 s) while the person types the password."""
    import hexi_care.db.store
    import hexi_care.services.casefile
    import hexi_care.services.dashboard
    import hexi_care.services.listings  # noqa: F401


@dataclass
class RefData:
    """What every screen needs to name things, loaded once after unlocking."""

    units: list[Unit] = field(default_factory=list)  # the units the user may pick, in tree order
    all_unit_names: dict[str, str] = field(default_factory=dict)
    categories: i18n.CategoryNames = field(default_factory=i18n.CategoryNames)
    user_names: dict[str, str] = field(default_factory=dict)
    #: The store's time zone: "today" and every time shown use it, as the paper does.
    zone: tzinfo = field(default_factory=dates.zone)

    def unit_name(self, unit_id: str | None) -> str:
        return self.all_unit_names.get(unit_id or "", "")

    def communities(self) -> list[Unit]:
        return [u for u in self.units if u.kind.value == "community"]

    def streets(self) -> list[Unit]:
        return [u for u in self.units if u.kind.value == "street"]


def load_ref(uow: UnitOfWork) -> RefData:
    from hexi_care.services import listings, units

    admin = uow.user is not None and uow.user.role == Role.ADMIN
    all_units = units.list_units(uow)
    return RefData(
        units=all_units if admin else listings.visible_units(uow),
        all_unit_names={u.id: u.name for u in all_units},
        categories=i18n.CategoryNames(listings.category_names(uow)),
        user_names=listings.user_names(uow),
        zone=uow.zone(),
    )


class AppContext:
    """The parts every window is built from."""

    def __init__(
        self,
        store_path: Location,
        *,
        settings: Settings | None = None,
        clock: Clock = utc_clock,
        worker: DbWorker | None = None,
    ) -> None:
        #: The store file, or a hub's URL (chosen in the unlock dialog, or on the command line).
        self.store_path: Location = parse_location(store_path)
        self.settings = settings or Settings()
        self.clock = clock
        self.worker = worker or DbWorker()
        self.user: User | None = None
        self.ref = RefData()
        self.marks: dict[str, float] = {}  # timing marks for the benchmark (perf_counter)

    @property
    def lang(self) -> str:
        return i18n.lang()

    def mark(self, name: str) -> None:
        self.marks[name] = time.perf_counter()

    def today(self):
        """Today in the store's time zone (the same day the services and the paper use)."""
        return self.clock().astimezone(self.ref.zone).date()

    @property
    def is_supervisor(self) -> bool:
        return self.user is not None and self.user.role in (
            Role.STREET_SUPERVISOR,
            Role.CENTRE_SUPERVISOR,
        )

    @property
    def is_admin(self) -> bool:
        return self.user is not None and self.user.role == Role.ADMIN


def store_exists(path: Path) -> bool:
    return Path(path).exists() and storefiles.keys_path(Path(path)).exists()


class HexiApp(QObject):
    """Runs the application's lifecycle: wizard or unlock, main window, lock, quit."""

    main_window_ready = Signal(object)
    unlock_shown = Signal(object)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window: MainWindow | None = None
        self.dialog: QWidget | None = None
        self.wizard: SetupWizard | None = None
        ctx.worker.unhandled_error.connect(self._unhandled)

    # -- start ---------------------------------------------------------------------------------
    def start(self, *, user: str = "", note: str = "") -> QWidget:
        path = self.ctx.store_path
        if is_hub(path) or store_exists(Path(path)) or self.ctx.settings.hub_connections():
            return self.show_unlock(user=user, note=note)
        return self.show_wizard()

    def show_wizard(self) -> QWidget:
        from hexi_care.ui.wizard import SetupWizard

        wiz = SetupWizard(self.ctx)
        wiz.created.connect(lambda first_user: self.show_unlock(user=first_user))
        wiz.rejected.connect(self._unlock_cancelled)
        self.wizard = wiz
        wiz.show()
        return wiz

    def show_unlock(self, *, user: str = "", note: str = "") -> QWidget:
        from hexi_care.ui.unlock import UnlockDialog

        dlg = UnlockDialog(self.ctx, user=user, note=note)
        dlg.unlocked.connect(self.on_unlocked)
        dlg.rejected.connect(self._unlock_cancelled)
        self.dialog = dlg
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()
        self.ctx.mark("unlock_shown")
        # Wall-clock time, so a benchmark can measure from outside the process (frozen program).
        log.info("unlock dialog shown at %.3f", time.time())
        self.unlock_shown.emit(dlg)
        QTimer.singleShot(0, lambda: self.ctx.worker.submit(lambda _t: warm_up(), name="warm-up"))
        return dlg

    def _unlock_cancelled(self) -> None:
        if self.window is None:
            self.quit()

    # -- after unlocking -----------------------------------------------------------------------
    def on_unlocked(self, user: User) -> None:
        self.ctx.mark("unlocked")
        self.ctx.user = user

        def done(ref: RefData) -> None:
            self.ctx.ref = ref
            i18n.set_zone(ref.zone)
            self.open_main_window()

        self.ctx.worker.call(load_ref, done=done, owner=self)

    def open_main_window(self) -> None:
        from hexi_care.ui.main_window import MainWindow

        old = self.window
        win = MainWindow(self.ctx, self)
        win.user_changed.connect(self.on_user_changed)
        self.window = win
        geo = self.ctx.settings.get("window/geometry")
        if geo is not None and not geo.isEmpty():
            win.restoreGeometry(geo)
            keep_on_screen(win)
        else:
            # As large as the screen's available area allows (never under a taskbar).
            fit_to_screen(win, 1366, 768)
        win.show()
        if old is not None:
            old.close_quietly()
        self.dialog = None
        self.ctx.mark("main_window_shown")
        self.main_window_ready.emit(win)

    def on_user_changed(self, user: User) -> None:
        """Someone else unlocked the locked window: their own window replaces the last user's."""
        self.on_unlocked(user)

    def bring_forward(self) -> None:
        target = self.window or self.dialog or self.wizard
        if target is not None:
            target.setWindowState(
                (target.windowState() & ~Qt.WindowState.WindowMinimized)
                | Qt.WindowState.WindowActive
            )
            target.show()
            target.raise_()
            target.activateWindow()

    def _unhandled(self, exc: BaseException) -> None:
        from hexi_care.errors import StoreProblem

        if isinstance(exc, StoreProblem) and exc.key == "store_is_locked":
            return  # work that arrived while the window was locking
        from hexi_care.ui.common import show_problem

        show_problem(self.window, exc)

    def terminate(self) -> None:
        """Asked to end from outside (SIGTERM at logout or shutdown): as if the person closed the
        window (geometry kept, record windows closed, store locked)."""
        log.info("terminate requested")
        if self.window is not None:
            self.window.close()
        else:
            self.quit()

    def quit(self) -> None:
        self.ctx.worker.stop()
        app = QApplication.instance()
        if app is not None:
            app.quit()


# -- the program ------------------------------------------------------------------------------------
def make_qapp(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv))
    assert isinstance(app, QApplication)
    from hexi_care.ui import gc_guard, refguard

    refguard.install(app)
    gc_guard.install(app)  # Qt objects are collected on the GUI thread, never the worker's
    # The database worker holds the interpreter lock while SQLAlchemy builds rows; switching more
    # often than Python's default 5 ms keeps typing and painting smooth meanwhile.
    sys.setswitchinterval(0.001)
    # Between the unlock dialog closing and the main window opening no window is shown: the
    # application quits on purpose (main window closed, unlock or setup cancelled), never by default.
    app.setQuitOnLastWindowClosed(False)
    app.setApplicationName("hexi-care")
    app.setOrganizationName("hexi-care")
    app.setApplicationDisplayName("河西儿童关爱")
    return app


def prepare(app: QApplication, settings: Settings, lang: str | None = None) -> str:
    """Language, bundled fonts, style: what every start does before the first window."""
    in_effect = i18n.install(lang or settings.language)
    app.setApplicationDisplayName(i18n.translate("App", "Hexi child care"))
    fonts.apply_app_font(app)
    app.setStyleSheet(STYLE)
    return in_effect


def terminate_on_signal(app: QApplication, hexi: HexiApp) -> None:
    """SIGTERM ends the program cleanly through HexiApp.terminate (POSIX only). Python runs its
    signal handlers only between bytecodes, so the signal also wakes the Qt event loop through a
    pipe watched by a socket notifier."""
    import signal

    if sys.platform == "win32":
        return
    from PySide6.QtCore import QSocketNotifier

    read_fd, write_fd = os.pipe()
    os.set_blocking(read_fd, False)
    os.set_blocking(write_fd, False)
    signal.set_wakeup_fd(write_fd)
    notifier = QSocketNotifier(read_fd, QSocketNotifier.Type.Read, app)

    def drain() -> None:
        with contextlib.suppress(OSError):
            os.read(read_fd, 64)

    notifier.activated.connect(drain)
    signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, hexi.terminate))


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    p = argparse.ArgumentParser(prog="hexi-care-gui", description="hexi-care desktop application")
    p.add_argument(
        "--store",
        type=parse_location,
        default=None,
        help="the store file (default: the last one used), or a hub: postgresql://…",
    )
    p.add_argument("--user", default="", help="user name to prefill in the unlock dialog")
    p.add_argument("--lang", choices=("zh", "en"), default=None)
    return p.parse_known_args(list(argv))


def run_app(
    store_path: Location,
    *,
    user: str = "",
    lang: str | None = None,
    qt_args: Sequence[str] = (),
    note: str = "",
    settings: Settings | None = None,
) -> int:
    """Open the window on `store_path` and run until it closes; the exit code."""
    logs.setup()
    app = make_qapp([sys.argv[0], *qt_args])
    settings = settings or Settings()
    prepare(app, settings, lang)
    from hexi_care.ui.single_instance import SingleInstance

    guard = SingleInstance(store_path)
    if not guard.claim():
        msg = i18n.translate(
            "App", "hexi-care is already open on this store; that window has been brought forward."
        )
        print(msg, file=sys.stderr)
        if not os.environ.get("HEXI_CARE_NO_DIALOGS"):
            box = QMessageBox(
                QMessageBox.Icon.Information, i18n.translate("App", "Hexi child care"), msg
            )
            QTimer.singleShot(4000, box.accept)
            box.exec()
        return 0
    ctx = AppContext(store_path, settings=settings)
    if not is_hub(store_path):
        settings.set("store/path", str(store_path))
    hexi = HexiApp(ctx)
    guard.activated.connect(hexi.bring_forward)
    app.aboutToQuit.connect(ctx.worker.stop)
    app.aboutToQuit.connect(stop_renderer)
    hexi.start(user=user, note=note)
    terminate_on_signal(app, hexi)
    code = app.exec()
    ctx.worker.stop()
    guard.release()
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args, rest = parse_args(sys.argv[1:] if argv is None else argv)
    settings = Settings()
    path = args.store or Path(settings.get("store/path") or default_store())
    return run_app(path, user=args.user, lang=args.lang, qt_args=rest, settings=settings)


if __name__ == "__main__":
    sys.exit(main())
