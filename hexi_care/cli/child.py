"""`hexi-care child …`: children, as JSON in and out for scripts."""

from __future__ import annotations

from datetime import date
from typing import Any

from hexi_care.cli.common import Cli, Commands, json_default, read_json
from hexi_care.cli.records import CHILD_FIXED, changes_from, plain, show_saved
from hexi_care.domain.model import Child, ChildSummary, Household
from hexi_care.errors import InvalidInput
from hexi_care.services.json_input import (
    CHILD_INPUT,
    agreement_from_json,
    benefit_from_json,
    child_from_json,
    guardians_from_json,
)


def child_summary_json(c: ChildSummary) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "id_number": c.id_number_masked,
        "birth_date": c.birth_date.isoformat() if c.birth_date else None,
        "sex": c.sex.value,
        "community": c.community_id,
        "community_name": c.community_name,
        "household_id": c.household_id,
        "categories": c.categories,
        "risk": c.risk.value,
        "last_visit": c.last_visit.isoformat() if c.last_visit else None,
        "next_due": c.next_due.isoformat() if c.next_due else None,
    }


def child_json(c: Child, today: date) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "id_number": c.id_number,
        "no_hukou": c.no_hukou,
        "birth_date": c.birth_date.isoformat() if c.birth_date else None,
        "sex": c.sex.value,
        "community": c.community_id,
        "household_id": c.household_id,
        "categories": sorted({x.code for x in c.categories if x.active_on(today)}),
        "category_details": [json_default(x) for x in c.categories],
        "hukou_address": c.hukou_address,
        "address": c.address,
        "school": c.school,
        "grade": c.grade,
        "phone": c.phone,
        "risk": c.risk.value,
        "note": c.note,
        "disability_grade": c.disability_grade,
        "disability_kind": c.disability_kind,
        "disability_cert_no": c.disability_cert_no,
        "teacher_name": c.teacher_name,
        "teacher_phone": c.teacher_phone,
        "version": c.version,
    }


def cmd_child_list(cli: Cli) -> int:
    from hexi_care.services import children, units

    with cli.uow() as uow:
        community = units.resolve_unit(uow, cli.args.community).id if cli.args.community else None
        rows = children.list_children(
            uow,
            query=cli.args.query,
            community_id=community,
            category=cli.args.category,
            overdue=cli.args.overdue,
            limit=cli.args.limit,
        )
    if cli.args.json:
        cli.emit_json([child_summary_json(c) for c in rows])
    elif not rows:
        cli.say("cli.no_results")
    else:
        for c in rows:
            print(
                f"{c.id[:8]}\t{c.name}\t{c.id_number_masked or '-'}\t{c.birth_date or '-'}\t{c.community_name}\t{','.join(c.categories)}",
                file=cli.out,
            )
    return 0


def cmd_child_show(cli: Cli) -> int:
    from hexi_care.services import casefile, children

    with cli.uow() as uow:
        cid = children.resolve_child(uow, cli.args.id)
        f = casefile.open_child_file(uow, cid, purpose="cli")
        today = uow.today()
    data = child_json(f.child, today)
    data["community_name"] = f.community_name
    data["street_name"] = f.street_name
    data["household"] = json_default(f.household) if f.household else None
    data["guardians"] = [json_default(g) for g in f.guardians]
    data["visits"] = [
        {
            "id": x.id,
            "visit_date": x.visit_date.isoformat(),
            "status": x.status.value,
            "kind": x.kind.value,
        }
        for x in f.visits
    ]
    data["followups"] = [json_default(x) for x in f.followups]
    if f.reports is not None:
        data["mandatory_reports"] = [json_default(x) for x in f.reports]
    data["support"] = [json_default(x) for x in f.benefits]
    data["care_agreements"] = [json_default(x) for x in f.agreements]
    data["allowances"] = [json_default(x) for x in f.allowances]
    if cli.args.json:
        cli.emit_json(data)
    else:
        for key in (
            "id",
            "name",
            "id_number",
            "birth_date",
            "sex",
            "community_name",
            "street_name",
            "categories",
            "address",
            "school",
            "risk",
        ):
            print(f"{key}: {data[key]}", file=cli.out)
        for x in f.visits:
            print(f"visit {x.visit_date} {x.status.value} {x.id}", file=cli.out)
    return 0


def cmd_child_add(cli: Cli) -> int:
    from dataclasses import replace

    from hexi_care.services import children, households

    with cli.uow() as uow:
        data = read_json(cli)
        child, hh = child_from_json(uow, data)
        if hh is not None and not child.household_id:
            created = households.add_household(
                uow,
                Household(
                    community_id=child.community_id,
                    address=str(hh.get("address", "")),
                    hukou_address=str(hh.get("hukou_address", "")),
                    phone=str(hh.get("phone", "")),
                ),
            )
            child = replace(child, household_id=created.id)
        guardians = guardians_from_json(data.get("guardians"))
        if guardians and not child.household_id:
            raise InvalidInput("household_id", "required")
        saved = children.add_child(uow, child)
        for g in guardians:
            households.save_guardian(uow, replace(g, household_id=child.household_id))
        today = uow.today()
        notices = [n.message(cli.lang) for n in uow.notices]
    if cli.args.json:
        cli.emit_json({**child_json(saved, today), "warnings": notices})
    else:
        for text in notices:
            print(text, file=cli.err)
        cli.say("cli.child_added", id=saved.id)
    return 0


def cmd_child_edit(cli: Cli) -> int:
    from dataclasses import replace

    from hexi_care.services import children, social_support

    with cli.uow() as uow:
        data = read_json(cli)
        cid = children.resolve_child(uow, cli.args.id)
        before = children.get_child(uow, cid)
        changes = changes_from(data, before.id, before.version, CHILD_FIXED)
        # Support records and agreements are records of their own: an entry with an `id` changes
        # that one, one without adds a record; what is not sent stays.
        support = changes.pop("support", [])
        agreements = changes.pop("care_agreements", [])
        for name, items in (("support", support), ("care_agreements", agreements)):
            if not isinstance(items, list):
                raise InvalidInput(name, "not_list")
        if "category_details" in changes:
            if "categories" in changes:
                raise InvalidInput("category_details", "read_only")
            changes["categories"] = changes.pop("category_details")
        if isinstance(changes.get("categories"), list):
            # A code alone keeps the basis, evidence and dates the child's category already has.
            known = {c.code: plain(c) for c in before.categories}
            changes["categories"] = [
                known.get(c, c) if isinstance(c, str) else c for c in changes["categories"]
            ]
        shown = child_json(before, uow.today())
        current = {k: shown[k] for k in CHILD_INPUT if k in shown}
        current["categories"] = plain(before.categories)
        child, _household = child_from_json(uow, {**current, **changes})
        # The same code is the same category record: an unchanged one is not rewritten.
        ids = {c.code: c.id for c in before.categories}
        cats = [replace(c, id=ids.get(c.code)) for c in child.categories]
        saved = children.update_child(uow, replace(child, id=cid, categories=cats))
        for item in support:
            social_support.save_benefit(uow, benefit_from_json(cid, item))
        for item in agreements:
            social_support.save_agreement(uow, agreement_from_json(cid, item))
        shown = {**child_json(saved, uow.today()), "warnings": []}
        shown["support"] = [json_default(x) for x in social_support.benefits(uow, cid)]
        shown["care_agreements"] = [json_default(x) for x in social_support.agreements(uow, cid)]
        notices = [n.message(cli.lang) for n in uow.notices]
    return show_saved(cli, shown, notices)


def cmd_child_assign(cli: Cli) -> int:
    """Hand every child of one director to another (leave, departure): one transaction."""
    from hexi_care.services import assignment

    with cli.uow() as uow:
        done = assignment.hand_over(uow, cli.args.from_user, cli.args.to_user)
    if cli.args.json:
        cli.emit_json(
            {
                "from": done.from_user,
                "to": done.to_user,
                "children": done.count,
                "child_ids": done.child_ids,
            }
        )
    else:
        cli.say("cli.handed_over", n=done.count, source=done.from_user, target=done.to_user)
    return 0


def register(root: Commands) -> None:
    g = root.group("child", "children")
    sp = g.add("list", cmd_child_list)
    sp.add_argument("--query", metavar="TEXT")
    sp.add_argument("--community", metavar="UNIT")
    sp.add_argument("--category", metavar="CODE")
    sp.add_argument("--overdue", action="store_true")
    sp.add_argument("--limit", type=int, default=None)
    sp.add_argument("--json", action="store_true")
    sp = g.add("show", cmd_child_show)
    sp.add_argument("id")
    sp.add_argument("--json", action="store_true")
    sp = g.add("add", cmd_child_add)
    sp.add_argument("--json", action="store_true")
    sp = g.add("edit", cmd_child_edit)
    sp.add_argument("id")
    sp.add_argument("--json", action="store_true")
    sp = g.add("assign", cmd_child_assign)
    sp.add_argument("--from", dest="from_user", required=True, metavar="USER")
    sp.add_argument("--to", dest="to_user", required=True, metavar="USER")
    sp.add_argument("--json", action="store_true")
