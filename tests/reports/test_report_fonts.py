"""Bundled fonts and per-character fallback: rare characters (生僻字, in and beyond the BMP) print
with a real glyph from a bundled font, never as a blank box, and copy back out of the PDF."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hexi_care.reports import fonts
from hexi_care.reports.base import DocumentPart, render_parts
from hexi_care.reports.blocks import para
from hexi_care.reports.styles import styles
from hexi_care.resources import BUNDLED_FONTS, fonts_dir
from tests.reports.pdfcheck import all_text, pdffonts
from tests.reports.samples import meta

EXT_B = "𠮷𪚥𡒄"  # U+20BB7, U+2A6A5, U+21484: outside the BMP
EXT_A = "䶮㵘"  # U+4DAE, U+3D58
NO_FONT = "\U00031350"  # CJK Extension H: no bundled font has it


def test_bundled_fonts_and_licences_are_there() -> None:
    folder = fonts_dir()
    readme = (folder / "README.md").read_text("utf-8")
    for font in BUNDLED_FONTS:
        assert font.path.is_file(), font.path
        assert font.filename in readme
    assert len(list(folder.glob("LICENSE-*"))) >= 3
    total = sum(p.stat().st_size for p in folder.iterdir())
    assert total < 80 * 2**20  # the repo stays reasonable


def test_each_character_goes_to_a_font_that_has_it() -> None:
    found = fonts.coverage("王" + EXT_A + EXT_B + "☑A")
    assert found["王"] == fonts.MAIN and found["A"] == fonts.MAIN
    assert {found[c] for c in EXT_A} == {fonts.MAIN}  # Noto Sans SC covers Extension A
    assert {found[c] for c in EXT_B} == {fonts.FALLBACK_SIP}
    assert found["☑"] == fonts.FALLBACK_SYMBOLS
    assert fonts.uncovered("王" + NO_FONT) == [NO_FONT]


def test_markup_is_escaped_and_wraps_runs_in_their_font() -> None:
    fs = fonts.fonts()
    assert fs.markup("a<b>&c") == "a&lt;b&gt;&amp;c"
    assert fs.markup("陈𠮷瑶") == f'陈<font face="{fonts.FALLBACK_SIP}">𠮷</font>瑶'
    assert fs.markup("一\n二") == "一<br/>二"
    # Controls, zero-width and variation selectors print as nothing; tabs as spaces.
    assert fs.markup("a\x00\u200bb\ufe00\tc") == "ab c"
    stand_in = fs.markup(NO_FONT)
    assert "[U+31350]" in stand_in and fonts.MISSING_COLOR in stand_in
    # Bold text: runs the bold face has stay bare, others are wrapped.
    assert fs.markup("姓名", bold=True) == "姓名"
    assert fs.markup("姓名", bold=True, base=fonts.MAIN) == f'<font face="{fonts.BOLD}">姓名</font>'


def test_ideographic_spaces_keep_their_width() -> None:
    fs = fonts.fonts()
    assert "\u3000" not in fs.markup("　　年")
    assert fs.markup("　　年").count("\u00a0") == 2 * len(fs._em_space)


def _pdf_with(text: str) -> bytes:
    story = [para(text, styles().body)]
    part = DocumentPart(title="测试", subject=text, story=story)
    data = render_parts([part], meta(), pdf_title="测试")
    assert data is not None
    return data


def test_rare_characters_print_with_a_real_glyph_and_copy_back(tmp_path: Path) -> None:
    name = "陈" + EXT_B + EXT_A
    pdf = _pdf_with(f"姓名：{name}")
    # Text extraction gets the characters back (ToUnicode with surrogate pairs beyond the BMP).
    assert name in all_text(pdf)
    used = {row.name.split("+", 1)[1] for row in pdffonts(pdf, tmp_path)}
    assert "HanaMinB" in used  # the fallback font is embedded and used for 𠮷𪚥𡒄
    assert "NotoSansSC-Regular" in used


def test_a_character_no_font_has_prints_its_code_point() -> None:
    pdf = _pdf_with("王" + NO_FONT)
    assert "[U+31350]" in all_text(pdf)


@pytest.mark.parametrize("missing", [f.filename for f in BUNDLED_FONTS])
def test_a_missing_font_file_is_named(tmp_path: Path, missing: str) -> None:
    for font in BUNDLED_FONTS:
        if font.filename != missing:
            (tmp_path / font.filename).symlink_to(font.path)
    # The check registration runs first, without disturbing the process-wide registration.
    with pytest.raises(FileNotFoundError, match=missing):
        fonts._check_files(tmp_path)
    assert set(fonts._check_files(fonts_dir())) == {f.role for f in BUNDLED_FONTS}


def test_the_rare_character_font_is_read_only_when_a_text_needs_it() -> None:
    """HanaMinB (about 53 MB once read) stays on disk until a character beyond the BMP asks for
    it: a program that prints ordinary names does not carry it (a fresh process: the registry
    is the process's)."""
    script = (
        "from reportlab.pdfbase import pdfmetrics\n"
        "from hexi_care.reports import fonts\n"
        "fs = fonts.fonts()\n"
        "fs.markup('张小明 ☑ 䶮 A&B')\n"
        "assert fonts.FALLBACK_SIP not in pdfmetrics.getRegisteredFontNames()\n"
        "assert fs.markup('陈𠮷瑶') == f'陈<font face=\"{fonts.FALLBACK_SIP}\">𠮷</font>瑶'\n"
        "assert fonts.FALLBACK_SIP in pdfmetrics.getRegisteredFontNames()\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)


def test_the_rare_character_font_adds_nothing_in_the_bmp() -> None:
    """Why HanaMinB can wait for a character beyond the BMP (fonts.LAZY): every character of the
    plane it has, the main faces have too."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    folder = fonts_dir()
    sip = TTFontFile(str(folder / "HanaMinB.ttf")).charToGlyph
    for role in ("main", "bold"):
        face = TTFontFile(str(folder / fonts.bundled_font(role).filename)).charToGlyph
        below = {c for c in sip if c < fonts.LAZY[fonts.FALLBACK_SIP]}
        assert below and below <= set(face), role
