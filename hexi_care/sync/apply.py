"""Checking and applying the records of a verified package, in one transaction (the caller's).

`Applier.prepare` checks everything without writing: shapes and types, digests, that each kind
travels in this direction, that every scoped record lies in the exchange's communities (a
director's laptop never receives a child of another community; a laptop cannot write outside its
own), and that what records refer to exists. `Applier.run` then merges, kind by kind:

- reference data (units, categories, templates) comes from the centre as it is; unknown users
  arrive as inactive stubs so records can name them;
- profiles (child, household, guardian) merge field by field. Each edit travels as a change record
  with the value it was edited from. The centre applies an edit whose old value is the current one;
  if the field holds a third value it keeps its own and records a conflict (both values, who, when)
  for a supervisor. A laptop takes the centre's profile, except fields with its own edits that the
  centre has not confirmed yet (they are on their way up, where they merge or conflict);
- visits follow their life (draft → submitted → reviewed …): the later stage wins, so a late copy
  of a submission never undoes a review; within a stage the later edit wins;
- follow-ups, mandatory reports and conflicts only move forward (open → closed, filled in);
- reviews, notices, help given, activities, attachments, change records and audit events are
  append-only facts: inserted once, never changed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from hexi_care.db import models as m
from hexi_care.db.base import new_id
from hexi_care.db.keys import normalise_name
from hexi_care.db.sync_models import (
    SyncConfirmed,
    SyncConflict,
    SyncIdentity,
    SyncPeer,
    SyncPeerAudit,
    SyncSent,
)
from hexi_care.errors import BadPackage
from hexi_care.services.context import UnitOfWork
from hexi_care.services.visits import refresh_children_dates
from hexi_care.sync import profile as pf
from hexi_care.sync.conflicts import close_superseded
from hexi_care.sync.export import chunks, visit_stage
from hexi_care.sync.identity import exchange_scope
from hexi_care.sync.records import (
    AUDIT,
    FACT,
    KIND_ORDER,
    KINDS,
    LIST_FIELDS,
    ORDERED,
    PROFILE,
    PROFILE_FIELDS,
    REFERENCE,
    VISIT,
    Kind,
    canonical,
    check_fields,
    digest,
    row_fields,
)
from hexi_care.sync.types import ROLE_CENTRE, Hooks, KindCount, Notice
from hexi_care.sync.units import align_units

log = logging.getLogger("hexi_care.sync")

# Columns that name a record of another kind, which the receiver must hold (or get in the package).
REFS = {
    "child_id": "child",
    "household_id": "household",
    "visit_id": "visit",
    "activity_id": "activity",
    "allowance_id": "allowance",
}
MAX_ACKS = 10_000


@dataclass(slots=True)
class Item:
    kind: str
    id: str
    digest: str
    raw: dict[str, Any]
    values: dict[str, Any]
    extra: Any


def _malformed() -> BadPackage:
    return BadPackage(reason="malformed")


def _int(value: Any, *, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise _malformed()
    return value


def canon_list(field: str, value: Any) -> Any:
    """A categories/situations list in canonical order (the order records were typed in is
    not part of the value)."""
    if field not in LIST_FIELDS or not isinstance(value, list):
        return value
    return sorted(value, key=canonical)


def order_key(kind: str, f: dict[str, Any], dig: str) -> tuple[Any, ...]:
    """Records that only move forward: the one further along wins (ties by digest, so every
    store picks the same)."""
    if kind == "follow_up":
        return (0 if f["status"] == "open" else 1, dig)
    if kind == "mandatory_report":
        return (
            1 if f["status"] == "closed" else 0,
            f["reported_at"] is not None,
            bool(f["receipt_no"]),
            bool(f["agency"]),
            len(f["feedback"]),
            dig,
        )
    if "rev" in f:  # support, care agreements, allowances: each edit raises the revision
        return (f["rev"], dig)
    return (1 if f["status"] == "resolved" else 0, f["resolved_at"] or "", dig)


class Applier:
    def __init__(
        self,
        uow: UnitOfWork,
        me: SyncIdentity,
        peer: SyncPeer,
        document: dict[str, Any],
        blobs: memoryview,
        *,
        package_id: str,
        late: bool,
        hooks: Hooks,
    ) -> None:
        self.uow = uow
        self.s: Session = uow.session
        self.me = me
        self.peer = peer
        self.hub = me.role == ROLE_CENTRE  # we are the centre; the peer is a laptop
        self.document = document
        self.blobs = blobs
        self.package_id = package_id
        self.late = late
        self.hooks = hooks
        self.now: datetime = uow.now()
        self.today: date = uow.today()
        self.allowed = exchange_scope(self.s, me, peer)
        self.items: dict[str, list[Item]] = {}
        self.acks_packages: list[str] = []
        self.acks_max = 0
        self.counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.conflicts: list[str] = []
        self.notices: list[Notice] = []
        self.children_touched: set[str] = set()
        self.inserted: set[str] = set()
        self.reset_confirmed = False

    # == checks (no writes) ======================================================================
    def prepare(self) -> None:
        acks = self.document.get("acks")
        if not isinstance(acks, dict) or not isinstance(acks.get("packages"), list):
            raise _malformed()
        if len(acks["packages"]) > MAX_ACKS or not all(
            isinstance(x, str) for x in acks["packages"]
        ):
            raise _malformed()
        self.acks_packages = list(acks["packages"])
        self.acks_max = _int(acks.get("max_seq"))
        items = self.document.get("items")
        if not isinstance(items, dict):
            raise _malformed()
        for name, rows in items.items():
            kind = KINDS.get(name)
            if kind is None or not isinstance(rows, list):
                raise _malformed()
            if not (kind.up if self.hub else kind.down):
                raise _malformed()
            checked = [self._check_item(kind, r) for r in rows]
            if len({it.id for it in checked}) != len(checked):
                raise _malformed()
            self.items[name] = checked
        self._check_refs()

    def _check_item(self, kind: Kind, r: Any) -> Item:
        if not isinstance(r, list) or len(r) != 4:
            raise _malformed()
        rid, dig, raw, extra = r
        if not isinstance(rid, str) or not isinstance(dig, str) or not isinstance(raw, dict):
            raise _malformed()
        values = check_fields(kind, raw)
        expected = str(raw["mac"])[:32] if kind.strategy == AUDIT else digest(raw)
        if dig != expected:
            raise BadPackage(reason="mismatch")
        if str(values[kind.key]) != rid:
            raise _malformed()
        if kind.scoped and values["community_id"] not in self.allowed:
            raise BadPackage(reason="out_of_scope")
        if kind.name == "visit":
            if not isinstance(extra, dict):
                raise _malformed()
            _int(extra.get("stage"))
        elif kind.strategy == PROFILE:
            for f in PROFILE_FIELDS[kind.name]:
                pf.check_value(kind.name, f, raw[f])
        elif kind.name == "change":
            self._check_change(values, extra)
        elif kind.name == "attachment":
            self._check_attachment(values, extra)
        elif kind.name == "audit":
            _int(values["seq"], low=1)
        return Item(kind.name, rid, dig, raw, values, extra)

    def _check_change(self, values: dict[str, Any], extra: Any) -> None:
        if not isinstance(extra, dict):
            raise _malformed()
        _int(extra.get("seq"))
        entity, field = values["entity"], values["field"]
        if entity not in PROFILE_FIELDS or field not in PROFILE_FIELDS[entity]:
            raise _malformed()
        if values["community_id"] not in self.allowed:
            raise BadPackage(reason="out_of_scope")
        for key in ("old_json", "new_json"):
            text = values[key]
            if text is None:
                raise _malformed()
            try:
                parsed = json.loads(text)
            except ValueError:
                raise _malformed() from None
            checked = pf.check_value(entity, field, parsed)
            if field == "community_id" and key == "new_json" and checked not in self.allowed:
                raise BadPackage(reason="out_of_scope")

    def _check_attachment(self, values: dict[str, Any], extra: Any) -> None:
        if not isinstance(extra, dict) or set(extra) != {"data", "thumbnail"}:
            raise _malformed()
        for key in ("data", "thumbnail"):
            ref = extra[key]
            if ref is None and key == "thumbnail":
                continue
            if not isinstance(ref, list) or len(ref) != 2:
                raise _malformed()
            off, size = _int(ref[0]), _int(ref[1])
            if off + size > len(self.blobs):
                raise BadPackage(reason="mismatch")
            if key == "data" and (
                size != values["size"]
                or hashlib.sha256(self.blobs[off : off + size]).hexdigest() != values["sha256"]
            ):
                raise BadPackage(reason="mismatch")

    def _check_refs(self) -> None:
        """Every record a record names is in the package or here, and inside the scope."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for name, items in self.items.items():
            kind = KINDS[name]
            if kind.strategy in (REFERENCE, AUDIT) or name in ("change", "conflict"):
                continue
            cols = [c for c in REFS if c in kind.table.c]
            for it in items:
                for c in cols:
                    target = it.values.get(c)
                    if target is not None and not (name == "child" and c == "child_id"):
                        wanted[REFS[c]].add(target)
        for target_kind, ids in wanted.items():
            in_package = {it.id for it in self.items.get(target_kind, [])}
            missing = sorted(ids - in_package)
            if not missing:
                continue
            kind = KINDS[target_kind]
            t = kind.table
            found: dict[str, str | None] = {}
            for part in chunks(missing):
                wanted_cols: list[Any] = [t.c.id, t.c.community_id] if kind.scoped else [t.c.id]
                for row in self.s.execute(select(*wanted_cols).where(t.c.id.in_(part))):
                    found[row[0]] = row[1] if kind.scoped else None
            if len(found) != len(missing):
                raise BadPackage(reason="inconsistent")
            if kind.scoped and any(c not in self.allowed for c in found.values()):
                raise BadPackage(reason="out_of_scope")

    # == merge ===================================================================================
    def run(self) -> None:
        self._acks()
        total = len(self.items)
        for i, name in enumerate(KIND_ORDER):
            items = self.items.get(name)
            if not items:
                continue
            self.hooks.step("apply", i, total)
            kind = KINDS[name]
            if name == "unit":
                self._units(items)
            elif name == "user":
                self._users(items)
            elif kind.strategy == REFERENCE:
                self._reference(kind, items)
            elif kind.strategy == PROFILE:
                self._profiles(kind, items)
            elif name == "change":
                self._changes(items)
            elif kind.strategy == VISIT:
                self._visits(kind, items)
            elif kind.strategy == ORDERED:
                self._ordered(kind, items)
            elif kind.strategy == FACT:
                self._facts(kind, items)
            elif kind.strategy == AUDIT:
                self._audit(items)
        self.s.flush()
        with self.s.no_autoflush:  # the list columns of each child; visits are flushed already
            rows: list[m.Child] = []
            for part in chunks(sorted(self.children_touched)):
                rows += self.s.scalars(select(m.Child).where(m.Child.id.in_(part)))
            refresh_children_dates(self.uow, sorted(rows, key=lambda c: c.id))
        self.s.flush()
        self._confirm_received()

    def count(self, kind: str, slot: int, n: int = 1) -> None:
        self.counts[kind][slot] += n

    def kind_counts(self) -> dict[str, KindCount]:
        return {k: KindCount(*v) for k, v in self.counts.items()}

    # -- acknowledgements ----------------------------------------------------------------------
    def _acks(self) -> None:
        entries: dict[tuple[str, str], str] = {}
        rows: list[SyncSent] = []
        for part in chunks(sorted(set(self.acks_packages))):
            rows.extend(
                self.s.scalars(
                    select(SyncSent).where(
                        SyncSent.peer_id == self.peer.id,
                        SyncSent.package_id.in_(part),
                        SyncSent.acked_at.is_(None),
                    )
                )
            )
        for sent in sorted(rows, key=lambda r: r.seq):
            if sent.items:
                for k, rid, dig in json.loads(zlib.decompress(sent.items)):
                    entries[(k, rid)] = dig
            sent.acked_at = self.now
            sent.items = b""
        if rows:
            # Older packages the peer never got: whatever they carried that is still unconfirmed
            # went again in the packages just acknowledged, so their lists are no longer needed.
            newest = max(r.seq for r in rows)
            self.s.execute(
                update(SyncSent)
                .where(
                    SyncSent.peer_id == self.peer.id,
                    SyncSent.acked_at.is_(None),
                    SyncSent.seq < newest,
                )
                .values(items=b"")
            )
        if self.acks_max >= self.peer.next_seq_out:
            # The peer has imported packages this store no longer remembers sending: this
            # store was restored from an older copy. Continue after the highest number used.
            self.notices.append(Notice("exchange.notice.own_restore", {"seq": self.acks_max}))
            self.peer.next_seq_out = self.acks_max + 1
        if not self.late:
            if self.acks_max < self.peer.acked_seq_max:
                self.notices.append(
                    Notice(
                        "exchange.notice.restore_suspected",
                        {"reason": "acks", "seen": self.peer.acked_seq_max, "got": self.acks_max},
                    )
                )
                self.reset_confirmed = True
            self.peer.acked_seq_max = self.acks_max
        if self.reset_confirmed:
            self.s.execute(delete(SyncConfirmed).where(SyncConfirmed.peer_id == self.peer.id))
        upsert_confirmed(self.s, self.peer.id, entries)

    def _confirm_received(self) -> None:
        if self.late:
            return
        entries: dict[tuple[str, str], str] = {}
        for name, items in self.items.items():
            if name == "audit":
                continue
            for it in items:
                entries[(name, it.id)] = it.digest
        upsert_confirmed(self.s, self.peer.id, entries)

    # -- reference data ----------------------------------------------------------------------
    def _units(self, items: list[Item]) -> None:
        kind = KINDS["unit"]
        t = kind.table
        before = {r["id"]: row_fields(kind, r) for r in self.s.execute(select(t)).mappings()}
        align_units(self.s, [it.values for it in items])
        for it in items:
            old = before.get(it.id)
            self.count("unit", 0 if old is None else 2 if old == it.raw else 1)

    def _reference(self, kind: Kind, items: list[Item]) -> None:
        t = kind.table
        for it in items:
            key = it.values[kind.key]
            existing = self.s.execute(select(t).where(t.c[kind.key] == key)).mappings().first()
            if kind.name == "notice_template" and existing is None:
                same = self.s.execute(
                    select(t.c.id).where(
                        t.c.code == it.values["code"], t.c.version == it.values["version"]
                    )
                ).first()
                if same is not None:
                    self.count(kind.name, 2)
                    continue
            if existing is None:
                self.s.execute(insert(t).values(**it.values))
                self.count(kind.name, 0)
            elif row_fields(kind, existing) != it.raw:
                self.s.execute(update(t).where(t.c[kind.key] == key).values(**it.values))
                self.count(kind.name, 1)
            else:
                self.count(kind.name, 2)

    def _users(self, items: list[Item]) -> None:
        """Users named by records arrive as inactive stubs: they cannot log in here."""
        t = m.AppUser.__table__
        assert isinstance(t, Table)
        known_units = set(self.s.scalars(select(m.OrgUnit.id)))
        fallback_unit = self.peer.unit_id if self.hub else self.me.unit_id
        if fallback_unit is None:
            fallback_unit = self.s.scalar(select(m.OrgUnit.id).where(m.OrgUnit.parent_id.is_(None)))
        names = {normalise_name(n) for n in self.s.scalars(select(m.AppUser.name))}
        existing = set(
            self.s.scalars(select(m.AppUser.id).where(m.AppUser.id.in_([i.id for i in items])))
        )
        for it in items:
            if it.id in existing:
                self.count("user", 2)
                continue
            v = dict(it.values)
            name = v["name"]
            if normalise_name(name) in names:
                name = f"{name[:50]} ({it.id[:8]})"
            names.add(normalise_name(name))
            unit = v["unit_id"] if v["unit_id"] in known_units else fallback_unit
            self.s.execute(
                insert(t).values(
                    id=it.id,
                    name=name,
                    display_name=v["display_name"],
                    role=v["role"],
                    unit_id=unit,
                    active=False,
                    created_at=self.now,
                )
            )
            self.count("user", 0)

    # -- profiles ------------------------------------------------------------------------------
    def _load_profiles(self, kind: Kind, ids: Iterable[str]) -> dict[str, pf.ProfileRow]:
        model = pf.MODELS[kind.name]
        out: dict[str, pf.ProfileRow] = {}
        opts: list[Any] = []
        if model is m.Child:
            opts = [selectinload(m.Child.categories)]
        elif model is m.Guardian:
            opts = [selectinload(m.Guardian.situations)]
        for part in chunks(sorted(set(ids))):
            for row in self.s.scalars(select(model).where(model.id.in_(part)).options(*opts)):
                assert isinstance(row, m.Child | m.Household | m.Guardian)
                out[row.id] = row
        return out

    def _pending_fields(self) -> set[tuple[str, str]]:
        """(record id, field) of this laptop's own edits the centre has not confirmed."""
        confirmed = set(
            self.s.scalars(
                select(SyncConfirmed.record_id).where(
                    SyncConfirmed.peer_id == self.peer.id, SyncConfirmed.kind == "change"
                )
            )
        )
        rows = self.s.execute(
            select(m.ChangeLog.id, m.ChangeLog.entity_id, m.ChangeLog.field).where(
                m.ChangeLog.device_id == self.me.id
            )
        )
        return {(eid, f) for cid, eid, f in rows if cid not in confirmed}

    def _profiles(self, kind: Kind, items: list[Item]) -> None:
        existing = self._load_profiles(kind, (it.id for it in items))
        pending = self._pending_fields() if not self.hub and not self.late else set()
        for it in items:
            row = existing.get(it.id)
            if row is None:
                self._insert_profile(kind, it)
                self.inserted.add(it.id)
                self.count(kind.name, 0)
                continue
            if self.hub or self.late:
                # The centre merges edits (change records), not whole copies.
                self.count(kind.name, 2)
                continue
            changed = False
            for field in PROFILE_FIELDS[kind.name]:
                if (it.id, field) in pending:
                    continue
                incoming = canon_list(field, it.raw[field])
                if pf.current_value(kind.name, row, field) != incoming:
                    pf.set_value(self.s, kind.name, row, field, it.values[field], self.today)
                    changed = True
            if changed:
                row.version += 1
                row.updated_at = self.now
                if isinstance(row, m.Child):
                    self.children_touched.add(row.id)
                self.count(kind.name, 1)
            else:
                self.count(kind.name, 2)
        self.s.flush()

    def _insert_profile(self, kind: Kind, it: Item) -> None:
        values = {c: it.values[c] for c in kind.columns}
        if kind.name == "child":
            cats = it.values["categories"]
            row_c = m.Child(
                **values,
                **pf.derived_child_columns(it.values, self.today),
                version=1,
                updated_at=self.now,
            )
            for c in cats:
                row_c.categories.append(m.ChildCategory(community_id=row_c.community_id, **c))
            self.s.add(row_c)
            self.children_touched.add(it.id)
        elif kind.name == "guardian":
            row_g = m.Guardian(**values, version=1, updated_at=self.now)
            for sit in it.values["situations"]:
                row_g.situations.append(m.ParentSituation(community_id=row_g.community_id, **sit))
            self.s.add(row_g)
        else:
            self.s.add(m.Household(**values, version=1, updated_at=self.now))

    # -- change records ------------------------------------------------------------------------
    def _changes(self, items: list[Item]) -> None:
        t = m.ChangeLog.__table__
        assert isinstance(t, Table)
        known: set[str] = set()
        for part in chunks([it.id for it in items]):
            known.update(self.s.scalars(select(m.ChangeLog.id).where(m.ChangeLog.id.in_(part))))
        fresh = sorted(
            (it for it in items if it.id not in known),
            key=lambda it: (it.extra["seq"], it.raw["at"]),
        )
        self.count("change", 2, len(items) - len(fresh))
        if not fresh:
            return
        seq = (self.s.scalar(select(func.max(m.ChangeLog.seq))) or 0) + 1
        rows = []
        for it in fresh:
            rows.append({**{c: it.values[c] for c in KINDS["change"].columns}, "seq": seq})
            seq += 1
        for i in range(0, len(rows), 2000):
            self.s.execute(insert(t), rows[i : i + 2000])
        self.count("change", 0, len(fresh))
        if not self.hub:
            return  # a laptop keeps the history; the centre's profiles arrive whole
        fresh_ids = {it.id for it in fresh}
        for it in fresh:
            if it.values["entity_id"] in self.inserted:
                continue  # the record came whole in this package, this edit included
            self._merge_edit(it, fresh_ids)

    def _merge_edit(self, it: Item, fresh_ids: set[str]) -> None:
        v = it.values
        entity, field = v["entity"], v["field"]
        rows = self._load_profiles(KINDS[entity], [v["entity_id"]])
        row = rows.get(v["entity_id"])
        if row is None:
            return  # history only: the record itself is not here
        old = canon_list(field, json.loads(v["old_json"]))
        new = canon_list(field, json.loads(v["new_json"]))
        current = pf.current_value(entity, row, field)
        if current not in (old, new):
            self._conflict(it, row, current, fresh_ids)
            return
        if current == old and current != new:
            pf.set_value(self.s, entity, row, field, pf.check_value(entity, field, new), self.today)
            row.version += 1
            row.updated_at = self.now
            if isinstance(row, m.Child):
                self.children_touched.add(row.id)
            self.count(entity, 1)
            self.s.flush()
        # The edit was made from this store's value (or reached it): whoever made it saw what
        # the conflict was about, so an open conflict on the field is settled by it.
        close_superseded(self.s, entity, v["entity_id"], field, new, v)

    def _conflict(self, it: Item, row: pf.ProfileRow, current: Any, fresh_ids: set[str]) -> None:
        v = it.values
        open_one = self.s.scalars(
            select(SyncConflict).where(
                SyncConflict.entity == v["entity"],
                SyncConflict.entity_id == v["entity_id"],
                SyncConflict.field == v["field"],
                SyncConflict.status == "open",
            )
        ).first()
        if open_one is not None:
            # The same disagreement, edited further on the laptop: one conflict, latest values.
            open_one.mine_json = json.dumps(current, ensure_ascii=False)
            open_one.theirs_json = v["new_json"]
            open_one.theirs_user_id = v["user_id"]
            open_one.theirs_device_id = v["device_id"]
            open_one.theirs_at = v["at"]
            if open_one.id not in self.conflicts:
                self.conflicts.append(open_one.id)
            return
        mine = self.s.execute(
            select(m.ChangeLog.user_id, m.ChangeLog.device_id, m.ChangeLog.at, m.ChangeLog.id)
            .where(m.ChangeLog.entity_id == v["entity_id"], m.ChangeLog.field == v["field"])
            .order_by(m.ChangeLog.seq.desc())
        )
        mine_row = next((r for r in mine if r[3] not in fresh_ids), None)
        conflict = SyncConflict(
            id=new_id(),
            community_id=row.community_id,
            entity=v["entity"],
            entity_id=v["entity_id"],
            field=v["field"],
            base_json=v["old_json"],
            mine_json=json.dumps(current, ensure_ascii=False),
            theirs_json=v["new_json"],
            mine_user_id=mine_row[0] if mine_row else None,
            mine_device_id=mine_row[1] if mine_row else None,
            mine_at=mine_row[2] if mine_row else None,
            theirs_user_id=v["user_id"],
            theirs_device_id=v["device_id"],
            theirs_at=v["at"],
            change_id=v["id"],
            package_id=self.package_id,
            detected_at=self.now,
            status="open",
        )
        self.s.add(conflict)
        self.s.flush()
        self.conflicts.append(conflict.id)

    # -- visits and other records ----------------------------------------------------------------
    def _existing_rows(self, kind: Kind, ids: list[str]) -> dict[str, Any]:
        t = kind.table
        out: dict[str, Any] = {}
        for part in chunks(ids):
            for row in self.s.execute(select(t).where(t.c.id.in_(part))).mappings():
                out[row["id"]] = row
        return out

    def _visits(self, kind: Kind, items: list[Item]) -> None:
        ids = [it.id for it in items]
        existing = self._existing_rows(kind, ids)
        reviews: dict[str, int] = {}
        for part in chunks(sorted(existing)):
            stmt = (
                select(m.VisitReview.visit_id, func.count())
                .where(m.VisitReview.visit_id.in_(part))
                .group_by(m.VisitReview.visit_id)
            )
            reviews.update({vid: int(n) for vid, n in self.s.execute(stmt)})
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for it in items:
            local = existing.get(it.id)
            if local is None:
                inserts.append(it.values)
                self.children_touched.add(it.values["child_id"])
                self.count("visit", 0)
                continue
            lf = row_fields(kind, local)
            ldig = digest(lf)
            if ldig == it.digest or self.late:
                self.count("visit", 2)
                continue
            mine = (
                visit_stage(lf["status"], reviews.get(it.id, 0)),
                lf["updated_at"],
                lf["reviewed_at"] or "",
                ldig,
            )
            theirs = (
                it.extra["stage"],
                it.raw["updated_at"],
                it.raw["reviewed_at"] or "",
                it.digest,
            )
            if theirs > mine:
                updates.append(it.values)
                self.children_touched.add(it.values["child_id"])
                self.count("visit", 1)
            else:
                self.count("visit", 2)
        bulk_insert(self.s, kind.table, inserts)
        bulk_update(self.s, kind.table, updates)

    def _ordered(self, kind: Kind, items: list[Item]) -> None:
        existing = self._existing_rows(kind, [it.id for it in items])
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for it in items:
            local = existing.get(it.id)
            if local is None:
                inserts.append(it.values)
                self.count(kind.name, 0)
                continue
            lf = row_fields(kind, local)
            ldig = digest(lf)
            if (
                ldig != it.digest
                and not self.late
                and order_key(kind.name, it.raw, it.digest) > order_key(kind.name, lf, ldig)
            ):
                updates.append(it.values)
                self.count(kind.name, 1)
            else:
                self.count(kind.name, 2)
        bulk_insert(self.s, kind.table, inserts)
        bulk_update(self.s, kind.table, updates)

    def _facts(self, kind: Kind, items: list[Item]) -> None:
        t = kind.table
        known: set[str] = set()
        ids = [it.id for it in items]
        for part in chunks(ids):
            known.update(self.s.scalars(select(t.c.id).where(t.c.id.in_(part))))
        pairs: set[tuple[str, str]] = set()
        if kind.name == "activity_participant":
            wanted = {(it.values["activity_id"], it.values["child_id"]) for it in items}
            for part in chunks(sorted({a for a, _ in wanted})):
                pairs.update(
                    self.s.execute(
                        select(t.c.activity_id, t.c.child_id).where(t.c.activity_id.in_(part))
                    )
                )
        inserts: list[dict[str, Any]] = []
        for it in items:
            if it.id in known:
                self.count(kind.name, 2)
                continue
            if kind.name == "activity_participant":
                pair = (it.values["activity_id"], it.values["child_id"])
                if pair in pairs:
                    self.count(kind.name, 2)
                    continue
                pairs.add(pair)
            row = dict(it.values)
            if kind.name == "attachment":
                off, size = it.extra["data"]
                row["data"] = bytes(self.blobs[off : off + size])
                thumb = it.extra["thumbnail"]
                row["thumbnail"] = (
                    bytes(self.blobs[thumb[0] : thumb[0] + thumb[1]]) if thumb else None
                )
            known.add(it.id)
            inserts.append(row)
            self.count(kind.name, 0)
        bulk_insert(self.s, t, inserts)

    # -- the laptop's audit events -------------------------------------------------------------
    def _audit(self, items: list[Item]) -> None:
        """Keep a copy of the laptop's chain. An event continues the branch holding the event its
        `prev_mac` names; a different event at a position that branch already holds (a restored
        copy writing on) starts a new branch, so both histories stay visible. A link that names
        nothing while its position's predecessor is known is evidence of an altered copy."""
        t = SyncPeerAudit.__table__
        assert isinstance(t, Table)
        peer_id = self.peer.id
        where = SyncPeerAudit.peer_id == peer_id
        macs = {it.values["mac"] for it in items} | {it.values["prev_mac"] for it in items}
        # mac -> (branch, seq) of the events this import may link to or already holds
        known: dict[str, tuple[int, int]] = {}
        for part in chunks(sorted(macs)):
            for b, q, mac in self.s.execute(
                select(SyncPeerAudit.branch, SyncPeerAudit.seq, SyncPeerAudit.mac).where(
                    where, SyncPeerAudit.mac.in_(part)
                )
            ):
                known[mac] = (int(b), int(q))
        seqs = sorted({int(it.values["seq"]) for it in items})
        wanted = sorted(set(seqs) | {q - 1 for q in seqs})
        taken: dict[tuple[int, int], str] = {}  # (branch, seq) -> mac
        at_seq: dict[int, set[str]] = defaultdict(set)
        for part in chunks(wanted):
            for b, q, mac in self.s.execute(
                select(SyncPeerAudit.branch, SyncPeerAudit.seq, SyncPeerAudit.mac).where(
                    where, SyncPeerAudit.seq.in_(part)
                )
            ):
                taken[(int(b), int(q))] = mac
                at_seq[int(q)].add(mac)
        branches = int(
            self.s.scalar(select(func.coalesce(func.max(SyncPeerAudit.branch), -1)).where(where))
            or 0
        )
        branches = max(branches + 1, 1)
        inserts: list[dict[str, Any]] = []
        forked = broken = restored = False
        for it in sorted(items, key=lambda x: int(x.values["seq"])):
            v = it.values
            seq = int(v["seq"])
            if v.get("action") == "restore":
                restored = True
            if v["mac"] in known:
                self.count("audit", 2)
                continue
            link = known.get(v["prev_mac"])
            if link is not None and link[1] == seq - 1:
                branch = link[0]
            else:
                if link is not None or (seq > 1 and at_seq.get(seq - 1)):
                    broken = True  # its predecessor's position is known, but not this link
                branch = 0
            if (branch, seq) in taken:
                forked = True
                branch = branches
                branches += 1
            taken[(branch, seq)] = v["mac"]
            known[v["mac"]] = (branch, seq)
            at_seq[seq].add(v["mac"])
            inserts.append({**v, "peer_id": peer_id, "branch": branch})
            self.count("audit", 0)
        bulk_insert(self.s, t, inserts)
        if forked:
            self.notices.append(Notice("exchange.notice.restore_suspected", {"reason": "fork"}))
            self.reset_confirmed = True
            self.s.execute(delete(SyncConfirmed).where(SyncConfirmed.peer_id == self.peer.id))
        if broken:
            self.notices.append(Notice("exchange.notice.audit_broken", {}))
        if restored:
            # The laptop says so itself (a restore is an audit event in the restored store).
            self.notices.append(Notice("exchange.notice.restored", {}))


# -- bulk helpers --------------------------------------------------------------------------------
def bulk_insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), 2000):
        session.execute(insert(table), rows[i : i + 2000])


def bulk_update(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    cols = [c for c in rows[0] if c != "id"]
    stmt = (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values({c: bindparam(f"b_{c}") for c in cols})
    )
    params = [{"b_id": r["id"], **{f"b_{c}": r[c] for c in cols}} for r in rows]
    for i in range(0, len(params), 2000):
        session.connection().execute(stmt, params[i : i + 2000])


def upsert_confirmed(session: Session, peer_id: str, entries: dict[tuple[str, str], str]) -> None:
    """Record what the peer holds (portable: delete, then insert)."""
    if not entries:
        return
    by_kind: dict[str, list[str]] = defaultdict(list)
    for kind, rid in entries:
        by_kind[kind].append(rid)
    for kind, ids in by_kind.items():
        for part in chunks(ids):
            session.execute(
                delete(SyncConfirmed).where(
                    SyncConfirmed.peer_id == peer_id,
                    SyncConfirmed.kind == kind,
                    SyncConfirmed.record_id.in_(part),
                )
            )
    t = SyncConfirmed.__table__
    assert isinstance(t, Table)
    rows = [
        {"peer_id": peer_id, "kind": k, "record_id": r, "digest": d}
        for (k, r), d in entries.items()
    ]
    bulk_insert(session, t, rows)
