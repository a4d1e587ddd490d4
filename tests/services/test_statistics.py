"""Statistics checked against a hand-built dataset whose true counts are known (DOMAIN.md "Counting":
户 distinct households, 人 distinct persons, 人次 person-times, 件 items, 元 money)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from hexi_care.domain.enums import ReportTrigger
from hexi_care.domain.model import (
    Activity,
    Assistance,
    MandatoryReport,
    NoticeDelivery,
    Visit,
)
from hexi_care.services import casework, children, statistics, support, visits
from hexi_care.services.context import UnitOfWork
from tests.conftest import World, add_child
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
    assert [c.name for s in mine.parts for c in s.parts] == ["紫金里社区"]
