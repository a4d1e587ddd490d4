"""Demo children get register numbers (档案编号) as registration gives them (issue 16): per
community and year of entry, in the order entered, and registration carries on after them."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from hexi_care.db import models as m
from hexi_care.domain import dates
from hexi_care.services import demo
from hexi_care.services.children import file_number
from hexi_care.services.context import UnitOfWork
from tests.conftest import World, add_child


def _numbers(world: World) -> tuple[list[tuple[str, str, str, int]], dict[str, tuple[str, str]]]:
    with UnitOfWork(world.admin, system=True) as uow:
        tz = uow.zone()
        units = {
            u: (n, p)
            for u, n, p in uow.session.execute(
                select(m.OrgUnit.id, m.OrgUnit.name, m.OrgUnit.parent_id)
            )
        }
        rows = [
            (cid, community, file_no or "", dates.local_date(created, tz).year)
            for cid, community, file_no, created in uow.session.execute(
                select(
                    m.Child.id, m.Child.community_id, m.Child.file_no, m.Child.created_at
                ).order_by(m.Child.created_at, m.Child.id)
            )
        ]
    return rows, units


def test_demo_children_are_numbered_like_registered_ones(world: World) -> None:
    demo.generate(world.admin, children=60, seed=5)
    rows, units = _numbers(world)
    assert len(rows) >= 60
    seq: dict[tuple[str, int], int] = defaultdict(int)
    for _, community, file_no, year in rows:
        seq[(community, year)] += 1
        name, street = units[community]
        assert file_no == file_number(units[street or ""][0], name, year, seq[(community, year)])

    # A second batch continues each community's and year's sequence after the numbers given.
    demo.generate(world.admin, children=30, seed=6)
    again, _ = _numbers(world)
    first = {cid for cid, *_ in rows}
    for _, community, file_no, year in [r for r in again if r[0] not in first]:
        assert int(file_no[-4:]) > seq[(community, year)]
    assert len({r[2] for r in again}) == len(again)

    registered = add_child(world.login("dir_a"), world.community_a, name="王小雨")
    with UnitOfWork(world.admin) as uow:
        year = uow.today().year
    taken = [int(r[2][-4:]) for r in again if (r[1], r[3]) == (world.community_a, year)]
    assert registered.file_no == f"大营门街-紫金里-{year}-{max(taken, default=0) + 1:04d}"
