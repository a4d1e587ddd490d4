"""Helpers that read real PDF output: text with pypdf, fonts with pdffonts, line boxes with
pdftotext, pixels with pdftoppm. The poppler tools are required: a test that needs one fails (not
skips) when it is missing, since CI installs poppler-utils (scripts/setup)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: install poppler-utils and zbar-tools (scripts/setup does)")
    return path


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    """Text without any whitespace: extraction splits CJK lines and cells unpredictably."""
    return re.sub(r"\s+", "", text)


def all_text(pdf: bytes) -> str:
    return flat("".join(page_texts(pdf)))


def body_text(pdf: bytes, header_title: str) -> str:
    """The pages' text without their header and footer, joined: text that flows over a page
    break reads on. The header and footer are drawn last on each page, from its title on."""
    bodies = []
    for text in page_texts(pdf):
        end = text.rfind(header_title)
        bodies.append(text[:end] if end >= 0 else text)
    return flat("".join(bodies))


@dataclass(frozen=True)
class FontRow:
    name: str
    type: str
    embedded: bool
    subset: bool
    unicode: bool


def pdffonts(pdf: bytes, tmp_path: Path) -> list[FontRow]:
    tool = require_tool("pdffonts")
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([tool, str(path)], check=True, capture_output=True, text=True).stdout
    rows: list[FontRow] = []
    for line in out.splitlines()[2:]:
        # name, type (may hold a space: "Type 1"), encoding, emb, sub, uni, object, generation
        parts = line.split()
        if len(parts) < 7:
            continue
        emb, sub, uni = parts[-5], parts[-4], parts[-3]
        rows.append(
            FontRow(
                name=parts[0],
                type=" ".join(parts[1:-6]),
                embedded=emb == "yes",
                subset=sub == "yes",
                unicode=uni == "yes",
            )
        )
    return rows


@dataclass(frozen=True)
class Line:
    page: int
    x0: float
    y0: float  # from the top of the page, in points
    x1: float
    y1: float
    text: str


def text_lines(pdf: bytes, tmp_path: Path) -> tuple[list[Line], float, float]:
    """Every text line with its box (pdftotext -bbox-layout), and the page size."""
    tool = require_tool("pdftotext")
    path = tmp_path / "lines.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        [tool, "-bbox-layout", str(path), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8", errors="replace")  # poppler writes a non-BMP title as CESU-8
    body = html[html.index("<doc>") : html.index("</doc>") + len("</doc>")]
    root = ElementTree.fromstring(body)
    lines: list[Line] = []
    width = height = 0.0
    for n, page in enumerate(root.iter("page"), start=1):
        width, height = float(page.get("width", 0)), float(page.get("height", 0))
        for line in page.iter("line"):
            words = [w.text or "" for w in line.iter("word")]
            lines.append(
                Line(
                    page=n,
                    x0=float(line.get("xMin", 0)),
                    y0=float(line.get("yMin", 0)),
                    x1=float(line.get("xMax", 0)),
                    y1=float(line.get("yMax", 0)),
                    text="".join(words),
                )
            )
    return lines, width, height


def render_png(pdf: bytes, tmp_path: Path, page: int = 1, dpi: int = 40) -> Path:
    tool = require_tool("pdftoppm")
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    stem = tmp_path / f"page-{page}"
    args = ["-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile"]
    subprocess.run([tool, *args, str(path), str(stem)], check=True)
    return stem.with_suffix(".png")
