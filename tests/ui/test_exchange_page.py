"""The 数据交换 page on real stores: a centre and a laptop enrolled through the sync API. Export from
the laptop's page to a folder, import at the centre's page with a summary; a tampered file is
refused with the reason and imports nothing; a conflict is resolved from the table; enrolment
from the window shows the fingerprints to compare."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from hexi_care.db.keys import KdfParams
from hexi_care.db.store import create_store, unlock
from hexi_care.messages import t
from hexi_care.services import units, users
from hexi_care.services.context import UnitOfWork
from hexi_care.services.reference import seed_reference
from hexi_care.sync import list_conflicts
from hexi_care.ui.pages.exchange import removable_drives, safe_name
from tests.sync.exchange_helpers import (
    ADMIN_PW,
    PW,
    Net,
    Template,
    build_template,
    edit_child,
    new_child,
    open_net,
    submit_visit,
)

from .conftest import wait_idle


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return build_template(tmp_path_factory.mktemp("exchange-ui"))


@pytest.fixture
def net(template: Template, tmp_path: Path) -> Iterator[Net]:
    n = open_net(template, tmp_path / "net")
    yield n
    n.close()


@pytest.fixture
def open_page(qtbot, tmp_path: Path):
    """open_page(store path, user) → (ctx, window, exchange page), unlocked as `user`."""
    from hexi_care.ui import i18n
    from hexi_care.ui.app import AppContext, HexiApp
    from hexi_care.ui.settings import Settings

    made: list[tuple[object, object]] = []

    def make(path: Path, user: str, *, password: str = PW, lang: str = "zh"):
        i18n.install(lang)
        ctx = AppContext(path, settings=Settings.at(tmp_path / f"settings-{len(made)}.ini"))
        hexi = HexiApp(ctx)
        made.append((ctx, hexi))
        dlg = hexi.start(user=user)
        qtbot.addWidget(dlg)
        dlg.form.password.setText(password)
        dlg.form.submit()
        qtbot.waitUntil(lambda: hexi.window is not None, timeout=10000)
        win = hexi.window
        qtbot.addWidget(win)
        wait_idle(qtbot, ctx)
        page = win.show_page("exchange")
        wait_idle(qtbot, ctx)
        return ctx, win, page

    yield make
    for ctx, hexi in made:
        win = hexi.window
        if win is not None:
            for rec in list(win.records.values()):
                rec.close()
            win.close_quietly()
        ctx.worker.stop()


def _store(net: Net, name: str) -> Path:
    return net.folder / f"{name}.hexi"


def _with_visits(net: Net, count: int = 2) -> None:
    child = new_child(net.la, net.community_a)
    for i in range(count):
        submit_visit(net.la, child, note=f"需要{i}")


def _export_from_laptop(qtbot, open_page, net: Net, folder: Path) -> list[Path]:
    ctx, _win, page = open_page(_store(net, "la"), "dir_a")
    assert page.info.role == "laptop"
    assert page.fingerprint.text() == page.info.fingerprint
    assert page.peer_box.count() == 1
    folder.mkdir()
    page.export_to(page.peer_box.currentData(), folder)
    wait_idle(qtbot, ctx, timeout=20000)
    files = sorted(folder.glob("*.hxp"))
    assert files, page.result.text()
    assert str(files[0]) in page.last_dialog.text()
    assert page.progress is None  # the progress dialog is gone
    return files


def test_export_at_the_laptop_and_import_at_the_centre(qtbot, open_page, net, tmp_path) -> None:
    _with_visits(net, 2)
    net.close()
    files = _export_from_laptop(qtbot, open_page, net, tmp_path / "usb")
    ctx, _win, page = open_page(_store(net, "centre"), "centre")
    assert page.info.role == "centre"
    assert page.models["peers"].rowCount() == 2
    page.import_file(files[0])
    wait_idle(qtbot, ctx, timeout=20000)
    summary = page.last_dialog.text()
    visits = t("exchange.kind.visit", "zh")
    line = next(ln for ln in summary.splitlines() if ln.startswith(visits))
    assert "新增 2" in line, summary
    assert page.last_dialog.isVisible()


def test_a_tampered_package_is_refused_and_imports_nothing(qtbot, open_page, net, tmp_path) -> None:
    _with_visits(net, 1)
    net.close()
    (good,) = _export_from_laptop(qtbot, open_page, net, tmp_path / "usb")
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0x40
    bad = tmp_path / "bad.hxp"
    bad.write_bytes(bytes(data))
    ctx, _win, page = open_page(_store(net, "centre"), "centre")
    page.import_file(bad)
    wait_idle(qtbot, ctx, timeout=20000)
    text = page.last_dialog.text()
    assert "数据包无法导入" in text, text  # the core's reason, in the user's language
    assert "Nothing" not in text
    ctx.worker.stop()
    centre = unlock(_store(net, "centre"), "centre", PW)
    try:
        assert _visits(centre) == 0 and list_conflicts(centre) == []
    finally:
        centre.lock()


def _visits(store) -> int:
    from sqlalchemy import text

    with store.system_session() as s:
        return int(s.execute(text("select count(*) from visit")).scalar_one())


def test_resolving_a_conflict_from_the_table(qtbot, open_page, net, qtmodeltester) -> None:
    child = new_child(net.la, net.community_a)
    net.settle(1)
    edit_child(net.centre, child, address="中心记录的地址")
    edit_child(net.la, child, address="主任记录的地址")
    net.settle(2)
    assert len(list_conflicts(net.centre)) == 1
    net.close()
    # The laptop lists it read-only.
    ctx, _win, page = open_page(_store(net, "la"), "dir_a")
    assert page.models["conflicts"].rowCount() == 1
    page.conflict_view.selectRow(0)
    assert not page.mine_btn.isEnabled() and not page.theirs_btn.isEnabled()
    ctx.worker.stop()
    # The centre's supervisor keeps the laptop's value.
    ctx, _win, page = open_page(_store(net, "centre"), "centre")
    model = page.models["conflicts"]
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(page.models["peers"], force_py=True)
    assert model.rowCount() == 1
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert "中心记录的地址" in row and "主任记录的地址" in row
    page.conflict_view.selectRow(0)
    assert page.theirs_btn.isEnabled()
    page.theirs_btn.click()
    wait_idle(qtbot, ctx)
    wait_idle(qtbot, ctx)
    assert model.rowCount() == 0
    assert "主任记录的地址" in page.conflict_note.text()


def _fresh_pair(tmp_path: Path) -> tuple[Path, Path]:
    """A centre (with a supervisor) and a laptop that have never met."""
    kdf = KdfParams.fast()
    centre = create_store(
        tmp_path / "centre.hexi",
        admin_name="admin",
        admin_password=ADMIN_PW,
        kdf=kdf,
        seed_reference=seed_reference,
    ).store
    with UnitOfWork(centre) as uow:
        units.add_unit(uow, "紫金里社区", "大营门街")
        units.add_unit(uow, "平江里社区", "马场街")
        users.add_user(uow, "centre", "centre_supervisor", "河西区", PW, kdf=kdf)
    centre.lock()
    laptop = create_store(
        tmp_path / "laptop.hexi",
        admin_name="admin",
        admin_password=ADMIN_PW,
        kdf=kdf,
        seed_reference=seed_reference,
    ).store
    laptop.lock()
    return tmp_path / "centre.hexi", tmp_path / "laptop.hexi"


def test_enrolment_from_the_window_shows_fingerprints(qtbot, open_page, tmp_path) -> None:
    centre_path, laptop_path = _fresh_pair(tmp_path)
    request, reply, card = tmp_path / "request.hxr", tmp_path / "reply.hxr", tmp_path / "card.hxr"

    cctx, _w, cpage = open_page(centre_path, "centre")
    assert cpage.card_btn.isVisibleTo(cpage)
    cpage.card_to(card)
    wait_idle(qtbot, cctx)
    centre_fp = cpage.fingerprint.text()
    assert centre_fp and centre_fp in cpage.last_dialog.text()

    lctx, _w, lpage = open_page(laptop_path, "admin", password=ADMIN_PW)
    assert lpage.info is not None, lpage.result.text()
    assert lpage.info.role is None and lpage.peer_box.count() == 0
    assert not lpage.export_btn.isEnabled()
    # The dialog asks for the card and, with a card, for the fingerprint the centre read out.
    lpage.request()
    dlg = lpage.request_dialog
    assert dlg is not None and dlg.isVisible()
    dlg.card.setText(str(card))
    dlg._check()
    assert dlg.isVisible() and dlg.note.isVisibleTo(dlg)  # no fingerprint typed yet
    dlg.reject()
    # A fingerprint that is not the card's is refused and writes nothing.
    wrong = centre_fp[:-1] + str((int(centre_fp[-1]) + 1) % 10)
    lpage.request_to(request, unit_ref="紫金里社区", card=card, card_fingerprint=wrong)
    wait_idle(qtbot, lctx)
    assert "调换" in lpage.last_dialog.text() and not request.exists()
    lpage.request_to(request, unit_ref="紫金里社区", card=card, card_fingerprint=centre_fp)
    wait_idle(qtbot, lctx)
    laptop_fp = lpage.fingerprint.text()
    text = lpage.last_dialog.text()
    assert laptop_fp and laptop_fp in text and centre_fp in text
    assert "紫金里".encode() not in request.read_bytes()

    cpage.enrol_from(request, reply)
    wait_idle(qtbot, cctx)
    wait_idle(qtbot, cctx)
    text = cpage.last_dialog.text()
    assert laptop_fp in text and centre_fp in text and "紫金里社区" in text, text
    assert cpage.models["peers"].rowCount() == 1

    lpage.accept_from(reply)
    wait_idle(qtbot, lctx)
    wait_idle(qtbot, lctx)
    assert centre_fp in lpage.last_dialog.text()
    assert lpage.info.role == "laptop" and lpage.peer_box.count() == 1


def test_a_request_without_a_card_asks_the_centre_for_the_unit(qtbot, open_page, tmp_path) -> None:
    centre_path, laptop_path = _fresh_pair(tmp_path)
    request, reply = tmp_path / "request.hxr", tmp_path / "reply.hxr"
    lctx, _w, lpage = open_page(laptop_path, "admin", password=ADMIN_PW)
    lpage.request_to(request, unit_ref="平江里社区")
    wait_idle(qtbot, lctx)
    assert request.exists() and "平江里".encode() not in request.read_bytes()

    cctx, _w, cpage = open_page(centre_path, "centre")
    cpage.enrol_from(request, reply)
    wait_idle(qtbot, cctx)
    wait_idle(qtbot, cctx)
    dlg = cpage.unit_dialog
    assert dlg is not None and dlg.isVisible() and not reply.exists()
    items = dlg.comboBoxItems()
    assert "马场街 / 平江里社区" in items and "大营门街 / 紫金里社区" in items
    dlg.setTextValue("马场街 / 平江里社区")
    dlg.accept()
    wait_idle(qtbot, cctx)
    wait_idle(qtbot, cctx)
    assert reply.exists(), cpage.last_dialog.text() if cpage.last_dialog else ""
    assert "平江里社区" in cpage.last_dialog.text()
    assert cpage.models["peers"].rowCount() == 1


def test_helpers() -> None:
    assert safe_name("区中心 / 1") == "区中心-1"
    assert all(p.is_dir() for p in removable_drives())


def test_cancelling_an_export_writes_nothing(qtbot, open_page, net, tmp_path) -> None:
    _with_visits(net, 1)
    net.close()
    ctx, _win, page = open_page(_store(net, "la"), "dir_a")
    gate = threading.Event()
    ctx.worker.submit(lambda _task: gate.wait(10))  # the worker is busy: the export waits
    folder = tmp_path / "usb"
    folder.mkdir()
    page.export_to(page.peer_box.currentData(), folder)
    assert page.progress is not None
    page.progress.findChild(QPushButton).click()  # the dialog's Cancel button
    gate.set()
    wait_idle(qtbot, ctx)
    assert page.progress is None
    assert list(folder.iterdir()) == []
    assert "取消" in page.result.text()
    # Nothing was counted as sent: the next export is package no. 1.
    page.export_to(page.peer_box.currentData(), folder)
    wait_idle(qtbot, ctx)
    wait_idle(qtbot, ctx)
    assert len(list(folder.glob("*.hxp"))) == 1
    assert "第 1 号" in page.last_dialog.text()


def test_an_import_with_a_conflict_lists_it_for_a_typed_value(
    qtbot, open_page, net, tmp_path
) -> None:
    child = new_child(net.la, net.community_a)
    net.settle(1)
    edit_child(net.centre, child, address="中心记录的地址")
    edit_child(net.la, child, address="主任记录的地址")
    (package,) = net.export("la", "centre")
    net.close()
    ctx, _win, page = open_page(_store(net, "centre"), "centre")
    page.import_file(package)
    wait_idle(qtbot, ctx)
    wait_idle(qtbot, ctx)
    assert "1 处资料冲突" in page.last_dialog.text()
    assert page.models["conflicts"].rowCount() == 1
    c = page.models["conflicts"].row_at(0)
    assert (c.mine, c.theirs) == ("中心记录的地址", "主任记录的地址")
    page.resolve(c.id, "双方核实后的地址")
    wait_idle(qtbot, ctx)
    wait_idle(qtbot, ctx)
    assert page.models["conflicts"].rowCount() == 0
    assert "双方核实后的地址" in page.conflict_note.text()
