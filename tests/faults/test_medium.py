"""A store on a USB stick (issue 12, item 7): the stick pulled out while the store is open (its file
vanishes from the path), and a stick whose write switch is on (a read-only filesystem): a clear
message, nothing saved before is lost, and the store opens read-only with a message."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest

from hexi_care.cli import run
from hexi_care.db.store import unlock
from hexi_care.errors import StoreGone, StoreProblem, StoreReadOnly
from hexi_care.services import children, visits
from hexi_care.services.context import UnitOfWork
from tests.conftest import PW, add_child, build_world, fixed_clock
from tests.factories import submitted_visit
from tests.faults.conftest import SmallFs


def test_the_store_file_vanishes_while_open(tmp_path: Path) -> None:
    w = build_world(tmp_path / "stick" / "store.hexi")
    store = w.login("dir_a")
    child = add_child(store, w.community_a)
    assert child.id is not None
    with UnitOfWork(store) as uow:
        saved = visits.add_visit(uow, submitted_visit(child.id, date(2026, 11, 1)))
    # The stick is pulled out: the path no longer leads to the file the program has open.
    elsewhere = tmp_path / "found-again"
    shutil.move(tmp_path / "stick", elsewhere)
    with pytest.raises(StoreGone) as exc, UnitOfWork(store) as uow:
        visits.add_visit(uow, submitted_visit(child.id, date(2026, 11, 2)))
    assert exc.value.exit_code == 6 and "优盘" in exc.value.message("zh")
    w.close()
    again = unlock(elsewhere / "store.hexi", "dir_a", PW, clock=fixed_clock)
    assert again.check() == []
    with UnitOfWork(again) as uow:
        assert [v.id for v in visits.list_visits(uow, child_id=child.id)] == [saved.id]
    again.lock()


def test_a_read_only_stick_opens_read_only(small_fs: SmallFs) -> None:
    w = build_world(small_fs.root / "store.hexi")
    store = w.login("dir_a")
    child = add_child(store, w.community_a)
    assert child.id is not None
    w.close()
    small_fs.read_only()
    ro = unlock(w.path, "dir_a", PW, clock=fixed_clock)
    assert ro.read_only
    with UnitOfWork(ro) as uow:
        assert [c.id for c in children.list_children(uow)] == [child.id]
    with pytest.raises(StoreReadOnly) as exc, UnitOfWork(ro) as uow:
        visits.add_visit(uow, submitted_visit(child.id, date(2026, 11, 2)))
    assert exc.value.exit_code == 6 and "只读" in exc.value.message("zh")
    ro.lock()
    # The command line says so at once, reads, and refuses a change with exit 6.
    out, err = io.StringIO(), io.StringIO()
    argv = ["--store", str(w.path), "--user", "dir_a", "--password-stdin", "child", "list"]
    assert run(argv, io.StringIO(PW + "\n"), out, err) == 0, err.getvalue()
    assert "只读" in err.getvalue() and "张小明" in out.getvalue()
    out, err = io.StringIO(), io.StringIO()
    argv = ["--store", str(w.path), "--user", "dir_a", "--password-stdin", "visit", "add"]
    argv += ["--child", child.id]
    visit_json = '{"visit_date": "2026-11-03", "status": "draft"}'
    assert run(argv, io.StringIO(PW + "\n" + visit_json), out, err) == 6
    assert "只读" in err.getvalue()
    small_fs.writable()
    rw = unlock(w.path, "dir_a", PW, clock=fixed_clock)
    assert not rw.read_only and rw.check() == []
    rw.lock()


def test_the_stick_turns_read_only_under_an_open_store(small_fs: SmallFs) -> None:
    """The medium fails under the open store (lazily detached: the path is gone, writes fail)."""
    w = build_world(small_fs.root / "store.hexi")
    store = w.login("dir_a")
    child = add_child(store, w.community_a)
    assert child.id is not None
    import subprocess

    subprocess.run(["umount", "-l", str(small_fs.root)], check=True)
    with pytest.raises(StoreProblem) as exc, UnitOfWork(store) as uow:
        visits.add_visit(uow, submitted_visit(child.id, date(2026, 11, 2)))
    assert isinstance(exc.value, (StoreGone, StoreReadOnly)), exc.value.key
    w.close()
