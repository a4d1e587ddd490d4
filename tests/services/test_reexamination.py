"""The re-examination worklist over a real store: reasons from parents' situations, birthdays and
evidence, inside the user's scope only; a decision takes a reason off and is audited."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from hexi_care.db.models import AuditEvent
from hexi_care.domain import reexamination as rx
from hexi_care.domain.enums import CategoryCode, ReexamKind, Relationship, SituationKind
from hexi_care.domain.model import Category, Guardian, Situation
from hexi_care.errors import InvalidInput, ScopeDenied
from hexi_care.services import attachments, households, reexamination
from hexi_care.services.context import UnitOfWork
from tests.conftest import World, add_child

PDF = b"%PDF-1.4\n%test\n"


def _prisoner_child(world: World) -> str:
    """A 事实无人抚养 child: mother dead, father in prison expected out on 2026-10-01 (passed)."""
    store = world.login("dir_a")
    child = add_child(
        store,
        world.community_a,
        "刘小雨",
        categories=[Category(code=CategoryCode.NO_DE_FACTO_CARER, start_date=date(2022, 1, 1))],
    )
    assert child.id
    with UnitOfWork(store) as uow:
        households.add_guardians(
            uow,
            [
                Guardian(
                    name="刘某",
                    relationship=Relationship.FATHER,
                    household_id=child.household_id,
                    situations=[
                        Situation(
                            kind=SituationKind.IMPRISONED,
                            start_date=date(2021, 6, 1),
                            expected_end_date=date(2026, 10, 1),
                        )
                    ],
                ),
                Guardian(
                    name="王某",
                    relationship=Relationship.MOTHER,
                    household_id=child.household_id,
                    situations=[
                        Situation(kind=SituationKind.DECEASED, start_date=date(2020, 3, 1))
                    ],
                ),
            ],
        )
        attachments.add_attachment(uow, child.id, "判决书.pdf", PDF, expires_on=date(2026, 12, 10))
    return child.id


def test_worklist_gives_each_reason_with_its_link(world: World) -> None:
    child = _prisoner_child(world)
    with UnitOfWork(world.login("dir_a")) as uow:
        items = reexamination.worklist(uow)
    mine = [i for i in items if i.child_id == child]
    assert [(i.kind, i.link) for i in mine] == [
        (ReexamKind.EXPECTED_END_PASSED, "household"),
        (ReexamKind.EVIDENCE_EXPIRY, "attachments"),
    ]
    assert mine[0].text_zh == "父亲服刑在押预计于2026-10-01结束（已过），请核实现状"
    assert "2026-10-01" in mine[0].text_en and "Father" in mine[0].text_en
    assert mine[1].text("zh") == "证明材料“判决书.pdf”将于2026-12-10到期"
    assert all(i.community_name == "紫金里社区" for i in mine)


def test_worklist_stays_inside_the_scope(world: World) -> None:
    child = _prisoner_child(world)
    with UnitOfWork(world.login("dir_b")) as uow:
        assert [i for i in reexamination.worklist(uow) if i.child_id == child] == []
    with UnitOfWork(world.login("street_a")) as uow:
        assert {i.child_id for i in reexamination.worklist(uow)} == {child}
        # Under another street: nothing.
        assert reexamination.worklist(uow, unit_id=world.community_a) != []
    with UnitOfWork(world.login("centre")) as uow:
        assert reexamination.worklist(uow, unit_id=world.other_street) == []
        assert reexamination.count(uow) == 1


def test_a_decision_takes_the_reason_off_and_is_audited(world: World) -> None:
    child = _prisoner_child(world)
    store = world.login("dir_a")
    with UnitOfWork(store) as uow:
        first = reexamination.worklist(uow)[0]
        reexamination.decide(uow, child, first.reason.key, "confirmed", "已核实，仍在服刑")
    with UnitOfWork(store) as uow:
        kinds = [i.kind for i in reexamination.worklist(uow)]
        assert kinds == [ReexamKind.EVIDENCE_EXPIRY]
        ev = uow.session.scalars(
            select(AuditEvent).where(AuditEvent.entity == "reexam_decision")
        ).one()
        assert ev.action == "decide" and ev.detail == "expected_end"
    with UnitOfWork(store) as uow, pytest.raises(InvalidInput):
        reexamination.decide(uow, child, "age18:2026-01-01", "maybe")


def test_a_decision_on_another_community_s_child_is_refused(world: World) -> None:
    child = _prisoner_child(world)
    with UnitOfWork(world.login("dir_b")) as uow, pytest.raises(Exception) as exc:
        reexamination.decide(uow, child, "evidence:x", "confirmed")
    assert exc.type.__name__ in ("NotFound", "ScopeDenied")


def test_administrators_read_no_worklist(world: World) -> None:
    with UnitOfWork(world.admin) as uow, pytest.raises(ScopeDenied):
        reexamination.worklist(uow)


def test_the_annual_review_day_is_a_setting(world: World) -> None:
    store = world.login("centre")
    add_child(store, world.community_a, "赵小军")  # an orphan since 2020, no parents recorded
    with UnitOfWork(store) as uow:
        # Today is 2026-11-20: a review day of 2026-12-15 opens 30 days before, on 11-15.
        reexamination.set_policy(
            uow, rx.ReexamPolicy(annual={CategoryCode.ORPHAN_SCATTERED.value: (12, 15)})
        )
    with UnitOfWork(store) as uow:
        assert reexamination.policy(uow).annual == {"orphan_scattered": (12, 15)}
        (item,) = reexamination.worklist(uow, kinds=[ReexamKind.ANNUAL_REVIEW])
        assert item.when == date(2026, 12, 15)
        assert item.text_zh == "散居孤儿年度复核应于2026-12-15前完成"
    with UnitOfWork(world.login("dir_a")) as uow, pytest.raises(ScopeDenied):
        reexamination.set_policy(uow, rx.ReexamPolicy())
    with pytest.raises(InvalidInput):
        reexamination.policy_from_dict({"annual": {"orphan_scattered": "02-30"}})


def test_the_sentences_of_a_category_question_carry_eligibility_s_reasons() -> None:
    from hexi_care.domain import eligibility

    dead = eligibility.Reason(
        code=eligibility.ReasonCode.PARENT_DECEASED, parent=Relationship.FATHER
    )
    for kind, zh_head in (
        (ReexamKind.CATEGORY_SUGGESTED, "按规则似应认定为散居孤儿（未登记）："),
        (ReexamKind.CATEGORY_UNSUPPORTED, "已登记散居孤儿，但按规则不再符合："),
    ):
        r = rx.ReexamReason(
            kind=kind, key="k", when=None, category="orphan_scattered", detail=(dead, dead)
        )
        assert reexamination.describe(r, date(2026, 11, 20)) == zh_head + "父亲已死亡；父亲已死亡"
        en = reexamination.describe(r, date(2026, 11, 20), "en")
        assert en.endswith("The father has died. The father has died.")
