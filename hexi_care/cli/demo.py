"""`hexi-care demo`: fill a store with synthetic data."""

from __future__ import annotations

from hexi_care.cli.common import Cli, Commands
from hexi_care.errors import InvalidInput


def cmd_demo(cli: Cli) -> int:
    from hexi_care.services import demo

    if cli.args.children < 1 or cli.args.children > 200_000:
        raise InvalidInput("children", "too_big", max=200_000)
    from hexi_care.domain.enums import Role

    with cli.uow() as uow:
        # Generation writes across every unit, so only the store's administrator may start it.
        uow.require_role(Role.ADMIN, Role.CENTRE_SUPERVISOR, action="generate demo data")
        uow.audit("demo", "store", None, f"{cli.args.children} children")
    stats = demo.generate(cli.open(), children=cli.args.children, seed=cli.args.seed)
    cli.say(
        "cli.demo_done", children=stats.children, households=stats.households, visits=stats.visits
    )
    return 0


def register(root: Commands) -> None:
    sp = root.add("demo", cmd_demo, help="fill the store with synthetic data")
    sp.add_argument("--children", type=int, required=True, metavar="N")
    sp.add_argument("--seed", type=int, default=1, metavar="S")
