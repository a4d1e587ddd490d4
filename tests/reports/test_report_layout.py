"""Long free text flows onto further pages: nothing is cut off, no two lines overlap, nothing runs
into the header, the footer or the page edge, and the footer counts the pages right."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hexi_care.domain.model import SectionRating
from hexi_care.reports import styles as st
from hexi_care.reports.casefile import render_casefile
from hexi_care.reports.summary import render_summary
from tests.reports import samples
from tests.reports.pdfcheck import Line, all_text, body_text, flat, page_texts, text_lines

META = samples.meta()
HANGING = "。，、；：？！）」』】》"

SENTENCE = "孩子近期情绪低落，祖母反映其放学后常独自在房间，不愿与人交流；已与学校心理老师沟通。"
LONG = "".join(f"（{i}）{SENTENCE}" for i in range(1, 61))  # about 3,000 characters
LONG_NOTE = "".join(
    f"[{i}] 插线板老化，已提醒更换。" for i in range(1, 301)
)  # one table cell, over a page


def _long_summary() -> bytes:
    data = samples.summary()
    visit = data.visit
    visit.needs = LONG
    visit.help_given = "\n".join(f"第{i}项：{SENTENCE}" for i in range(1, 21))
    visit.living = SectionRating(rating=visit.living.rating, note=LONG_NOTE)
    pdf = render_summary(replace(data, visit=visit), META)
    assert pdf is not None
    return pdf


def _overlaps(a: Line, b: Line, slack: float = 0.5) -> bool:
    return (
        a.page == b.page
        and a.x0 < b.x1 - slack
        and b.x0 < a.x1 - slack
        and a.y0 < b.y1 - slack
        and b.y0 < a.y1 - slack
    )


def test_long_text_flows_onto_more_pages_without_loss() -> None:
    pdf = _long_summary()
    pages = page_texts(pdf)
    assert len(pages) >= 3
    text = body_text(pdf, "走访情况小结")
    # Every character of the long texts is there, in order, across the page breaks.
    assert flat(LONG) in text
    # The table row with the long note split over pages: its header row repeats on each.
    assert flat(LONG_NOTE) in text.replace("项目评估情况说明", "")
    for number, page in enumerate(pages, start=1):
        assert f"第 {number} 页 共 {len(pages)} 页" in page


def test_no_line_overlaps_another_or_leaves_the_body(tmp_path: Path) -> None:
    pdf = _long_summary()
    lines, width, height = text_lines(pdf, tmp_path)
    assert lines
    body = [
        ln for ln in lines if ln.y0 > st.MARGIN_TOP - 6 and ln.y1 < height - st.MARGIN_BOTTOM + 6
    ]
    header_footer = [ln for ln in lines if ln not in body]
    # Header and footer lines: the title, marks, record number, generated-by, page x of y.
    assert {ln.page for ln in header_footer} == {ln.page for ln in lines}
    for ln in lines:
        assert ln.x0 >= 0 and ln.x1 <= width and ln.y0 >= 0 and ln.y1 <= height, ln
    for ln in body:
        # CJK typesetting lets closing punctuation that may not start a line hang past the
        # measure by at most its own width (its ink sits in the left of its em box).
        hang = st.BODY_SIZE if ln.text[-1:] in HANGING else 0
        assert ln.x0 >= st.MARGIN_LEFT - 1 and ln.x1 <= width - st.MARGIN_RIGHT + 1 + hang, ln
    clashes = [
        (a.text[:20], b.text[:20])
        for i, a in enumerate(lines)
        for b in lines[i + 1 :]
        if _overlaps(a, b)
    ]
    assert clashes == []


def test_a_case_file_with_many_visits_numbers_its_pages() -> None:
    data = samples.casefile()
    base = data.file.visits[0]
    data.file.visits = [replace(base, id=f"v{i}", needs=SENTENCE * 3) for i in range(12)]
    pdf = render_casefile(data, META)
    assert pdf is not None
    pages = page_texts(pdf)
    assert len(pages) > 5
    for number, page in enumerate(pages, start=1):
        assert f"第 {number} 页 共 {len(pages)} 页" in page
    assert "第12次走访" in all_text(pdf)
