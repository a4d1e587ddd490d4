"""`campaign add|list|progress`, `allowance list|ledger|pay|standard` and the social-support fields
of `child show`/`child edit`, through the real command line on a real store: JSON fields, files
written, exit codes for bad input and roles."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from hexi_care.domain.model import Category
from tests.cli.test_cli import Hexi
from tests.conftest import PW, World, add_child, confirmed_allowance
from tests.reports.pdfcheck import all_text

ORPHAN = "orphan_scattered"


def _confirmed_child(world: World) -> str:
    child = add_child(world.login("dir_a"), world.community_a, categories=[Category(code=ORPHAN)])
    assert child.id
    confirmed_allowance(world, child.id, date(2026, 9, 30))
    return child.id


def test_allowance_commands(world: World, tmp_path: Path) -> None:
    _confirmed_child(world)
    hexi = Hexi(world.path)
    # No standard yet: a bad input naming the field, exit 5.
    code, out, _ = hexi.as_("centre", PW, "allowance", "list", "--month", "2026-10", "--json")
    assert code == 5 and json.loads(out)["problem"] == "no_standard"
    code, _, _ = hexi.as_(
        "dir_a",
        PW,
        "allowance",
        "standard",
        "--year",
        "2026",
        "--category",
        ORPHAN,
        "--amount-fen",
        "215000",
    )
    assert code == 4  # a director may not set standards
    rows = hexi.json(
        "centre",
        PW,
        "allowance",
        "standard",
        "--year",
        "2026",
        "--category",
        ORPHAN,
        "--amount-fen",
        "215000",
    )
    assert rows == [
        {"year": 2026, "category": ORPHAN, "care_setting": "community", "monthly_fen": 215000}
    ]
    (line,) = hexi.json("dir_a", PW, "allowance", "list", "--month", "2026-10")
    assert (line["month"], line["amount_fen"], line["paid_fen"]) == ("2026-10", 215000, None)
    assert line["confirmation_no"] == "河民确〔2026〕3号"
    assert hexi.json("dir_a", PW, "allowance", "list", "--month", "2026-09") == []
    code, _, err = hexi.as_("dir_a", PW, "allowance", "list", "--month", "2026-13")
    assert code == 5 and "YYYY-MM" in err
    assert hexi.json(
        "street_a", PW, "allowance", "pay", "--month", "2026-10", "--paid-on", "2026-10-20"
    ) == {"month": "2026-10", "payments": 1}
    (line,) = hexi.json("dir_a", PW, "allowance", "ledger", "--month", "2026-10")
    assert (line["paid_fen"], line["paid_on"]) == (215000, "2026-10-20")
    xlsx, pdf = tmp_path / "l.xlsx", tmp_path / "l.pdf"
    for out in (xlsx, pdf):
        code, text, err = hexi.as_(
            "centre", PW, "allowance", "ledger", "--month", "2026-10", "--out", str(out)
        )
        assert code == 0, err
        assert str(out) in text
    sheet = load_workbook(xlsx).active
    assert sheet is not None and sheet.cell(3, 3).value == "张小明"
    assert "基本生活保障金发放台账" in all_text(pdf.read_bytes())
    code, _, _ = hexi.as_(
        "centre", PW, "allowance", "list", "--month", "2026-10", "--out", str(tmp_path / "x.doc")
    )
    assert code == 5


def test_campaign_commands(world: World) -> None:
    hexi = Hexi(world.path)
    add_child(world.login("dir_a"), world.community_a, categories=[Category(code="left_behind")])
    c = hexi.json(
        "centre",
        PW,
        "campaign",
        "add",
        "2026寒假",
        "--unit",
        "河西区",
        "--from",
        "2026-12-20",
        "--to",
        "2027-02-20",
        "--kind",
        "winter",
        "--category",
        "left_behind",
        "--target-count",
        "800",
    )
    assert (c["name"], c["kind"], c["categories"], c["target_count"]) == (
        "2026寒假",
        "winter",
        ["left_behind"],
        800,
    )
    code, _, _ = hexi.as_(
        "dir_a",
        PW,
        "campaign",
        "add",
        "x",
        "--unit",
        "紫金里社区",
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-02",
    )
    assert code == 4
    code, out, _ = hexi.as_(
        "centre",
        PW,
        "campaign",
        "add",
        "y",
        "--unit",
        "河西区",
        "--from",
        "2026-02-01",
        "--to",
        "2026-01-02",
        "--json",
    )
    assert code == 5 and json.loads(out)["field"] == "ends_on"
    assert [x["name"] for x in hexi.json("dir_a", PW, "campaign", "list")] == ["2026寒假"]
    p = hexi.json("dir_a", PW, "campaign", "progress", "2026寒假")
    assert (p["targets"], p["goal"], p["reached"], p["percent"]) == (1, 800, 0, 0)
    code, out, _ = hexi.as_("dir_a", PW, "campaign", "progress", "2026寒假")
    assert code == 0 and "0 / 800" in out
    code, _, _ = hexi.as_("dir_a", PW, "campaign", "progress", "no such")
    assert code == 5


def test_child_edit_support_fields(world: World) -> None:
    child = add_child(world.login("dir_a"), world.community_a)
    assert child.id
    hexi = Hexi(world.path)
    edit = {
        "disability_grade": 2,
        "teacher_name": "刘老师",
        "teacher_phone": "13900000000",
        "support": [{"kind": "dibao", "amount_fen": 98000, "approved_on": "2026-03-01"}],
        "care_agreements": [
            {
                "carer_name": "张桂兰",
                "carer_id_number": "120103197501017219",
                "term_end": "2027-01-31",
            }
        ],
    }
    shown = hexi.json("dir_a", PW, "child", "edit", child.id, stdin=json.dumps(edit))
    assert (shown["disability_grade"], shown["teacher_name"]) == (2, "刘老师")
    (s,) = shown["support"]
    assert (s["kind"], s["amount_fen"]) == ("dibao", 98000)
    s["amount_fen"] = 105000
    again = hexi.json("dir_a", PW, "child", "edit", child.id, stdin=json.dumps({"support": [s]}))
    assert [x["amount_fen"] for x in again["support"]] == [105000]
    full = hexi.json("dir_a", PW, "child", "show", child.id)
    assert full["care_agreements"][0]["carer_id_number"] == "120103197501017219"
    assert full["allowances"] == []
    code, out, _ = hexi.as_(
        "dir_a",
        PW,
        "child",
        "edit",
        child.id,
        "--json",
        stdin=json.dumps({"disability_grade": 7}),
    )
    assert code == 5 and json.loads(out)["field"] == "disability_grade"
    code, out, _ = hexi.as_(
        "dir_a",
        PW,
        "child",
        "edit",
        child.id,
        "--json",
        stdin=json.dumps({"support": [{"kind": "lottery"}]}),
    )
    assert code == 5 and json.loads(out)["field"] == "support_kind"


def test_allowance_steps_on_the_command_line(world: World) -> None:
    child = add_child(world.login("dir_a"), world.community_a, categories=[Category(code=ORPHAN)])
    assert child.id
    hexi = Hexi(world.path)
    a = hexi.json(
        "dir_a",
        PW,
        "allowance",
        "apply",
        "--child",
        child.id,
        "--category",
        ORPHAN,
        "--on",
        "2026-08-03",
        "--by",
        "王主任",
    )
    assert a["stage"] == "applied"
    code, _, _ = hexi.as_(
        "dir_a", PW, "allowance", "check", a["id"], "--on", "2026-08-10", "--by", "x"
    )
    assert code == 4  # the street checks
    a = hexi.json("street_a", PW, "allowance", "check", a["id"], "--on", "2026-08-10", "--by", "李")
    assert a["stage"] == "checked"
    a = hexi.json(
        "centre",
        PW,
        "allowance",
        "confirm",
        a["id"],
        "--on",
        "2026-08-31",
        "--by",
        "区民政局",
        "--number",
        "河民确〔2026〕5号",
    )
    assert (a["stage"], a["start_month"]) == ("confirmed", "2026-09")
    a = hexi.json(
        "centre", PW, "allowance", "suspend", a["id"], "--from", "2026-10", "--reason", "核查中"
    )
    assert a["stage"] == "suspended"
    a = hexi.json("centre", PW, "allowance", "resume", a["id"], "--last", "2026-10")
    a = hexi.json(
        "centre", PW, "allowance", "stop", a["id"], "--from", "2026-12", "--reason", "迁出"
    )
    assert a["stage"] == "stopped" and a["stop_reason"] == "迁出"
