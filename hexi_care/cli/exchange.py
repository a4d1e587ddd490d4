"""Command-line faces of the exchange: `hexi-care device …`, `package …` and `conflict …`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hexi_care.errors import UsageError
from hexi_care.messages import t
from hexi_care.sync import conflicts as conflicts_mod
from hexi_care.sync import enrol, identity
from hexi_care.sync.export import export_package
from hexi_care.sync.importer import import_package
from hexi_care.sync.types import ConflictInfo, ImportResult, PeerInfo

if TYPE_CHECKING:
    from hexi_care.cli.common import Cli, Commands


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1 << 20:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1 << 20):.1f} MB"


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else "-"


def _value(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value or '""'
    return json.dumps(value, ensure_ascii=False)


def _kind(cli: Cli, kind: str) -> str:
    return t(f"exchange.kind.{kind}", cli.lang)


def _peer_json(p: PeerInfo) -> dict[str, Any]:
    return {
        "id": p.id,
        "label": p.label,
        "role": p.role,
        "unit_id": p.unit_id,
        "unit_name": p.unit_name,
        "fingerprint": p.fingerprint,
        "revoked": p.revoked,
        "enrolled_at": p.enrolled_at.isoformat(),
        "next_seq_out": p.next_seq_out,
        "last_seq_in": p.last_seq_in,
        "audit_head_seq": p.audit_head_seq,
        "last_export_at": p.last_export_at.isoformat() if p.last_export_at else None,
        "last_import_at": p.last_import_at.isoformat() if p.last_import_at else None,
    }


# -- device ---------------------------------------------------------------------------------------
def cmd_device_request(cli: Cli) -> int:
    card = Path(cli.args.card) if cli.args.card else None
    if card is None and cli.args.card_fingerprint:
        raise UsageError("exchange.card_missing")
    res = enrol.make_request(
        cli.open(),
        Path(cli.args.out),
        unit_ref=cli.args.unit,
        card=card,
        card_fingerprint=cli.args.card_fingerprint,
    )
    cli.say("exchange.request_written", path=str(res.file), fingerprint=res.own_fingerprint)
    if res.peer_fingerprint:
        cli.say(
            "exchange.request_sealed",
            centre=res.centre_label,
            centre_fingerprint=res.peer_fingerprint,
        )
    else:
        cli.say("exchange.request_keys_only")
    return 0


def cmd_device_card(cli: Cli) -> int:
    card = enrol.make_card(cli.open(), Path(cli.args.out))
    cli.say("exchange.card_written", path=str(card.file), fingerprint=card.fingerprint)
    return 0


def cmd_device_enrol(cli: Cli) -> int:
    res = enrol.enrol_device(
        cli.open(), Path(cli.args.file), Path(cli.args.out), unit_ref=cli.args.unit
    )
    assert res.peer is not None
    cli.say(
        "exchange.enrolled",
        label=res.peer.label + (f" · {'、'.join(res.directors)}" if res.directors else ""),
        unit=res.unit_name,
        peer_fingerprint=res.peer_fingerprint,
        fingerprint=res.own_fingerprint,
        path=str(res.file),
    )
    return 0


def cmd_device_accept(cli: Cli) -> int:
    res = enrol.accept_reply(cli.open(), Path(cli.args.file))
    cli.say(
        "exchange.accepted",
        unit=res.unit_name,
        peer_fingerprint=res.peer_fingerprint,
        fingerprint=res.own_fingerprint,
    )
    if res.local_only_units:
        cli.say("exchange.local_units", count=res.local_only_units)
    return 0


def cmd_device_list(cli: Cli) -> int:
    store = cli.open()
    me = identity.device_info(store)
    peers = identity.list_peers(store)
    if cli.args.json:
        cli.emit_json(
            {
                "device": {
                    "id": me.device_id,
                    "store_id": me.store_id,
                    "role": me.role,
                    "unit_id": me.unit_id,
                    "unit_name": me.unit_name,
                    "fingerprint": me.fingerprint,
                },
                "peers": [_peer_json(p) for p in peers],
            }
        )
        return 0
    role = t(f"exchange.role.{me.role or 'none'}", cli.lang)
    cli.say(
        "exchange.device_self",
        device=me.device_id,
        role=role,
        unit=me.unit_name or "-",
        fingerprint=me.fingerprint,
    )
    if not peers:
        cli.say("exchange.no_peers")
    for p in peers:
        cli.say(
            "exchange.device_peer",
            label=p.label,
            role=t(f"exchange.role.{p.role}", cli.lang),
            id=p.id,
            fingerprint=p.fingerprint,
            sent=p.next_seq_out - 1,
            received=p.last_seq_in,
            revoked=t("exchange.revoked_mark", cli.lang) if p.revoked else "",
        )
    return 0


def cmd_device_revoke(cli: Cli) -> int:
    info = identity.revoke_peer(cli.open(), cli.args.peer)
    cli.say("exchange.revoked", label=info.label)
    return 0


# -- packages -------------------------------------------------------------------------------------
def cmd_package_export(cli: Cli) -> int:
    kwargs: dict[str, Any] = {}
    if cli.args.part_size:
        kwargs["part_size"] = int(cli.args.part_size * (1 << 20))
    res = export_package(cli.open(), cli.args.to, Path(cli.args.out), **kwargs)
    if cli.args.json:
        cli.emit_json(
            {
                "package_id": res.package_id,
                "peer": res.peer_id,
                "seq": res.seq,
                "files": [str(f) for f in res.files],
                "counts": res.counts,
                "size": res.size,
                "held_back": res.held_back,
            }
        )
        return 0
    cli.say(
        "exchange.exported",
        seq=res.seq,
        peer=res.peer_label,
        records=sum(res.counts.values()),
        size=_size(res.size),
    )
    for f in res.files:
        cli.say("exchange.exported_file", path=str(f))
    for kind, n in res.held_back.items():
        cli.say("exchange.held_back", count=n, kind=_kind(cli, kind))
    return 0


def import_json(res: ImportResult, lang: str) -> dict[str, Any]:
    return {
        "package_id": res.package_id,
        "peer": res.peer_id,
        "peer_label": res.peer_label,
        "seq": res.seq,
        "parts": res.parts,
        "counts": {
            k: {"new": c.new, "updated": c.updated, "unchanged": c.unchanged}
            for k, c in res.counts.items()
        },
        "conflicts": res.conflicts,
        "missing_seqs": res.missing_seqs,
        "late": res.late,
        "notices": [
            {"key": n.key, "params": n.params, "message": t(n.key, lang, **n.params)}
            for n in res.notices
        ],
    }


def cmd_package_import(cli: Cli) -> int:
    res = import_package(cli.open(), Path(cli.args.file))
    if cli.args.json:
        cli.emit_json(import_json(res, cli.lang))
        return 0
    cli.say("exchange.imported", peer=res.peer_label, seq=res.seq, parts=res.parts)
    shown = False
    for kind, c in res.counts.items():
        if c.new or c.updated:
            cli.say(
                "exchange.imported_kind",
                kind=_kind(cli, kind),
                new=c.new,
                updated=c.updated,
                unchanged=c.unchanged,
            )
            shown = True
    if not shown:
        cli.say("exchange.nothing")
    if res.conflicts:
        cli.say("exchange.imported_conflicts", count=len(res.conflicts))
    for n in res.notices:
        cli.say(n.key, **n.params)
    return 0


# -- conflicts ------------------------------------------------------------------------------------
def _conflict_json(c: ConflictInfo) -> dict[str, Any]:
    return {
        "id": c.id,
        "entity": c.entity,
        "entity_id": c.entity_id,
        "subject": c.subject,
        "community": c.community_id,
        "field": c.field,
        "base": c.base,
        "mine": c.mine,
        "theirs": c.theirs,
        "mine_user": c.mine_user,
        "mine_at": c.mine_at.isoformat() if c.mine_at else None,
        "theirs_user": c.theirs_user,
        "theirs_at": c.theirs_at.isoformat() if c.theirs_at else None,
        "detected_at": c.detected_at.isoformat(),
        "status": c.status,
        "resolution": c.resolution,
        "resolved_value": c.resolved_value,
        "resolved_by": c.resolved_by,
        "resolved_at": c.resolved_at.isoformat() if c.resolved_at else None,
    }


def _field_label(cli: Cli, field: str) -> str:
    label = t(f"field.{field}", cli.lang)
    return field if label == f"field.{field}" else label


def cmd_conflict_list(cli: Cli) -> int:
    rows = conflicts_mod.list_conflicts(cli.open(), include_resolved=cli.args.all)
    if cli.args.json:
        cli.emit_json([_conflict_json(c) for c in rows])
        return 0
    if not rows:
        cli.say("exchange.no_conflicts")
    for c in rows:
        cli.say(
            "exchange.conflict_line",
            id=c.id[:8],
            entity=_kind(cli, c.entity),
            subject=c.subject,
            field=_field_label(cli, c.field),
            mine=_value(c.mine),
            mine_user=c.mine_user or "-",
            mine_at=_when(c.mine_at),
            theirs=_value(c.theirs),
            theirs_user=c.theirs_user or "-",
            theirs_at=_when(c.theirs_at),
            status=t(f"exchange.status.{c.status}", cli.lang),
        )
    return 0


def cmd_conflict_resolve(cli: Cli) -> int:
    c = conflicts_mod.resolve_conflict(cli.open(), cli.args.id, cli.args.keep)
    if cli.args.json:
        cli.emit_json(_conflict_json(c))
    else:
        cli.say(
            "exchange.resolved",
            id=c.id[:8],
            field=_field_label(cli, c.field),
            value=_value(c.resolved_value),
        )
    return 0


def register(root: Commands) -> None:
    g = root.group("device", "devices and enrolment for the exchange (设备登记)")
    sp = g.add("request", cmd_device_request, help="laptop: write an enrolment request")
    sp.add_argument("--out", required=True, metavar="FILE")
    sp.add_argument("--unit", metavar="UNIT", help="the community or street this laptop serves")
    sp.add_argument(
        "--card", metavar="CARD", help="the centre's card: seal the unit and director details to it"
    )
    sp.add_argument(
        "--card-fingerprint",
        metavar="DIGITS",
        help="with --card: the fingerprint the centre read out (the card is refused if different)",
    )
    sp = g.add("enrol", cmd_device_enrol, help="centre: enrol a laptop from its request")
    sp.add_argument("file", metavar="FILE")
    sp.add_argument("--out", required=True, metavar="REPLY")
    sp.add_argument("--unit", metavar="UNIT", help="assign this unit instead of the requested one")
    sp = g.add("card", cmd_device_card, help="centre: write the card laptops seal requests to")
    sp.add_argument("--out", required=True, metavar="FILE")
    sp = g.add("accept", cmd_device_accept, help="laptop: accept the centre's reply")
    sp.add_argument("file", metavar="REPLY")
    sp = g.add("list", cmd_device_list, help="this device and the enrolled ones")
    sp.add_argument("--json", action="store_true")
    sp = g.add("revoke", cmd_device_revoke, help="centre: stop trusting a device (a lost laptop)")
    sp.add_argument("peer", metavar="PEER")

    g = root.group("package", "exchange packages (数据交换)")
    sp = g.add("export", cmd_package_export, help="write a package for a peer")
    sp.add_argument("--to", required=True, metavar="PEER")
    sp.add_argument("--out", required=True, metavar="FILE")
    sp.add_argument(
        "--part-size", type=float, metavar="MB", help="split into files of at most MB megabytes"
    )
    sp.add_argument("--json", action="store_true")
    sp = g.add("import", cmd_package_import, help="import a package (any of its parts)")
    sp.add_argument("file", metavar="FILE")
    sp.add_argument("--json", action="store_true")

    g = root.group("conflict", "profile conflicts kept for a supervisor (冲突)")
    sp = g.add("list", cmd_conflict_list)
    sp.add_argument("--all", action="store_true", help="include resolved conflicts")
    sp.add_argument("--json", action="store_true")
    sp = g.add("resolve", cmd_conflict_resolve)
    sp.add_argument("id", metavar="ID")
    sp.add_argument("--keep", required=True, metavar="mine|theirs|VALUE")
    sp.add_argument("--json", action="store_true")
