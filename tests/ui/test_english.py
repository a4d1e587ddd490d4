"""The window in English reads as English: counts agree with their number ("1 child"), column titles
fit their columns, lists are joined with ", ", one program name in window titles, and an interval
that is not set says so (in Chinese too)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from hexi_care.ui import i18n
from hexi_care.ui.pages.settings_page import IntervalEdit
from tests.ui.conftest import wait_idle


def test_counts_agree_with_their_number(qtbot, make_app) -> None:
    ctx, _hexi, win = make_app("dir_a", lang="en")
    page = win.show_page("children")
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: page.count.text() == "3 children", timeout=5000)
    page.search.setText("liuyi")  # 刘一
    qtbot.waitUntil(lambda: page.count.text() == "1 child", timeout=5000)


def test_column_titles_fit_their_columns(qtbot, make_app) -> None:
    ctx, _hexi, win = make_app("dir_a", lang="en")
    dash = win.show_page("dashboard")
    wait_idle(qtbot, ctx)
    for key, view in dash.views.items():
        header = view.horizontalHeader()
        model = view.model()
        for c in range(model.columnCount()):
            if header.sectionResizeMode(c) != header.ResizeMode.Interactive:
                continue
            title = model.headerData(c, header.orientation())
            need = header.fontMetrics().horizontalAdvance(title)
            assert view.columnWidth(c) >= need + 12, f"{key}: {title!r} is cut"


def test_lists_are_joined_as_the_language_writes_them(qtbot) -> None:
    i18n.install("en")
    assert i18n.join(["Orphan", "Left-behind child"]) == "Orphan, Left-behind child"
    i18n.install("zh")
    assert i18n.join(["孤儿", "留守儿童"]) == "孤儿、留守儿童"


@pytest.mark.parametrize(("lang", "word"), [("en", "not set"), ("zh", "未设置")])
def test_an_unset_interval_says_so(qtbot, lang: str, word: str) -> None:
    i18n.install(lang)
    e = IntervalEdit()
    qtbot.addWidget(e)
    e.set_value(None)
    assert e.months.text() == word
    assert "0" not in e.days.text()
    e.days.setValue(15)
    assert e.months.text().startswith("0") and e.days.text().startswith("15")
    assert e.value() is not None and e.value().days == 15
    e.days.setValue(0)
    assert e.months.text() == word and e.value() is None
    e.months.setValue(1)
    assert e.months.text() == ("1 month" if lang == "en" else "1 个月")
    e.months.setValue(2)
    assert e.months.text() == ("2 months" if lang == "en" else "2 个月")


def test_one_program_name_in_window_titles(qtbot, make_app) -> None:
    ctx, _hexi, win = make_app("dir_a", lang="en")
    name = i18n.translate("App", "Hexi child care")  # the applicationDisplayName (ui.app.prepare)
    # The system writes "title — program name"; a title holds no other name of the program.
    assert win.windowTitle() == name
    win.lock(idle=False)
    wait_idle(qtbot, ctx)
    assert win.windowTitle() == "Locked"
    for w in QApplication.topLevelWidgets():
        assert "hexi-care" not in w.windowTitle().lower()
