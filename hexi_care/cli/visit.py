"""`hexi-care visit …`: home visits."""

from __future__ import annotations

from typing import Any

from hexi_care.cli.common import Cli, Commands, json_default, read_json
from hexi_care.domain.model import Visit


def visit_json(v: Visit) -> dict[str, Any]:
    data = json_default(v)
    data["visit_date"] = v.visit_date.isoformat()
    data["status"] = v.status.value
    return {
        "id": v.id,
        "child_id": v.child_id,
        "visit_date": data.pop("visit_date"),
        "status": data.pop("status"),
        **{k: x for k, x in data.items() if k not in ("id", "child_id")},
    }


def cmd_visit_list(cli: Cli) -> int:
    from hexi_care.services import children, visits

    with cli.uow() as uow:
        child_id = children.resolve_child(uow, cli.args.child) if cli.args.child else None
        rows = visits.list_visits(
            uow, child_id=child_id, status=cli.args.status, limit=cli.args.limit
        )
    if cli.args.json:
        cli.emit_json([visit_json(x) for x in rows])
    elif not rows:
        cli.say("cli.no_results")
    else:
        for x in rows:
            print(
                f"{x.id}\t{x.child_id[:8]}\t{x.visit_date}\t{x.status.value}\t{x.kind.value}",
                file=cli.out,
            )
    return 0


def cmd_visit_add(cli: Cli) -> int:
    from hexi_care.services import children, visits

    with cli.uow() as uow:
        child_id = children.resolve_child(uow, cli.args.child)
        visit = visits.visit_from_dict(read_json(cli), child_id)
        saved = visits.add_visit(uow, visit)
    if cli.args.json:
        cli.emit_json(visit_json(saved))
    else:
        cli.say("cli.visit_added", id=saved.id)
    return 0


def cmd_visit_review(cli: Cli) -> int:
    from hexi_care.services import visits

    with cli.uow() as uow:
        vid = visits.resolve_visit(uow, cli.args.id)
        saved = visits.review(uow, vid, cli.args.decision, cli.args.comment or "")
    cli.emit_json(visit_json(saved)) if cli.args.json else print(
        f"{saved.id}\t{saved.status.value}", file=cli.out
    )
    return 0


def register(root: Commands) -> None:
    g = root.group("visit", "home visits")
    sp = g.add("list", cmd_visit_list)
    sp.add_argument("--child", metavar="ID")
    sp.add_argument("--status", choices=("draft", "submitted", "approved", "returned"))
    sp.add_argument("--limit", type=int, default=1000)
    sp.add_argument("--json", action="store_true")
    sp = g.add("add", cmd_visit_add)
    sp.add_argument("--child", required=True, metavar="ID")
    sp.add_argument("--json", action="store_true")
    sp = g.add("review", cmd_visit_review)
    sp.add_argument("id")
    sp.add_argument("--decision", required=True, choices=("approved", "returned"))
    sp.add_argument("--comment")
    sp.add_argument("--json", action="store_true")
