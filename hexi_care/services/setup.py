"""Creating a store, the one way `hexi-care init`, the setup wizard and the demo do it: the keys
and the first administrator, the district with its built-in streets, categories and notice
templates, then the streets and communities and the first users asked for, the centre's recovery
key when given, and the "store created" audit event once all of that is there."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from hexi_care.db import store as store_mod
from hexi_care.db import storefiles
from hexi_care.db.keys import KdfParams
from hexi_care.db.location import Location
from hexi_care.db.store import Clock, CreatedStore, OpenStore, utc_clock
from hexi_care.domain.enums import Role, UnitKind
from hexi_care.errors import NotFound
from hexi_care.services import units, users
from hexi_care.services.context import UnitOfWork
from hexi_care.services.reference import seed_reference

#: The district whose address code is known without asking (河西区, Tianjin).
HEXI_DISTRICT = "河西区"
HEXI_CODE = "120103"

#: Steps reported to `progress`, in order; each new user is reported as "user:NAME".
STEPS = ("calibrate", "create", "units")

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class NewUser:
    """A first user. Their unit is named by the units being created: the community `community`
    of the street `street`, the street alone (community ""), or the district (both "");
    `unit_id` names an existing unit instead."""

    name: str
    role: Role
    password: str
    display_name: str = ""
    street: str = ""
    community: str = ""
    unit_id: str | None = None
    published_password: bool = False  # the demo's users, whose password the README prints


def district_code(name: str, code: str | None = None) -> str | None:
    """The address code to record: the one given, or Hexi's when the district is Hexi."""
    return code or (HEXI_CODE if name.strip() == HEXI_DISTRICT else None)


def create_store(
    path: Location,
    *,
    admin_name: str,
    admin_password: str,
    district_name: str = HEXI_DISTRICT,
    district_code: str | None = HEXI_CODE,
    communities: Sequence[tuple[str, str]] = (),
    first_users: Sequence[NewUser] = (),
    centre_key: Path | None = None,
    kdf: KdfParams | None = None,
    clock: Clock = utc_clock,
    published_password: bool = False,
    audit_detail: str = "",
    progress: Progress | None = None,
) -> CreatedStore:
    """Create the store at `path` (a file, or a hub's postgresql:// address) and return it open as its administrator (the caller locks it).

    `communities`: (street, community) names to add; a street not yet there is added too.
    `published_password`: the demo's, printed in the README (see NewUser).
    Nothing is left behind when a step fails: the half-made store's files are removed (it holds
    nothing anyone typed), so the same path can be tried again."""
    say = progress or (lambda _step: None)
    users.check_new_password(admin_password, names=(admin_name,), published=published_password)
    say("calibrate")
    params = kdf or KdfParams.calibrate()
    say("create")
    created = store_mod.create_store(
        path,
        admin_name=admin_name,
        admin_password=admin_password,
        district_name=district_name,
        district_code=district_code,
        kdf=params,
        clock=clock,
        seed_reference=seed_reference,
    )
    store = created.store
    try:
        say("units")
        with UnitOfWork(store) as uow:
            _add_units(uow, communities)
        add_users(store, first_users, kdf=params, progress=say)
        if centre_key is not None:
            from hexi_care.services import recovery

            recovery.set_centre_key(store, centre_key)
        with UnitOfWork(store) as uow:
            uow.audit("create", "store", None, audit_detail)
    except BaseException:
        store.lock()
        if isinstance(path, Path):  # a hub's database is the server administrator's to drop
            remove_store_files(path)
        raise
    return created


def _places(uow: UnitOfWork) -> dict[tuple[str, str], str]:
    """Unit ids by (street, community) names: the district is ("", ""), a street (name, "")."""
    present = units.list_units(uow)
    street_name = {u.id: u.name for u in present if u.kind == UnitKind.STREET}
    places: dict[tuple[str, str], str] = {}
    for u in present:
        if u.kind == UnitKind.DISTRICT:
            places[("", "")] = u.id
        elif u.kind == UnitKind.STREET:
            places[(u.name, "")] = u.id
        elif u.parent_id in street_name:
            places[(street_name[u.parent_id], u.name)] = u.id
    return places


def _add_units(uow: UnitOfWork, communities: Sequence[tuple[str, str]]) -> None:
    """Add the (street, community) pairs; a street not there yet is added first."""
    places = _places(uow)
    for street, community in communities:
        if (street, "") not in places:
            places[(street, "")] = units.add_unit(uow, street, places[("", "")]).id
        places[(street, community)] = units.add_unit(uow, community, places[(street, "")]).id


def add_users(
    store: OpenStore,
    new_users: Sequence[NewUser],
    *,
    kdf: KdfParams | None = None,
    progress: Progress | None = None,
) -> None:
    """Add the first users, one transaction each (each password takes a moment to protect)."""
    say = progress or (lambda _step: None)
    for u in new_users:
        say("user:" + u.name)
        with UnitOfWork(store) as uow:
            unit_id = u.unit_id or _places(uow).get((u.street, u.community))
            if unit_id is None:
                raise NotFound(what="unit", ref=u.community or u.street)
            users.add_user(
                uow,
                u.name,
                u.role.value,
                unit_id,
                u.password,
                display_name=u.display_name,
                kdf=kdf,
                published_password=u.published_password,
            )


def remove_store_files(path: Path) -> None:
    """Remove a half-made store (cancelled or failed) and the files beside it."""
    for p in storefiles.store_files(path):
        p.unlink(missing_ok=True)
