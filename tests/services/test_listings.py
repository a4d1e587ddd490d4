"""Visits, households, activities and help given as the window lists them: paged, filtered,
sorted by SQL, and inside the user's scope."""

from __future__ import annotations

from datetime import date

import pytest

from hexi_care.db.store import OpenStore
from hexi_care.domain.enums import Relationship, Sex, UnitKind
from hexi_care.domain.model import Activity, Assistance, Category, Child, Guardian, Household, Visit
from hexi_care.services import children, households, listings, support, units, visits
from hexi_care.services.context import UnitOfWork
from tests.conftest import World
from tests.factories import complete_visit


@pytest.fixture
def setup(world: World):
    """The one test world, as (login, community a, community b)."""
    return world.login, world.community_a, world.community_b


def _family(store: OpenStore, community: str, address: str, *names: str) -> tuple[str, list[str]]:
    with UnitOfWork(store) as uow:
        hh = households.add_household(uow, Household(community_id=community, address=address))
        assert hh.id
        households.save_guardian(
            uow, Guardian(name="张大山", relationship=Relationship.FATHER, household_id=hh.id)
        )
        ids = []
        for n in names:
            c = children.add_child(
                uow,
                Child(
                    name=n,
                    sex=Sex.MALE,
                    community_id=community,
                    birth_date=date(2015, 1, 1),
                    household_id=hh.id,
                    categories=[Category(code="left_behind", start_date=date(2024, 1, 1))],
                ),
            )
            assert c.id
            ids.append(c.id)
        return hh.id, ids


def test_visible_units_for_a_director_and_the_centre(setup) -> None:
    login, a, b = setup
    with UnitOfWork(login("dir_a")) as uow:
        seen = listings.visible_units(uow)
    assert [u.kind for u in seen] == [UnitKind.STREET, UnitKind.COMMUNITY]
    assert seen[1].id == a
    with UnitOfWork(login("centre")) as uow:
        ids = {u.id for u in listings.visible_units(uow)}
    assert {a, b} <= ids


def test_visits_are_paged_filtered_and_scoped(setup) -> None:
    login, a, b = setup
    dir_a, dir_b = login("dir_a"), login("dir_b")
    _, (c1, c2) = _family(dir_a, a, "紫金山路1号", "张小明", "张小红")
    _, (c3,) = _family(dir_b, b, "平江道2号", "李小刚")
    with UnitOfWork(dir_a) as uow:
        visits.submit(uow, complete_visit(c1, date(2026, 11, 1)))
        visits.save_draft(uow, Visit(child_id=c2, visit_date=date(2026, 11, 2)))
        visits.save_draft(uow, Visit(child_id=c1, visit_date=date(2026, 11, 3)))
    with UnitOfWork(dir_b) as uow:
        visits.save_draft(uow, Visit(child_id=c3, visit_date=date(2026, 11, 4)))
    with UnitOfWork(dir_a) as uow:
        assert listings.count_visits(uow) == 3
        page = listings.list_visits(uow, limit=2)
        assert [v.visit_date.day for v in page] == [3, 2]
        assert [v.visit_date.day for v in listings.list_visits(uow, limit=2, offset=2)] == [1]
        assert listings.count_visits(uow, status="draft") == 2
        assert [v.child_name for v in listings.list_visits(uow, query="小红")] == ["张小红"]
        assert listings.count_visits(uow, query="zxm") == 2
        assert [
            v.visit_date.day for v in listings.list_visits(uow, sort="visit_date", descending=False)
        ] == [1, 2, 3]
        assert (
            listings.count_visits(uow, date_from=date(2026, 11, 2), date_to=date(2026, 11, 2)) == 1
        )


def test_households_search_by_address_or_child(setup) -> None:
    login, a, b = setup
    dir_a = login("dir_a")
    h1, _ = _family(dir_a, a, "紫金山路1号", "张小明", "张小红")
    h2, _ = _family(dir_a, a, "友谊路9号", "刘一")
    _family(login("dir_b"), b, "平江道2号", "李小刚")
    with UnitOfWork(dir_a) as uow:
        assert listings.count_households(uow) == 2
        rows = listings.list_households(uow)
        assert [r.id for r in rows] == sorted(
            [h1, h2], key=lambda h: {h1: "紫金山路1号", h2: "友谊路9号"}[h]
        )
        found = listings.list_households(uow, query="小红")
        assert [r.id for r in found] == [h1]
        assert [c.name for c in found[0].children] == ["张小红", "张小明"]  # same birthday: by name
        assert found[0].guardians == ["张大山"]
        assert listings.count_households(uow, query="友谊") == 1
        assert [c.name for c in listings.household_children(uow, h2)] == ["刘一"]


def test_activities_and_help_given(setup) -> None:
    login, a, b = setup
    dir_a, dir_b, centre = login("dir_a"), login("dir_b"), login("centre")
    h1, (c1, c2) = _family(dir_a, a, "紫金山路1号", "张小明", "张小红")
    _, (c3,) = _family(dir_b, b, "平江道2号", "李小刚")
    with UnitOfWork(centre) as uow:
        district = next(u for u in units.list_units(uow) if u.kind == UnitKind.DISTRICT)
        support.add_activity(
            uow,
            Activity(
                unit_id=district.id,
                title="冬令营",
                held_on=date(2026, 1, 25),
                participant_ids=[c1, c2, c3],
            ),
        )
    with UnitOfWork(dir_b) as uow:
        support.add_activity(
            uow,
            Activity(
                unit_id=b, title="平江里读书会", held_on=date(2026, 3, 1), participant_ids=[c3]
            ),
        )
    with UnitOfWork(dir_a) as uow:
        support.record_assistance(
            uow,
            Assistance(
                household_id=h1,
                given_on=date(2026, 11, 1),
                kind="money",
                amount_fen=50000,
                child_id=c1,
            ),
        )
        acts = listings.list_activities(uow)
        assert [(x.title, x.participants) for x in acts] == [("冬令营", 2)]
        assert [c.name for c in listings.activity_participants(uow, acts[0].id)] == [
            "张小红",
            "张小明",
        ]  # pinyin order
        helped = listings.list_assistance(uow)
        assert [(h.child_name, h.amount_fen, h.household_address) for h in helped] == [
            ("张小明", 50000, "紫金山路1号")
        ]
        assert listings.count_assistance(uow) == 1
        assert {u.id for u in listings.activity_units(uow)} == {a}
        assert "left_behind" in listings.category_names(uow)
        assert listings.user_names(uow)[uow.user.id] == "王主任"
    with UnitOfWork(centre) as uow:
        assert {x.title for x in listings.list_activities(uow)} == {"冬令营", "平江里读书会"}
        assert listings.list_assistance(uow)[0].child_name == "张小明"
