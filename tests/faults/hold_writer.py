"""Child process for the two-programs test: another program (a window, another user's command)
that takes the store's write lock, says so, holds it for a while, then commits its change."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from hexi_care.db.store import unlock
from hexi_care.services import children
from hexi_care.services.context import UnitOfWork
from tests import cheap_kdf


def main() -> None:
    cheap_kdf.install()
    path, user, password, child_id, seconds = sys.argv[1:6]
    store = unlock(Path(path), user, password)
    with UnitOfWork(store) as uow:
        child = children.get_child(uow, child_id)
        from dataclasses import replace

        children.update_child(uow, replace(child, school="另一个程序写的学校"))
        uow.session.flush()  # the write lock is held from here to the commit
        print("holding", flush=True)
        time.sleep(float(seconds))
    print("committed", flush=True)
    store.lock()


if __name__ == "__main__":
    main()
