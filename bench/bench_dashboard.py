"""Benchmark of the 看板 figures (issue 10): children by category and street, visits per month,
overdue by community, risk levels, open reports and the current campaign's coverage, for the
centre over the store that bench/bench_store.py builds (20,000 children, ~490,000 visits), with
a winter campaign under way whose visits are tagged. Target ≤ 1 s.
Each line gives wall-clock and CPU time and the load average when it started (the machine is
shared: compare CPU time between runs).
Run: .venv/bin/python bench/bench_dashboard.py [--dir /tmp/hexi-bench-store]
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date, timedelta
from pathlib import Path

from bench_store import PASSWORD, build
from sqlalchemy import select, update

from hexi_care.db import models as m
from hexi_care.db.store import unlock
from hexi_care.domain.enums import CampaignKind
from hexi_care.domain.model import Campaign
from hexi_care.services import campaigns, overview
from hexi_care.services.context import UnitOfWork

CAMPAIGN = "基准测试寒假关爱走访"


def _campaign(store: object) -> None:
    """A campaign under way today; every third visit since it started carries its name."""
    today = date.today()
    with UnitOfWork(store) as uow:  # type: ignore[arg-type]
        if any(c.name == CAMPAIGN for c in campaigns.campaigns(uow)):
            return
        c = campaigns.add_campaign(
            uow,
            Campaign(
                name=CAMPAIGN,
                unit_id="河西区",
                kind=CampaignKind.WINTER,
                starts_on=today - timedelta(days=60),
                ends_on=today + timedelta(days=60),
            ),
        )
    with store.system_session() as s:  # type: ignore[attr-defined]
        ids = list(s.scalars(select(m.Visit.id).where(m.Visit.visit_date >= c.starts_on)))
        s.execute(update(m.Visit).where(m.Visit.id.in_(ids[::3])).values(campaign=CAMPAIGN))
        s.commit()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default="/tmp/hexi-bench-store")
    args = ap.parse_args()
    path = build(Path(args.dir), 20_000, 25.0)
    store = unlock(path, "centre", PASSWORD)
    try:
        _campaign(store)
        for run in ("cold", "warm", "warm", "warm"):
            load = os.getloadavg()[0]
            t0, c0 = time.perf_counter(), time.process_time()
            with UnitOfWork(store) as uow:
                ov = overview.overview(uow)
            t1, c1 = time.perf_counter(), time.process_time()
            p = ov.campaign
            print(
                f"{run}: {t1 - t0:.2f} s (CPU {c1 - c0:.2f} s, load {load:.1f}); "
                f"{ov.children_total} children, {sum(b.value for b in ov.visits_by_month)} visits "
                f"in 12 months, {sum(b.value for b in ov.overdue_by_community)} overdue, "
                f"campaign {p.reached if p else 0}/{p.goal if p else 0}"
            )
        print("target: dashboard over 20,000 children and ~490,000 visits <= 1 s")
    finally:
        store.lock()


if __name__ == "__main__":
    main()
