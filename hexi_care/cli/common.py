"""What every command module shares: the parsed arguments with standard input and output,
passwords, opening the store (once, locked again at the end), JSON output, and the parser pieces
(global options, command groups)."""

from __future__ import annotations

import argparse
import gc
import getpass
import json
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from hexi_care.db.location import Location, parse_location
from hexi_care.errors import AuthThrottled, InvalidInput, UsageError
from hexi_care.messages import t
from hexi_care.paths import default_store

if TYPE_CHECKING:
    # The store, the services, reports and exchange load when a command runs, not before the
    # arguments are parsed: `--version` and `--help` stay quick (issue 8).
    from hexi_care.db.store import OpenStore
    from hexi_care.services.context import UnitOfWork


class _StartupGc:
    """The collector paused while a command starts (issue 8: any command within 0.4 s).

    Loading SQLAlchemy, the models and the services makes some 300,000 long-lived objects; the
    collector, left on, walks them again and again while they are made (about 0.05 s), and once
    more when the interpreter exits (about 0.08 s). None of them is garbage. So `main` pauses the
    collector, and once the command has loaded what it needs (the store is open) those objects are
    frozen out of the collector's reach and it runs as usual for the command's own work. Only the
    program's own process does this: `run` called inside another program (the tests) leaves that
    program's collector alone."""

    paused = False

    @classmethod
    def pause(cls) -> None:
        if gc.isenabled():
            gc.disable()
            cls.paused = True

    @classmethod
    def done(cls) -> None:
        if cls.paused:
            cls.paused = False
            gc.freeze()
            gc.enable()


pause_gc_while_starting = _StartupGc.pause
started = _StartupGc.done


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
        print(json.dumps(value, ensure_ascii=False, indent=1, default=json_default), file=self.out)

    # -- passwords ---------------------------------------------------------------------------
    def read_secret(self, prompt_key: str, *, confirm: bool = False, **params: Any) -> str:
        # A command asks for its password once it has loaded what it needs (the store, when it
        # opens one, is loaded in open() and frozen there).
        started()
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
    def store_path(self) -> Location:
        """The store's file, or the hub's URL (a URL is never taken for a path)."""
        return parse_location(self.args.store) if self.args.store else default_store()

    def store_file(self, action: str) -> Path:
        """For what only a store file can do (restore over it, a recovery request from its slots)."""
        location = self.store_path
        if not isinstance(location, Path):
            raise UsageError(detail=t("cli.hub_not_here", self.lang, action=action))
        return location

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
            started()
        assert self._store is not None
        return self._store

    def uow(self) -> UnitOfWork:
        from hexi_care.services.context import UnitOfWork

        return UnitOfWork(self.open())

    def close(self) -> None:
        if self._store is not None:
            self._store.lock()
            self._store = None


def json_default(o: Any) -> Any:
    if isinstance(o, (date, datetime)):
        return o.isoformat()
    if isinstance(o, Enum):
        return o.value
    if is_dataclass(o) and not isinstance(o, type):
        return asdict(o)
    raise TypeError(type(o).__name__)


def read_json(cli: Cli) -> dict[str, Any]:
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


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(detail=message)


def add_globals(p: argparse.ArgumentParser, *, top: bool) -> None:
    d: dict[str, Any] = {} if top else {"default": argparse.SUPPRESS}
    p.add_argument(
        "--store",
        metavar="PATH|URL",
        help="the store file (default: in the user data folder), or a hub: postgresql://…",
        **d,
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
        add_globals(sp, top=False)
        sp.set_defaults(func=fn)
        return sp

    def names(self) -> set[str]:
        return set(self._sub.choices)

    def group(self, name: str, help: str = "") -> Commands:
        gp = self._sub.add_parser(name, help=help)
        return Commands(
            gp.add_subparsers(
                dest=f"{name}_command", parser_class=Parser, metavar="ACTION", required=True
            )
        )


def rekey_options(sp: argparse.ArgumentParser, *, folders: bool = False) -> None:
    sp.add_argument("--rekey", action="store_true", help="also give the store a new data key")
    sp.add_argument("--delete-old-backups", action="store_true", help="with --rekey")
    sp.add_argument("--json", action="store_true")
    if folders:
        backup_folder_option(sp)


def backup_folder_option(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "--backup-folder",
        action="append",
        metavar="DIR",
        help="another folder that holds older backups (may be repeated)",
    )


def backup_folders(cli: Cli) -> list[Path]:
    """Folders named with --backup-folder; the store also remembers every folder backups were
    written to, so these are only needed for one it has not seen."""
    return [Path(p) for p in (getattr(cli.args, "backup_folder", None) or [])]


def say_rekey(cli: Cli, done: Any) -> None:
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
