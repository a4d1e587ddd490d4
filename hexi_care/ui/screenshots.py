"""Screenshots of the main screens for docs/screenshots (not part of the program a user runs).

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python -m hexi_care.ui.screenshots \\
        --store var/demo/demo.hexi --out docs/screenshots

Drives the real window on a demo store (`./scripts/demo` makes one) as the demo director, then as
the street supervisor, and saves each screen with QWidget.grab() at 1366×768.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QDate, QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from hexi_care import demo
from hexi_care.db.storefiles import keys_path
from hexi_care.domain.enums import Rating, SafetyTopic
from hexi_care.ui.app import AppContext, HexiApp, make_qapp, prepare
from hexi_care.ui.child_file import ChildFileWindow
from hexi_care.ui.main_window import MainWindow
from hexi_care.ui.pages.children import ChildrenPage
from hexi_care.ui.pages.exchange import ExchangePage
from hexi_care.ui.pages.reports import ReportsPage
from hexi_care.ui.settings import Settings
from hexi_care.ui.unlock import UnlockDialog
from hexi_care.ui.visit.form import VisitFormWindow

W = TypeVar("W", bound=QWidget)

SIZE = (1366, 740)  # the window inside a 1366×768 screen, below a task bar


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def until(cond: Callable[[], bool], timeout: float = 30.0) -> None:
    start = time.monotonic()
    while not cond():
        wait(25)
        if time.monotonic() - start > timeout:
            raise TimeoutError("the window did not get there in time")


def settle(ctx: AppContext, ms: int = 300) -> None:
    until(lambda: not ctx.worker.busy)
    wait(ms)


def save(widget: QWidget, out: Path, name: str) -> None:
    widget.grab().save(str(out / f"{name}.png"), "PNG")
    print("saved", out / f"{name}.png")


def as_type(obj: object, kind: type[W]) -> W:
    """`obj`, checked to be a `kind` (the app hands back plain QWidgets)."""
    assert isinstance(obj, kind), f"expected {kind.__name__}, got {type(obj).__name__}"
    return obj


def login(
    app: QApplication,
    store: Path,
    user: str,
    settings: Settings,
    out: Path,
    shot_unlock: bool = False,
    fixed_size: bool = True,
) -> tuple[AppContext, HexiApp]:
    """Unlock as `user`; `fixed_size` False keeps the size the program chose for the screen."""
    ctx = AppContext(store, settings=settings)
    hexi = HexiApp(ctx)
    dlg = as_type(hexi.start(user=user), UnlockDialog)
    wait(300)
    if shot_unlock:
        save(dlg, out, "01-unlock")
    dlg.form.password.setText(demo.DEMO_PASSWORD)
    dlg.form.submit()
    until(lambda: hexi.window is not None)
    win = as_type(hexi.window, MainWindow)
    if fixed_size:
        win.resize(*SIZE)
    settle(ctx, 600)
    return ctx, hexi


def run(store: Path, out: Path, lang: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = make_qapp([sys.argv[0]])
    with tempfile.TemporaryDirectory() as tmp:
        # Work on a copy: the run types into forms and saves.
        copy = Path(tmp) / store.name
        shutil.copy(store, copy)
        shutil.copy(keys_path(store), keys_path(copy))
        store = copy
        settings = Settings.at(Path(tmp) / "settings.ini")
        prepare(app, settings, lang)

        # The first-run wizard, on a store that does not exist yet.
        from hexi_care.ui.wizard import SetupWizard

        wctx = AppContext(Path(tmp) / "new.hexi", settings=settings)
        wiz = SetupWizard(wctx)
        wiz.show()
        wiz.next()
        wiz.admin_page.pw1.setText("admin-pass-1")
        wiz.admin_page.pw2.setText("admin-pass-1")
        wiz.next()
        wiz.units_page.community.setText("紫金里社区")
        wiz.units_page._add()
        wiz.units_page.street.setCurrentIndex(4)
        wiz.units_page.community.setText("平江里社区")
        wiz.units_page._add()
        wait(200)
        save(wiz, out, "00-setup-wizard")
        wiz.close()
        wctx.worker.stop()

        # The director's copy is a laptop enrolled with a centre, for the 数据交换 page.
        from hexi_care.ui import exchange_demo

        exchange_demo.enrol_demo_laptop(store, Path(tmp) / "exchange")
        ctx, hexi = login(app, store, demo.DEMO_DIRECTOR, settings, out, shot_unlock=True)
        win = as_type(hexi.window, MainWindow)
        save(win, out, "02-workbench")
        page = as_type(win.show_page("children"), ChildrenPage)
        settle(ctx)
        save(win, out, "03-children")
        page.search.setText("zh")
        settle(ctx)
        save(win, out, "04-children-search")
        page.search.clear()
        settle(ctx)
        # A child the eligibility helper has something to say about (事实无人抚养儿童), if any.
        loaded = [page.model.row_at(r) for r in range(min(page.model.total, page.model.page_size))]
        child = next((c for c in loaded if c and "no_de_facto_carer" in c.categories), loaded[0])
        cf = as_type(win.open_child(child.id), ChildFileWindow)
        until(lambda: cf.data is not None)
        cf.resize(*SIZE)
        settle(ctx)
        save(cf, out, "05-child-file")
        cf.show_tab("household")
        wait(200)
        save(cf, out, "06-child-household")
        cf.show_tab("visits")
        wait(200)
        save(cf, out, "07-child-visits")
        cf.close()
        form = as_type(win.open_visit(child_id=child.id), VisitFormWindow)
        until(lambda: form.child is not None)
        form.resize(*SIZE)
        settle(ctx)
        form.people_met.setText("儿童及其祖母")
        form.place.setText("家中")
        form.carer_name.setText("奶奶")
        form.carer_relationship.setText("祖母")
        form.ratings["physical"].buttons[Rating.GOOD].setChecked(True)
        form.safety[SafetyTopic.FIRE_ELECTRICITY_GAS].setChecked(True)
        form.visit_date.setDate(QDate.currentDate().addDays(3))
        form.autosave(explicit=True)
        settle(ctx)
        form.scroll_area.verticalScrollBar().setValue(0)
        wait(200)
        save(form, out, "08-visit-form-error")
        form.visit_date.setDate(QDate.currentDate())
        form.autosave(explicit=True)
        settle(ctx)
        form.index.setCurrentRow(3)
        wait(200)
        save(form, out, "09-visit-form-ratings")
        form._discard_snapshot()
        settle(ctx)
        form.dirty = False
        form.close()
        for key, name in (
            ("households", "10-households"),
            ("visits", "11-visits"),
            ("support", "12-activities-help"),
            ("reports", "13-reports"),
            ("exchange", "14-exchange"),
            ("settings", "15-settings"),
        ):
            shown = win.show_page(key)
            if isinstance(shown, ReportsPage):
                shown.refresh()  # the figures counted, as after pressing 统计
            if isinstance(shown, ExchangePage):
                settle(ctx)
                exchange_demo.export_on_page(shown, Path(tmp) / "usb")
                settle(ctx)
                if shown.last_dialog is not None:
                    shown.last_dialog.close()
            settle(ctx, 500)
            save(win, out, name)
        # The print preview of the child's pre-filled visit checklist.
        from hexi_care.ui import printing

        previews: list[printing.PdfPreview] = []
        printing.print_checklist(ctx, win, child.id, on_shown=previews.append)
        until(lambda: bool(previews))
        preview = previews[0]
        preview.resize(*SIZE)
        until(lambda: preview.document.pageCount() > 0)
        settle(ctx, 800)
        save(preview, out, "18-print-preview")
        preview.close()
        win.lock(idle=True)
        settle(ctx)
        save(win, out, "16-locked")
        win.close_quietly()
        ctx.worker.stop()

        ctx, hexi = login(app, store, demo.DEMO_STREET, settings, out)
        win = as_type(hexi.window, MainWindow)
        win.show_page("review")
        settle(ctx, 600)
        save(win, out, "17-review")
        win.show_page("reexam")
        settle(ctx, 600)
        save(win, out, "22-reexaminations")
        win.close_quietly()
        ctx.worker.stop()


def grab_screen(out: Path, name: str) -> None:
    """The whole screen as the user sees it: window frames, the taskbar, what is cut off."""
    wait(400)
    screen = QGuiApplication.primaryScreen()
    screen.grabWindow(0).save(str(out / f"{name}.png"), "PNG")
    print("saved", out / f"{name}.png")


def run_screen_fit(store: Path, out: Path, lang: str) -> None:
    """The main windows sized by the program itself (ui.screen) on the screen it finds, grabbed
    whole: for checking the fit on a laptop with a taskbar and on a projector
    (scripts/with-taskbar 1366x768 …, scripts/with-taskbar 1280x720 …)."""
    out.mkdir(parents=True, exist_ok=True)
    app = make_qapp([sys.argv[0]])
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / store.name
        shutil.copy(store, copy)
        shutil.copy(keys_path(store), keys_path(copy))
        store = copy
        settings = Settings.at(Path(tmp) / "settings.ini")
        prepare(app, settings, lang)

        def login_fitted(user: str) -> tuple[AppContext, HexiApp, MainWindow]:
            ctx, hexi = login(app, store, user, settings, out, fixed_size=False)
            return ctx, hexi, as_type(hexi.window, MainWindow)

        ctx, hexi, win = login_fitted(demo.DEMO_DIRECTOR)
        grab_screen(out, "01-workbench")
        page = as_type(win.show_page("children"), ChildrenPage)
        settle(ctx)
        loaded = [page.model.row_at(r) for r in range(min(page.model.total, page.model.page_size))]
        child = next((c for c in loaded if c and "no_de_facto_carer" in c.categories), loaded[0])
        cf = as_type(win.open_child(child.id), ChildFileWindow)
        until(lambda: cf.data is not None)
        settle(ctx, 600)
        grab_screen(out, "02-child-file")
        cf.show_tab("household")
        grab_screen(out, "03-child-household")
        cf.close()
        form = as_type(win.open_visit(child_id=child.id), VisitFormWindow)
        until(lambda: form.child is not None)
        settle(ctx, 600)
        grab_screen(out, "04-visit-form")
        form._discard_snapshot()
        settle(ctx)
        form.dirty = False
        form.close()
        win.show_page("settings")
        settle(ctx, 500)
        grab_screen(out, "05-settings")
        win.lock(idle=False)
        settle(ctx)
        grab_screen(out, "06-locked")
        win.close_quietly()
        ctx.worker.stop()

        ctx, hexi, win = login_fitted(demo.DEMO_STREET)
        grab_screen(out, "07-supervisor-workbench")
        win.show_page("review")
        settle(ctx, 600)
        grab_screen(out, "08-review")
        win.close_quietly()
        ctx.worker.stop()


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--store", type=Path, default=demo.default_demo_path())
    p.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument(
        "--whole-screen",
        action="store_true",
        help="windows sized by the program on the screen it finds, grabbed with the taskbar",
    )
    args = p.parse_args(argv)
    if not demo.demo_store_exists(args.store):
        print("no demo store at", args.store, "(run ./scripts/demo once)", file=sys.stderr)
        return 1
    if args.whole_screen:
        run_screen_fit(args.store, args.out, args.lang)
    else:
        run(args.store, args.out, args.lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
