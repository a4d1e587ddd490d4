"""`hexi-care hub …`: the administrator's commands for a hub on PostgreSQL (docs/hub.md), run with
`--store` naming the hub as the schema's owner."""

from __future__ import annotations

from pathlib import Path

from hexi_care.cli.common import Cli, Commands
from hexi_care.db.location import parse_location, shown
from hexi_care.errors import UsageError
from hexi_care.messages import t


def _owner_url(cli: Cli) -> str:
    location = parse_location(cli.args.store or "")
    if not isinstance(location, str):
        raise UsageError(detail=t("cli.hub_needs_url", cli.lang))
    return location


def cmd_hub_upgrade(cli: Cli) -> int:
    from hexi_care.db import hub

    url = _owner_url(cli)
    hub.upgrade_hub(url)
    if cli.args.json:
        cli.emit_json({"store": shown(url), "upgraded": True})
    else:
        cli.say("cli.hub_upgraded", store=shown(url))
    return 0


def cmd_hub_grant(cli: Cli) -> int:
    from hexi_care.db import hub

    url = _owner_url(cli)
    engine = hub.make_hub_engine(url, pool_size=1)
    try:
        with hub.reaching(url):
            hub.grant_app_role(engine, cli.args.role)
    finally:
        engine.dispose()
    if cli.args.json:
        cli.emit_json({"store": shown(url), "role": cli.args.role})
    else:
        cli.say("cli.hub_granted", role=cli.args.role)
    return 0


def cmd_hub_import_store(cli: Cli) -> int:
    from hexi_care.db import hub
    from hexi_care.db import store as store_mod

    url = _owner_url(cli)
    source = Path(cli.args.file)
    password = cli.read_secret("cli.password")
    src = store_mod.unlock(source, cli.user_name(), password)
    try:
        # Moving a whole store is the centre's decision: its administrator or centre supervisor.
        from hexi_care.errors import ScopeDenied

        if src.user is None or src.user.role not in store_mod.RESTORERS:
            role = src.user.role.value if src.user else ""
            raise ScopeDenied("role_denied", role=role, action="move a store into the hub")
        counts = hub.import_store(src, url)
    finally:
        src.lock()
    if cli.args.json:
        cli.emit_json({"store": shown(url), "rows": counts})
    else:
        cli.say("cli.hub_imported", rows=sum(counts.values()), tables=len(counts))
    return 0


def register(root: Commands) -> None:
    g = root.group("hub", "the centre's hub on PostgreSQL (as the schema's owner)")
    sp = g.add("upgrade", cmd_hub_upgrade)
    sp.add_argument("--json", action="store_true")
    sp = g.add("grant", cmd_hub_grant)
    sp.add_argument("role")
    sp.add_argument("--json", action="store_true")
    sp = g.add("import-store", cmd_hub_import_store)
    sp.add_argument("file")
    sp.add_argument("--json", action="store_true")
