"""First run: the setup wizard creates the store (administrator, streets and communities, first
users) with progress shown, shows the recovery code once, and the first director can unlock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWizard

from hexi_care.db.store import unlock, unlock_with_recovery_code
from hexi_care.domain.enums import Role
from hexi_care.services import listings, users
from hexi_care.services.context import UnitOfWork
from hexi_care.ui.app import AppContext, HexiApp
from hexi_care.ui.settings import Settings

from .conftest import clock, wait_idle


def test_the_wizard_creates_a_store_and_the_first_user_unlocks_it(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "new" / "store.hexi"
    ctx = AppContext(path, settings=Settings.at(tmp_path / "s.ini"), clock=clock)
    hexi = HexiApp(ctx)
    try:
        wiz = hexi.start()
        qtbot.addWidget(wiz)
        assert wiz.objectName() == "setup_wizard"
        assert wiz.intro.path.text() == str(path)
        wiz.next()
        a = wiz.admin_page
        a.pw1.setText("short")
        a.pw2.setText("short")
        wiz.next()
        assert wiz.currentPage() is a and a.message.text()  # too short: says so, stays
        a.pw1.setText("admin-pass-1")
        a.pw2.setText("admin-pass-1")
        wiz.next()
        u = wiz.units_page
        assert u.street.count() == 14  # Hexi's streets, from the address code
        u.street.setCurrentText("大营门街")
        u.community.setText("紫金里社区")
        u._add()
        u.street.setCurrentText("马场街")
        u.community.setText("平江里社区")
        u._add()
        assert u.rows() == [("大营门街", "紫金里社区"), ("马场街", "平江里社区")]
        wiz.next()
        p = wiz.users_page
        wiz.next()
        assert wiz.currentPage() is p and p.message.text()  # at least one user who can read cases
        p.name.setText("dir_a")
        p.display.setText("王主任🙂")
        p.role.setCurrentIndex(p.role.findData(Role.DIRECTOR))
        p.unit.setCurrentIndex(p.unit.findText("马场街 / 平江里社区"))
        p.pw.setText("secret-pass-1")
        p._add()
        assert p.users == [] and "姓名" in p.message.text()  # the core's rule for names
        p.display.setText("王主任")
        p.role.setCurrentIndex(p.role.findData(Role.DIRECTOR))
        p.unit.setCurrentIndex(p.unit.findText("马场街 / 平江里社区"))
        p.pw.setText("secret-pass-1")
        p._add()
        p.name.setText("street_a")
        p.role.setCurrentIndex(p.role.findData(Role.STREET_SUPERVISOR))
        p.unit.setCurrentIndex(p.unit.findText("大营门街"))
        p.pw.setText("secret-pass-2")
        p._add()
        assert [x.name for x in p.users] == ["dir_a", "street_a"]
        with qtbot.waitSignal(ctx.worker.task_finished, timeout=20000):
            wiz.next()  # the creation page starts its work
        qtbot.waitUntil(
            lambda: wiz.currentPage() is wiz.recovery_page or bool(wiz.create_page.message.text()),
            timeout=20000,
        )
        assert wiz.create_page.message.text() == ""
        assert wiz.create_page.bar.value() == wiz.create_page.bar.maximum()
        assert wiz.create_page.steps.count() >= 5
        code = wiz.recovery_page.code.text()
        assert len(code) == 35 and code.count("-") == 5
        assert not wiz.button(QWizard.WizardButton.FinishButton).isEnabled()
        wiz.recovery_page.confirm.setChecked(True)
        assert wiz.button(QWizard.WizardButton.FinishButton).isEnabled()
        assert (
            "recovery" in wiz.recovery_page.document().toPlainText().lower()
            or code in wiz.recovery_page.document().toPlainText()
        )
        wiz.accept()
        dlg = hexi.dialog
        assert dlg is not None
        qtbot.addWidget(dlg)
        assert dlg.form.user.text() == "dir_a"
        dlg.form.password.setText("secret-pass-1")
        dlg.form.submit()
        qtbot.waitUntil(lambda: hexi.window is not None, timeout=10000)
        qtbot.addWidget(hexi.window)
        wait_idle(qtbot, ctx)
        assert [u.name for u in ctx.ref.communities()] == ["平江里社区"]
    finally:
        if hexi.window is not None:
            hexi.window.close_quietly()
        ctx.worker.stop()

    s = unlock(path, "street_a", "secret-pass-2", clock=clock)
    with UnitOfWork(s) as uow:
        assert [x.name for x in listings.visible_units(uow) if x.kind.value == "community"] == [
            "紫金里社区"
        ]
    s.lock()
    admin = unlock(path, "admin", "admin-pass-1", clock=clock)
    with UnitOfWork(admin) as uow:
        assert {x.name for x in users.list_users(uow)} == {"admin", "dir_a", "street_a"}
    admin.lock()
    unlock_with_recovery_code(path, code).lock()  # the code shown opens the store
