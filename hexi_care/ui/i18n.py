"""Qt Linguist translations and the words for enum values on screen.

Source strings in the code are English; resources/i18n/hexi_care_zh_CN.ts holds the Chinese, built
into .qm by `python -m hexi_care.tools.build_translations`. Simplified Chinese is the default.
Messages raised by the core (UserProblem) are phrased by hexi_care.messages in the same language.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, tzinfo
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from hexi_care import messages
from hexi_care.domain.enums import (
    FollowUpStatus,
    Rating,
    Relationship,
    ReportStatus,
    ReportTrigger,
    RiskLevel,
    Role,
    SafetyTopic,
    Sex,
    SituationKind,
    UnitKind,
    VisitKind,
    VisitStatus,
)
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


# -- words for enum values ------------------------------------------------------------------------
ROLE = {
    Role.DIRECTOR: QT_TRANSLATE_NOOP("Labels", "Child director"),
    Role.STREET_SUPERVISOR: QT_TRANSLATE_NOOP("Labels", "Child supervisor (street)"),
    Role.CENTRE_SUPERVISOR: QT_TRANSLATE_NOOP("Labels", "Centre supervisor"),
    Role.ADMIN: QT_TRANSLATE_NOOP("Labels", "Administrator"),
}
UNIT_KIND = {
    UnitKind.DISTRICT: QT_TRANSLATE_NOOP("Labels", "District"),
    UnitKind.STREET: QT_TRANSLATE_NOOP("Labels", "Street"),
    UnitKind.COMMUNITY: QT_TRANSLATE_NOOP("Labels", "Community"),
}
SEX = {
    Sex.MALE: QT_TRANSLATE_NOOP("Labels", "Male"),
    Sex.FEMALE: QT_TRANSLATE_NOOP("Labels", "Female"),
}
RISK = {
    RiskLevel.LOW: QT_TRANSLATE_NOOP("Labels", "Low"),
    RiskLevel.MEDIUM: QT_TRANSLATE_NOOP("Labels", "Medium"),
    RiskLevel.HIGH: QT_TRANSLATE_NOOP("Labels", "High"),
}
RELATIONSHIP = {
    Relationship.FATHER: QT_TRANSLATE_NOOP("Labels", "Father"),
    Relationship.MOTHER: QT_TRANSLATE_NOOP("Labels", "Mother"),
    Relationship.GRANDFATHER: QT_TRANSLATE_NOOP("Labels", "Grandfather"),
    Relationship.GRANDMOTHER: QT_TRANSLATE_NOOP("Labels", "Grandmother"),
    Relationship.SIBLING: QT_TRANSLATE_NOOP("Labels", "Sibling"),
    Relationship.RELATIVE: QT_TRANSLATE_NOOP("Labels", "Other relative"),
    Relationship.ENTRUSTED: QT_TRANSLATE_NOOP("Labels", "Entrusted carer"),
    Relationship.OTHER: QT_TRANSLATE_NOOP("Labels", "Other"),
}
SITUATION = {
    SituationKind.DECEASED: QT_TRANSLATE_NOOP("Labels", "Deceased"),
    SituationKind.DECLARED_MISSING: QT_TRANSLATE_NOOP("Labels", "Declared missing"),
    SituationKind.SEVERE_DISABILITY: QT_TRANSLATE_NOOP("Labels", "Severe disability"),
    SituationKind.SERIOUS_ILLNESS: QT_TRANSLATE_NOOP("Labels", "Serious illness"),
    SituationKind.IMPRISONED: QT_TRANSLATE_NOOP("Labels", "Serving a prison sentence"),
    SituationKind.COMPULSORY_REHAB: QT_TRANSLATE_NOOP("Labels", "Compulsory drug rehabilitation"),
    SituationKind.OTHER_RESTRAINT: QT_TRANSLATE_NOOP("Labels", "Other restriction of liberty"),
    SituationKind.LOST_CONTACT: QT_TRANSLATE_NOOP("Labels", "Lost contact"),
    SituationKind.GUARDIANSHIP_REVOKED: QT_TRANSLATE_NOOP("Labels", "Guardianship revoked"),
    SituationKind.DEPORTED: QT_TRANSLATE_NOOP("Labels", "Deported"),
    SituationKind.WORKING_AWAY: QT_TRANSLATE_NOOP("Labels", "Working away from home"),
    SituationKind.NOT_FOUND: QT_TRANSLATE_NOOP("Labels", "Cannot be found (certified)"),
}
VISIT_KIND = {
    VisitKind.ROUTINE: QT_TRANSLATE_NOOP("Labels", "Routine visit"),
    VisitKind.CAMPAIGN: QT_TRANSLATE_NOOP("Labels", "Campaign (holiday care)"),
    VisitKind.FOLLOW_UP: QT_TRANSLATE_NOOP("Labels", "Follow-up"),
    VisitKind.EMERGENCY: QT_TRANSLATE_NOOP("Labels", "Emergency"),
}
VISIT_STATUS = {
    VisitStatus.DRAFT: QT_TRANSLATE_NOOP("Labels", "Draft"),
    VisitStatus.SUBMITTED: QT_TRANSLATE_NOOP("Labels", "Awaiting review"),
    VisitStatus.APPROVED: QT_TRANSLATE_NOOP("Labels", "Approved"),
    VisitStatus.RETURNED: QT_TRANSLATE_NOOP("Labels", "Returned"),
}
RATING = {
    Rating.GOOD: QT_TRANSLATE_NOOP("Labels", "Good"),
    Rating.FAIR: QT_TRANSLATE_NOOP("Labels", "Fair"),
    Rating.POOR: QT_TRANSLATE_NOOP("Labels", "Poor"),
    Rating.SERIOUS: QT_TRANSLATE_NOOP("Labels", "Serious problem"),
}
SAFETY = {
    SafetyTopic.FIRE_ELECTRICITY_GAS: QT_TRANSLATE_NOOP("Labels", "Fire, electricity and gas"),
    SafetyTopic.TRAFFIC: QT_TRANSLATE_NOOP("Labels", "Traffic safety"),
    SafetyTopic.DROWNING: QT_TRANSLATE_NOOP("Labels", "Drowning prevention"),
    SafetyTopic.FOOD_HYGIENE: QT_TRANSLATE_NOOP("Labels", "Food hygiene"),
    SafetyTopic.SELF_PROTECTION: QT_TRANSLATE_NOOP("Labels", "Self-protection"),
    SafetyTopic.ONLINE: QT_TRANSLATE_NOOP("Labels", "Online safety"),
    SafetyTopic.MENTAL_HEALTH: QT_TRANSLATE_NOOP("Labels", "Child's mental health"),
    SafetyTopic.GUARDIANSHIP_DUTY: QT_TRANSLATE_NOOP("Labels", "Guardianship duty"),
}
FOLLOWUP_STATUS = {
    FollowUpStatus.OPEN: QT_TRANSLATE_NOOP("Labels", "Open"),
    FollowUpStatus.DONE: QT_TRANSLATE_NOOP("Labels", "Done"),
    FollowUpStatus.CANCELLED: QT_TRANSLATE_NOOP("Labels", "Cancelled"),
}
REPORT_STATUS = {
    ReportStatus.OPEN: QT_TRANSLATE_NOOP("Labels", "Awaiting feedback"),
    ReportStatus.CLOSED: QT_TRANSLATE_NOOP("Labels", "Closed"),
}
REPORT_TRIGGER = {
    ReportTrigger.PRIVATE_PARTS_INJURY: QT_TRANSLATE_NOOP("Labels", "Injury to private parts"),
    ReportTrigger.GIRL_UNDER14_ASSAULT_PREGNANCY: QT_TRANSLATE_NOOP(
        "Labels", "Girl under 14 sexually assaulted, pregnant or after abortion"
    ),
    ReportTrigger.GIRL_14PLUS_PREGNANT_ASSAULT: QT_TRANSLATE_NOOP(
        "Labels", "Girl 14 or older pregnant through suspected assault"
    ),
    ReportTrigger.MULTIPLE_INJURIES_ABUSE: QT_TRANSLATE_NOOP(
        "Labels",
        "Multiple injuries, severe malnutrition or impaired consciousness (suspected abuse)",
    ),
    ReportTrigger.ABNORMAL_INJURY_OR_DEATH: QT_TRANSLATE_NOOP(
        "Labels",
        "Injury or death by suicide, self-harm, poisoning, beating or other abnormal cause",
    ),
    ReportTrigger.ABANDONED: QT_TRANSLATE_NOOP("Labels", "Abandoned or long left without care"),
    ReportTrigger.MISSING_TRAFFICKED: QT_TRANSLATE_NOOP(
        "Labels", "Origin unknown, missing or trafficked"
    ),
    ReportTrigger.ORGANISED_BEGGING: QT_TRANSLATE_NOOP("Labels", "Organised begging"),
    ReportTrigger.OTHER_SERIOUS_HARM: QT_TRANSLATE_NOOP("Labels", "Other serious harm"),
    ReportTrigger.DOMESTIC_VIOLENCE: QT_TRANSLATE_NOOP("Labels", "Suspected domestic violence"),
}
ASSISTANCE_KIND = {
    "goods": QT_TRANSLATE_NOOP("Labels", "Goods"),
    "money": QT_TRANSLATE_NOOP("Labels", "Money"),
    "service": QT_TRANSLATE_NOOP("Labels", "Service"),
}
#: Every enum shown on screen, with its words (a test checks that each value has them).
ENUM_WORDS: list[tuple[type, dict]] = []  # type: ignore[type-arg]

TRISTATE = {
    None: QT_TRANSLATE_NOOP("Labels", "Not known"),
    True: QT_TRANSLATE_NOOP("Labels", "Yes"),
    False: QT_TRANSLATE_NOOP("Labels", "No"),
}


ENUM_WORDS += [
    (Role, ROLE),
    (UnitKind, UNIT_KIND),
    (Sex, SEX),
    (RiskLevel, RISK),
    (Relationship, RELATIONSHIP),
    (SituationKind, SITUATION),
    (VisitKind, VISIT_KIND),
    (VisitStatus, VISIT_STATUS),
    (Rating, RATING),
    (SafetyTopic, SAFETY),
    (FollowUpStatus, FOLLOWUP_STATUS),
    (ReportStatus, REPORT_STATUS),
    (ReportTrigger, REPORT_TRIGGER),
]


def label(table: dict, value: object) -> str:  # type: ignore[type-arg]
    """The word for an enum value in the current language ("" for None unless the table has it)."""
    if value is None and None not in table:
        return ""
    text = table.get(value)
    if text is None:
        return str(value)
    return QCoreApplication.translate(CONTEXT, text)


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
        sep = "、" if _lang == "zh" else ", "
        return sep.join(self.name(c) for c in codes)
