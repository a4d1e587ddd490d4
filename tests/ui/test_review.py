"""The supervisor's flow: the review list keeps its place after a decision, several visits are
approved at once with the keyboard, and the workbench has a 待审核 card that opens the visit."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from hexi_care.domain.enums import VisitStatus
from hexi_care.services import visits
from hexi_care.services.context import UnitOfWork
from tests.factories import complete_visit
from tests.ui.conftest import wait_idle


def _submitted(ui_world, n: int) -> list[str]:
    director = ui_world.login("dir_a")
    ids = []
    with UnitOfWork(director) as uow:
        for i in range(n):
            kid = ui_world.kids_a[i % len(ui_world.kids_a)]
            v = visits.submit(uow, complete_visit(kid, date(2026, 10, 1 + i)))
            assert v.id
            ids.append(v.id)
    return ids


def _click_row(qtbot, page, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    view = page.view
    rect = view.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _statuses(ui_world, ids: list[str]) -> list[VisitStatus]:
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        return [visits.get_visit(uow, i).status for i in ids]


def test_the_list_keeps_its_place_after_an_approval(qtbot, make_app, ui_world) -> None:
    ids = _submitted(ui_world, 6)
    ctx, _hexi, win = make_app("street_a")
    page = win.show_page("review")
    wait_idle(qtbot, ctx)
    assert [r.visit_id for r in page.model.rows] == ids
    _click_row(qtbot, page, 3)
    wait_idle(qtbot, ctx)
    assert page.current is not None and page.current.id == ids[3]
    qtbot.mouseClick(page.approve, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    # The next visit (the fifth, now in row 3) is shown, not the first.
    assert [r.visit_id for r in page.model.rows] == ids[:3] + ids[4:]
    assert page.view.currentIndex().row() == 3
    assert page.current is not None and page.current.id == ids[4]
    assert page.approve.isEnabled()
    # The last row approved: the one before it becomes current.
    _click_row(qtbot, page, 4)
    wait_idle(qtbot, ctx)
    qtbot.mouseClick(page.approve, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    assert page.current is not None and page.current.id == ids[4]
    assert _statuses(ui_world, ids) == [VisitStatus.SUBMITTED] * 3 + [VisitStatus.APPROVED] + [
        VisitStatus.SUBMITTED,
        VisitStatus.APPROVED,
    ]
    assert "4" in page.count.text()


def test_several_visits_approved_at_once_by_keys(qtbot, make_app, ui_world) -> None:
    ids = _submitted(ui_world, 5)
    ctx, _hexi, win = make_app("street_a")
    page = win.show_page("review")
    wait_idle(qtbot, ctx)
    page.view.setFocus()
    _click_row(qtbot, page, 1)
    wait_idle(qtbot, ctx)
    qtbot.keyClick(page.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(page.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert page.selected_rows() == [1, 2, 3]
    assert "3" in page.approve.text()
    assert not page.ret.isEnabled()  # a comment is for one visit at a time
    qtbot.keyClick(page.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    assert _statuses(ui_world, ids) == [
        VisitStatus.SUBMITTED,
        VisitStatus.APPROVED,
        VisitStatus.APPROVED,
        VisitStatus.APPROVED,
        VisitStatus.SUBMITTED,
    ]
    assert [r.visit_id for r in page.model.rows] == [ids[0], ids[4]]
    assert page.current is not None and page.current.id == ids[4]
    assert page.selected_rows() == [1]
    assert "3" in page.message.text()


def test_workbench_card_for_the_supervisor_opens_the_visit(qtbot, make_app, ui_world) -> None:
    ids = _submitted(ui_world, 3)
    ctx, _hexi, win = make_app("street_a")
    dash = win.show_page("dashboard")
    wait_idle(qtbot, ctx)
    card = dash.cards["review"]
    assert card.isVisible() and card.isChecked()
    assert dash.counts["review"].text() == "3"
    assert [i.record_id for i in dash.models["review"].rows] == ids
    view = dash.views["review"]
    rect = view.visualRect(dash.models["review"].index(2, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(view, Qt.Key.Key_Return)
    wait_idle(qtbot, ctx)
    assert win.current_page_key() == "review"
    page = win.pages["review"]
    qtbot.waitUntil(lambda: page.current is not None and page.current.id == ids[2], timeout=5000)
    assert page.view.currentIndex().row() == 2


def test_directors_have_no_review_card(qtbot, make_app, ui_world) -> None:
    _submitted(ui_world, 1)
    ctx, _hexi, win = make_app("dir_a")
    dash = win.show_page("dashboard")
    wait_idle(qtbot, ctx)
    assert not dash.cards["review"].isVisible()
    assert dash.cards["overdue"].isChecked()
