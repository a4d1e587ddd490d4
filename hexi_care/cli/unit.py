"""`hexi-care unit …`: districts, streets and communities."""

from __future__ import annotations

from typing import Any

from hexi_care.cli.common import Cli, Commands
from hexi_care.domain.model import Unit


def unit_json(u: Unit) -> dict[str, Any]:
    return {
        "id": u.id,
        "name": u.name,
        "kind": u.kind.value,
        "parent_id": u.parent_id,
        "code": u.code,
    }


def cmd_unit_list(cli: Cli) -> int:
    from hexi_care.services import units

    with cli.uow() as uow:
        rows = units.list_units(uow)
    if cli.args.json:
        cli.emit_json([unit_json(u) for u in rows])
    else:
        depth: dict[str | None, int] = {None: -1}
        for u in rows:
            depth[u.id] = depth.get(u.parent_id, -1) + 1
            print(f"{'  ' * depth[u.id]}{u.name}\t{u.kind.value}\t{u.id}", file=cli.out)
    return 0


def cmd_unit_add(cli: Cli) -> int:
    from hexi_care.services import units

    with cli.uow() as uow:
        u = units.add_unit(uow, cli.args.name, cli.args.parent)
    if cli.args.json:
        cli.emit_json(unit_json(u))
    else:
        cli.say("cli.unit_added", name=u.name)
    return 0


def register(root: Commands) -> None:
    g = root.group("unit", "districts, streets and communities")
    sp = g.add("list", cmd_unit_list)
    sp.add_argument("--json", action="store_true")
    sp = g.add("add", cmd_unit_add)
    sp.add_argument("name")
    sp.add_argument("--parent", required=True)
    sp.add_argument("--json", action="store_true")
