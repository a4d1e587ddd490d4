"""`hexi-care settings …`: settings shared by the whole store."""

from __future__ import annotations

from hexi_care.cli.common import Cli, Commands


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


def cmd_settings_report_deadlines(cli: Cli) -> int:
    """How long "immediately" may take for a mandatory report (the tolerance) and when police
    feedback is chased: shown, or set by a centre supervisor or administrator."""
    from hexi_care.services import casework

    a = cli.args
    changing = a.tolerance_hours is not None or a.feedback_days is not None
    with cli.uow() as uow:
        rules = casework.report_rules(uow)
        if changing:
            rules = casework.checked_report_rules(
                rules.tolerance_hours if a.tolerance_hours is None else a.tolerance_hours,
                rules.feedback_days if a.feedback_days is None else a.feedback_days,
            )
            casework.set_report_rules(uow, rules)
    if a.json:
        cli.emit_json(
            {"tolerance_hours": rules.tolerance_hours, "feedback_days": rules.feedback_days}
        )
    else:
        cli.say(
            "cli.report_deadlines_set" if changing else "cli.report_deadlines",
            hours=rules.tolerance_hours,
            days=rules.feedback_days,
        )
    return 0


def register(root: Commands) -> None:
    g = root.group("settings", "settings shared by the whole store")
    sp = g.add("time-zone", cmd_settings_time_zone)
    sp.add_argument("zone", nargs="?", metavar="ZONE", help="an IANA name, e.g. Asia/Shanghai")
    sp.add_argument("--json", action="store_true")
    sp = g.add("report-deadlines", cmd_settings_report_deadlines)
    sp.add_argument(
        "--tolerance-hours",
        type=int,
        metavar="N",
        help="hours after finding within which a mandatory report counts as made immediately",
    )
    sp.add_argument(
        "--feedback-days",
        type=int,
        metavar="N",
        help="days after a report to chase police feedback",
    )
    sp.add_argument("--json", action="store_true")
