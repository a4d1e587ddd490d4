"""Benchmark of the encrypted store (issue 2): a demo store of 20,000 children and 500,000 visits.

Prints: open with and without the password derivation, child search p50/p95, opening a child's file
with its visits, durable visit save p95, and the same workload on a plain SQLite copy as a ratio.
Run: .venv/bin/python bench/bench_store.py [--children 20000] [--visits-per-child 25] [--dir /tmp/x]
The store is built once and reused from --dir.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import sqlcipher3

from hexi_care.db.engine import _key_pragma, make_engine
from hexi_care.db.keys import KdfParams
from hexi_care.db.store import OpenStore, create_store, load_user, open_with_key, unlock
from hexi_care.domain.model import Visit
from hexi_care.services import casefile, children, demo, users, visits
from hexi_care.services.context import UnitOfWork
from hexi_care.services.reference import seed_reference

PASSWORD = "bench-pass-1"


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def build(folder: Path, n_children: int, per_child: float) -> Path:
    path = folder / "bench.hexi"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    created = create_store(
        path,
        admin_name="admin",
        admin_password=PASSWORD,
        kdf=KdfParams.calibrate(),
        seed_reference=seed_reference,
    )
    stats = demo.generate(created.store, children=n_children, seed=42, visits_per_child=per_child)
    with UnitOfWork(created.store) as uow:
        users.add_user(uow, "centre", "centre_supervisor", "河西区", PASSWORD)
    created.store.lock()
    print(
        f"built {stats.children} children, {stats.visits} visits in {time.perf_counter() - t:.0f} s"
    )
    return path


def plain_copy(path: Path, key: bytes) -> Path:
    """The same database decrypted into a plain SQLite file (sqlcipher_export)."""
    plain = path.with_name("bench-plain.sqlite")
    if plain.exists():
        return plain
    conn = sqlcipher3.connect(str(path))
    conn.execute(_key_pragma(key))
    conn.execute(f"ATTACH DATABASE '{plain}' AS plain KEY ''")
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    return plain


def workload(store: OpenStore, label: str, rng: random.Random) -> dict[str, float]:
    assert store.user is not None
    with UnitOfWork(store) as uow:
        sample = children.list_children(uow, limit=2000)
    queries = []
    for c in rng.sample(sample, 60):
        queries += [c.name[:2], c.name[1:3] or c.name, (c.id_number_masked or "0000")[-4:]]
    queries += ["zh", "wxm", "li", "张", "王", "陈", "8241", "1203"]
    search: list[float] = []
    for q in queries:
        t = time.perf_counter()
        with UnitOfWork(store) as uow:
            children.list_children(uow, query=q, limit=100)
            children.count_children(uow, query=q)
        search.append((time.perf_counter() - t) * 1000)
    files: list[float] = []
    nvisits: list[int] = []
    for c in rng.sample(sample, 80):
        t = time.perf_counter()
        with UnitOfWork(store) as uow:
            f = casefile.open_child_file(uow, c.id)
        files.append((time.perf_counter() - t) * 1000)
        nvisits.append(len(f.visits))
    saves: list[float] = []
    for c in rng.sample(sample, 150):
        v = Visit(
            child_id=c.id,
            visit_date=date.today() - timedelta(days=rng.randrange(1, 20)),
            needs="冬季取暖",
            help_given="棉衣",
        )
        t = time.perf_counter()
        with UnitOfWork(store) as uow:
            visits.submit(uow, v)
        saves.append((time.perf_counter() - t) * 1000)
    out = {
        "search_p50": pct(search, 50),
        "search_p95": pct(search, 95),
        "file_p50": pct(files, 50),
        "file_p95": pct(files, 95),
        "save_p50": pct(saves, 50),
        "save_p95": pct(saves, 95),
    }
    print(
        f"{label:10s} search p50 {out['search_p50']:6.1f} ms  p95 {out['search_p95']:6.1f} ms | "
        f"child file p50 {out['file_p50']:6.1f} ms p95 {out['file_p95']:6.1f} ms ({statistics.mean(nvisits):.0f} visits avg) | "
        f"visit save p50 {out['save_p50']:6.1f} ms p95 {out['save_p95']:6.1f} ms"
    )
    return out


def timed(fn: Callable[[], OpenStore]) -> tuple[float, OpenStore]:
    t = time.perf_counter()
    s = fn()
    return (time.perf_counter() - t) * 1000, s


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--children", type=int, default=20_000)
    ap.add_argument("--visits-per-child", type=float, default=25.0)
    ap.add_argument("--dir", default="/tmp/hexi-bench-store")
    args = ap.parse_args()
    path = build(Path(args.dir), args.children, args.visits_per_child)

    ms_full, store = timed(lambda: unlock(path, "centre", PASSWORD))
    key = store.data_key
    store.lock()
    ms_nokdf, store = timed(lambda: open_with_key(path, key))
    store.lock()
    print(
        f"open with password derivation {ms_full:.0f} ms; without (key in hand) {ms_nokdf:.0f} ms"
    )

    plain_path = plain_copy(path, key)

    def open_encrypted() -> OpenStore:
        s = open_with_key(path, key)
        s.user = load_user(s, "centre")
        return s

    def open_plain() -> OpenStore:
        s = OpenStore(plain_path, make_engine(plain_path, None), key, None)  # key: audit MAC only
        s.user = load_user(s, "centre")
        return s

    # Alternate the two and keep the second round, so neither gains from the order or a cold cache.
    results: dict[str, dict[str, float]] = {}
    for round_ in range(2):
        for label, opener in (("plain", open_plain), ("encrypted", open_encrypted)):
            s = opener()
            results[label] = workload(s, f"{label}#{round_ + 1}", random.Random(7 + round_))
            s.lock()
    enc, pl = results["encrypted"], results["plain"]
    for k in ("search_p95", "file_p95", "save_p95"):
        print(f"ratio encrypted/plain {k}: {enc[k] / pl[k]:.2f}x")
    ratio = sum(enc[k] for k in ("search_p50", "file_p50", "save_p50")) / sum(
        pl[k] for k in ("search_p50", "file_p50", "save_p50")
    )
    print(f"ratio encrypted/plain, whole workload (sum of medians): {ratio:.2f}x")
    print(
        "targets: search p95 <= 20 ms, child file <= 50 ms, visit save p95 <= 20 ms, encrypted/plain <= 1.3x"
    )


if __name__ == "__main__":
    main()
