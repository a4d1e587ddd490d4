"""`hexi-care allowance …`: 基本生活保障金 — the month's list for the finance office, its payment
ledger (both as text, JSON, .xlsx or PDF), payments entered, and the standards per year."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hexi_care.cli.common import Cli, Commands, json_default
from hexi_care.domain.model import Allowance, AllowanceLine


def line_json(line: AllowanceLine) -> dict[str, Any]:
    out: dict[str, Any] = json_default(line)
    return out


def _emit(cli: Cli, lines: list[AllowanceLine], month: str, *, ledger: bool) -> int:
    from hexi_care.reports.formatting import fmt_yuan

    if cli.args.json:
        cli.emit_json([line_json(x) for x in lines])
        return 0
    for x in lines:
        paid = ""
        if ledger:
            paid = "\t" + (fmt_yuan(x.paid_fen) if x.paid_fen is not None else "-")
        print(
            f"{x.community_name}\t{x.child_name}\t{x.id_masked}\t{x.category}\t"
            f"{fmt_yuan(x.amount_fen)}{paid}",
            file=cli.out,
        )
    cli.say(
        "cli.allowance_total",
        n=sum(1 for x in lines if x.amount_fen),
        amount=fmt_yuan(sum(x.amount_fen for x in lines)),
    )
    return 0


def _written(cli: Cli, *, ledger: bool) -> int:
    """--out FILE: the month's list (or ledger) as .xlsx or .pdf."""
    from hexi_care.reports.allowance import write_month

    out = Path(cli.args.out)
    with cli.uow() as uow:
        write_month(uow, cli.args.month, out, ledger=ledger, lang=cli.lang)
    cli.say("cli.report_written", path=str(out))
    return 0


def cmd_allowance_list(cli: Cli) -> int:
    from hexi_care.services import allowances

    if cli.args.out:
        return _written(cli, ledger=False)
    with cli.uow() as uow:
        month = allowances.month("month", cli.args.month)
        lines = allowances.monthly_list(uow, month)
    return _emit(cli, lines, month, ledger=False)


def cmd_allowance_ledger(cli: Cli) -> int:
    from hexi_care.services import allowances

    if cli.args.out:
        return _written(cli, ledger=True)
    with cli.uow() as uow:
        month = allowances.month("month", cli.args.month)
        lines = allowances.ledger(uow, month)
    return _emit(cli, lines, month, ledger=True)


def cmd_allowance_pay(cli: Cli) -> int:
    from hexi_care.services import allowances

    with cli.uow() as uow:
        n = allowances.record_payments(uow, cli.args.month, cli.args.paid_on)
    if cli.args.json:
        cli.emit_json({"month": cli.args.month, "payments": n})
    else:
        cli.say("cli.allowance_paid", n=n, month=cli.args.month)
    return 0


def cmd_allowance_standard(cli: Cli) -> int:
    from hexi_care.domain.enums import CareSetting
    from hexi_care.domain.model import AllowanceStandard
    from hexi_care.services import allowances
    from hexi_care.services import validate as v

    a = cli.args
    with cli.uow() as uow:
        if a.amount_fen is not None:
            allowances.set_standard(
                uow,
                AllowanceStandard(
                    year=a.year,
                    category=a.category or "",
                    care_setting=v.choice("care_setting", CareSetting, a.setting),
                    monthly_fen=a.amount_fen,
                ),
            )
        rows = allowances.standards(uow, a.year)
    if a.json:
        cli.emit_json([json_default(s) for s in rows])
    else:
        for s in rows:
            print(f"{s.year}\t{s.category}\t{s.care_setting.value}\t{s.monthly_fen}", file=cli.out)
    return 0


def _show(cli: Cli, a: Allowance) -> int:
    if cli.args.json:
        cli.emit_json(json_default(a))
    else:
        cli.say("cli.record_saved", id=a.id)
    return 0


def cmd_allowance_apply(cli: Cli) -> int:
    from hexi_care.domain.enums import CareSetting
    from hexi_care.services import allowances, children
    from hexi_care.services import validate as v

    a = cli.args
    with cli.uow() as uow:
        saved = allowances.apply(
            uow,
            Allowance(
                child_id=children.resolve_child(uow, a.child),
                category=a.category,
                care_setting=v.choice("care_setting", CareSetting, a.setting),
                applied_on=v.parse_date("applied_on", a.on, required=True),  # type: ignore[arg-type]
                applied_by=a.by,
            ),
        )
    return _show(cli, saved)


def cmd_allowance_step(cli: Cli) -> int:
    """check, confirm, suspend, resume, stop: one step of a recognition."""
    from hexi_care.services import allowances

    a = cli.args
    with cli.uow() as uow:
        if a.step == "check":
            saved = allowances.check(uow, a.id, a.on, a.by)
        elif a.step == "confirm":
            saved = allowances.confirm(uow, a.id, a.on, a.by, a.number)
        elif a.step == "suspend":
            saved = allowances.suspend(uow, a.id, a.month, a.reason, a.until or "")
        elif a.step == "resume":
            saved = allowances.resume(uow, a.id, a.last)
        else:
            saved = allowances.stop(uow, a.id, a.month, a.reason)
    return _show(cli, saved)


def register(root: Commands) -> None:
    g = root.group("allowance", "基本生活保障金: monthly list, ledger, payments, standards")
    for name, fn in (("list", cmd_allowance_list), ("ledger", cmd_allowance_ledger)):
        sp = g.add(name, fn)
        sp.add_argument("--month", required=True, metavar="YYYY-MM")
        sp.add_argument("--out", metavar="FILE", help=".xlsx or .pdf")
        sp.add_argument("--json", action="store_true")
    sp = g.add("apply", cmd_allowance_apply)
    sp.add_argument("--child", required=True, metavar="ID")
    sp.add_argument("--category", required=True, metavar="CODE")
    sp.add_argument("--setting", default="community", help="community or institution")
    sp.add_argument("--on", required=True, metavar="YYYY-MM-DD")
    sp.add_argument("--by", required=True, metavar="NAME", help="who applied")
    sp.add_argument("--json", action="store_true")
    for step in ("check", "confirm"):
        sp = g.add(step, cmd_allowance_step)
        sp.set_defaults(step=step)
        sp.add_argument("id", metavar="ALLOWANCE_ID")
        sp.add_argument("--on", required=True, metavar="YYYY-MM-DD")
        sp.add_argument("--by", required=True, metavar="NAME")
        if step == "confirm":
            sp.add_argument("--number", required=True, metavar="TEXT", help="confirmation number")
        sp.add_argument("--json", action="store_true")
    for step in ("suspend", "stop"):
        sp = g.add(step, cmd_allowance_step)
        sp.set_defaults(step=step)
        sp.add_argument("id", metavar="ALLOWANCE_ID")
        sp.add_argument("--from", dest="month", required=True, metavar="YYYY-MM")
        sp.add_argument("--reason", required=True)
        if step == "suspend":
            sp.add_argument("--until", metavar="YYYY-MM", help="the last month not paid")
        sp.add_argument("--json", action="store_true")
    sp = g.add("resume", cmd_allowance_step)
    sp.set_defaults(step="resume")
    sp.add_argument("id", metavar="ALLOWANCE_ID")
    sp.add_argument("--last", required=True, metavar="YYYY-MM", help="the last month not paid")
    sp.add_argument("--json", action="store_true")
    sp = g.add("pay", cmd_allowance_pay)
    sp.add_argument("--month", required=True, metavar="YYYY-MM")
    sp.add_argument("--paid-on", required=True, metavar="YYYY-MM-DD")
    sp.add_argument("--json", action="store_true")
    sp = g.add("standard", cmd_allowance_standard)
    sp.add_argument("--year", type=int, required=True)
    sp.add_argument("--category", metavar="CODE")
    sp.add_argument("--setting", default="community", help="community or institution")
    sp.add_argument("--amount-fen", type=int, metavar="FEN", help="sets the monthly amount")
    sp.add_argument("--json", action="store_true")
