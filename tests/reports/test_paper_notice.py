"""The guardian notice as signed on paper (issue 16 item 9), read back from the real PDF: two
copies (the guardian's without the "internal" mark), the director's phone where the phone goes,
a seal area with the issue date under the issuing 居委会, and English when asked."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from hexi_care.reports.labels import EN, ZH
from hexi_care.reports.notice import render_notice
from tests.reports import samples
from tests.reports.pdfcheck import all_text, flat, page_texts, pdffonts

META = samples.meta()


def test_two_copies_and_only_the_archive_copy_is_internal(tmp_path: Path) -> None:
    pdf = render_notice(samples.notice("winter"), META) or b""
    pages = page_texts(pdf)
    half = len(pages) // 2
    assert len(pages) == 2 * half
    archive, guardian = pages[:half], pages[half:]
    assert all("存档联" in p and ZH.confidentiality in p for p in archive)
    assert all("监护人联" in p for p in guardian)
    assert not any(ZH.confidentiality in p or "严禁外传" in p for p in guardian)
    assert f"第 {half} 页 共 {half} 页" in guardian[-1]
    assert all(row.embedded and row.subset for row in pdffonts(pdf, tmp_path))


def test_phone_name_seal_and_issue_date() -> None:
    text = all_text(render_notice(samples.notice("general"), META) or b"")
    assert flat("儿童主任：周敏") in text and flat("联系电话：022-2833 0000") in text
    assert flat("联系电话：周敏") not in text
    assert text.count("（盖章）") == 2
    # Issuing unit, then its seal, then the issue date (blank to fill here).
    unit = text.index("河西区桃园街育英里社区居民委员会")
    assert unit < text.index("（盖章）", unit) < text.index("年", text.index("（盖章）", unit))
    dated = replace(samples.notice("general"), director_phone="", issue_date=date(2026, 12, 7))
    text = all_text(render_notice(dated, META) or b"")
    assert flat("2026年12月7日") in text
    assert flat("联系电话：＿＿") in text  # a line to write the phone on, not the name


def test_english_notice_is_english(tmp_path: Path) -> None:
    pdf = render_notice(samples.notice("summer"), META, labels=EN) or b""
    text = all_text(pdf)
    assert flat("Guardian-responsibility notice for the summer holiday") in text
    assert flat("Child director: 周敏") in text and flat("Phone: 022-2833 0000") in text
    assert flat("directorPhone") not in text
    assert (
        flat("Archive copy") in text and flat("Guardian's copy") in text and flat("(seal)") in text
    )
    assert flat("暑假") not in text and flat("防溺水") not in text
    # Drowning first in summer, in English too.
    assert text.index("Drowning") < text.index(flat("Road safety")) < text.index(flat("Fire,"))
    # A locality's own wording is data and prints as written.
    own = replace(samples.notice("summer").template, title="本社区暑期告知书")
    mine = all_text(
        render_notice(replace(samples.notice("summer"), template=own), META, labels=EN) or b""
    )
    assert flat("本社区暑期告知书") in mine
