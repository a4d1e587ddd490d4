"""Plain domain objects that services return and accept. No SQLAlchemy, no Qt, no I/O.

Ids are UUID strings. Dates are `datetime.date`, instants are timezone-aware `datetime` in UTC.
Money is kept in fen (分, integer) so sums are exact; `amount_yuan` helpers format it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from hexi_care.domain.enums import (
    AllowanceStage,
    CampaignKind,
    CampaignTarget,
    CareSetting,
    FollowUpStatus,
    Rating,
    Relationship,
    ReportStatus,
    ReportTrigger,
    RiskLevel,
    Role,
    Sex,
    SituationKind,
    SupportKind,
    UnitKind,
    VisitKind,
    VisitStatus,
)


@dataclass(slots=True, kw_only=True)
class Unit:
    id: str
    name: str
    kind: UnitKind
    parent_id: str | None
    code: str | None = None


@dataclass(slots=True, kw_only=True)
class User:
    id: str
    name: str
    role: Role
    unit_id: str
    display_name: str = ""
    active: bool = True


@dataclass(slots=True, kw_only=True)
class CategoryDef:
    code: str
    name_zh: str
    name_en: str
    group: str  # orphan | no_carer | difficulty | left_behind | other


@dataclass(slots=True, kw_only=True)
class Category:
    """One label of a child (multi-label), with its basis and evidence."""

    code: str
    basis: str = ""  # 认定依据
    evidence: str = ""  # 证明材料
    start_date: date | None = None
    end_date: date | None = None
    id: str | None = None

    def active_on(self, day: date) -> bool:
        if self.start_date is not None and day < self.start_date:
            return False
        return self.end_date is None or day <= self.end_date


@dataclass(slots=True, kw_only=True)
class Situation:
    """A parent's situation (DOMAIN.md list S, death, declared missing) with dates and evidence."""

    kind: SituationKind
    start_date: date | None = None
    expected_end_date: date | None = None
    end_date: date | None = None
    evidence: str = ""
    note: str = ""
    # Disability grade (1–4) and whether it is mental/intellectual, for 重残.
    disability_grade: int | None = None
    disability_mental: bool = False
    id: str | None = None


@dataclass(slots=True, kw_only=True)
class Guardian:
    """A parent, guardian or entrusted carer in a household (监护人 / 受委托照护人)."""

    name: str
    relationship: Relationship
    household_id: str | None = None
    child_id: str | None = None  # set when the relationship concerns one child only
    id_number: str | None = None
    phone: str = ""
    is_guardian: bool = False  # 法定/实际监护人
    is_carer: bool = False  # actually cares for the child day to day
    situations: list[Situation] = field(default_factory=list)
    note: str = ""
    id: str | None = None
    version: int = 0


@dataclass(slots=True, kw_only=True)
class Household:
    community_id: str
    address: str = ""
    hukou_address: str = ""  # 户籍地址
    phone: str = ""
    note: str = ""
    id: str | None = None
    version: int = 0


@dataclass(slots=True, kw_only=True)
class ChildSummary:
    """One row of the children list (ID number masked)."""

    id: str
    name: str
    id_number_masked: str
    birth_date: date | None
    sex: Sex
    community_id: str
    community_name: str
    household_id: str | None
    categories: list[str]
    risk: RiskLevel
    last_visit: date | None = None
    next_due: date | None = None


#: The child's profile fields as the window, the command line and the services edit them, and
#: as exchange packages carry them (with the community): one list for all.
CHILD_PROFILE_FIELDS = (
    "name",
    "sex",
    "birth_date",
    "id_number",
    "no_hukou",
    "household_id",
    "hukou_address",
    "address",
    "school",
    "grade",
    "phone",
    "risk",
    "note",
    "disability_grade",
    "disability_kind",
    "disability_cert_no",
    "teacher_name",
    "teacher_phone",
)
#: The keys of a child's category and of a guardian's situation as one list-valued profile field
#: holds them (the change log and the exchange's merge).
CATEGORY_KEYS = ("code", "basis", "evidence", "start_date", "end_date")
SITUATION_KEYS = (
    "kind",
    "start_date",
    "expected_end_date",
    "end_date",
    "evidence",
    "note",
    "disability_grade",
    "disability_mental",
)
#: A household's fields as the services edit them and packages carry them.
HOUSEHOLD_PROFILE_FIELDS = ("address", "hukou_address", "phone", "note")


@dataclass(slots=True, kw_only=True)
class Child:
    name: str
    sex: Sex
    community_id: str
    birth_date: date | None = None
    id_number: str | None = None  # normalised GB 11643 number, or None
    no_hukou: bool = False  # 尚未登记户口 (registering is a task)
    household_id: str | None = None
    hukou_address: str = ""
    address: str = ""
    school: str = ""
    grade: str = ""
    phone: str = ""
    risk: RiskLevel = RiskLevel.LOW
    note: str = ""
    categories: list[Category] = field(default_factory=list)
    file_no: str | None = None  # 档案编号, given by the store at registration
    disability_grade: int | None = None  # the child's own 残疾等级, 1 (most severe) to 4
    disability_kind: str = ""  # 视力/听力/言语/肢体/智力/精神/多重
    disability_cert_no: str = ""  # 残疾人证号
    teacher_name: str = ""  # 班主任
    teacher_phone: str = ""
    id: str | None = None
    version: int = 0


@dataclass(slots=True, kw_only=True)
class SectionRating:
    rating: Rating | None = None
    note: str = ""


@dataclass(slots=True, kw_only=True)
class Visit:
    """One home visit: every section of DOMAIN.md "What a home visit records"."""

    child_id: str
    visit_date: date
    kind: VisitKind = VisitKind.ROUTINE
    status: VisitStatus = VisitStatus.DRAFT
    # 1. facts
    visit_time: str = ""  # HH:MM
    visitors: str = ""
    people_met: str = ""
    place: str = ""
    # 2. 基本信息核实
    basic_info_verified: bool = False
    basic_info_changes: str = ""
    # 3. 家庭主体责任落实情况
    carer_name: str = ""
    carer_relationship: str = ""
    entrusted_agreement: bool | None = None
    carer_suitable: bool | None = None
    parent_contact: str = ""  # how often the parents make contact
    child_alone_under16: bool = False
    child_under8_unattended: bool = False
    # 4–8 ratings
    physical: SectionRating = field(default_factory=SectionRating)
    psychological: SectionRating = field(default_factory=SectionRating)
    living: SectionRating = field(default_factory=SectionRating)
    education: SectionRating = field(default_factory=SectionRating)
    social_support: SectionRating = field(default_factory=SectionRating)
    # 9. safety reminders given (SafetyTopic values)
    safety_reminders: list[str] = field(default_factory=list)
    # 10.
    needs: str = ""
    help_given: str = ""
    referrals: str = ""
    next_visit_date: date | None = None
    campaign: str = ""  # the campaign's name, when the visit belongs to one
    # 11.
    visitor_signoff: str = ""
    review_comment: str = ""
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None
    submitted_at: datetime | None = None
    created_by: str | None = None
    household_id: str | None = None
    community_id: str | None = None
    id: str | None = None
    updated_at: datetime | None = None
    #: The stored version this visit was read at (0: new, or not checked). A save or review made
    #: from an older version is refused: someone else changed the visit meanwhile.
    version: int = 0

    SECTIONS = ("physical", "psychological", "living", "education", "social_support")


@dataclass(slots=True, kw_only=True)
class FollowUp:
    child_id: str
    action: str
    owner: str = ""
    due_date: date | None = None
    status: FollowUpStatus = FollowUpStatus.OPEN
    done_date: date | None = None
    visit_id: str | None = None
    id: str | None = None


@dataclass(slots=True, kw_only=True)
class Referral:
    child_id: str
    agency: str
    reason: str = ""
    referred_on: date | None = None
    outcome: str = ""
    visit_id: str | None = None
    id: str | None = None


@dataclass(slots=True, kw_only=True)
class MandatoryReport:
    """强制报告: who was told, when, and what came back. The reporter's identity stays confidential."""

    child_id: str
    trigger: ReportTrigger
    found_at: datetime
    reported_at: datetime | None = None
    agency: str = ""  # 公安 / 民政 / 教育 …
    receipt_no: str = ""
    feedback: str = ""
    description: str = ""
    status: ReportStatus = ReportStatus.OPEN
    id: str | None = None
    #: When to ask the police for feedback if none came (set from the rules when left empty).
    feedback_due: date | None = None
    #: Computed on reading (domain/reporting.py): made, or still not made, after the deadline;
    #: an open report's feedback follow-up date has passed without feedback.
    late: bool = False
    feedback_overdue: bool = False


@dataclass(slots=True, kw_only=True)
class NoticeTemplate:
    """监护责任告知书 template, versioned and seasonal; items grouped by theme."""

    code: str  # winter | summer | general
    version: int
    title: str
    intro: str
    themes: list[tuple[str, list[str]]]  # (theme title, items)
    id: str | None = None


@dataclass(slots=True, kw_only=True)
class NoticeDelivery:
    household_id: str
    template_code: str
    template_version: int
    delivered_on: date
    guardian_name: str = ""
    signed: bool = False
    note: str = ""
    delivered_by: str | None = None
    id: str | None = None


@dataclass(slots=True, kw_only=True)
class Assistance:
    """Help given (帮扶/慰问): items counted in 件, money in fen."""

    household_id: str
    given_on: date
    kind: str  # goods | money | service
    description: str = ""
    items: int = 0
    amount_fen: int = 0
    source: str = ""  # the funder (资助方)
    #: A child of the household who benefited (kept for one-child records); `child_ids` names
    #: every child who did, `others` counts the other people who did (adults, unregistered).
    child_id: str | None = None
    activity_id: str | None = None
    id: str | None = None
    child_ids: list[str] = field(default_factory=list)
    others: int = 0
    campaign: str = ""

    @property
    def beneficiary_ids(self) -> list[str]:
        """Every named child who benefited, once each."""
        return list(dict.fromkeys([*([self.child_id] if self.child_id else []), *self.child_ids]))


@dataclass(slots=True, kw_only=True)
class Activity:
    unit_id: str
    title: str
    held_on: date
    place: str = ""
    organiser: str = ""
    note: str = ""
    participant_ids: list[str] = field(default_factory=list)
    id: str | None = None
    ends_on: date | None = None  # the last day of an activity over several days
    head_count: int = 0  # 人次 besides the named participants
    campaign: str = ""
    funder: str = ""


@dataclass(slots=True, kw_only=True)
class Attachment:
    child_id: str
    filename: str
    mime: str
    size: int
    has_thumbnail: bool = False
    created_at: datetime | None = None
    id: str | None = None
    expires_on: date | None = None  # the last day an evidence document is valid


@dataclass(slots=True, kw_only=True)
class ChildFile:
    """Everything the child file screen and the 一人一档 report show."""

    child: Child
    household: Household | None
    guardians: list[Guardian]
    visits: list[Visit]
    notices: list[NoticeDelivery]
    assistance: list[Assistance]
    followups: list[FollowUp]
    referrals: list[Referral]
    reports: list[MandatoryReport] | None  # None when the reader's role may not see them
    attachments: list[Attachment]
    community_name: str = ""
    street_name: str = ""
    benefits: list[SupportBenefit] = field(default_factory=list)
    agreements: list[CareAgreement] = field(default_factory=list)
    allowances: list[Allowance] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class SupportBenefit:
    """Social support (低保, 特困, 医疗救助 …) with its approval, amount (fen) and period."""

    child_id: str
    kind: SupportKind
    approved_on: date | None = None
    amount_fen: int = 0
    monthly: bool = True  # a monthly amount, or once
    start_date: date | None = None
    end_date: date | None = None
    note: str = ""
    id: str | None = None


@dataclass(slots=True, kw_only=True)
class CareAgreement:
    """委托照护协议: the carer parents entrusted the child to, and the agreement's term."""

    child_id: str
    carer_name: str
    carer_id_number: str | None = None
    carer_phone: str = ""
    relationship: str = ""
    signed_on: date | None = None
    term_end: date | None = None
    attachment_id: str | None = None  # the signed agreement's scan
    note: str = ""
    id: str | None = None


@dataclass(slots=True, kw_only=True)
class AllowanceStandard:
    """基本生活保障金 per month for a year, category and care setting."""

    year: int
    category: str
    care_setting: CareSetting
    monthly_fen: int


@dataclass(slots=True, kw_only=True)
class Allowance:
    """A recognition and its allowance: who did each step and when; months are "YYYY-MM"."""

    child_id: str
    category: str
    applied_on: date
    care_setting: CareSetting = CareSetting.COMMUNITY
    applied_by: str = ""
    checked_on: date | None = None
    checked_by: str = ""
    confirmed_on: date | None = None
    confirmed_by: str = ""
    confirmation_no: str = ""
    start_month: str = ""
    suspended_from: str = ""
    suspended_until: str = ""  # the last suspended month; "" while it lasts
    suspend_reason: str = ""
    stopped_from: str = ""
    stop_reason: str = ""
    stage: AllowanceStage = AllowanceStage.APPLIED
    child_name: str = ""
    community_name: str = ""
    id: str | None = None


@dataclass(slots=True, kw_only=True)
class AllowanceLine:
    """One line of a month's list for the finance office (or of its ledger)."""

    allowance_id: str
    child_id: str
    child_name: str
    id_masked: str
    community_name: str
    category: str
    care_setting: CareSetting
    confirmation_no: str
    month: str
    amount_fen: int  # what is due for the month
    paid_fen: int | None = None  # what the ledger recorded as paid (None: not yet)
    paid_on: date | None = None


@dataclass(slots=True, kw_only=True)
class Campaign:
    """A campaign: its period, target list filter, notice template and target count."""

    name: str
    unit_id: str
    starts_on: date
    ends_on: date
    kind: CampaignKind = CampaignKind.OTHER
    target: CampaignTarget = CampaignTarget.HOUSEHOLDS
    categories: list[str] = field(default_factory=list)  # target filter: any of these labels
    risks: list[str] = field(default_factory=list)  # target filter: any of these risk levels
    target_count: int = 0  # a set number (e.g. 800 households); 0: the filter's list
    template_code: str = ""
    focus: list[str] = field(default_factory=list)  # SafetyTopic values, first ones first
    note: str = ""
    id: str | None = None


@dataclass(slots=True, kw_only=True)
class CampaignProgress:
    """Coverage of a campaign's target list: reached by a tagged visit or help in its period."""

    campaign: Campaign
    targets: int  # on the list (households or children) in the user's units
    goal: int  # the target count when set, else the list's length
    reached: int  # targets reached
    visits: int  # visits tagged with the campaign in its period
    help_count: int  # help records tagged with it
    by_community: list[tuple[str, str, int, int]] = field(default_factory=list)
    # (community id, name, targets, reached)

    @property
    def percent(self) -> int:
        return round(100 * self.reached / self.goal) if self.goal else 0
