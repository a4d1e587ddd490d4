"""`./scripts/demo` (`python -m hexi_care.ui.demo`): make var/demo/demo.hexi once (with a progress
dialog that can be cancelled), then open the window on it with the unlock dialog prefilled with
the demo director. The store is made by the Qt-free hexi_care.demo package."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog

from hexi_care import demo, logs
from hexi_care.demo.build import STEPS, create_demo_store
from hexi_care.services.setup import remove_store_files
from hexi_care.ui import i18n
from hexi_care.ui.app import AppContext, HexiApp, make_qapp, prepare
from hexi_care.ui.settings import Settings
from hexi_care.ui.single_instance import SingleInstance
from hexi_care.ui.worker import Task


def make_demo_store(ctx: AppContext, children: int, on_done) -> QProgressDialog:
    """Generate the demo store on the worker, showing the steps; Cancel removes what was made."""
    path = ctx.store_path
    assert isinstance(path, Path)  # the demo is a store file
    steps = {
        "calibrate": i18n.translate("Demo", "Measuring this computer for the password protection…"),
        "create": i18n.translate("Demo", "Creating the encrypted demo store…"),
        "generate": i18n.translate(
            "Demo", "Generating {n} synthetic children with their families and visits…"
        ).format(n=f"{children:,}"),
        "users": i18n.translate("Demo", "Adding the demo users…"),
    }
    order = list(STEPS)
    dlg = QProgressDialog(
        i18n.translate("Demo", "Preparing the demo store…"),
        i18n.translate("Common", "Cancel"),
        0,
        len(order),
    )
    dlg.setWindowTitle(i18n.translate("Demo", "Demo store"))
    dlg.setWindowModality(Qt.WindowModality.ApplicationModal)
    dlg.setMinimumDuration(0)
    dlg.setMinimumWidth(460)
    dlg.setAutoClose(False)
    dlg.setAutoReset(False)
    # QProgressDialog emits `canceled` when it is closed, also by us once the work is over: only
    # a cancel while the work runs is the person's.
    over = False

    def run(task: Task) -> None:
        def progress(step: str) -> None:
            task.check_cancelled()
            task.report(order.index(step), len(order), step)

        create_demo_store(path, children=children, progress=progress)
        try:
            task.check_cancelled()
        except BaseException:
            remove_store_files(path)
            raise

    def progress(done: int, _total: int, step: str) -> None:
        dlg.setValue(done)
        dlg.setLabelText(steps.get(step, step))

    def finished(_r: object) -> None:
        nonlocal over
        over = True
        dlg.setValue(len(order))
        dlg.close()
        on_done(True)

    def failed(exc: BaseException) -> None:
        nonlocal over
        over = True
        dlg.close()
        from hexi_care.ui.common import show_problem

        show_problem(None, exc)
        on_done(False)

    task = ctx.worker.submit(
        run, done=finished, failed=failed, progress=progress, name="demo-store"
    )

    def cancel() -> None:
        if over:
            return
        task.cancel()
        dlg.setLabelText(i18n.translate("Demo", "Stopping…"))

    dlg.canceled.connect(cancel)
    # A cancelled task reports nothing back: quit once it has cleaned up.
    ctx.worker.task_finished.connect(lambda t: t is task and task.cancelled and QApplication.quit())
    dlg.show()
    return dlg


def run_demo(
    path: Path,
    *,
    children: int = demo.DEFAULT_CHILDREN,
    lang: str | None = None,
    qt_args: Sequence[str] = (),
) -> int:
    logs.setup()
    app = make_qapp([sys.argv[0], *qt_args])
    path = Path(path)
    settings = Settings.at(path.with_name("settings.ini"))
    prepare(app, settings, lang)
    guard = SingleInstance(path)
    if not guard.claim():
        print(
            i18n.translate(
                "App",
                "hexi-care is already open on this store; that window has been brought forward.",
            ),
            file=sys.stderr,
        )
        return 0
    ctx = AppContext(path, settings=settings)
    hexi = HexiApp(ctx)
    guard.activated.connect(hexi.bring_forward)
    app.aboutToQuit.connect(ctx.worker.stop)
    users = demo.DemoUsers()
    note = i18n.translate(
        "Demo",
        "Demo store with synthetic data. Users: {director} (child director), {street} (street supervisor), {centre} (district centre); password {password}.",
    ).format(
        director=users.director, street=users.street, centre=users.centre, password=users.password
    )

    def start(ok: bool = True) -> None:
        if ok:
            hexi.start(user=users.director, note=note)
        else:
            app.quit()

    keep: list[object] = []
    if demo.demo_store_exists(path):
        start()
    else:
        remove_store_files(path)
        keep.append(make_demo_store(ctx, children, start))
    code = app.exec()
    ctx.worker.stop()
    guard.release()
    return code


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="demo", description="Open hexi-care on a demo store.")
    parser.add_argument("--store", type=Path, default=None, help="demo store path")
    parser.add_argument("--children", type=int, default=demo.DEFAULT_CHILDREN)
    parser.add_argument("--lang", choices=("zh", "en"), default=None)
    args, rest = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    return run_demo(
        args.store or demo.default_demo_path(), children=args.children, lang=args.lang, qt_args=rest
    )


if __name__ == "__main__":
    sys.exit(main())
