"""Run by test_crash_recovery in a separate process: unlock, open a visit form, type, wait until
the form has been sealed to disk, say READY, then keep running until killed (SIGKILL)."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QDate, QTimer

from hexi_care.ui import i18n
from hexi_care.ui.app import AppContext, HexiApp, make_qapp
from hexi_care.ui.settings import Settings
from tests import cheap_kdf


def clock() -> datetime:
    return datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def main() -> None:
    cheap_kdf.install()
    store, settings, child, user, password = sys.argv[1:6]
    app = make_qapp(["crash-helper"])
    i18n.install("zh")
    ctx = AppContext(Path(store), settings=Settings.at(Path(settings)), clock=clock)
    hexi = HexiApp(ctx)
    dlg = hexi.start(user=user)
    dlg.form.password.setText(password)

    def opened(win) -> None:
        form = win.open_visit(child_id=child)

        def fill() -> None:
            if form.child is None:
                QTimer.singleShot(20, fill)
                return
            form.visit_date.setDate(QDate(2026, 12, 24))  # in the future: not saveable as a draft
            form.needs.setPlainText("突然断电前写下的需求：冬季取暖")
            form.people_met.setText("儿童及其祖母")
            form.ratings["living"].note.setPlainText("取暖设施需检查")
            form.autosave(explicit=True)
            ctx.worker.submit(
                lambda _t: None, done=lambda _r: print("READY", form.form_id, flush=True)
            )

        fill()

    hexi.main_window_ready.connect(opened)
    dlg.form.submit()
    app.exec()


if __name__ == "__main__":
    main()
