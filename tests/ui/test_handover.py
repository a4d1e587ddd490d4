"""移交儿童 in the real window: a centre supervisor hands dir_a's children to dir_b from the children
page; the store records it (each child's responsible director)."""

from __future__ import annotations

from sqlalchemy import select

from hexi_care.db.models import Child as ChildRow
from hexi_care.services import users
from hexi_care.services.context import UnitOfWork
from hexi_care.ui.handover import HandoverDialog

from .conftest import wait_idle


def test_hand_over_from_the_children_page(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("centre")
    page = win.show_page("children")
    wait_idle(qtbot, ctx)
    assert page.handover_button.isVisible()
    page.handover_button.click()
    (dlg,) = page.findChildren(HandoverDialog)
    wait_idle(qtbot, ctx)
    names = [dlg.source.itemData(i) for i in range(dlg.source.count())]
    assert names == ["dir_a", "dir_b"]
    dlg.source.setCurrentIndex(names.index("dir_a"))
    dlg.target.setCurrentIndex(names.index("dir_b"))
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: "dir_b" in win.statusBar().currentMessage(), timeout=10000)
    assert win.statusBar().currentMessage() == "已将 3 名儿童从 dir_a 移交给 dir_b。"
    with UnitOfWork(ui_world.login("centre")) as uow:
        target = users.find_user(uow, "dir_b").id
        handed = {
            r.id
            for r in uow.session.scalars(select(ChildRow).where(ChildRow.director_id == target))
        }
    assert handed == set(ui_world.kids_a)


def test_directors_do_not_hand_over(qtbot, make_app) -> None:
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("children")
    wait_idle(qtbot, ctx)
    assert not page.handover_button.isVisible()
