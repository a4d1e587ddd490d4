"""Recording what the seed's report counts, in the real dialogs (issue 16 item 5): help names the
children who benefited and counts the others; an activity lasts days and takes a head count."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from hexi_care.domain.model import Assistance, Campaign
from hexi_care.services import campaigns, children, support
from hexi_care.services.context import UnitOfWork
from hexi_care.ui.dialogs.activity import ActivityDialog
from hexi_care.ui.dialogs.support import AssistanceDialog

from .conftest import wait_idle
from .test_records import _file

WINTER = "2026冬季关爱走访"


def _winter(ui_world) -> None:
    with UnitOfWork(ui_world.login("centre")) as uow:
        campaigns.add_campaign(
            uow,
            Campaign(
                name=WINTER,
                unit_id="河西区",
                starts_on=date(2026, 11, 1),
                ends_on=date(2027, 2, 28),
            ),
        )


def _offered(box) -> list[str]:
    return [box.itemData(i) for i in range(box.count())]


def test_help_names_children_and_counts_others(qtbot, make_app, ui_world) -> None:
    _winter(ui_world)
    ctx, _hexi, win = make_app("dir_a")
    cf = _file(qtbot, win, ui_world.kids_a[0])
    hid = cf.data.file.household.id
    dlg = AssistanceDialog(ctx, cf, hid, [(ui_world.kids_a[0], "张小明")], child_id=None)
    qtbot.addWidget(dlg)
    assert dlg.children_list.item(0).checkState() == Qt.CheckState.Unchecked
    dlg.children_list.item(0).setCheckState(Qt.CheckState.Checked)
    dlg.others.setValue(2)  # the grandparents
    dlg.items.setValue(4)
    wait_idle(qtbot, ctx)
    # The campaigns open on the day the help was given are the choice (none by default).
    assert _offered(dlg.campaign) == ["", WINTER] and dlg.campaign.value() == ""
    dlg.campaign.set_value(WINTER)
    dlg.description.setText("米面油")
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert dlg.result() == 1
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        [a] = support.assistance_for(uow, household_id=hid)
        coverage = campaigns.progress(uow, campaigns.get_campaign(uow, WINTER))
    assert (a.child_ids, a.others, a.campaign, a.items) == ([ui_world.kids_a[0]], 2, WINTER, 4)
    assert coverage.help_count == 1 and coverage.reached == 1  # counted for the campaign


def test_help_offers_only_campaigns_open_on_its_date(qtbot, make_app, ui_world) -> None:
    _winter(ui_world)
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        # Help recorded before campaigns were records: its free text stays readable.
        hid = children.get_child(uow, ui_world.kids_a[0]).household_id
        support.record_assistance(
            uow,
            Assistance(
                household_id=hid, given_on=date(2026, 2, 1), kind="goods", campaign="春节送温暖"
            ),
        )
    ctx, _hexi, win = make_app("dir_a")
    cf = _file(qtbot, win, ui_world.kids_a[0])
    dlg = AssistanceDialog(ctx, cf, hid, [(ui_world.kids_a[0], "张小明")])
    qtbot.addWidget(dlg)
    wait_idle(qtbot, ctx)
    assert _offered(dlg.campaign) == ["", WINTER]
    dlg.on.set_value(date(2026, 10, 31))  # before the campaign began
    wait_idle(qtbot, ctx)
    assert _offered(dlg.campaign) == [""]
    page = win.show_page("support")
    wait_idle(qtbot, ctx)
    col = next(
        c
        for c in range(page.help.columnCount())
        if page.help.headerData(c, Qt.Orientation.Horizontal) in ("Campaign", "专项行动")
    )
    assert page.help.index(0, col).data() == "春节送温暖"
    dlg.reject()


def test_activity_over_days_with_a_head_count(qtbot, make_app, ui_world) -> None:
    _winter(ui_world)
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
    wait_idle(qtbot, ctx)
    assert _offered(dlg.activity_campaign) == ["", WINTER]  # open on the activity's first day
    dlg.activity_campaign.set_value(WINTER)
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
        WINTER,
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
