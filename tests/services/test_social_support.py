"""Social support as data on a real store: support records and the entrusted-care agreement
(validated, revised, in the child's file, kept inside the user's scope), the child's disability
and class teacher as profile fields."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from hexi_care.domain.enums import SupportKind
from hexi_care.domain.model import CareAgreement, SupportBenefit
from hexi_care.errors import InvalidInput, NotFound
from hexi_care.services import attachments, casefile, children, social_support
from hexi_care.services.context import UnitOfWork
from tests.conftest import World, add_child

CARER_ID = "120103197501017219"


def test_support_and_agreement_in_the_childs_file(world: World) -> None:
    director = world.login("dir_a")
    child = add_child(director, world.community_a)
    assert child.id
    with UnitOfWork(director) as uow:
        dibao = social_support.save_benefit(
            uow,
            SupportBenefit(
                child_id=child.id,
                kind=SupportKind.DIBAO,
                approved_on=date(2026, 3, 10),
                amount_fen=110_000,
                start_date=date(2026, 4, 1),
            ),
        )
        social_support.save_benefit(
            uow,
            replace(dibao, end_date=date(2026, 12, 31), note="年度复核"),
        )
        scan = attachments.add_attachment(
            uow, child.id, "协议.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64
        )
        agreement = social_support.save_agreement(
            uow,
            CareAgreement(
                child_id=child.id,
                carer_name="张桂兰",
                carer_id_number=CARER_ID.lower().replace("x", "X"),
                carer_phone="13800000000",
                relationship="祖母",
                signed_on=date(2026, 2, 1),
                term_end=date(2027, 1, 31),
                attachment_id=scan.id,
            ),
        )
        assert agreement.carer_id_number == CARER_ID
        saved = children.update_child(
            uow,
            replace(
                children.get_child(uow, child.id),
                disability_grade=2,
                disability_kind="肢体",
                disability_cert_no="12010319990101721942",
                teacher_name="刘老师",
                teacher_phone="022-23456789",
            ),
        )
        assert (saved.disability_grade, saved.teacher_name) == (2, "刘老师")
        file = casefile.open_child_file(uow, child.id)
    (b,) = file.benefits
    assert (b.kind, b.amount_fen, b.end_date, b.note) == (
        SupportKind.DIBAO,
        110_000,
        date(2026, 12, 31),
        "年度复核",
    )
    (a,) = file.agreements
    assert a.attachment_id == scan.id and a.term_end == date(2027, 1, 31)
    assert file.child.disability_cert_no == "12010319990101721942"
    with UnitOfWork(world.login("dir_b")) as uow:  # another community's director
        assert social_support.benefits(uow, child.id) == []
        with pytest.raises(NotFound):
            social_support.save_benefit(uow, replace(dibao, note="x"))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"carer_id_number": "120103197501017218"}, "carer_id_number"),  # check digit
        ({"carer_name": " "}, "carer_name"),
        ({"signed_on": date(2026, 2, 1), "term_end": date(2026, 1, 1)}, "term_end"),
        ({"signed_on": date(2027, 1, 1)}, "signed_on"),  # after today
        ({"attachment_id": "no-such-scan"}, "attachment_id"),
    ],
)
def test_bad_agreements_name_the_field(world: World, change: dict[str, object], field: str) -> None:
    director = world.login("dir_a")
    child = add_child(director, world.community_a)
    assert child.id
    with UnitOfWork(director) as uow, pytest.raises(InvalidInput) as e:
        social_support.save_agreement(
            uow,
            replace(CareAgreement(child_id=child.id, carer_name="张桂兰"), **change),  # type: ignore[arg-type]
        )
    assert e.value.field == field


@pytest.mark.parametrize("grade", [0, 5, "二", True])
def test_disability_grade_is_one_to_four(world: World, grade: object) -> None:
    director = world.login("dir_a")
    child = add_child(director, world.community_a)
    assert child.id
    with UnitOfWork(director) as uow, pytest.raises(InvalidInput) as e:
        children.update_child(
            uow,
            replace(children.get_child(uow, child.id), disability_grade=grade),  # type: ignore[arg-type]
        )
    assert e.value.field == "disability_grade"
