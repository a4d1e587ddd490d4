"""Child process for the crash test: writes visits in a burst, printing each id after its commit."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

from hexi_care.db.store import unlock
from hexi_care.domain.model import Visit
from hexi_care.services import visits
from hexi_care.services.context import UnitOfWork
from tests import cheap_kdf


def main() -> None:
    cheap_kdf.install()
    path, user, password, child_id = sys.argv[1:5]
    store = unlock(Path(path), user, password)
    start = date(2024, 1, 1)
    i = 0
    while True:
        with UnitOfWork(store) as uow:
            saved = visits.save_draft(
                uow,
                Visit(
                    child_id=child_id, visit_date=start + timedelta(days=i % 600), needs="x" * 200
                ),
            )
        # Acknowledged only after the commit returned.
        print(saved.id, flush=True)
        i += 1


if __name__ == "__main__":
    main()
