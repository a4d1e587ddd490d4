"""What travels in a package, kind by kind: which columns, in what canonical JSON form, with what
digest, and how incoming values are checked and turned back into column values.

A record's digest (SHA-256 of its canonical JSON, 128 bits in hex) says whether the peer already
holds this very content; it leaves out columns each store keeps for itself (derived list columns,
local counters, the moment a row was last touched locally).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, Date, Integer, String, Table, Text

from hexi_care.db import models as m
from hexi_care.db import sync_models as sm
from hexi_care.db.base import Base, UTCDateTime
from hexi_care.domain.enums import (
    CampaignKind,
    CampaignTarget,
    CareSetting,
    FollowUpStatus,
    Rating,
    Relationship,
    ReportStatus,
    ReportTrigger,
    ReviewDecision,
    RiskLevel,
    Role,
    Sex,
    SupportKind,
    UnitKind,
    VisitKind,
    VisitStatus,
)
from hexi_care.domain.model import (
    CATEGORY_KEYS,
    CHILD_PROFILE_FIELDS,
    HOUSEHOLD_PROFILE_FIELDS,
    SITUATION_KEYS,
)
from hexi_care.errors import BadPackage

# Strategies: how an incoming record meets the local one (see merge.py).
REFERENCE = "reference"  # the centre's reference data; laptops take it as it is
PROFILE = "profile"  # child, household, guardian: field-level edits with their old values
VISIT = "visit"  # a visit's life: draft → submitted → reviewed → (returned → resubmitted …)
ORDERED = (
    "ordered"  # small mutable records with a monotonic order (follow-up closed, report filled)
)
FACT = "fact"  # append-only: inserted once, never changed
AUDIT = "audit"  # a laptop's own audit events, copied at the centre


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    model: type[Base]
    columns: tuple[str, ...]
    strategy: str
    up: bool  # laptop → centre
    down: bool  # centre → laptop
    key: str = "id"

    @property
    def table(self) -> Table:
        t = self.model.__table__
        assert isinstance(t, Table)
        return t

    @property
    def scoped(self) -> bool:
        return "community_id" in self.table.c


def _all(model: type[Base], *, without: tuple[str, ...] = ()) -> tuple[str, ...]:
    t = model.__table__
    assert isinstance(t, Table)
    return tuple(c.name for c in t.columns if c.name not in without)


# The child's profile as the services edit it (one list, in the domain), plus where it lives.
# The responsible director is set by a hand-over (services/assignment.py), not by an edit.
CHILD_FIELDS = (*CHILD_PROFILE_FIELDS, "community_id", "director_id")
HOUSEHOLD_FIELDS = HOUSEHOLD_PROFILE_FIELDS
GUARDIAN_FIELDS = (
    "name",
    "relationship",
    "id_number",
    "phone",
    "is_guardian",
    "is_carer",
    "note",
    "child_id",
)
# Profile fields that the exchange merges one by one (what ChangeLog rows name), per entity.
PROFILE_FIELDS: dict[str, tuple[str, ...]] = {
    "child": (*CHILD_FIELDS, "categories"),
    "household": HOUSEHOLD_FIELDS,
    "guardian": (*GUARDIAN_FIELDS, "situations"),
}

# Apply order: whatever a record refers to comes before it.
KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "unit",
            m.OrgUnit,
            ("id", "name", "kind", "parent_id", "code", "sort"),
            REFERENCE,
            False,
            True,
        ),
        Kind(
            "category_def", m.CategoryDef, _all(m.CategoryDef), REFERENCE, False, True, key="code"
        ),
        Kind("notice_template", m.NoticeTemplate, _all(m.NoticeTemplate), REFERENCE, False, True),
        Kind(
            "allowance_standard",
            m.AllowanceStandard,
            _all(m.AllowanceStandard),
            REFERENCE,
            False,
            True,
        ),
        Kind(
            "user",
            m.AppUser,
            ("id", "name", "display_name", "role", "unit_id"),
            REFERENCE,
            True,
            True,
        ),
        Kind(
            "household",
            m.Household,
            ("id", "community_id", *HOUSEHOLD_FIELDS, "created_at"),
            PROFILE,
            True,
            True,
        ),
        Kind("child", m.Child, ("id", *CHILD_FIELDS, "created_at", "file_no"), PROFILE, True, True),
        Kind(
            "guardian",
            m.Guardian,
            ("id", "community_id", "household_id", *GUARDIAN_FIELDS),
            PROFILE,
            True,
            True,
        ),
        Kind("change", m.ChangeLog, _all(m.ChangeLog, without=("seq",)), FACT, True, True),
        Kind("activity", m.Activity, _all(m.Activity), FACT, True, True),
        # A campaign ended early changes its end: the furthest revision wins.
        Kind("campaign", m.Campaign, _all(m.Campaign), ORDERED, True, True),
        Kind("visit", m.Visit, _all(m.Visit), VISIT, True, True),
        Kind("visit_review", m.VisitReview, _all(m.VisitReview), FACT, True, True),
        Kind("follow_up", m.FollowUp, _all(m.FollowUp), ORDERED, True, True),
        Kind("referral", m.Referral, _all(m.Referral), FACT, True, True),
        Kind("reexam_decision", m.ReexamDecision, _all(m.ReexamDecision), FACT, True, True),
        Kind("mandatory_report", m.MandatoryReport, _all(m.MandatoryReport), ORDERED, True, True),
        Kind("notice_delivery", m.NoticeDelivery, _all(m.NoticeDelivery), FACT, True, True),
        Kind("assistance", m.Assistance, _all(m.Assistance), FACT, True, True),
        Kind(
            "assistance_beneficiary",
            m.AssistanceBeneficiary,
            _all(m.AssistanceBeneficiary),
            FACT,
            True,
            True,
        ),
        Kind(
            "activity_participant",
            m.ActivityParticipant,
            _all(m.ActivityParticipant),
            FACT,
            True,
            True,
        ),
        Kind(
            "attachment",
            m.Attachment,
            _all(m.Attachment, without=("data", "thumbnail")),
            FACT,
            True,
            True,
        ),
        Kind("support_benefit", m.SupportBenefit, _all(m.SupportBenefit), ORDERED, True, True),
        Kind("care_agreement", m.CareAgreement, _all(m.CareAgreement), ORDERED, True, True),
        Kind("allowance", m.Allowance, _all(m.Allowance), ORDERED, True, True),
        Kind(
            "allowance_payment",
            m.AllowancePayment,
            _all(m.AllowancePayment),
            FACT,
            True,
            True,
        ),
        Kind("conflict", sm.SyncConflict, _all(sm.SyncConflict), ORDERED, False, True),
        Kind("audit", m.AuditEvent, _all(m.AuditEvent), AUDIT, True, False),
    )
}
KIND_ORDER = tuple(KINDS)
# Columns of another kind a record refers to by id (so the receiver has them first).
USER_REFS: dict[str, tuple[str, ...]] = {
    "visit": ("reviewed_by", "created_by"),
    "visit_review": ("reviewer_id",),
    "mandatory_report": ("reporter_id",),
    "notice_delivery": ("delivered_by",),
    "assistance": ("given_by",),
    "child": ("director_id",),
    "reexam_decision": ("decided_by",),
}
# Pseudo-columns: lists kept in child rows (categories) and guardian rows (situations).
LIST_FIELDS = {"categories": CATEGORY_KEYS, "situations": SITUATION_KEYS}
LIST_OF_KIND = {"child": "categories", "guardian": "situations"}


# -- canonical values -----------------------------------------------------------------------------
def to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        raise TypeError("binary values travel as blobs")
    return value


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def digest(fields: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(fields)).hexdigest()[:32]


def row_fields(kind: Kind, row: Any) -> dict[str, Any]:
    """The canonical dict of a row (an ORM object or a Core row mapping)."""
    get = row.__getitem__ if hasattr(row, "keys") else lambda c: getattr(row, c)
    return {c: to_json(get(c)) for c in kind.columns}


def category_list(rows: list[Any]) -> list[dict[str, Any]]:
    items = [{k: to_json(getattr(r, k)) for k in CATEGORY_KEYS} for r in rows]
    return sorted(items, key=lambda d: canonical(d))


def situation_list(rows: list[Any]) -> list[dict[str, Any]]:
    items = [{k: to_json(getattr(r, k)) for k in SITUATION_KEYS} for r in rows]
    return sorted(items, key=lambda d: canonical(d))


# -- incoming values ------------------------------------------------------------------------------
def _bad() -> BadPackage:
    return BadPackage(reason="malformed")


def from_json(table: Table, column: str, value: Any) -> Any:
    """An incoming JSON value as the column's Python value; refuses anything that does not fit."""
    return _converter(table.name, column)(value)


def _utc(value: Any) -> datetime:
    if not isinstance(value, str):
        raise _bad()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _bad() from None
    if parsed.tzinfo is None:
        raise _bad()
    return parsed.astimezone(UTC)


def _date(value: Any) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise _bad()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _bad() from None


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _bad()
    return value


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 2**62:
        raise _bad()
    return value


def _refuse(value: Any) -> Any:
    raise _bad()


@functools.cache
def _converter(table_name: str, column: str) -> Callable[[Any], Any]:
    """The checking conversion for one column, built once (imports convert many values)."""
    col = m.all_tables()[table_name].c[column]
    t = col.type
    inner: Callable[[Any], Any]
    if isinstance(t, UTCDateTime):
        inner = _utc
    elif isinstance(t, Date):
        inner = _date
    elif isinstance(t, Boolean):
        inner = _bool
    elif isinstance(t, Integer):
        inner = _int
    elif isinstance(t, String | Text):
        limit = getattr(t, "length", None) or 1_000_000

        def inner(value: Any) -> Any:
            if not isinstance(value, str) or len(value) > limit:
                raise _bad()
            return value

    else:
        inner = _refuse
    nullable = bool(col.nullable) and not col.primary_key

    def convert(value: Any) -> Any:
        if value is None:
            if not nullable:
                raise _bad()
            return None
        return inner(value)

    return convert


def _values(enum: type[StrEnum]) -> frozenset[str]:
    return frozenset(e.value for e in enum)


# Columns whose values come from a fixed list: an unknown value is refused, not stored.
CHOICES: dict[tuple[str, str], frozenset[str]] = {
    ("unit", "kind"): _values(UnitKind),
    ("user", "role"): _values(Role),
    ("child", "sex"): _values(Sex),
    ("child", "risk"): _values(RiskLevel),
    ("guardian", "relationship"): _values(Relationship),
    ("visit", "kind"): _values(VisitKind),
    ("visit", "status"): _values(VisitStatus) - {VisitStatus.DRAFT.value},
    **{
        ("visit", f"{s}_rating"): _values(Rating)
        for s in ("physical", "psychological", "living", "education", "social_support")
    },
    ("visit_review", "decision"): _values(ReviewDecision),
    ("follow_up", "status"): _values(FollowUpStatus),
    ("mandatory_report", "status"): _values(ReportStatus),
    ("mandatory_report", "trigger"): _values(ReportTrigger),
    ("conflict", "status"): frozenset({"open", "resolved"}),
    ("support_benefit", "kind"): _values(SupportKind),
    ("allowance", "care_setting"): _values(CareSetting),
    ("allowance_standard", "care_setting"): _values(CareSetting),
    ("campaign", "kind"): _values(CampaignKind),
    ("campaign", "target"): _values(CampaignTarget),
}


def check_fields(kind: Kind, fields: Any) -> dict[str, Any]:
    """Validate an incoming record's fields; returns column → Python value."""
    if not isinstance(fields, dict):
        raise _bad()
    expected = set(kind.columns)
    list_field = LIST_OF_KIND.get(kind.name)
    if list_field is not None:
        expected.add(list_field)
    if set(fields) != expected:
        raise _bad()
    table = kind.table
    out = {c: from_json(table, c, fields[c]) for c in kind.columns}
    for (k, c), allowed in CHOICES.items():
        if k == kind.name and out[c] is not None and out[c] not in allowed:
            raise _bad()
    if list_field is not None:
        out[list_field] = check_list(list_field, fields[list_field])
    return out


def check_list(name: str, value: Any) -> list[dict[str, Any]]:
    """A categories or situations list: a list of objects with exactly the expected keys."""
    keys = LIST_FIELDS[name]
    if not isinstance(value, list) or len(value) > 200:
        raise _bad()
    table = (m.ChildCategory if name == "categories" else m.ParentSituation).__table__
    assert isinstance(table, Table)
    out: list[dict[str, Any]] = []
    for item in value:
        if not isinstance(item, dict) or set(item) != set(keys):
            raise _bad()
        out.append({k: from_json(table, k, item[k]) for k in keys})
    return out
