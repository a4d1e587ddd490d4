"""A restore stopped in the middle of swapping files (issue 12, item 9: kill -9 found it): the old
store had moved aside and the restored one was not in place yet, so the store "was missing". The
swap is journalled now; the next opening finishes it, whichever step it stopped at."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from hexi_care.db import storefiles
from hexi_care.db.store import restore, unlock
from hexi_care.db.storefiles import keys_path
from hexi_care.services import children
from hexi_care.services.context import UnitOfWork
from tests.conftest import ADMIN_PW, PW, World, add_child, fixed_clock


def names(path: Path) -> list[str]:
    store = unlock(path, "dir_a", PW, clock=fixed_clock)
    try:
        assert store.check() == []
        with UnitOfWork(store) as uow:
            return sorted(c.name for c in children.list_children(uow))
    finally:
        store.lock()


@pytest.mark.parametrize("stopped_after", ["ready", "moved_aside", "swapped"])
def test_a_restore_stopped_mid_swap_is_finished_at_the_next_opening(
    world: World, tmp_path: Path, stopped_after: str
) -> None:
    director = world.login("dir_a")
    add_child(director, world.community_a, name="备份前")
    backup = director.backup(tmp_path / "b.hexibak")
    add_child(director, world.community_a, name="备份后")
    world.close()
    # The restored store, as a finished restore leaves it (made on a copy).
    done = tmp_path / "done" / "store.hexi"
    done.parent.mkdir()
    for f in (world.path, keys_path(world.path)):
        shutil.copyfile(f, done.parent / f.name)
    restore(backup, done, "admin", ADMIN_PW)
    assert names(done) == ["备份前"]
    # The moment of the kill: the restored files staged, the journal written, then...
    target = world.path
    staging = storefiles.staging_path(target)
    shutil.copyfile(done, staging)
    shutil.copyfile(keys_path(done), keys_path(staging))
    storefiles.restore_ready_path(target).write_bytes(b"")
    if stopped_after in ("moved_aside", "swapped"):
        kept = storefiles.kept_path(target, 1)
        shutil.copyfile(keys_path(target), keys_path(kept))
        os.replace(target, kept)
    if stopped_after == "swapped":
        os.replace(staging, target)
    assert names(target) == ["备份前"]  # opens, restored
    assert not storefiles.restore_ready_path(target).exists()
    assert not staging.exists() and not keys_path(staging).exists()
    # And the replaced store is kept beside it, whole.
    (kept_store,) = [
        p
        for p in target.parent.glob(f"{target.name}.before-restore-*")
        if not p.name.endswith(".keys")
    ]
    assert names(kept_store) == ["备份前", "备份后"]
