"""Moving a centre's store file into the hub: every row, the audit chain, the identity and the
passwords come along, and the counts are checked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hexi_care.db import audit, hub
from hexi_care.db import models as m
from hexi_care.db.store import unlock
from hexi_care.errors import StoreExists
from hexi_care.services import children, visits
from hexi_care.services.context import UnitOfWork
from tests.conftest import APP_PW, APP_ROLE, PW, add_child, build_world, fixed_clock, grant_hub
from tests.factories import submitted_visit
from tests.pgcluster import Cluster


def _count(store: object, model: type) -> int:
    with store.system_session() as s:  # type: ignore[attr-defined]
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_a_centre_store_moves_into_the_hub_with_its_audit_chain(
    pg_cluster: Cluster, tmp_path: Path
) -> None:
    world = build_world(tmp_path / "centre.hexi")
    centre = world.login("centre")
    kids = [
        add_child(centre, world.community_a, "张小明"),
        add_child(centre, world.community_b, "李𠮷"),
    ]
    with UnitOfWork(centre) as uow:
        for kid in kids:
            visits.add_visit(uow, submitted_visit(kid.id or "", date(2026, 11, 18)))
    with UnitOfWork(centre) as uow:
        before = [c.id for c in children.list_children(uow, limit=50)]
        head = audit.head(uow.session)
    pg_cluster.create_database("moved")
    counts = hub.import_store(centre, pg_cluster.url("moved"))
    assert counts["child"] == 2 and counts["visit"] == 2 and counts["audit_event"] == head.seq
    with pytest.raises(StoreExists):
        hub.import_store(centre, pg_cluster.url("moved"))  # never over a store
    # Vacuumed and analysed, so the first readers neither plan blind nor set hint bits.
    unvacuumed = pg_cluster.psql(
        "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NULL "
        "OR last_analyze IS NULL ORDER BY relname",
        db="moved",
    ).split()
    assert unvacuumed == []
    world.close()
    grant_hub(pg_cluster, "moved")

    url = pg_cluster.url("moved", APP_ROLE, APP_PW)
    moved = unlock(url, "centre", PW, clock=fixed_clock)  # the password it had
    try:
        assert moved.store_id == world.admin.store_id and moved.device_id == world.admin.device_id
        with UnitOfWork(moved) as uow:
            assert [c.id for c in children.list_children(uow, limit=50)] == before
            checked = audit.verify(uow.session, moved.mac_key)
        assert checked.ok and checked.events == head.seq
        assert _count(moved, m.AuditEvent) == head.seq
        assert moved.check() == []
    finally:
        moved.lock()
    director = unlock(url, "dir_a", PW, clock=fixed_clock)
    try:
        with UnitOfWork(director) as uow:
            assert [c.name for c in children.list_children(uow, limit=50)] == ["张小明"]
    finally:
        director.lock()
