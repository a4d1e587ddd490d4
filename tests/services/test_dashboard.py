"""The 工作台 and review queue: what is due, overdue, drafted, returned and open, inside the user's
scope only."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from hexi_care.db.store import OpenStore
from hexi_care.domain.enums import ReportTrigger, Sex, VisitStatus
from hexi_care.domain.model import Category, Child, FollowUp, Household, MandatoryReport, Visit
from hexi_care.errors import ScopeDenied
from hexi_care.services import casework, children, dashboard, households, visits
from hexi_care.services.context import UnitOfWork
from tests.conftest import World
from tests.factories import complete_visit, numbered_name


@pytest.fixture
def stores(world: World):
    """The one test world, as (login, community a, community b)."""
    return world.login, world.community_a, world.community_b


def _child(store: OpenStore, community: str, name: str) -> str:
    with UnitOfWork(store) as uow:
        hh = households.add_household(uow, Household(community_id=community))
        c = children.add_child(
            uow,
            Child(
                name=name,
                sex=Sex.FEMALE,
                community_id=community,
                birth_date=date(2014, 5, 1),
                household_id=hh.id,
                categories=[Category(code="orphan_scattered", start_date=date(2020, 1, 1))],
            ),
        )
        assert c.id
        return c.id


def test_dashboard_lists_work_in_scope_only(stores) -> None:
    login, a, b = stores
    dir_a, dir_b = login("dir_a"), login("dir_b")
    ca = _child(dir_a, a, "张小明")
    cb = _child(dir_b, b, "李小红")
    with UnitOfWork(dir_a) as uow:
        # Visited a long time ago: monthly for orphans, so overdue by now.
        visits.submit(uow, complete_visit(ca, date(2026, 9, 1)))
        visits.save_draft(uow, Visit(child_id=ca, visit_date=date(2026, 11, 19), needs="冬衣"))
        casework.add_followup(
            uow, FollowUp(child_id=ca, action="联系学校", due_date=date(2026, 11, 10))
        )
        casework.add_report(
            uow,
            MandatoryReport(
                child_id=ca,
                trigger=ReportTrigger.ABANDONED,
                found_at=datetime(2026, 11, 19, 8, tzinfo=UTC),
            ),
        )
    with UnitOfWork(dir_b) as uow:
        visits.save_draft(uow, Visit(child_id=cb, visit_date=date(2026, 11, 18)))

    with UnitOfWork(dir_a) as uow:
        d = dashboard.dashboard(uow)
    assert d.today == date(2026, 11, 20) and d.week_end == date(2026, 11, 22)
    assert [i.child_id for i in d.overdue] == [ca]
    assert d.overdue[0].days_overdue == (date(2026, 11, 20) - date(2026, 10, 1)).days
    assert [i.child_id for i in d.drafts] == [ca]
    assert d.counts["drafts"] == 1
    assert [i.text for i in d.followups] == ["联系学校"]
    assert d.followups[0].days_overdue == 10
    assert d.reports is not None and [i.text for i in d.reports] == ["abandoned"]
    assert all(i.child_id != cb for i in d.drafts + d.overdue + d.due_this_week)


def test_due_this_week_and_returned(stores) -> None:
    login, a, _b = stores
    dir_a, centre = login("dir_a"), login("centre")
    ca = _child(dir_a, a, "王小军")
    with UnitOfWork(dir_a) as uow:
        v = visits.submit(uow, complete_visit(ca, date(2026, 10, 21)))
    with UnitOfWork(dir_a) as uow:
        d = dashboard.dashboard(uow)
    assert [i.when for i in d.due_this_week] == [date(2026, 11, 21)]
    with UnitOfWork(centre) as uow:
        queue = dashboard.review_queue(uow)
        assert [q.visit_id for q in queue] == [v.id]
        assert dashboard.count_review_queue(uow) == 1
        visits.review(uow, v.id or "", "returned", "请补充照护人信息")
    with UnitOfWork(dir_a) as uow:
        d = dashboard.dashboard(uow)
    assert [(i.record_id, i.text) for i in d.returned] == [(v.id, "请补充照护人信息")]
    assert d.returned[0].kind == "returned"
    assert d.counts["returned"] == 1


def test_review_queue_is_for_supervisors(stores) -> None:
    login, _a, _b = stores
    with UnitOfWork(login("dir_a")) as uow, pytest.raises(ScopeDenied):
        dashboard.review_queue(uow)


def test_counts_are_scoped(stores) -> None:
    login, a, b = stores
    dir_a, dir_b = login("dir_a"), login("dir_b")
    for i in range(3):
        cb = _child(dir_b, b, numbered_name("赵", i))
        with UnitOfWork(dir_b) as uow:
            visits.save_draft(uow, Visit(child_id=cb, visit_date=date(2026, 11, 1)))
    _child(dir_a, a, "钱一")
    with UnitOfWork(dir_a) as uow:
        d = dashboard.dashboard(uow)
    assert d.counts["drafts"] == 0
    assert d.counts["due_this_week"] + d.counts["overdue"] <= 1
    with UnitOfWork(dir_b) as uow:
        assert dashboard.dashboard(uow).counts["drafts"] == 3
    assert VisitStatus.DRAFT
