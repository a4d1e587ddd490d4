"""Benchmark of the exchange (issue 5): a director's laptop with 10,000 visits sends them to the
centre; the same package is imported again; the same records arrive again in a new package; and
the centre sends everything to a replacement laptop.

Targets: export and import of 10,000 visits ≤ 10 s each; importing the same package again ≤ 3 s
and changing nothing. Run: .venv/bin/python bench/bench_sync.py [--visits 10000] [--dir /tmp/x]
"""

from __future__ import annotations

import argparse
import hashlib
import math
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import func, select

from hexi_care.db import models as m
from hexi_care.db.base import Base
from hexi_care.db.keys import KdfParams
from hexi_care.db.store import OpenStore, create_store, load_user
from hexi_care.errors import BadPackage
from hexi_care.services import demo, units, users
from hexi_care.services.context import UnitOfWork
from hexi_care.services.reference import seed_reference
from hexi_care.sync import accept_reply, enrol_device, export_package, import_package, make_request

PASSWORD = "bench-pass-1"
CASE_TABLES = (
    "household",
    "child",
    "child_category",
    "guardian",
    "parent_situation",
    "visit",
    "visit_review",
    "notice_delivery",
    "assistance",
    "follow_up",
    "activity",
    "activity_participant",
    "change_log",
)
T = TypeVar("T")


def timed(label: str, fn: Callable[[], T], figures: dict[str, float]) -> T:
    start = time.perf_counter()
    result = fn()
    figures[label] = time.perf_counter() - start
    return result


def case_state(store: OpenStore) -> str:
    """A hash of the case tables: equal means the import changed no case data."""
    h = hashlib.sha256()
    with store.system_session() as s:
        for name in CASE_TABLES:
            table = Base.metadata.tables[name]
            for row in s.execute(select(table).order_by(*table.primary_key.columns)):
                h.update(repr(tuple(row)).encode())
    return h.hexdigest()


def new_store(path: Path) -> OpenStore:
    # The benchmark measures the exchange, not the password derivation.
    return create_store(
        path,
        admin_name="admin",
        admin_password=PASSWORD,
        district_code=None,
        kdf=KdfParams.fast(),
        seed_reference=seed_reference,
    ).store


def enrol(centre: OpenStore, laptop: OpenStore, folder: Path, name: str) -> None:
    make_request(laptop, folder / f"{name}.request", unit_ref="柳江里社区")
    enrol_device(centre, folder / f"{name}.request", folder / f"{name}.reply")
    accept_reply(laptop, folder / f"{name}.reply")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--visits", type=int, default=10_000)
    ap.add_argument("--dir", type=Path, default=None)
    args = ap.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="hexi-bench-sync-"))
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    figures: dict[str, float] = {}

    centre = new_store(folder / "centre.hexi")
    with UnitOfWork(centre) as uow:
        street = units.add_unit(uow, "柳林街", "河西区")
        community = units.add_unit(uow, "柳江里社区", street.id)
        users.add_user(uow, "centre", "centre_supervisor", "河西区", PASSWORD, kdf=KdfParams.fast())
    laptop = new_store(folder / "laptop.hexi")
    enrol(centre, laptop, folder, "laptop")
    with UnitOfWork(laptop) as uow:
        users.add_user(uow, "dir", "director", community.id, PASSWORD, kdf=KdfParams.fast())
    per_child = 12.5
    stats = demo.generate(
        laptop,
        children=math.ceil(args.visits / per_child * 1.06),
        seed=7,
        visits_per_child=per_child,
    )
    laptop.user = load_user(laptop, "dir")
    centre.user = load_user(centre, "centre")
    with laptop.system_session() as s:
        sent_visits = (
            s.scalar(select(func.count()).select_from(m.Visit).where(m.Visit.status != "draft"))
            or 0
        )
    print(
        f"laptop: {stats.children} children, {stats.households} households, {stats.visits} visits "
        f"({sent_visits} submitted or reviewed; drafts stay on the laptop)"
    )

    up = folder / "up" / "package.hxp"
    up.parent.mkdir()
    res = timed("export (laptop → centre)", lambda: export_package(laptop, "centre", up), figures)
    print(
        f"package: {sum(res.counts.values())} records, {res.counts.get('visit', 0)} visits, "
        f"{len(res.files)} file(s), {res.size / 1e6:.1f} MB"
    )
    got = timed("import at the centre", lambda: import_package(centre, up), figures)
    assert got.counts["visit"].new == res.counts["visit"]

    before = case_state(centre)

    def replay() -> str:
        try:
            import_package(centre, up)
        except BadPackage as exc:
            return str(exc.params["reason"])
        return "imported"

    outcome = timed("import the same package again", replay, figures)
    assert outcome == "replayed" and case_state(centre) == before
    again = folder / "again" / "package.hxp"
    again.parent.mkdir()
    export_package(laptop, "centre", again)  # nothing acknowledged yet: every record again
    second = timed(
        "import the same records in a new package", lambda: import_package(centre, again), figures
    )
    assert second.counts["visit"].new == 0 and second.counts["visit"].updated == 0
    assert case_state(centre) == before

    replacement = new_store(folder / "replacement.hexi")
    enrol(centre, replacement, folder, "replacement")
    down = folder / "down" / "package.hxp"
    down.parent.mkdir()
    res2 = timed(
        "export (centre → new laptop)",
        lambda: export_package(centre, replacement.device_id, down),
        figures,
    )
    got2 = timed("import on the new laptop", lambda: import_package(replacement, down), figures)
    assert got2.counts["visit"].new == res2.counts["visit"] == sent_visits

    targets = {
        "export (laptop → centre)": 10.0,
        "import at the centre": 10.0,
        "import the same package again": 3.0,
        "import the same records in a new package": 3.0,
        "export (centre → new laptop)": 10.0,
        "import on the new laptop": 10.0,
    }
    print(f"\n{'step':44} {'seconds':>8} {'target':>8}")
    for label, seconds in figures.items():
        target = targets.get(label)
        mark = "" if target is None else ("ok" if seconds <= target else "SLOW")
        print(f"{label:44} {seconds:8.2f} {target or 0:8.1f} {mark}")
    for s in (centre, laptop, replacement):
        s.lock()
    if args.dir is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
