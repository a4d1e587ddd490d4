"""A simulated year of a district (issue 12, item 12): the centre and N directors' laptops (149 in
Hexi) exchange packages every week for W weeks, seeded. Each week directors visit and edit their
children's files, the centre edits some of the same fields (same-field edits become conflicts),
supervisors resolve what is open, packages get lost, duplicated or delivered a week late, and now
and then a laptop breaks down and is restored from its backup of a few weeks before.

At the end, after a few clean rounds: every laptop holds exactly what the centre holds for its
community; every visit ever delivered to the centre, or still on its laptop, is everywhere, none
twice; every conflict appeared once and was resolved; no duplicate was imported twice.

Run: nice -n 19 .venv/bin/python bench/bench_district_year.py [--laptops 149] [--weeks 52] [--seed 1]
Prints the run's size (stores, packages, visits, edits, conflicts, restores, lost/duplicated/late
packages), the time, and exits 1 on any disagreement.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PW = "secret-pass-1"
ADMIN_PW = "admin-pass-1"
FIELDS = ("phone", "school", "address")
# Children's names (the names rule takes Chinese characters, no digits).
_NAMES = ("张小明", "李小红", "王小刚", "刘一", "陈欣怡", "杨浩然", "赵子涵", "黄雨桐")


@dataclass
class Laptop:
    name: str
    community: str
    path: Path
    children: list[str] = field(default_factory=list)
    backups: list[tuple[int, Path]] = field(default_factory=list)
    store: object = None  # OpenStore
    delivered: set[str] = field(default_factory=set)  # visit ids the centre has imported


@dataclass
class Figures:
    packages: int = 0
    lost: int = 0
    duplicated: int = 0
    late: int = 0
    restores: int = 0
    visits: int = 0
    edits: int = 0
    centre_edits: int = 0
    conflicts_seen: Counter[str] = field(default_factory=Counter)
    resolved: int = 0
    lost_by_restore: int = 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--laptops", type=int, default=149)
    ap.add_argument("--weeks", type=int, default=52)
    ap.add_argument("--children", type=int, default=4, help="children per community")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", type=Path)
    ap.add_argument("--restore-rate", type=float, default=0.004, help="per laptop and week")
    ap.add_argument("--centre-edit-rate", type=float, default=0.1, help="per community and week")
    args = ap.parse_args()
    problems = simulate(
        args.laptops,
        args.weeks,
        args.children,
        args.seed,
        args.dir,
        restore_rate=args.restore_rate,
        centre_edit_rate=args.centre_edit_rate,
    )
    sys.exit(1 if problems else 0)


def simulate(
    n_laptops: int,
    weeks: int,
    per_community: int,
    seed: int,
    folder: Path | None = None,
    *,
    restore_rate: float = 0.004,
    centre_edit_rate: float = 0.1,
) -> list[str]:
    from tests import cheap_kdf

    cheap_kdf.install()
    from hexi_care.db import store as store_mod
    from hexi_care.db.keys import KdfParams
    from hexi_care.db.store import create_store, unlock
    from hexi_care.errors import BadPackage, NotFound
    from hexi_care.services import children, units, users, visits
    from hexi_care.services.context import UnitOfWork
    from hexi_care.services.reference import seed_reference
    from hexi_care.sync import (
        accept_reply,
        enrol_device,
        export_package,
        import_package,
        list_conflicts,
        make_card,
        make_request,
        resolve_conflict,
    )
    from tests.factories import submitted_visit
    from tests.sync.exchange_helpers import holdings, new_child

    rng = random.Random(seed)
    work = folder or Path(tempfile.mkdtemp(prefix="hexi-year-"))
    work.mkdir(parents=True, exist_ok=True)
    fig = Figures()
    began = time.monotonic()
    load_before = os.getloadavg()[0]
    kdf = KdfParams.fast()

    # -- the district: a centre, streets, one community and one laptop each ---------------------
    centre = create_store(
        work / "centre.hexi",
        admin_name="admin",
        admin_password=ADMIN_PW,
        kdf=kdf,
        seed_reference=seed_reference,
    ).store
    laptops: list[Laptop] = []
    with UnitOfWork(centre) as uow:
        users.add_user(uow, "centre", "centre_supervisor", "河西区", PW, kdf=kdf)
        from hexi_care.domain.enums import UnitKind

        streets = [u.name for u in units.list_units(uow) if u.kind == UnitKind.STREET]
        for i in range(n_laptops):
            unit = units.add_unit(uow, f"第{i + 1}社区", streets[i % len(streets)])
            laptops.append(Laptop(f"l{i}", unit.id, work / f"l{i}.hexi"))
    card = make_card(centre, work / "centre.card")
    for lap in laptops:
        s = create_store(
            lap.path,
            admin_name="admin",
            admin_password=ADMIN_PW,
            kdf=kdf,
            seed_reference=seed_reference,
        ).store
        req, rep = work / f"{lap.name}.request", work / f"{lap.name}.reply"
        make_request(
            s,
            req,
            unit_ref=f"第{int(lap.name[1:]) + 1}社区",
            card=card.file,
            card_fingerprint=card.fingerprint,
        )
        enrol_device(centre, req, rep)
        accept_reply(s, rep)
        with UnitOfWork(s) as uow:
            users.add_user(uow, "dir", "director", lap.community, PW, kdf=kdf)
        s.lock()
        lap.store = unlock(lap.path, "dir", PW)
        for k in range(per_community):
            lap.children.append(new_child(lap.store, lap.community, name=_NAMES[k % len(_NAMES)]))  # type: ignore[arg-type]
    centre.lock()
    centre = unlock(work / "centre.hexi", "centre", PW)
    setup_seconds = time.monotonic() - began

    pkg_counter = [0]

    def export(src: object, dst: object) -> Path:
        pkg_counter[0] += 1
        out = work / "packages" / f"{pkg_counter[0]:06d}.hxp"
        out.parent.mkdir(parents=True, exist_ok=True)
        res = export_package(src, dst.device_id, out)  # type: ignore[arg-type,attr-defined]
        fig.packages += 1
        return res.files[0]

    def deliver(dst: object, path: Path, lap: Laptop | None) -> None:
        try:
            res = import_package(dst, path)  # type: ignore[arg-type]
        except BadPackage as exc:
            if exc.params.get("reason") != "replayed":
                raise
            return
        for cid in res.conflicts:
            fig.conflicts_seen[cid] += 0  # counted once below, when first listed
        path.unlink(missing_ok=True)
        if lap is not None:  # arrived at the centre: these visits are safe now
            with dst.system_session() as s:  # type: ignore[attr-defined]
                from sqlalchemy import select

                from hexi_care.db import models as m

                lap.delivered.update(
                    s.scalars(select(m.Visit.id).where(m.Visit.community_id == lap.community))
                )

    def edit(store: object, child_id: str, field_name: str, value: str) -> bool:
        try:
            with UnitOfWork(store) as uow:  # type: ignore[arg-type]
                c = children.get_child(uow, child_id)
                children.update_child(uow, replace(c, **{field_name: value}))
        except NotFound:  # the centre has not received this child yet
            return False
        return True

    held: list[tuple[int, Laptop, bool, Path]] = []  # (week due, laptop, going up, package)
    seen_conflicts: set[str] = set()

    def week_of_exchange(w: int, faults: bool) -> None:
        for lap in laptops:
            for src, dst, up in ((lap.store, centre, True), (centre, lap.store, False)):
                path = export(src, dst)
                r = rng.random() if faults else 1.0
                target = lap if up else None
                if r < 0.04:
                    fig.lost += 1
                    path.unlink(missing_ok=True)
                    continue
                if r < 0.08:
                    fig.late += 1
                    copy = path.with_suffix(".late")
                    shutil.copyfile(path, copy)
                    path.unlink()
                    held.append((w + 1, lap, up, copy))
                    continue
                if r < 0.11:
                    fig.duplicated += 1
                    copy = path.with_suffix(".dup")
                    shutil.copyfile(path, copy)
                    deliver(dst, path, target)
                    deliver(dst, copy, target)  # refused as replayed, nothing changes
                    continue
                deliver(dst, path, target)
        for item in [h for h in held if h[0] <= w]:
            held.remove(item)
            _, late_lap, up, path = item
            # The laptop's store of today (it may have been restored since).
            deliver(centre if up else late_lap.store, path, late_lap if up else None)
        for c in list_conflicts(centre, include_resolved=True):
            if c.id not in seen_conflicts:
                seen_conflicts.add(c.id)
                fig.conflicts_seen[c.id] += 1

    # The simulated weeks end before today: a visit may not be dated in the future. (A Monday.)
    day0 = date.today() - timedelta(weeks=weeks + 1)
    day0 -= timedelta(days=day0.weekday())
    for w in range(weeks):
        today = day0 + timedelta(weeks=w)
        for lap in laptops:
            # Directors' work of the week.
            for _ in range(rng.randint(0, 2)):
                with UnitOfWork(lap.store) as uow:  # type: ignore[arg-type]
                    visits.add_visit(
                        uow,
                        submitted_visit(
                            rng.choice(lap.children), today + timedelta(days=rng.randint(0, 4))
                        ),
                    )
                fig.visits += 1
            if rng.random() < 0.3:
                value = f"主任{w}-{rng.randint(0, 9)}"
                if edit(lap.store, rng.choice(lap.children), rng.choice(FIELDS), value):
                    fig.edits += 1
            if rng.random() < centre_edit_rate:
                value = f"中心{w}-{rng.randint(0, 9)}"
                if edit(centre, rng.choice(lap.children), rng.choice(FIELDS), value):
                    fig.centre_edits += 1
            if w % 4 == 0:
                out = work / "backups" / f"{lap.name}-w{w}.hexibak"
                out.parent.mkdir(exist_ok=True)
                lap.store.backup(out)  # type: ignore[attr-defined]
                lap.backups.append((w, out))
            if w > 4 and rng.random() < restore_rate and lap.backups:
                # The laptop breaks down: its director restores the backup of a few weeks ago.
                _, backup = lap.backups[-1]
                with UnitOfWork(lap.store, system=True) as uow:  # type: ignore[arg-type]
                    from sqlalchemy import select

                    from hexi_care.db import models as m

                    local = set(uow.session.scalars(select(m.Visit.id)))
                lap.store.lock()  # type: ignore[attr-defined]
                store_mod.restore(backup, lap.path, "admin", ADMIN_PW)
                lap.store = unlock(lap.path, "dir", PW)
                fig.lost_by_restore += len(local - lap.delivered - _visit_ids(lap.store))
                fig.restores += 1
        week_of_exchange(w, faults=True)
        # Supervisors resolve what is open now and then.
        for c in list_conflicts(centre):
            if rng.random() < 0.5:
                try:
                    resolve_conflict(centre, c.id, rng.choice(("mine", "theirs")))
                    fig.resolved += 1
                except Exception as exc:  # a conflict changed under us: look again next week
                    if getattr(exc, "key", "") not in ("exchange.conflict_changed",):
                        raise
        if (w + 1) % 4 == 0:
            print(
                f"week {w + 1}: {fig.packages} packages, {fig.visits} visits, "
                f"{len(seen_conflicts)} conflicts, {time.monotonic() - began:.0f} s",
                flush=True,
            )

    # -- the end: resolve everything, settle without faults, compare --------------------------
    for _ in range(3):
        for c in list_conflicts(centre):
            try:
                resolve_conflict(centre, c.id, "theirs")
                fig.resolved += 1
            except Exception as exc:
                if getattr(exc, "key", "") != "exchange.conflict_changed":
                    raise
        week_of_exchange(weeks + 10, faults=False)
    problems: list[str] = []
    if list_conflicts(centre):
        problems.append(f"{len(list_conflicts(centre))} conflicts still open")
    doubled = [cid for cid, n in fig.conflicts_seen.items() if n != 1]
    if doubled:
        problems.append(f"{len(doubled)} conflicts counted more than once")
    centre_visits = _visit_ids(centre)
    for lap in laptops:
        mine = holdings(lap.store, {lap.community})  # type: ignore[arg-type]
        theirs = holdings(centre, {lap.community})
        if mine != theirs:
            diff = {k for k in mine if mine[k] != theirs.get(k)}
            problems.append(f"{lap.name} differs from the centre in {sorted(diff)}")
        missing = lap.delivered - centre_visits
        if missing:
            problems.append(f"{lap.name}: {len(missing)} delivered visits missing at the centre")
        lap.store.lock()  # type: ignore[attr-defined]
    centre.lock()
    seconds = time.monotonic() - began
    print(
        f"district year: {n_laptops} laptops + centre, {weeks} weeks, seed {seed}: "
        f"{fig.packages} packages ({fig.lost} lost, {fig.duplicated} duplicated, {fig.late} late), "
        f"{fig.visits} visits, {fig.edits} director edits, {fig.centre_edits} centre edits, "
        f"{len(seen_conflicts)} conflicts ({fig.resolved} resolutions), {fig.restores} restores "
        f"({fig.lost_by_restore} undelivered visits lost with the broken laptops), "
        f"{len(centre_visits)} visits at the centre; setup {setup_seconds:.0f} s, "
        f"total {seconds:.0f} s; load {load_before:.1f} → {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores",
        flush=True,
    )
    for p in problems:
        print("PROBLEM:", p, flush=True)
    if folder is None and not problems:
        shutil.rmtree(work, ignore_errors=True)
    return problems


def _visit_ids(store: object) -> set[str]:
    from sqlalchemy import select

    from hexi_care.db import models as m

    with store.system_session() as s:  # type: ignore[attr-defined]
        return set(s.scalars(select(m.Visit.id)))


if __name__ == "__main__":
    main()
