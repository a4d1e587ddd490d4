"""Benchmark of the ledger import (issue 11): a 5,000-row ledger (.xlsx, messy like the real ones)
read and checked (dry run), then applied in one transaction, then the same file applied again
(nothing changes). Targets: dry run ≤ 10 s, apply ≤ 10 s.
Run: .venv/bin/python bench/bench_ledger.py [--rows 5000] [--dir /tmp/x]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from hexi_care.db.keys import KdfParams
from hexi_care.db.store import create_store, load_user
from hexi_care.ledger import samples
from hexi_care.services import children, units, users
from hexi_care.services import ledger_import as li
from hexi_care.services.context import UnitOfWork
from hexi_care.services.reference import seed_reference

PASSWORD = "bench-pass-1"
COMMUNITIES = [
    ("大营门街", "紫金里社区"),
    ("大营门街", "新文化花园社区"),
    ("马场街", "平江里社区"),
    ("马场街", "友谊新都市社区"),
    ("桃园街", "桃园里社区"),
    ("桃园街", "佟楼社区"),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--dir", type=Path, default=None)
    args = ap.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="hexi-bench-ledger-"))
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    # The benchmark measures the import, not the password derivation.
    store = create_store(
        folder / "s.hexi",
        admin_name="admin",
        admin_password=PASSWORD,
        kdf=KdfParams.fast(),
        seed_reference=seed_reference,
    ).store
    with UnitOfWork(store) as uow:
        for street, community in COMMUNITIES:
            units.add_unit(uow, community, street)
        users.add_user(uow, "centre", "centre_supervisor", "河西区", PASSWORD, kdf=KdfParams.fast())
    store.user = load_user(store, "centre")
    t = time.perf_counter()
    path = samples.write_ledger(folder / "台账.xlsx", samples.ledger_rows(args.rows, COMMUNITIES))
    print(
        f"ledger written: {args.rows} rows, {path.stat().st_size / 1e6:.1f} MB, "
        f"{time.perf_counter() - t:.1f} s (not measured)"
    )

    def run(apply: bool) -> tuple[float, li.LedgerPlan]:
        start = time.perf_counter()
        sheets = li.load(path)
        with UnitOfWork(store) as uow:
            fn = li.apply if apply else li.plan
            result = fn(uow, sheets)
        return time.perf_counter() - start, result

    for label, apply, target in (
        ("dry run (read + check)", False, 10.0),
        ("apply (read + check + write, one transaction)", True, 10.0),
        ("apply the same file again", True, 10.0),
    ):
        seconds, result = run(apply)
        c = result.counts()
        verdict = "ok" if seconds <= target else "OVER TARGET"
        print(
            f"{label}: {seconds:.2f} s (target ≤ {target:.0f} s, {verdict}); rows {len(result.rows)}: "
            f"new {c['new']}, update {c['update']}, unchanged {c['unchanged']}, "
            f"refused {c['refused']}, repeated {c['duplicate']}"
        )
    # Not a target of the issue, for the record: the next year's ledger where every family moved
    # (5,000 updates, each field change logged for the exchange merge).
    moved = [(*r[:11], f"{r[11]}（新）") for r in samples.ledger_rows(args.rows, COMMUNITIES)]
    samples.write_ledger(path, moved)
    seconds, result = run(True)
    print(
        f"apply a ledger where every address changed: {seconds:.2f} s; "
        f"update {result.counts()['update']}"
    )
    with UnitOfWork(store) as uow:
        print(f"children in the store: {children.count_children(uow)}")
    # The machine is shared: the load says how much of it the figures above had.
    print("load average (1, 5, 15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    store.lock()


if __name__ == "__main__":
    main()
