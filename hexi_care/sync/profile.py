"""Reading and setting one profile field (child, household, guardian) in its canonical JSON form,
keeping the columns derived from it (pinyin, ID tail, active category codes) current."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from hexi_care.db import models as m
from hexi_care.domain import idnumber, names
from hexi_care.domain.enums import SituationKind
from hexi_care.domain.model import Category
from hexi_care.errors import BadPackage
from hexi_care.sync.records import (
    CHOICES,
    KINDS,
    LIST_FIELDS,
    PROFILE_FIELDS,
    category_list,
    check_list,
    from_json,
    situation_list,
    to_json,
)

MODELS: dict[str, type[m.Child] | type[m.Household] | type[m.Guardian]] = {
    "child": m.Child,
    "household": m.Household,
    "guardian": m.Guardian,
}
ProfileRow = m.Child | m.Household | m.Guardian


def get_row(session: Session, entity: str, rid: str) -> ProfileRow | None:
    row = session.get(MODELS[entity], rid)
    assert row is None or isinstance(row, m.Child | m.Household | m.Guardian)
    return row


def is_profile_field(entity: str, field: str) -> bool:
    return field in PROFILE_FIELDS.get(entity, ())


def current_value(entity: str, row: ProfileRow, field: str) -> Any:
    if field == "categories":
        assert isinstance(row, m.Child)
        return category_list(list(row.categories))
    if field == "situations":
        assert isinstance(row, m.Guardian)
        return situation_list(list(row.situations))
    return to_json(getattr(row, field))


def check_value(entity: str, field: str, value: Any) -> Any:
    """The Python value for `field`, or BadPackage(malformed) if it does not fit."""
    if not is_profile_field(entity, field):
        raise BadPackage(reason="malformed")
    if field in LIST_FIELDS:
        items = check_list(field, value)
        if field == "situations":
            kinds = {k.value for k in SituationKind}
            if any(i["kind"] not in kinds for i in items):
                raise BadPackage(reason="malformed")
        return items
    parsed = from_json(KINDS[entity].table, field, value)
    choices = CHOICES.get((entity, field))
    if choices is not None and parsed not in choices:
        raise BadPackage(reason="malformed")
    return parsed


def active_codes(categories: list[dict[str, Any]], today: date) -> str:
    codes = {
        c["code"]
        for c in categories
        if Category(code=c["code"], start_date=c["start_date"], end_date=c["end_date"]).active_on(
            today
        )
    }
    return ",".join(sorted(codes))


def set_value(
    session: Session, entity: str, row: ProfileRow, field: str, value: Any, today: date
) -> None:
    """Set a field from its checked Python value (see `check_value`)."""
    if isinstance(row, m.Child):
        if field == "categories":
            row.categories.clear()
            session.flush()
            for c in value:
                row.categories.append(m.ChildCategory(community_id=row.community_id, **c))
            row.category_codes = active_codes(value, today)
            return
        setattr(row, field, value)
        if field == "name":
            row.name_pinyin = names.pinyin_full(value)
            row.name_initials = names.pinyin_initials(value)
        elif field == "id_number":
            row.id_tail = idnumber.tail(value) if value else ""
        elif field == "community_id":
            for c in row.categories:
                c.community_id = value
        return
    if isinstance(row, m.Guardian) and field == "situations":
        row.situations.clear()
        session.flush()
        for sit in value:
            row.situations.append(m.ParentSituation(community_id=row.community_id, **sit))
        return
    setattr(row, field, value)


def derived_child_columns(values: dict[str, Any], today: date) -> dict[str, Any]:
    """List columns of a child row computed from its profile (for inserts)."""
    number = values.get("id_number")
    return {
        "name_pinyin": names.pinyin_full(values["name"]),
        "name_initials": names.pinyin_initials(values["name"]),
        "id_tail": idnumber.tail(number) if number else "",
        "category_codes": active_codes(values.get("categories", []), today),
    }
