"""Report data: what each printed document shows, as plain dataclasses (no reportlab, no I/O).

A builder reading through the services fills these (and has already applied the reader's scope:
a document holds only what its reader may see); the renderers lay them out. They reuse the domain
objects of `hexi_care.domain.model` where those fit, and add the names a paper form needs that the
domain objects only hold as ids (community, street, user and category names).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from hexi_care.domain.enums import VisitKind
from hexi_care.domain.model import (
    Child,
    ChildFile,
    FollowUp,
    Guardian,
    Household,
    NoticeTemplate,
    Referral,
    Visit,
)
from hexi_care.reports.formatting import CHINA_TZ

#: Prefix of the text a form's QR code holds: "hexi-care:<kind>:<record id>".
QR_PREFIX = "hexi-care"


def qr_payload(kind: str, record_id: str) -> str:
    """The text of a form's QR code, e.g. "hexi-care:visit:3f2c…"."""
    return f"{QR_PREFIX}:{kind}:{record_id}"


def parse_qr_payload(text: str) -> tuple[str, str] | None:
    """(kind, record id) from a scanned QR text, or None when it is not one of ours."""
    parts = text.strip().split(":", 2)
    if len(parts) != 3 or parts[0] != QR_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportMeta:
    """Who generated a document and when; printed on every page.

    `generated_at` is passed in (never read from the clock here), so the same input gives a
    byte-identical file; it is also the PDF's creation date.
    """

    generated_by: str
    generated_at: datetime
    #: Issuing unit printed in the footer, e.g. "河西区桃园街 XX社区".
    unit_name: str = ""
    #: Time zone the generated-at time prints in.
    display_tz: tzinfo = CHINA_TZ

    @property
    def as_of(self) -> date:
        """The local day of generation: ages are computed on it."""
        moment = self.generated_at
        if moment.tzinfo is not None:
            moment = moment.astimezone(self.display_tz)
        return moment.date()


@dataclass(slots=True, kw_only=True)
class ChecklistData:
    """入户走访记录表: a visit checklist, pre-filled for a planned visit, or blank.

    With `child` None it is the blank form for a child not yet registered: every field left to
    fill by hand.
    """

    child: Child | None = None
    household: Household | None = None
    guardians: list[Guardian] = field(default_factory=list)
    community_name: str = ""
    street_name: str = ""
    planned_date: date | None = None
    planned_kind: VisitKind | None = None
    #: Who is expected to visit (the director, a supervisor …), pre-printed on the form.
    planned_visitors: str = ""
    #: The last visit, for its date; its open follow-ups come in `open_items`.
    last_visit: Visit | None = None
    open_items: list[FollowUp] = field(default_factory=list)
    #: Category code -> display name (the categories are data); built-ins fall back to labels.
    category_names: Mapping[str, str] = field(default_factory=dict)
    #: Printed ID numbers are masked unless the builder decides the form needs the full number.
    show_full_id_number: bool = False
    #: The QR code's record id; defaults to the child's id.
    record_id: str | None = None

    @property
    def qr_record(self) -> str | None:
        if self.record_id:
            return self.record_id
        return self.child.id if self.child is not None else None


@dataclass(slots=True, kw_only=True)
class VisitSummaryData:
    """走访情况小结: one recorded visit (`model.Visit`) with the names it needs to print."""

    visit: Visit
    child: Child
    community_name: str = ""
    street_name: str = ""
    household: Household | None = None
    followups: list[FollowUp] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    #: Display name of the visitor who recorded it (visit.created_by resolved).
    recorder_name: str = ""
    #: Display name of the reviewer (visit.reviewed_by resolved).
    reviewer_name: str = ""
    category_names: Mapping[str, str] = field(default_factory=dict)
    show_full_id_number: bool = False


@dataclass(slots=True, kw_only=True)
class NoticeData:
    """监护责任告知书 for one household, from a template (`notice_templates.py` holds the defaults)."""

    template: NoticeTemplate
    household: Household | None = None
    #: Whom the notice is addressed to: the guardians or carers actually present (the builder
    #: leaves out, say, a parent in prison); none leaves a blank to write the name in.
    guardians: list[Guardian] = field(default_factory=list)
    #: The household's children the notice concerns (names print on it).
    children: list[Child] = field(default_factory=list)
    community_name: str = ""
    street_name: str = ""
    director_name: str = ""
    director_phone: str = ""
    #: The issuing unit under the signatures, e.g. "XX社区居民委员会".
    issuing_unit: str = ""
    #: A date pre-printed on the signature lines; None leaves them to fill by hand.
    issue_date: date | None = None

    @property
    def qr_record(self) -> str | None:
        return self.household.id if self.household is not None else None


@dataclass(slots=True, kw_only=True)
class CaseFileData:
    """一人一档: a child's whole file. `file.reports` is None when the reader may not see them,
    and then the document has no mandatory-report section at all."""

    file: ChildFile
    category_names: Mapping[str, str] = field(default_factory=dict)
    #: User id -> display name, for visit recorders and reviewers and notice deliverers.
    user_names: Mapping[str, str] = field(default_factory=dict)
    #: Notice template code -> title; built-ins fall back to labels.
    notice_titles: Mapping[str, str] = field(default_factory=dict)
    show_full_id_number: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class StatsFigures:
    """One line of the statistics, every figure derived and de-duplicated by the builder
    (DOMAIN.md "Counting": distinct households and persons are not additive, so subtotals and
    totals come computed, never summed here)."""

    households: int = 0  # 户, distinct households visited
    children: int = 0  # 人, distinct children served
    person_times: int = 0  # 人次
    visits: int = 0  # 走访次数
    notices: int = 0  # 告知书送达份数
    items: int = 0  # 件
    amount_fen: int = 0  # 元, kept in fen
    overdue: int = 0  # 逾期未访 (children overdue at period end)
    mandatory_reports: int = 0  # 强制报告件数
    household_times: int = 0  # 户次: each visit day, help given and notice, per household


@dataclass(frozen=True, slots=True, kw_only=True)
class CommunityStats:
    name: str
    figures: StatsFigures


@dataclass(frozen=True, slots=True, kw_only=True)
class StreetStats:
    name: str
    figures: StatsFigures  # the street's subtotal
    communities: tuple[CommunityStats, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class DashboardFigures:
    """The 看板 figures as of a day, as the window shows them (names and words already chosen)."""

    as_of: date
    unit_names: tuple[str, ...]  # the unit columns: streets, or a street's communities
    #: (category name, children per unit column)
    categories: tuple[tuple[str, tuple[int, ...]], ...] = ()
    months: tuple[tuple[str, int], ...] = ()  # ("YYYY-MM", visits)
    overdue: tuple[int, ...] = ()  # per unit column
    risk: tuple[tuple[str, int], ...] = ()  # (risk word, children)
    open_reports: int | None = None  # None: the reader may not see them
    #: (name, reached, goal, percent) of the campaign under way
    campaign: tuple[str, int, int, int] | None = None
    campaign_units: tuple[tuple[int, int], ...] = ()  # (on the list, reached) per unit column


@dataclass(frozen=True, slots=True, kw_only=True)
class StatisticsData:
    """工作统计 for a unit and a period."""

    unit_name: str
    period_start: date
    period_end: date
    total: StatsFigures
    #: "district", "street" or "community": the level the figures cover (the table and chart
    #: break a district down by street, a street by community).
    unit_kind: str = "district"
    streets: tuple[StreetStats, ...] = ()
    #: Print the mandatory-report column (only for readers who may see those counts).
    show_mandatory_reports: bool = True
    #: What the figures were narrowed to: (label key, value) pairs such as ("campaign", "冬季送温暖")
    #: for an activity, campaign or funder; empty for all the unit's work.
    narrowed_to: tuple[tuple[str, str], ...] = ()
    #: The dashboard's figures as of the day printed (all the unit's work only).
    dashboard: DashboardFigures | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RegisterRow:
    """One child in the 台账 register export. Values are what the sheet shows (the builder masks
    the ID number unless the export is meant to carry it)."""

    name: str
    street_name: str = ""
    community_name: str = ""
    sex: str = ""  # Sex value
    birth_date: date | None = None
    id_number: str = ""
    categories: tuple[str, ...] = ()  # display names
    risk: str = ""  # RiskLevel value
    guardians: str = ""
    phone: str = ""
    address: str = ""
    school: str = ""
    last_visit: date | None = None
    next_due: date | None = None
    note: str = ""
    child_id: str | None = None
