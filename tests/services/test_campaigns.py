"""Campaigns on a real store: a winter campaign crossing the new year, its target list from
filters, coverage by tagged visits and help within its period, summer puts drowning first,
who may add one and who sees it."""

from __future__ import annotations

from datetime import date

import pytest

from hexi_care.domain.enums import CampaignKind, CampaignTarget, CategoryCode, SafetyTopic
from hexi_care.domain.model import Assistance, Campaign, Category
from hexi_care.errors import InvalidInput, ScopeDenied
from hexi_care.services import campaigns, statistics, support, visits
from hexi_care.services.context import UnitOfWork
from tests.conftest import World, add_child
from tests.factories import submitted_visit

LB = CategoryCode.LEFT_BEHIND.value
WINTER = "2025-2026寒假关爱走访"


def _winter(world: World, **kw: object) -> Campaign:
    with UnitOfWork(world.login("centre")) as uow:
        return campaigns.add_campaign(
            uow,
            Campaign(
                name=WINTER,
                unit_id="河西区",
                kind=CampaignKind.WINTER,
                starts_on=date(2025, 12, 20),
                ends_on=date(2026, 2, 20),
                categories=[LB],
                **kw,  # type: ignore[arg-type]
            ),
        )


def test_a_campaign_crossing_the_new_year_counts_both_sides(world: World) -> None:
    director = world.login("dir_a")
    on_list = [
        add_child(director, world.community_a, name=n, categories=[Category(code=LB)])
        for n in ("李一", "李二", "李三")
    ]
    off_list = add_child(director, world.community_a, name="赵四")
    other = add_child(
        world.login("dir_b"), world.community_b, name="钱五", categories=[Category(code=LB)]
    )
    camp = _winter(world, target=CampaignTarget.CHILDREN)
    with UnitOfWork(director) as uow:
        # December and January: both inside; March: after the campaign; the untagged one: not it.
        assert on_list[0].id and on_list[1].id and on_list[2].id and off_list.id
        visits.add_visit(uow, submitted_visit(on_list[0].id, date(2025, 12, 28), campaign=WINTER))
        visits.add_visit(uow, submitted_visit(on_list[1].id, date(2026, 1, 5), campaign=WINTER))
        visits.add_visit(uow, submitted_visit(on_list[2].id, date(2026, 3, 1), campaign=WINTER))
        visits.add_visit(uow, submitted_visit(on_list[2].id, date(2026, 1, 6)))
        visits.add_visit(uow, submitted_visit(off_list.id, date(2026, 1, 7), campaign=WINTER))
    with UnitOfWork(world.login("centre")) as uow:
        p = campaigns.progress(uow, campaigns.get_campaign(uow, WINTER))
    assert (p.targets, p.reached, p.goal, p.visits) == (4, 2, 4, 3)
    assert p.percent == 50
    assert [(name, t, r) for _, name, t, r in p.by_community] == [
        ("紫金里社区", 3, 2),
        ("平江里社区", 1, 0),
    ]
    with UnitOfWork(director) as uow:  # a director sees the district's campaign, their part of it
        mine = campaigns.progress(uow, campaigns.get_campaign(uow, WINTER))
        missing = campaigns.target_children(uow, camp, missing_only=True)
    assert (mine.targets, mine.reached) == (3, 2)
    assert missing == [on_list[2].id] and other.id not in missing
    with UnitOfWork(world.login("centre")) as uow:
        # Statistics filtered by the campaign: its tagged visits over the year's turn, no others.
        figures = statistics.compute(
            uow, "河西区", camp.starts_on, camp.ends_on, statistics.EventFilter(campaign=WINTER)
        ).figures
        everything = statistics.compute(uow, "河西区", camp.starts_on, camp.ends_on).figures
    assert (figures.visits, figures.children) == (3, 3)
    assert everything.visits == 4


def test_households_reached_by_help_and_a_set_target(world: World) -> None:
    director = world.login("dir_a")
    kids = [
        add_child(director, world.community_a, name=n, categories=[Category(code=LB)])
        for n in ("周一", "周二")
    ]
    _winter(world, target_count=800)
    with UnitOfWork(director) as uow:
        assert kids[0].household_id

        support.record_assistance(
            uow,
            Assistance(
                household_id=kids[0].household_id,
                given_on=date(2026, 1, 20),
                kind="goods",
                items=2,
                campaign=WINTER,
            ),
        )
        p = campaigns.progress(uow, campaigns.get_campaign(uow, WINTER))
    assert (p.targets, p.reached, p.goal, p.help_count) == (2, 1, 800, 1)


def test_summer_puts_drowning_first_and_names_are_unique(world: World) -> None:
    with UnitOfWork(world.login("street_a")) as uow:
        c = campaigns.add_campaign(
            uow,
            Campaign(
                name="2026暑期防溺水",
                unit_id=world.street,
                kind=CampaignKind.SUMMER,
                starts_on=date(2026, 7, 1),
                ends_on=date(2026, 8, 31),
                focus=[SafetyTopic.TRAFFIC, SafetyTopic.DROWNING],
            ),
        )
        assert c.focus == ["drowning", "traffic"]
        with pytest.raises(InvalidInput):
            campaigns.add_campaign(uow, c)
        with pytest.raises(ScopeDenied):  # another street's campaign
            campaigns.add_campaign(
                uow,
                Campaign(
                    name="x",
                    unit_id=world.other_street,
                    starts_on=date(2026, 1, 1),
                    ends_on=date(2026, 1, 2),
                ),
            )
        with pytest.raises(InvalidInput) as e:
            campaigns.add_campaign(
                uow,
                Campaign(
                    name="y",
                    unit_id=world.street,
                    starts_on=date(2026, 2, 1),
                    ends_on=date(2026, 1, 2),
                ),
            )
        assert e.value.field == "ends_on"
    with UnitOfWork(world.login("dir_a")) as uow:
        with pytest.raises(ScopeDenied):  # directors take part; supervisors set campaigns up
            campaigns.add_campaign(
                uow,
                Campaign(
                    name="z",
                    unit_id=world.community_a,
                    starts_on=date(2026, 1, 1),
                    ends_on=date(2026, 1, 2),
                ),
            )
        assert [x.name for x in campaigns.campaigns(uow)] == ["2026暑期防溺水"]
        assert campaigns.current(uow, date(2026, 7, 15)) is not None
        assert campaigns.current(uow, date(2026, 9, 1)) is None
    with UnitOfWork(world.login("dir_b")) as uow:  # the other street's director
        assert campaigns.campaigns(uow) == []


def test_gaps_list_campaigns_under_way_short_of_their_goal(world: World) -> None:
    director = world.login("dir_a")
    kid = add_child(director, world.community_a, categories=[Category(code=LB)])
    _winter(world, target=CampaignTarget.CHILDREN)
    with UnitOfWork(director) as uow:
        (gap,) = campaigns.gaps(uow, date(2026, 2, 10))
        assert (gap.campaign, gap.days_left, gap.reached, gap.goal, gap.missing) == (
            WINTER,
            10,
            0,
            1,
            1,
        )
        assert campaigns.gaps(uow, date(2026, 2, 21)) == []  # over
        assert kid.id
        visits.add_visit(uow, submitted_visit(kid.id, date(2026, 1, 5), campaign=WINTER))
        assert campaigns.gaps(uow, date(2026, 2, 10)) == []  # goal reached


def test_a_campaign_short_of_its_goal_is_an_alert(world: World) -> None:
    """`alert list` gathers campaign gaps beside re-examinations and report deadlines: one line
    per campaign under way today that has not reached its goal, in the reader's units."""
    from hexi_care.services import worklists

    director = world.login("dir_a")
    kid = add_child(director, world.community_a, categories=[Category(code=LB)])
    with UnitOfWork(world.login("centre")) as uow:
        today = uow.today()
        campaigns.add_campaign(
            uow,
            Campaign(
                name="冬季关爱",
                unit_id="河西区",
                kind=CampaignKind.WINTER,
                starts_on=today,
                ends_on=date(today.year + 1, 1, 31),
                categories=[LB],
                target=CampaignTarget.CHILDREN,
            ),
        )
    with UnitOfWork(director) as uow:
        (alert,) = worklists.alerts(uow, sources=["campaign"])
        assert (alert.source, alert.kind, alert.when) == (
            "campaign",
            "campaign_gap",
            date(today.year + 1, 1, 31),
        )
        assert "冬季关爱" in alert.text("zh") and "0/1" in alert.text("zh")
        assert "0 of 1 reached" in alert.text("en")
        assert kid.id
        visits.add_visit(uow, submitted_visit(kid.id, today, campaign="冬季关爱"))
        assert worklists.alerts(uow, sources=["campaign"]) == []  # goal reached


def test_ending_a_campaign_closes_its_period(world: World) -> None:
    """Ended on a day (today unless given): no longer open after it, coverage counts up to it;
    a street supervisor cannot end the district's campaign, a director none; a campaign over
    cannot be ended again, nor a day after its planned end or before its start be its end."""
    kid = add_child(
        world.login("dir_a"), world.community_a, name="李一", categories=[Category(code=LB)]
    )
    with UnitOfWork(world.login("centre")) as uow:
        camp = campaigns.add_campaign(
            uow,
            Campaign(
                name="2026冬季关爱",
                unit_id="河西区",
                starts_on=date(2026, 11, 1),
                ends_on=date(2027, 2, 28),
                target=CampaignTarget.CHILDREN,
            ),
        )
    with UnitOfWork(world.login("dir_a")) as uow:
        assert kid.id
        visits.add_visit(uow, submitted_visit(kid.id, date(2026, 11, 18), campaign=camp.name))
        assert [c.name for c in campaigns.open_on(uow, date(2026, 11, 20))] == [camp.name]
        with pytest.raises(ScopeDenied):
            campaigns.end_campaign(uow, camp.name)
    with UnitOfWork(world.login("street_a")) as uow, pytest.raises(ScopeDenied):
        campaigns.end_campaign(uow, camp.name)
    with UnitOfWork(world.login("centre")) as uow:
        for bad in ("2026-10-31", "2027-03-01"):
            with pytest.raises(InvalidInput) as exc:
                campaigns.end_campaign(uow, camp.name, bad)
            assert exc.value.field == "ends_on"
        ended = campaigns.end_campaign(uow, camp.id or "", "2026-11-17")
        assert ended.ends_on == date(2026, 11, 17)
        assert campaigns.open_on(uow, date(2026, 11, 18)) == []
        # The visit of the 18th is after the end now: not counted.
        assert campaigns.progress(uow, ended).reached == 0
        with pytest.raises(InvalidInput) as exc:
            campaigns.end_campaign(uow, camp.name)
        assert exc.value.problem == "campaign_over"


def test_changing_a_campaign_keeps_its_name_and_reaches_the_laptops(world: World) -> None:
    """Its period, target list, size, notice and note change (each check as when it was added);
    its name, unit and kind stay; a change raises its revision (the exchange keeps the furthest)
    and is audited; a street supervisor cannot change the district's campaign, a director none."""
    from dataclasses import replace

    from sqlalchemy import select

    from hexi_care.db.models import AuditEvent
    from hexi_care.db.models import Campaign as CampaignRow

    camp = _winter(world)
    with UnitOfWork(world.login("street_a")) as uow, pytest.raises(ScopeDenied):
        campaigns.update_campaign(uow, WINTER, replace(camp, target_count=5))
    with UnitOfWork(world.login("dir_a")) as uow, pytest.raises(ScopeDenied):
        campaigns.update_campaign(uow, WINTER, replace(camp, target_count=5))
    with UnitOfWork(world.login("centre")) as uow:
        rev = uow.session.get(CampaignRow, camp.id).rev  # type: ignore[union-attr]
        with pytest.raises(InvalidInput) as exc:
            campaigns.update_campaign(uow, WINTER, replace(camp, ends_on=date(2025, 12, 1)))
        assert exc.value.field == "ends_on"
        with pytest.raises(InvalidInput) as exc:
            campaigns.update_campaign(uow, WINTER, replace(camp, categories=["nope"]))
        assert exc.value.field == "category"
        changed = campaigns.update_campaign(
            uow,
            camp.id or "",
            replace(
                camp,
                name="another name",
                kind=CampaignKind.SUMMER,
                ends_on=date(2026, 2, 28),
                categories=[],
                target_count=800,
                note="延长到开学前",
            ),
        )
        assert (changed.name, changed.kind, changed.unit_id) == (WINTER, camp.kind, camp.unit_id)
        assert (changed.ends_on, changed.categories, changed.target_count, changed.note) == (
            date(2026, 2, 28),
            [],
            800,
            "延长到开学前",
        )
        assert uow.session.get(CampaignRow, camp.id).rev == rev + 1  # type: ignore[union-attr]
        same = campaigns.update_campaign(uow, WINTER, changed)  # nothing to change
        assert same == changed
        assert uow.session.get(CampaignRow, camp.id).rev == rev + 1  # type: ignore[union-attr]
        details = uow.session.scalars(
            select(AuditEvent.detail).where(
                AuditEvent.entity == "campaign", AuditEvent.action == "update"
            )
        ).all()
        assert details == ["ends_on,filter_json,note,target_count"]
    with UnitOfWork(world.login("dir_a")) as uow:
        assert campaigns.get_campaign(uow, WINTER).target_count == 800
