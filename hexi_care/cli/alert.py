"""`hexi-care alert …`: what to act on — re-examinations, mandatory-report deadlines and the
sources other parts add (services/worklists.py ALERT_SOURCES)."""

from __future__ import annotations

from hexi_care.cli.common import Cli, Commands
from hexi_care.cli.schedule import unit_id


def cmd_alert_list(cli: Cli) -> int:
    from hexi_care.services import worklists

    with cli.uow() as uow:
        rows = worklists.alerts(uow, unit_id=unit_id(cli, uow))
    lang = cli.args.lang
    if cli.args.json:
        cli.emit_json(
            [
                {
                    "source": a.source,
                    "kind": a.kind,
                    "child_id": a.child_id,
                    "child_name": a.child_name,
                    "community_id": a.community_id,
                    "community": a.community_name,
                    "date": a.when.isoformat() if a.when else None,
                    "text": a.text(lang),
                    "link": a.link,
                    "record_id": a.record_id,
                }
                for a in rows
            ]
        )
    elif not rows:
        cli.say("cli.no_alerts")
    else:
        for a in rows:
            when = a.when.isoformat() if a.when else ""
            # Then what `alert decide` takes for a re-examination: the child's id, the reason's key.
            keys = f"\t{a.child_id or ''}\t{a.record_id or ''}"
            print(f"{when}\t{a.child_name}\t{a.community_name}\t{a.text(lang)}{keys}", file=cli.out)
    return 0


def cmd_alert_decide(cli: Cli) -> int:
    """The decision on a re-examination reason (复核结果), as the window's 复核清单 records it."""
    from hexi_care.services import worklists

    a = cli.args
    with cli.uow() as uow:
        d = worklists.decide_reexamination(uow, a.child, a.reason, a.decision, a.note or "")
    if a.json:
        cli.emit_json(
            {
                "child_id": d.child_id,
                "child_name": d.child_name,
                "reason_key": d.reason_key,
                "kind": d.kind,
                "decision": d.decision,
                "note": d.note,
                "decided_on": d.decided_on.isoformat(),
            }
        )
    else:
        cli.say("cli.reexam_decided", name=d.child_name, reason=d.reason_key)
    return 0


def register(root: Commands) -> None:
    g = root.group("alert", "what needs acting on")
    sp = g.add("list", cmd_alert_list)
    sp.add_argument("--unit", metavar="UNIT")
    sp.add_argument("--json", action="store_true")
    sp = g.add("decide", cmd_alert_decide)
    sp.add_argument("child", metavar="CHILD_ID")
    sp.add_argument("reason", metavar="REASON_KEY", help="the record_id of `alert list --json`")
    sp.add_argument("--decision", required=True, help="confirmed, changed or not_applicable")
    sp.add_argument("--note", metavar="TEXT", help="what was checked, and by whom")
    sp.add_argument("--json", action="store_true")
