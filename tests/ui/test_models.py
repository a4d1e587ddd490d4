"""Every table model the window uses passes Qt's model tester, with data in it; the paged model
also while pages are still arriving; and every page of every role builds without a Qt warning."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from hexi_care.domain.enums import Rating
from hexi_care.domain.model import FollowUp, SectionRating, Visit
from hexi_care.services import casework, children, visits
from hexi_care.services.context import UnitOfWork
from hexi_care.ui.models import Column, PagedModel, RowsModel
from tests.factories import complete_visit, numbered_name

from .conftest import wait_idle


def _with_casework(ui_world) -> None:
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        full = {s: SectionRating(rating=Rating.GOOD) for s in Visit.SECTIONS}
        visits.submit(
            uow,
            complete_visit(ui_world.kids_a[0], date(2026, 9, 1), people_met="儿童", **full),
        )
        visits.save_draft(uow, Visit(child_id=ui_world.kids_a[1], visit_date=date(2026, 11, 19)))
        casework.add_followup(
            uow,
            FollowUp(child_id=ui_world.kids_a[0], action="联系学校", due_date=date(2026, 11, 1)),
        )


def test_models_of_every_page(qtbot, make_app, ui_world, qtmodeltester) -> None:
    _with_casework(ui_world)
    ctx, _hexi, win = make_app("street_a")
    checked = 0
    for key in win.page_keys:
        page = win.show_page(key)
        wait_idle(qtbot, ctx)
        for name in ("model", "figures", "activities", "help"):
            model = getattr(page, name, None)
            if model is not None and hasattr(model, "rowCount"):
                qtmodeltester.check(model, force_py=True)
                checked += 1
        for model in getattr(page, "models", {}).values():
            qtmodeltester.check(model, force_py=True)
            checked += 1
        wait_idle(qtbot, ctx)
    assert checked >= 12
    dash = win.pages["dashboard"]
    assert dash.models["overdue"].rowCount() == 1 and dash.models["followups"].rowCount() == 1


def test_models_of_the_child_file(qtbot, make_app, ui_world, qtmodeltester) -> None:
    _with_casework(ui_world)
    ctx, _hexi, win = make_app("dir_a")
    cf = win.open_child(ui_world.kids_a[0])
    cf.setAttribute(
        Qt.WidgetAttribute.WA_DeleteOnClose, False
    )  # the model tester checks after closing
    qtbot.waitUntil(lambda: cf.data is not None, timeout=10000)
    wait_idle(qtbot, ctx)
    for model in (
        cf.guardians,
        cf.visits,
        cf.notices,
        cf.help,
        cf.acts,
        cf.followups,
        cf.referrals,
        cf.reports,
        cf.profile.cat_model,
    ):
        qtmodeltester.check(model, force_py=True)
    assert cf.visits.rowCount() == 1 and cf.followups.rowCount() == 1


def _fifty_four_wangs(ui_world):
    """Six households of nine children named 王… in dir_a's community (57 children with the
    world's own three); returns dir_a signed in."""
    from .conftest import add_family

    director = ui_world.login("dir_a")
    for i in range(6):
        add_family(
            director,
            ui_world.community_a,
            f"新村{i}号",
            *[numbered_name("王", i * 10 + j) for j in range(9)],
        )
    return director


def test_paged_model_while_pages_arrive(qtbot, make_app, ui_world, qtmodeltester) -> None:
    _fifty_four_wangs(ui_world)
    ctx, _hexi, win = make_app("dir_a")
    cols = [
        Column("Name", lambda c: c.name, sort_key="name"),
        Column("Community", lambda c: c.community_name),
    ]
    model = PagedModel(
        ctx.worker, cols, children.count_children, children.list_children, page_size=20
    )
    with qtbot.waitSignal(model.reloaded, timeout=5000):
        model.set_query()
    assert model.rowCount() == 57
    assert model.data(model.index(45, 0)) == "…"  # not fetched yet
    qtmodeltester.check(model, force_py=True)  # pages arrive while the tester watches
    first = [model.data(model.index(r, 0)) for r in range(model.rowCount())]  # asks for the rest
    assert "…" in first
    wait_idle(qtbot, ctx)
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert "…" not in names and len(set(names)) == 57
    with qtbot.waitSignal(model.reloaded, timeout=5000):
        model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "张小明"
    qtmodeltester.check(model, force_py=True)
    wait_idle(qtbot, ctx)


def test_paged_model_first_page_and_count_in_one_call(
    qtbot, qtmodeltester, make_app, ui_world
) -> None:
    """With `first`, a reload asks the service once for the number and the first page (a search
    counts its matches in the same pass): the separate count is not called, the total is right
    and later pages still come from `page`."""
    director = _fifty_four_wangs(ui_world)
    ctx, _hexi, win = make_app("dir_a")
    cols = [Column("Name", lambda c: c.name, sort_key="name")]
    counted: list[dict[str, object]] = []

    def count(uow, **params):  # type: ignore[no-untyped-def]
        counted.append(params)
        return children.count_children(uow, **params)

    model = PagedModel(
        ctx.worker,
        cols,
        count,
        children.list_children,
        page_size=20,
        first=children.search_children,
    )
    with qtbot.waitSignal(model.reloaded, timeout=5000):
        model.set_query()
    assert model.rowCount() == 57 and counted == []
    qtmodeltester.check(model, force_py=True)
    wait_idle(qtbot, ctx)
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    wait_idle(qtbot, ctx)
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert "…" not in names and len(set(names)) == 57
    with qtbot.waitSignal(model.reloaded, timeout=5000):
        model.set_query(query="王")
    with UnitOfWork(director) as uow:
        expected = children.count_children(uow, query="王")
    assert expected == 54 and model.rowCount() == expected and counted == []
    qtmodeltester.check(model, force_py=True)
    wait_idle(qtbot, ctx)


def test_rows_model_basics(qtmodeltester) -> None:
    m = RowsModel(
        [Column("Name", lambda r: r[0]), Column("Age", lambda r: str(r[1]))], [("甲", 1), ("乙", 2)]
    )
    qtmodeltester.check(m, force_py=True)
    m.set_rows([])
    qtmodeltester.check(m, force_py=True)
    assert m.row_at(0) is None


@pytest.mark.parametrize("user", ["dir_a", "street_a", "centre", "admin"])
def test_every_page_builds_for_every_role(qtbot, make_app, user: str) -> None:
    from .conftest import PW  # noqa: F401 - the admin's password is the same in ui_world

    ctx, _hexi, win = make_app(user)
    for key in win.page_keys:
        win.show_page(key)
        wait_idle(qtbot, ctx)
    if user == "admin":
        assert win.page_keys == ["exchange", "settings"]
    elif user == "dir_a":
        assert "review" not in win.page_keys and "overview" not in win.page_keys
        assert len(win.page_keys) == 11  # with 复核清单 and 专项行动
        assert "ledger" in win.page_keys  # 台账导入
    else:
        assert "review" in win.page_keys and "overview" in win.page_keys  # 看板
        assert len(win.page_keys) == 13  # with 复核清单 and 专项行动
