"""The 专项行动 page in the real window over a real store: the centre adds a campaign (target from
filters, 800 households), sees its coverage against the target by community after a tagged visit,
opens its target list and ends it; a street supervisor may not end the district's campaign, a
director sees the page without the buttons."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from hexi_care.domain.enums import CampaignKind, CampaignTarget
from hexi_care.domain.model import Campaign
from hexi_care.services import campaigns, visits
from hexi_care.services.context import UnitOfWork
from tests.factories import submitted_visit

from .conftest import wait_idle

NAME = "2026冬季关爱走访"


def _tick(box, value: str) -> None:
    for i in range(box.count()):
        if box.item(i).data(Qt.ItemDataRole.UserRole) == value:
            box.item(i).setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(value)


def test_centre_adds_follows_and_ends_a_campaign(qtbot, make_app, ui_world, qtmodeltester) -> None:
    ctx, _hexi, win = make_app("centre")
    page = win.show_page("campaigns")
    wait_idle(qtbot, ctx)
    assert page.model.rowCount() == 0 and page.add.isVisible()
    assert not page.edit.isEnabled() and not page.end.isEnabled()  # none to change or end
    page.add.click()
    dlg = next(w for w in page.children() if w.objectName() == "new_campaign")
    wait_idle(qtbot, ctx)
    assert dlg.unit.count() >= 3  # the district, its streets and communities
    assert dlg.unit.currentText().startswith("河西区")  # the centre's own unit first
    dlg.name.setText(NAME)
    dlg.kind.setCurrentIndex(dlg.kind.findData(CampaignKind.WINTER.value))
    dlg.starts.set_value(date(2026, 11, 1))
    dlg.ends.set_value(date(2026, 10, 1))  # before the start: refused at the field
    dlg.target_count.setValue(800)
    _tick(dlg.categories, "no_de_facto_carer")
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert dlg.result() == 0 and "ends_on" in dlg.errors.current()
    dlg.ends.set_value(date(2027, 2, 28))
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert dlg.result() == 1
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    wait_idle(qtbot, ctx)
    qtmodeltester.check(page.model, force_py=True)
    qtmodeltester.check(page.by_community, force_py=True)
    with UnitOfWork(ui_world.login("centre")) as uow:
        c = campaigns.get_campaign(uow, NAME)
    assert (c.target_count, c.categories, c.target) == (
        800,
        ["no_de_facto_carer"],
        CampaignTarget.HOUSEHOLDS,
    )
    # Nobody reached yet: 0 of 800 households; three households in the communities are on the list.
    assert page.progress is not None and (page.progress.reached, page.progress.goal) == (0, 800)
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        visits.add_visit(
            uow, submitted_visit(ui_world.kids_a[0], date(2026, 11, 18), campaign=NAME)
        )
    page.refresh()
    wait_idle(qtbot, ctx)
    assert page.progress.reached == 1
    assert "1" in page.headline.text() and "800" in page.headline.text()
    rows = {page.by_community.row_at(i)[1]: page.by_community.row_at(i)[2:] for i in range(2)}
    assert rows == {"紫金里社区": (2, 1), "平江里社区": (1, 0)}
    # The target list opens from the page.
    page.list_button.click()
    wait_idle(qtbot, ctx)
    lists = [w for w in page.children() if w.objectName() == "campaign_list"]
    assert lists and lists[0].model.rowCount() == 4  # the children of the 3 households
    lists[0].close()
    # Ending it today (2026-11-20): no longer open tomorrow.
    assert page.end.isEnabled()
    page.end.click()
    end = next(w for w in page.children() if w.objectName() == "end_campaign")
    assert end.on.value() == date(2026, 11, 20)
    end.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert end.result() == 1
    with UnitOfWork(ui_world.login("centre")) as uow:
        assert campaigns.get_campaign(uow, NAME).ends_on == date(2026, 11, 20)


def _district_campaign(ui_world, **extra) -> None:
    with UnitOfWork(ui_world.login("centre")) as uow:
        campaigns.add_campaign(
            uow,
            Campaign(
                name=NAME,
                unit_id="河西区",
                starts_on=date(2026, 11, 1),
                ends_on=date(2027, 2, 28),
                **extra,
            ),
        )


def test_street_supervisor_may_not_end_the_districts_campaign(qtbot, make_app, ui_world) -> None:
    _district_campaign(ui_world)
    ctx, _hexi, win = make_app("street_a")
    page = win.show_page("campaigns")
    wait_idle(qtbot, ctx)
    assert page.model.rowCount() == 1
    page.add.click()
    dlg = next(w for w in page.children() if w.objectName() == "new_campaign")
    wait_idle(qtbot, ctx)
    # A street holds campaigns for itself and its communities, not for the district.
    held = [dlg.unit.itemData(i) for i in range(dlg.unit.count())]
    names = [dlg.unit.itemText(i) for i in range(dlg.unit.count())]
    assert not any(n.startswith("河西区") for n in names)
    assert ui_world.street in held and ui_world.community_a in held
    dlg.reject()
    page.end.click()
    end = next(w for w in page.children() if w.objectName() == "end_campaign")
    end.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert end.result() == 0 and end.message.text()
    with UnitOfWork(ui_world.login("centre")) as uow:
        assert campaigns.get_campaign(uow, NAME).ends_on == date(2027, 2, 28)


def test_a_director_sees_campaigns_without_managing_them(qtbot, make_app, ui_world) -> None:
    _district_campaign(ui_world)
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("campaigns")
    wait_idle(qtbot, ctx)
    assert page.model.rowCount() == 1 and page.progress is not None
    assert not page.add.isVisible() and not page.end.isVisible()
    assert page.list_button.isVisible()


def test_centre_changes_a_campaign(qtbot, make_app, ui_world) -> None:
    _district_campaign(ui_world, categories=["no_de_facto_carer"], target_count=300, note="第一版")
    ctx, _hexi, win = make_app("centre")
    page = win.show_page("campaigns")
    wait_idle(qtbot, ctx)
    assert page.edit.isVisible() and page.edit.isEnabled()
    page.edit.click()
    dlg = next(w for w in page.children() if w.objectName() == "edit_campaign")
    wait_idle(qtbot, ctx)
    # The form holds the campaign as it is; its name is shown, not edited.
    assert (dlg.starts.value(), dlg.ends.value()) == (date(2026, 11, 1), date(2027, 2, 28))
    assert (dlg.target_count.value(), dlg.note.toPlainText()) == (300, "第一版")
    ticked = [
        dlg.categories.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(dlg.categories.count())
        if dlg.categories.item(i).checkState() == Qt.CheckState.Checked
    ]
    assert ticked == ["no_de_facto_carer"]
    assert not dlg.name.isVisibleTo(dlg)
    dlg.ends.set_value(date(2026, 10, 1))  # before the start: refused at the field, kept
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert dlg.result() == 0 and "ends_on" in dlg.errors.current()
    dlg.ends.set_value(date(2027, 3, 15))
    dlg.target_count.setValue(800)
    _tick(dlg.risks, "high")
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert dlg.result() == 1
    with UnitOfWork(ui_world.login("centre")) as uow:
        c = campaigns.get_campaign(uow, NAME)
    assert (c.name, c.ends_on, c.target_count, c.risks, c.note) == (
        NAME,
        date(2027, 3, 15),
        800,
        ["high"],
        "第一版",
    )
    qtbot.waitUntil(lambda: page.current() is not None and page.current().target_count == 800)
