"""A visit tagged with a campaign from the visit form: the campaigns under way are offered, the
chosen one is saved with the visit and counts toward the campaign's coverage."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from hexi_care.domain.enums import CampaignKind
from hexi_care.domain.model import Campaign, Visit
from hexi_care.services import campaigns, visits
from hexi_care.services.context import UnitOfWork

from .conftest import wait_idle
from .test_visit_form import _fill, _open_form

NAME = "2026冬季关爱走访"


def test_visit_form_offers_and_saves_the_campaign(qtbot, make_app, ui_world) -> None:
    with UnitOfWork(ui_world.login("centre")) as uow:
        campaigns.add_campaign(
            uow,
            Campaign(
                name=NAME,
                unit_id="河西区",
                kind=CampaignKind.WINTER,
                starts_on=date(2026, 11, 1),
                ends_on=date(2027, 2, 28),
            ),
        )
        campaigns.add_campaign(
            uow,
            Campaign(
                name="2026暑期防溺水",  # over: not offered
                unit_id="河西区",
                kind=CampaignKind.SUMMER,
                starts_on=date(2026, 7, 1),
                ends_on=date(2026, 8, 31),
            ),
        )
    ctx, _hexi, win = make_app("dir_a")
    child = ui_world.kids_a[0]
    form = _open_form(qtbot, win, child)
    qtbot.waitUntil(lambda: form.campaign.count() == 2, timeout=5000)
    assert [form.campaign.itemData(i) for i in range(2)] == ["", NAME]
    assert form.campaign.value() == ""  # nothing chosen for the user
    assert not form.campaign.isEditable()  # a choice, not free text
    _fill(qtbot, form)
    form.campaign.setCurrentIndex(1)
    wait_idle(qtbot, ctx)
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    assert form.read_only and not form.campaign.isEnabled()
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        (v,) = visits.list_visits(uow, child_id=child)
        assert v.campaign == NAME
        p = campaigns.progress(uow, campaigns.get_campaign(uow, NAME))
    assert p.reached == 1 and p.visits == 1


def test_a_draft_keeps_its_older_free_text_campaign(qtbot, make_app, ui_world) -> None:
    """A draft written when the campaign was free text keeps it (shown, saved as it was); the
    campaigns offered follow the visit's date."""
    child = ui_world.kids_a[0]
    with UnitOfWork(ui_world.login("centre")) as uow:
        campaigns.add_campaign(
            uow,
            Campaign(
                name=NAME,
                unit_id="河西区",
                starts_on=date(2026, 11, 1),
                ends_on=date(2027, 2, 28),
            ),
        )
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        draft = visits.save_draft(
            uow, Visit(child_id=child, visit_date=date(2026, 11, 18), campaign="冬季送温暖")
        )
    ctx, _hexi, win = make_app("dir_a")
    form = win.open_visit(visit_id=draft.id, child_id=child)
    qtbot.waitUntil(lambda: form.child is not None, timeout=10000)
    wait_idle(qtbot, ctx)
    assert form.campaign.value() == "冬季送温暖"
    assert [form.campaign.itemData(i) for i in range(form.campaign.count())] == [
        "",
        NAME,
        "冬季送温暖",
    ]
    form.visit_date.setDate(QDate(2026, 10, 30))  # before the campaign: not offered
    wait_idle(qtbot, ctx)
    assert [form.campaign.itemData(i) for i in range(form.campaign.count())] == ["", "冬季送温暖"]
    assert form.campaign.value() == "冬季送温暖"
