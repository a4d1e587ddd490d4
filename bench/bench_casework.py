"""Benchmark of the casework lists (issue 10): the re-examination worklist and the overdue list for
the whole district over the store bench/bench_store.py builds (20,000 children, ~500,000 visits).
Target ≤ 1 s each. Each line gives wall-clock and CPU time and the load average when it started
(the machine is shared: compare CPU time between runs, and run it several times).
Run: .venv/bin/python bench/bench_casework.py [--dir /tmp/hexi-bench-casework] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_store import PASSWORD, build
from sqlalchemy import text

from hexi_care.db.store import unlock
from hexi_care.services import reexamination, worklists
from hexi_care.services.context import UnitOfWork


def timed(label: str, store: Any, fn: Callable[[UnitOfWork], list[Any]]) -> float:
    load = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), time.process_time()
    with UnitOfWork(store) as uow:
        rows = fn(uow)
    t1, c1 = time.perf_counter(), time.process_time()
    print(f"{label}: {t1 - t0:.2f} s (CPU {c1 - c0:.2f} s, load {load:.1f}; {len(rows)} lines)")
    return t1 - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default="/tmp/hexi-bench-casework")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    path = build(Path(args.dir), 20_000, 25.0)
    store = unlock(path, "centre", PASSWORD)
    try:
        with UnitOfWork(store) as uow:
            kids = uow.session.execute(text("SELECT count(*) FROM child")).scalar()
            seen = uow.session.execute(text("SELECT count(*) FROM visit")).scalar()
        print(f"store: {kids} children, {seen} visits")
        for n in range(args.rounds):  # the first round runs cold
            timed(f"round {n + 1} worklist", store, reexamination.worklist)
            timed(f"round {n + 1} overdue ", store, worklists.overdue)
            timed(f"round {n + 1} alerts  ", store, worklists.alerts)
        print("target: worklist and overdue list over 20,000 children and ~500,000 visits <= 1 s")
    finally:
        store.lock()


if __name__ == "__main__":
    main()
