"""Output properties: the same input gives a byte-identical PDF (in another process too), the
creation date comes from the input, files are written only whole; batches number each document's
own pages, carry each one's QR code, report progress and can be cancelled."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from hexi_care.reports.base import ReportCancelled, qr_matrix
from hexi_care.reports.batch import render_batch
from hexi_care.reports.casefile import render_casefile
from hexi_care.reports.checklist import render_checklist
from hexi_care.reports.data import parse_qr_payload, qr_payload
from hexi_care.reports.statistics import render_statistics
from hexi_care.reports.summary import render_summary
from tests.reports import samples
from tests.reports.pdfcheck import all_text, page_texts, render_png, require_tool

META = samples.meta()

_SCRIPT = """
import sys
from tests.reports import samples
from hexi_care.reports.casefile import render_casefile
sys.stdout.buffer.write(render_casefile(samples.casefile(), samples.meta()))
"""


def test_same_input_same_bytes() -> None:
    for render in (
        lambda: render_casefile(samples.casefile(), META),
        lambda: render_statistics(samples.statistics(), META),
        lambda: render_checklist(samples.checklist(), META),
    ):
        assert render() == render()


def test_same_bytes_in_another_process_with_another_hash_seed() -> None:
    here = render_casefile(samples.casefile(), META)
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONHASHSEED="12345")
    there = subprocess.run(
        [sys.executable, "-c", _SCRIPT], cwd=root, env=env, check=True, capture_output=True
    ).stdout
    assert there == here


def test_creation_date_comes_from_the_input() -> None:
    later = replace(META, generated_at=datetime(2025, 6, 1, 8, 0, tzinfo=UTC))
    a = render_summary(samples.summary(), META)
    b = render_summary(samples.summary(), later)
    assert a is not None and b is not None and a != b
    info = PdfReader(io.BytesIO(b)).metadata
    assert info is not None
    assert info["/CreationDate"].startswith("D:20250601080000")
    assert "生成于2025-06-0116:00" in all_text(b)  # shown in Tianjin time


def test_writes_to_a_path_or_a_file(tmp_path: Path) -> None:
    path = tmp_path / "summary.pdf"
    assert render_summary(samples.summary(), META, path) is None
    data = render_summary(samples.summary(), META)
    assert path.read_bytes() == data
    buffer = io.BytesIO()
    render_summary(samples.summary(), META, buffer)
    assert buffer.getvalue() == data


def test_batch_numbers_each_document_and_keeps_its_header() -> None:
    items = [samples.summary(), samples.checklist(), *samples.many_summaries(3)]
    pdf = render_batch(items, META, title="育英里社区")
    assert pdf is not None
    pages = page_texts(pdf)
    summary_pages = len(page_texts(render_summary(samples.summary(), META) or b""))
    checklist_pages = len(page_texts(render_checklist(samples.checklist(), META) or b""))
    assert len(pages) == summary_pages + checklist_pages + 3 * summary_pages
    expected = (
        [(i, summary_pages) for i in range(1, summary_pages + 1)]
        + [(i, checklist_pages) for i in range(1, checklist_pages + 1)]
        + 3 * [(i, summary_pages) for i in range(1, summary_pages + 1)]
    )
    for text, (page, count) in zip(pages, expected, strict=True):
        assert f"第 {page} 页 共 {count} 页" in text
    first_checklist = pages[summary_pages]
    assert "入户走访记录表" in first_checklist and "编号 3F2C1A9B" in first_checklist
    info = PdfReader(io.BytesIO(pdf)).metadata
    assert info is not None and info.title == "育英里社区"


def test_batch_progress_and_cancel() -> None:
    items = samples.many_summaries(5)
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    assert render_batch(items, META, progress=progress) is not None
    assert seen == [(i, 5) for i in range(6)]

    def cancel(done: int, total: int) -> bool:
        return done < 2

    with pytest.raises(ReportCancelled):
        render_batch(samples.many_summaries(5), META, progress=cancel)


def test_cancelled_batch_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "batch.pdf"
    with pytest.raises(ReportCancelled):
        render_batch(samples.many_summaries(3), META, out, progress=lambda d, t: False)
    assert not out.exists()


def test_qr_payload_round_trip() -> None:
    text = qr_payload("visit", samples.VISIT_ID)
    assert text == f"hexi-care:visit:{samples.VISIT_ID}"
    assert parse_qr_payload(text) == ("visit", samples.VISIT_ID)
    assert parse_qr_payload("https://example.org") is None
    assert parse_qr_payload("hexi-care:visit:") is None
    matrix = qr_matrix(text)
    assert len(matrix) == len(matrix[0]) >= 21


def test_qr_code_scans_back_to_the_record(tmp_path: Path) -> None:
    """Decodes the printed QR code from the rendered page (needs zbarimg: zbar-tools)."""
    zbarimg = require_tool("zbarimg")  # scripts/setup installs zbar-tools
    pdf = render_summary(samples.summary(), META)
    assert pdf is not None
    require_tool("pdftoppm")
    png = render_png(pdf, tmp_path, dpi=150)
    out = subprocess.run(
        [zbarimg, "--quiet", "--raw", str(png)], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert out == qr_payload("visit", samples.VISIT_ID)
