"""`hexi-care report …`: the printed documents from the command line (batch printing, scripts).
Each writes `--out FILE` (a default name in the current folder otherwise) and prints its path."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hexi_care.errors import InvalidInput
from hexi_care.reports.labels import labels_for
from hexi_care.services import children, visits
from hexi_care.services import validate as v

if TYPE_CHECKING:
    from hexi_care.cli.common import Cli, Commands


def _out(cli: Cli, default: str) -> Path:
    return Path(cli.args.out) if cli.args.out else Path.cwd() / default


def _period(cli: Cli) -> tuple[date, date]:
    start = v.parse_date("start_date", cli.args.date_from, required=True)
    end = v.parse_date("end_date", cli.args.date_to, required=True)
    assert start is not None and end is not None
    if end < start:
        raise InvalidInput("end_date", "end_before_start")
    return start, end


def _done(cli: Cli, path: Path) -> int:
    cli.say("cli.report_written", path=str(path))
    return 0


def cmd_checklist(cli: Cli) -> int:
    from hexi_care.reports import builders
    from hexi_care.reports.checklist import render_checklist

    with cli.uow() as uow:
        if cli.args.blank:
            data = builders.blank_checklist(uow)
            name = "checklist-blank.pdf"
        else:
            if not cli.args.child:
                raise InvalidInput("child_id", "required")
            cid = children.resolve_child(uow, cli.args.child)
            planned = v.parse_date("date", cli.args.date)
            data = builders.checklist(uow, cid, planned_date=planned, lang=cli.lang)
            name = f"checklist-{cid[:8]}.pdf"
        meta = builders.meta(uow, data.community_name, cli.lang)
    out = _out(cli, name)
    render_checklist(data, meta, out, labels=labels_for(cli.lang))
    return _done(cli, out)


def cmd_notice(cli: Cli) -> int:
    from hexi_care.reports import builders
    from hexi_care.reports.notice import render_notice

    with cli.uow() as uow:
        data = builders.notice(uow, cli.args.household, cli.args.template, cli.lang)
        meta = builders.meta(uow, data.community_name, cli.lang)
    out = _out(cli, f"notice-{cli.args.household[:8]}.pdf")
    render_notice(data, meta, out, labels=labels_for(cli.lang))
    return _done(cli, out)


def cmd_summary(cli: Cli) -> int:
    from hexi_care.reports import builders
    from hexi_care.reports.summary import render_summary

    with cli.uow() as uow:
        vid = visits.resolve_visit(uow, cli.args.visit)
        data = builders.summary(uow, vid, lang=cli.lang)
        meta = builders.meta(uow, data.community_name, cli.lang)
    out = _out(cli, f"summary-{vid[:8]}.pdf")
    render_summary(data, meta, out, labels=labels_for(cli.lang))
    return _done(cli, out)


def cmd_casefile(cli: Cli) -> int:
    from hexi_care.reports import builders
    from hexi_care.reports.casefile import render_casefile

    with cli.uow() as uow:
        cid = children.resolve_child(uow, cli.args.child)
        data = builders.case_file(uow, cid, cli.lang)
        meta = builders.meta(uow, data.file.community_name, cli.lang)
    out = _out(cli, f"casefile-{cid[:8]}.pdf")
    render_casefile(data, meta, out, labels=labels_for(cli.lang))
    return _done(cli, out)


def cmd_batch(cli: Cli) -> int:
    from hexi_care.reports import builders
    from hexi_care.reports.batch import render_batch

    start, end = _period(cli)
    with cli.uow() as uow:
        unit_name, items = builders.batch(uow, cli.args.unit, start, end, cli.args.kind, cli.lang)
        meta = builders.meta(uow, unit_name, cli.lang)
    if not items:
        # A month without visits is ordinary: say so, and write no empty file.
        cli.say("cli.report_nothing")
        return 0
    out = _out(cli, f"{cli.args.kind}-{start}-{end}.pdf")
    render_batch(items, meta, out, title=unit_name, labels=labels_for(cli.lang))
    return _done(cli, out)


def cmd_stats(cli: Cli) -> int:
    from hexi_care.reports import builders
    from hexi_care.services.statistics import EventFilter

    start, end = _period(cli)
    events = EventFilter(
        activity_id=cli.args.activity or None,
        campaign=(cli.args.campaign or "").strip(),
        funder=(cli.args.funder or "").strip(),
    )
    with cli.uow() as uow:
        data = builders.stats(uow, cli.args.unit, start, end, events, cli.lang)
        meta = builders.meta(uow, data.unit_name, cli.lang)
    if cli.args.json:
        cli.emit_json(stats_json(data))
        if not cli.args.out:
            return 0
    from hexi_care.reports.statistics import render_statistics

    out = _out(cli, f"statistics-{start}-{end}.pdf")
    render_statistics(data, meta, out, labels=labels_for(cli.lang))
    if not cli.args.json:
        return _done(cli, out)
    return 0


def stats_json(data: Any) -> dict[str, Any]:
    from dataclasses import asdict

    def figs(f: Any) -> dict[str, Any]:
        d = asdict(f)
        d["amount_yuan"] = f.amount_fen / 100
        return dict(d)

    return {
        "unit": data.unit_name,
        "from": data.period_start.isoformat(),
        "to": data.period_end.isoformat(),
        "narrowed_to": dict(data.narrowed_to),
        "total": figs(data.total),
        "streets": [
            {
                "name": s.name,
                "figures": figs(s.figures),
                "communities": [
                    {"name": c.name, "figures": figs(c.figures)} for c in s.communities
                ],
            }
            for s in data.streets
        ],
    }


def cmd_register(cli: Cli) -> int:
    from hexi_care.reports import builders
    from hexi_care.reports.register import write_register_csv, write_register_xlsx

    with cli.uow() as uow:
        rows = builders.register(
            uow, cli.args.unit, full_id_numbers=cli.args.full_id_numbers, lang=cli.lang
        )
        meta = builders.meta(uow, lang=cli.lang)
    out = _out(cli, "register.xlsx")
    if out.suffix.lower() == ".csv":
        write_register_csv(rows, meta, out, labels=labels_for(cli.lang))
    elif out.suffix.lower() == ".xlsx":
        write_register_xlsx(rows, meta, out, labels=labels_for(cli.lang))
    else:
        raise InvalidInput("out", "choice", choices=".xlsx, .csv")
    return _done(cli, out)


def register(root: Commands) -> None:
    g = root.group("report", "printed documents and exports (PDF, xlsx, csv)")
    sp = g.add("checklist", cmd_checklist)
    sp.add_argument("--child", metavar="ID")
    sp.add_argument("--date", metavar="DATE", help="the planned visit date printed on the form")
    sp.add_argument(
        "--blank", action="store_true", help="a blank form for a child not yet registered"
    )
    sp.add_argument("--out", metavar="FILE")
    sp = g.add("notice", cmd_notice)
    sp.add_argument("--household", required=True, metavar="ID")
    sp.add_argument(
        "--template", default="general", metavar="NAME", help="winter, summer or general"
    )
    sp.add_argument("--out", metavar="FILE")
    sp = g.add("summary", cmd_summary)
    sp.add_argument("--visit", required=True, metavar="ID")
    sp.add_argument("--out", metavar="FILE")
    sp = g.add("casefile", cmd_casefile)
    sp.add_argument("--child", required=True, metavar="ID")
    sp.add_argument("--out", metavar="FILE")
    sp = g.add("batch", cmd_batch)
    sp.add_argument("--unit", required=True, metavar="UNIT")
    sp.add_argument("--from", dest="date_from", required=True, metavar="DATE")
    sp.add_argument("--to", dest="date_to", required=True, metavar="DATE")
    sp.add_argument("--kind", required=True, choices=("checklist", "summary"))
    sp.add_argument("--out", metavar="FILE")
    sp = g.add("stats", cmd_stats)
    sp.add_argument("--unit", required=True, metavar="UNIT")
    sp.add_argument("--from", dest="date_from", required=True, metavar="DATE")
    sp.add_argument("--to", dest="date_to", required=True, metavar="DATE")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--out", metavar="FILE")
    sp.add_argument("--activity", metavar="ID", help="only this activity's help and participants")
    sp.add_argument("--campaign", metavar="NAME", help="only help and activities of this campaign")
    sp.add_argument(
        "--funder", metavar="NAME", help="only help and activities this funder paid for"
    )
    sp = g.add("register", cmd_register)
    sp.add_argument("--unit", required=True, metavar="UNIT")
    sp.add_argument("--out", metavar="FILE", help=".xlsx (default) or .csv")
    sp.add_argument(
        "--full-id-numbers",
        action="store_true",
        help="full ID numbers instead of masked ones (street and centre supervisors only)",
    )
