"""The dashboard figures on a real store: every figure equals the length of the list its click
opens (the children list's own count, the visits list for the month), inside the user's scope;
streets for the centre, communities for a street; the current campaign's coverage."""

from __future__ import annotations

from datetime import date

from hexi_care.domain.enums import CampaignKind, CategoryCode, RiskLevel
from hexi_care.domain.model import Campaign, Category
from hexi_care.services import campaigns, children, overview, visits
from hexi_care.services.context import UnitOfWork
from tests.conftest import World, add_child
from tests.factories import submitted_visit

LB = CategoryCode.LEFT_BEHIND.value
ORPHAN = CategoryCode.ORPHAN_SCATTERED.value


def _count(uow: UnitOfWork, bar: overview.Bar) -> int:
    d = bar.drill
    if d.page == "children":
        return children.count_children(
            uow,
            community_id=d.community_id,
            street_id=d.street_id,
            category=d.category,
            risk=d.risk,
            overdue=d.overdue,
        )
    assert d.page == "visits"
    return len(
        [
            x
            for x in visits.list_visits(uow, date_from=d.date_from, date_to=d.date_to, limit=None)
            if x.status != "draft"
        ]
    )


def _world(world: World) -> None:
    a, b = world.login("dir_a"), world.login("dir_b")
    k1 = add_child(a, world.community_a, name="甲", categories=[Category(code=LB)])
    k2 = add_child(
        a, world.community_a, name="乙", categories=[Category(code=LB), Category(code=ORPHAN)]
    )
    add_child(
        b, world.community_b, name="丙", categories=[Category(code=ORPHAN)], risk=RiskLevel.HIGH
    )
    with UnitOfWork(a) as uow:
        assert k1.id and k2.id
        visits.add_visit(uow, submitted_visit(k1.id, date(2026, 10, 31)))
        visits.add_visit(uow, submitted_visit(k1.id, date(2026, 11, 1), campaign="2026冬季"))
        visits.add_visit(uow, submitted_visit(k2.id, date(2025, 11, 30)))  # 12 months ago: out
    with UnitOfWork(world.login("centre")) as uow:
        campaigns.add_campaign(
            uow,
            Campaign(
                name="2026冬季",
                unit_id="河西区",
                kind=CampaignKind.WINTER,
                starts_on=date(2026, 11, 1),
                ends_on=date(2027, 2, 28),
                categories=[LB],
            ),
        )


def test_every_figure_is_the_length_of_its_list(world: World) -> None:
    _world(world)
    with UnitOfWork(world.login("centre")) as uow:
        ov = overview.overview(uow)
        assert ov.unit_kind == "street"
        assert [name for _, name in ov.units] == ["大营门街", "马场街"]
        assert ov.children_total == 3
        assert {c: [b.value for b in bars] for c, bars in ov.children.items()} == {
            ORPHAN: [1, 1],
            LB: [2, 0],
        }
        bars = [b for bs in ov.children.values() for b in bs]
        bars += ov.risk + ov.overdue_by_community + ov.overdue_by_unit + ov.visits_by_month
        for bar in bars:
            assert bar.value == _count(uow, bar), bar
        months = {b.label: b.value for b in ov.visits_by_month}
        assert len(months) == 12 and months["2026-10"] == 1 and months["2026-11"] == 1
        assert "2025-11" not in months
        assert ov.open_reports is not None and ov.open_reports.value == 0
        assert ov.campaign is not None
        assert (ov.campaign.targets, ov.campaign.reached) == (2, 1)
        assert [(n, t, r) for _, n, t, r in ov.campaign_by_unit] == [
            ("大营门街", 2, 1),
            ("马场街", 0, 0),
        ]


def test_a_street_sees_its_communities_only(world: World) -> None:
    _world(world)
    with UnitOfWork(world.login("street_a")) as uow:
        ov = overview.overview(uow)
    assert ov.unit_kind == "community" and [n for _, n in ov.units] == ["紫金里社区"]
    assert ov.children_total == 2
    assert [b.label for b in ov.overdue_by_community] == ["紫金里社区"]
    assert sum(b.value for b in ov.risk) == 2
