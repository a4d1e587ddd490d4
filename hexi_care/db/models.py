"""Typed SQLAlchemy 2 models of the case store. Scoped rows (ScopedMixin) carry their community so
one filter in the session keeps every query inside the user's units (see db/scope.py).

This module declares the store's own tables and the children's register; the other case records
(visits, notices, help, allowances…) are declared in hexi_care.db.casework_models and the
exchange's tables in hexi_care.db.sync_models, both loaded the first time one of their models is
asked for. Every model is imported from here all the same (`from hexi_care.db.models import
Visit`). Code that walks every table (create the schema, migrate, back up, rename a unit) takes
them from all_tables() or load_all(), never from Base.metadata directly, which holds only the
models loaded so far."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.orm import relationship as orm_relationship

from hexi_care.db.base import Base, IdMixin, ScopedMixin, UTCDateTime, utcnow

if TYPE_CHECKING:
    from hexi_care.db.casework_models import *  # noqa: F403 (each model, loaded lazily below)

#: The models declared in hexi_care.db.casework_models, loaded when one is first asked for.
CASEWORK_MODELS = frozenset(
    {
        "Guardian",
        "ParentSituation",
        "Visit",
        "VisitReview",
        "FollowUp",
        "Referral",
        "MandatoryReport",
        "NoticeTemplate",
        "NoticeDelivery",
        "Assistance",
        "AssistanceBeneficiary",
        "Activity",
        "ActivityParticipant",
        "SupportBenefit",
        "CareAgreement",
        "AllowanceStandard",
        "Allowance",
        "AllowancePayment",
        "Campaign",
        "Attachment",
        "ReexamDecision",
    }
)


#: Optimistic locking: every UPDATE of a versioned row says `WHERE version = <the one read>`, so
#: two writers who read the same version cannot both win (SQLAlchemy raises StaleDataError, which
#: the unit of work turns into ChangedByOther). The services raise the number on each change.
def versioned(column: Any) -> dict[str, Any]:
    return {"version_id_col": column, "version_id_generator": False}


class Meta(Base):
    """Store-wide facts: schema generation, device id, audit chain head, settings."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class OrgUnit(IdMixin, Base):
    __tablename__ = "org_unit"
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("org_unit.id"), index=True)
    code: Mapped[str | None] = mapped_column(String(32))
    sort: Mapped[int] = mapped_column(Integer, default=0)  # official order within the parent
    __table_args__ = (UniqueConstraint("parent_id", "name"),)


class AppUser(IdMixin, Base):
    __tablename__ = "app_user"
    name: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(32))
    unit_id: Mapped[str] = mapped_column(ForeignKey("org_unit.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CategoryDef(Base):
    """The list of categories is data, not code (困境儿童 subtypes vary by locality)."""

    __tablename__ = "category_def"
    code: Mapped[str] = mapped_column(String(48), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(96))
    group: Mapped[str] = mapped_column(String(24))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort: Mapped[int] = mapped_column(Integer, default=0)


class Household(IdMixin, ScopedMixin, Base):
    __tablename__ = "household"
    address: Mapped[str] = mapped_column(Text, default="")
    hukou_address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    __mapper_args__ = versioned(version)


class Child(IdMixin, ScopedMixin, Base):
    __tablename__ = "child"
    household_id: Mapped[str | None] = mapped_column(ForeignKey("household.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    name_pinyin: Mapped[str] = mapped_column(String(160), default="", index=True)
    name_initials: Mapped[str] = mapped_column(String(32), default="", index=True)
    id_number: Mapped[str | None] = mapped_column(String(18), index=True)
    id_tail: Mapped[str] = mapped_column(String(6), default="", index=True)
    no_hukou: Mapped[bool] = mapped_column(Boolean, default=False)
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(8))
    hukou_address: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(Text, default="")
    school: Mapped[str] = mapped_column(String(128), default="")
    grade: Mapped[str] = mapped_column(String(32), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    risk: Mapped[str] = mapped_column(String(8), default="low")
    note: Mapped[str] = mapped_column(Text, default="")
    # Denormalised for the lists: kept current by the visit services.
    last_visit: Mapped[date | None] = mapped_column(Date, index=True)
    next_due: Mapped[date | None] = mapped_column(Date, index=True)
    category_codes: Mapped[str] = mapped_column(String(255), default="")  # "a,b" of active labels
    #: The register number printed on paper (档案编号), per community and year, kept for good:
    #: 大营门街-紫金里-2026-0042 (given where the child is entered; see ix_child_file_no).
    file_no: Mapped[str | None] = mapped_column(String(64))
    #: The director responsible for the child (责任儿童主任); None: the community's director(s).
    #: Set by a hand-over (assignment), a profile field so the next package carries it. A plain
    #: user id like ChangeLog.user_id: a foreign key would make the column impossible to drop
    #: without rebuilding the child table, which every other table refers to.
    director_id: Mapped[str | None] = mapped_column(String(36), index=True)
    #: The child's own disability (残疾人证): grade 1–4 and the certificate number.
    disability_grade: Mapped[int | None] = mapped_column(Integer)
    disability_kind: Mapped[str] = mapped_column(String(16), default="", server_default="")
    disability_cert_no: Mapped[str] = mapped_column(String(32), default="", server_default="")
    #: The school's contact for this child (班主任) and their phone.
    teacher_name: Mapped[str] = mapped_column(String(64), default="", server_default="")
    teacher_phone: Mapped[str] = mapped_column(String(64), default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __mapper_args__ = versioned(version)
    categories: Mapped[list[ChildCategory]] = orm_relationship(
        back_populates="child", cascade="all, delete-orphan", order_by="ChildCategory.start_date"
    )
    __table_args__ = (
        Index("ix_child_community_name", "community_id", "name"),
        # Counting children by community, category and risk (statistics, the dashboard) reads
        # this, not the wide rows.
        Index("ix_child_counting", "community_id", "category_codes", "risk", "id"),
        # Not unique: the centre and a community's laptop may each number a child before their
        # next exchange (one laptop per community keeps that rare); a duplicate must not stop
        # an exchange.
        Index("ix_child_file_no", "file_no"),
    )


class ChildCategory(IdMixin, ScopedMixin, Base):
    __tablename__ = "child_category"
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    code: Mapped[str] = mapped_column(ForeignKey("category_def.code"))
    basis: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    child: Mapped[Child] = orm_relationship(back_populates="categories")


class ChangeLog(IdMixin, Base):
    """Field-level profile edits with the value they were edited from, for merging exchanges."""

    __tablename__ = "change_log"
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    community_id: Mapped[str | None] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(64))
    old_json: Mapped[str | None] = mapped_column(Text)
    new_json: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditEvent(Base):
    """Hash-chained audit trail: each event's MAC covers its fields and its predecessor's MAC."""

    __tablename__ = "audit_event"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    user_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str | None] = mapped_column(String(36), index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_mac: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))


class Setting(Base):
    """Store-wide settings shared by every user of the store (visit intervals, scales)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)


def __getattr__(name: str) -> Any:
    if name in CASEWORK_MODELS:
        from hexi_care.db import casework_models

        return getattr(casework_models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_all() -> MetaData:
    """Declares every model of the store (the case records and the exchange's tables too) and
    returns the metadata that then holds every table."""
    from hexi_care.db import casework_models, sync_models  # noqa: F401

    return Base.metadata


def all_tables() -> dict[str, Table]:
    """Every table of the store by name."""
    return dict(load_all().tables)
