"""Hand-over (移交): a director's children are given to another director in one step, when the first
is on leave or leaves. Each child's responsible director (child.director_id) changes as a profile
field with a change record, so the next exchange package carries it, and each change is audited.

A director's children are those handed to them, and the children of their community that nobody
was handed explicitly. The director receiving them sees their communities (db/store.py scope_for).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import or_, select

from hexi_care.db.models import AppUser
from hexi_care.db.models import Child as ChildRow
from hexi_care.domain.enums import Role
from hexi_care.domain.model import User
from hexi_care.errors import InvalidInput, ScopeDenied
from hexi_care.services.context import UnitOfWork
from hexi_care.services.users import find_user

ASSIGNERS = (Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR)


@dataclass(frozen=True, slots=True, kw_only=True)
class Handover:
    from_user: str  # login names
    to_user: str
    child_ids: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.child_ids)


def _director(uow: UnitOfWork, ref: str, what: str) -> User:
    user = find_user(uow, ref)
    if user.role != Role.DIRECTOR:
        raise InvalidInput(what, "bad_state", status=user.role.value)
    return user


def children_of(uow: UnitOfWork, director: User) -> list[str]:
    """Ids of the director's children inside the acting user's scope."""
    stmt = select(ChildRow.id).where(
        or_(
            ChildRow.director_id == director.id,
            (ChildRow.director_id.is_(None)) & (ChildRow.community_id == director.unit_id),
        )
    )
    return list(uow.session.scalars(stmt.order_by(ChildRow.name_pinyin, ChildRow.id)))


def hand_over(uow: UnitOfWork, from_ref: str, to_ref: str) -> Handover:
    """Give every child of director `from_ref` to director `to_ref` (login names). Supervisors
    only, and only to a director inside their own units."""
    uow.require_role(*ASSIGNERS, action="hand children over")
    source = _director(uow, from_ref, "from")
    target = _director(uow, to_ref, "to")
    if source.id == target.id:
        raise InvalidInput("to", "duplicate", value=target.name)
    if not target.active:
        raise InvalidInput("to", "bad_state", status="inactive")
    if not uow.scope.allows(target.unit_id):
        raise ScopeDenied(
            "role_denied", role=(uow.role or Role.ADMIN).value, action="hand children over"
        )
    moved: list[str] = []
    for child_id in children_of(uow, source):
        row = uow.session.get(ChildRow, child_id)
        assert row is not None
        old = row.director_id
        row.director_id = target.id
        row.version += 1
        row.updated_at = uow.now()
        uow.record_change("child", row.id, row.community_id, "director_id", old, target.id)
        uow.audit("assign", "child", row.id, f"{source.id}>{target.id}")
        moved.append(row.id)
    uow.session.flush()
    return Handover(from_user=source.name, to_user=target.name, child_ids=moved)


def directors(uow: UnitOfWork) -> list[User]:
    """Active directors of the units the user sees (whom children may be handed to)."""
    rows = uow.session.scalars(
        select(AppUser).where(AppUser.role == Role.DIRECTOR, AppUser.active).order_by(AppUser.name)
    )
    return [
        User(
            id=r.id,
            name=r.name,
            role=Role(r.role),
            unit_id=r.unit_id,
            display_name=r.display_name,
            active=r.active,
        )
        for r in rows
        if uow.scope.allows(r.unit_id)
    ]
