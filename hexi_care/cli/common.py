"""What every command module shares: the parsed arguments with standard input and output,
passwords, opening the store (once, locked again at the end), JSON output, and the parser pieces
(global options, command groups)."""

from __future__ import annotations

import argparse
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

from hexi_care.errors import AuthThrottled, InvalidInput, UsageError
from hexi_care.messages import t
from hexi_care.paths import default_store

if TYPE_CHECKING:
    # The store, the services, reports and exchange load when a command runs, not before the
    # arguments are parsed: `--version` and `--help` stay quick (issue 8).
    from hexi_care.db.store import OpenStore
    from hexi_care.services.context import UnitOfWork


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
