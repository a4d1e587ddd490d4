"""Users and their passwords. Each user has a key slot; roles tie to one unit of the matching kind."""

from __future__ import annotations

from sqlalchemy import select

from hexi_care.db import store as store_mod
from hexi_care.db.keys import KdfParams, edit_slots, normalise_name
from hexi_care.db.models import AppUser
from hexi_care.domain.enums import Role, UnitKind
from hexi_care.domain.model import User
from hexi_care.errors import InvalidInput, NotFound, ScopeDenied
from hexi_care.services import validate as v
from hexi_care.services.context import UnitOfWork
from hexi_care.services.units import resolve_unit

MIN_PASSWORD = 8
MIN_SCORE = 3  # zxcvbn: "safely unguessable" against a slow hash offline (under ~10^10 guesses)
ROLE_UNIT = {
    Role.DIRECTOR: UnitKind.COMMUNITY,
    Role.STREET_SUPERVISOR: UnitKind.STREET,
    Role.CENTRE_SUPERVISOR: UnitKind.DISTRICT,
}


# What zxcvbn found in a weak password -> the message key that says why (messages.py).
_WEAK_BECAUSE = {
    "dictionary": "weak_common",
    "repeat": "weak_repeat",
    "sequence": "weak_sequence",
    "spatial": "weak_keyboard",
    "date": "weak_date",
    "regex": "weak_date",  # recent years
}


def check_password(password: str, *, names: tuple[str, ...] = ()) -> None:
    """Refuse short passwords and guessable ones (common passwords, keyboard runs, repeats,
    sequences, dates, the user's own name), saying why.

    zxcvbn (Dropbox's estimator, kept as a Python port) does the pattern matching with its list of
    common passwords, which includes the usual Chinese ones (woaini1314, 1qaz2wsx, 88888888)."""
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("password", "weak_password", min=MIN_PASSWORD)
    import zxcvbn  # type: ignore[import-untyped]  # loaded on use: its lists take a moment

    result = zxcvbn.zxcvbn(password[:100], user_inputs=[n for n in names if n])
    if int(result["score"]) >= MIN_SCORE:
        return
    problem = "weak_guessable"
    for match in result["sequence"]:
        pattern = str(match.get("pattern", ""))
        if pattern == "dictionary" and match.get("dictionary_name") == "user_inputs":
            problem = "weak_name"
            break
        if pattern in _WEAK_BECAUSE:
            problem = _WEAK_BECAUSE[pattern]
            break
    raise InvalidInput("password", problem)


def _to_user(r: AppUser) -> User:
    return User(
        id=r.id,
        name=r.name,
        role=Role(r.role),
        unit_id=r.unit_id,
        display_name=r.display_name,
        active=r.active,
    )


def list_users(uow: UnitOfWork) -> list[User]:
    uow.require_role(Role.ADMIN, Role.CENTRE_SUPERVISOR, action="list users")
    return [_to_user(r) for r in uow.session.scalars(select(AppUser).order_by(AppUser.name))]


def add_user(
    uow: UnitOfWork,
    name: str,
    role: str,
    unit_ref: str,
    password: str,
    *,
    display_name: str = "",
    kdf: KdfParams | None = None,
    published_password: bool = False,
) -> User:
    """`published_password`: the synthetic demo store's users, whose password is printed in the
    README; the length rule still holds, the guessability check would be pointless."""
    uow.require_role(Role.ADMIN, action="add users")
    name = name.strip()
    if not name:
        raise InvalidInput("user", "required")
    if len(name) > 64:
        raise InvalidInput("user", "too_long", max=64)
    if display_name.strip() != name:  # a login copied as the display name means "none given"
        display_name = v.name("display_name", display_name)
    try:
        role_v = Role(role)
    except ValueError:
        raise InvalidInput("role", "choice", choices=", ".join(r.value for r in Role)) from None
    unit = resolve_unit(uow, unit_ref)
    want = ROLE_UNIT.get(role_v)
    if want is not None and unit.kind != want:
        raise InvalidInput("unit", "choice", choices=want.value)
    if published_password:
        if len(password) < MIN_PASSWORD:
            raise InvalidInput("password", "weak_password", min=MIN_PASSWORD)
    else:
        check_password(password, names=(name, display_name))
    for existing in uow.session.scalars(select(AppUser.name)):
        if normalise_name(existing) == normalise_name(name):
            raise InvalidInput("user", "duplicate", value=name)
    row = AppUser(name=name, display_name=display_name or name, role=role_v, unit_id=unit.id)
    uow.session.add(row)
    uow.session.flush()
    uow.audit("create", "user", row.id, role_v.value)
    # The slot is written after the row is flushed; if the commit then fails the slot is harmless
    # (it opens nothing without a user row).
    store_mod.set_password(uow.store, name, password, kdf)
    return _to_user(row)


def find_user(uow: UnitOfWork, name: str) -> User:
    for r in uow.session.scalars(select(AppUser)):
        if normalise_name(r.name) == normalise_name(name):
            return _to_user(r)
    raise NotFound(what="user", ref=name)


def change_password(
    uow: UnitOfWork, name: str, new_password: str, *, kdf: KdfParams | None = None
) -> None:
    """Users change their own password; an administrator may set anyone's."""
    target = find_user(uow, name)
    if uow.user is not None and uow.user.id != target.id and uow.user.role != Role.ADMIN:
        raise ScopeDenied()
    check_password(new_password, names=(target.name, target.display_name))
    store_mod.set_password(uow.store, target.name, new_password, kdf)
    uow.audit("password", "user", target.id)


def deactivate_user(uow: UnitOfWork, name: str) -> None:
    uow.require_role(Role.ADMIN, action="deactivate users")
    target = find_user(uow, name)
    row = uow.session.get(AppUser, target.id)
    assert row is not None
    row.active = False
    with edit_slots(uow.store.path) as slots:
        slots.remove_user(target.name)
    uow.audit("deactivate", "user", target.id)


def people(uow: UnitOfWork) -> dict[str, tuple[str, Role, str]]:
    """User id → (display name, empty when none was given; role; login name), for paper, which
    prints a person's name or role, never a login (add_user copies the login into the display
    name when none is given: that copy is no name)."""
    return {
        r.id: (r.display_name if r.display_name != r.name else "", Role(r.role), r.name)
        for r in uow.session.scalars(select(AppUser))
    }


def display_names(uow: UnitOfWork) -> dict[str, str]:
    """User id → the name printed on forms (colleagues' names are not case data)."""
    return {r.id: r.display_name or r.name for r in uow.session.scalars(select(AppUser))}
