"""Benchmark of the work statistics (issues 4 and 16): figures and PDF for the whole district over
the store that bench/bench_store.py builds (20,000 children, ~490,000 visits), overdue recounted
as the schedule stood at each period's end. Target ≤ 2 s cold (the first run after opening the
store), ≤ 1 s warm.
Each line gives wall-clock and CPU time and the load average when it started (the machine is
shared: compare CPU time between runs, and run it several times).
Run: .venv/bin/python bench/bench_stats.py [--dir /tmp/hexi-bench-store]
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date
from pathlib import Path

from bench_store import PASSWORD, build

from hexi_care.db.store import unlock
from hexi_care.reports import builders
from hexi_care.reports.statistics import render_statistics
from hexi_care.services.context import UnitOfWork


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default="/tmp/hexi-bench-store")
    args = ap.parse_args()
    path = build(Path(args.dir), 20_000, 25.0)
    store = unlock(path, "centre", PASSWORD)
    try:
        today = date.today()
        periods = [
            (date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
            (date(today.year - 2, today.month, 1), today),
        ]
        for start, end in periods * 2:  # the second round runs with a warm cache
            load = os.getloadavg()[0]
            t0, c0 = time.perf_counter(), time.process_time()
            with UnitOfWork(store) as uow:
                data = builders.stats(uow, "河西区", start, end)
                meta = builders.meta(uow, data.unit_name)
            t1 = time.perf_counter()
            render_statistics(data, meta)
            t2, c2 = time.perf_counter(), time.process_time()
            # CPU time beside wall-clock time: on a shared machine the load stretches the latter.
            print(
                f"{start}..{end}: figures {t1 - t0:.2f} s + PDF {t2 - t1:.2f} s = {t2 - t0:.2f} s "
                f"(CPU {c2 - c0:.2f} s, load {load:.1f}; {data.total.visits} visits, "
                f"{data.total.children} children, {data.total.households} households)"
            )
        print(
            "target: statistics over 20,000 children and ~490,000 visits <= 2 s cold, <= 1 s warm"
        )
    finally:
        store.lock()


if __name__ == "__main__":
    main()
