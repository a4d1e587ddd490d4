"""The centre owns the tree of units. A laptop takes it over at enrolment and with every package:
its own units that match the centre's by place in the tree (district, street name, community name)
get the centre's ids, so records name the same community on both sides."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from hexi_care.db.models import OrgUnit
from hexi_care.db.sync_models import rekey_unit
from hexi_care.errors import BadPackage, ExchangeRefused

UNIT_COLUMNS = ("id", "name", "kind", "parent_id", "code", "sort")


def _tree_order(units: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Parents before children; a unit whose parent is missing or that sits in a cycle is refused."""
    order: list[dict[str, Any]] = []
    placed: set[str | None] = {None}
    pending = dict(units)
    while pending:
        ready = [u for u in pending.values() if u["parent_id"] in placed]
        if not ready:
            raise BadPackage(reason="malformed")
        for u in sorted(ready, key=lambda x: (x["sort"], x["name"], x["id"])):
            order.append(u)
            placed.add(u["id"])
            del pending[u["id"]]
    return order


def align_units(session: Session, incoming: list[dict[str, Any]]) -> int:
    """Make the local tree the centre's; returns how many local units the centre does not know."""
    units = {u["id"]: u for u in incoming}
    roots = [u for u in units.values() if u["parent_id"] is None]
    if len(roots) != 1:
        raise BadPackage(reason="malformed")
    root = roots[0]
    order = _tree_order(units)
    org = OrgUnit.__table__
    assert isinstance(org, Table)
    local = {r.id: r for r in session.execute(select(org)).all()}
    local_roots = [r for r in local.values() if r.parent_id is None]

    # Local id → centre id, for units that are the same place under another id.
    rekey: dict[str, str] = {}
    if root["id"] not in local:
        same = [
            r
            for r in local_roots
            if r.name == root["name"] or (r.code is not None and r.code == root["code"])
        ]
        if len(same) != 1:
            raise ExchangeRefused(
                "exchange.district_mismatch", reason="district_mismatch", district=root["name"]
            )
        rekey[same[0].id] = root["id"]
    for u in order:
        if u["id"] in local or u["parent_id"] is None:
            continue
        parent_local = next(
            (lid for lid, cid in rekey.items() if cid == u["parent_id"]), u["parent_id"]
        )
        match = [
            r
            for r in local.values()
            if r.parent_id == parent_local
            and r.name == u["name"]
            and r.id not in units
            and r.id not in rekey
        ]
        if len(match) == 1:
            rekey[match[0].id] = u["id"]
    for old, new in rekey.items():
        rekey_unit(session, old, new)
    if rekey:
        session.expire_all()
    local_ids = set(session.scalars(select(OrgUnit.id)))
    for u in order:
        values = {c: u[c] for c in UNIT_COLUMNS}
        if u["id"] in local_ids:
            session.execute(update(org).where(org.c.id == u["id"]).values(**values))
        else:
            session.execute(insert(org).values(**values))
    if rekey:
        session.expire_all()
    return len(local_ids - set(units))
