"""`hexi-care guardian edit`: a guardian or family member."""

from __future__ import annotations

from hexi_care.cli.common import Cli, Commands, read_json
from hexi_care.cli.records import changes_from, guardians_from_json, plain, show_saved
from hexi_care.errors import InvalidInput


def cmd_guardian_edit(cli: Cli) -> int:
    from dataclasses import replace

    from hexi_care.services import households

    with cli.uow() as uow:
        data = read_json(cli)
        before = households.get_guardian(uow, cli.args.id.strip())
        changes = changes_from(data, before.id, before.version, {"household_id", "child_id"})
        current = plain(before)
        for key in sorted(set(changes) - set(current)):
            raise InvalidInput(key, "unknown", value=key)
        (parsed,) = guardians_from_json([{**current, **changes}])
        saved = households.save_guardian(
            uow,
            replace(
                parsed, id=before.id, household_id=before.household_id, child_id=before.child_id
            ),
        )
    return show_saved(cli, plain(saved))


def register(root: Commands) -> None:
    g = root.group("guardian", "guardians and family members")
    sp = g.add("edit", cmd_guardian_edit)
    sp.add_argument("id")
    sp.add_argument("--json", action="store_true")
