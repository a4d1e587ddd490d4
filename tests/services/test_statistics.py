"""Statistics checked against a hand-built dataset whose true counts are known (DOMAIN.md "Counting":
户 distinct households, 人 distinct persons, 人次 person-times, 件 items, 元 money)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from hexi_care.db.store import OpenStore, unlock
from hexi_care.domain.enums import ReportTrigger
from hexi_care.domain.model import (
    Activity,
    Assistance,
    Category,
    MandatoryReport,
    NoticeDelivery,
    Visit,
)
from hexi_care.errors import InvalidInput, ScopeDenied
from hexi_care.services import casework, children, settings, statistics, support, visits
from hexi_care.services.context import UnitOfWork
from tests.conftest import PW, World, add_child
from tests.factories import complete_visit


def test_figures_match_a_hand_count(world: World) -> None:
    a = world.login("dir_a")
    b = world.login("dir_b")
    c1 = add_child(a, world.community_a, name="甲一")
    h1 = c1.household_id or ""
    with UnitOfWork(a) as uow:
        c2 = children.add_child(uow, replace(c1, id=None, name="甲二"))  # same household H1
    c3 = add_child(a, world.community_a, name="甲三")  # household H2
    h2 = c3.household_id or ""
    c4 = add_child(b, world.community_b, name="乙四")  # household H3
    h3 = c4.household_id or ""

    with UnitOfWork(a) as uow:
        for d in (date(2026, 1, 5), date(2026, 2, 5), date(2026, 3, 10)):
            visits.submit(uow, complete_visit(c1.id or "", d))
        visits.save_draft(
            uow, Visit(child_id=c1.id or "", visit_date=date(2026, 3, 20))
        )  # drafts don't count
        visits.submit(uow, complete_visit(c1.id or "", date(2025, 12, 20)))  # before the period
        visits.submit(uow, complete_visit(c2.id or "", date(2026, 1, 15)))
        support.record_delivery(
            uow,
            NoticeDelivery(
                household_id=h1,
                template_code="winter",
                template_version=1,
                delivered_on=date(2026, 1, 20),
            ),
        )
        support.record_delivery(
            uow,
            NoticeDelivery(
                household_id=h2,
                template_code="winter",
                template_version=1,
                delivered_on=date(2026, 1, 21),
            ),
        )
        support.record_assistance(
            uow,
            Assistance(
                household_id=h1, child_id=c1.id, given_on=date(2026, 2, 1), kind="goods", items=3
            ),
        )
        support.record_assistance(
            uow,
            Assistance(household_id=h2, given_on=date(2026, 2, 1), kind="money", amount_fen=50000),
        )
        casework.add_report(
            uow,
            MandatoryReport(
                child_id=c3.id or "",
                trigger=ReportTrigger.ABANDONED,
                found_at=datetime(2026, 3, 1, 9, tzinfo=UTC),
                reported_at=datetime(2026, 3, 1, 10, tzinfo=UTC),
                agency="公安河西分局",
            ),
        )
    with UnitOfWork(b) as uow:
        first = visits.submit(uow, complete_visit(c4.id or "", date(2026, 2, 10)))
        visits.submit(uow, complete_visit(c4.id or "", date(2026, 3, 12)))
        support.record_delivery(
            uow,
            NoticeDelivery(
                household_id=h3,
                template_code="winter",
                template_version=1,
                delivered_on=date(2025, 12, 1),
            ),
        )
        support.record_assistance(
            uow, Assistance(household_id=h3, given_on=date(2025, 12, 1), kind="goods", items=2)
        )
    centre = world.login("centre")
    with UnitOfWork(centre) as uow:
        visits.review(uow, first.id or "", "returned", "补充")  # a returned visit still happened
        support.add_activity(
            uow,
            Activity(
                unit_id=world.street,
                title="冬令营",
                held_on=date(2026, 1, 25),
                participant_ids=[c1.id or "", c3.id or "", c4.id or ""],
            ),
        )

    with UnitOfWork(centre) as uow:
        district = statistics.compute(uow, "河西区", date(2026, 1, 1), date(2026, 3, 31))
    by_name = {c.name: c.figures for s in district.parts for c in s.parts}
    fa, fb = by_name["紫金里社区"], by_name["平江里社区"]
    assert (fa.visits, fa.households, fa.children, fa.person_times) == (4, 2, 3, 7)
    assert (fa.notices, fa.items, fa.amount_fen, fa.mandatory_reports) == (2, 3, 50000, 1)
    # 户次: H1 visited on 4 days, 2 notices, 2 help given.
    assert fa.household_times == 8
    assert (fb.visits, fb.households, fb.children, fb.person_times, fb.notices, fb.items) == (
        2,
        1,
        1,
        3,
        0,
        0,
    )
    # c2's next visit was due 2026-02-15 and never made; c1 is due 2026-04-10; c4 2026-04-12.
    assert (fa.overdue, fb.overdue) == (1, 0)
    t = district.figures
    assert (
        t.visits,
        t.households,
        t.children,
        t.person_times,
        t.notices,
        t.items,
        t.amount_fen,
    ) == (6, 3, 4, 10, 2, 3, 50000)
    assert [s.name for s in district.parts] == ["大营门街", "马场街"]

    # A director's statistics hold only their community.
    with UnitOfWork(a) as uow:
        mine = statistics.compute(uow, "河西区", date(2026, 1, 1), date(2026, 3, 31))
    assert mine.figures.visits == 4
    assert (mine.name, mine.kind.value, mine.parts) == ("紫金里社区", "community", [])


def _overdue(store: OpenStore, unit: str, start: date, end: date) -> int:
    with UnitOfWork(store) as uow:
        return statistics.compute(uow, unit, start, end).figures.overdue


def test_overdue_in_a_past_period_follows_the_schedule_as_it_stood(world: World) -> None:
    """Issue 16 item 1: overdue at a period's end is recounted from the visits made by then and
    the categories active then, not from today's next-due dates."""
    a = world.login("dir_a")
    monthly = add_child(a, world.community_a, name="月访")  # 散居孤儿: monthly
    quarterly = add_child(
        a,
        world.community_a,
        name="季访",
        categories=[Category(code="left_behind", start_date=date(2020, 1, 1))],
    )
    ended = add_child(
        a,
        world.community_a,
        name="满期",  # the orphan category ends on 2025-06-30: quarterly from then on
        categories=[
            Category(
                code="orphan_scattered", start_date=date(2020, 1, 1), end_date=date(2025, 6, 30)
            )
        ],
    )
    add_child(a, world.community_a, name="新登记")  # registered 2026-11-20, never visited
    with UnitOfWork(a) as uow:
        for child, day in (
            (monthly, date(2025, 1, 10)),
            (monthly, date(2025, 2, 5)),
            (monthly, date(2026, 1, 20)),
            (quarterly, date(2025, 6, 1)),
            (ended, date(2025, 7, 10)),
        ):
            visits.submit(uow, complete_visit(child.id or "", day))
    unit = "紫金里社区"
    # 2025-02-28: monthly due 03-05; quarterly and ended not yet on the books (first visits later).
    assert _overdue(a, unit, date(2025, 1, 1), date(2025, 2, 28)) == 0
    # 2025-03-31: monthly was due 03-05.
    assert _overdue(a, unit, date(2025, 1, 1), date(2025, 3, 31)) == 1
    # 2025-08-31: monthly overdue; quarterly due 09-01; ended (quarterly now) due 10-10.
    assert _overdue(a, unit, date(2025, 7, 1), date(2025, 8, 31)) == 1
    # 2025-09-30: quarterly was due 09-01.
    assert _overdue(a, unit, date(2025, 7, 1), date(2025, 9, 30)) == 2
    # The whole of 2025: all three (today's next-due dates would say otherwise).
    assert _overdue(a, unit, date(2025, 1, 1), date(2025, 12, 31)) == 3
    # 2026-01-31: monthly visited 01-20, due 02-20; the other two are long overdue.
    assert _overdue(a, unit, date(2026, 1, 1), date(2026, 1, 31)) == 2
    # Today (2026-11-20): all four, the new child since its registration is not yet overdue.
    assert _overdue(a, unit, date(2026, 1, 1), date(2026, 12, 31)) == 3
    a.lock()


@pytest.mark.parametrize(
    ("categories", "overdue"),
    [
        # An orphan until 2025-06-30: monthly on 2025-05-31 (due 05-01), overdue then.
        (
            [
                Category(
                    code="orphan_scattered", start_date=date(2020, 1, 1), end_date=date(2025, 6, 30)
                )
            ],
            1,
        ),
        # An orphan from 2025-09-01: no category on 2025-05-31 (quarterly: due 07-01).
        ([Category(code="orphan_scattered", start_date=date(2025, 9, 1))], 0),
    ],
)
def test_overdue_in_a_past_period_takes_the_categories_of_that_day(
    world: World, categories: list[Category], overdue: int
) -> None:
    """The categories of the period's last day, not today's: one that has ended since still sets
    the interval then, and one that began since does not."""
    a = world.login("dir_a")
    child = add_child(a, world.community_a, name="认定", categories=categories)
    with UnitOfWork(a) as uow:
        # (a next date planned after the period: the interval decides)
        visit = complete_visit(child.id or "", date(2025, 4, 1), next_visit_date="2025-12-01")
        visits.submit(uow, visit)
    assert _overdue(a, "紫金里社区", date(2025, 5, 1), date(2025, 5, 31)) == overdue
    a.lock()


def test_reports_count_on_the_store_calendar(world: World) -> None:
    """Issue 16 item 3: a report found at 07:00 on 1 March in Beijing (still February in UTC) is a
    March report; "today" is the store's day, not the machine's UTC day."""
    a = world.login("dir_a")
    child = add_child(a, world.community_a)
    with UnitOfWork(a) as uow:
        casework.add_report(
            uow,
            MandatoryReport(
                child_id=child.id or "",
                trigger=ReportTrigger.ABANDONED,
                found_at=datetime(2024, 3, 1, 7, tzinfo=ZoneInfo("Asia/Shanghai")),
                reported_at=datetime(2024, 3, 1, 8, tzinfo=ZoneInfo("Asia/Shanghai")),
                agency="公安河西分局",
            ),
        )
    with UnitOfWork(a) as uow:
        feb = statistics.compute(uow, "紫金里社区", date(2024, 2, 1), date(2024, 2, 29))
        march = statistics.compute(uow, "紫金里社区", date(2024, 3, 1), date(2024, 3, 31))
    assert (feb.figures.mandatory_reports, march.figures.mandatory_reports) == (0, 1)
    a.lock()

    # A clock at 20:00 UTC on 20 November is 04:00 on the 21st in Beijing.
    evening = unlock(world.path, "dir_a", PW, clock=lambda: datetime(2026, 11, 20, 20, tzinfo=UTC))
    with UnitOfWork(evening) as uow:
        assert uow.today() == date(2026, 11, 21)
    with UnitOfWork(world.admin) as uow:
        settings.set_time_zone(uow, "Europe/Berlin")
    with UnitOfWork(evening) as uow:
        assert uow.today() == date(2026, 11, 20)
    with UnitOfWork(world.admin) as uow, pytest.raises(InvalidInput):
        settings.set_time_zone(uow, "Mars/Olympus")
    evening.lock()


def test_a_unit_outside_the_readers_units_is_refused(world: World) -> None:
    """Issue 16 item 4: figures for what the reader may see, under its own name; a unit wholly
    outside is refused, not answered with zeros."""
    b = world.login("dir_b")
    with UnitOfWork(b) as uow, pytest.raises(ScopeDenied):
        statistics.compute(uow, "大营门街", date(2026, 1, 1), date(2026, 3, 31))
    with UnitOfWork(b) as uow, pytest.raises(ScopeDenied):
        statistics.compute(uow, "紫金里社区", date(2026, 1, 1), date(2026, 3, 31))
    with UnitOfWork(b) as uow:
        district = statistics.compute(uow, "河西区", date(2026, 1, 1), date(2026, 3, 31))
    assert (district.name, district.kind.value) == ("平江里社区", "community")
    street = world.login("street_a")
    with UnitOfWork(street) as uow:
        mine = statistics.compute(uow, "河西区", date(2026, 1, 1), date(2026, 3, 31))
        with pytest.raises(ScopeDenied):
            statistics.compute(uow, "马场街", date(2026, 1, 1), date(2026, 3, 31))
    assert (mine.name, [c.name for c in mine.parts]) == ("大营门街", ["紫金里社区"])
    b.lock()
    street.lock()


def test_a_child_visited_in_three_households_reaches_all_three(world: World) -> None:
    """The by-child pass keeps every household a child was visited in (one child moved twice in
    the period), and a planned next date earlier than the interval makes the child overdue."""
    a = world.login("dir_a")
    moving = add_child(a, world.community_a, name="搬家")
    second = add_child(a, world.community_a, name="二户")
    third = add_child(a, world.community_a, name="三户")
    with UnitOfWork(a) as uow:
        visits.submit(uow, complete_visit(moving.id or "", date(2026, 1, 5)))
        for day, home in ((date(2026, 2, 5), second), (date(2026, 3, 5), third)):
            current = children.get_child(uow, moving.id or "")
            children.update_child(uow, replace(current, household_id=home.household_id))
            visits.submit(uow, complete_visit(moving.id or "", day))
        # The director planned the next visit for 03-20, before the monthly interval ends.
        visits.submit(
            uow,
            complete_visit(second.id or "", date(2026, 3, 10), next_visit_date=date(2026, 3, 20)),
        )
    with UnitOfWork(a) as uow:
        figures = statistics.compute(uow, "紫金里社区", date(2026, 1, 1), date(2026, 3, 31)).figures
    assert (figures.visits, figures.children, figures.households) == (4, 2, 3)
    # 户次: four visits on four days, each in one household.
    assert figures.household_times == 4
    # On 03-31: 搬家 is due 04-05 (not late); 二户 was planned for 03-20 (late); 三户 never visited
    # but registered today (2026-11-20 in the test world), so not yet on the books on 03-31.
    assert figures.overdue == 1
    a.lock()


def test_figures_see_the_visits_their_own_unit_of_work_wrote(world: World) -> None:
    """The period's visits are read on a second connection beside the unit of work, which sees
    only what is committed: after this unit of work wrote, they are read on its own connection."""
    a = world.login("dir_a")
    child = add_child(a, world.community_a, name="同事务")
    with UnitOfWork(a) as uow:
        visits.submit(uow, complete_visit(child.id or "", date(2026, 2, 5)))
        figures = statistics.compute(uow, "紫金里社区", date(2026, 1, 1), date(2026, 3, 31)).figures
        assert (figures.visits, figures.children) == (1, 1)
        with uow.side_reader() as side:
            assert side is None
    with UnitOfWork(a) as uow:
        with uow.side_reader() as side:
            assert side is not None  # nothing written yet: the figures read beside it
        figures = statistics.compute(uow, "紫金里社区", date(2026, 1, 1), date(2026, 3, 31)).figures
    assert (figures.visits, figures.children, figures.households) == (1, 1, 1)
    a.lock()
