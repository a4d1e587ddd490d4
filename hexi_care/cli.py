"""The command line: the same services as the window, for administration, batch work, scripting
and tests. Exit codes: 0 ok, 2 usage, 3 authentication failed, 4 outside scope or role,
5 invalid input, 6 store locked, damaged or newer than this program. See docs/cli.md."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from hexi_care import __version__, logs
from hexi_care.domain.enums import Relationship, RiskLevel, Sex, SituationKind
from hexi_care.domain.model import (
    Category,
    Child,
    ChildSummary,
    Guardian,
    Household,
    Situation,
    Unit,
    Visit,
)
from hexi_care.errors import AuthThrottled, InvalidInput, UsageError, UserProblem
from hexi_care.messages import t
from hexi_care.paths import default_store

if TYPE_CHECKING:
    # The store, the services, reports and exchange load when a command runs, not before the
    # arguments are parsed: `--version` and `--help` stay quick (issue 8).
    from hexi_care.db.store import OpenStore
    from hexi_care.services.context import UnitOfWork

log = logging.getLogger("hexi_care.cli")


class Input:
    """Standard input read line by line: the password first (with --password-stdin), then the
    next lines (a new password), then the rest (JSON)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def line(self) -> str | None:
        raw = self.stream.readline()
        if raw == "":
            return None
        return raw.rstrip("\r\n")

    def rest(self) -> str:
        return self.stream.read()


class Cli:
    def __init__(
        self, args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO
    ) -> None:
        self.args = args
        self.lang: str = args.lang
        self.input = Input(stdin)
        self.out = stdout
        self.err = stderr
        self._store: OpenStore | None = None

    # -- output ------------------------------------------------------------------------------
    def say(self, key: str, **params: Any) -> None:
        print(t(key, self.lang, **params), file=self.out)

    def emit_json(self, value: Any) -> None:
        print(json.dumps(value, ensure_ascii=False, indent=1, default=_json_default), file=self.out)

    # -- passwords ---------------------------------------------------------------------------
    def read_secret(self, prompt_key: str, *, confirm: bool = False, **params: Any) -> str:
        if self.args.password_stdin:
            value = self.input.line()
            if value is None:
                raise UsageError(detail="--password-stdin: no line on standard input")
            return value
        if not sys.stdin.isatty():
            value = self.input.line()
            if value is None:
                raise UsageError(detail="no password given (use --password-stdin)")
            return value
        first = getpass.getpass(t(prompt_key, self.lang, **params))
        if confirm and getpass.getpass(t("cli.repeat_password", self.lang)) != first:
            raise InvalidInput("password", "required")
        return first

    def read_next_secret(self, prompt_key: str, **params: Any) -> str:
        """A further secret after the login password (a new user's password, a new password)."""
        if self.args.password_stdin or not sys.stdin.isatty():
            value = self.input.line()
            if value is None:
                raise UsageError(detail="expected another line on standard input")
            return value
        first = getpass.getpass(t(prompt_key, self.lang, **params))
        if getpass.getpass(t("cli.repeat_password", self.lang)) != first:
            raise UsageError(detail=t("cli.passwords_differ", self.lang))
        return first

    # -- store -------------------------------------------------------------------------------
    @property
    def store_path(self) -> Path:
        return Path(self.args.store) if self.args.store else default_store()

    def user_name(self) -> str:
        if not self.args.user:
            raise UsageError(detail="--user NAME is required for this command")
        return str(self.args.user)

    def open(self) -> OpenStore:
        if self._store is None:
            name = self.user_name()
            password = self.read_secret("cli.password")
            for attempt in range(2):
                try:
                    from hexi_care.db import store as store_mod

                    self._store = store_mod.unlock(self.store_path, name, password)
                    break
                except AuthThrottled as exc:
                    if attempt:
                        raise
                    print(t("cli.waiting", self.lang, seconds=exc.wait_seconds), file=self.err)
                    time.sleep(exc.wait_seconds)
            if self._store is not None and self._store.read_only:
                print(t("store.opened_read_only", self.lang), file=self.err)
        assert self._store is not None
        return self._store

    def uow(self) -> UnitOfWork:
        from hexi_care.services.context import UnitOfWork

        return UnitOfWork(self.open())

    def close(self) -> None:
        if self._store is not None:
            self._store.lock()
            self._store = None


def _json_default(o: Any) -> Any:
    if isinstance(o, (date, datetime)):
        return o.isoformat()
    if isinstance(o, Enum):
        return o.value
    if is_dataclass(o) and not isinstance(o, type):
        return asdict(o)
    raise TypeError(type(o).__name__)


# -- JSON shapes (a contract for scripts: add fields, never rename) -------------------------------
def unit_json(u: Unit) -> dict[str, Any]:
    return {
        "id": u.id,
        "name": u.name,
        "kind": u.kind.value,
        "parent_id": u.parent_id,
        "code": u.code,
    }


def child_summary_json(c: ChildSummary) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "id_number": c.id_number_masked,
        "birth_date": c.birth_date.isoformat() if c.birth_date else None,
        "sex": c.sex.value,
        "community": c.community_id,
        "community_name": c.community_name,
        "household_id": c.household_id,
        "categories": c.categories,
        "risk": c.risk.value,
        "last_visit": c.last_visit.isoformat() if c.last_visit else None,
        "next_due": c.next_due.isoformat() if c.next_due else None,
    }


def child_json(c: Child, today: date) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "id_number": c.id_number,
        "no_hukou": c.no_hukou,
        "birth_date": c.birth_date.isoformat() if c.birth_date else None,
        "sex": c.sex.value,
        "community": c.community_id,
        "household_id": c.household_id,
        "categories": sorted({x.code for x in c.categories if x.active_on(today)}),
        "category_details": [_json_default(x) for x in c.categories],
        "hukou_address": c.hukou_address,
        "address": c.address,
        "school": c.school,
        "grade": c.grade,
        "phone": c.phone,
        "risk": c.risk.value,
        "note": c.note,
        "version": c.version,
    }


def visit_json(v: Visit) -> dict[str, Any]:
    data = _json_default(v)
    data["visit_date"] = v.visit_date.isoformat()
    data["status"] = v.status.value
    return {
        "id": v.id,
        "child_id": v.child_id,
        "visit_date": data.pop("visit_date"),
        "status": data.pop("status"),
        **{k: x for k, x in data.items() if k not in ("id", "child_id")},
    }


# -- commands -------------------------------------------------------------------------------------
def cmd_init(cli: Cli) -> int:
    from hexi_care.db import store as store_mod
    from hexi_care.db.keys import KdfParams
    from hexi_care.services.context import UnitOfWork
    from hexi_care.services.reference import seed_reference
    from hexi_care.services.users import check_password

    password = cli.read_secret("cli.new_password_for", confirm=True, name=cli.args.admin)
    check_password(password, names=(cli.args.admin,))
    created = store_mod.create_store(
        cli.store_path,
        admin_name=cli.args.admin,
        admin_password=password,
        district_name=cli.args.district,
        district_code=cli.args.district_code
        or ("120103" if cli.args.district == "河西区" else None),
        kdf=KdfParams.calibrate(),
        seed_reference=seed_reference,
    )
    if cli.args.centre_key:
        from hexi_care.services import recovery

        recovery.set_centre_key(created.store, Path(cli.args.centre_key))
    with UnitOfWork(created.store) as uow:
        uow.audit("create", "store", None)
    created.store.lock()
    cli.say("cli.created", path=str(cli.store_path))
    cli.say("cli.recovery_notice")
    print(created.recovery_code, file=cli.out)
    return 0


def cmd_user_add(cli: Cli) -> int:
    from hexi_care.services import units, users

    with cli.uow() as uow:
        password = cli.read_next_secret("cli.new_password_for", name=cli.args.name)
        u = users.add_user(
            uow,
            cli.args.name,
            cli.args.role,
            cli.args.unit,
            password,
            display_name=cli.args.display_name or "",
        )
        unit = units.resolve_unit(uow, u.unit_id)
    cli.say("cli.user_added", name=u.name, role=u.role.value, unit=unit.name)
    return 0


def cmd_user_passwd(cli: Cli) -> int:
    from hexi_care.services import security

    store = cli.open()
    password = cli.read_next_secret("cli.new_password_for", name=cli.args.name)
    done = security.reset_password(
        store,
        cli.args.name,
        password,
        rekey=cli.args.rekey,
        delete_old_backups=cli.args.delete_old_backups,
        backup_folders=_backup_folders(cli),
    )
    if not cli.args.json:
        cli.say("cli.password_changed", name=cli.args.name)
    if done is not None or cli.args.name.casefold() != cli.user_name().casefold():
        _say_rekey(cli, done)  # a reset of someone else's password offers a rekey
    return 0


def cmd_user_deactivate(cli: Cli) -> int:
    from hexi_care.services import security

    done = security.deactivate_user(
        cli.open(),
        cli.args.name,
        rekey=cli.args.rekey,
        delete_old_backups=cli.args.delete_old_backups,
        backup_folders=_backup_folders(cli),
    )
    if not cli.args.json:
        cli.say("cli.user_deactivated", name=cli.args.name)
    _say_rekey(cli, done)
    return 0


def cmd_store_rekey(cli: Cli) -> int:
    from hexi_care.services import security

    done = security.rekey_store(
        cli.open(),
        delete_old_backups=cli.args.delete_old_backups,
        backup_folders=_backup_folders(cli),
    )
    _say_rekey(cli, done)
    return 0


def _backup_folders(cli: Cli) -> list[Path]:
    """Folders named with --backup-folder; the store also remembers every folder backups were
    written to, so these are only needed for one it has not seen."""
    return [Path(p) for p in (getattr(cli.args, "backup_folder", None) or [])]


def _say_rekey(cli: Cli, done: Any) -> None:
    """After a rekey: the new recovery code, and what is left of the older backups."""
    if done is None:
        if not getattr(cli.args, "json", False):
            cli.say("cli.rekey_offer")
        return
    if getattr(cli.args, "json", False):
        cli.emit_json(
            {
                "recovery_code": done.recovery_code,
                "backup": str(done.backup) if done.backup else None,
                "older_backups": [str(p) for p in done.older_backups],
                "deleted_backups": done.deleted_backups,
                "dropped_slots": done.dropped_slots,
            }
        )
        return
    cli.say("cli.rekeyed")
    cli.say("cli.recovery_notice")
    print(done.recovery_code, file=cli.out)
    if done.backup:
        cli.say("cli.backup_done", path=str(done.backup))
    if done.deleted_backups:
        cli.say("cli.old_backups_deleted", count=done.deleted_backups)
    if done.older_backups:
        cli.say("cli.old_backups_left", count=len(done.older_backups))
        for p in done.older_backups:
            print(f"  {p}", file=cli.out)


def cmd_user_list(cli: Cli) -> int:
    from hexi_care.services import users

    with cli.uow() as uow:
        rows = users.list_users(uow)
    if cli.args.json:
        cli.emit_json(
            [
                {
                    "id": u.id,
                    "name": u.name,
                    "role": u.role.value,
                    "unit": u.unit_id,
                    "active": u.active,
                }
                for u in rows
            ]
        )
    else:
        for u in rows:
            print(
                f"{u.name}\t{u.role.value}\t{u.unit_id}\t{'' if u.active else 'inactive'}",
                file=cli.out,
            )
    return 0


def cmd_unit_list(cli: Cli) -> int:
    from hexi_care.services import units

    with cli.uow() as uow:
        rows = units.list_units(uow)
    if cli.args.json:
        cli.emit_json([unit_json(u) for u in rows])
    else:
        depth: dict[str | None, int] = {None: -1}
        for u in rows:
            depth[u.id] = depth.get(u.parent_id, -1) + 1
            print(f"{'  ' * depth[u.id]}{u.name}\t{u.kind.value}\t{u.id}", file=cli.out)
    return 0


def cmd_unit_add(cli: Cli) -> int:
    from hexi_care.services import units

    with cli.uow() as uow:
        u = units.add_unit(uow, cli.args.name, cli.args.parent)
    if cli.args.json:
        cli.emit_json(unit_json(u))
    else:
        cli.say("cli.unit_added", name=u.name)
    return 0


def cmd_settings_time_zone(cli: Cli) -> int:
    from hexi_care.services import settings

    with cli.uow() as uow:
        if cli.args.zone:
            settings.set_time_zone(uow, cli.args.zone.strip())
        zone = settings.time_zone_name(uow)
    if cli.args.json:
        cli.emit_json({"time_zone": zone})
    else:
        cli.say("cli.time_zone_set" if cli.args.zone else "cli.time_zone", zone=zone)
    return 0


def cmd_demo(cli: Cli) -> int:
    from hexi_care.services import demo

    if cli.args.children < 1 or cli.args.children > 200_000:
        raise InvalidInput("children", "too_big", max=200_000)
    from hexi_care.domain.enums import Role

    with cli.uow() as uow:
        # Generation writes across every unit, so only the store's administrator may start it.
        uow.require_role(Role.ADMIN, Role.CENTRE_SUPERVISOR, action="generate demo data")
        uow.audit("demo", "store", None, f"{cli.args.children} children")
    stats = demo.generate(cli.open(), children=cli.args.children, seed=cli.args.seed)
    cli.say(
        "cli.demo_done", children=stats.children, households=stats.households, visits=stats.visits
    )
    return 0


def _read_json(cli: Cli) -> dict[str, Any]:
    raw = cli.input.rest()
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            "json", "bad_json", detail=f"line {exc.lineno} column {exc.colno}"
        ) from None
    if not isinstance(data, dict):
        raise InvalidInput("json", "bad_json", detail="expected an object {…}")
    return data


def cmd_child_list(cli: Cli) -> int:
    from hexi_care.services import children, units

    with cli.uow() as uow:
        community = units.resolve_unit(uow, cli.args.community).id if cli.args.community else None
        rows = children.list_children(
            uow,
            query=cli.args.query,
            community_id=community,
            category=cli.args.category,
            overdue=cli.args.overdue,
            limit=cli.args.limit,
        )
    if cli.args.json:
        cli.emit_json([child_summary_json(c) for c in rows])
    elif not rows:
        cli.say("cli.no_results")
    else:
        for c in rows:
            print(
                f"{c.id[:8]}\t{c.name}\t{c.id_number_masked or '-'}\t{c.birth_date or '-'}\t{c.community_name}\t{','.join(c.categories)}",
                file=cli.out,
            )
    return 0


def cmd_child_show(cli: Cli) -> int:
    from hexi_care.services import casefile, children

    with cli.uow() as uow:
        cid = children.resolve_child(uow, cli.args.id)
        f = casefile.open_child_file(uow, cid, purpose="cli")
        today = uow.today()
    data = child_json(f.child, today)
    data["community_name"] = f.community_name
    data["street_name"] = f.street_name
    data["household"] = _json_default(f.household) if f.household else None
    data["guardians"] = [_json_default(g) for g in f.guardians]
    data["visits"] = [
        {
            "id": x.id,
            "visit_date": x.visit_date.isoformat(),
            "status": x.status.value,
            "kind": x.kind.value,
        }
        for x in f.visits
    ]
    data["followups"] = [_json_default(x) for x in f.followups]
    if f.reports is not None:
        data["mandatory_reports"] = [_json_default(x) for x in f.reports]
    if cli.args.json:
        cli.emit_json(data)
    else:
        for key in (
            "id",
            "name",
            "id_number",
            "birth_date",
            "sex",
            "community_name",
            "street_name",
            "categories",
            "address",
            "school",
            "risk",
        ):
            print(f"{key}: {data[key]}", file=cli.out)
        for x in f.visits:
            print(f"visit {x.visit_date} {x.status.value} {x.id}", file=cli.out)
    return 0


CHILD_INPUT = {
    "name",
    "id_number",
    "no_hukou",
    "birth_date",
    "sex",
    "community",
    "household_id",
    "household",
    "categories",
    "hukou_address",
    "address",
    "school",
    "grade",
    "phone",
    "risk",
    "note",
    "guardians",
}


def child_from_json(uow: UnitOfWork, data: dict[str, Any]) -> tuple[Child, dict[str, Any] | None]:
    from hexi_care.services import units
    from hexi_care.services import validate as v

    unknown = sorted(set(data) - CHILD_INPUT)
    if unknown:
        raise InvalidInput(unknown[0], "unknown", value=unknown[0])
    text = {
        k: v.json_text(k, data.get(k))
        for k in CHILD_INPUT - {"no_hukou", "categories", "household", "guardians"}
    }
    if not text["community"]:
        raise InvalidInput("community", "required")
    if not text["sex"]:
        raise InvalidInput("sex", "required")
    community = units.resolve_unit(uow, text["community"])
    raw_cats = data.get("categories") or []
    if not isinstance(raw_cats, list):
        raise InvalidInput("categories", "not_list")
    cats: list[Category] = []
    for c in raw_cats:
        if isinstance(c, str):
            cats.append(Category(code=c))
        elif isinstance(c, dict) and isinstance(c.get("code"), str):
            cats.append(
                Category(
                    code=c["code"],
                    basis=v.json_text("category", c.get("basis")) or "",
                    evidence=v.json_text("category", c.get("evidence")) or "",
                    start_date=v.parse_date(
                        "start_date", v.json_text("start_date", c.get("start_date"))
                    ),
                    end_date=v.parse_date("end_date", v.json_text("end_date", c.get("end_date"))),
                )
            )
        else:
            raise InvalidInput(
                "categories",
                "bad_json",
                detail="a code or {code, basis, evidence, start_date, end_date}",
            )
    child = Child(
        name=text["name"] or "",
        sex=v.choice("sex", Sex, text["sex"]),
        community_id=community.id,
        birth_date=v.parse_date("birth_date", text["birth_date"]),
        id_number=text["id_number"],
        no_hukou=bool(v.json_bool("no_hukou", data.get("no_hukou", False))),
        household_id=text["household_id"],
        hukou_address=text["hukou_address"] or "",
        address=text["address"] or "",
        school=text["school"] or "",
        grade=text["grade"] or "",
        phone=text["phone"] or "",
        risk=v.choice("risk", RiskLevel, text["risk"] or "low"),
        note=text["note"] or "",
        categories=cats,
    )
    household = data.get("household")
    if household is not None and not isinstance(household, dict):
        raise InvalidInput("household_id", "bad_json", detail="household must be an object")
    if household is not None:
        household = {
            k: v.json_text("household_id", household.get(k)) or ""
            for k in ("address", "hukou_address", "phone")
        }
    return child, household


def guardians_from_json(data: object) -> list[Guardian]:
    from hexi_care.services import validate as v

    if data is None:
        return []
    if not isinstance(data, list):
        raise InvalidInput("guardians", "not_list")
    out: list[Guardian] = []
    for g in data:
        if not isinstance(g, dict):
            raise InvalidInput("guardians", "bad_json", detail="each guardian is an object")
        sits_raw = g.get("situations") or []
        if not isinstance(sits_raw, list):
            raise InvalidInput("situation", "not_list")
        situations: list[Situation] = []
        for x in sits_raw:
            if not isinstance(x, dict):
                raise InvalidInput("situation", "bad_json", detail="each situation is an object")
            grade = x.get("disability_grade")
            if grade is not None and (isinstance(grade, bool) or not isinstance(grade, int)):
                raise InvalidInput("situation", "not_number")
            situations.append(
                Situation(
                    kind=v.choice(
                        "situation", SituationKind, v.json_text("situation", x.get("kind")) or ""
                    ),
                    start_date=v.parse_date(
                        "start_date", v.json_text("start_date", x.get("start_date"))
                    ),
                    expected_end_date=v.parse_date(
                        "end_date", v.json_text("end_date", x.get("expected_end_date"))
                    ),
                    end_date=v.parse_date("end_date", v.json_text("end_date", x.get("end_date"))),
                    evidence=v.json_text("situation", x.get("evidence")) or "",
                    disability_grade=grade,
                    disability_mental=bool(
                        v.json_bool("situation", x.get("disability_mental", False))
                    ),
                    note=v.json_text("note", x.get("note")) or "",
                )
            )
        out.append(
            Guardian(
                name=v.json_text("name", g.get("name")) or "",
                relationship=v.choice(
                    "relationship",
                    Relationship,
                    v.json_text("relationship", g.get("relationship")) or "",
                ),
                id_number=v.json_text("id_number", g.get("id_number")),
                phone=v.json_text("phone", g.get("phone")) or "",
                is_guardian=bool(v.json_bool("is_guardian", g.get("is_guardian", False))),
                is_carer=bool(v.json_bool("is_carer", g.get("is_carer", False))),
                situations=situations,
                note=v.json_text("note", g.get("note")) or "",
            )
        )
    return out


def cmd_child_add(cli: Cli) -> int:
    from dataclasses import replace

    from hexi_care.services import children, households

    with cli.uow() as uow:
        data = _read_json(cli)
        child, hh = child_from_json(uow, data)
        if hh is not None and not child.household_id:
            created = households.add_household(
                uow,
                Household(
                    community_id=child.community_id,
                    address=str(hh.get("address", "")),
                    hukou_address=str(hh.get("hukou_address", "")),
                    phone=str(hh.get("phone", "")),
                ),
            )
            child = replace(child, household_id=created.id)
        guardians = guardians_from_json(data.get("guardians"))
        if guardians and not child.household_id:
            raise InvalidInput("household_id", "required")
        saved = children.add_child(uow, child)
        for g in guardians:
            households.save_guardian(uow, replace(g, household_id=child.household_id))
        today = uow.today()
        notices = [n.message(cli.lang) for n in uow.notices]
    if cli.args.json:
        cli.emit_json({**child_json(saved, today), "warnings": notices})
    else:
        for text in notices:
            print(text, file=cli.err)
        cli.say("cli.child_added", id=saved.id)
    return 0


# -- edit: the changed fields as JSON, with the names `child show --json` prints ------------------
#: Fields `child show --json` prints that `child edit` does not change: computed ones, and the
#: household and guardians (`household edit`, `guardian edit`).
CHILD_FIXED = {
    "community_name",
    "street_name",
    "household",
    "guardians",
    "visits",
    "followups",
    "mandatory_reports",
}


def _plain(value: Any) -> Any:
    """`value` as `child show --json` prints it (dates as text), to merge changes into."""
    return json.loads(json.dumps(value, default=_json_default, ensure_ascii=False))


def _changes(
    data: dict[str, Any], current_id: str | None, version: int, fixed: set[str]
) -> dict[str, Any]:
    """The fields to change. `id` may be sent back unchanged; `version`, when sent, must still be
    the record's (someone else's edit in between is not overwritten)."""
    data = dict(data)
    if "id" in data and data.pop("id") != current_id:
        raise InvalidInput("id", "read_only")
    if "version" in data and data.pop("version") != version:
        raise InvalidInput("version", "stale")
    for key in sorted(data):
        if key in fixed:
            raise InvalidInput(key, "read_only")
    return data


def _saved(cli: Cli, shown: dict[str, Any], notices: Sequence[str] = ()) -> int:
    """What an edit prints: the saved record as JSON (with the core's warnings where the record
    has a `warnings` list), or a line saying it is saved with the warnings on standard error."""
    if cli.args.json:
        cli.emit_json({**shown, "warnings": list(notices)} if "warnings" in shown else shown)
    else:
        for text in notices:
            print(text, file=cli.err)
        cli.say("cli.record_saved", id=shown["id"])
    return 0


def cmd_child_edit(cli: Cli) -> int:
    from dataclasses import replace

    from hexi_care.services import children

    with cli.uow() as uow:
        data = _read_json(cli)
        cid = children.resolve_child(uow, cli.args.id)
        before = children.get_child(uow, cid)
        changes = _changes(data, before.id, before.version, CHILD_FIXED)
        if "category_details" in changes:
            if "categories" in changes:
                raise InvalidInput("category_details", "read_only")
            changes["categories"] = changes.pop("category_details")
        if isinstance(changes.get("categories"), list):
            # A code alone keeps the basis, evidence and dates the child's category already has.
            known = {c.code: _plain(c) for c in before.categories}
            changes["categories"] = [
                known.get(c, c) if isinstance(c, str) else c for c in changes["categories"]
            ]
        shown = child_json(before, uow.today())
        current = {k: shown[k] for k in CHILD_INPUT if k in shown}
        current["categories"] = _plain(before.categories)
        child, _household = child_from_json(uow, {**current, **changes})
        # The same code is the same category record: an unchanged one is not rewritten.
        ids = {c.code: c.id for c in before.categories}
        cats = [replace(c, id=ids.get(c.code)) for c in child.categories]
        saved = children.update_child(uow, replace(child, id=cid, categories=cats))
        shown = {**child_json(saved, uow.today()), "warnings": []}
        notices = [n.message(cli.lang) for n in uow.notices]
    return _saved(cli, shown, notices)


def cmd_household_edit(cli: Cli) -> int:
    from dataclasses import replace

    from hexi_care.services import households
    from hexi_care.services import validate as v

    with cli.uow() as uow:
        data = _read_json(cli)
        before = households.get_household(uow, cli.args.id.strip())
        changes = _changes(data, before.id, before.version, {"community_id"})
        for key in sorted(set(changes) - set(households.HOUSEHOLD_FIELDS)):
            raise InvalidInput(key, "unknown", value=key)
        texts: dict[str, Any] = {k: v.json_text(k, x) or "" for k, x in changes.items()}
        saved = households.update_household(uow, replace(before, **texts))
    return _saved(cli, _plain(saved))


def cmd_guardian_edit(cli: Cli) -> int:
    from dataclasses import replace

    from hexi_care.services import households

    with cli.uow() as uow:
        data = _read_json(cli)
        before = households.get_guardian(uow, cli.args.id.strip())
        changes = _changes(data, before.id, before.version, {"household_id", "child_id"})
        current = _plain(before)
        for key in sorted(set(changes) - set(current)):
            raise InvalidInput(key, "unknown", value=key)
        (parsed,) = guardians_from_json([{**current, **changes}])
        saved = households.save_guardian(
            uow,
            replace(
                parsed, id=before.id, household_id=before.household_id, child_id=before.child_id
            ),
        )
    return _saved(cli, _plain(saved))


def cmd_visit_list(cli: Cli) -> int:
    from hexi_care.services import children, visits

    with cli.uow() as uow:
        child_id = children.resolve_child(uow, cli.args.child) if cli.args.child else None
        rows = visits.list_visits(
            uow, child_id=child_id, status=cli.args.status, limit=cli.args.limit
        )
    if cli.args.json:
        cli.emit_json([visit_json(x) for x in rows])
    elif not rows:
        cli.say("cli.no_results")
    else:
        for x in rows:
            print(
                f"{x.id}\t{x.child_id[:8]}\t{x.visit_date}\t{x.status.value}\t{x.kind.value}",
                file=cli.out,
            )
    return 0


def cmd_visit_add(cli: Cli) -> int:
    from hexi_care.services import children, visits

    with cli.uow() as uow:
        child_id = children.resolve_child(uow, cli.args.child)
        visit = visits.visit_from_dict(_read_json(cli), child_id)
        saved = visits.add_visit(uow, visit)
    if cli.args.json:
        cli.emit_json(visit_json(saved))
    else:
        cli.say("cli.visit_added", id=saved.id)
    return 0


def cmd_visit_review(cli: Cli) -> int:
    from hexi_care.services import visits

    with cli.uow() as uow:
        vid = visits.resolve_visit(uow, cli.args.id)
        saved = visits.review(uow, vid, cli.args.decision, cli.args.comment or "")
    cli.emit_json(visit_json(saved)) if cli.args.json else print(
        f"{saved.id}\t{saved.status.value}", file=cli.out
    )
    return 0


def cmd_audit_verify(cli: Cli) -> int:
    from hexi_care.db import audit

    store = cli.open()
    with store.system_session() as s:
        result = audit.verify(s, store.mac_key)
    if cli.args.json:
        cli.emit_json(
            {
                "ok": result.ok,
                "events": result.events,
                "problems": result.problems,
                "head_seq": result.head.seq,
            }
        )
    elif result.ok:
        cli.say("cli.audit_ok", events=result.events)
    else:
        cli.say("cli.audit_bad")
        for p in result.problems:
            print(f"  {p}", file=cli.out)
    return 0 if result.ok else 6


def cmd_backup(cli: Cli) -> int:
    from hexi_care.services.context import UnitOfWork

    store = cli.open()
    out = store.backup(Path(cli.args.out))
    with UnitOfWork(store) as uow:
        uow.audit("backup", "store", None)
    cli.say("cli.backup_done", path=str(out))
    return 0


def cmd_restore(cli: Cli) -> int:
    from hexi_care.db import store as store_mod

    name = cli.user_name()
    password = cli.read_secret("cli.password")
    backup_password = (
        cli.read_next_secret("cli.backup_password") if cli.args.backup_password else None
    )
    kept = store_mod.restore(
        Path(cli.args.file),
        cli.store_path,
        name,
        password,
        backup_password=backup_password,
        keep_backup_slots=cli.args.keep_backup_keys,
    )
    if kept:
        cli.say("cli.restore_done", path=str(kept))
    else:
        cli.say("cli.restore_done_new")
    return 0


def cmd_store_check(cli: Cli) -> int:
    from hexi_care.db import audit
    from hexi_care.services import security

    store = cli.open()
    problems = store.check()
    with store.system_session() as s:
        chain = audit.verify(s, store.mac_key)
    problems += chain.problems
    weak = security.weak_slots(store.path)
    if weak:
        problems.append(t("cli.weak_slots", cli.lang, count=weak))
    if security.old_centre_slot(store.path):
        problems.append(t("store.old_centre_slot", cli.lang))
    if cli.args.json:
        cli.emit_json({"ok": not problems, "problems": problems})
    elif not problems:
        cli.say("cli.check_ok")
    else:
        cli.say("cli.check_bad")
        for p in problems:
            print(f"  {p}", file=cli.out)
    return 0 if not problems else 6


def cmd_recover(cli: Cli) -> int:
    from hexi_care.services import recovery

    code = cli.read_secret("cli.recovery_code")
    new_password = cli.read_next_secret("cli.new_password_for", name=cli.args.user_to)
    done = recovery.recover_with_code(
        cli.store_path,
        code,
        cli.args.user_to,
        new_password,
        rekey=cli.args.rekey,
        delete_old_backups=cli.args.delete_old_backups,
    )
    if not cli.args.json:
        cli.say("cli.recovered", name=cli.args.user_to)
    _say_rekey(cli, done)
    return 0


def cmd_recovery_keygen(cli: Cli) -> int:
    from hexi_care.services import recovery

    passphrase = cli.read_secret("cli.new_password", confirm=True)
    pub = recovery.keygen(Path(cli.args.out), passphrase)
    print(pub, file=cli.out)
    return 0


def cmd_recovery_set_centre_key(cli: Cli) -> int:
    from hexi_care.domain.enums import Role
    from hexi_care.services import recovery
    from hexi_care.services.context import UnitOfWork

    store = cli.open()
    with UnitOfWork(store) as uow:
        uow.require_role(Role.ADMIN, action="set the centre's recovery key")
        uow.audit("update", "key_slots", None, "centre recovery key")
    recovery.set_centre_key(store, Path(cli.args.public_key))
    return 0


def cmd_recovery_request(cli: Cli) -> int:
    from hexi_care.services import recovery

    new_password = cli.read_secret("cli.new_password_for", confirm=True, name=cli.args.user_to)
    req = recovery.make_request(cli.store_path, Path(cli.args.out), cli.args.user_to, new_password)
    print(str(req.path), file=cli.out)
    cli.say("cli.recovery_request_code", code=req.code)
    return 0


def cmd_recovery_answer(cli: Cli) -> int:
    from hexi_care.services import recovery
    from hexi_care.services.context import UnitOfWork

    store = cli.open()
    passphrase = cli.read_next_secret("cli.centre_key_passphrase")
    with UnitOfWork(store) as uow:
        details, _key = recovery.inspect_request(
            uow, Path(cli.args.request), Path(cli.args.key), passphrase
        )
    cli.say(
        "cli.recovery_request_details",
        device=details.device_id,
        label=details.device_label or "-",
        unit=details.unit or "-",
        user=details.user,
        enrolled=t("cli.yes" if details.enrolled else "cli.no", cli.lang),
    )
    code = cli.args.code or cli.read_next_secret("cli.recovery_confirm_code")
    with UnitOfWork(store) as uow:
        recovery.answer_request(
            uow, Path(cli.args.request), Path(cli.args.key), passphrase, Path(cli.args.out), code
        )
    print(str(cli.args.out), file=cli.out)
    return 0


def cmd_recovery_complete(cli: Cli) -> int:
    from hexi_care.services import recovery

    new_password = cli.read_next_secret("cli.new_password_for", name=cli.args.user_to)
    done = recovery.complete_request(
        cli.store_path,
        Path(cli.args.answer),
        cli.args.user_to,
        new_password,
        rekey=cli.args.rekey,
        delete_old_backups=cli.args.delete_old_backups,
    )
    if not cli.args.json:
        cli.say("cli.recovered_centre", name=cli.args.user_to)
    _say_rekey(cli, done)
    return 0


# -- parser ---------------------------------------------------------------------------------------
class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(detail=message)


def _globals(p: argparse.ArgumentParser, *, top: bool) -> None:
    d: dict[str, Any] = {} if top else {"default": argparse.SUPPRESS}
    p.add_argument(
        "--store", metavar="PATH", help="the store file (default: in the user data folder)", **d
    )
    p.add_argument("--user", metavar="NAME", help="who you are", **d)
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input",
        **d,
    )
    p.add_argument("--lang", choices=("zh", "en"), help="language of messages (default zh)", **d)


class Commands:
    """Where subcommands are declared; other packages (reports, sync) register theirs through it."""

    def __init__(self, sub: Any) -> None:
        self._sub = sub

    def add(self, name: str, fn: Callable[[Cli], int], help: str = "") -> argparse.ArgumentParser:
        sp: argparse.ArgumentParser = self._sub.add_parser(name, help=help)
        _globals(sp, top=False)
        sp.set_defaults(func=fn)
        return sp

    def names(self) -> set[str]:
        return set(self._sub.choices)

    def group(self, name: str, help: str = "") -> Commands:
        gp = self._sub.add_parser(name, help=help)
        return Commands(
            gp.add_subparsers(
                dest=f"{name}_command", parser_class=_Parser, metavar="ACTION", required=True
            )
        )


def _rekey_options(sp: argparse.ArgumentParser, *, folders: bool = False) -> None:
    sp.add_argument("--rekey", action="store_true", help="also give the store a new data key")
    sp.add_argument("--delete-old-backups", action="store_true", help="with --rekey")
    sp.add_argument("--json", action="store_true")
    if folders:
        _backup_folder_option(sp)


def _backup_folder_option(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "--backup-folder",
        action="append",
        metavar="DIR",
        help="another folder that holds older backups (may be repeated)",
    )


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given the arguments, only the extensions they may need are imported."""
    p = _Parser(
        prog="hexi-care", description="hexi-care: child-protection case work (儿童关爱服务)"
    )
    p.add_argument("--version", action="version", version=f"hexi-care {__version__}")
    _globals(p, top=True)
    p.set_defaults(lang=None)
    root = Commands(p.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND"))
    add = root.add

    def group(name: str, help: str) -> Commands:
        return root.group(name, help)

    sp = add("init", cmd_init, help="create a store")
    sp.add_argument("--admin", required=True, metavar="NAME")
    sp.add_argument("--district", default="河西区")
    sp.add_argument("--district-code", default=None, help="6-digit address code (河西区: 120103)")
    sp.add_argument("--centre-key", metavar="FILE", help="the centre's recovery public key")

    g = group("user", "users and passwords")
    sp = g.add("add", cmd_user_add)
    sp.add_argument("name")
    sp.add_argument(
        "--role",
        required=True,
        choices=("director", "street_supervisor", "centre_supervisor", "admin"),
    )
    sp.add_argument("--unit", required=True)
    sp.add_argument("--display-name")
    sp = g.add("passwd", cmd_user_passwd)
    sp.add_argument("name")
    _rekey_options(sp, folders=True)
    sp = g.add("deactivate", cmd_user_deactivate)
    sp.add_argument("name")
    _rekey_options(sp, folders=True)
    sp = g.add("list", cmd_user_list)
    sp.add_argument("--json", action="store_true")

    g = group("unit", "districts, streets and communities")
    sp = g.add("list", cmd_unit_list)
    sp.add_argument("--json", action="store_true")
    sp = g.add("add", cmd_unit_add)
    sp.add_argument("name")
    sp.add_argument("--parent", required=True)
    sp.add_argument("--json", action="store_true")

    g = group("settings", "settings shared by the whole store")
    sp = g.add("time-zone", cmd_settings_time_zone)
    sp.add_argument("zone", nargs="?", metavar="ZONE", help="an IANA name, e.g. Asia/Shanghai")
    sp.add_argument("--json", action="store_true")

    sp = add("demo", cmd_demo, help="fill the store with synthetic data")
    sp.add_argument("--children", type=int, required=True, metavar="N")
    sp.add_argument("--seed", type=int, default=1, metavar="S")

    g = group("child", "children")
    sp = g.add("list", cmd_child_list)
    sp.add_argument("--query", metavar="TEXT")
    sp.add_argument("--community", metavar="UNIT")
    sp.add_argument("--category", metavar="CODE")
    sp.add_argument("--overdue", action="store_true")
    sp.add_argument("--limit", type=int, default=None)
    sp.add_argument("--json", action="store_true")
    sp = g.add("show", cmd_child_show)
    sp.add_argument("id")
    sp.add_argument("--json", action="store_true")
    sp = g.add("add", cmd_child_add)
    sp.add_argument("--json", action="store_true")
    sp = g.add("edit", cmd_child_edit)
    sp.add_argument("id")
    sp.add_argument("--json", action="store_true")

    g = group("household", "households")
    sp = g.add("edit", cmd_household_edit)
    sp.add_argument("id")
    sp.add_argument("--json", action="store_true")

    g = group("guardian", "guardians and family members")
    sp = g.add("edit", cmd_guardian_edit)
    sp.add_argument("id")
    sp.add_argument("--json", action="store_true")

    g = group("visit", "home visits")
    sp = g.add("list", cmd_visit_list)
    sp.add_argument("--child", metavar="ID")
    sp.add_argument("--status", choices=("draft", "submitted", "approved", "returned"))
    sp.add_argument("--limit", type=int, default=1000)
    sp.add_argument("--json", action="store_true")
    sp = g.add("add", cmd_visit_add)
    sp.add_argument("--child", required=True, metavar="ID")
    sp.add_argument("--json", action="store_true")
    sp = g.add("review", cmd_visit_review)
    sp.add_argument("id")
    sp.add_argument("--decision", required=True, choices=("approved", "returned"))
    sp.add_argument("--comment")
    sp.add_argument("--json", action="store_true")

    g = group("audit", "the audit trail")
    sp = g.add("verify", cmd_audit_verify)
    sp.add_argument("--json", action="store_true")

    sp = add("backup", cmd_backup, help="write an encrypted backup file")
    sp.add_argument("--out", required=True, metavar="FILE")
    sp = add("restore", cmd_restore, help="replace the store with a verified backup")
    sp.add_argument("file", metavar="FILE")
    sp.add_argument(
        "--backup-password",
        action="store_true",
        help="the backup is older than the last rekey: read its password from the next line",
    )
    sp.add_argument(
        "--keep-backup-keys",
        action="store_true",
        help="bring back the backup's passwords and users instead of keeping today's",
    )

    g = group("store", "the store file")
    sp = g.add("check", cmd_store_check)
    sp.add_argument("--json", action="store_true")
    sp = g.add("rekey", cmd_store_rekey)
    sp.add_argument("--delete-old-backups", action="store_true")
    sp.add_argument("--json", action="store_true")
    _backup_folder_option(sp)

    sp = add("recover", cmd_recover, help="set a new password with the printed recovery code")
    sp.add_argument("--for", dest="user_to", required=True, metavar="NAME")
    _rekey_options(sp)

    g = group("recovery", "recovery through the centre's key")
    sp = g.add("keygen", cmd_recovery_keygen)
    sp.add_argument("--out", required=True, metavar="DIR")
    sp = g.add("set-centre-key", cmd_recovery_set_centre_key)
    sp.add_argument("public_key", metavar="FILE")
    sp = g.add("request", cmd_recovery_request)
    sp.add_argument("--out", required=True, metavar="FILE")
    sp.add_argument("--for", dest="user_to", required=True, metavar="NAME")
    sp = g.add("answer", cmd_recovery_answer)
    sp.add_argument("request", metavar="REQUEST")
    sp.add_argument("--key", required=True, metavar="PRIVATE_KEY")
    sp.add_argument("--out", required=True, metavar="FILE")
    sp.add_argument("--code", metavar="CODE", help="the code the caller read out on the phone")
    sp = g.add("complete", cmd_recovery_complete)
    sp.add_argument("answer", metavar="ANSWER")
    sp.add_argument("--for", dest="user_to", required=True, metavar="NAME")
    _rekey_options(sp)
    for module in EXTENSIONS:
        if argv is not None and not _extension_needed(module, argv, root):
            continue
        try:
            ext = __import__(module, fromlist=["register"])
        except ModuleNotFoundError as exc:
            # Only a missing extension package is skipped; a broken import inside one is a bug.
            if not exc.name or not (module == exc.name or module.startswith(exc.name + ".")):
                raise
            continue
        ext.register(root)
    return p


# Command groups that live beside their package (report ..., device/package/conflict ...).
EXTENSIONS = ("hexi_care.reports.commands", "hexi_care.sync.commands", "hexi_care.ledger.commands")
#: The top-level commands an extension adds: it is imported (with the services, reportlab,
#: the exchange code behind it) only when one of them, an unknown word or the full help is asked
#: for. An extension missing here is always imported.
EXTENSION_COMMANDS: dict[str, tuple[str, ...]] = {
    "hexi_care.reports.commands": ("report",),
    "hexi_care.sync.commands": ("device", "package", "conflict"),
    "hexi_care.ledger.commands": ("import",),
}
_VALUED_GLOBALS = ("--store", "--user", "--lang")


def _command_word(argv: Sequence[str]) -> str | None:
    """The command named in `argv` (the first word that is not a global option or its value)."""
    skip = False
    for a in argv:
        if skip:
            skip = False
        elif a == "--":
            return None
        elif a in _VALUED_GLOBALS:
            skip = True
        elif not a.startswith("-"):
            return a
    return None


def _extension_needed(module: str, argv: Sequence[str], root: Commands) -> bool:
    names = EXTENSION_COMMANDS.get(module)
    if names is None:
        return True
    word = _command_word(argv)
    if word is None:
        return "--version" not in argv  # the full help lists every command
    if word in names:
        return True
    return word not in root.names()  # a mistyped command: the message lists every command


def _guess_lang(argv: Sequence[str]) -> str:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "zh"
        if a.startswith("--lang="):
            return "en" if a.endswith("=en") else "zh"
    return "zh"


def run(argv: Sequence[str], stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    lang = _guess_lang(argv)
    try:
        args = build_parser(argv).parse_args(list(argv))
    except UsageError as exc:
        print(exc.message(lang), file=stderr)
        return exc.exit_code
    args.lang = args.lang or "zh"
    if not getattr(args, "func", None):
        build_parser().print_help(stdout)
        return 2
    cli = Cli(args, stdin, stdout, stderr)
    try:
        return int(args.func(cli))
    except UserProblem as exc:
        log.info("command %s refused: %s", args.command, exc.key)
        print(exc.message(lang), file=stderr)
        if getattr(args, "json", False):
            print(
                json.dumps(
                    {
                        "error": exc.key,
                        "exit_code": exc.exit_code,
                        "field": exc.params.get("field"),
                        "problem": exc.params.get("problem"),
                        "message": exc.message(lang),
                    },
                    ensure_ascii=False,
                ),
                file=stdout,
            )
        return exc.exit_code
    except KeyboardInterrupt:
        print(t("cli.interrupted", lang), file=stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `head`) went away: not an error of ours.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps interpreter shutdown quiet
        return 0
    except Exception:
        path = logs.setup()
        log.exception("bug in command %s", args.command)
        print(t("bug", lang, log=str(path)), file=stderr)
        return 1
    finally:
        cli.close()


def main(argv: Sequence[str] | None = None) -> NoReturn:
    logs.setup()
    sys.exit(run(sys.argv[1:] if argv is None else argv, sys.stdin, sys.stdout, sys.stderr))


if __name__ == "__main__":
    main()
