"""A visit answer that is a red flag (under 16 living alone, under 8 unattended, living conditions
rated poor, an injury noted) offers a mandatory report on the spot; the report is recorded for the
child with the trigger the flag suggests."""

from __future__ import annotations

from hexi_care.domain.enums import Rating, ReportTrigger
from hexi_care.services import casework
from hexi_care.services.context import UnitOfWork
from hexi_care.ui.dialogs.casework import ReportDialog

from .conftest import wait_idle


def _form(qtbot, make_app, ui_world):
    ctx, _hexi, win = make_app("dir_a")
    form = win.open_visit(child_id=ui_world.kids_a[0])
    qtbot.addWidget(form)
    qtbot.waitUntil(lambda: form.child is not None, timeout=10000)
    wait_idle(qtbot, ctx)
    return ctx, form


def test_red_flags_offer_a_report_on_the_spot(qtbot, make_app, ui_world) -> None:
    ctx, form = _form(qtbot, make_app, ui_world)
    assert not form.red_box.isVisibleTo(form)
    form.ratings["physical"].note.setPlainText("情绪低落，有些伤心；未见外伤")
    assert not form.red_box.isVisibleTo(form)
    form.alone16.setChecked(True)
    assert form.red_box.isVisibleTo(form)
    assert "未满16周岁独居" in form.red_flags.text()
    form.ratings["living"].buttons[Rating.POOR].setChecked(True)
    form.ratings["physical"].note.setPlainText("左臂有淤青")
    assert "居住环境与安全评为差" in form.red_flags.text()
    assert "身体状况记有伤情" in form.red_flags.text()

    form.report_now.click()
    (dlg,) = form.findChildren(ReportDialog)
    assert dlg.trigger.currentData() == ReportTrigger.ABANDONED
    assert "未满16周岁独居" in dlg.description.toPlainText()
    dlg.reported_done.setChecked(True)
    dlg.agency.setText("公安")
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: not form.report_now.isVisibleTo(form), timeout=10000)
    assert form.red_flags.text() == "已登记强制报告，请在儿童档案中跟进。"
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        (rep,) = casework.reports(uow, ui_world.kids_a[0])
    assert rep.trigger == ReportTrigger.ABANDONED and rep.agency == "公安"
    assert rep.feedback_due is not None  # from the store's rule, since none was typed
    form.dirty = False
    form.close()


def test_no_offer_when_nothing_is_a_red_flag(qtbot, make_app, ui_world) -> None:
    _ctx, form = _form(qtbot, make_app, ui_world)
    form.ratings["living"].buttons[Rating.FAIR].setChecked(True)
    form.alone8.setChecked(True)
    assert form.red_box.isVisibleTo(form) and "未满8周岁无人看护" in form.red_flags.text()
    form.alone8.setChecked(False)
    assert not form.red_box.isVisibleTo(form)
    form.dirty = False
    form.close()
