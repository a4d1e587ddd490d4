"""The window's revocation: the administrator deactivates a user and is offered a new data key;
the key the user could have copied stops opening the store; the new recovery code is shown and the
older backups can be deleted there."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from hexi_care.db.engine import _key_pragma
from hexi_care.db.keys import KeySlots
from hexi_care.db.store import keys_path, unlock
from hexi_care.ui.rekey import RekeyDoneDialog, ResetPasswordDialog

from .conftest import PW, wait_idle


def _answer(qtbot, text: str) -> list[str]:
    """Click the button labelled `text` on the question box once it is up; returns the labels
    seen (a missing label closes the box instead, so the test fails rather than hangs)."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.extend(b.text() for b in box.buttons())
        for b in box.buttons():
            if b.text() == text:
                b.click()
                return
        box.reject()

    QTimer.singleShot(0, click)
    return seen


def _opens(path, key: bytes) -> bool:  # type: ignore[no-untyped-def]
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(_key_pragma(key))
        conn.execute("SELECT count(*) FROM child").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def test_deactivate_offers_and_does_a_rekey(qtbot, make_app, ui_world) -> None:
    leaver = unlock(ui_world.path, "dir_b", PW)
    kept_key = leaver.data_key
    leaver.auto_backup(reason="old")
    leaver.lock()
    for other in ui_world.opened:  # the fixture's own sessions: a rekey needs the file alone
        other.lock()
    ctx, _hexi, win = make_app("admin")
    page = win.show_page("settings")
    wait_idle(qtbot, ctx)
    row = next(
        i
        for i in range(page.user_list.count())
        if page.user_list.item(i).text().startswith("dir_b")
    )
    page.user_list.setCurrentRow(row)
    seen = _answer(qtbot, "停用并更换密钥")
    page._deactivate()
    assert "停用并更换密钥" in seen, seen
    qtbot.waitUntil(lambda: bool(page.admin_message.text()), timeout=20000)
    assert page.findChild(RekeyDoneDialog) is not None, page.admin_message.text()
    wait_idle(qtbot, ctx)
    dlg = page.findChild(RekeyDoneDialog)
    assert dlg is not None and dlg.isVisible()
    code = dlg.code.text()
    assert len(code) == 35 and dlg.older.count() == 1
    assert not _opens(ui_world.path, kept_key)
    assert not KeySlots.load(keys_path(ui_world.path)).has_user("dir_b")
    dlg.delete.click()
    assert dlg.older.count() == 0 and "1" in dlg.note.text()
    dlg.accept()
    unlock(ui_world.path, "dir_a", PW).lock()  # the others keep their passwords
    assert "dir_b" in page.admin_message.text()


def test_an_administrators_password_reset_offers_a_rekey(qtbot, make_app, ui_world) -> None:
    leaked = unlock(ui_world.path, "dir_a", PW)
    leaked_key = leaked.data_key
    leaked.lock()
    for other in ui_world.opened:
        other.lock()
    ctx, _hexi, win = make_app("admin")
    page = win.show_page("settings")
    wait_idle(qtbot, ctx)
    row = next(
        i
        for i in range(page.user_list.count())
        if page.user_list.item(i).text().startswith("dir_a")
    )
    page.user_list.setCurrentRow(row)
    page._reset_password()
    dlg = page.findChild(ResetPasswordDialog)
    assert dlg is not None and dlg.rekey.isChecked()  # offered, and the default
    dlg.pw1.setText("12345678")
    dlg.pw2.setText("12345678")
    dlg._ok()
    qtbot.waitUntil(lambda: bool(dlg.message.text()), timeout=10000)
    assert "常见密码" in dlg.message.text()  # refused, saying why
    dlg.pw1.setText("reset-in-window-Pw-6")
    dlg.pw2.setText("reset-in-window-Pw-6")
    dlg._ok()
    qtbot.waitUntil(lambda: page.findChild(RekeyDoneDialog) is not None, timeout=20000)
    wait_idle(qtbot, ctx)
    page.findChild(RekeyDoneDialog).accept()
    assert not _opens(ui_world.path, leaked_key)
    assert "dir_a" in page.admin_message.text()
    unlock(ui_world.path, "dir_a", "reset-in-window-Pw-6").lock()


def test_a_rekey_lists_backups_in_the_folder_chosen_in_settings(
    qtbot, make_app, ui_world, tmp_path
) -> None:
    from hexi_care.ui.settings import Settings

    chosen = tmp_path / "chosen-backups"
    Settings.at(tmp_path / "settings.ini").set("backup/folder", str(chosen))
    # Written before the store learnt of the folder (as a copy made by hand would be).
    from hexi_care.db.store import write_backup

    store = unlock(ui_world.path, "dir_a", PW)
    chosen.mkdir()
    old = write_backup(store.path, store.data_key, chosen / "store-20240101-000000-daily.hexibak")
    store.lock()
    for other in ui_world.opened:
        other.lock()
    ctx, _hexi, win = make_app("admin")
    page = win.show_page("settings")
    wait_idle(qtbot, ctx)
    _answer(qtbot, "更换密钥")
    page._rekey()
    qtbot.waitUntil(lambda: page.findChild(RekeyDoneDialog) is not None, timeout=20000)
    wait_idle(qtbot, ctx)
    dlg = page.findChild(RekeyDoneDialog)
    shown = [dlg.older.item(i).text() for i in range(dlg.older.count())]
    assert any(str(old) in text or old.name in text for text in shown), shown
    dlg.delete.click()
    assert not old.exists()
    dlg.accept()


def test_settings_notes_an_old_format_centre_slot(qtbot, make_app, ui_world, tmp_path) -> None:
    from hexi_care.services import recovery
    from tests.security.old_slots import old_format_centre_slot

    public = Path(recovery.keygen(tmp_path / "centre-key", "centre-recovery-passphrase"))
    store = unlock(ui_world.path, "dir_a", PW)  # any user's unlock gives the data key
    old_format_centre_slot(ui_world.path, store.data_key, public)
    store.lock()
    ctx, _hexi, win = make_app("admin")
    page = win.show_page("settings")
    wait_idle(qtbot, ctx)
    assert page.centre_slot_note.isVisibleTo(page)
    assert "旧格式" in page.centre_slot_note.text()
    assert "set-centre-key" in page.centre_slot_note.text()


def test_settings_has_no_centre_slot_note_for_a_current_store(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("admin")
    page = win.show_page("settings")
    wait_idle(qtbot, ctx)
    assert not page.centre_slot_note.isVisibleTo(page)
