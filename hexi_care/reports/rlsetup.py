"""Process-wide reportlab settings the documents need, applied once before any rendering.

reportlab keeps these as module globals, so they are set here, in one place, with the reason:
- ToUnicode maps for characters beyond the BMP (rare characters in names must copy and search);
- Chinese punctuation that must not start a line (reportlab's list is the Japanese one);
- binary streams instead of ASCII85 (smaller files, a tenth faster).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import reportlab.lib.textsplit as _textsplit
import reportlab.pdfbase.ttfonts as _ttfonts
import reportlab.platypus.paragraph as _paragraph
from reportlab import rl_config

#: Punctuation that may not start a line in Chinese (GB/T 15834 usage), beyond reportlab's list:
#: it hangs at the end of the previous line instead.
CHINESE_CANNOT_START = "，；：？！》〉”’…—～·％"

_lock = threading.Lock()
_done = False


def _utf16_hex(code: int) -> str:
    if code > 0xFFFF:
        code -= 0x10000
        return f"{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}"
    return f"{code:04X}"


def to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's ToUnicode CMap, with code points beyond the BMP as UTF-16 surrogate pairs.

    reportlab (5.1) writes them as "<20BB7>", an odd-length hex string that text extraction and
    screen readers reject, so 𠮷 would print but not copy or search. Same output for the BMP.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


def configure() -> None:
    """Apply the settings (once per process; later calls do nothing)."""
    global _done
    with _lock:
        if _done:
            return
        _ttfonts.makeToUnicodeCMap = to_unicode_cmap  # type: ignore[attr-defined]
        extra = "".join(c for c in CHINESE_CANNOT_START if c not in _textsplit.ALL_CANNOT_START)
        _textsplit.ALL_CANNOT_START += extra
        _paragraph.ALL_CANNOT_START = _textsplit.ALL_CANNOT_START  # type: ignore[attr-defined]
        rl_config.useA85 = 0
        _done = True
