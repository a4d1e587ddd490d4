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


def register(root: Commands) -> None:
    g = root.group("settings", "settings shared by the whole store")
    sp = g.add("time-zone", cmd_settings_time_zone)
    sp.add_argument("zone", nargs="?", metavar="ZONE", help="an IANA name, e.g. Asia/Shanghai")
    sp.add_argument("--json", action="store_true")
