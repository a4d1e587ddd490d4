"""Rendered first pages (pdftoppm) compared with reference pictures within a tolerance, so a
layout change shows up as a failing test rather than on paper.

After an intended change of the layout, refresh the references and look at them:
    HEXI_UPDATE_PICTURES=1 .venv/bin/python -m pytest tests/reports/test_report_pictures.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from tests.reports import samples
from tests.reports.pdfcheck import render_png

REFERENCE = Path(__file__).with_name("pictures")
DPI = 40
#: A pixel "differs" when a channel moves by more than this; the page may have this share of them.
PIXEL_TOLERANCE = 64
SHARE_TOLERANCE = 0.004

NAMES = ["checklist", "checklist_blank", "summary", "notice_summer", "casefile", "statistics"]


@pytest.mark.parametrize("name", NAMES)
def test_first_page_looks_as_before(name: str, tmp_path: Path) -> None:
    pdf = samples.documents()[name]()
    assert pdf is not None
    png = render_png(pdf, tmp_path, page=1, dpi=DPI)
    reference = REFERENCE / f"{name}.png"
    if os.environ.get("HEXI_UPDATE_PICTURES"):
        REFERENCE.mkdir(exist_ok=True)
        Image.open(png).convert("L").save(reference, optimize=True)
        pytest.skip("reference picture written")
    assert reference.exists(), f"no reference picture: run with HEXI_UPDATE_PICTURES=1 ({name})"
    new = Image.open(png).convert("L")
    old = Image.open(reference).convert("L")
    assert new.size == old.size
    diff = ImageChops.difference(new, old)
    histogram = diff.histogram()
    differing = sum(histogram[PIXEL_TOLERANCE + 1 :])
    share = differing / (new.size[0] * new.size[1])
    assert share <= SHARE_TOLERANCE, f"{name}: {share:.2%} of the pixels differ"
