"""Qt Linguist translations, and the window's access to the vocabulary's words for enum values
and fields (hexi_care.vocabulary).

Source strings in the code are English; resources/i18n/hexi_care_zh_CN.ts holds the Chinese, built
into .qm by `python -m hexi_care.tools.build_translations`. Simplified Chinese is the default.
Messages raised by the core (UserProblem) are phrased by hexi_care.messages in the same language.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from hexi_care import messages, vocabulary
from hexi_care.errors import InvalidInput, UserProblem
from hexi_care.resources import resources_dir

log = logging.getLogger("hexi_care.ui")

CONTEXT = "Labels"
_installed: list[QTranslator] = []
_lang = "zh"


def i18n_dir() -> Path:
    return resources_dir() / "i18n"


def install(lang: str) -> str:
    """Install the translators for `lang` ("zh" or "en"); returns the language in effect."""
    global _lang
    app = QCoreApplication.instance()
    for t in _installed:
        if app is not None:
            app.removeTranslator(t)
    _installed.clear()
    _lang = lang if lang in ("zh", "en") else "zh"
    if _lang == "zh":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        ours = QTranslator()
        qm = i18n_dir() / "hexi_care_zh_CN.qm"
        if ours.load(str(qm)):
            _installed.append(ours)
        else:
            log.warning(
                "translation file missing: %s (run python -m hexi_care.tools.build_translations)",
                qm.name,
            )
        qt = QTranslator()
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _installed.append(qt)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    if app is not None:
        for t in _installed:
            app.installTranslator(t)
    return _lang


def lang() -> str:
    return _lang


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for translation in `context`; it is translated where it is shown (`lookup`).
    Ours rather than PySide6's, which is typed as returning `object`."""
    return text


def translate(context: str, text: str) -> str:
    """A literal text in a fixed context (pyside6-lupdate finds these calls)."""
    return QCoreApplication.translate(context, text)


def lookup(text: str, context: str = CONTEXT) -> str:
    """A text marked elsewhere with QT_TRANSLATE_NOOP(context, text)."""
    return QCoreApplication.translate(context, text)


def problem_text(exc: BaseException) -> str:
    """What to tell the user about an exception, in the current language."""
    if isinstance(exc, UserProblem):
        return exc.message(_lang)
    return translate(
        "Common",
        "Something went wrong inside the program. It was written to the log; your data is safe.",
    )


def field_problem(exc: InvalidInput) -> str:
    """The problem of one field, without the field's name (shown beside the field itself)."""
    params = {k: v for k, v in exc.params.items() if k not in ("field", "problem")}
    return messages.render(f"problem.{exc.problem}", _lang, **params)


def fmt_date(d: date | None) -> str:
    return d.isoformat() if d else ""


#: The store's time zone, set once the store is open: times show as the paper prints them.
_zone: tzinfo | None = None


def set_zone(zone: tzinfo) -> None:
    global _zone
    _zone = zone


def zone() -> tzinfo | None:
    """The store's time zone (None, the machine's, before a store is open)."""
    return _zone


def fmt_datetime(t: datetime | None) -> str:
    return t.astimezone(_zone).strftime("%Y-%m-%d %H:%M") if t else ""


# -- words for enum values and fields: hexi_care.vocabulary, the one place they live -------------
ROLE = vocabulary.ROLE
UNIT_KIND = vocabulary.UNIT_KIND
SEX = vocabulary.SEX
RISK = vocabulary.RISK
RELATIONSHIP = vocabulary.RELATIONSHIP
SITUATION = vocabulary.SITUATION
VISIT_KIND = vocabulary.VISIT_KIND
VISIT_STATUS = vocabulary.VISIT_STATUS
RATING = vocabulary.RATING
SAFETY = vocabulary.SAFETY
FOLLOWUP_STATUS = vocabulary.FOLLOWUP_STATUS
REPORT_STATUS = vocabulary.REPORT_STATUS
REPORT_TRIGGER = vocabulary.REPORT_TRIGGER
ASSISTANCE_KIND = vocabulary.ASSISTANCE_KIND
TRISTATE = vocabulary.TRISTATE
REEXAM_KIND = vocabulary.REEXAM_KIND
REEXAM_DECISION = vocabulary.REEXAM_DECISION
RED_FLAG = vocabulary.RED_FLAG


def label(table: Mapping[Any, vocabulary.Words], value: object) -> str:
    """The word for a value in the current language ("" for None unless the table has it)."""
    if value is None and None not in table:
        return ""
    words = table.get(value)
    if words is None:
        return str(value)
    return words[1] if _lang == "en" else words[0]


def field(name: str) -> str:
    """The word for a field name (as the core calls it) in the current language, as a label
    (capitalised in English)."""
    word = vocabulary.field(name, _lang)
    return word[:1].upper() + word[1:]


class CategoryNames:
    """Category words come from the store (data, not code): name_zh / name_en per code."""

    def __init__(self, defs: dict[str, tuple[str, str]] | None = None) -> None:
        self.defs = defs or {}

    def name(self, code: str) -> str:
        zh_en = self.defs.get(code)
        if zh_en is None:
            return code
        return zh_en[0] if _lang == "zh" else zh_en[1]

    def names(self, codes: list[str]) -> str:
        return join(self.name(c) for c in codes)


def join(items: Iterable[str]) -> str:
    """A list as the language writes it: 甲、乙、丙 in Chinese, "a, b, c" in English."""
    return ("、" if _lang == "zh" else ", ").join(items)
