"""Decisions that were window-only, through the real command line on a real store: the
mandatory-report deadlines (`settings report-deadlines`) and a re-examination decision
(`alert decide`), with their JSON fields, what they change and the exit codes for bad input,
roles and a reason the worklist does not hold."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from hexi_care.db.store import unlock
from hexi_care.domain.dates import add_years
from hexi_care.domain.enums import ReportTrigger
from hexi_care.domain.model import MandatoryReport
from hexi_care.services import casework, reexamination
from hexi_care.services.context import UnitOfWork
from tests.cli.test_cli import Hexi
from tests.conftest import ADMIN_PW, PW, World, add_child

# The command line runs on the real clock (the test world's fixed clock made the store only).


def test_report_deadlines_shown_and_set(world: World) -> None:
    hexi = Hexi(world.path)
    assert hexi.json("dir_a", PW, "settings", "report-deadlines") == {
        "tolerance_hours": 24,
        "feedback_days": 15,
    }
    code, out, _ = hexi.as_("dir_a", PW, "settings", "report-deadlines")
    assert code == 0 and "24" in out and "15" in out
    # A report found 30 hours ago and not made: late under 24 hours, in time under 48.
    child = add_child(world.login("dir_a"), world.community_a)
    # Found 30 hours ago on the real clock, as the command line reads it.
    store = unlock(world.path, "dir_a", PW)
    try:
        with UnitOfWork(store) as uow:
            casework.add_report(
                uow,
                MandatoryReport(
                    child_id=child.id or "",
                    trigger=ReportTrigger.ABANDONED,
                    found_at=datetime.now(UTC) - timedelta(hours=30),
                ),
            )
    finally:
        store.lock()
    late = [a for a in hexi.json("dir_a", PW, "alert", "list") if a["kind"] == "report_late"]
    assert len(late) == 1
    set_ = hexi.json("centre", PW, "settings", "report-deadlines", "--tolerance-hours", "48")
    assert set_ == {"tolerance_hours": 48, "feedback_days": 15}  # the other value kept
    assert not [a for a in hexi.json("dir_a", PW, "alert", "list") if a["kind"] == "report_late"]
    with UnitOfWork(world.login("centre")) as uow:
        assert casework.report_rules(uow).tolerance_hours == 48
    # The administrator may set it too; a director may not (4); out of range is bad input (5).
    code, _, _ = hexi.as_(
        "admin", ADMIN_PW, "settings", "report-deadlines", "--feedback-days", "30"
    )
    assert code == 0
    code, _, err = hexi.as_("dir_a", PW, "settings", "report-deadlines", "--tolerance-hours", "1")
    assert code == 4 and err
    for bad in (
        ("--tolerance-hours", "-1"),
        ("--tolerance-hours", "400"),
        ("--feedback-days", "0"),
    ):
        code, out, _ = hexi.as_("centre", PW, "settings", "report-deadlines", *bad, "--json")
        assert code == 5, bad
        assert json.loads(out)["field"] == bad[0][2:].replace("-", "_")
    code, _, _ = hexi.as_("centre", PW, "settings", "report-deadlines", "--feedback-days", "x")
    assert code == 2  # not a number: a usage error
    with UnitOfWork(world.login("centre")) as uow:
        rules = casework.report_rules(uow)
    assert (rules.tolerance_hours, rules.feedback_days) == (48, 30)


def test_a_re_examination_decision_from_the_command_line(world: World) -> None:
    hexi = Hexi(world.path)
    # Turns 18 in 20 days, within the 60 days announced before.
    eighteen = datetime.now(UTC).date() + timedelta(days=20)
    child = add_child(world.login("dir_a"), world.community_a, birth_date=add_years(eighteen, -18))
    assert child.id
    reasons = [
        a
        for a in hexi.json("dir_a", PW, "alert", "list")
        if a["source"] == "reexamination" and a["child_id"] == child.id
    ]
    (turning,) = [a for a in reasons if a["kind"] == "turns_18"]
    key = turning["record_id"]
    assert key == f"age18:{add_years(add_years(eighteen, -18), 18)}"
    # A key the list does not hold, an unknown decision, a child not there: refused (5).
    code, out, _ = hexi.as_(
        "dir_a",
        PW,
        "alert",
        "decide",
        child.id,
        "age18:2027-01-01",
        "--decision",
        "confirmed",
        "--json",
    )
    assert code == 5 and json.loads(out)["field"] == "reason_key"
    code, out, _ = hexi.as_(
        "dir_a", PW, "alert", "decide", child.id, key, "--decision", "maybe", "--json"
    )
    assert code == 5 and json.loads(out)["field"] == "decision"
    code, _, _ = hexi.as_(
        "dir_a", PW, "alert", "decide", "nosuchchild", key, "--decision", "confirmed"
    )
    assert code == 5
    # Another community's director cannot decide on this child.
    code, _, _ = hexi.as_("dir_b", PW, "alert", "decide", child.id, key, "--decision", "confirmed")
    assert code in (4, 5)
    d = hexi.json(
        "street_a",
        PW,
        "alert",
        "decide",
        child.id[:8],
        key,
        "--decision",
        "confirmed",
        "--note",
        "已核实：满18周岁后转入成年人救助",
    )
    assert d == {
        "child_id": child.id,
        "child_name": "张小明",
        "reason_key": key,
        "kind": "turns_18",
        "decision": "confirmed",
        "note": "已核实：满18周岁后转入成年人救助",
        "decided_on": d["decided_on"],
    }
    utc_today = datetime.now(UTC).date()
    assert date.fromisoformat(d["decided_on"]) in (utc_today, utc_today + timedelta(days=1))
    after = [a for a in hexi.json("dir_a", PW, "alert", "list") if a["child_id"] == child.id]
    assert key not in [a["record_id"] for a in after]
    with UnitOfWork(world.login("centre")) as uow:
        assert key not in [i.reason.key for i in reexamination.worklist(uow)]
    # Decided once: a second decision on it is refused, the reason is no longer open.
    code, _, err = hexi.as_("centre", PW, "alert", "decide", child.id, key, "--decision", "changed")
    assert code == 5 and key in err


def test_campaign_end(world: World) -> None:
    hexi = Hexi(world.path)
    today = datetime.now(UTC).date()
    start, end = today - timedelta(days=10), today + timedelta(days=60)
    for name, unit in (("区冬季关爱", "河西区"), ("街道冬季关爱", "大营门街")):
        hexi.json(
            "centre", PW, "campaign", "add", name, "--unit", unit,
            "--from", start.isoformat(), "--to", end.isoformat(),
        )  # fmt: skip
    # A street supervisor ends the street's campaign, not the district's (4); a director none.
    code, _, _ = hexi.as_("street_a", PW, "campaign", "end", "区冬季关爱")
    assert code == 4
    code, _, _ = hexi.as_("dir_a", PW, "campaign", "end", "街道冬季关爱")
    assert code == 4
    code, out, _ = hexi.as_(
        "street_a", PW, "campaign", "end", "街道冬季关爱", "--on",
        (end + timedelta(days=1)).isoformat(), "--json",
    )  # fmt: skip
    assert code == 5 and json.loads(out)["field"] == "ends_on"
    c = hexi.json("street_a", PW, "campaign", "end", "街道冬季关爱", "--on", today.isoformat())
    assert (c["name"], c["ends_on"], c["starts_on"]) == (
        "街道冬季关爱",
        today.isoformat(),
        start.isoformat(),
    )
    listed = {x["name"]: x["ends_on"] for x in hexi.json("centre", PW, "campaign", "list")}
    assert listed == {"区冬季关爱": end.isoformat(), "街道冬季关爱": today.isoformat()}
    code, out, _ = hexi.as_("centre", PW, "campaign", "end", "区冬季关爱")
    assert code == 0 and "区冬季关爱" in out


def test_campaign_edit(world: World) -> None:
    hexi = Hexi(world.path)
    today = datetime.now(UTC).date()
    start, end = today - timedelta(days=10), today + timedelta(days=60)
    hexi.json(
        "centre", PW, "campaign", "add", "区冬季关爱", "--unit", "河西区",
        "--from", start.isoformat(), "--to", end.isoformat(), "--target-count", "100",
        "--note", "原计划",
    )  # fmt: skip
    code, _, _ = hexi.as_("street_a", PW, "campaign", "edit", "区冬季关爱", "--target-count", "5")
    assert code == 4  # the district's campaign, not the street's
    code, out, _ = hexi.as_(
        "centre", PW, "campaign", "edit", "区冬季关爱", "--to", (start - timedelta(days=1)).isoformat(), "--json",
    )  # fmt: skip
    assert code == 5 and json.loads(out)["field"] == "ends_on"
    later = end + timedelta(days=14)
    c = hexi.json(
        "centre", PW, "campaign", "edit", "区冬季关爱", "--to", later.isoformat(),
        "--target-count", "800",
    )  # fmt: skip
    # Only what was given changed: the start and the note stay.
    assert (c["ends_on"], c["target_count"], c["starts_on"], c["note"]) == (
        later.isoformat(), 800, start.isoformat(), "原计划",
    )  # fmt: skip
    code, out, _ = hexi.as_("centre", PW, "campaign", "edit", "区冬季关爱", "--note", "")
    assert code == 0 and "区冬季关爱" in out
    (listed,) = hexi.json("centre", PW, "campaign", "list")
    assert (listed["note"], listed["target_count"]) == ("", 800)
    code, _, _ = hexi.as_("centre", PW, "campaign", "edit", "没有这个行动", "--note", "x")
    assert code == 5
