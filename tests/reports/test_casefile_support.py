"""The 一人一档 PDF from a real store carries social support as data: the child's disability and
class teacher, support records, the entrusted-care agreement (carer's ID masked) and the allowance
with its confirmation; every Chinese character shows in embedded fonts; a rendered page."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from hexi_care.domain.enums import SupportKind
from hexi_care.domain.model import CareAgreement, Category, SupportBenefit
from hexi_care.reports import builders
from hexi_care.reports.casefile import render_casefile
from hexi_care.reports.data import ReportMeta
from hexi_care.services import children, social_support
from hexi_care.services.context import UnitOfWork
from tests.conftest import World, add_child, confirmed_allowance
from tests.reports.pdfcheck import all_text, pdffonts, render_png

META = ReportMeta(generated_by="王主任", generated_at=datetime(2026, 11, 20, 2, 0, tzinfo=UTC))


def test_casefile_shows_support_agreement_and_allowance(world: World, tmp_path: Path) -> None:
    child = add_child(
        world.login("dir_a"), world.community_a, categories=[Category(code="orphan_scattered")]
    )
    assert child.id
    confirmed_allowance(world, child.id, date(2026, 9, 30))
    with UnitOfWork(world.login("centre")) as uow:
        children.update_child(
            uow,
            replace(
                children.get_child(uow, child.id),
                disability_grade=2,
                disability_kind="肢体",
                teacher_name="刘老师",
                teacher_phone="13911112222",
            ),
        )
        social_support.save_benefit(
            uow,
            SupportBenefit(
                child_id=child.id,
                kind=SupportKind.DISABILITY_NURSING,
                approved_on=date(2026, 3, 1),
                amount_fen=12_000,
            ),
        )
        social_support.save_agreement(
            uow,
            CareAgreement(
                child_id=child.id,
                carer_name="张桂兰",
                relationship="祖母",
                carer_id_number="120103197501017219",
                term_end=date(2027, 1, 31),
            ),
        )
        data = builders.case_file(uow, child.id)
    pdf = render_casefile(data, META)
    assert pdf is not None
    text = all_text(pdf)
    for expected in (
        "2级肢体",
        "刘老师13911112222",
        "社会救助与保障",
        "重度残疾人护理补贴",
        "120.00",
        "委托照护协议",
        "张桂兰祖母",
        "1201**********7219",
        "河民确〔2026〕3号",
        "区民政已确认2026-10",
    ):
        assert expected in text, expected
    assert "120103197501017219" not in text
    assert all(f.embedded for f in pdffonts(pdf, tmp_path))
    assert render_png(pdf, tmp_path, page=2).stat().st_size > 0
