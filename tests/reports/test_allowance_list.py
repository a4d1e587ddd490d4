"""The month's 基本生活保障金 list and ledger from a real store, read back from the real .xlsx and
the real PDF (text, embedded fonts, a rendered page), in Chinese and English."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from openpyxl import load_workbook

from hexi_care import vocabulary
from hexi_care.domain.enums import CareSetting, CategoryCode
from hexi_care.domain.model import AllowanceStandard, Category
from hexi_care.reports.allowance import render_allowance_pdf, write_allowance_xlsx
from hexi_care.reports.data import ReportMeta
from hexi_care.reports.labels import EN
from hexi_care.services import allowances
from hexi_care.services.context import UnitOfWork
from tests.conftest import World, add_child, confirmed_allowance
from tests.reports.pdfcheck import all_text, pdffonts, render_png

ORPHAN = CategoryCode.ORPHAN_SCATTERED.value
META = ReportMeta(generated_by="区中心", generated_at=datetime(2026, 11, 20, 2, 0, tzinfo=UTC))


def _lines(world: World, *, paid: bool = False) -> list[object]:
    with UnitOfWork(world.login("centre")) as uow:
        allowances.set_standard(
            uow,
            AllowanceStandard(
                year=2026, category=ORPHAN, care_setting=CareSetting.COMMUNITY, monthly_fen=215_050
            ),
        )
    for name, number in (("王𠮷", "12010320150301001X"), ("李明", None)):
        child = add_child(
            world.login("dir_a"),
            world.community_a,
            name=name,
            id_number=number,
            birth_date=None if number else date(2015, 3, 1),
            categories=[Category(code=ORPHAN)],
        )
        assert child.id
        confirmed_allowance(world, child.id, date(2026, 8, 31), f"河民确〔2026〕{name}")
    with UnitOfWork(world.login("centre")) as uow:
        if paid:
            first = allowances.monthly_list(uow, "2026-10")[0].allowance_id
            allowances.record_payments(uow, "2026-10", "2026-10-15", only=[first])
            return list(allowances.ledger(uow, "2026-10"))
        return list(allowances.monthly_list(uow, "2026-10"))


def test_pdf_list_has_every_name_embedded_fonts_and_the_total(world: World, tmp_path: Path) -> None:
    lines = _lines(world)
    pdf = render_allowance_pdf(lines, "2026-10", "河西区", META)  # type: ignore[arg-type]
    assert pdf is not None
    text = all_text(pdf)
    for expected in ("基本生活保障金发放名册", "2026年10月", "王𠮷", "李明", "1201**********001X"):
        assert expected in text, expected
    assert "2150.50" in text or "2,150.50" in text
    assert "4301.00" in text or "4,301.00" in text  # the total of two lines
    assert "12010320150301001X" not in text  # the full number never prints
    fonts = pdffonts(pdf, tmp_path)
    assert fonts and all(f.embedded for f in fonts)
    assert render_png(pdf, tmp_path).stat().st_size > 0


def test_xlsx_ledger_amounts_are_numbers_and_unpaid_lines_say_so(
    world: World, tmp_path: Path
) -> None:
    lines = _lines(world, paid=True)
    out = tmp_path / "ledger.xlsx"
    write_allowance_xlsx(lines, "2026-10", "河西区", META, out, ledger=True)  # type: ignore[arg-type]
    sheet = load_workbook(out).active
    assert sheet is not None
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "河西区基本生活保障金发放台账 2026 年 10 月"
    assert rows[1][:3] == [
        "序号",
        vocabulary.field("community_name"),
        vocabulary.field("child_name"),
    ]
    body = rows[2:4]
    assert sorted(r[2] for r in body) == ["李明", "王𠮷"]
    assert [r[7] for r in body] == [2150.5, 2150.5]
    assert sorted(str(r[8]) for r in body) == ["2150.5", "未发放"]
    assert any("已发放：1 人" in str(r[0]) for r in rows[4:])


def test_english_list(world: World) -> None:
    lines = _lines(world)
    pdf = render_allowance_pdf(lines, "2026-10", "Hexi", META, labels=EN)  # type: ignore[arg-type]
    assert pdf is not None
    text = all_text(pdf)
    assert "Basiclivingallowance" in text and "2026-10" in text and "Total:2children" in text
