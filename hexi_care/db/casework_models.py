"""The case records kept about children and households beyond the register itself: guardians and
their situations, visits and their reviews, follow-ups, referrals, mandatory reports, notices,
help given, activities, social support, care agreements, allowances, campaigns, attachments and
re-examination decisions.

They live apart from hexi_care.db.models (the store's own tables and the children's register) so
that a command that needs only the register does not pay for declaring them at start-up (issue 8).
Import them from hexi_care.db.models like every other model; code that walks every table asks
models.all_tables() (or models.load_all()), which loads this module."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.orm import relationship as orm_relationship

from hexi_care.db.base import Base, IdMixin, ScopedMixin, UTCDateTime, utcnow
from hexi_care.db.models import versioned

__all__ = [
    "Activity",
    "ActivityParticipant",
    "Allowance",
    "AllowancePayment",
    "AllowanceStandard",
    "Assistance",
    "AssistanceBeneficiary",
    "Attachment",
    "Campaign",
    "CareAgreement",
    "FollowUp",
    "Guardian",
    "MandatoryReport",
    "NoticeDelivery",
    "NoticeTemplate",
    "ParentSituation",
    "ReexamDecision",
    "Referral",
    "SupportBenefit",
    "Visit",
    "VisitReview",
]


class Guardian(IdMixin, ScopedMixin, Base):
    """Parent, guardian or entrusted carer (监护人/受委托照护人) in a household."""

    __tablename__ = "guardian"
    household_id: Mapped[str | None] = mapped_column(ForeignKey("household.id"), index=True)
    child_id: Mapped[str | None] = mapped_column(ForeignKey("child.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    relationship: Mapped[str] = mapped_column(String(16))
    id_number: Mapped[str | None] = mapped_column(String(18))
    phone: Mapped[str] = mapped_column(String(64), default="")
    is_guardian: Mapped[bool] = mapped_column(Boolean, default=False)
    is_carer: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    __mapper_args__ = versioned(version)
    situations: Mapped[list[ParentSituation]] = orm_relationship(
        back_populates="guardian",
        cascade="all, delete-orphan",
        order_by="ParentSituation.start_date",
    )


class ParentSituation(IdMixin, ScopedMixin, Base):
    __tablename__ = "parent_situation"
    guardian_id: Mapped[str] = mapped_column(ForeignKey("guardian.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    start_date: Mapped[date | None] = mapped_column(Date)
    expected_end_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    evidence: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    disability_grade: Mapped[int | None] = mapped_column(Integer)
    disability_mental: Mapped[bool] = mapped_column(Boolean, default=False)
    guardian: Mapped[Guardian] = orm_relationship(back_populates="situations")


class Visit(IdMixin, ScopedMixin, Base):
    __tablename__ = "visit"
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"))
    household_id: Mapped[str | None] = mapped_column(ForeignKey("household.id"))
    visit_date: Mapped[date] = mapped_column(Date)
    visit_time: Mapped[str] = mapped_column(String(8), default="")
    kind: Mapped[str] = mapped_column(String(16), default="routine")
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    visitors: Mapped[str] = mapped_column(Text, default="")
    people_met: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(Text, default="")
    basic_info_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    basic_info_changes: Mapped[str] = mapped_column(Text, default="")
    carer_name: Mapped[str] = mapped_column(String(64), default="")
    carer_relationship: Mapped[str] = mapped_column(String(32), default="")
    entrusted_agreement: Mapped[bool | None] = mapped_column(Boolean)
    carer_suitable: Mapped[bool | None] = mapped_column(Boolean)
    parent_contact: Mapped[str] = mapped_column(Text, default="")
    child_alone_under16: Mapped[bool] = mapped_column(Boolean, default=False)
    child_under8_unattended: Mapped[bool] = mapped_column(Boolean, default=False)
    physical_rating: Mapped[str | None] = mapped_column(String(16))
    physical_note: Mapped[str] = mapped_column(Text, default="")
    psychological_rating: Mapped[str | None] = mapped_column(String(16))
    psychological_note: Mapped[str] = mapped_column(Text, default="")
    living_rating: Mapped[str | None] = mapped_column(String(16))
    living_note: Mapped[str] = mapped_column(Text, default="")
    education_rating: Mapped[str | None] = mapped_column(String(16))
    education_note: Mapped[str] = mapped_column(Text, default="")
    social_support_rating: Mapped[str | None] = mapped_column(String(16))
    social_support_note: Mapped[str] = mapped_column(Text, default="")
    safety_reminders: Mapped[str] = mapped_column(Text, default="")  # comma-separated SafetyTopic
    needs: Mapped[str] = mapped_column(Text, default="")
    help_given: Mapped[str] = mapped_column(Text, default="")
    referrals: Mapped[str] = mapped_column(Text, default="")
    next_visit_date: Mapped[date | None] = mapped_column(Date)
    #: The campaign the visit belongs to (its name, as help and activities carry it).
    campaign: Mapped[str] = mapped_column(String(128), default="", server_default="")
    visitor_signoff: Mapped[str] = mapped_column(String(64), default="")
    review_comment: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Raised by every change: an edit or review made from an older version is refused (two
    #: supervisors on the same visit), never written over the other.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = versioned(version)
    __table_args__ = (
        Index("ix_visit_child_date", "child_id", "visit_date"),
        # Campaign coverage reads the tagged visits alone, from the index (untagged ones share
        # one key prefix and are never read).
        Index(
            "ix_visit_campaign",
            "campaign",
            "community_id",
            "visit_date",
            "status",
            "household_id",
            "child_id",
        ),
        # The statistics read these two covering indexes, never the wide visit rows: by day then
        # household for 户次; by child for the children and households reached and each child's
        # last visit (the overdue recount), grouped as the index streams by without a sort.
        Index("ix_visit_stats", "community_id", "visit_date", "household_id", "status"),
        Index(
            "ix_visit_stats_child",
            "community_id",
            "child_id",
            "visit_date",
            "status",
            "next_visit_date",
            "household_id",
        ),
    )


class VisitReview(IdMixin, ScopedMixin, Base):
    """A supervisor's decision on a submitted visit: an append-only fact."""

    __tablename__ = "visit_review"
    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"), index=True)
    reviewer_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    decision: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FollowUp(IdMixin, ScopedMixin, Base):
    __tablename__ = "follow_up"
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"))
    action: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(64), default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    done_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Referral(IdMixin, ScopedMixin, Base):
    __tablename__ = "referral"
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"))
    agency: Mapped[str] = mapped_column(String(128))
    reason: Mapped[str] = mapped_column(Text, default="")
    referred_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(Text, default="")


class MandatoryReport(IdMixin, ScopedMixin, Base):
    """强制报告. The reporter is recorded only as a user id, never printed outside the centre."""

    __tablename__ = "mandatory_report"
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    trigger: Mapped[str] = mapped_column(String(48))
    description: Mapped[str] = mapped_column(Text, default="")
    found_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    agency: Mapped[str] = mapped_column(String(128), default="")
    receipt_no: Mapped[str] = mapped_column(String(64), default="")
    feedback: Mapped[str] = mapped_column(Text, default="")
    #: When to ask the police (公安) for feedback if none has come (反馈跟进日期).
    feedback_due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    reporter_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class NoticeTemplate(IdMixin, Base):
    __tablename__ = "notice_template"
    code: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(128))
    body_json: Mapped[str] = mapped_column(Text)  # {"intro": str, "themes": [[title, [items]]]}
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    __table_args__ = (UniqueConstraint("code", "version"),)


class NoticeDelivery(IdMixin, ScopedMixin, Base):
    __tablename__ = "notice_delivery"
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    template_code: Mapped[str] = mapped_column(String(32))
    template_version: Mapped[int] = mapped_column(Integer)
    delivered_on: Mapped[date] = mapped_column(Date, index=True)
    guardian_name: Mapped[str] = mapped_column(String(64), default="")
    signed: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    delivered_by: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"))


class Assistance(IdMixin, ScopedMixin, Base):
    """Help given (帮扶/慰问), per household and optionally per child."""

    __tablename__ = "assistance"
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    child_id: Mapped[str | None] = mapped_column(ForeignKey("child.id"), index=True)
    activity_id: Mapped[str | None] = mapped_column(ForeignKey("activity.id"))
    given_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text, default="")
    items: Mapped[int] = mapped_column(Integer, default=0)
    amount_fen: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(String(128), default="")  # the funder (资助方)
    given_by: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"))
    #: People in the household who benefited besides the named children (adults, children not
    #: registered), as a count: 人 and 人次 include them.
    others: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: The campaign the help belongs to (e.g. 冬季送温暖), for statistics filtered by campaign.
    campaign: Mapped[str] = mapped_column(String(128), default="", server_default="")


class AssistanceBeneficiary(IdMixin, ScopedMixin, Base):
    """A named child of the household who benefited from help given (受益儿童)."""

    __tablename__ = "assistance_beneficiary"
    assistance_id: Mapped[str] = mapped_column(ForeignKey("assistance.id"), index=True)
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    __table_args__ = (UniqueConstraint("assistance_id", "child_id"),)


class Activity(IdMixin, Base):
    """An activity held by a unit (street or district): participants are counted as 人次."""

    __tablename__ = "activity"
    unit_id: Mapped[str] = mapped_column(ForeignKey("org_unit.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    #: The last day of an activity lasting several days (None: one day).
    ends_on: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")
    organiser: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    #: Person-times (人次) beyond the named children: a head count of everyone else who took part.
    head_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    campaign: Mapped[str] = mapped_column(String(128), default="", server_default="")
    funder: Mapped[str] = mapped_column(String(128), default="", server_default="")


class ActivityParticipant(IdMixin, ScopedMixin, Base):
    __tablename__ = "activity_participant"
    activity_id: Mapped[str] = mapped_column(ForeignKey("activity.id"), index=True)
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    __table_args__ = (UniqueConstraint("activity_id", "child_id"),)


class SupportBenefit(IdMixin, ScopedMixin, Base):
    """Social support a child (or its family) receives: 低保, 特困, 医疗救助, 教育资助, 残疾人两项补贴 …,
    with its approval, amount and period. `rev` grows with each edit, so the exchange keeps the
    newest."""

    __tablename__ = "support_benefit"
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    approved_on: Mapped[date | None] = mapped_column(Date)
    amount_fen: Mapped[int] = mapped_column(Integer, default=0)
    monthly: Mapped[bool] = mapped_column(Boolean, default=True)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    rev: Mapped[int] = mapped_column(Integer, default=1)


class CareAgreement(IdMixin, ScopedMixin, Base):
    """The entrusted-care agreement (委托照护协议) parents sign with a carer; the scan is an
    attachment of the child."""

    __tablename__ = "care_agreement"
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    carer_name: Mapped[str] = mapped_column(String(64))
    carer_id_number: Mapped[str | None] = mapped_column(String(18))
    carer_phone: Mapped[str] = mapped_column(String(64), default="")
    relationship: Mapped[str] = mapped_column(String(32), default="")
    signed_on: Mapped[date | None] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date)
    attachment_id: Mapped[str | None] = mapped_column(String(36))
    note: Mapped[str] = mapped_column(Text, default="")
    rev: Mapped[int] = mapped_column(Integer, default=1)


class AllowanceStandard(IdMixin, Base):
    """基本生活保障金 standard per year, category and care setting (the city publishes it yearly)."""

    __tablename__ = "allowance_standard"
    year: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(48))
    care_setting: Mapped[str] = mapped_column(String(16))  # community | institution
    monthly_fen: Mapped[int] = mapped_column(Integer)
    __table_args__ = (UniqueConstraint("year", "category", "care_setting"),)


class Allowance(IdMixin, ScopedMixin, Base):
    """A child's recognition and allowance for one category: 申请 → 查验 (street) → 确认 (district),
    then paid monthly from the month after confirmation until suspended or stopped. `rev` grows
    with each step, so the exchange keeps the furthest."""

    __tablename__ = "allowance"
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    category: Mapped[str] = mapped_column(String(48))
    care_setting: Mapped[str] = mapped_column(String(16), default="community")
    applied_on: Mapped[date] = mapped_column(Date)
    applied_by: Mapped[str] = mapped_column(String(64), default="")
    checked_on: Mapped[date | None] = mapped_column(Date)
    checked_by: Mapped[str] = mapped_column(String(64), default="")
    confirmed_on: Mapped[date | None] = mapped_column(Date)
    confirmed_by: Mapped[str] = mapped_column(String(64), default="")
    confirmation_no: Mapped[str] = mapped_column(String(64), default="")
    start_month: Mapped[str] = mapped_column(String(7), default="")  # YYYY-MM
    suspended_from: Mapped[str] = mapped_column(String(7), default="")
    suspended_until: Mapped[str] = mapped_column(String(7), default="")
    suspend_reason: Mapped[str] = mapped_column(Text, default="")
    stopped_from: Mapped[str] = mapped_column(String(7), default="")
    stop_reason: Mapped[str] = mapped_column(Text, default="")
    rev: Mapped[int] = mapped_column(Integer, default=1)


class AllowancePayment(IdMixin, ScopedMixin, Base):
    """One month's payment of an allowance (the ledger): recorded once, never changed."""

    __tablename__ = "allowance_payment"
    allowance_id: Mapped[str] = mapped_column(ForeignKey("allowance.id"), index=True)
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    month: Mapped[str] = mapped_column(String(7), index=True)
    amount_fen: Mapped[int] = mapped_column(Integer)
    paid_on: Mapped[date] = mapped_column(Date)
    __table_args__ = (UniqueConstraint("allowance_id", "month"),)


class Campaign(IdMixin, Base):
    """A campaign (寒假, 暑假, 春节/中秋慰问, any named drive) held by a unit: its period, the filter
    that makes its target list, the notice template it hands out and a target count. Visits, help
    and activities carry its name (unique, and the id is derived from it)."""

    __tablename__ = "campaign"
    unit_id: Mapped[str] = mapped_column(ForeignKey("org_unit.id"), index=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    kind: Mapped[str] = mapped_column(String(24), default="other")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    target: Mapped[str] = mapped_column(String(16), default="households")  # or children
    filter_json: Mapped[str] = mapped_column(Text, default="{}")
    target_count: Mapped[int] = mapped_column(Integer, default=0)
    template_code: Mapped[str] = mapped_column(String(32), default="")
    focus: Mapped[str] = mapped_column(Text, default="")  # safety topics first, comma-separated
    note: Mapped[str] = mapped_column(Text, default="")
    #: Raised when the campaign is ended early, so the exchange keeps the latest end.
    rev: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class Attachment(IdMixin, ScopedMixin, Base):
    """Photos and scanned documents, inside the encrypted store, size-capped."""

    __tablename__ = "attachment"
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    thumbnail: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The last day an evidence document is valid (残疾证, 诊断证明, 判决书 with a term), so the
    #: re-examination worklist can ask for a new one in time.
    expires_on: Mapped[date | None] = mapped_column(Date)


class ReexamDecision(IdMixin, ScopedMixin, Base):
    """A decision on one re-examination reason of a child (复核/核查 done, or judged not to need a
    change): an append-only fact that takes the reason off the worklist."""

    __tablename__ = "reexam_decision"
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    #: The reason's stable key (e.g. "annual:orphan_scattered:2026", "situation_ended:<id>").
    reason_key: Mapped[str] = mapped_column(String(128))
    decision: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date] = mapped_column(Date)
    decided_by: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
