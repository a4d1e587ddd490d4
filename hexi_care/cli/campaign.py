"""`hexi-care campaign …`: campaigns (寒假, 暑假, 春节/中秋慰问, any named drive), their target list
and coverage."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hexi_care.cli.common import Cli, Commands, json_default
from hexi_care.domain.model import Campaign, CampaignProgress


def campaign_json(c: Campaign) -> dict[str, Any]:
    out: dict[str, Any] = json_default(c)
    return out


def progress_json(p: CampaignProgress) -> dict[str, Any]:
    return {
        "campaign": campaign_json(p.campaign),
        "targets": p.targets,
        "goal": p.goal,
        "reached": p.reached,
        "percent": p.percent,
        "visits": p.visits,
        "help_count": p.help_count,
        "by_community": [
            {"community": c, "community_name": n, "targets": t, "reached": r}
            for c, n, t, r in p.by_community
        ],
    }


def _codes(text: str | None) -> list[str]:
    return [x.strip() for x in (text or "").split(",") if x.strip()]


def _given(a: Any) -> dict[str, Any]:
    """The campaign's parts the options give, checked, as Campaign fields (options left out
    are not in it: a new campaign takes its defaults, a changed one keeps what it has)."""
    from hexi_care.domain.enums import CampaignTarget
    from hexi_care.services import validate as v

    parts: dict[str, tuple[Any, Callable[[Any], Any]]] = {
        "starts_on": (a.date_from, lambda x: v.parse_date("starts_on", x, required=True)),
        "ends_on": (a.date_to, lambda x: v.parse_date("ends_on", x, required=True)),
        "target": (a.target, lambda x: v.choice("target", CampaignTarget, x)),
        "categories": (a.category, _codes),
        "risks": (a.risk, _codes),
        "target_count": (a.target_count, lambda x: v.non_negative_int("target_count", x)),
        "template_code": (a.template, str),
        "focus": (a.focus, _codes),
        "note": (a.note, str),
    }
    return {name: check(value) for name, (value, check) in parts.items() if value is not None}


def cmd_campaign_add(cli: Cli) -> int:
    from hexi_care.domain.enums import CampaignKind
    from hexi_care.services import campaigns
    from hexi_care.services import validate as v

    a = cli.args
    with cli.uow() as uow:
        c = campaigns.add_campaign(
            uow,
            Campaign(
                name=a.name,
                unit_id=a.unit,
                kind=v.choice("kind", CampaignKind, a.kind),
                **_given(a),
            ),
        )
    if a.json:
        cli.emit_json(campaign_json(c))
    else:
        cli.say("cli.campaign_added", name=c.name, id=c.id)
    return 0


def cmd_campaign_list(cli: Cli) -> int:
    from hexi_care import vocabulary
    from hexi_care.services import campaigns

    with cli.uow() as uow:
        rows = campaigns.campaigns(uow)
    if cli.args.json:
        cli.emit_json([campaign_json(c) for c in rows])
    else:
        for c in rows:
            kind = vocabulary.word(c.kind, cli.lang)
            print(f"{c.starts_on}\t{c.ends_on}\t{kind}\t{c.name}\t{c.id}", file=cli.out)
    return 0


def cmd_campaign_progress(cli: Cli) -> int:
    from hexi_care import vocabulary
    from hexi_care.services import campaigns

    with cli.uow() as uow:
        c = campaigns.get_campaign(uow, cli.args.campaign)
        p = campaigns.progress(uow, c)
    if cli.args.json:
        cli.emit_json(progress_json(p))
        return 0
    unit = vocabulary.word(c.target, cli.lang)
    cli.say(
        "cli.campaign_progress",
        name=c.name,
        reached=p.reached,
        goal=p.goal,
        percent=p.percent,
        unit=unit,
        visits=p.visits,
    )
    for _, name, targets, reached in p.by_community:
        print(f"{name}\t{reached}/{targets}", file=cli.out)
    return 0


def cmd_campaign_edit(cli: Cli) -> int:
    """Each option given replaces that part of the campaign; the others stay as they are."""
    from dataclasses import replace

    from hexi_care.services import campaigns

    a = cli.args
    with cli.uow() as uow:
        was = campaigns.get_campaign(uow, a.campaign)
        c = campaigns.update_campaign(uow, was.id or was.name, replace(was, **_given(a)))
    if a.json:
        cli.emit_json(campaign_json(c))
    else:
        cli.say("cli.campaign_edited", name=c.name)
    return 0


def cmd_campaign_end(cli: Cli) -> int:
    from hexi_care.services import campaigns

    with cli.uow() as uow:
        c = campaigns.end_campaign(uow, cli.args.campaign, cli.args.on)
    if cli.args.json:
        cli.emit_json(campaign_json(c))
    else:
        cli.say("cli.campaign_ended", name=c.name, end=c.ends_on.isoformat())
    return 0


def register(root: Commands) -> None:
    g = root.group("campaign", "campaigns, their target list and coverage")
    sp = g.add("add", cmd_campaign_add)
    sp.add_argument("name")
    sp.add_argument("--unit", required=True, metavar="UNIT", help="the street or district")
    sp.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    sp.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    sp.add_argument(
        "--kind", default="other", help="winter, summer, spring_festival, mid_autumn or other"
    )
    _campaign_options(sp, adding=True)
    sp = g.add("list", cmd_campaign_list)
    sp.add_argument("--json", action="store_true")
    sp = g.add("progress", cmd_campaign_progress)
    sp.add_argument("campaign", metavar="NAME_OR_ID")
    sp.add_argument("--json", action="store_true")
    sp = g.add("edit", cmd_campaign_edit)
    sp.add_argument("campaign", metavar="NAME_OR_ID")
    sp.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    sp.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    _campaign_options(sp, adding=False)
    sp = g.add("end", cmd_campaign_end)
    sp.add_argument("campaign", metavar="NAME_OR_ID")
    sp.add_argument("--on", metavar="YYYY-MM-DD", help="the last day (today unless given)")
    sp.add_argument("--json", action="store_true")


def _campaign_options(sp: Any, *, adding: bool) -> None:
    """The options `campaign add` and `campaign edit` share (for edit, none has a default: an
    option left out leaves that part as it is)."""
    sp.add_argument(
        "--target", default="households" if adding else None, help="households or children"
    )
    sp.add_argument("--category", metavar="CODES", help="target filter: category codes, a,b")
    sp.add_argument("--risk", metavar="LEVELS", help="target filter: low,medium,high")
    sp.add_argument("--target-count", type=int, default=0 if adding else None, metavar="N")
    sp.add_argument("--template", metavar="CODE", help="the notice template handed out")
    sp.add_argument("--focus", metavar="TOPICS", help="safety topics first, e.g. drowning")
    sp.add_argument("--note")
    sp.add_argument("--json", action="store_true")
