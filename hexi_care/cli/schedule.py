"""`hexi-care schedule …`: children overdue for a visit, the longest overdue first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hexi_care.cli.common import Cli, Commands

if TYPE_CHECKING:
    from hexi_care.services.context import UnitOfWork


def unit_id(cli: Cli, uow: UnitOfWork) -> str | None:
    """The unit named by --unit (id, id prefix or unique name), or None."""
    from hexi_care.services import units

    ref = getattr(cli.args, "unit", None)
    return None if not ref else units.resolve_unit(uow, ref).id


def cmd_schedule_overdue(cli: Cli) -> int:
    from hexi_care.services import worklists

    with cli.uow() as uow:
        rows = worklists.overdue(uow, unit_id=unit_id(cli, uow), limit=cli.args.limit)
    if cli.args.json:
        cli.emit_json(
            [
                {
                    "child_id": r.child_id,
                    "child_name": r.child_name,
                    "community_id": r.community_id,
                    "community": r.community_name,
                    "last_visit": r.last_visit.isoformat() if r.last_visit else None,
                    "next_due": r.next_due.isoformat(),
                    "days_overdue": r.days_overdue,
                    "categories": r.categories,
                }
                for r in rows
            ]
        )
    elif not rows:
        cli.say("cli.no_overdue")
    else:
        for r in rows:
            print(
                f"{r.child_id}\t{r.child_name}\t{r.community_name}\t{r.next_due}\t{r.days_overdue}",
                file=cli.out,
            )
    return 0


def register(root: Commands) -> None:
    g = root.group("schedule", "visit schedules")
    sp = g.add("overdue", cmd_schedule_overdue)
    sp.add_argument("--unit", metavar="UNIT")
    sp.add_argument("--limit", type=int, default=None)
    sp.add_argument("--json", action="store_true")
