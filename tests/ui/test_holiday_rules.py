"""The holiday visit rules on the workbench (issue 16 item 13): winter and summer lines, and the
holiday column of the due and overdue lists, on a real store in the real window."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

from tests.ui.conftest import wait_idle


def test_workbench_shows_winter_and_summer_rules(qtbot, make_app, tmp_path: Path) -> None:
    ctx, _hexi, win = make_app("dir_a")  # 2026-11-20: winter 2027 to come, summer 2026 over
    dash = win.show_page("dashboard")
    wait_idle(qtbot, ctx)
    lines = dash.holidays.text().splitlines()
    assert len(lines) == 2
    winter, summer = lines
    assert winter.startswith("寒假（2027-01-10 – 2027-02-28）：") and "开始" in winter
    assert "去年" not in winter and "未走访" not in winter  # December is not "missed"
    assert (
        summer.startswith("暑假（防溺水优先）（2026-07-10 – 2026-08-31）：") and "已结束" in summer
    )
    model = dash.models["overdue"]
    headers = [model.headerData(c, _horizontal()) for c in range(model.columnCount())]
    assert "假期走访" in headers
    column = headers.index("假期走访")
    texts = {model.index(r, column).data() for r in range(model.rowCount())}
    assert texts <= {"暑假未走访", ""}
    if os.environ.get("HEXI_SCREENSHOT"):
        win.resize(1366, 740)
        win.grab().save(os.environ["HEXI_SCREENSHOT"])


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def test_the_window_uses_the_stores_day(qtbot, make_app) -> None:
    """Issue 16 item 3: the window's "today" is the store's day (Asia/Shanghai by default)."""
    ctx, _hexi, _win = make_app("dir_a")
    ctx.clock = lambda: datetime(2026, 11, 20, 20, tzinfo=UTC)
    assert ctx.today() == date(2026, 11, 21)  # 04:00 on the 21st in Beijing
    from hexi_care.ui import i18n

    assert i18n.fmt_datetime(datetime(2026, 11, 20, 20, tzinfo=UTC)) == "2026-11-21 04:00"
