"""The casework commands' contract (issue 10): `review list|approve|return`, `schedule overdue`,
`alert list`, `child assign` — their JSON fields and exit codes (docs/cli.md) on a real store."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_cli import Hexi
from tests.factories import complete_visit_json

PW = "user-pass-1"


@pytest.fixture(scope="module")
def hexi(tmp_path_factory: pytest.TempPathFactory) -> Hexi:
    h = Hexi(tmp_path_factory.mktemp("casework") / "s.hexi")
    code, _, err = h("--password-stdin", "init", "--admin", "admin", stdin="admin-pass-1\n")
    assert code == 0, err
    h.as_("admin", "admin-pass-1", "unit", "add", "紫金里社区", "--parent", "大营门街")
    h.as_("admin", "admin-pass-1", "unit", "add", "平江里社区", "--parent", "马场街")
    for name, role, unit in [
        ("zhang", "director", "紫金里社区"),
        ("wang", "director", "紫金里社区"),
        ("li", "director", "平江里社区"),
        ("street", "street_supervisor", "大营门街"),
        ("centre", "centre_supervisor", "河西区"),
    ]:
        code, _, err = h.as_(
            "admin", "admin-pass-1", "user", "add", name, "--role", role, "--unit", unit,
            stdin=f"{PW}\n",
        )  # fmt: skip
        assert code == 0, err
    return h


def child(h: Hexi, name: str, who: str = "zhang", **extra: Any) -> dict[str, Any]:
    community = "紫金里社区" if who in ("zhang", "wang") else "平江里社区"
    data = {
        "name": name,
        "sex": "female",
        "community": community,
        "birth_date": "2015-03-01",
        "categories": [{"code": "orphan_scattered", "start_date": "2020-01-01"}],
        **extra,
    }
    added: dict[str, Any] = h.json(who, PW, "child", "add", stdin=json.dumps(data))
    return added


def visit(h: Hexi, child_id: str, day: str, who: str = "zhang") -> str:
    data = complete_visit_json(day, status="submitted")
    added = h.json(who, PW, "visit", "add", "--child", child_id, stdin=json.dumps(data))
    return str(added["id"])


def test_review_list_approve_and_return(hexi: Hexi) -> None:
    kid = child(hexi, "钱小审")
    v1, v2, v3 = (visit(hexi, kid["id"], d) for d in ("2026-01-05", "2026-02-05", "2026-03-05"))
    queue = hexi.json("street", PW, "review", "list")
    mine = [r for r in queue if r["child_id"] == kid["id"]]
    assert [r["visit_id"] for r in mine] == [v1, v2, v3]
    assert set(mine[0]) == {
        "visit_id",
        "child_id",
        "child_name",
        "community",
        "visit_date",
        "kind",
        "submitted_at",
        "author",
    }
    assert mine[0]["community"] == "紫金里社区" and mine[0]["visit_date"] == "2026-01-05"
    # Approving two at once: all or nothing.
    done = hexi.json("street", PW, "review", "approve", v1[:8], v2)
    assert [(d["id"], d["status"]) for d in done] == [(v1, "approved"), (v2, "approved")]
    code, _, err = hexi.as_("street", PW, "review", "approve", v3, v1)  # v1 is approved already
    assert code == 5 and err
    assert [r["visit_id"] for r in hexi.json("street", PW, "review", "list")] == [v3]
    # Returning needs the comment.
    code, _, _ = hexi.as_("street", PW, "review", "return", v3)
    assert code == 2
    back = hexi.json("street", PW, "review", "return", v3, "--comment", "请补充见面人员")
    assert back["status"] == "returned"
    code, out, _ = hexi.as_("street", PW, "review", "list")
    assert code == 0 and out.strip() == "没有待审核的走访。"
    # Directors do not review; another street's supervisor does not see these.
    code, _, _ = hexi.as_("zhang", PW, "review", "list")
    assert code == 4


def test_schedule_overdue(hexi: Hexi) -> None:
    kid = child(hexi, "孙小逾")
    visit(hexi, kid["id"], "2025-01-10")
    other = child(hexi, "周小平", who="li")
    visit(hexi, other["id"], "2025-01-10", who="li")
    rows = hexi.json("centre", PW, "schedule", "overdue")
    ids = [r["child_id"] for r in rows]
    assert kid["id"] in ids and other["id"] in ids
    line = rows[ids.index(kid["id"])]
    assert set(line) == {
        "child_id",
        "child_name",
        "community_id",
        "community",
        "last_visit",
        "next_due",
        "days_overdue",
        "categories",
    }
    assert line["last_visit"] == "2025-01-10" and line["next_due"] == "2025-02-10"
    assert line["days_overdue"] > 300 and line["categories"] == ["orphan_scattered"]
    street = hexi.json("centre", PW, "schedule", "overdue", "--unit", "大营门街")
    assert other["id"] not in [r["child_id"] for r in street]
    assert kid["id"] in [r["child_id"] for r in street]
    code, _, _ = hexi.as_("zhang", PW, "schedule", "overdue", "--unit", "平江里社区")
    assert code == 4
    code, _, _ = hexi.as_("zhang", PW, "schedule", "overdue", "--unit", "没有这个社区")
    assert code == 5


def test_alert_list_gives_re_examinations(hexi: Hexi) -> None:
    birthday = date.today().replace(day=1) + timedelta(days=40)
    born = birthday.replace(year=birthday.year - 18)
    kid = child(hexi, "吴小成", birth_date=born.isoformat())
    alerts = hexi.json("zhang", PW, "alert", "list")
    (a,) = [x for x in alerts if x["child_id"] == kid["id"] and x["kind"] == "turns_18"]
    assert set(a) == {
        "source",
        "kind",
        "child_id",
        "child_name",
        "community_id",
        "community",
        "date",
        "text",
        "link",
        "record_id",
    }
    assert a["source"] == "reexamination" and a["link"] == "profile"
    assert a["date"] == birthday.isoformat()
    assert "年满18周岁" in a["text"]
    en = json.loads(hexi.as_("zhang", PW, "alert", "list", "--json", lang="en")[1])
    assert any("Turns 18" in x["text"] for x in en if x["child_id"] == kid["id"])
    assert not [x for x in hexi.json("li", PW, "alert", "list") if x["child_id"] == kid["id"]]


def test_alert_list_text_gives_what_alert_decide_takes(hexi: Hexi) -> None:
    birthday = date.today().replace(day=1) + timedelta(days=40)
    kid = child(hexi, "冯小键", birth_date=birthday.replace(year=birthday.year - 18).isoformat())
    code, out, _ = hexi.as_("zhang", PW, "alert", "list")
    assert code == 0
    (line,) = [x for x in out.splitlines() if "冯小键" in x and "年满18周岁" in x]
    when, name, _community, _text, child_id, key = line.split("\t")
    assert (when, name, child_id, key) == (
        birthday.isoformat(), "冯小键", kid["id"], f"age18:{birthday.isoformat()}",
    )  # fmt: skip
    code, _, _ = hexi.as_("zhang", PW, "alert", "decide", child_id, key, "--decision", "confirmed")
    assert code == 0
    _, out, _ = hexi.as_("zhang", PW, "alert", "list")
    mine = [x.split("\t")[-1] for x in out.splitlines() if child_id in x]
    assert mine and key not in mine  # (its annual review is still due)


def test_child_assign_hands_a_director_s_children_over(hexi: Hexi) -> None:
    kid = child(hexi, "郑小交")
    code, _, _ = hexi.as_("zhang", PW, "child", "assign", "--from", "zhang", "--to", "wang")
    assert code == 4  # directors do not hand over
    code, _, _ = hexi.as_("street", PW, "child", "assign", "--from", "zhang", "--to", "li")
    assert code == 4  # li directs a community of another street
    code, _, _ = hexi.as_("street", PW, "child", "assign", "--from", "zhang", "--to", "street")
    assert code == 5
    done = hexi.json("street", PW, "child", "assign", "--from", "zhang", "--to", "wang")
    assert set(done) == {"from", "to", "children", "child_ids"}
    assert (done["from"], done["to"]) == ("zhang", "wang")
    assert kid["id"] in done["child_ids"] and done["children"] == len(done["child_ids"])
    code, out, _ = hexi.as_("centre", PW, "child", "assign", "--from", "zhang", "--to", "wang")
    assert code == 0 and out.startswith("已将 0 名儿童从 zhang 移交给 wang")


def test_the_commands_are_documented() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text("utf-8")
    for command in (
        "review list",
        "review approve",
        "review return",
        "schedule overdue",
        "alert list",
        "child assign",
    ):
        assert f"`hexi-care {command}" in text, command
