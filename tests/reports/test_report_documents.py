"""Every printed document, read back from the real PDF: headings, names and values in the text,
every font embedded as a subset, a header and "第 X 页 共 Y 页" footer on every page, the QR code's
record id, the confidentiality mark, who generated it and when."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from hexi_care.domain.notice_templates import builtin_templates
from hexi_care.reports.casefile import render_casefile
from hexi_care.reports.checklist import render_checklist
from hexi_care.reports.labels import ZH
from hexi_care.reports.notice import render_notice
from hexi_care.reports.statistics import render_statistics
from hexi_care.reports.summary import render_summary
from tests.reports import samples
from tests.reports.pdfcheck import all_text, flat, page_texts, pdffonts

Render = Callable[[], bytes | None]

META = samples.meta()

DOCUMENTS: dict[str, tuple[Render, list[str]]] = {
    "checklist": (
        lambda: render_checklist(samples.checklist(), META),
        [
            "入户走访记录表",
            "陈𠮷瑶",
            "王㵘",  # a guardian with an Extension A character
            "桃园街",
            "育英里社区",
            "2024年1月12日",
            "1201**********8241",
            "事实无人抚养儿童",
            "服刑在押",
            "上次走访遗留事项",
            "协助祖母办理困境儿童基本生活费变更手续",
            "三、家庭主体责任落实情况",
            "八、社会支持现状",
            "九、安全提醒",
            "防溺水",
            "走访人签名",
            "监护人签名",
            "督导员审核签名",
        ],
    ),
    "checklist_blank": (
        lambda: render_checklist(samples.blank_checklist(), META),
        ["入户走访记录表（未登记儿童）", "二、基本信息核实", "身份证号", "十一、签字确认"],
    ),
    "summary": (
        lambda: render_summary(samples.summary(), META),
        [
            "走访情况小结",
            "陈𠮷瑶",
            "集中走访（寒暑假、节日慰问）",  # the vocabulary's words, as on screen
            "已通过",
            "未完成",
            "周敏（儿童主任）、刘洋（社工）",
            "祖母新换手机号码",
            "性格内向",
            "一般",
            "已提醒事项",
            "用火用电用气安全、防溺水",
            "河西区青少年心理服务站",
            "落实志愿者寒假数学辅导（每周六）",
            "2024年2月12日",
            "赵丽（儿童督导员）",
            "同意。心理评估结果出来后补录。",
        ],
    ),
    "notice": (
        lambda: render_notice(samples.notice("summer"), META),
        [
            "暑假期间监护责任告知书",
            "暑假版·第1版",
            "李秀兰（监护人）",
            "一、防溺水",
            "六不",
            "监护人（签字）",
            "儿童主任（签字）",
            "河西区桃园街育英里社区居民委员会",
            "陈𠮷瑶",
        ],
    ),
    "casefile": (
        lambda: render_casefile(samples.casefile(), META),
        [
            "一人一档",
            "陈𠮷瑶",
            "二、儿童类别及认定",
            "刑事判决书、执行通知书",
            "三、家庭及监护人",
            "服刑在押（自2022-03-01，预计至2026-02-28）",
            "第1次走访",
            "第2次走访",
            "五、监护责任告知",
            "寒假版",
            "六、帮扶慰问",
            "725.00",
            "九、强制报告",
            "JJ-2022-0820-017",
            "执行通知书.pdf",
        ],
    ),
    "statistics": (
        lambda: render_statistics(samples.statistics(), META),
        [
            "河西区工作统计",
            "2024年1月1日",
            "2024年3月31日",
            "服务户数",
            "覆盖儿童",
            "服务人次",
            "大营门街",
            "太湖路街",
            "小计",
            "合计",
            "188,550.00",
        ],
    ),
}


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for name, (render, _) in DOCUMENTS.items():
        data = render()
        assert data is not None and data.startswith(b"%PDF-")
        out[name] = data
    return out


@pytest.mark.parametrize("name", DOCUMENTS)
def test_text_holds_headings_names_and_values(pdfs: dict[str, bytes], name: str) -> None:
    text = all_text(pdfs[name])
    missing = [s for s in DOCUMENTS[name][1] if flat(s) not in text]
    assert missing == []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_page_has_header_and_footer(pdfs: dict[str, bytes], name: str) -> None:
    pages = page_texts(pdfs[name])
    assert pages
    # A notice prints two copies, each numbered on its own; the guardian's copy carries no
    # "internal" mark (the guardian keeps it).
    copies = 2 if name == "notice" else 1
    each = len(pages) // copies
    for index, text in enumerate(pages):
        number = index % each + 1
        assert f"第 {number} 页 共 {each} 页" in text
        assert (ZH.confidentiality in text) == (index < each)
        assert "周敏（儿童主任） 生成于 2024-01-15 10:30" in text  # 02:30 UTC in Tianjin


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_font_is_embedded_as_a_subset(
    pdfs: dict[str, bytes], name: str, tmp_path: Path
) -> None:
    rows = pdffonts(pdfs[name], tmp_path)
    assert rows
    assert [r.name for r in rows if not (r.embedded and r.subset and r.unicode)] == []
    assert all(r.type == "TrueType" for r in rows)


def test_forms_carry_the_record_id(pdfs: dict[str, bytes]) -> None:
    # The short code beside the QR code; the code itself is checked in test_report_qr.
    assert "编号3F2C1A9B" in all_text(pdfs["checklist"])  # the child's id
    assert "编号C0FFEE00" in all_text(pdfs["summary"])  # the visit's id
    assert "编号8B1E4F2A" in all_text(pdfs["notice"])  # the household's id
    assert "编号" not in all_text(pdfs["checklist_blank"])  # nothing to point back to


def test_mandatory_reports_only_when_provided() -> None:
    hidden = render_casefile(samples.casefile(with_reports=False), META)
    assert hidden is not None
    text = all_text(hidden)
    assert "强制报告" not in text and "JJ-2022-0820-017" not in text


def test_summer_notice_puts_drowning_first_and_winter_fire() -> None:
    templates = builtin_templates()
    assert templates["summer"].themes[0][0] == "防溺水"
    assert templates["winter"].themes[0][0] == "用火用电用气安全"
    for code in ("winter", "summer", "general"):
        data = render_notice(samples.notice(code), META)
        assert data is not None
        text = all_text(data)
        for theme, items in templates[code].themes:
            assert flat(theme) in text
            assert flat(items[-1]) in text


def test_notice_without_guardians_leaves_the_name_to_write() -> None:
    data = replace(samples.notice("general"), guardians=[], household=None)
    pdf = render_notice(data, META)
    assert pdf is not None
    assert "（监护人）：" in all_text(pdf)


def test_statistics_with_one_street_charts_its_communities() -> None:
    stats = samples.statistics()
    one = replace(stats, streets=stats.streets[:1], show_mandatory_reports=False)
    pdf = render_statistics(one, META)
    assert pdf is not None
    text = all_text(pdf)
    assert "大营第1社区" in text and "强制报告" not in text


def test_full_id_number_only_when_asked() -> None:
    masked = all_text(render_summary(samples.summary(), META) or b"")
    full = all_text(
        render_summary(replace(samples.summary(), show_full_id_number=True), META) or b""
    )
    assert "120103201305208241" not in masked and "1201**********8241" in masked
    assert "120103201305208241" in full
