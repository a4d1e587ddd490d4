"""Unlocking: success opens the user's window; a wrong password says so at the form; repeated
failures make the user wait (the store's throttle), with the button disabled meanwhile."""

from __future__ import annotations

from pathlib import Path

from hexi_care.ui.app import AppContext, HexiApp
from hexi_care.ui.settings import Settings

from .conftest import PW, clock, wait_idle


def _dialog(qtbot, ui_world, tmp_path: Path):
    ctx = AppContext(ui_world.path, settings=Settings.at(tmp_path / "s.ini"), clock=clock)
    hexi = HexiApp(ctx)
    dlg = hexi.start(user="dir_a")
    qtbot.addWidget(dlg)
    return ctx, hexi, dlg


def test_unlock_success_opens_the_main_window(qtbot, ui_world, tmp_path) -> None:
    ctx, hexi, dlg = _dialog(qtbot, ui_world, tmp_path)
    try:
        assert dlg.form.user.text() == "dir_a"
        dlg.form.password.setText(PW)
        qtbot.mouseClick(
            dlg.form.button, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton
        )
        qtbot.waitUntil(lambda: hexi.window is not None, timeout=10000)
        win = hexi.window
        qtbot.addWidget(win)
        wait_idle(qtbot, ctx)
        assert ctx.user.name == "dir_a"
        assert "王主任" in win.user_label.text()
        assert "紫金里社区" in win.unit_label.text()
        assert not win.locked
        assert dlg.form.password.text() == ""  # the password does not linger in the widget
        assert ctx.settings.get("unlock/last_user") == "dir_a"
        assert "review" not in win.page_keys  # directors do not review
    finally:
        if hexi.window:
            hexi.window.close_quietly()
        ctx.worker.stop()


def test_wrong_password_is_refused_with_a_clear_message(qtbot, ui_world, tmp_path) -> None:
    ctx, hexi, dlg = _dialog(qtbot, ui_world, tmp_path)
    try:
        dlg.form.password.setText("wrong-password")
        dlg.form.submit()
        wait_idle(qtbot, ctx)
        assert hexi.window is None
        assert "密码" in dlg.form.message.text() or "password" in dlg.form.message.text()
        assert dlg.form.password.text() == ""
        assert dlg.form.button.isEnabled()
    finally:
        ctx.worker.stop()


def test_repeated_failures_make_the_user_wait(qtbot, ui_world, tmp_path) -> None:
    ctx, hexi, dlg = _dialog(qtbot, ui_world, tmp_path)
    try:
        for _ in range(4):  # three free attempts, then the throttle answers the fourth
            dlg.form.password.setText("wrong-password")
            dlg.form.submit()
            wait_idle(qtbot, ctx)
        assert not dlg.form.button.isEnabled()
        text = dlg.form.message.text()
        assert "秒" in text or "seconds" in text
        # While waiting, submitting does nothing (no request reaches the store).
        dlg.form.password.setText(PW)
        dlg.form.submit()
        assert not ctx.worker.busy
        qtbot.waitUntil(lambda: dlg.form.button.isEnabled(), timeout=5000)
        dlg.form.password.setText(PW)
        dlg.form.submit()
        qtbot.waitUntil(lambda: hexi.window is not None, timeout=10000)
        qtbot.addWidget(hexi.window)
        wait_idle(qtbot, ctx)
    finally:
        if hexi.window:
            hexi.window.close_quietly()
        ctx.worker.stop()
