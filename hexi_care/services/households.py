"""Households, parents, guardians and entrusted carers, with the parents' situations and dates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from hexi_care.db.base import new_id
from hexi_care.db.models import Guardian as GuardianRow
from hexi_care.db.models import Household as HouseholdRow
from hexi_care.db.models import OrgUnit, ParentSituation
from hexi_care.domain.enums import Relationship, SituationKind, UnitKind
from hexi_care.domain.model import (
    HOUSEHOLD_PROFILE_FIELDS,
    SITUATION_KEYS,
    Guardian,
    Household,
    Situation,
)
from hexi_care.errors import InvalidInput, NotFound
from hexi_care.services import validate as v
from hexi_care.services.context import UnitOfWork

HOUSEHOLD_FIELDS = HOUSEHOLD_PROFILE_FIELDS
GUARDIAN_FIELDS = ("name", "relationship", "id_number", "phone", "is_guardian", "is_carer", "note")


def to_household(row: HouseholdRow) -> Household:
    return Household(
        id=row.id,
        community_id=row.community_id,
        address=row.address,
        hukou_address=row.hukou_address,
        phone=row.phone,
        note=row.note,
        version=row.version,
    )


def to_situation(row: ParentSituation) -> Situation:
    return Situation(
        id=row.id,
        kind=SituationKind(row.kind),
        start_date=row.start_date,
        expected_end_date=row.expected_end_date,
        end_date=row.end_date,
        evidence=row.evidence,
        note=row.note,
        disability_grade=row.disability_grade,
        disability_mental=row.disability_mental,
    )


def to_guardian(row: GuardianRow) -> Guardian:
    return Guardian(
        id=row.id,
        household_id=row.household_id,
        child_id=row.child_id,
        name=row.name,
        relationship=Relationship(row.relationship),
        id_number=row.id_number,
        phone=row.phone,
        is_guardian=row.is_guardian,
        is_carer=row.is_carer,
        note=row.note,
        situations=[to_situation(s) for s in row.situations],
        version=row.version,
    )


def _community(uow: UnitOfWork, community_id: str) -> OrgUnit:
    unit = uow.session.get(OrgUnit, community_id)
    if unit is None:
        raise InvalidInput("community", "unknown", value=community_id)
    if unit.kind != UnitKind.COMMUNITY:
        raise InvalidInput("community", "not_a_community")
    uow.require_in_scope(unit.id)
    return unit


def _household_row(uow: UnitOfWork, household_id: str) -> HouseholdRow:
    row = uow.session.get(HouseholdRow, household_id)
    if row is None:
        raise NotFound(what="household", ref=household_id)
    return row


def add_household(uow: UnitOfWork, household: Household) -> Household:
    return add_households(uow, [household])[0]


def add_households(uow: UnitOfWork, items: Sequence[Household]) -> list[Household]:
    """New households, each checked and audited as one added by hand, written in one flush."""
    uow.require_case_reader()
    rows: list[HouseholdRow] = []
    for household in items:
        unit = _community(uow, household.community_id)
        row = HouseholdRow(
            id=household.id or new_id(),
            community_id=unit.id,
            address=v.text("address", household.address, max_len=500),
            hukou_address=v.text("address", household.hukou_address, max_len=500),
            phone=v.text("phone", household.phone, max_len=64),
            note=v.text("note", household.note, max_len=10000),
        )
        uow.session.add(row)
        rows.append(row)
    uow.session.flush()
    with uow.session.no_autoflush:  # the audit head's update needs no flush per event
        for row in rows:
            uow.audit("create", "household", row.id)
    return [to_household(row) for row in rows]


def update_household(uow: UnitOfWork, household: Household) -> Household:
    uow.require_case_reader()
    if not household.id:
        raise InvalidInput("household_id", "required")
    row = _household_row(uow, household.id)
    uow.check_version(row.id, row.version, household.version)
    changed: list[str] = []
    for f in HOUSEHOLD_FIELDS:
        new = v.text(f, getattr(household, f), max_len=10000 if f == "note" else 500)
        old = getattr(row, f)
        if new != old:
            uow.record_change("household", row.id, row.community_id, f, old, new)
            setattr(row, f, new)
            changed.append(f)
    if changed:
        row.version += 1
        row.updated_at = uow.now()
        uow.audit("update", "household", row.id, ",".join(changed))
    return to_household(row)


def get_household(uow: UnitOfWork, household_id: str) -> Household:
    uow.require_case_reader()
    return to_household(_household_row(uow, household_id))


def get_guardian(uow: UnitOfWork, guardian_id: str) -> Guardian:
    uow.require_case_reader()
    row = uow.session.get(GuardianRow, guardian_id, options=[selectinload(GuardianRow.situations)])
    if row is None:
        raise NotFound(what="guardian", ref=guardian_id)
    return to_guardian(row)


def list_households(
    uow: UnitOfWork, community_id: str | None = None, limit: int = 500
) -> list[Household]:
    uow.require_case_reader()
    stmt = select(HouseholdRow).order_by(HouseholdRow.address).limit(limit)
    if community_id:
        stmt = stmt.where(HouseholdRow.community_id == community_id)
    return [to_household(r) for r in uow.session.scalars(stmt)]


def guardians_of(
    uow: UnitOfWork, household_id: str | None, child_id: str | None = None
) -> list[Guardian]:
    """The household's guardians that concern `child_id` (shared ones and the child's own)."""
    if household_id is None:
        stmt = select(GuardianRow).where(GuardianRow.child_id == child_id)
    else:
        stmt = select(GuardianRow).where(GuardianRow.household_id == household_id)
    rows = uow.session.scalars(
        stmt.options(selectinload(GuardianRow.situations)).order_by(GuardianRow.name)
    )
    return [to_guardian(r) for r in rows if child_id is None or r.child_id in (None, child_id)]


def _clean_situation(s: Situation) -> Situation:
    kind = v.choice("situation", SituationKind, s.kind)
    start = v.parse_date("start_date", s.start_date)
    end = v.parse_date("end_date", s.end_date)
    expected = v.parse_date("end_date", s.expected_end_date)
    v.date_range("end_date", start, end)
    v.date_range("end_date", start, expected)
    grade = s.disability_grade
    if grade is not None and grade not in (1, 2, 3, 4):
        raise InvalidInput("situation", "choice", choices="1, 2, 3, 4")
    return replace(
        s,
        kind=kind,
        start_date=start,
        end_date=end,
        expected_end_date=expected,
        evidence=v.text("situation", s.evidence, max_len=2000),
        note=v.text("situation", s.note, max_len=2000),
    )


def _guardian_input(
    uow: UnitOfWork, guardian: Guardian
) -> tuple[HouseholdRow, dict[str, Any], list[Situation]]:
    """The household, the checked field values and situations of a guardian to save."""
    if not guardian.household_id:
        raise InvalidInput("household_id", "required")
    household = _household_row(uow, guardian.household_id)
    name = v.name("name", guardian.name, required=True)
    rel = v.choice("relationship", Relationship, guardian.relationship)
    number: str | None = None
    if guardian.id_number and guardian.id_number.strip():
        check = v.id_number(guardian.id_number, today=uow.today(), birth_date=None, sex=None)
        number = check.number if check else None
    situations = [_clean_situation(s) for s in guardian.situations]
    values: dict[str, Any] = {
        "name": name,
        "relationship": rel.value,
        "id_number": number,
        "phone": v.text("phone", guardian.phone, max_len=64),
        "is_guardian": bool(guardian.is_guardian),
        "is_carer": bool(guardian.is_carer),
        "note": v.text("note", guardian.note, max_len=10000),
    }
    return household, values, situations


def _situation_row(community_id: str, s: Situation) -> ParentSituation:
    return ParentSituation(
        community_id=community_id,
        kind=s.kind.value,
        start_date=s.start_date,
        expected_end_date=s.expected_end_date,
        end_date=s.end_date,
        evidence=s.evidence,
        note=s.note,
        disability_grade=s.disability_grade,
        disability_mental=s.disability_mental,
    )


def add_guardians(uow: UnitOfWork, items: Sequence[Guardian]) -> list[Guardian]:
    """New guardians, each checked and audited as one added by hand, written in one flush."""
    uow.require_case_reader()
    rows: list[GuardianRow] = []
    for guardian in items:
        household, values, situations = _guardian_input(uow, guardian)
        row = GuardianRow(
            id=new_id(),
            community_id=household.community_id,
            household_id=household.id,
            child_id=guardian.child_id,
            version=1,
            updated_at=uow.now(),
            situations=[_situation_row(household.community_id, s) for s in situations],
            **values,
        )
        uow.session.add(row)
        rows.append(row)
    uow.session.flush()
    with uow.session.no_autoflush:  # the audit head's update needs no flush per event
        for row in rows:
            # The same detail as before batching: the fields given, and situations if any.
            given = [f for f in GUARDIAN_FIELDS if getattr(row, f, None) is not None]
            given += ["situations"] if row.situations else []
            uow.audit("create", "guardian", row.id, ",".join(given))
    return [to_guardian(row) for row in rows]


def save_guardian(uow: UnitOfWork, guardian: Guardian) -> Guardian:
    """Add or edit a guardian with their situations (situations are replaced as a set)."""
    uow.require_case_reader()
    if not guardian.id:
        return add_guardians(uow, [guardian])[0]
    _household, values, situations = _guardian_input(uow, guardian)
    row = uow.session.get(GuardianRow, guardian.id, options=[selectinload(GuardianRow.situations)])
    if row is None:
        raise NotFound(what="guardian", ref=guardian.id)
    uow.check_version(row.id, row.version, guardian.version)
    changed: list[str] = []
    for f, new in values.items():
        old = getattr(row, f, None)
        if old != new:
            uow.record_change("guardian", row.id, row.community_id, f, old, new)
            setattr(row, f, new)
            changed.append(f)
    if row.child_id != guardian.child_id:
        uow.record_change(
            "guardian", row.id, row.community_id, "child_id", row.child_id, guardian.child_id
        )
    row.child_id = guardian.child_id
    old_sits = [to_situation(s) for s in row.situations]
    if old_sits != situations:
        if situation_values(old_sits) != situation_values(situations):
            uow.record_change(
                "guardian",
                row.id,
                row.community_id,
                "situations",
                situation_values(old_sits),
                situation_values(situations),
            )
        row.situations.clear()
        for s in situations:
            row.situations.append(_situation_row(row.community_id, s))
        changed.append("situations")
    if changed:
        row.version += 1
    row.updated_at = uow.now()
    uow.session.flush()
    uow.audit("update", "guardian", row.id, ",".join(changed))
    return to_guardian(row)


def situation_values(sits: list[Situation]) -> list[dict[str, Any]]:
    """A guardian's situations as one profile field's value (change log, exchange merge)."""
    keys = SITUATION_KEYS
    rows = [
        {k: (x.isoformat() if isinstance(x := getattr(s, k), date) else x) for k in keys}
        for s in sits
    ]
    return sorted(rows, key=repr)


def situation_active(s: Situation, day: date) -> bool:
    if s.start_date is not None and day < s.start_date:
        return False
    return s.end_date is None or day <= s.end_date
