"""`hexi-care import ledger FILE [--sheet NAME] [--community UNIT] [--mapping FILE] [--apply]
[--json]`: the ledger import from the command line. Without --apply it is a dry run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hexi_care.errors import InvalidInput

if TYPE_CHECKING:
    from hexi_care.cli.common import Cli, Commands


def _mapping(path: str | None) -> dict[str, str] | None:
    from hexi_care.services.ledger_import import check_mapping

    if not path:
        return None
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except OSError:
        raise InvalidInput("json", "unknown", value=path) from None
    try:
        data: Any = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            "json", "bad_json", detail=f"{exc.msg} ({exc.lineno}:{exc.colno})"
        ) from None
    if isinstance(data, dict) and isinstance(data.get("columns"), dict):
        data = data["columns"]
    return check_mapping(data)


def cmd_import_ledger(cli: Cli) -> int:
    from hexi_care.services import ledger_import as li

    args = cli.args
    mapping = _mapping(args.mapping)
    sheets = li.choose_sheets(li.load(Path(args.file)), args.sheet)
    with cli.uow() as uow:
        if mapping is None:
            mapping = li.saved_mapping(uow)
        run = li.apply if args.apply else li.plan
        result = run(uow, sheets, community=args.community, mapping=mapping)
    if args.json:
        cli.emit_json(result.to_json(cli.lang))
        return 0
    for s in result.sheets:
        if s.header_row is None:
            continue
        cli.say("ledger.sheet", sheet=s.name, row=s.header_row)
        if s.unmatched:
            cli.say("ledger.unmatched", columns="、".join(s.titles[c] for c in s.unmatched))
    for r in result.rows:
        if r.outcome is li.Outcome.NEW:
            cli.say("ledger.line_new", row=r.row, name=r.name)
        elif r.outcome is li.Outcome.UPDATE:
            cli.say("ledger.line_update", row=r.row, name=r.name, fields=", ".join(r.changes))
        elif r.outcome is li.Outcome.REFUSED:
            for m in r.messages(cli.lang):
                cli.say("ledger.line_refused", row=r.row, message=m)
        elif r.outcome is li.Outcome.DUPLICATE:
            assert r.same_as is not None
            cli.say("ledger.line_duplicate", row=r.row, same_as_row=r.same_as[1])
    c = result.counts()
    cli.say(
        "ledger.summary",
        rows=len(result.rows),
        new=c["new"],
        update=c["update"],
        unchanged=c["unchanged"],
        refused=c["refused"],
        duplicates=c["duplicate"],
    )
    cli.say("ledger.applied" if result.applied else "ledger.dry_run")
    return 0


def cmd_import_category_words(cli: Cli) -> int:
    """The word → category table ledgers are read with; `--set FILE` replaces the centre's words."""
    from hexi_care.services import ledger_import as li

    with cli.uow() as uow:
        if cli.args.set:
            words = _mapping_file(cli.args.set)
            li.set_category_words(uow, words)
        own = li.centre_category_words(uow)
        table = li.category_words(uow)
    if cli.args.json:
        cli.emit_json({"words": table, "centre": own})
        return 0
    for word, code in sorted(table.items(), key=lambda kv: (kv[1], kv[0])):
        mark = " *" if word in own else ""
        print(f"{word}\t{code or '-'}{mark}", file=cli.out)
    return 0


def _mapping_file(path: str) -> dict[str, str]:
    try:
        data: Any = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError:
        raise InvalidInput("json", "unknown", value=path) from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            "json", "bad_json", detail=f"{exc.msg} ({exc.lineno}:{exc.colno})"
        ) from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise InvalidInput("json", "bad_json", detail='{"重残儿童": "difficulty_disability"}')
    return data


def register(root: Commands) -> None:
    g = root.group("import", "bring in existing ledgers (台账导入)")
    sp = g.add("ledger", cmd_import_ledger, help="import children from an Excel/CSV ledger")
    sp.add_argument("file", metavar="FILE")
    sp.add_argument("--sheet", metavar="NAME", help="only this sheet (default: every sheet)")
    sp.add_argument("--community", metavar="UNIT", help="community of rows that name none")
    sp.add_argument("--mapping", metavar="FILE", help='JSON: {"header words": "field", ...}')
    sp.add_argument("--apply", action="store_true", help="write (without it: a dry run)")
    sp.add_argument("--json", action="store_true")
    sp = g.add(
        "category-words",
        cmd_import_category_words,
        help="the words ledgers use for categories (the centre edits them)",
    )
    sp.add_argument("--set", metavar="FILE", help='JSON: {"word": "category code", ...}')
    sp.add_argument("--json", action="store_true")
