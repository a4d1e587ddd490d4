"""This machine's settings: declared once with name, type, default and label; typed reads; an
upgrade step per version; idle minutes applied to the window at once; store-wide visit intervals
changed by the centre and read-only for a director."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from hexi_care.domain import schedule
from hexi_care.services import settings as store_settings
from hexi_care.services.context import UnitOfWork
from hexi_care.ui.settings import BY_NAME, OPTIONS, SETTINGS_VERSION, Settings

from .conftest import wait_idle


def test_options_are_declared_once_with_types_and_labels(tmp_path: Path) -> None:
    names = [o.name for o in OPTIONS]
    assert len(names) == len(set(names))
    for o in OPTIONS:
        assert o.label and isinstance(o.default, o.type)
    s = Settings.at(tmp_path / "s.ini")
    assert s.get("ui/language") == "zh" and s.language == "zh"
    assert s.get("lock/idle_minutes") == 10
    s.set("lock/idle_minutes", "25")
    assert Settings.at(tmp_path / "s.ini").get("lock/idle_minutes") == 25
    s.set("lock/idle_minutes", 9999)
    assert s.idle_minutes == 120  # clamped to the allowed range
    qs = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert int(qs.value("meta/version")) == SETTINGS_VERSION
    qs.setValue("lock/idle_minutes", "not a number")
    qs.sync()
    assert (
        Settings.at(tmp_path / "s.ini").get("lock/idle_minutes")
        == BY_NAME["lock/idle_minutes"].default
    )


def test_idle_minutes_apply_to_the_open_window(qtbot, make_app) -> None:
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("settings")
    wait_idle(qtbot, ctx)
    page.idle.setValue(3)
    assert win.idle.interval_ms == 3 * 60_000
    assert "3" in win.lock_label.text()
    assert ctx.settings.get("lock/idle_minutes") == 3


def test_visit_intervals_are_set_by_the_centre(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("centre")
    page = win.show_page("settings")
    wait_idle(qtbot, ctx)
    assert page.save_policy.isVisibleTo(page)
    assert page.cat_edits["orphan_scattered"].months.value() == 1
    page.cat_edits["left_behind"].months.setValue(2)
    page.risk_edits["high"].days.setValue(15)
    page.risk_edits["high"].months.setValue(0)
    page._save_policy()
    wait_idle(qtbot, ctx)
    with UnitOfWork(ui_world.login("centre")) as uow:
        p = store_settings.visit_policy(uow)
    assert p.by_category["left_behind"] == schedule.Interval(months=2)
    assert p.by_risk["high"] == schedule.Interval(days=15)
    assert p.default == schedule.Interval(months=3)


def test_a_director_sees_the_intervals_read_only(qtbot, make_app) -> None:
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("settings")
    wait_idle(qtbot, ctx)
    assert not page.save_policy.isVisibleTo(page)
    assert not page.default_edit.months.isEnabled()


def test_backup_now(qtbot, make_app, tmp_path) -> None:
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("settings")
    wait_idle(qtbot, ctx)
    page.backup_dir.setText(str(tmp_path / "backups"))
    page._backup()
    wait_idle(qtbot, ctx)
    files = list((tmp_path / "backups").glob("*.hexibak"))
    assert len(files) == 1 and "manual" in files[0].name
    assert str(tmp_path / "backups") in page.backup_message.text()
