"""A director cannot read or change another community's child through any service; a street
supervisor sees the street; the centre sees the district; an administrator reads no case data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from hexi_care.db.models import Child as ChildRow
from hexi_care.db.models import Visit as VisitRow
from hexi_care.domain.enums import FollowUpStatus
from hexi_care.domain.model import (
    Assistance,
    Child,
    FollowUp,
    Household,
    NoticeDelivery,
    Visit,
)
from hexi_care.errors import NotFound, ScopeDenied
from hexi_care.services import (
    attachments,
    casefile,
    casework,
    children,
    households,
    support,
    visits,
)
from hexi_care.services.context import UnitOfWork
from tests.conftest import World, add_child
from tests.factories import complete_visit


@pytest.fixture
def two(world: World) -> tuple[World, Child, Child]:
    a = add_child(world.login("dir_a"), world.community_a, name="甲甲")
    b = add_child(world.login("dir_b"), world.community_b, name="乙乙")
    with UnitOfWork(world.login("dir_b")) as uow:
        visits.submit(uow, complete_visit(b.id or "", date(2026, 11, 1)))
    return world, a, b


DENIED = (ScopeDenied, NotFound)


def test_director_reads_only_own_community(two: tuple[World, Child, Child]) -> None:
    world, a, b = two
    store = world.login("dir_a")
    with UnitOfWork(store) as uow:
        listed = children.list_children(uow)
        assert [c.name for c in listed] == ["甲甲"]
        assert children.count_children(uow) == 1
        assert children.list_children(uow, query="乙") == []
        # Raw ORM queries through the session are filtered too.
        assert uow.session.scalar(select(func.count(ChildRow.id))) == 1
        assert uow.session.scalar(select(func.count(VisitRow.id))) == 0
        assert uow.session.get(ChildRow, b.id) is None
    reads = [
        lambda u: children.get_child(u, b.id or ""),
        lambda u: casefile.open_child_file(u, b.id or ""),
        lambda u: children.resolve_child(u, (b.id or "")[:8]),
        lambda u: households.get_household(u, b.household_id or ""),
    ]
    for read in reads:
        with pytest.raises(DENIED), UnitOfWork(store) as uow:
            read(uow)
    with UnitOfWork(store) as uow:
        assert visits.list_visits(uow, child_id=b.id) == []
        assert support.deliveries(uow, b.household_id or "") == []
        assert support.assistance_for(uow, household_id=b.household_id) == []


def test_director_cannot_change_another_community(two: tuple[World, Child, Child]) -> None:
    world, a, b = two
    store = world.login("dir_a")
    other_visit = None
    with UnitOfWork(world.login("centre")) as uow:
        other_visit = visits.list_visits(uow, child_id=b.id)[0]
    writes = [
        lambda u: children.update_child(u, replace(b, name="改名")),
        lambda u: children.add_child(
            u, replace(a, id=None, community_id=world.community_b, household_id=None)
        ),
        lambda u: visits.save_draft(u, Visit(child_id=b.id or "", visit_date=date(2026, 11, 2))),
        lambda u: visits.review(u, other_visit.id or "", "approved"),
        lambda u: households.add_household(u, Household(community_id=world.community_b)),
        lambda u: households.update_household(
            u, Household(id=b.household_id, community_id=world.community_b, address="x")
        ),
        lambda u: casework.add_followup(u, FollowUp(child_id=b.id or "", action="x")),
        lambda u: support.record_delivery(
            u,
            NoticeDelivery(
                household_id=b.household_id or "",
                template_code="winter",
                template_version=1,
                delivered_on=date(2026, 1, 1),
            ),
        ),
        lambda u: support.record_assistance(
            u,
            Assistance(
                household_id=b.household_id or "", given_on=date(2026, 1, 1), kind="goods", items=1
            ),
        ),
        lambda u: attachments.add_attachment(u, b.id or "", "photo.png", b"\x89PNG data"),
        # Moving one's own child into another community is refused as well.
        lambda u: children.update_child(u, replace(a, community_id=world.community_b)),
    ]
    refusals = []
    for write in writes:
        # A scope refusal, not any user problem: bad input would pass for the wrong reason.
        with pytest.raises(DENIED) as exc, UnitOfWork(store) as uow:
            write(uow)
        refusals.append(exc.value.key)
    assert set(refusals) <= {"scope_denied", "role_denied", "not_found"}
    with UnitOfWork(world.login("centre")) as uow:
        assert children.get_child(uow, b.id or "").name == "乙乙"
        assert children.get_child(uow, a.id or "").community_id == world.community_a
        assert visits.get_visit(uow, other_visit.id or "").status == "submitted"
        assert casework.followups(uow, b.id) == []


def test_street_supervisor_sees_the_street(two: tuple[World, Child, Child]) -> None:
    world, a, b = two
    with UnitOfWork(world.login("street_a")) as uow:
        assert [c.name for c in children.list_children(uow)] == ["甲甲"]
        with pytest.raises(DENIED):
            visits.review(uow, "nonexistent", "approved")


def test_centre_sees_the_district_and_reviews(two: tuple[World, Child, Child]) -> None:
    world, a, b = two
    with UnitOfWork(world.login("centre")) as uow:
        assert sorted(c.name for c in children.list_children(uow)) == ["乙乙", "甲甲"]
        v = visits.list_visits(uow, child_id=b.id)[0]
        returned = visits.review(uow, v.id or "", "returned", "请补充照护人情况")
        assert returned.status == "returned"
    # The author mends and resubmits.
    with UnitOfWork(world.login("dir_b")) as uow:
        again = visits.submit(uow, replace(returned, carer_name="奶奶"))
        assert again.status == "submitted"


def test_director_cannot_review(two: tuple[World, Child, Child]) -> None:
    world, a, b = two
    with UnitOfWork(world.login("dir_b")) as uow:
        v = visits.list_visits(uow, child_id=b.id)[0]
        with pytest.raises(ScopeDenied):
            visits.review(uow, v.id or "", "approved")


def test_admin_reads_no_case_data(two: tuple[World, Child, Child]) -> None:
    world, a, b = two
    with UnitOfWork(world.admin) as uow:
        with pytest.raises(ScopeDenied):
            children.list_children(uow)
        assert uow.session.scalar(select(func.count(ChildRow.id))) == 0


def test_followups_close(two: tuple[World, Child, Child]) -> None:
    world, a, _ = two
    with UnitOfWork(world.login("dir_a")) as uow:
        f = casework.add_followup(
            uow, FollowUp(child_id=a.id or "", action="协助办理户口", due_date=date(2026, 12, 1))
        )
        assert casework.close_followup(uow, f.id or "").status == FollowUpStatus.DONE
        assert casework.followups(uow, a.id, open_only=True) == []


def test_activities_of_other_streets_are_not_listed(two: tuple[World, Child, Child]) -> None:
    world, a, b = two
    from hexi_care.domain.model import Activity

    with UnitOfWork(world.login("centre")) as uow:
        support.add_activity(
            uow,
            Activity(
                unit_id=world.street,
                title="大营门街活动",
                held_on=date(2026, 1, 5),
                participant_ids=[a.id or ""],
            ),
        )
        support.add_activity(
            uow,
            Activity(
                unit_id=world.other_street,
                title="马场街活动",
                held_on=date(2026, 1, 6),
                participant_ids=[b.id or ""],
            ),
        )
        assert {x.title for x in support.activities(uow)} == {"大营门街活动", "马场街活动"}
    with UnitOfWork(world.login("dir_a")) as uow:
        assert [x.title for x in support.activities(uow)] == ["大营门街活动"]
    with UnitOfWork(world.login("dir_b")) as uow:
        listed = support.activities(uow)
        assert [x.title for x in listed] == ["马场街活动"]
        assert listed[0].participant_ids == [b.id]
