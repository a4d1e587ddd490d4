"""The store's time zone on the Settings page (issue 16): the centre (or the administrator) picks
it from a short list and the window's dates follow at once; a director sees it read-only."""

from __future__ import annotations

from hexi_care.services import settings as store_settings
from hexi_care.services.context import UnitOfWork
from hexi_care.ui import i18n

from .conftest import wait_idle


def test_the_centre_sets_the_time_zone(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("centre")
    page = win.show_page("settings")
    wait_idle(qtbot, ctx)
    assert page.save_zone.isVisibleTo(page) and page.zone.isEnabled()
    assert page.zone.currentData() == "Asia/Shanghai"
    page.zone.setCurrentIndex(page.zone.findData("Asia/Urumqi"))
    page.save_zone.click()
    wait_idle(qtbot, ctx)
    with UnitOfWork(ui_world.login("centre")) as uow:
        assert store_settings.time_zone_name(uow) == "Asia/Urumqi"
        assert str(uow.zone()) == "Asia/Urumqi"
    assert str(ctx.ref.zone) == "Asia/Urumqi" and str(i18n.zone()) == "Asia/Urumqi"
    assert "Asia/Urumqi" in page.zone_message.text()


def test_a_director_sees_the_time_zone_read_only(qtbot, make_app, ui_world) -> None:
    with UnitOfWork(ui_world.login("centre")) as uow:
        store_settings.set_time_zone(uow, "Europe/Berlin")  # off the list: shown as it is
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("settings")
    wait_idle(qtbot, ctx)
    assert page.zone.currentData() == "Europe/Berlin"
    assert not page.zone.isEnabled() and not page.save_zone.isVisibleTo(page)
    assert page.zone_message.text()
