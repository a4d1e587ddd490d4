"""The children list: search as you type (name, pinyin initials, ID tail), filters, sorting, masked
ID numbers, a director seeing only their community, and opening a child's file (audited)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from hexi_care.db.models import AuditEvent
from hexi_care.services.context import UnitOfWork

from .conftest import wait_idle


def _names(page) -> list[str]:
    m = page.model
    return [m.data(m.index(r, 0)) for r in range(m.rowCount())]


def test_search_by_name_initials_and_id_tail(qtbot, make_app) -> None:
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("children")
    wait_idle(qtbot, ctx)
    assert sorted(_names(page)) == sorted(["张小明", "张小红", "刘一"])
    page.search.insert("小红")  # what an input method commits
    wait_idle(qtbot, ctx)
    assert _names(page) == ["张小红"]
    page.search.clear()
    qtbot.keyClicks(page.search, "zxm")
    wait_idle(qtbot, ctx)
    assert _names(page) == ["张小明"]
    page.search.clear()
    qtbot.keyClicks(page.search, "01001x")  # the ID number's tail, lower-case x
    wait_idle(qtbot, ctx)
    assert _names(page) == ["张小明"]
    masked = page.model.data(page.model.index(0, 3))
    assert masked.startswith("1201") and "*" in masked and "20150301" not in masked
    assert "1" in page.count.text()


def test_filters_and_sorting(qtbot, make_app) -> None:
    ctx, _hexi, win = make_app("centre")
    page = win.show_page("children")
    wait_idle(qtbot, ctx)
    assert len(_names(page)) == 4  # the centre sees the whole district
    i = page.street.findText("马场街")
    page.street.setCurrentIndex(i)
    wait_idle(qtbot, ctx)
    assert _names(page) == ["李小刚"]
    page.street.setCurrentIndex(0)
    wait_idle(qtbot, ctx)
    page.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    wait_idle(qtbot, ctx)
    names = _names(page)
    assert names == [
        "张小明",
        "张小红",
        "李小刚",
        "刘一",
    ]  # pinyin order (liuyi < lixiaogang), descending
    page.overdue.setChecked(True)
    wait_idle(qtbot, ctx)
    assert _names(page) == []  # registered today: nothing is overdue yet


def test_a_director_sees_only_their_community(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("dir_b")
    page = win.show_page("children")
    wait_idle(qtbot, ctx)
    assert _names(page) == ["李小刚"]
    assert [page.community.itemText(i) for i in range(page.community.count())] == ["平江里社区"]
    assert not page.street.isVisible()
    page.search.insert("张")
    wait_idle(qtbot, ctx)
    assert _names(page) == []
    # And the households and visits pages likewise.
    hh = win.show_page("households")
    wait_idle(qtbot, ctx)
    assert hh.model.rowCount() == 1
    assert hh.model.data(hh.model.index(0, 0)) == "平江道2号"


def test_opening_a_child_shows_the_file_and_is_audited(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("children")
    wait_idle(qtbot, ctx)
    row = _names(page).index("张小明")
    page.view.setCurrentIndex(page.model.index(row, 0))
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(k.startswith("child:") for k in win.records), timeout=5000)
    cf = next(w for k, w in win.records.items() if k.startswith("child:"))
    qtbot.waitUntil(lambda: cf.data is not None, timeout=10000)
    assert cf.title.text() == "张小明"
    assert cf.profile.id_number.text() == "12010320150301001X"
    assert [g.name for g in cf.guardians.rows] == ["张大山", "李秀英"]
    html = cf.eligibility.toPlainText()
    assert (
        "事实无人抚养儿童" in html
    )  # father imprisoned ≥ 6 months, mother lost contact ≥ 6 months
    with UnitOfWork(ui_world.login("centre"), None, system=True) as uow:
        opened = list(
            uow.session.scalars(
                select(AuditEvent).where(AuditEvent.action == "open", AuditEvent.entity == "child")
            )
        )
    assert [e.entity_id for e in opened] == [ui_world.kids_a[0]]


def test_profile_validation_is_shown_at_the_field(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("dir_a")
    cf = win.open_child(ui_world.kids_a[0])
    qtbot.waitUntil(lambda: cf.data is not None, timeout=10000)
    cf.profile.id_number.setText("120103201503010018")  # wrong check character
    said = cf.profile.errors.current().get("id_number")
    assert said  # said at once, before saving, at the field
    assert cf.profile.id_hint.text() == ""  # and only there (the issue: shown twice)
    cf.profile.address.setText("新地址 3 号")
    cf._save_profile()
    wait_idle(qtbot, ctx)
    errors = cf.profile.errors.current()
    assert errors.get("id_number") == said
    assert cf.profile.address.text() == "新地址 3 号"  # nothing typed is lost
    # Corrected: the mark goes at once, before saving.
    cf.profile.id_number.setText("12010320150301001X")
    assert "id_number" not in cf.profile.errors.current()
    assert cf.profile.id_number.property("invalid") in (False, None)
    assert cf.profile.id_hint.text()  # what the valid number tells
    cf._save_profile()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(
        lambda: cf.data is not None and cf.data.file.child.address == "新地址 3 号", timeout=10000
    )
    assert cf.profile.errors.current() == {}
