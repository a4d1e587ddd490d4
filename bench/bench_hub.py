"""Benchmark of the hub (issue 13) beside the SQLCipher store, on the same data: the store that
bench/bench_store.py builds (20,000 children, ~490,000 visits), copied into a PostgreSQL cluster
started here (Debian's initdb + pg_ctl, durable: fsync on), or into --url (an empty database, as
its owner).

Figures, each for both stores:
- child search p95 and child file p95 with 8 concurrent clients (separate processes, each signed
  in as the centre supervisor); targets <= 20 ms and <= 50 ms;
- package import of 10,000 visits from a laptop (target <= 5 s);
- district statistics over a year (target <= 1 s).
The machine is shared: each line gives the load average when it started; run it more than once.
Run: .venv/bin/python bench/bench_hub.py [--dir /tmp/hexi-bench-hub-store] [--clients 8]
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_store import PASSWORD, build, pct  # noqa: E402
from sqlalchemy.exc import OperationalError  # noqa: E402

from hexi_care.db import hub  # noqa: E402
from hexi_care.db.keys import KdfParams  # noqa: E402
from hexi_care.db.location import Location  # noqa: E402
from hexi_care.db.store import OpenStore, create_store, load_user, unlock  # noqa: E402
from hexi_care.errors import AuthThrottled, StoreLocked  # noqa: E402
from hexi_care.services import casefile, children, demo, units, users  # noqa: E402
from hexi_care.services.context import UnitOfWork  # noqa: E402
from hexi_care.services.reference import seed_reference  # noqa: E402

APP_ROLE, APP_PW = "hexi_app", "bench-app-pass"
USER = "centre"


def copy_into_hub(src: OpenStore, owner_url: str) -> None:
    """The SQLCipher store's rows into an empty hub database (hexi-care hub import-store's copy)."""
    hub.import_store(src, owner_url, lambda table, n: print(f"  copied {table}: {n}", flush=True))
    engine = hub.make_hub_engine(owner_url, pool_size=1)
    try:
        hub.grant_app_role(engine, APP_ROLE)
    finally:
        engine.dispose()


def _sign_in(location: Location) -> OpenStore:
    """Eight people signing in at once are throttled as guesses would be (each attempt counts
    until it succeeds): wait as told, like the window and the command line do."""
    while True:
        try:
            return unlock(location, USER, PASSWORD)
        except AuthThrottled as exc:
            time.sleep(exc.wait_seconds + random.random() * 0.2)


def _client(
    location: Location,
    queries: list[str],
    ids: list[str],
    think: float,
    seed: int,
    start: Any,
    out: Any,
) -> None:
    store = _sign_in(location)
    rng = random.Random(seed)

    def pause() -> None:
        # A person reads the answer before the next request: `think` seconds on average (drawn
        # at random, so the eight do not fall into step); 0 sends the next one at once.
        if think > 0:
            time.sleep(rng.expovariate(1 / think))

    try:
        start.wait()
        search: list[float] = []
        files: list[float] = []
        refused = 0  # "store in use by another program": the user would have to try again
        for q in queries:
            pause()
            t = time.perf_counter()
            try:
                with UnitOfWork(store) as uow:
                    # What the children page runs for a search: the first page of matches and
                    # their number, counted in the same pass (children.search_children).
                    children.search_children(uow, query=q, limit=100)
            except (StoreLocked, OperationalError):
                refused += 1
                continue
            search.append((time.perf_counter() - t) * 1000)
        for cid in ids:
            pause()
            t = time.perf_counter()
            try:
                with UnitOfWork(store) as uow:
                    casefile.open_child_file(uow, cid)
            except (StoreLocked, OperationalError):
                refused += 1
                continue
            files.append((time.perf_counter() - t) * 1000)
        out.put((search, files, refused))
    finally:
        store.lock()


def concurrent_reads(
    location: Location, clients: int, label: str, think: float
) -> dict[str, float]:
    store = unlock(location, USER, PASSWORD)
    with UnitOfWork(store) as uow:
        sample = children.list_children(uow, limit=2000)
    store.lock()
    rng = random.Random(7)
    ctx = mp.get_context("spawn")
    start = ctx.Barrier(clients)
    out = ctx.Queue()
    procs = []
    for _ in range(clients):
        picks = rng.sample(sample, 20)
        queries = [c.name[:2] for c in picks] + [
            (c.id_number_masked or "0000")[-4:] for c in picks[:10]
        ]
        queries += ["zh", "wxm", "张", "王"]
        ids = [c.id for c in rng.sample(sample, 60)]
        p = ctx.Process(
            target=_client,
            args=(location, queries, ids, think, rng.randrange(1 << 30), start, out),
            daemon=True,
        )
        p.start()
        procs.append(p)
    load = os.getloadavg()[0]
    search: list[float] = []
    files: list[float] = []
    refused = 0
    for _ in procs:
        s, f, r = out.get(timeout=900)
        search += s
        files += f
        refused += r
    for p in procs:
        p.join()
    res = {"search_p95": pct(search, 95), "file_p95": pct(files, 95)}
    pace = f"{think * 1000:.0f} ms to read each answer" if think else "no pause: saturated"
    print(
        f"{label:10s} {clients} clients ({pace}): search p50 {pct(search, 50):6.1f} ms p95 "
        f"{res['search_p95']:6.1f} ms | child file p50 {pct(files, 50):6.1f} ms p95 "
        f"{res['file_p95']:6.1f} ms  (load {load:.1f}, {len(search)} searches, {len(files)} "
        f"files done, {refused} refused as 'store in use')",
        flush=True,
    )
    return res


def district_statistics(location: Location, label: str) -> float:
    from hexi_care.reports import builders

    store = unlock(location, USER, PASSWORD)
    try:
        today = date.today()
        best = math.inf
        for _ in range(3):
            load = os.getloadavg()[0]
            t = time.perf_counter()
            with UnitOfWork(store) as uow:
                data = builders.stats(
                    uow, "河西区", date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
                )
            took = time.perf_counter() - t
            best = min(best, took)
            print(
                f"{label:10s} district statistics {took:.2f} s (load {load:.1f}; "
                f"{data.total.visits} visits)",
                flush=True,
            )
        return best
    finally:
        store.lock()


def package_import(
    centre_at: Callable[[], OpenStore], folder: Path, label: str, visits: int
) -> float:
    """A laptop's package of `visits` visits imported at a fresh centre (file or hub)."""
    from hexi_care.sync import (
        accept_reply,
        enrol_device,
        export_package,
        import_package,
        make_request,
    )

    fast = KdfParams.fast()
    centre = centre_at()
    with UnitOfWork(centre) as uow:
        street = units.add_unit(uow, "柳林街", "河西区")
        community = units.add_unit(uow, "柳江里社区", street.id)
        users.add_user(uow, "centre", "centre_supervisor", "河西区", PASSWORD, kdf=fast)
    laptop = create_store(
        folder / f"laptop-{label}.hexi",
        admin_name="admin",
        admin_password=PASSWORD,
        district_code=None,
        kdf=fast,
        seed_reference=seed_reference,
    ).store
    make_request(laptop, folder / f"{label}.request", unit_ref="柳江里社区")
    enrol_device(
        centre, folder / f"{label}.request", folder / f"{label}.reply", unit_ref="柳江里社区"
    )
    accept_reply(laptop, folder / f"{label}.reply")
    with UnitOfWork(laptop) as uow:
        users.add_user(uow, "dir", "director", community.id, PASSWORD, kdf=fast)
    per_child = 12.5
    demo.generate(
        laptop, children=math.ceil(visits / per_child * 1.06), seed=7, visits_per_child=per_child
    )
    laptop.user = load_user(laptop, "dir")
    centre.user = load_user(centre, "centre")
    up = folder / f"up-{label}" / "package.hxp"
    up.parent.mkdir()
    res = export_package(laptop, centre.device_id, up)
    load = os.getloadavg()[0]
    t = time.perf_counter()
    got = import_package(centre, up)
    took = time.perf_counter() - t
    print(
        f"{label:10s} package import {took:.2f} s ({got.counts['visit'].new} visits, "
        f"{sum(res.counts.values())} records; load {load:.1f})",
        flush=True,
    )
    laptop.lock()
    centre.lock()
    return took


def main() -> None:
    ap = argparse.ArgumentParser()
    # Its own folder: opening the store with this program upgrades its schema (migration 0010),
    # which a store shared with other benchmarks must not undergo. Copy bench_store.py's there.
    ap.add_argument("--dir", default="/tmp/hexi-bench-hub-store")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument(
        "--think",
        type=float,
        nargs="+",
        default=[0.5, 0.0],
        help="seconds each client waits between requests, on average (0: none); one run each",
    )
    ap.add_argument("--visits", type=int, default=10_000)
    ap.add_argument("--skip", nargs="*", default=[], choices=["reads", "stats", "import"])
    args = ap.parse_args()
    path = build(Path(args.dir), 20_000, 25.0)
    from tests.pgcluster import running_cluster

    work = Path(tempfile.mkdtemp(prefix="hexi-bench-hub-"))
    durable = [
        "fsync = on",
        "full_page_writes = on",
        "shared_buffers = 256MB",
        "max_connections = 100",
    ]
    with running_cluster(durable) as cluster:
        cluster.psql(f"CREATE ROLE {APP_ROLE} LOGIN PASSWORD '{APP_PW}'")
        if {"reads", "stats"} - set(args.skip):
            cluster.create_database("bench")
            t = time.perf_counter()
            src = unlock(path, USER, PASSWORD)
            copy_into_hub(src, cluster.url("bench"))
            src.lock()
            print(f"copied the store into the hub in {time.perf_counter() - t:.0f} s", flush=True)
            # Measure a hub at work, not one still writing out the copy: the copy leaves some
            # 1 GB of WAL and dirty pages that a checkpoint would flush during the first figures
            # (on this machine's one disk, slowing every durable commit: each child file opened
            # writes its audit event).
            t = time.perf_counter()
            cluster.psql("CHECKPOINT")
            os.sync()
            print(f"checkpoint after the copy: {time.perf_counter() - t:.0f} s", flush=True)
            url = cluster.url("bench", APP_ROLE, APP_PW)
        if "reads" not in args.skip:
            for think in args.think:
                concurrent_reads(path, args.clients, "sqlcipher", think)
                concurrent_reads(url, args.clients, "hub", think)
        if "stats" not in args.skip:
            district_statistics(path, "sqlcipher")
            district_statistics(url, "hub")
        if "import" not in args.skip:
            fast = KdfParams.fast()

            def file_centre() -> OpenStore:
                return create_store(
                    work / "centre.hexi",
                    admin_name="admin",
                    admin_password=PASSWORD,
                    district_code=None,
                    kdf=fast,
                    seed_reference=seed_reference,
                ).store

            def hub_centre() -> OpenStore:
                cluster.create_database("importing")
                created = create_store(
                    cluster.url("importing"),
                    admin_name="admin",
                    admin_password=PASSWORD,
                    district_code=None,
                    kdf=fast,
                    seed_reference=seed_reference,
                ).store
                engine = created._require_open()
                hub.grant_app_role(engine, APP_ROLE)
                created.lock()
                return unlock(cluster.url("importing", APP_ROLE, APP_PW), "admin", PASSWORD)

            package_import(file_centre, work, "sqlcipher", args.visits)
            package_import(hub_centre, work, "hub", args.visits)
    print(
        "targets: search p95 <= 20 ms, child file p95 <= 50 ms (8 clients), package import of "
        "10,000 visits <= 5 s, district statistics <= 1 s"
    )


if __name__ == "__main__":
    main()
