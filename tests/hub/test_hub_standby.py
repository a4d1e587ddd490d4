"""Primary + hot standby with synchronous commit: the program connects with a multi-host URL and
target_session_attrs=read-write; the primary is stopped hard, the standby promoted, and the
program reconnects by itself with every acknowledged write there."""

from __future__ import annotations

import time
from datetime import date

from sqlalchemy import func, select

from hexi_care.db import models as m
from hexi_care.db.keys import KdfParams
from hexi_care.db.store import create_store, unlock
from hexi_care.services import units, users, visits
from hexi_care.services.context import UnitOfWork
from hexi_care.services.reference import seed_reference
from tests.conftest import ADMIN_PW, APP_PW, APP_ROLE, PW, add_child, grant_hub
from tests.factories import submitted_visit
from tests.pgcluster import running_cluster, standby_of

REPLICATION = [
    "wal_level = replica",
    "max_wal_senders = 4",
    "synchronous_commit = on",
    "fsync = on",  # what is acknowledged must survive the hard stop
]


def _visits(store: object) -> int:
    with store.system_session() as s:  # type: ignore[attr-defined]
        return int(s.scalar(select(func.count()).select_from(m.Visit)) or 0)


def test_the_standby_takes_over_and_no_acknowledged_write_is_lost() -> None:
    with running_cluster(REPLICATION) as primary:
        primary.psql(f"CREATE ROLE {APP_ROLE} LOGIN PASSWORD '{APP_PW}'")
        primary.create_database("hexi")
        kdf = KdfParams.fast()
        admin = create_store(
            primary.url("hexi"),
            admin_name="admin",
            admin_password=ADMIN_PW,
            kdf=kdf,
            seed_reference=seed_reference,
        ).store
        with UnitOfWork(admin) as uow:
            community = units.add_unit(uow, "紫金里社区", "大营门街")
            users.add_user(uow, "centre", "centre_supervisor", "河西区", PW, kdf=kdf)
        admin.lock()
        grant_hub(primary, "hexi")
        with standby_of(primary) as standby:
            # Named only now: with it set and no standby yet, every commit would wait.
            primary.psql("ALTER SYSTEM SET synchronous_standby_names = 'standby1'")
            primary.psql("SELECT pg_reload_conf()")
            deadline = time.monotonic() + 30
            while primary.psql("SELECT sync_state FROM pg_stat_replication").strip() != "sync":
                assert time.monotonic() < deadline, "the standby never became synchronous"
                time.sleep(0.2)
            url = (
                f"postgresql://{APP_ROLE}:{APP_PW}@/hexi?host=127.0.0.1:{primary.port}"
                f"&host=127.0.0.1:{standby.port}&target_session_attrs=read-write"
                "&connect_timeout=3"
            )
            store = unlock(url, "centre", PW)
            try:
                acknowledged = 0
                for day in range(1, 6):
                    kid = add_child(store, community.id, "张小" + "一二三四五"[day - 1])
                    with UnitOfWork(store) as uow:
                        visits.add_visit(uow, submitted_visit(kid.id or "", date(2026, 11, day)))
                    acknowledged += 1  # the commit returned: the standby has it too
                primary.stop("immediate")
                standby._cmd(
                    str(standby.bindir / "pg_ctl"), "-D", str(standby.data), "-w", "promote"
                )
                deadline = time.monotonic() + 30
                while standby.psql("SELECT pg_is_in_recovery()").strip() != "f":
                    assert time.monotonic() < deadline
                    time.sleep(0.2)
                # The same open store: its pool finds the dead connections and the URL's host list
                # leads to the one that now takes writes.
                assert _visits(store) == acknowledged
                kid = add_child(store, community.id, "张小六")
                with UnitOfWork(store) as uow:
                    visits.add_visit(uow, submitted_visit(kid.id or "", date(2026, 11, 6)))
                assert _visits(store) == acknowledged + 1
                assert standby.psql("SELECT count(*) FROM visit", db="hexi").strip() == str(
                    acknowledged + 1
                )
            finally:
                store.lock()


def test_a_hub_that_goes_away_is_a_problem_the_user_is_told_of() -> None:
    import pytest

    from hexi_care.errors import StoreProblem
    from hexi_care.services import children

    with running_cluster() as server:
        server.psql(f"CREATE ROLE {APP_ROLE} LOGIN PASSWORD '{APP_PW}'")
        server.create_database("hexi")
        created = create_store(
            server.url("hexi"),
            admin_name="admin",
            admin_password=ADMIN_PW,
            kdf=KdfParams.fast(),
            seed_reference=seed_reference,
        ).store
        with UnitOfWork(created) as uow:
            users.add_user(uow, "centre", "centre_supervisor", "河西区", PW, kdf=KdfParams.fast())
        created.lock()
        grant_hub(server, "hexi")
        store = unlock(server.url("hexi", APP_ROLE, APP_PW) + "?connect_timeout=2", "centre", PW)
        try:
            server.stop("immediate")
            with pytest.raises(StoreProblem) as gone, UnitOfWork(store) as uow:
                children.list_children(uow)
            assert gone.value.key == "hub_unreachable"
            assert "连接不上中心数据库" in gone.value.message("zh")
        finally:
            store.lock()
