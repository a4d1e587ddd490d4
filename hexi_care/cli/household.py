"""`hexi-care household edit`: a household's address and phone."""

from __future__ import annotations

from typing import Any

from hexi_care.cli.common import Cli, Commands, read_json
from hexi_care.cli.records import changes_from, plain, show_saved
from hexi_care.errors import InvalidInput


def cmd_household_edit(cli: Cli) -> int:
    from dataclasses import replace

    from hexi_care.services import households
    from hexi_care.services import validate as v

    with cli.uow() as uow:
        data = read_json(cli)
        before = households.get_household(uow, cli.args.id.strip())
        changes = changes_from(data, before.id, before.version, {"community_id"})
        for key in sorted(set(changes) - set(households.HOUSEHOLD_FIELDS)):
            raise InvalidInput(key, "unknown", value=key)
        texts: dict[str, Any] = {k: v.json_text(k, x) or "" for k, x in changes.items()}
        saved = households.update_household(uow, replace(before, **texts))
    return show_saved(cli, plain(saved))


def register(root: Commands) -> None:
    g = root.group("household", "households")
    sp = g.add("edit", cmd_household_edit)
    sp.add_argument("id")
    sp.add_argument("--json", action="store_true")
