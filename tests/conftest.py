"""Shared fixtures: real SQLCipher stores in temporary folders, with Hexi's streets, two communities,
and one user per role. Password derivation uses cheap parameters, installed here (tests/cheap_kdf.py) and
nowhere in the program, so the suite stays fast; `real_kdf` gives a test the real ones back."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hexi_care.db.keys import KdfParams
from hexi_care.db.store import OpenStore, create_store, unlock
from hexi_care.domain.enums import Sex
from hexi_care.domain.model import Category, Child, Household
from hexi_care.services import children, households, units, users
from hexi_care.services.context import UnitOfWork
from hexi_care.services.reference import seed_reference
from tests import cheap_kdf

ADMIN_PW = "admin-pass-1"
PW = "secret-pass-1"
FIXED_NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True, scope="session")
def _cheap_kdf() -> Iterator[None]:
    cheap_kdf.install()
    yield
    cheap_kdf.uninstall()


@pytest.fixture
def real_kdf() -> Iterator[None]:
    """The program's own calibration and floor, for a test that checks them."""
    cheap_kdf.uninstall()
    yield
    cheap_kdf.install()


def fixed_clock() -> datetime:
    return FIXED_NOW


@dataclass
class World:
    """The one test world: a real store with Hexi's streets, two communities in two streets and
    one user per role (dir_a 王主任 and dir_b directing the communities, street_a supervising the
    first street, centre for the district). UI tests add families (kids_a, kids_b)."""

    path: Path
    admin: OpenStore
    recovery_code: str
    community_a: str
    community_b: str
    street: str
    other_street: str
    kids_a: list[str] = field(default_factory=list)
    kids_b: list[str] = field(default_factory=list)
    opened: list[OpenStore] = field(default_factory=list)

    @property
    def street_a(self) -> str:
        return self.street

    @staticmethod
    def password(name: str) -> str:
        return ADMIN_PW if name == "admin" else PW

    def login(self, name: str, password: str | None = None) -> OpenStore:
        """Unlock as `name`; every store opened here is locked when the world closes."""
        store = unlock(self.path, name, password or self.password(name), clock=fixed_clock)
        self.opened.append(store)
        return store

    def close(self) -> None:
        for store in [*self.opened, self.admin]:
            if not store.locked:
                store.lock()


def build_world(path: Path) -> World:
    created = create_store(
        path,
        admin_name="admin",
        admin_password=ADMIN_PW,
        kdf=KdfParams.fast(),
        clock=fixed_clock,
        seed_reference=seed_reference,
    )
    admin = created.store
    with UnitOfWork(admin) as uow:
        a = units.add_unit(uow, "紫金里社区", "大营门街")
        b = units.add_unit(uow, "平江里社区", "马场街")
        street = units.resolve_unit(uow, "大营门街").id
        other = units.resolve_unit(uow, "马场街").id
        fast = KdfParams.fast()
        users.add_user(uow, "dir_a", "director", a.id, PW, kdf=fast, display_name="王主任")
        users.add_user(uow, "dir_b", "director", b.id, PW, kdf=fast)
        users.add_user(uow, "street_a", "street_supervisor", street, PW, kdf=fast)
        users.add_user(uow, "centre", "centre_supervisor", "河西区", PW, kdf=fast)
    return World(path, admin, created.recovery_code, a.id, b.id, street, other)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = build_world(tmp_path / "store.hexi")
    yield w
    w.close()


def add_child(store: OpenStore, community: str, name: str = "张小明", **kw: object) -> Child:
    with UnitOfWork(store) as uow:
        hh = households.add_household(
            uow, Household(community_id=community, address="河西区紫金山路1号")
        )
        child = Child(
            name=name,
            sex=kw.pop("sex", Sex.MALE),  # type: ignore[arg-type]
            community_id=community,
            birth_date=kw.pop("birth_date", date(2015, 3, 1)),  # type: ignore[arg-type]
            id_number=kw.pop("id_number", None),  # type: ignore[arg-type]
            household_id=hh.id,
            categories=kw.pop(  # type: ignore[arg-type]
                "categories",
                [Category(code="orphan_scattered", basis="父母双亡", start_date=date(2020, 1, 1))],
            ),
            **kw,  # type: ignore[arg-type]
        )
        return children.add_child(uow, child)


def confirmed_allowance(
    world: World,
    child_id: str,
    confirmed_on: date,
    number: str = "河民确〔2026〕3号",
    category: str = "orphan_scattered",
) -> str:
    """A recognition through its three steps (dir_a applies on 1 August, street_a checks on 10
    August, the centre confirms on `confirmed_on`); returns its id."""
    from hexi_care.domain.model import Allowance
    from hexi_care.services import allowances

    with UnitOfWork(world.login("dir_a")) as uow:
        a = allowances.apply(
            uow,
            Allowance(
                child_id=child_id, category=category, applied_on=date(2026, 8, 1), applied_by="王"
            ),
        )
    assert a.id
    with UnitOfWork(world.login("street_a")) as uow:
        allowances.check(uow, a.id, date(2026, 8, 10), "李街道")
    with UnitOfWork(world.login("centre")) as uow:
        allowances.confirm(uow, a.id, confirmed_on, "区民政局", number)
    return a.id
