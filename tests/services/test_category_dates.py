"""Categories start and end by date (issue 16 item 12): a category ending (at 18) leaves lists,
schedules and statistics on that day, without anyone saving the child."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hexi_care.db.store import unlock
from hexi_care.domain.model import Category
from hexi_care.services import children, dashboard
from hexi_care.services.context import UnitOfWork
from tests.conftest import PW, World, add_child


def test_a_category_ends_by_date(world: World) -> None:
    a = world.login("dir_a")  # the clock says 2026-11-20
    child = add_child(
        a,
        world.community_a,
        name="满十八",
        birth_date=date(2008, 11, 25),
        categories=[
            Category(
                code="orphan_scattered", start_date=date(2020, 1, 1), end_date=date(2026, 11, 24)
            )
        ],
    )
    with UnitOfWork(a) as uow:
        listed = children.list_children(uow, category="orphan_scattered")
        assert [c.name for c in listed] == ["满十八"]
        assert listed[0].next_due == date(2026, 12, 20)  # registered 11-20, monthly as an orphan
    a.lock()

    later = unlock(world.path, "dir_a", PW, clock=lambda: datetime(2026, 11, 26, 2, tzinfo=UTC))
    with UnitOfWork(later) as uow:
        assert children.list_children(uow, category="orphan_scattered") == []
        again = children.list_children(uow)
        assert again[0].categories == []
        assert again[0].next_due == date(2027, 2, 20)  # the default, quarterly
        board = dashboard.dashboard(uow)
        assert board.counts["overdue"] == 0
    later.lock()
    assert child.id
