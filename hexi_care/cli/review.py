"""`hexi-care review …`: the supervisors' review queue — list the submitted visits, approve some
at once, or return one with a comment (the same services as the window's 审核 page)."""

from __future__ import annotations

from typing import Any

from hexi_care.cli.common import Cli, Commands, json_default


def cmd_review_list(cli: Cli) -> int:
    from hexi_care.services import dashboard

    with cli.uow() as uow:
        rows = dashboard.review_queue(uow, limit=cli.args.limit)
    if cli.args.json:
        cli.emit_json(
            [
                {
                    "visit_id": r.visit_id,
                    "child_id": r.child_id,
                    "child_name": r.child_name,
                    "community": r.community_name,
                    "visit_date": r.visit_date.isoformat(),
                    "kind": r.kind.value,
                    "submitted_at": json_default(r.submitted_at) if r.submitted_at else None,
                    "author": r.author,
                }
                for r in rows
            ]
        )
    elif not rows:
        cli.say("cli.review_empty")
    else:
        for r in rows:
            print(
                f"{r.visit_id}\t{r.visit_date}\t{r.child_name}\t{r.community_name}\t{r.author}",
                file=cli.out,
            )
    return 0


def _result(saved: Any) -> dict[str, Any]:
    return {"id": saved.id, "child_id": saved.child_id, "status": saved.status.value}


def cmd_review_approve(cli: Cli) -> int:
    """Every visit named is approved in one transaction: one that cannot be (not submitted, not
    the supervisor's) leaves all of them as they were."""
    from hexi_care.services import visits

    with cli.uow() as uow:
        done = [
            visits.review(uow, visits.resolve_visit(uow, ref), "approved")
            for ref in cli.args.visits
        ]
    if cli.args.json:
        cli.emit_json([_result(v) for v in done])
    else:
        cli.say("cli.approved", n=len(done))
    return 0


def cmd_review_return(cli: Cli) -> int:
    from hexi_care.services import visits

    with cli.uow() as uow:
        saved = visits.review(
            uow, visits.resolve_visit(uow, cli.args.visit), "returned", cli.args.comment
        )
    if cli.args.json:
        cli.emit_json(_result(saved))
    else:
        cli.say("cli.returned", id=saved.id)
    return 0


def register(root: Commands) -> None:
    g = root.group("review", "the supervisors' review of submitted visits")
    sp = g.add("list", cmd_review_list)
    sp.add_argument("--limit", type=int, default=500)
    sp.add_argument("--json", action="store_true")
    sp = g.add("approve", cmd_review_approve)
    sp.add_argument("visits", nargs="+", metavar="VISIT")
    sp.add_argument("--json", action="store_true")
    sp = g.add("return", cmd_review_return)
    sp.add_argument("visit", metavar="VISIT")
    sp.add_argument("--comment", required=True, metavar="TEXT")
    sp.add_argument("--json", action="store_true")
