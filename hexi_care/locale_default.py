"""The language a person gets before choosing one in Settings: Simplified Chinese, unless the
system's own language is English. A machine with no locale set (LANG=C, common on fresh installs)
gets Chinese."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

#: Windows' primary language identifier for English (LANGID & 0x3FF).
_LANG_ENGLISH = 0x09


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """ "en" when the system speaks English, else "zh"."""
    if sys.platform == "win32" and environ is None:
        return _windows_language()
    return posix_language(os.environ if environ is None else environ)


def posix_language(environ: Mapping[str, str]) -> str:
    """The language of messages as POSIX and GNU gettext pick it: the first of LC_ALL,
    LC_MESSAGES, LANG that is set names the locale; unless it is C/POSIX, the first entry of GNU's
    LANGUAGE list wins over it."""
    locale = next((environ[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(v)), "")
    if _code(locale) in ("", "c", "posix"):
        return "zh"
    first = environ.get("LANGUAGE", "").split(":")[0]
    return "en" if _code(first or locale).split("_")[0] == "en" else "zh"


def _code(value: str) -> str:
    """en_GB.UTF-8@euro → en_gb."""
    return value.split(".")[0].split("@")[0].strip().lower().replace("-", "_")


def _windows_language() -> str:  # pragma: no cover - Windows only
    import ctypes

    langid = int(ctypes.windll.kernel32.GetUserDefaultUILanguage())  # type: ignore[attr-defined]
    return "en" if langid & 0x3FF == _LANG_ENGLISH else "zh"
