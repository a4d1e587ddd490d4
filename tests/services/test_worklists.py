"""Mandatory-report deadlines (flagged late by the store's rule, feedback chased by a date), the
overdue list and the alert list with its sources, inside the user's scope."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hexi_care.domain import reporting
from hexi_care.domain.enums import ReportTrigger
from hexi_care.domain.model import MandatoryReport
from hexi_care.errors import InvalidInput, ScopeDenied
from hexi_care.services import casework, dashboard, visits, worklists
from hexi_care.services.context import UnitOfWork
from tests.conftest import FIXED_NOW, World, add_child
from tests.factories import complete_visit


def _report(world: World, found_hours_ago: float, reported_after: float | None) -> tuple[str, str]:
    store = world.login("dir_a")
    child = add_child(store, world.community_a, "陈小兰").id or ""
    found = FIXED_NOW - timedelta(hours=found_hours_ago)
    with UnitOfWork(store) as uow:
        rep = casework.add_report(
            uow,
            MandatoryReport(
                child_id=child,
                trigger=ReportTrigger.ABANDONED,
                found_at=found,
                reported_at=found + timedelta(hours=reported_after)
                if reported_after is not None
                else None,
                agency="公安",
            ),
        )
    return child, rep.id or ""


def test_a_report_made_after_the_tolerance_is_late_on_every_list(world: World) -> None:
    child, rep = _report(world, found_hours_ago=48, reported_after=30)
    for who in ("dir_a", "street_a", "centre"):
        with UnitOfWork(world.login(who)) as uow:
            (r,) = casework.reports(uow, child)
            assert r.late and r.id == rep
            board = dashboard.dashboard(uow)
            assert board.reports is not None and [i.late for i in board.reports] == [True]
            (alert,) = [a for a in worklists.alerts(uow) if a.source == "report"]
            assert alert.kind == "report_late" and alert.record_id == rep
            assert alert.text_zh.startswith("强制报告超时：2026-11-18发现，2026-11-20才报告")
    # A centre with a tolerance of 48 hours: on time.
    with UnitOfWork(world.login("centre")) as uow:
        casework.set_report_rules(uow, reporting.ReportRules(tolerance_hours=48))
    with UnitOfWork(world.login("dir_a")) as uow:
        assert not casework.reports(uow, child)[0].late
        assert worklists.alerts(uow, sources=["report"]) == []
    with UnitOfWork(world.login("dir_a")) as uow, pytest.raises(ScopeDenied):
        casework.set_report_rules(uow, reporting.ReportRules())


def test_a_report_not_yet_made_turns_late_and_on_time_ones_are_not(world: World) -> None:
    pending, _ = _report(world, found_hours_ago=30, reported_after=None)
    on_time, _ = _report(world, found_hours_ago=30, reported_after=2)
    with UnitOfWork(world.login("dir_a")) as uow:
        assert casework.reports(uow, pending)[0].late
        assert not casework.reports(uow, on_time)[0].late
        (alert,) = worklists.alerts(uow, sources=["report"])
        assert alert.child_id == pending and alert.kind == "report_late"
        assert alert.text_zh.startswith("强制报告未在时限内报告（2026-11-19发现，")


def test_feedback_follow_up_date_from_the_rule_and_chased_when_passed(world: World) -> None:
    child, rep = _report(world, found_hours_ago=24 * 20, reported_after=1)
    with UnitOfWork(world.login("dir_a")) as uow:
        (r,) = casework.reports(uow, child)
        # Reported 2026-10-31 in Beijing (found 20 days before the clock's 2026-11-20 18:00):
        # feedback due 15 days later, passed by today.
        assert r.feedback_due == date(2026, 11, 15)
        assert r.feedback_overdue
        kinds = {a.kind for a in worklists.alerts(uow, sources=["report"])}
        assert kinds == {"feedback_overdue"}
        casework.update_report(uow, MandatoryReport(**{**_fields(r), "feedback": "已立案侦查"}))
    with UnitOfWork(world.login("dir_a")) as uow:
        assert not casework.reports(uow, child)[0].feedback_overdue
        with pytest.raises(InvalidInput):
            bad = casework.reports(uow, child)[0]
            casework.update_report(
                uow,
                MandatoryReport(
                    **{**_fields(bad), "reported_at": bad.found_at - timedelta(hours=1)}
                ),
            )


def _fields(r: MandatoryReport) -> dict[str, object]:
    return {
        k: getattr(r, k)
        for k in (
            "id",
            "child_id",
            "trigger",
            "found_at",
            "reported_at",
            "agency",
            "receipt_no",
            "feedback",
            "description",
            "status",
            "feedback_due",
        )
    }


def test_overdue_list_narrows_to_a_unit_and_stays_in_scope(world: World) -> None:
    a = add_child(world.login("dir_a"), world.community_a, "周小北").id or ""
    b = add_child(world.login("dir_b"), world.community_b, "吴小南").id or ""
    for store, kid in ((world.login("dir_a"), a), (world.login("dir_b"), b)):
        with UnitOfWork(store) as uow:
            visits.submit(uow, complete_visit(kid, date(2026, 8, 1)))
    with UnitOfWork(world.login("centre")) as uow:
        everyone = worklists.overdue(uow)
        assert {line.child_id for line in everyone} == {a, b}
        assert all(line.days_overdue > 0 for line in everyone)
        assert [line.child_id for line in worklists.overdue(uow, unit_id=world.street_a)] == [a]
    with UnitOfWork(world.login("dir_b")) as uow:
        assert [line.child_id for line in worklists.overdue(uow)] == [b]
        with pytest.raises(ScopeDenied):  # another community's: refused, not shown as empty
            worklists.overdue(uow, unit_id=world.community_a)
    with UnitOfWork(world.login("street_a")) as uow, pytest.raises(ScopeDenied):
        worklists.alerts(uow, unit_id=world.other_street)


def test_another_part_adds_its_own_alert_source(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    kid = add_child(world.login("dir_a"), world.community_a, "郑小东").id or ""

    def campaign_gaps(uow: UnitOfWork, unit_id: str | None) -> list[worklists.Alert]:
        return [
            worklists.Alert(
                source="campaign",
                kind="not_visited",
                child_id=kid,
                child_name="郑小东",
                community_id=world.community_a,
                community_name="紫金里社区",
                when=date(2026, 11, 1),
                text_zh="寒假走访尚未覆盖",
                text_en="Not yet visited in the winter campaign.",
                link="visits",
            )
        ]

    monkeypatch.setitem(worklists.ALERT_SOURCES, "campaign", campaign_gaps)
    with UnitOfWork(world.login("dir_a")) as uow:
        assert [a.source for a in worklists.alerts(uow)] == ["campaign"]
        assert worklists.alerts(uow, sources=["report"]) == []
    with UnitOfWork(world.admin) as uow, pytest.raises(ScopeDenied):
        worklists.alerts(uow)
