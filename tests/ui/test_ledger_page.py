"""The 台账导入 page (issue 11): real widgets on a real store, offscreen; a Qt warning fails a
test (tests/ui/conftest.py). The ledgers are built as in tests/ledger."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook
from PySide6.QtWidgets import QPushButton

from hexi_care.services import children
from hexi_care.services.context import UnitOfWork
from tests.factories import numbered_name
from tests.ledger.builders import id_for, save, titled_sheet
from tests.ledger.test_import import messy_book

from .conftest import wait_idle


def open_page(qtbot, make_app, user: str = "dir_a"):
    ctx, _hexi, win = make_app(user, lang="zh")
    page = win.show_page("ledger")
    wait_idle(qtbot, ctx)
    return ctx, win, page


def test_dry_run_table_filters_and_model(qtbot, make_app, tmp_path: Path, qtmodeltester) -> None:
    ctx, win, page = open_page(qtbot, make_app)
    assert win.nav.item(win.page_keys.index("ledger")).text() == "台账导入"
    page.open_file(messy_book(tmp_path))
    wait_idle(qtbot, ctx)
    assert page.plan is not None
    assert page.model.rowCount() == 9
    qtmodeltester.check(page.model, force_py=True)
    assert "表头在第 3 行" in page.columns_note.text()
    assert "新增 3" in page.summary.text() and "拒绝 5" in page.summary.text()
    page.filter_box.setCurrentIndex(page.filter_box.findData("refused"))
    shown = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert shown and all(r.outcome.value == "refused" for r in shown)
    details = page.model.data(page.model.index(0, 6))
    assert "校验位" in details
    page.filter_box.setCurrentIndex(page.filter_box.findData("duplicate"))
    assert page.model.rowCount() == 1
    assert "第 4 行" in page.model.data(page.model.index(0, 6)) or "row 4" in page.model.data(
        page.model.index(0, 6)
    )
    qtmodeltester.check(page.model, force_py=True)
    assert page.apply_btn.isEnabled() and page.export_btn.isEnabled()


def test_apply_from_the_page_then_nothing_left(qtbot, make_app, ui_world, tmp_path: Path) -> None:
    ctx, win, page = open_page(qtbot, make_app)
    page.open_file(messy_book(tmp_path))
    wait_idle(qtbot, ctx)
    before = page.plan.counts()
    page.apply_now()
    wait_idle(qtbot, ctx)
    assert "已导入" in page.result.text()
    assert not page.apply_btn.isEnabled()
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        names = {c.name for c in children.list_children(uow)}
    assert {"张三", "张小丽", "李四"} <= names
    page.recheck()
    wait_idle(qtbot, ctx)
    after = page.plan.counts()
    assert after["new"] == 0 and after["update"] == 0
    assert after["unchanged"] == before["new"] + before["update"] + before["unchanged"]


def test_unrecognised_column_mapped_by_hand(qtbot, make_app, tmp_path: Path) -> None:
    book = Workbook()
    ws = book.active
    ws.append(["姓名", "身份证号", "困难情形"])
    ws.append(["甲", id_for(date(2015, 3, 5), 81), "孤儿"])
    path = save(book, tmp_path / "m.xlsx")
    ctx, _win, page = open_page(qtbot, make_app)
    page.open_file(path)
    wait_idle(qtbot, ctx)
    assert "1 列" in page.columns_note.text() or "1 column" in page.columns_note.text()
    box = page._mapping_boxes["困难情形"]
    box.setCurrentIndex(box.findData("category"))
    wait_idle(qtbot, ctx)
    row = page.plan.rows[0]
    assert row.values.categories == ["orphan_scattered"]
    page.save_mapping()
    wait_idle(qtbot, ctx)
    assert "保存" in page.result.text()


def test_cancel_writes_nothing(qtbot, make_app, ui_world, tmp_path: Path) -> None:
    book = Workbook()
    rows = [
        (i, numbered_name("儿童", i), id_for(date(2014, 1, 1), 200 + i), "孤儿")
        for i in range(1, 301)
    ]
    titled_sheet(book.active, ("序号", "姓名", "身份证号", "类别"), rows)
    path = save(book, tmp_path / "big.xlsx")
    ctx, _win, page = open_page(qtbot, make_app)
    page.open_file(path)
    wait_idle(qtbot, ctx)
    assert page.plan.counts()["new"] == 300
    page.apply_now()
    assert page.progress is not None
    page.progress.findChild(QPushButton).click()  # the dialog's Cancel button
    wait_idle(qtbot, ctx)
    assert page.last_task is not None and page.last_task.cancelled
    assert "未做任何更改" in page.result.text()
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        assert not any(c.name.startswith("儿童") for c in children.list_children(uow))


def test_refused_rows_exported(qtbot, make_app, tmp_path: Path) -> None:
    ctx, _win, page = open_page(qtbot, make_app)
    page.open_file(messy_book(tmp_path))
    wait_idle(qtbot, ctx)
    out = tmp_path / "refused.xlsx"
    page.export_refused_to(out)
    wait_idle(qtbot, ctx)
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][-1] == "原因" and len(rows) == 6
    assert "refused.xlsx" in page.result.text()


def test_unreadable_file_is_said_plainly(qtbot, make_app, tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"PK\x03\x04broken")
    ctx, _win, page = open_page(qtbot, make_app)
    page.open_file(bad)
    wait_idle(qtbot, ctx)
    assert "无法读取台账文件" in page.result.text()
    assert page.model.rowCount() == 0 and not page.apply_btn.isEnabled()


def test_the_centre_edits_category_words(qtbot, make_app, tmp_path: Path) -> None:
    book = Workbook()
    ws = book.active
    ws.append(["姓名", "身份证号", "类别", "社区"])
    ws.append(["乙", id_for(date(2013, 6, 1), 82), "重残儿童", "紫金里社区"])
    path = save(book, tmp_path / "w.xlsx")
    ctx, _win, page = open_page(qtbot, make_app, "centre")
    assert page.words_btn.isVisibleTo(page)
    page.open_file(path)
    wait_idle(qtbot, ctx)
    assert page.plan.rows[0].problems[0].problem == "unknown_category"
    page.words_btn.click()
    wait_idle(qtbot, ctx)
    dlg = page.words_dialog
    assert dlg is not None and dlg.table.rowCount() == 0
    dlg.add_row("重残儿童", "difficulty_disability")
    dlg.accept()
    wait_idle(qtbot, ctx)
    wait_idle(qtbot, ctx)
    assert "已保存" in page.result.text() or page.plan.rows[0].outcome.value == "new"
    qtbot.waitUntil(lambda: page.plan.rows[0].outcome.value == "new", timeout=10000)
    assert page.plan.rows[0].values.categories == ["difficulty_disability"]


def test_a_director_does_not_see_the_word_table(qtbot, make_app) -> None:
    _ctx, _win, page = open_page(qtbot, make_app, "dir_a")
    assert not page.words_btn.isVisibleTo(page)
