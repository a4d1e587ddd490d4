"""Locking: after idle time and on Ctrl+L every personal detail is hidden (pages and record windows)
and the store's key is dropped; unlocking as the same user brings everything back; another user
gets their own window. A second copy of the program on the same store brings the first forward."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QMenu

from hexi_care.ui.single_instance import SingleInstance

from .conftest import PW, wait_idle


def _visible_texts(widget) -> list[str]:
    out: list[str] = []
    for w in widget.findChildren(QLabel) + widget.findChildren(QLineEdit):
        if w.isVisibleTo(widget) and w.text():
            out.append(w.text())
    for v in widget.findChildren(QAbstractItemView):
        if v.isVisibleTo(widget) and v.model() is not None:
            m = v.model()
            try:
                cols = m.columnCount()
            except TypeError:  # a list widget's model
                cols = 1
            for r in range(min(m.rowCount(), 50)):
                for c in range(cols):
                    out.append(str(m.data(m.index(r, c)) or ""))
    return out


def test_idle_lock_hides_everything_and_unlock_restores(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("children")
    wait_idle(qtbot, ctx)
    cf = win.open_child(ui_world.kids_a[0])
    qtbot.waitUntil(lambda: cf.data is not None, timeout=5000)
    assert any("张小明" in t for t in _visible_texts(win))
    win.idle.set_interval(1, interval_ms=150)
    win.idle.start()
    qtbot.waitUntil(lambda: win.locked, timeout=3000)
    wait_idle(qtbot, ctx)
    assert not cf.isVisible()
    assert win.central.currentWidget() is win.lock_screen
    texts = _visible_texts(win)
    assert not any("张" in t for t in texts), texts  # no child's name anywhere on screen
    assert "张小明" not in win.windowTitle()
    assert ctx.worker.store is None  # the key is gone
    assert "锁定" in win.lock_label.text() or "Locked" in win.lock_label.text()
    # Unlock as the same user: the pages and the open file come back.
    win.lock_screen.form.password.setText(PW)
    win.lock_screen.form.submit()
    qtbot.waitUntil(lambda: not win.locked, timeout=10000)
    wait_idle(qtbot, ctx)
    assert cf.isVisible()
    assert win.stack.currentWidget() is page
    assert win.idle.active


def test_ctrl_l_locks_and_another_user_gets_their_own_window(qtbot, make_app) -> None:
    ctx, hexi, win = make_app("dir_a")
    win.show_page("children")
    wait_idle(qtbot, ctx)
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.locked, timeout=3000)
    wait_idle(qtbot, ctx)
    form = win.lock_screen.form
    assert form.user.text() == "dir_a"
    form.user.setText("street_a")
    form.password.setText(PW)
    form.submit()
    qtbot.waitUntil(lambda: hexi.window is not win, timeout=10000)
    wait_idle(qtbot, ctx)
    new = hexi.window
    qtbot.addWidget(new)
    assert ctx.user.name == "street_a"
    assert "review" in new.page_keys
    assert not new.locked


def test_a_second_copy_brings_the_first_forward(qtbot, tmp_path) -> None:
    store = tmp_path / "s.hexi"
    first = SingleInstance(store)
    assert first.claim()
    try:
        second = SingleInstance(store)
        with qtbot.waitSignal(first.activated, timeout=3000):
            assert not second.claim()
        other = SingleInstance(tmp_path / "other.hexi")
        assert other.claim()  # another store is another program
        other.release()
    finally:
        first.release()
    again = SingleInstance(store)
    assert again.claim()  # released: the next start takes over
    again.release()


def test_daily_backup_is_written_once_a_day(qtbot, make_app, ui_world, tmp_path) -> None:
    ctx, _hexi, win = make_app("dir_a")
    folder = tmp_path / "daily-backups"
    ctx.settings.set("backup/folder", str(folder))
    win._daily_backup()
    qtbot.waitUntil(lambda: len(list(folder.glob("*.hexibak"))) == 1, timeout=15000)
    wait_idle(qtbot, ctx)
    win._daily_backup()  # a second check the same day writes nothing more
    wait_idle(qtbot, ctx)
    assert len(list(folder.glob("*.hexibak"))) == 1
    data = next(folder.glob("*.hexibak")).read_bytes()
    assert b"SQLite format 3" not in data


def test_switch_user_from_the_menu_and_the_lock_screen(qtbot, make_app) -> None:
    """The account menu switches user without closing the program: the window locks, the form is
    empty for the next person, and their own window replaces the last one."""
    ctx, hexi, win = make_app("dir_a")
    menu = win.findChild(QMenu, "account_menu")
    assert menu is not None
    texts = [a.text() for a in menu.actions()]
    assert texts[0].endswith("\tCtrl+L") and len(texts) == 3
    win.switch_action.trigger()
    qtbot.waitUntil(lambda: win.locked, timeout=3000)
    wait_idle(qtbot, ctx)
    form = win.lock_screen.form
    assert form.user.text() == "" and form.password.text() == ""
    assert win.isVisible()  # the program is still open
    qtbot.keyClicks(form.user, "street_a")
    qtbot.keyClicks(form.password, PW)
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: hexi.window is not win, timeout=10000)
    wait_idle(qtbot, ctx)
    new = hexi.window
    qtbot.addWidget(new)
    assert ctx.user.name == "street_a" and not new.locked
    # From the lock screen: lock, press 切换用户, and the first user comes back.
    new.lock(idle=False)
    wait_idle(qtbot, ctx)
    assert new.lock_screen.form.user.text() == "street_a"
    qtbot.mouseClick(new.lock_screen.switch, Qt.MouseButton.LeftButton)
    assert new.lock_screen.form.user.text() == ""
    new.lock_screen.form.user.setText("dir_a")
    new.lock_screen.form.password.setText(PW)
    new.lock_screen.form.submit()
    qtbot.waitUntil(lambda: hexi.window is not new, timeout=10000)
    wait_idle(qtbot, ctx)
    qtbot.addWidget(hexi.window)
    assert ctx.user.name == "dir_a"


def test_sign_out_leaves_nobody_signed_in(qtbot, make_app) -> None:
    ctx, hexi, win = make_app("dir_a")
    win.sign_out_action.trigger()
    qtbot.waitUntil(lambda: win.locked, timeout=3000)
    wait_idle(qtbot, ctx)
    assert win.isVisible() and hexi.window is win
    assert win.lock_screen.form.user.text() == ""
    assert win.user_label.text() == "" and win.unit_label.text() == ""
    assert win.lock_screen.title.text() in ("Signed out", "已退出登录")
    # Nothing personal is reachable: the pages are hidden behind the unlock form.
    assert not win.content.isVisible()
    win.lock_screen.form.user.setText("dir_a")
    win.lock_screen.form.password.setText(PW)
    win.lock_screen.form.submit()
    qtbot.waitUntil(lambda: not win.locked, timeout=10000)
    assert win.content.isVisible()


def test_locking_stops_the_process_that_rendered_the_last_document(
    qtbot, make_app, ui_world
) -> None:
    from hexi_care.reports import apart
    from hexi_care.ui import printing

    ctx, _hexi, win = make_app("dir_a")
    cf = win.open_child(ui_world.kids_a[0])
    qtbot.waitUntil(lambda: cf.data is not None, timeout=5000)
    cf.print_checklist.click()
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, printing.PdfPreview) for w in cf.findChildren(printing.PdfPreview)
        ),
        timeout=30000,
    )
    wait_idle(qtbot, ctx)
    assert apart.running()  # the checklist was rendered there, and it waits for the next one
    win.lock()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: not apart.running(), timeout=5000)
