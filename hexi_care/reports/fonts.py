"""Bundled CJK fonts for reportlab, and per-character fallback so no name prints as a blank box.

The main face (Noto Sans SC) covers GB 18030's basic set incl. CJK Extension A; rare characters
outside the Basic Multilingual Plane (CJK Extensions B–F, e.g. 𠮷 U+20BB7) come from HanaMinB and
symbols (☑ ✔ …) from DejaVu Sans. Each run of text is set in the first font of the chain whose
cmap has the character; a character no bundled font has prints as a visible "[U+XXXXX]".
reportlab embeds TrueType fonts as subsets (only the glyphs used) by default.
"""

from __future__ import annotations

import mmap
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from hexi_care.reports import rlsetup
from hexi_care.resources import bundled_font, fonts_dir

#: reportlab font names of the bundled faces.
MAIN: Final = "HexiSans"
BOLD: Final = "HexiSans-Bold"
FALLBACK_SIP: Final = "HexiHanaMinB"
FALLBACK_SYMBOLS: Final = "HexiDejaVuSans"

#: Colour of the "[U+XXXXX]" stand-in for a character no bundled font has.
MISSING_COLOR: Final = "#9a3412"

_ROLE_NAMES: Final = (
    ("main", MAIN),
    ("bold", BOLD),
    ("fallback_sip", FALLBACK_SIP),
    ("fallback_symbols", FALLBACK_SYMBOLS),
)

#: A run of text: the font to set it in, or None for characters no font has (print a stand-in).
Run = tuple[str | None, str]


def _drop(char: str) -> bool:
    """Characters that print as nothing on purpose: controls, format characters (zero-width
    joiners, bidi marks, BOM) and variation selectors (an IVS after a name's character only picks
    a glyph variant, which reportlab cannot do; the base character still prints)."""
    category = unicodedata.category(char)
    if category in ("Cc", "Cf"):
        return True
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def missing_stand_in(char: str) -> str:
    """What prints for a character no bundled font has: its code point, e.g. "[U+30EDE]"."""
    return f"[U+{ord(char):04X}]"


def escape(text: str) -> str:
    """Escape text for reportlab paragraph markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


#: Fonts registered only when a text needs them, with the first code point they can be needed
#: for: HanaMinB (about 53 MB in memory once read) serves characters outside the Basic
#: Multilingual Plane, and the few of the plane it has the main faces have too (a test checks),
#: so a document without such a character never reads it.
LAZY: Final = {FALLBACK_SIP: 0x10000}


@dataclass(slots=True)
class FontSet:
    """The registered fonts and which characters each covers (from their cmaps)."""

    main: str
    bold: str
    fallbacks: tuple[str, ...]
    _covers: dict[str, frozenset[int]] = field(repr=False)
    _cache: dict[tuple[str, bool], str | None] = field(default_factory=dict, repr=False)
    #: No-break spaces as wide as one ideographic space (U+3000) of the main face.
    _em_space: str = "\u00a0\u00a0\u00a0\u00a0"
    #: Registers a font of LAZY on first need and gives its coverage.
    _load: Callable[[str], frozenset[int]] | None = field(default=None, repr=False)

    def _coverage(self, font: str) -> frozenset[int]:
        try:
            return self._covers[font]
        except KeyError:
            if self._load is None:
                raise
            self._covers[font] = self._load(font)
            return self._covers[font]

    def covers(self, font: str, char: str) -> bool:
        return ord(char) in self._coverage(font)

    def font_for(self, char: str, bold: bool = False) -> str | None:
        """The first font of the chain (main or bold, then the fallbacks) that has `char`."""
        key = (char, bold)
        try:
            return self._cache[key]
        except KeyError:
            pass
        code = ord(char)
        found: str | None = None
        for font in ((self.bold if bold else self.main), *self.fallbacks):
            if font not in self._covers and code < LAZY.get(font, 0):
                continue  # (a lazy font is not needed below its first code point)
            if code in self._coverage(font):
                found = font
                break
        self._cache[key] = found
        return found

    def single_run(self, text: str, font: str) -> bool:
        """Whether `font` has every character of `text` (then it needs no fallback)."""
        covered = self._coverage(font)
        return all(ord(c) in covered for c in text)

    def runs(self, text: str, bold: bool = False) -> list[Run]:
        """Split `text` into runs of one font each (see `Run`). Line breaks are kept as "\n";
        other control and format characters are dropped."""
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        base = self.bold if bold else self.main
        covered = self._covers[base]
        if all(ord(c) in covered for c in text):
            return [(base, text)] if text else []  # the usual case: one run
        out: list[Run] = []
        cur_font: str | None = ""
        cur: list[str] = []
        for char in text:
            if char == "\t":
                char = " "
            font: str | None
            if char == "\n":
                font = base
            elif _drop(char):
                continue
            else:
                font = self.font_for(char, bold)
            if font != cur_font and cur:
                out.append((cur_font, "".join(cur)))
                cur = []
            cur_font = font
            cur.append(char)
        if cur:
            out.append((cur_font, "".join(cur)))
        return out

    def markup(self, text: str, bold: bool = False, base: str | None = None) -> str:
        """Paragraph markup for plain `text`: escaped, line breaks as <br/>, runs the base font
        lacks wrapped in their fallback font, missing characters as a visible stand-in.

        `base` is the paragraph style's font (default: the bold face when `bold`, else the main
        face); runs in any other font are wrapped in <font face=…>.
        """
        if base is None:
            base = self.bold if bold else self.main
        parts: list[str] = []
        for font, run in self.runs(text, bold):
            if font is None:
                stand_in = "".join(missing_stand_in(c) for c in run)
                parts.append(f'<font face="{self.main}" color="{MISSING_COLOR}">{stand_in}</font>')
                continue
            body = escape(run).replace("\n", "<br/>")
            if "\u3000" in body:
                # reportlab collapses ideographic spaces like any whitespace; forms use them as
                # fixed blanks ("　　年　　月　　日"), so keep each as no-break spaces of 1 em.
                body = body.replace("\u3000", self._em_space)
            if font == base:
                parts.append(body)
            else:
                parts.append(f'<font face="{font}">{body}</font>')
        return "".join(parts)

    def plain(self, text: str, bold: bool = False) -> str:
        """Text for places that take one font only (chart labels, PDF metadata): characters the
        base font lacks become their stand-in."""
        base = self.bold if bold else self.main
        parts: list[str] = []
        for font, run in self.runs(text, bold):
            if font == base:
                parts.append(run.replace("\n", " "))
            else:
                parts.append("".join(missing_stand_in(c) for c in run))
        return "".join(parts)

    def string_width(self, text: str, size: float, bold: bool = False) -> float:
        width = 0.0
        for font, run in self.runs(text, bold):
            if font is None:
                width += pdfmetrics.stringWidth(
                    "".join(missing_stand_in(c) for c in run), self.main, size
                )
            else:
                width += pdfmetrics.stringWidth(run.replace("\n", " "), font, size)
        return width

    def draw_string(
        self,
        canvas: Any,
        x: float,
        y: float,
        text: str,
        size: float,
        bold: bool = False,
        align: str = "left",
    ) -> float:
        """Draw one line of `text` on a reportlab canvas with per-character fallback.
        `align` is left, centre or right of `x`. Returns the width drawn."""
        width = self.string_width(text, size, bold)
        if align == "centre":
            x -= width / 2
        elif align == "right":
            x -= width
        for font, run in self.runs(text, bold):
            if font is None:
                run = "".join(missing_stand_in(c) for c in run)
                font = self.main
            run = run.replace("\n", " ")
            canvas.setFont(font, size)
            canvas.drawString(x, y, run)
            x += pdfmetrics.stringWidth(run, font, size)
        return width


def _check_files(folder: Path) -> dict[str, Path]:
    """The bundled font files by role; FileNotFoundError naming the first one missing."""
    paths: dict[str, Path] = {}
    for role, _ in _ROLE_NAMES:
        path = folder / bundled_font(role).filename
        if not path.is_file():
            raise FileNotFoundError(f"bundled font missing: {path}")
        paths[role] = path
    return paths


class _Mapped:
    """A font file for reportlab, mapped into memory instead of read into it: reportlab only slices
    its data, and a printout touches the tables it parses and the glyphs it embeds, not the whole
    10–30 MB file (those pages are the file's: the system can drop them again)."""

    def __init__(self, path: Path) -> None:
        self.name = str(path)

    def read(self) -> mmap.mmap:
        with open(self.name, "rb") as f:
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


_lock = threading.RLock()  # (a lazy font registers under it, maybe from register_fonts)
_fontset: FontSet | None = None


def register_fonts(directory: Path | None = None) -> FontSet:
    """Register the bundled fonts with reportlab once per process and return them.

    Raises FileNotFoundError naming the missing file when the resources are incomplete.
    """
    global _fontset
    with _lock:
        if _fontset is not None:
            return _fontset
        rlsetup.configure()
        folder = directory if directory is not None else fonts_dir()
        paths = _check_files(folder)
        by_name = {name: paths[role] for role, name in _ROLE_NAMES}

        def load(name: str) -> frozenset[int]:
            with _lock:
                font = TTFont(name, _Mapped(by_name[name]))
                pdfmetrics.registerFont(font)
                if name in (FALLBACK_SIP, FALLBACK_SYMBOLS):
                    # The fallbacks have one face; <b> around them keeps that face.
                    pdfmetrics.registerFontFamily(
                        name, normal=name, bold=name, italic=name, boldItalic=name
                    )
                return frozenset(font.face.charToGlyph)

        covers = {name: load(name) for _, name in _ROLE_NAMES if name not in LAZY}
        pdfmetrics.registerFontFamily(MAIN, normal=MAIN, bold=BOLD, italic=MAIN, boldItalic=BOLD)
        pdfmetrics.registerFontFamily(BOLD, normal=BOLD, bold=BOLD, italic=BOLD, boldItalic=BOLD)
        nbsp = pdfmetrics.stringWidth("\u00a0", MAIN, 1000) or 250.0
        _fontset = FontSet(
            main=MAIN,
            bold=BOLD,
            fallbacks=(FALLBACK_SIP, FALLBACK_SYMBOLS),
            _covers=covers,
            _em_space="\u00a0" * max(1, round(1000 / nbsp)),
            _load=load,
        )
        return _fontset


def fonts() -> FontSet:
    """The registered font set (registering on first use)."""
    return _fontset if _fontset is not None else register_fonts()


def markup(text: str, bold: bool = False, base: str | None = None) -> str:
    """`FontSet.markup` on the bundled fonts: escaped paragraph markup with per-character fallback."""
    return fonts().markup(text, bold, base)


def uncovered(text: str) -> list[str]:
    """The characters of `text` that no bundled font has (they print as "[U+XXXXX]")."""
    fs = fonts()
    return [c for font, run in fs.runs(text) if font is None for c in run]


def coverage(chars: Iterable[str]) -> dict[str, str | None]:
    """Which font each character is set in (for tests and diagnostics)."""
    fs = fonts()
    return {c: fs.font_for(c) for c in chars}
