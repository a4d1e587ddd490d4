"""`child edit`, `household edit`, `guardian edit` against a real store: the changed fields as
JSON on standard input (the names `child show --json` prints), through the services (scope, audit,
field-level old values for the exchange), exit codes as docs/cli.md."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select

from hexi_care.db.models import AuditEvent, ChangeLog
from hexi_care.domain.enums import Relationship, SituationKind
from hexi_care.domain.model import Guardian, Situation
from hexi_care.services import households
from hexi_care.services.context import UnitOfWork
from tests.cli.test_cli import Hexi
from tests.conftest import PW, World, add_child


def _family(world: World) -> tuple[str, str, str]:
    """A child in community A with its household and one guardian: (child, household, guardian)."""
    director = world.login("dir_a")
    child = add_child(director, world.community_a, name="李小红", school="紫金里小学")
    with UnitOfWork(director) as uow:
        guardian = households.save_guardian(
            uow,
            Guardian(
                name="李建国",
                relationship=Relationship.FATHER,
                household_id=child.household_id,
                phone="13800000000",
                is_guardian=True,
                note="常年在外",
                situations=[
                    Situation(
                        kind=SituationKind.WORKING_AWAY,
                        start_date=date(2024, 3, 1),
                        note="在上海打工",
                    )
                ],
            ),
        )
    director.lock()
    world.admin.lock()
    return child.id or "", child.household_id or "", guardian.id or ""


def _edit(
    world: World, user: str, what: str, ref: str, changes: Any, lang: str | None = None
) -> tuple[int, str, str]:
    return Hexi(world.path).as_(
        user, PW, what, "edit", ref, "--json", stdin=json.dumps(changes), lang=lang
    )


def _show(world: World, child_id: str) -> dict[str, Any]:
    code, out, err = Hexi(world.path).as_("dir_a", PW, "child", "show", child_id, "--json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def _changes(world: World, entity: str, entity_id: str) -> dict[str, tuple[Any, Any]]:
    store = world.login("centre")
    with UnitOfWork(store) as uow:
        rows = uow.session.scalars(
            select(ChangeLog).where(ChangeLog.entity == entity, ChangeLog.entity_id == entity_id)
        ).all()
        found = {
            r.field: (json.loads(r.old_json or "null"), json.loads(r.new_json or "null"))
            for r in rows
        }
    store.lock()
    return found


def test_child_edit_changes_only_the_fields_sent(world: World) -> None:
    child_id, _, _ = _family(world)
    before = _show(world, child_id)
    code, out, err = _edit(
        world,
        "dir_a",
        "child",
        child_id[:8],
        {
            "school": "河西区实验小学",
            "grade": "三年级",
            "categories": ["orphan_scattered", "left_behind"],
        },
    )
    assert code == 0, err
    assert json.loads(out)["school"] == "河西区实验小学"
    after = _show(world, child_id)
    assert after["school"] == "河西区实验小学" and after["grade"] == "三年级"
    assert after["categories"] == ["left_behind", "orphan_scattered"]
    # A code sent alone keeps what the child's category already recorded.
    kept = next(c for c in after["category_details"] if c["code"] == "orphan_scattered")
    assert kept["basis"] == "父母双亡" and kept["start_date"] == "2020-01-01"
    unchanged = {"name", "birth_date", "sex", "address", "household_id", "community", "risk"}
    assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}
    assert after["version"] == before["version"] + 1
    log = _changes(world, "child", child_id)
    assert log["school"] == ("紫金里小学", "河西区实验小学")
    assert log["grade"] == ("", "三年级")
    assert "name" not in log and "address" not in log


def test_child_edit_round_trips_a_field_of_child_show(world: World) -> None:
    child_id, _, _ = _family(world)
    shown = _show(world, child_id)
    code, _, err = _edit(
        world,
        "dir_a",
        "child",
        child_id,
        {
            "id": shown["id"],
            "version": shown["version"],
            "category_details": shown["category_details"],
            "note": "已核实",
        },
    )
    assert code == 0, err
    after = _show(world, child_id)
    assert after["note"] == "已核实" and after["category_details"] == shown["category_details"]
    assert after["version"] == shown["version"] + 1
    assert set(_changes(world, "child", child_id)) == {"note"}  # the categories sent back as read
    # The version read before this edit is stale now: the second edit is refused, nothing changes.
    code, out, err = _edit(
        world, "dir_a", "child", child_id, {"version": shown["version"], "note": "x"}
    )
    assert code == 5 and json.loads(out)["field"] == "version" and "版本" in err
    assert _show(world, child_id)["note"] == "已核实"


def test_child_edit_bad_input_names_the_field_and_saves_nothing(world: World) -> None:
    child_id, _, _ = _family(world)
    code, out, err = _edit(
        world, "dir_a", "child", child_id, {"birth_date": "2015-13-01", "school": "x"}
    )
    assert code == 5 and json.loads(out)["field"] == "birth_date"
    assert "出生日期" in err and "birth_date" not in err
    code, _, err = _edit(world, "dir_a", "child", child_id, {"sex": "robot"}, lang="en")
    assert code == 5 and "sex" in err.lower()
    code, out, err = _edit(world, "dir_a", "child", child_id, {"visits": []})
    assert code == 5 and json.loads(out)["problem"] == "read_only" and "走访记录" in err
    code, out, _ = _edit(world, "dir_a", "child", child_id, {"favourite_colour": "red"})
    assert code == 5 and json.loads(out)["problem"] == "unknown"
    code, _, _ = _edit(world, "dir_a", "child", child_id, ["not", "an", "object"])
    assert code == 5
    assert _show(world, child_id)["school"] == "紫金里小学"


def test_edit_outside_scope(world: World) -> None:
    child_id, household_id, guardian_id = _family(world)
    # Another community's director does not see the records at all (not found, nothing revealed).
    for what, ref in (("child", child_id), ("household", household_id), ("guardian", guardian_id)):
        code, out, _ = _edit(world, "dir_b", what, ref, {"note": "x"})
        assert code == 5 and json.loads(out)["error"] == "not_found"
    # Moving a child to a community outside one's units is a scope refusal.
    code, _, err = _edit(world, "dir_a", "child", child_id, {"community": "平江里社区"})
    assert code == 4, err
    assert _show(world, child_id)["community"] == world.community_a


def test_household_edit(world: World) -> None:
    child_id, household_id, _ = _family(world)
    code, out, err = _edit(
        world, "dir_a", "household", household_id, {"address": "紫金山路9号", "phone": "022-1234"}
    )
    assert code == 0, err
    saved = json.loads(out)
    assert saved["address"] == "紫金山路9号" and saved["phone"] == "022-1234"
    household = _show(world, child_id)["household"]
    assert household["address"] == "紫金山路9号" and household["hukou_address"] == ""
    assert _changes(world, "household", household_id)["address"] == (
        "河西区紫金山路1号",
        "紫金山路9号",
    )
    code, out, err = _edit(world, "dir_a", "household", household_id, {"community_id": "x"})
    assert code == 5 and json.loads(out)["problem"] == "read_only" and "所属社区" in err
    code, out, _ = _edit(world, "dir_a", "household", household_id, {"address": 12})
    assert code == 5 and json.loads(out)["field"] == "address"


def test_guardian_edit_keeps_what_is_not_sent(world: World) -> None:
    child_id, _, guardian_id = _family(world)
    code, out, err = _edit(
        world, "dir_a", "guardian", guardian_id, {"phone": "13900000000", "is_carer": True}
    )
    assert code == 0, err
    saved = json.loads(out)
    assert saved["phone"] == "13900000000" and saved["is_carer"] is True
    (guardian,) = _show(world, child_id)["guardians"]
    assert guardian["name"] == "李建国" and guardian["note"] == "常年在外"
    assert guardian["is_guardian"] is True and guardian["relationship"] == "father"
    (situation,) = guardian["situations"]
    assert situation["kind"] == "working_away" and situation["note"] == "在上海打工"
    log = _changes(world, "guardian", guardian_id)
    assert log["phone"] == ("13800000000", "13900000000") and log["is_carer"] == (False, True)
    assert "situations" not in log
    code, out, err = _edit(world, "dir_a", "guardian", guardian_id, {"relationship": "uncle"})
    assert code == 5 and json.loads(out)["field"] == "relationship" and "与儿童关系" in err
    code, out, err = _edit(world, "dir_a", "guardian", guardian_id, {"household_id": "x"})
    assert code == 5 and json.loads(out)["problem"] == "read_only"


def test_edits_are_audited(world: World) -> None:
    child_id, household_id, guardian_id = _family(world)
    assert _edit(world, "dir_a", "child", child_id, {"phone": "1"})[0] == 0
    assert _edit(world, "dir_a", "household", household_id, {"note": "n"})[0] == 0
    assert _edit(world, "dir_a", "guardian", guardian_id, {"name": "李建军"})[0] == 0
    code, out, err = Hexi(world.path).as_("centre", PW, "audit", "verify", "--json")
    assert code == 0 and json.loads(out)["ok"] is True, err
    store = world.login("centre")
    with UnitOfWork(store) as uow:
        updates = {
            (e.entity, e.entity_id)
            for e in uow.session.scalars(select(AuditEvent).where(AuditEvent.action == "update"))
        }
    store.lock()
    assert {("child", child_id), ("household", household_id), ("guardian", guardian_id)} <= updates
