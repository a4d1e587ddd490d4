"""./scripts/demo: the demo store is made once with a progress dialog (cancellable), then the
unlock dialog opens prefilled with the demo director, who sees their community's children."""

from __future__ import annotations

from pathlib import Path

from hexi_care import demo
from hexi_care.ui.app import AppContext, HexiApp
from hexi_care.ui.demo import make_demo_store
from hexi_care.ui.settings import Settings

from .conftest import wait_idle


def test_demo_store_is_made_with_progress_and_opens_for_the_director(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "demo" / "demo.hexi"
    ctx = AppContext(path, settings=Settings.at(tmp_path / "s.ini"))
    hexi = HexiApp(ctx)
    results: list[bool] = []
    try:
        dlg = make_demo_store(ctx, 120, results.append)
        qtbot.addWidget(dlg)
        assert dlg.isVisible()
        qtbot.waitUntil(lambda: results == [True], timeout=60000)
        assert demo.demo_store_exists(path)
        unlock = hexi.start(user=demo.DEMO_DIRECTOR, note="demo")
        qtbot.addWidget(unlock)
        assert unlock.form.user.text() == "demo-director"
        unlock.form.password.setText(demo.DEMO_PASSWORD)
        unlock.form.submit()
        qtbot.waitUntil(lambda: hexi.window is not None, timeout=10000)
        win = hexi.window
        qtbot.addWidget(win)
        page = win.show_page("children")
        wait_idle(qtbot, ctx)
        assert page.model.total > 0
        assert len(ctx.ref.communities()) == 1  # the director's own community only
    finally:
        if hexi.window is not None:
            hexi.window.close_quietly()
        ctx.worker.stop()


def test_cancelling_leaves_no_half_made_store(qtbot, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "demo.hexi"
    ctx = AppContext(path, settings=Settings.at(tmp_path / "s.ini"))
    results: list[bool] = []
    quits: list[int] = []
    monkeypatch.setattr("PySide6.QtWidgets.QApplication.quit", lambda *a: quits.append(1))
    try:
        dlg = make_demo_store(ctx, 400, results.append)
        qtbot.addWidget(dlg)
        dlg.canceled.emit()  # the Cancel button: the task stops at its next step and removes what it made
        qtbot.waitUntil(lambda: not ctx.worker.busy, timeout=60000)
        assert results == []
        assert not demo.demo_store_exists(path)
        assert not path.exists()
    finally:
        ctx.worker.stop()
