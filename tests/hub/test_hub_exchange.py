"""The hub as the centre's exchange peer: laptops enrol with it and send packages exactly as to a
centre laptop, and packages from many laptops import at once without deadlock or double
application."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hexi_care.db import models as m
from hexi_care.db.keys import KdfParams
from hexi_care.db.store import OpenStore, create_store, unlock
from hexi_care.errors import BadPackage
from hexi_care.services import units, users
from hexi_care.services.context import UnitOfWork
from hexi_care.services.reference import seed_reference
from hexi_care.sync import (
    accept_reply,
    enrol_device,
    export_package,
    import_package,
    make_card,
    make_request,
)
from tests.conftest import ADMIN_PW, APP_PW, APP_ROLE, PW, grant_hub
from tests.pgcluster import Cluster
from tests.sync.exchange_helpers import new_child, submit_visit


@dataclass
class HubNet:
    hub: OpenStore
    laptops: dict[str, OpenStore]
    folder: Path

    def close(self) -> None:
        for s in [self.hub, *self.laptops.values()]:
            s.lock()


@pytest.fixture
def hubnet(pg_cluster: Cluster, tmp_path: Path) -> Iterator[HubNet]:
    db = f"x{abs(hash(tmp_path)) % 10**8}"
    pg_cluster.create_database(db)
    kdf = KdfParams.fast()
    created = create_store(
        pg_cluster.url(db),
        admin_name="admin",
        admin_password=ADMIN_PW,
        kdf=kdf,
        seed_reference=seed_reference,
    ).store
    with UnitOfWork(created) as uow:
        a = units.add_unit(uow, "紫金里社区", "大营门街")
        b = units.add_unit(uow, "平江里社区", "马场街")
        users.add_user(uow, "centre", "centre_supervisor", "河西区", PW, kdf=kdf)
    created.lock()
    grant_hub(pg_cluster, db)
    url = pg_cluster.url(db, APP_ROLE, APP_PW)
    hub = unlock(url, "centre", PW)
    card = make_card(hub, tmp_path / "hub.card")
    laptops: dict[str, OpenStore] = {}
    for name, community, director in (("la", a, "dir_a"), ("lb", b, "dir_b")):
        lap = create_store(
            tmp_path / f"{name}.hexi",
            admin_name="admin",
            admin_password=ADMIN_PW,
            kdf=kdf,
            seed_reference=seed_reference,
        ).store
        make_request(
            lap,
            tmp_path / f"{name}.request",
            unit_ref=community.name,
            card=card.file,
            card_fingerprint=card.fingerprint,
        )
        enrol_device(hub, tmp_path / f"{name}.request", tmp_path / f"{name}.reply")
        accept_reply(lap, tmp_path / f"{name}.reply")
        with UnitOfWork(lap) as uow:
            users.add_user(uow, director, "director", community.id, PW, kdf=kdf)
        lap.lock()
        laptops[name] = unlock(tmp_path / f"{name}.hexi", director, PW)
    net = HubNet(hub, laptops, tmp_path)
    yield net
    net.close()
    pg_cluster.psql(f'DROP DATABASE "{db}" WITH (FORCE)')


def _visits_on(store: OpenStore) -> int:
    with store.system_session() as s:
        return int(s.scalar(select(func.count()).select_from(m.Visit)) or 0)


def _package(net: HubNet, lap: str, n: int) -> Path:
    out = net.folder / "out" / f"{lap}-{n}" / "package.hxp"
    out.parent.mkdir(parents=True, exist_ok=True)
    return export_package(net.laptops[lap], net.hub.device_id, out).files[0]


def test_laptops_exchange_with_the_hub_concurrently_without_double_application(
    hubnet: HubNet,
) -> None:
    packages: dict[str, list[Path]] = {"la": [], "lb": []}
    for lap in ("la", "lb"):
        store = hubnet.laptops[lap]
        community = store.user.unit_id if store.user else ""
        for round_ in range(3):
            child = new_child(store, community, "张小" + "一二三"[round_])
            submit_visit(store, child, date(2026, 11, 10 + round_))
            packages[lap].append(_package(hubnet, lap, round_))
    # Every package twice, all at once: each device's packages in its own order, both devices
    # in parallel, and a second importer racing each of them with the very same files.
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(files: list[Path]) -> None:
        for f in files:
            try:
                import_package(hubnet.hub, f)
                result = "applied"
            except BadPackage as exc:
                result = str(exc.params.get("reason"))
            with lock:
                outcomes.append(result)

    threads = [threading.Thread(target=run, args=(packages[lap],)) for lap in ("la", "lb") * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not any(t.is_alive() for t in threads), "an import is stuck (deadlock)"
    assert outcomes.count("applied") == 6, outcomes
    assert outcomes.count("replayed") == 6, outcomes
    assert _visits_on(hubnet.hub) == 6
    with UnitOfWork(hubnet.hub) as uow:
        from hexi_care.db import audit

        assert audit.verify(uow.session, hubnet.hub.mac_key).ok


def test_the_hub_sends_back_like_a_centre_laptop(hubnet: HubNet) -> None:
    la = hubnet.laptops["la"]
    community = la.user.unit_id if la.user else ""
    child = new_child(la, community)
    submit_visit(la, child, date(2026, 11, 12))
    import_package(hubnet.hub, _package(hubnet, "la", 0))
    out = hubnet.folder / "down" / "package.hxp"
    out.parent.mkdir(parents=True)
    files = export_package(hubnet.hub, la.device_id, out).files
    result = import_package(la, files[0])
    assert result.seq >= 1
