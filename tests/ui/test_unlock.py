"""Unlocking: success opens the user's window; a wrong password says so at the form; repeated
failures make the user wait (the store's throttle), with the button disabled meanwhile; a
forgotten password is set anew with the recovery code."""

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


def test_a_new_password_with_the_recovery_code(qtbot, ui_world, tmp_path) -> None:
    """From the unlock dialog: the two passwords must agree, a wrong code is refused at the
    dialog, the right one sets the password and (by default) gives the store a new key, whose new
    recovery code is shown."""
    from hexi_care.db.store import unlock
    from hexi_care.ui.rekey import RekeyDoneDialog
    from hexi_care.ui.unlock import RecoveryDialog

    for other in ui_world.opened:  # the fixture's own sessions: a rekey needs the file alone
        other.lock()
    ctx, _hexi, dlg = _dialog(qtbot, ui_world, tmp_path)
    try:
        dlg.form._recover()
        rec = dlg.findChild(RecoveryDialog)
        assert rec is not None and rec.user.text() == "dir_a" and rec.rekey.isChecked()
        rec.pw1.setText("recovered-Pw-77")
        rec.pw2.setText("recovered-Pw-78")
        rec.buttons.accepted.emit()
        assert rec.message.text() in ("两次输入的密码不一致。", "The two passwords differ.")
        assert not ctx.worker.busy
        rec.pw2.setText("recovered-Pw-77")
        rec.code.setText("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
        rec.buttons.accepted.emit()
        qtbot.waitUntil(lambda: rec.buttons.isEnabled(), timeout=10000)
        assert rec.message.text() and rec.result() == 0
        rec.code.setText(ui_world.recovery_code)
        rec.buttons.accepted.emit()
        qtbot.waitUntil(lambda: dlg.findChild(RekeyDoneDialog) is not None, timeout=20000)
        wait_idle(qtbot, ctx)
        done = dlg.findChild(RekeyDoneDialog)
        assert rec.result() == 1 and done.code.text() != ui_world.recovery_code
        done.accept()
        unlock(ui_world.path, "dir_a", "recovered-Pw-77").lock()
    finally:
        ctx.worker.stop()


def test_the_light_copies_of_store_rules_agree(tmp_path) -> None:
    """The window names the key file and the demo password without loading the database code."""
    from hexi_care import demo_launch
    from hexi_care.db.store import keys_path
    from hexi_care.services import demo
    from hexi_care.ui.app import keys_file

    p = tmp_path / "a.hexi"
    assert keys_file(p) == keys_path(p) == demo_launch.keys_path(p)
    assert demo_launch.DEMO_PASSWORD == demo.DEMO_PASSWORD
