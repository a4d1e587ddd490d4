"""A store on read-only media (issue 12, item 7) opens in the window read-only, and the window says
so for as long as it is open; the children are listed."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PW, add_child, build_world

from .conftest import wait_idle


@pytest.fixture
def read_only_store(tmp_path: Path):
    folder = tmp_path / "stick"
    w = build_world(folder / "store.hexi")
    add_child(w.login("dir_a"), w.community_a, name="只读儿童")
    w.close()
    if os.geteuid() != 0:
        pytest.skip("a read-only mount needs root")
    subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
    try:
        yield folder / "store.hexi"
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_the_window_opens_a_read_only_store_and_says_so(qtbot, tmp_path, read_only_store) -> None:
    from hexi_care.ui import i18n
    from hexi_care.ui.app import AppContext, HexiApp
    from hexi_care.ui.settings import Settings

    i18n.install("zh")
    ctx = AppContext(read_only_store, settings=Settings.at(tmp_path / "settings.ini"))
    hexi = HexiApp(ctx)
    dlg = hexi.start(user="dir_a")
    qtbot.addWidget(dlg)
    dlg.form.password.setText(PW)
    dlg.form.submit()
    qtbot.waitUntil(lambda: hexi.window is not None, timeout=10000)
    win = hexi.window
    qtbot.addWidget(win)
    wait_idle(qtbot, ctx)
    try:
        assert win.read_only_label.isVisibleTo(win)
        assert "只读" in win.read_only_label.text()
        page = win.show_page("children")
        wait_idle(qtbot, ctx)
        assert page.model.total == 1
    finally:
        win.close_quietly()
        ctx.worker.stop()
