"""kill -9 at random moments (issue 12, item 9): a child process does one kind of work on a real
store and is killed with SIGKILL at a random moment; then the store must open, pass SQLite's,
SQLCipher's and the audit chain's checks, and hold everything the child acknowledged (and, for
work done in one transaction, all of it or none).

Kinds: visit_save, draft_autosave, package_import, backup, restore, migration, rekey. The moment is
uniform over the work's own duration (measured first, unkilled). Stores use the tests' cheap key
derivation (tests/cheap_kdf.py), as the suite does; everything else is the program's own code.

Run: nice -n 19 .venv/bin/python bench/bench_kill9.py [--runs 100] [--kinds visit_save,rekey] [--seed 1]
Prints one line per kind: runs, killed mid-work, finished before the kill, failures (with reasons).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

KINDS = (
    "visit_save",
    "draft_autosave",
    "package_import",
    "backup",
    "restore",
    "migration",
    "rekey",
)
PW = "secret-pass-1"
ADMIN_PW = "admin-pass-1"
PACKAGE_VISITS = 1500


# -- the child process ------------------------------------------------------------------------------
def worker(kind: str, folder: Path, setup: dict[str, Any]) -> None:
    """Do the work, printing "ready" when it starts and "ack X" after each acknowledged step."""
    from tests import cheap_kdf

    cheap_kdf.install()
    from hexi_care.db import store as store_mod
    from hexi_care.db.store import unlock
    from hexi_care.domain.model import Visit
    from hexi_care.services import form_recovery, visits
    from hexi_care.services.context import UnitOfWork
    from tests.factories import submitted_visit

    path = folder / "store.hexi"

    def say(text: str) -> None:
        print(text, flush=True)

    if kind == "visit_save":
        store = unlock(path, "dir_a", PW)
        say("ready")
        i = 0
        while True:
            with UnitOfWork(store) as uow:
                v = visits.add_visit(
                    uow,
                    submitted_visit(
                        setup["child"], date(2024, 1, 1) + timedelta(days=i % 700), needs="x" * 300
                    ),
                )
            say(f"ack {v.id}")
            i += 1
    elif kind == "draft_autosave":
        store = unlock(path, "dir_a", PW)
        say("ready")
        i = 0
        while True:
            with UnitOfWork(store) as uow:
                form_recovery.save(
                    uow, "visit-new", "visit", {"n": i, "needs": "正在输入的内容" * (i % 50 + 1)}
                )
                if i % 5 == 4:  # and now and then the draft itself is saved
                    visits.save_draft(
                        uow, Visit(child_id=setup["child"], visit_date=date(2024, 6, 1))
                    )
            say(f"ack {i}")
            i += 1
    elif kind == "package_import":
        from hexi_care.sync import import_package

        store = unlock(path, "centre", PW)
        say("ready")
        import_package(store, folder / "package.hxp")
        say("done")
    elif kind == "backup":
        store = unlock(path, "dir_a", PW)
        say("ready")
        store.backup(folder / "out.hexibak")
        say("done")
    elif kind == "restore":
        say("ready")
        store_mod.restore(folder / "in.hexibak", path, "admin", ADMIN_PW)
        say("done")
    elif kind == "migration":
        say("ready")
        unlock(path, "dir_a", PW)
        say("done")
    elif kind == "rekey":
        store = unlock(path, "admin", ADMIN_PW)
        say("ready")
        store_mod.rekey(store)
        say("done")
    else:  # pragma: no cover - argument checked by the parent
        raise SystemExit(2)
    sys.stdout.flush()
    os._exit(0)


# -- the template stores ----------------------------------------------------------------------------
@dataclass
class Templates:
    folder: Path
    setup: dict[str, Any] = field(default_factory=dict)


def build_templates(folder: Path) -> Templates:
    from tests import cheap_kdf

    cheap_kdf.install()
    from alembic import command

    from hexi_care.db import migrate
    from hexi_care.db.engine import make_engine
    from tests.conftest import add_child, build_world
    from tests.factories import submitted_visit
    from tests.sync.exchange_helpers import build_template, new_child, open_net

    t = Templates(folder)
    # A community's store with a child and some visits.
    world = build_world(folder / "world" / "store.hexi")
    director = world.login("dir_a")
    child = add_child(director, world.community_a)
    assert child.id is not None
    t.setup["child"] = child.id
    from hexi_care.services import visits
    from hexi_care.services.context import UnitOfWork

    with UnitOfWork(director) as uow:
        for i in range(200):
            visits.add_visit(uow, submitted_visit(child.id, date(2023, 1, 1) + timedelta(days=i)))
    # A backup of it taken now, then more visits: restoring goes back to the backup.
    director.backup(folder / "world.hexibak")
    with UnitOfWork(director) as uow:
        for i in range(50):
            visits.add_visit(uow, submitted_visit(child.id, date(2025, 1, 1) + timedelta(days=i)))
    key = director.data_key
    world.close()
    # The same store at the first schema version (for the migration).
    mig = folder / "migration"
    copy_store(folder / "world", mig)
    engine = make_engine(mig / "store.hexi", key)
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        with conn.begin():
            command.downgrade(migrate.alembic_config(conn), "0001")
    engine.dispose()
    # A centre and a laptop; a package of PACKAGE_VISITS visits for the centre.
    tpl = build_template(folder / "net-template")
    net = open_net(tpl, folder / "net")
    kid = new_child(net.la, net.community_a)
    with UnitOfWork(net.la) as uow:
        for i in range(PACKAGE_VISITS):
            visits.add_visit(
                uow, submitted_visit(kid, date(2020, 1, 1) + timedelta(days=i), needs="y" * 200)
            )
    (package,) = net.export("la", "centre")
    net.close()
    centre = folder / "centre"
    centre.mkdir()
    for suffix in ("", ".keys"):
        shutil.copyfile(f"{net.folder / 'centre.hexi'}{suffix}", f"{centre / 'store.hexi'}{suffix}")
    shutil.copyfile(package, centre / "package.hxp")
    return t


def copy_store(src: Path, dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    for p in src.iterdir():
        if p.is_file():
            shutil.copyfile(p, dst / p.name)


def fresh_run(t: Templates, kind: str, run_dir: Path) -> None:
    if run_dir.exists():
        shutil.rmtree(run_dir)
    if kind == "package_import":
        copy_store(t.folder / "centre", run_dir)
    elif kind == "migration":
        copy_store(t.folder / "migration", run_dir)
    else:
        copy_store(t.folder / "world", run_dir)
        if kind == "restore":
            shutil.copyfile(t.folder / "world.hexibak", run_dir / "in.hexibak")


# -- checking what the kill left --------------------------------------------------------------------
def check(kind: str, run_dir: Path, acks: list[str], done: bool, t: Templates) -> str | None:
    """None if the store is sound and holds what was acknowledged, else what is wrong."""
    from sqlalchemy import func, select

    from hexi_care.db import audit, migrate
    from hexi_care.db import models as m
    from hexi_care.db.store import read_backup, unlock
    from hexi_care.errors import HexiError
    from hexi_care.services import form_recovery
    from hexi_care.services.context import UnitOfWork

    path = run_dir / "store.hexi"
    user, password = ("centre", PW) if kind == "package_import" else ("dir_a", PW)
    try:
        store = unlock(path, user, password)
    except HexiError as exc:
        return f"does not open: {exc.key}"
    try:
        problems = store.check()
        if problems:
            return "check: " + "; ".join(problems)[:200]
        with store.system_session() as s:
            chain = audit.verify(s, store.mac_key)
            if not chain.ok:
                return "audit chain broken"
            visits = int(s.scalar(select(func.count()).select_from(m.Visit)) or 0)
            ids = set(s.scalars(select(m.Visit.id)))
        if migrate.current_revision(store.engine) != migrate.head_revision():  # type: ignore[arg-type]
            return "not at the current schema"
        if kind == "visit_save":
            lost = [a for a in acks if a not in ids]
            if lost:
                return f"{len(lost)} acknowledged visit(s) lost"
        elif kind == "draft_autosave":
            with UnitOfWork(store) as uow:
                snaps = form_recovery.pending(uow)
            if acks:
                if not snaps:
                    return "the form's snapshot is gone"
                n = int(snaps[-1].data["n"])
                if n < int(acks[-1]):
                    return f"snapshot {n} older than acknowledged {acks[-1]}"
        elif kind == "package_import":
            before = t.setup["centre_visits"]
            if visits not in (before, before + PACKAGE_VISITS):
                return f"half an import: {visits - before} of {PACKAGE_VISITS} visits"
            if done and visits != before + PACKAGE_VISITS:
                return "acknowledged import missing"
        elif kind == "backup":
            out = run_dir / "out.hexibak"
            if done and not out.exists():
                return "acknowledged backup missing"
            if out.exists():
                read_backup(out)
        elif kind == "restore":
            if visits not in (200, 250):
                return f"neither the old store nor the backup: {visits} visits"
            if done and visits != 200:
                return "acknowledged restore missing"
        elif kind in ("migration", "rekey") and visits != 250:
            return f"{visits} visits instead of 250"
        return None
    except HexiError as exc:
        return f"{type(exc).__name__}: {exc.key}"
    finally:
        store.lock()


def centre_visits(t: Templates) -> int:
    from sqlalchemy import func, select

    from hexi_care.db import models as m
    from hexi_care.db.store import unlock

    store = unlock(t.folder / "centre" / "store.hexi", "centre", PW)
    with store.system_session() as s:
        n = int(s.scalar(select(func.count()).select_from(m.Visit)) or 0)
    store.lock()
    return n


# -- the parent -------------------------------------------------------------------------------------
@dataclass
class Tally:
    runs: int = 0
    killed: int = 0
    finished: int = 0
    acks: int = 0
    failures: Counter[str] = field(default_factory=Counter)


class Forked:
    """The worker as a forked child of this process: it starts with every module already loaded
    (a fresh interpreter would spend seconds importing before each kill), and dies by SIGKILL all
    the same."""

    def __init__(self, kind: str, run_dir: Path, setup: dict[str, Any]) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(read_end)
            os.dup2(write_end, 1)
            try:
                sys.stdout = os.fdopen(1, "w", buffering=1)
                worker(kind, run_dir, setup)
            except BaseException:
                import traceback

                traceback.print_exc()
                os._exit(3)
            os._exit(0)
        os.close(write_end)
        self.pid = pid
        self.stdout = os.fdopen(read_end, "r")
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)

    def wait(self) -> int:
        if self.returncode is None:
            _, status = os.waitpid(self.pid, 0)
            self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode


def preload() -> None:
    """Load what the workers use, once, before the first fork."""
    from tests import cheap_kdf

    cheap_kdf.install()
    import hexi_care.db.store
    import hexi_care.services.form_recovery
    import hexi_care.services.visits
    import hexi_care.sync  # noqa: F401
    import tests.factories  # noqa: F401


def one_run(
    kind: str, t: Templates, run_dir: Path, delay: float | None
) -> tuple[bool, bool, list[str], float]:
    """Run the worker; kill it `delay` seconds after it is ready (None: let it finish).
    Returns (killed, finished, acks, seconds from ready to the end)."""
    fresh_run(t, kind, run_dir)
    proc = Forked(kind, run_dir, t.setup)
    line = proc.stdout.readline().strip()
    if line != "ready":
        proc.wait()
        raise RuntimeError(f"{kind}: worker did not start ({line!r})")
    began = time.monotonic()
    killed = False
    if delay is not None:
        # Wait for the moment (acknowledgements pile up in the pipe), then kill.
        deadline = began + delay
        while proc.poll() is None:
            left = deadline - time.monotonic()
            if left <= 0:
                proc.kill()
                killed = True
                break
            time.sleep(min(left, 0.002))
    text = proc.stdout.read()
    proc.stdout.close()
    code = proc.wait()
    elapsed = time.monotonic() - began
    acks = [ln[4:] for ln in text.splitlines() if ln.startswith("ack ")]
    finished = "done" in text.splitlines()
    if not killed and not finished and code != 0:
        raise RuntimeError(f"{kind}: worker failed (exit {code}): {text[-2000:]}")
    return killed, finished, acks, elapsed


def measure(kind: str, t: Templates, run_dir: Path) -> float:
    """How long the work takes unkilled (the loops: a fixed window of two seconds)."""
    if kind in ("visit_save", "draft_autosave"):
        return 2.0
    _, finished, _, elapsed = one_run(kind, t, run_dir, None)
    assert finished, kind
    return elapsed


def run_kind(kind: str, runs: int, t: Templates, work: Path, rng: random.Random) -> Tally:
    tally = Tally()
    span = measure(kind, t, work / f"{kind}-measure")
    for i in range(runs):
        run_dir = work / f"{kind}-run"
        delay = rng.uniform(0, span * 1.1)
        killed, finished, acks, _ = one_run(kind, t, run_dir, delay)
        problem = check(kind, run_dir, acks, finished, t)
        tally.runs += 1
        tally.killed += killed
        tally.finished += finished
        tally.acks += len(acks)
        if problem is not None:
            tally.failures[problem] += 1
            keep = work / f"{kind}-failed-{i}"
            if not keep.exists():
                shutil.copytree(run_dir, keep)
    tally_span[kind] = span
    return tally


tally_span: dict[str, float] = {}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", type=Path)
    ap.add_argument("--worker", choices=KINDS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.dir, json.loads(sys.stdin.read() or "{}"))
        return
    kinds = [k for k in args.kinds.split(",") if k]
    unknown = set(kinds) - set(KINDS)
    if unknown:
        ap.error(f"unknown kinds: {', '.join(sorted(unknown))}")
    work = args.dir or Path(tempfile.mkdtemp(prefix="hexi-kill9-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"building template stores in {work} …", flush=True)
    t = build_templates(work / "templates")
    t.setup["centre_visits"] = centre_visits(t)
    preload()
    print(f"load average before: {os.getloadavg()[0]:.2f} (cores: {os.cpu_count()})", flush=True)
    rng = random.Random(args.seed)
    total_failures = 0
    for kind in kinds:
        began = time.monotonic()
        tally = run_kind(kind, args.runs, t, work, rng)
        total_failures += sum(tally.failures.values())
        print(
            f"{kind:15} runs {tally.runs:4}  killed mid-work {tally.killed:4}  "
            f"finished first {tally.runs - tally.killed:4}  failures "
            f"{sum(tally.failures.values()):3}  acknowledged steps checked {tally.acks:6}  "
            f"(work {tally_span[kind]:.2f} s, "
            f"{time.monotonic() - began:.0f} s)",
            flush=True,
        )
        for problem, n in tally.failures.most_common():
            print(f"    {n} × {problem}", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}", flush=True)
    if args.dir is None and not total_failures:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if total_failures else 0)


if __name__ == "__main__":
    main()
