"""Disk full (issue 12, item 6): a store on a small real filesystem that fills up during a visit save,
a package import, a backup, a migration and a report. Each time: a clear message (DiskFull, exit 6),
nothing acknowledged is lost, no half-written file is left, and the store opens afterwards."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from hexi_care.db.store import OpenStore, unlock
from hexi_care.errors import DiskFull
from hexi_care.services import visits
from hexi_care.services.context import UnitOfWork
from hexi_care.sync import import_package
from tests.conftest import PW, World, add_child, build_world, fixed_clock
from tests.factories import submitted_visit
from tests.faults.conftest import SmallFs
from tests.sync.conftest import net, net_template
from tests.sync.exchange_helpers import USERS, Net, new_child, store_state, submit_visit

__all__ = ["net", "net_template"]


def visit_count(store: OpenStore) -> int:
    with UnitOfWork(store) as uow:
        return len(visits.list_visits(uow, limit=10_000))


def healthy(path: Path) -> OpenStore:
    store = unlock(path, "dir_a", PW, clock=fixed_clock)
    assert store.check() == []
    return store


@pytest.fixture
def world_on_stick(small_fs: SmallFs) -> World:
    w = build_world(small_fs.root / "store.hexi")
    return w


def test_visit_save_on_a_full_disk(small_fs: SmallFs, world_on_stick: World) -> None:
    w = world_on_stick
    store = w.login("dir_a")
    child = add_child(store, w.community_a)
    assert child.id is not None
    with UnitOfWork(store) as uow:
        visits.add_visit(uow, submitted_visit(child.id, date(2026, 11, 1)))
    small_fs.fill()
    with pytest.raises(DiskFull) as exc, UnitOfWork(store) as uow:
        visits.add_visit(uow, submitted_visit(child.id, date(2026, 11, 2), needs="x" * 9000))
    assert exc.value.exit_code == 6 and "磁盘" in exc.value.message("zh")
    small_fs.free()
    with UnitOfWork(store) as uow:  # the same open store carries on once there is room
        visits.add_visit(uow, submitted_visit(child.id, date(2026, 11, 3)))
    w.close()
    again = healthy(w.path)
    assert visit_count(again) == 2
    again.lock()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp"))


def test_backup_to_a_full_disk(small_fs: SmallFs, tmp_path: Path) -> None:
    w = build_world(tmp_path / "store.hexi")
    writer = w.login("dir_a")
    given = "明红刚强华芳军敏静丽伟娜勇艳杰娟涛磊超秀"
    for a in "张李":
        for b in given:
            add_child(writer, w.community_a, name=a + b)
    small_fs.fill()
    out = small_fs.root / "store.hexibak"
    with pytest.raises(DiskFull):
        w.admin.backup(out)
    assert not out.exists() and leftovers(small_fs.root) == []
    small_fs.free()
    w.admin.backup(out)
    assert out.exists()
    w.close()


def test_report_to_a_full_disk(small_fs: SmallFs) -> None:
    from hexi_care.reports.casefile import render_casefile
    from tests.reports import samples

    small_fs.fill()
    out = small_fs.root / "case.pdf"
    with pytest.raises(DiskFull):
        render_casefile(samples.casefile(), samples.meta(), out)
    assert not out.exists() and leftovers(small_fs.root) == []
    small_fs.free()
    render_casefile(samples.casefile(), samples.meta(), out)
    assert out.read_bytes().startswith(b"%PDF")


def test_opening_a_store_on_a_full_disk(small_fs: SmallFs, world_on_stick: World) -> None:
    w = world_on_stick
    w.close()
    small_fs.fill()
    try:
        store = unlock(w.path, "dir_a", PW, clock=fixed_clock)
    except DiskFull:
        pass  # the write-ahead log cannot be made: said so, nothing touched
    else:
        store.lock()  # room enough for the log's first pages: it opened
    small_fs.free()
    healthy(w.path).lock()


def test_package_import_on_a_full_disk(small_fs: SmallFs, net: Net) -> None:
    child = new_child(net.la, net.community_a)
    for i in range(30):
        submit_visit(net.la, child, date(2024, 1, 1 + i), note="x" * 2000)
    package = net.export("la", "centre")[0]
    moved = move_store(net, "centre", small_fs.root)
    before = store_state(moved)
    small_fs.fill()
    with pytest.raises(DiskFull):
        import_package(moved, package)
    small_fs.free()
    assert store_state(moved) == before  # nothing half-imported
    res = import_package(moved, package)
    assert res.counts["visit"].new == 30
    assert moved.check() == []


def move_store(net: Net, name: str, folder: Path) -> OpenStore:
    """Put one store of the exchange network on `folder` and unlock it there."""
    store = net.stores[name]
    src = store.path
    store.lock()
    dst = folder / src.name
    for suffix in ("", ".keys"):
        shutil.copyfile(Path(str(src) + suffix), Path(str(dst) + suffix))
    net.stores[name] = unlock(dst, USERS[name], PW)
    return net.stores[name]
