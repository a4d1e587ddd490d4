"""Children and visits: validation names the field, search finds by name, pinyin and ID tail, the
change log keeps the value a field was edited from, and visits move through their states."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from hexi_care.db.models import ChangeLog
from hexi_care.domain.enums import Rating, VisitStatus
from hexi_care.domain.model import Category, SectionRating, Visit
from hexi_care.errors import InvalidInput, SubmitIncomplete
from hexi_care.services import children, visits
from hexi_care.services import validate as v
from hexi_care.services.context import UnitOfWork
from tests.conftest import World, add_child
from tests.factories import complete_visit


def _field_of(exc: pytest.ExceptionInfo[InvalidInput]) -> str:
    return exc.value.field


def test_search_by_name_pinyin_and_id_tail(world: World) -> None:
    store = world.login("dir_a")
    add_child(
        store, world.community_a, name="张小明", id_number="12010320150301001X", birth_date=None
    )
    add_child(store, world.community_a, name="单田芳")
    add_child(store, world.community_a, name="王𠮷")
    with UnitOfWork(store) as uow:

        def names(q: str) -> list[str]:
            return [c.name for c in children.list_children(uow, query=q)]

        assert names("zxm") == ["张小明"]
        assert names("ZXM") == ["张小明"]
        assert names("zhangxiao") == ["张小明"]
        assert names("001x") == ["张小明"]
        assert names("01001X") == ["张小明"]
        assert names("stf") == ["单田芳"]  # 单 as a surname reads shan
        assert names("𠮷") == ["王𠮷"]
        assert names("%") == []
        assert names("_") == []
        assert [c.id_number_masked for c in children.list_children(uow, query="zxm")] == [
            "1201**********001X"
        ]


@pytest.mark.parametrize(
    ("changes", "field", "problem"),
    [
        ({"name": "  "}, "name", "required"),
        ({"id_number": "120103201503010019"}, "id_number", "id_checksum"),
        ({"id_number": "12010320150301001"}, "id_number", "id_length"),
        (
            {"id_number": "12010320150301001X", "birth_date": date(2015, 3, 2)},
            "id_number",
            "id_birth_date_mismatch",
        ),
        ({"id_number": "12010320150301001X", "sex": "female"}, "id_number", "id_sex_mismatch"),
        ({"birth_date": date(2027, 1, 1)}, "birth_date", "future_date"),
        ({"categories": [Category(code="nonsense")]}, "category", "unknown"),
        (
            {
                "categories": [
                    Category(
                        code="left_behind", start_date=date(2024, 1, 2), end_date=date(2024, 1, 1)
                    )
                ]
            },
            "end_date",
            "end_before_start",
        ),
    ],
)
def test_child_validation_names_the_field(
    world: World, changes: dict[str, object], field: str, problem: str
) -> None:
    store = world.login("dir_a")
    child = add_child(store, world.community_a)
    with pytest.raises(InvalidInput) as exc, UnitOfWork(store) as uow:
        children.update_child(uow, replace(child, **changes))  # type: ignore[arg-type]
    assert (exc.value.field, exc.value.problem) == (field, problem)
    assert exc.value.message("zh").startswith("输入有误")
    with UnitOfWork(store) as uow:
        assert children.get_child(uow, child.id or "") == child  # nothing half-saved


def test_edits_keep_the_value_they_were_edited_from(world: World) -> None:
    store = world.login("dir_a")
    child = add_child(store, world.community_a)
    with UnitOfWork(store) as uow:
        saved = children.update_child(uow, replace(child, school="梅江中学", phone="13800000000"))
    assert saved.version == child.version + 1
    with store.system_session() as s:
        rows = {
            r.field: (r.old_json, r.new_json)
            for r in s.scalars(select(ChangeLog).where(ChangeLog.entity_id == child.id))
        }
    assert rows == {"school": ('""', '"梅江中学"'), "phone": ('""', '"13800000000"')}


def test_visit_validation(world: World) -> None:
    store = world.login("dir_a")
    child = add_child(store, world.community_a, birth_date=date(2015, 3, 1))
    cases = [
        (Visit(child_id=child.id or "", visit_date=date(2014, 1, 1)), "visit_date", "before_birth"),
        (Visit(child_id=child.id or "", visit_date=date(2030, 1, 1)), "visit_date", "future_date"),
        (
            Visit(child_id=child.id or "", visit_date=date(2026, 1, 1), visit_time="25:00"),
            "visit_time",
            "bad_time",
        ),
        (
            Visit(
                child_id=child.id or "",
                visit_date=date(2026, 1, 1),
                next_visit_date=date(2025, 1, 1),
            ),
            "next_visit_date",
            "end_before_start",
        ),
        (
            Visit(
                child_id=child.id or "", visit_date=date(2026, 1, 1), safety_reminders=["dancing"]
            ),
            "safety_reminders",
            "choice",
        ),
    ]
    for visit, field, problem in cases:
        with pytest.raises(InvalidInput) as exc, UnitOfWork(store) as uow:
            visits.save_draft(uow, visit)
        assert (exc.value.field, exc.value.problem) == (field, problem)


def test_visit_lifecycle_updates_the_child(world: World) -> None:
    store = world.login("dir_a")
    child = add_child(store, world.community_a)
    with UnitOfWork(store) as uow:
        draft = visits.save_draft(
            uow,
            Visit(
                child_id=child.id or "",
                visit_date=date(2026, 11, 10),
                physical=SectionRating(rating=Rating.GOOD, note="健康"),
            ),
        )
        assert draft.status == VisitStatus.DRAFT
        draft = visits.save_draft(uow, replace(draft, needs="冬衣"))
    with UnitOfWork(store) as uow:
        summary = children.list_children(uow)[0]
        assert summary.last_visit is None  # drafts do not count
        done = visits.submit(uow, complete_visit(draft.child_id, draft.visit_date, id=draft.id))
    assert done.status == VisitStatus.SUBMITTED
    # Orphans are visited monthly by default: the next visit is suggested a month on.
    assert done.next_visit_date == date(2026, 12, 10)
    with UnitOfWork(store) as uow:
        summary = children.list_children(uow)[0]
        assert (summary.last_visit, summary.next_due) == (date(2026, 11, 10), date(2026, 12, 10))
        with pytest.raises(InvalidInput):
            visits.save_draft(uow, replace(done, needs="changed after submission"))


@given(st.text(max_size=12))
@settings(max_examples=200, deadline=None)
def test_parse_date_accepts_only_iso_dates(raw: str) -> None:
    try:
        parsed = v.parse_date("visit_date", raw)
    except InvalidInput as exc:
        assert exc.field == "visit_date" and exc.problem == "bad_date"
        return
    assert (raw.strip() == "" and parsed is None) or parsed == date.fromisoformat(raw.strip())


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2026, 11, 20)),
    st.integers(0, 499),
    st.booleans(),
)
@settings(max_examples=200, deadline=None)
def test_id_number_validator_agrees_with_birth_date_and_sex(
    birth: date, seq: int, male: bool
) -> None:
    from hexi_care.domain import idnumber
    from hexi_care.domain.enums import Sex

    body = f"120103{birth:%Y%m%d}{seq * 2 + (1 if male else 0):03d}"
    number = body + idnumber.check_char(body)
    sex = Sex.MALE if male else Sex.FEMALE
    check = v.id_number(number, today=date(2026, 11, 20), birth_date=birth, sex=sex)
    assert check is not None and check.number == number
    with pytest.raises(InvalidInput) as exc:
        v.id_number(number, today=date(2026, 11, 20), birth_date=birth + timedelta(days=1), sex=sex)
    assert exc.value.problem == "id_birth_date_mismatch"


def test_submit_refuses_an_incomplete_visit_and_keeps_the_draft(world: World) -> None:
    """One submit rule (domain.submission) in the service: who visited, whom they met and the five
    ratings; the refusal names every missing field and saves nothing of the submission."""
    store = world.login("dir_a")
    child = add_child(store, world.community_a)
    with UnitOfWork(store) as uow:
        draft = visits.save_draft(
            uow,
            Visit(
                child_id=child.id or "",
                visit_date=date(2026, 11, 10),
                visitors="王芳",
                physical=SectionRating(rating=Rating.GOOD),
            ),
        )
    with pytest.raises(SubmitIncomplete) as exc, UnitOfWork(store) as uow:
        visits.submit(uow, replace(draft, needs="冬衣"))
    assert exc.value.missing == ("people_met", *Visit.SECTIONS[1:])
    assert (exc.value.key, exc.value.field, exc.value.problem) == (
        "invalid_input",
        "people_met",
        "needed_to_submit",
    )
    assert exc.value.message("zh") == (
        "还不能提交审核：请先填写见面人员、心理状况、居住环境、家庭教育、社会支持。草稿可以随时保存。"
    )
    with UnitOfWork(store) as uow:
        kept = visits.get_visit(uow, draft.id or "")
    assert (kept.status, kept.needs, kept.submitted_at) == (VisitStatus.DRAFT, "", None)
    # Whitespace is not an answer.
    with pytest.raises(SubmitIncomplete) as exc, UnitOfWork(store) as uow:
        visits.submit(uow, complete_visit(child.id or "", date(2026, 11, 10), visitors="  "))
    assert exc.value.missing == ("visitors",)
    with UnitOfWork(store) as uow:
        done = visits.submit(uow, complete_visit(child.id or "", date(2026, 11, 10), id=draft.id))
    assert done.status == VisitStatus.SUBMITTED


def test_a_new_visit_starts_with_the_users_name_the_season_and_open_drafts(world: World) -> None:
    from hexi_care.domain.enums import SafetyTopic

    store = world.login("dir_a")  # display name 王主任; the test clock: 2026-11-20, no holiday near
    kid = add_child(store, world.community_a)
    assert kid.id
    with UnitOfWork(store) as uow:
        start = visits.new_visit_start(uow, kid.id)
        assert start.visitors == "王主任"
        assert start.safety == [SafetyTopic.GUARDIANSHIP_DUTY, SafetyTopic.FIRE_ELECTRICITY_GAS]
        assert start.drafts == []
        old = visits.save_draft(uow, Visit(child_id=kid.id, visit_date=date(2026, 11, 2)))
        new = visits.save_draft(uow, Visit(child_id=kid.id, visit_date=date(2026, 11, 15)))
        assert visits.new_visit_start(uow, kid.id).drafts == [
            (new.id, date(2026, 11, 15)),
            (old.id, date(2026, 11, 2)),
        ]
    # A user without a display name: no login name on the visit (paper never prints one).
    kid_b = add_child(world.login("dir_b"), world.community_b, name="李四")
    assert kid_b.id
    with UnitOfWork(world.login("dir_b")) as uow:
        assert visits.new_visit_start(uow, kid_b.id).visitors == ""


def test_list_dates_of_many_children_at_once_match_one_by_one(world: World) -> None:
    """A package's import brings the list columns of hundreds of children up to date at once
    (visits.refresh_children_dates); they come out as refresh_child_dates gives them one child
    at a time: no visit, a draft only, several visits, a planned next visit."""
    from hexi_care.db.models import Child as ChildRow
    from tests.factories import submitted_visit

    store = world.login("dir_a")
    kids = [add_child(store, world.community_a, f"王{n}") for n in "一二三四五"]
    ids = [k.id or "" for k in kids]
    with UnitOfWork(store) as uow:
        visits.save_draft(uow, complete_visit(ids[1], date(2026, 10, 1)))
        for day in (3, 20):
            visits.add_visit(uow, submitted_visit(ids[2], date(2026, 9, day)))
        visits.add_visit(
            uow, submitted_visit(ids[3], date(2026, 10, 5), next_visit_date=date(2026, 10, 12))
        )
        visits.add_visit(uow, submitted_visit(ids[4], date(2026, 6, 30)))
    with UnitOfWork(store) as uow:
        rows = list(uow.session.scalars(select(ChildRow).where(ChildRow.id.in_(ids))))
        one_by_one = {}
        for row in rows:
            visits.refresh_child_dates(uow, row)
            one_by_one[row.id] = (row.last_visit, row.next_due)
        for row in rows:
            row.last_visit = row.next_due = None
    with UnitOfWork(store) as uow:
        rows = sorted(
            uow.session.scalars(select(ChildRow).where(ChildRow.id.in_(ids))), key=lambda r: r.id
        )
        assert all(r.last_visit is None for r in rows)
        visits.refresh_children_dates(uow, rows)
        in_memory = {r.id: (r.last_visit, r.next_due) for r in rows}
    with UnitOfWork(store) as uow:
        stored = {
            r.id: (r.last_visit, r.next_due)
            for r in uow.session.scalars(select(ChildRow).where(ChildRow.id.in_(ids)))
        }
    assert stored == in_memory == one_by_one
    assert one_by_one[ids[0]][0] is None and one_by_one[ids[1]][0] is None
    assert one_by_one[ids[2]][0] == date(2026, 9, 20)
    assert one_by_one[ids[3]] == (date(2026, 10, 5), date(2026, 10, 12))
