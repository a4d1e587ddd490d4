"""A small real store for the harnesses that need one (the child JSON names communities), opened
once; every input's work is rolled back."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from hexi_care.services.context import UnitOfWork


def open_uow() -> UnitOfWork:
    from tests import cheap_kdf

    cheap_kdf.install()
    from tests.conftest import build_world

    folder = Path(tempfile.mkdtemp(prefix="hexi-fuzz-store-"))
    world = build_world(folder / "store.hexi")
    store = world.login("dir_a")
    uow = UnitOfWork(store)
    uow.__enter__()

    def close() -> None:
        uow.session.rollback()
        world.close()
        shutil.rmtree(folder, ignore_errors=True)

    atexit.register(close)
    return uow
