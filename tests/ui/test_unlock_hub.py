"""Opening a hub from the window (issue 13 item 1): the unlock dialog keeps saved hub
connections (a name and an address without a password), opens the chosen one with the user's own
name and password as `--store postgresql://…` does, and says in the user's language when the
server cannot be reached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from hexi_care.ui.app import AppContext, HexiApp
from hexi_care.ui.settings import HubConnection, Settings
from hexi_care.ui.unlock import HubConnectionDialog, UnlockDialog
from tests.conftest import APP_ROLE, HubTemplate, add_child, hub_world
from tests.pgcluster import free_port

from .conftest import PW, clock, wait_idle


@pytest.fixture
def hub_url(hub_template: HubTemplate, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """A copy of the test world on the cluster with a child in each community; the address
    as a user saves it: the program's role, no password (the password would be in pgpass)."""
    monkeypatch.setenv("HEXI_CARE_DATA", str(tmp_path / "data"))
    world = hub_world(hub_template)
    centre = world.login("centre")
    add_child(centre, world.community_a, "张小明")
    add_child(centre, world.community_b, "李小红")
    world.close()
    db = str(world.path).rsplit("/", 1)[1]
    yield hub_template.cluster.url(db, APP_ROLE)
    hub_template.drop(str(world.path))


def _open(qtbot, ctx: AppContext) -> tuple[HexiApp, UnlockDialog]:
    hexi = HexiApp(ctx)
    dlg = hexi.start(user="dir_a")
    qtbot.addWidget(dlg)
    assert isinstance(dlg, UnlockDialog)
    return hexi, dlg


def _choose(dlg: UnlockDialog, name: str) -> None:
    index = dlg.store.findData(name)
    assert index >= 0, name
    dlg.store.setCurrentIndex(index)


def test_a_saved_hub_opens_with_the_users_own_password(
    qtbot, ui_world, tmp_path: Path, hub_url: str
) -> None:
    settings = Settings.at(tmp_path / "s.ini")
    settings.set_hub_connections([HubConnection("河西区中心", hub_url)])
    ctx = AppContext(ui_world.path, settings=settings, clock=clock)
    hexi, dlg = _open(qtbot, ctx)
    try:
        # The store file first, then the saved hub.
        assert dlg.store.count() == 2 and dlg.store.currentData() == ""
        assert dlg.form.forgot.isVisibleTo(dlg)
        _choose(dlg, "河西区中心")
        assert ctx.store_path == hub_url
        assert "postgresql://hexi_app@127.0.0.1" in dlg.where.text()
        assert not dlg.form.forgot.isVisibleTo(dlg)  # a hub's passwords are the administrator's
        assert dlg.remove_hub.isEnabled()
        dlg.form.password.setText(PW)
        qtbot.mouseClick(dlg.form.button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: hexi.window is not None, timeout=20000)
        win = hexi.window
        qtbot.addWidget(win)
        wait_idle(qtbot, ctx)
        assert ctx.user.name == "dir_a"
        page = win.show_page("children")
        wait_idle(qtbot, ctx)
        names = [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]
        # The hub's children, and of them only the director's community.
        assert names == ["张小明"]
        assert settings.get("hub/last") == "河西区中心"
    finally:
        if hexi.window:
            hexi.window.close_quietly()
        ctx.worker.stop()


def test_connections_are_added_and_removed_without_a_password(
    qtbot, ui_world, tmp_path: Path
) -> None:
    settings = Settings.at(tmp_path / "s.ini")
    ctx = AppContext(ui_world.path, settings=settings, clock=clock)
    hexi, dlg = _open(qtbot, ctx)
    try:
        assert dlg.store.count() == 1 and not dlg.remove_hub.isEnabled()
        add = HubConnectionDialog({"旧中心"})
        qtbot.addWidget(add)
        add.name.setText("区中心")
        add.url.setText("postgresql://hexi_app:secret@hub.example/hexi?sslmode=verify-full")
        add.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert add.connection is None and "密码" in add.message.text()
        add.url.setText("/home/me/store.hexi")
        add.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert add.connection is None and add.message.text()
        add.name.setText("旧中心")
        add.url.setText("postgresql://hexi_app@hub.example/hexi?sslmode=verify-full")
        add.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert add.connection is None and add.message.text()
        add.name.setText("区中心")
        add.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert add.connection == HubConnection(
            "区中心", "postgresql://hexi_app@hub.example/hexi?sslmode=verify-full"
        )
        dlg._added(add.connection)
        assert dlg.store.count() == 2 and dlg.store.currentData() == "区中心"
        saved = json.loads(settings.get("hub/connections"))
        assert saved == [
            {"name": "区中心", "url": "postgresql://hexi_app@hub.example/hexi?sslmode=verify-full"}
        ]
        assert "secret" not in (tmp_path / "s.ini").read_text("utf-8")
        qtbot.mouseClick(dlg.remove_hub, Qt.MouseButton.LeftButton)
        assert settings.hub_connections() == []
        assert dlg.store.count() == 1 and ctx.store_path == ui_world.path
    finally:
        ctx.worker.stop()
        del hexi


def test_a_settings_file_with_a_password_in_an_address_brings_no_password(
    tmp_path: Path,
) -> None:
    settings = Settings.at(tmp_path / "s.ini")
    settings.set(
        "hub/connections",
        json.dumps(
            [
                {"name": "a", "url": "postgresql://u:pw@h/db"},
                {"name": "b", "url": "postgresql://u@h/db"},
                {"name": "", "url": "postgresql://u@h/db2"},
                "junk",
            ]
        ),
    )
    assert settings.hub_connections() == [HubConnection("b", "postgresql://u@h/db")]


@pytest.mark.parametrize(
    ("address", "lang", "expected"),
    [
        ("127.0.0.1:{port}", "zh", "连接不上中心数据库"),
        ("127.0.0.1:{port}", "en", "Cannot reach the hub"),
        ("no-such-host.invalid", "en", "Cannot reach the hub"),
    ],
)
def test_a_hub_that_cannot_be_reached_is_the_users_problem(
    qtbot, ui_world, tmp_path: Path, address: str, lang: str, expected: str
) -> None:
    from hexi_care.ui import i18n

    i18n.install(lang)
    try:
        settings = Settings.at(tmp_path / "s.ini")
        host = address.format(port=free_port())  # nothing listens there
        settings.set_hub_connections([HubConnection("hub", f"postgresql://hexi_app@{host}/hexi")])
        ctx = AppContext(ui_world.path, settings=settings, clock=clock)
        hexi, dlg = _open(qtbot, ctx)
        try:
            _choose(dlg, "hub")
            dlg.form.password.setText(PW)
            dlg.form.submit()
            wait_idle(qtbot, ctx, timeout=20000)
            assert hexi.window is None
            assert expected in dlg.form.message.text()
            assert dlg.form.button.isEnabled() and dlg.store.isEnabled()
        finally:
            ctx.worker.stop()
    finally:
        i18n.install("zh")
