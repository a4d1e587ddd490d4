"""Recording what the seed's report counts, in the real dialogs (issue 16 item 5): help names the
children who benefited and counts the others; an activity lasts days and takes a head count."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from hexi_care.services import support
from hexi_care.services.context import UnitOfWork
from hexi_care.ui.dialogs.activity import ActivityDialog
from hexi_care.ui.dialogs.support import AssistanceDialog

from .conftest import wait_idle
from .test_records import _file


def test_help_names_children_and_counts_others(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("dir_a")
    cf = _file(qtbot, win, ui_world.kids_a[0])
    hid = cf.data.file.household.id
    dlg = AssistanceDialog(ctx, cf, hid, [(ui_world.kids_a[0], "张小明")], child_id=None)
    qtbot.addWidget(dlg)
    assert dlg.children_list.item(0).checkState() == Qt.CheckState.Unchecked
    dlg.children_list.item(0).setCheckState(Qt.CheckState.Checked)
    dlg.others.setValue(2)  # the grandparents
    dlg.items.setValue(4)
    dlg.campaign.setText("冬季送温暖")
    dlg.description.setText("米面油")
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert dlg.result() == 1
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        [a] = support.assistance_for(uow, household_id=hid)
    assert (a.child_ids, a.others, a.campaign, a.items) == (
        [ui_world.kids_a[0]],
        2,
        "冬季送温暖",
        4,
    )


def test_activity_over_days_with_a_head_count(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("support")
    wait_idle(qtbot, ctx)
    dlg = ActivityDialog(ctx, page)
    qtbot.addWidget(dlg)
    wait_idle(qtbot, ctx)
    dlg.title.setText("寒假托管营")
    dlg.on.set_value(date(2026, 11, 16))
    dlg.ends.set_value(date(2026, 11, 18))
    dlg.head_count.setValue(140)
    dlg.activity_campaign.setText("冬季送温暖")
    dlg.funder.setText("区民政局")
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert dlg.result() == 1
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        [a] = [x for x in support.activities(uow) if x.title == "寒假托管营"]
    assert (a.held_on, a.ends_on, a.head_count, a.campaign, a.funder) == (
        date(2026, 11, 16),
        date(2026, 11, 18),
        140,
        "冬季送温暖",
        "区民政局",
    )


def test_new_child_with_an_unknown_area_code_says_so(qtbot, make_app) -> None:
    """Issue 16 item 15: the warning reaches the window; a second child with the number is refused
    at the ID field, naming the child already registered."""
    from PySide6.QtWidgets import QMessageBox

    from hexi_care.ui.dialogs.child import NewChildDialog

    ctx, _hexi, win = make_app("dir_a")
    for attempt in (1, 2):
        dlg = NewChildDialog(ctx, win)
        qtbot.addWidget(dlg)
        dlg.form.name.setText("㵘小雨")
        dlg.form.sex.setCurrentIndex(dlg.form.sex.findData("female"))
        dlg.form.id_number.setText("700103201503010026")
        dlg._ok()
        wait_idle(qtbot, ctx)
        if attempt == 1:
            assert dlg.result() == 1, (dlg.message.text(), dlg.form.errors.current())
            boxes = [b for b in win.findChildren(QMessageBox) if b.objectName() == "save_notices"]
            assert boxes and "地址码（70）" in boxes[-1].text()
            boxes[-1].close()
        else:
            assert dlg.result() == 0
            assert "id_number" in dlg.form.errors.current()
            assert "已登记给另一名儿童" in dlg.form.errors.current()["id_number"]
