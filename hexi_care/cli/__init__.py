"""The command line: the same services as the window, for administration, batch work, scripting
and tests. Exit codes: 0 ok, 2 usage, 3 authentication failed, 4 outside scope or role,
5 invalid input, 6 store locked, damaged or newer than this program. See docs/cli.md.

This module assembles the parser and runs a command; each command group lives in a module of
this package (its `register(root)` declares the commands, its `cmd_*` functions run them), and
hexi_care.cli.common holds what they share."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from hexi_care import __version__, logs
from hexi_care.cli.common import (
    Cli,
    Commands,
    Parser,
    add_globals,
    pause_gc_while_starting,
    started,
)
from hexi_care.errors import UsageError, UserProblem
from hexi_care.messages import t

log = logging.getLogger("hexi_care.cli")

#: Each command module of this package and the top-level commands it adds, in the order the
#: help lists them. A module is imported only when one of its commands, an unknown word or the
#: full help is asked for: `--version` imports none, `child list` only hexi_care.cli.child (and
#: the services it runs), never the reports, the exchange or the ledger reader.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "store": ("init", "audit", "backup", "restore", "store"),
    "user": ("user",),
    "unit": ("unit",),
    "settings": ("settings",),
    "demo": ("demo",),
    "child": ("child",),
    "household": ("household",),
    "guardian": ("guardian",),
    "visit": ("visit",),
    "review": ("review",),
    "schedule": ("schedule",),
    "alert": ("alert",),
    "recovery": ("recover", "recovery"),
    "report": ("report",),
    "exchange": ("device", "package", "conflict"),
    "ledger": ("import",),
    "campaign": ("campaign",),
    "allowance": ("allowance",),
    "hub": ("hub",),
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


def _modules_needed(argv: Sequence[str] | None) -> list[str]:
    if argv is None:
        return list(COMMAND_MODULES)
    word = _command_word(argv)
    if word is None:
        # `--version` needs no command; the full help (or no command at all) lists every one.
        return [] if "--version" in argv else list(COMMAND_MODULES)
    named = [m for m, words in COMMAND_MODULES.items() if word in words]
    return named or list(COMMAND_MODULES)  # a mistyped command: the message lists every command


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given the arguments, only the command modules they may need are imported."""
    p = Parser(prog="hexi-care", description="hexi-care: child-protection case work (儿童关爱服务)")
    p.add_argument("--version", action="version", version=f"hexi-care {__version__}")
    add_globals(p, top=True)
    p.set_defaults(lang=None)
    root = Commands(p.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND"))
    for name in _modules_needed(argv):
        importlib.import_module(f"{__name__}.{name}").register(root)
    return p


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
        started()  # (also freezes what a command that never opened a store loaded: a quick exit)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    pause_gc_while_starting()
    logs.setup()
    sys.exit(run(sys.argv[1:] if argv is None else argv, sys.stdin, sys.stdout, sys.stderr))
