"""Org units: district → street → community. Administrators add communities (and streets)."""

from __future__ import annotations

from sqlalchemy import select

from hexi_care.db.models import OrgUnit
from hexi_care.domain.enums import Role, UnitKind
from hexi_care.domain.model import Unit
from hexi_care.errors import Ambiguous, InvalidInput, NotFound
from hexi_care.services.context import UnitOfWork

CHILD_KIND = {UnitKind.DISTRICT: UnitKind.STREET, UnitKind.STREET: UnitKind.COMMUNITY}


def _to_unit(row: OrgUnit) -> Unit:
    return Unit(
        id=row.id, name=row.name, kind=UnitKind(row.kind), parent_id=row.parent_id, code=row.code
    )


def list_units(uow: UnitOfWork) -> list[Unit]:
    """Every unit, in tree order (district, then each street followed by its communities)."""
    rows = list(uow.session.scalars(select(OrgUnit)))
    by_parent: dict[str | None, list[OrgUnit]] = {}
    for r in rows:
        by_parent.setdefault(r.parent_id, []).append(r)
    for kids in by_parent.values():
        kids.sort(key=lambda r: (r.sort, r.code or "", r.name))
    out: list[Unit] = []

    def walk(parent: str | None) -> None:
        for r in by_parent.get(parent, []):
            out.append(_to_unit(r))
            walk(r.id)

    walk(None)
    return out


def resolve_unit(uow: UnitOfWork, ref: str) -> Unit:
    """A unit by id, id prefix (≥ 6 characters) or unique name."""
    ref = ref.strip()
    row = uow.session.get(OrgUnit, ref)
    if row is not None:
        return _to_unit(row)
    matches = list(uow.session.scalars(select(OrgUnit).where(OrgUnit.name == ref)))
    if not matches and len(ref) >= 6:
        matches = list(uow.session.scalars(select(OrgUnit).where(OrgUnit.id.startswith(ref))))
    if len(matches) == 1:
        return _to_unit(matches[0])
    if len(matches) > 1:
        raise Ambiguous(ref=ref)
    raise NotFound(what="unit", ref=ref)


def add_unit(uow: UnitOfWork, name: str, parent_ref: str, code: str | None = None) -> Unit:
    uow.require_role(Role.ADMIN, action="add units")
    name = name.strip()
    if not name:
        raise InvalidInput("name", "required")
    if len(name) > 100:
        raise InvalidInput("name", "too_long", max=100)
    parent = resolve_unit(uow, parent_ref)
    kind = CHILD_KIND.get(parent.kind)
    if kind is None:
        raise InvalidInput("parent", "bad_state", status=parent.kind.value)
    taken = uow.session.scalar(
        select(OrgUnit.id).where(OrgUnit.parent_id == parent.id, OrgUnit.name == name)
    )
    if taken:
        raise InvalidInput("name", "duplicate", value=name)
    row = OrgUnit(name=name, kind=kind, parent_id=parent.id, code=code)
    uow.session.add(row)
    uow.session.flush()
    uow.audit("create", "unit", row.id)
    return _to_unit(row)


def unit_order(uow: UnitOfWork) -> dict[str, int]:
    """unit id → its position in the district's own order (list_units), to sort printed rows by
    street and community the way the district lists them rather than by character code."""
    return {u.id: i for i, u in enumerate(list_units(uow))}


def unit_names(uow: UnitOfWork) -> dict[str, str]:
    return dict(uow.session.execute(select(OrgUnit.id, OrgUnit.name)).all())


def street_of(uow: UnitOfWork) -> dict[str, str]:
    """community id → street id."""
    rows = uow.session.execute(select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.kind)).all()
    return {u: p for u, p, k in rows if k == UnitKind.COMMUNITY and p is not None}


def related_unit_ids(uow: UnitOfWork) -> set[str] | None:
    """Units whose own records (activities) concern the user: their unit, what lies above it and
    what lies below it. None means every unit (the store's own work, a district-wide user)."""
    if uow.user is None or uow.scope.everything:
        return None
    rows = uow.session.execute(select(OrgUnit.id, OrgUnit.parent_id)).all()
    parent = dict(rows)
    children: dict[str | None, list[str]] = {}
    for u, p in rows:
        children.setdefault(p, []).append(u)
    found: set[str] = set()
    up: str | None = uow.user.unit_id
    while up is not None:
        found.add(up)
        up = parent.get(up)
    stack = [uow.user.unit_id]
    while stack:
        u = stack.pop()
        found.add(u)
        stack.extend(children.get(u, []))
    return found
