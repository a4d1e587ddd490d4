"""Making a package for one peer: everything in the exchange's scope that the peer has not
confirmed, the acknowledgements of the peer's packages, sealed to the peer and signed.

A laptop sends its communities' records and its audit events; the centre sends the records of the
laptop's units plus reference data (units, users, categories, notice templates) and conflicts.
Drafts stay where they are written. Nothing is marked as delivered until the peer acknowledges
the package, so lost packages cost nothing: their content goes again in the next one.
"""

from __future__ import annotations

import json
import logging
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from hexi_care.db import audit
from hexi_care.db import models as m
from hexi_care.db.base import new_id
from hexi_care.db.store import OpenStore
from hexi_care.db.sync_models import SyncConfirmed, SyncIdentity, SyncImported, SyncPeer, SyncSent
from hexi_care.domain.enums import VisitStatus
from hexi_care.domain.model import User
from hexi_care.errors import ExchangeRefused
from hexi_care.services.context import UnitOfWork
from hexi_care.sync import container
from hexi_care.sync import payload as pl
from hexi_care.sync.crypto import seal
from hexi_care.sync.identity import (
    EXCHANGE_ROLES,
    acting_user,
    ensure_identity,
    exchange_scope,
    keys_of,
    require,
    resolve_peer,
)
from hexi_care.sync.records import (
    KINDS,
    USER_REFS,
    Kind,
    category_list,
    digest,
    row_fields,
    situation_list,
)
from hexi_care.sync.types import (
    ROLE_LAPTOP,
    CancelFn,
    ExportResult,
    Hooks,
    ProgressFn,
    never_cancel,
    no_progress,
)

log = logging.getLogger("hexi_care.sync")

CHUNK = 500
ACKS_KEPT = 500
AUDIT_UPTO = ("audit", "upto")
_T = TypeVar("_T")


def chunks(values: Sequence[_T], size: int = CHUNK) -> Iterator[Sequence[_T]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def load_confirmed(session: Session, peer_id: str) -> dict[tuple[str, str], str]:
    rows = session.execute(
        select(SyncConfirmed.kind, SyncConfirmed.record_id, SyncConfirmed.digest).where(
            SyncConfirmed.peer_id == peer_id
        )
    )
    return {(k, r): d for k, r, d in rows}


class _Collector:
    """Gathers the records the peer lacks, kind by kind."""

    def __init__(
        self,
        session: Session,
        me: SyncIdentity,
        peer: SyncPeer,
        communities: frozenset[str],
        confirmed: dict[tuple[str, str], str],
        hooks: Hooks,
    ) -> None:
        self.s = session
        self.me = me
        self.peer = peer
        self.down = peer.role == ROLE_LAPTOP  # we are the centre, sending down to a laptop
        self.communities = sorted(communities)
        self.confirmed = confirmed
        self.hooks = hooks
        self.items: dict[str, list[list[Any]]] = {}
        self.sent: list[list[str]] = []
        self.blobs = bytearray()
        self.held: dict[str, int] = {}
        self.user_ids: set[str] = set()
        self.activity_ids: set[str] = set()
        self.draft_visits: set[str] = set()

    def travels(self, kind: Kind) -> bool:
        return kind.down if self.down else kind.up

    def add(self, kind: str, rid: str, dig: str, fields: dict[str, Any], extra: Any = None) -> bool:
        if self.confirmed.get((kind, rid)) == dig:
            return False
        self.items.setdefault(kind, []).append([rid, dig, fields, extra])
        self.sent.append([kind, rid, dig])
        return True

    def scoped_rows(self, kind: Kind, *where: ColumnElement[bool]) -> Iterator[Any]:
        t = kind.table
        cols = [t.c[c] for c in kind.columns]
        for part in chunks(self.communities):
            stmt = select(*cols).where(t.c.community_id.in_(part), *where).order_by(t.c[kind.key])
            yield from self.s.execute(stmt).mappings()

    # -- kinds ---------------------------------------------------------------------------------
    def collect(self) -> None:
        self.hooks.step("collect", 0, len(KINDS))
        for part in chunks(self.communities):
            self.draft_visits.update(
                self.s.scalars(
                    select(m.Visit.id).where(
                        m.Visit.community_id.in_(part), m.Visit.status == VisitStatus.DRAFT
                    )
                )
            )
        for i, kind in enumerate(KINDS.values()):
            self.hooks.step("collect", i, len(KINDS))
            if not self.travels(kind) or kind.name in ("user", "activity"):
                continue
            handler = getattr(self, f"_kind_{kind.name}", None)
            if handler is not None:
                handler(kind)
            elif kind.scoped:
                self._plain(kind)
        # Whatever the chosen records refer to: activities and users (reference rows).
        self._activities(KINDS["activity"])
        self._users(KINDS["user"])

    def _plain(self, kind: Kind, *where: ColumnElement[bool]) -> None:
        refs = USER_REFS.get(kind.name, ())
        for row in self.scoped_rows(kind, *where):
            fields = row_fields(kind, row)
            if (
                kind.name in ("follow_up", "referral")
                and fields.get("visit_id") in self.draft_visits
            ):
                self.held[kind.name] = self.held.get(kind.name, 0) + 1
                continue
            if self.add(kind.name, fields[kind.key], digest(fields), fields):
                self.user_ids.update(fields[c] for c in refs if fields.get(c))

    def _all_rows(self, kind: Kind) -> None:
        t = kind.table
        for row in self.s.execute(select(*[t.c[c] for c in kind.columns])).mappings():
            fields = row_fields(kind, row)
            self.add(kind.name, str(fields[kind.key]), digest(fields), fields)

    def _kind_unit(self, kind: Kind) -> None:
        self._all_rows(kind)

    def _kind_category_def(self, kind: Kind) -> None:
        self._all_rows(kind)

    def _kind_notice_template(self, kind: Kind) -> None:
        self._all_rows(kind)

    def _kind_allowance_standard(self, kind: Kind) -> None:
        self._all_rows(kind)

    def _kind_campaign(self, kind: Kind) -> None:
        # Campaigns name no one: every store holds them all, as it holds the units.
        self._all_rows(kind)

    def _kind_household(self, kind: Kind) -> None:
        self._plain(kind)

    def _kind_child(self, kind: Kind) -> None:
        cats: dict[str, list[Any]] = {}
        for part in chunks(self.communities):
            for c in self.s.execute(
                select(m.ChildCategory).where(m.ChildCategory.community_id.in_(part))
            ).scalars():
                cats.setdefault(c.child_id, []).append(c)
        for row in self.scoped_rows(kind):
            fields = row_fields(kind, row)
            fields["categories"] = category_list(cats.get(fields["id"], []))
            if self.add(kind.name, fields["id"], digest(fields), fields):
                self.user_ids.update(fields[c] for c in USER_REFS["child"] if fields.get(c))

    def _kind_guardian(self, kind: Kind) -> None:
        sits: dict[str, list[Any]] = {}
        for part in chunks(self.communities):
            rows = self.s.execute(
                select(m.ParentSituation).where(m.ParentSituation.community_id.in_(part))
            )
            for sit in rows.scalars():
                sits.setdefault(sit.guardian_id, []).append(sit)
        for row in self.scoped_rows(kind):
            fields = row_fields(kind, row)
            fields["situations"] = situation_list(sits.get(fields["id"], []))
            self.add(kind.name, fields["id"], digest(fields), fields)

    def _kind_change(self, kind: Kind) -> None:
        t = kind.table
        cols = [t.c[c] for c in kind.columns] + [t.c.seq]
        for part in chunks(self.communities):
            stmt = select(*cols).where(t.c.community_id.in_(part)).order_by(t.c.seq)
            for row in self.s.execute(stmt).mappings():
                fields = row_fields(kind, row)
                if (
                    self.add(kind.name, fields["id"], digest(fields), fields, {"seq": row["seq"]})
                    and fields["user_id"]
                ):
                    self.user_ids.add(fields["user_id"])

    def _kind_visit(self, kind: Kind) -> None:
        reviews: dict[str, int] = {}
        for part in chunks(self.communities):
            stmt = (
                select(m.VisitReview.visit_id, func.count())
                .where(m.VisitReview.community_id.in_(part))
                .group_by(m.VisitReview.visit_id)
            )
            reviews.update({v: int(n) for v, n in self.s.execute(stmt)})
        refs = USER_REFS["visit"]
        for row in self.scoped_rows(kind, m.Visit.status != VisitStatus.DRAFT):
            fields = row_fields(kind, row)
            stage = visit_stage(fields["status"], reviews.get(fields["id"], 0))
            if self.add(kind.name, fields["id"], digest(fields), fields, {"stage": stage}):
                self.user_ids.update(fields[c] for c in refs if fields.get(c))

    def _kind_activity_participant(self, kind: Kind) -> None:
        for row in self.scoped_rows(kind):
            fields = row_fields(kind, row)
            self.activity_ids.add(fields["activity_id"])
            self.add(kind.name, fields["id"], digest(fields), fields)

    def _kind_assistance(self, kind: Kind) -> None:
        for row in self.scoped_rows(kind):
            fields = row_fields(kind, row)
            if fields["activity_id"]:
                self.activity_ids.add(fields["activity_id"])
            if self.add(kind.name, fields["id"], digest(fields), fields) and fields["given_by"]:
                self.user_ids.add(fields["given_by"])

    def _kind_attachment(self, kind: Kind) -> None:
        budget = pl.ATTACHMENT_BUDGET
        for row in self.scoped_rows(kind):
            fields = row_fields(kind, row)
            dig = digest(fields)
            if self.confirmed.get((kind.name, fields["id"])) == dig:
                continue
            blob = self.s.execute(
                select(m.Attachment.data, m.Attachment.thumbnail).where(
                    m.Attachment.id == fields["id"]
                )
            ).one()
            data, thumb = bytes(blob[0]), bytes(blob[1]) if blob[1] is not None else None
            size = len(data) + (len(thumb) if thumb else 0)
            if size > budget and kind.name in self.items:
                self.held[kind.name] = self.held.get(kind.name, 0) + 1
                continue
            budget -= size
            extra: dict[str, Any] = {"data": [len(self.blobs), len(data)]}
            self.blobs += data
            if thumb is not None:
                extra["thumbnail"] = [len(self.blobs), len(thumb)]
                self.blobs += thumb
            else:
                extra["thumbnail"] = None
            self.add(kind.name, fields["id"], dig, fields, extra)

    def _kind_conflict(self, kind: Kind) -> None:
        for row in self.scoped_rows(kind):
            fields = row_fields(kind, row)
            if self.add(kind.name, fields["id"], digest(fields), fields):
                for c in ("mine_user_id", "theirs_user_id", "resolved_by"):
                    if fields[c]:
                        self.user_ids.add(fields[c])

    def _kind_audit(self, kind: Kind) -> None:
        upto = int(self.confirmed.get(AUDIT_UPTO, "0") or 0)
        t = kind.table
        stmt = select(*[t.c[c] for c in kind.columns]).where(t.c.seq > upto).order_by(t.c.seq)
        last = upto
        rows: list[list[Any]] = []
        for row in self.s.execute(stmt).mappings():
            fields = row_fields(kind, row)
            rows.append([fields["id"], fields["mac"][:32], fields, None])
            last = int(fields["seq"])
            if fields["user_id"]:
                self.user_ids.add(fields["user_id"])
        if rows:
            self.items["audit"] = rows
            self.sent.append([AUDIT_UPTO[0], AUDIT_UPTO[1], str(last)])

    def _activities(self, kind: Kind) -> None:
        ids = sorted(self.activity_ids)
        t = kind.table
        for part in chunks(ids):
            for row in self.s.execute(
                select(*[t.c[c] for c in kind.columns]).where(t.c.id.in_(part))
            ).mappings():
                fields = row_fields(kind, row)
                self.add(kind.name, fields["id"], digest(fields), fields)

    def _users(self, kind: Kind) -> None:
        ids = set(self.user_ids)
        t = kind.table
        if self.down:
            # The people a laptop's records name: its own units' users and those above them.
            chain = unit_chain(self.s, self.peer.unit_id)
            ids.update(
                self.s.scalars(select(m.AppUser.id).where(m.AppUser.unit_id.in_(sorted(chain))))
            )
        for part in chunks(sorted(ids)):
            for row in self.s.execute(
                select(*[t.c[c] for c in kind.columns]).where(t.c.id.in_(part))
            ).mappings():
                fields = row_fields(kind, row)
                self.add(kind.name, fields["id"], digest(fields), fields)


def visit_stage(status: str, reviews: int) -> int:
    """A visit's place in its life: each review adds two, a pending submission one. A later
    stage always wins a merge (an approval is never undone by an old copy of the submission)."""
    return 2 * reviews + (1 if status == VisitStatus.SUBMITTED else 0)


def unit_chain(session: Session, unit_id: str | None) -> set[str]:
    """A unit, its ancestors and its descendants."""
    if unit_id is None:
        return set()
    rows = list(session.execute(select(m.OrgUnit.id, m.OrgUnit.parent_id)))
    parent = dict(rows)
    children: dict[str | None, list[str]] = {}
    for u, p in rows:
        children.setdefault(p, []).append(u)
    found: set[str] = set()
    cur: str | None = unit_id
    while cur is not None and cur not in found:
        found.add(cur)
        cur = parent.get(cur)
    stack = [unit_id]
    while stack:
        u = stack.pop()
        for c in children.get(u, []):
            if c not in found:
                found.add(c)
                stack.append(c)
    return found


def acks_for(session: Session, peer: SyncPeer) -> dict[str, Any]:
    ids = session.scalars(
        select(SyncImported.package_id)
        .where(SyncImported.peer_id == peer.id)
        .order_by(SyncImported.imported_at.desc(), SyncImported.seq.desc())
        .limit(ACKS_KEPT)
    ).all()
    return {"packages": list(ids), "max_seq": peer.last_seq_in}


def part_paths(out: Path, count: int) -> list[Path]:
    """FILE for a one-part package; FILE, FILE's stem.part2…, for more."""
    if count == 1:
        return [out]
    return [out] + [out.with_name(f"{out.stem}.part{i}{out.suffix}") for i in range(2, count + 1)]


def export_package(
    store: OpenStore,
    peer_ref: str,
    out: Path,
    *,
    user: User | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    part_size: int = pl.DEFAULT_PART_SIZE,
) -> ExportResult:
    """Write a package for `peer_ref` to `out` (and beside it, if it needs several parts).

    Nothing is written if the user cancels or anything fails; the sequence number is used only
    when the files are in place."""
    hooks = Hooks(progress or no_progress, cancel or never_cancel)
    actor = acting_user(store, user)
    require(actor, EXCHANGE_ROLES, "exchange packages")
    out = Path(out)
    temps: list[Path] = []
    finals: list[Path] = []
    try:
        with UnitOfWork(store, system=True) as uow:
            s = uow.session
            me = ensure_identity(s, store)
            if me.role is None:
                raise ExchangeRefused("exchange.not_enrolled", reason="not_enrolled")
            peer = resolve_peer(s, peer_ref)
            if peer.revoked:
                raise ExchangeRefused("exchange.peer_revoked", reason="revoked", peer=peer.label)
            if (me.role == ROLE_LAPTOP) == (peer.role == ROLE_LAPTOP):
                raise ExchangeRefused("exchange.wrong_peer_role", reason="wrong_role")
            communities = exchange_scope(s, me, peer)
            collector = _Collector(s, me, peer, communities, load_confirmed(s, peer.id), hooks)
            collector.collect()

            hooks.step("pack")
            now = store.clock()
            package_id = new_id()
            seq = peer.next_seq_out
            head = audit.head(s)
            counts = {k: len(v) for k, v in collector.items.items()}
            document = {
                "format": pl.PAYLOAD_FORMAT,
                "version": pl.FORMAT_VERSION,
                "package_id": package_id,
                "sender": me.id,
                "recipient": peer.id,
                "seq": seq,
                "created_at": now.isoformat(),
                "acks": acks_for(s, peer),
                "items": collector.items,
                "blob_size": len(collector.blobs),
            }
            content = pl.encode_content(document, bytes(collector.blobs))
            if len(content) > pl.MAX_CONTENT_BYTES:
                raise ExchangeRefused("exchange.too_much", reason="too_large")
            # The counts travel sealed inside the content: the clear header says nothing of it.
            content_info = {"size": len(content), "sha256": pl.sha256(content)}
            compressed = pl.compress(content)
            del content
            chunks_ = pl.split(compressed, part_size)
            if len(chunks_) > pl.MAX_PARTS:
                raise ExchangeRefused(
                    "exchange.too_many_parts", reason="too_many_parts", max=pl.MAX_PARTS
                )

            keys = keys_of(me)
            sealed: list[bytes] = []
            for i, chunk in enumerate(chunks_):
                hooks.step("seal", i, len(chunks_))
                sealed.append(seal(chunk, peer.kem_public, pl.seal_info(package_id, peer.id, i)))
            manifest = {
                "format": pl.PACKAGE_FORMAT,
                "version": pl.FORMAT_VERSION,
                "package_id": package_id,
                "sender": me.id,
                "recipient": peer.id,
                "seq": seq,
                "created_at": now.isoformat(),
                "audit_head": {"seq": head.seq, "mac": head.mac},
                "content": content_info,
                "parts": [pl.sha256(x) for x in sealed],
            }
            finals = part_paths(out, len(sealed))
            for i, body in enumerate(sealed):
                hooks.step("write", i, len(sealed))
                header = dict(manifest, part=i)
                data = container.encode(header, body, keys)
                tmp = finals[i].with_name(finals[i].name + ".partial")
                temps.append(tmp)
                container.write_atomic(tmp, data)
            hooks.step("write", len(sealed), len(sealed))

            items_blob = zlib.compress(
                json.dumps(collector.sent, separators=(",", ":")).encode("utf-8")
            )
            s.add(
                SyncSent(
                    package_id=package_id,
                    peer_id=peer.id,
                    seq=seq,
                    created_at=now,
                    item_count=len(collector.sent),
                    items=items_blob,
                )
            )
            peer.next_seq_out = seq + 1
            peer.last_export_at = now
            total = sum(counts.values())
            audit.append(
                s,
                store.mac_key,
                at=now,
                user_id=actor.id if actor else None,
                device_id=store.device_id,
                action="export",
                entity="package",
                entity_id=package_id,
                detail=f"seq {seq}, {total} records, to {peer.id}",
            )
            s.flush()
            result = ExportResult(
                package_id=package_id,
                peer_id=peer.id,
                peer_label=peer.label,
                seq=seq,
                files=finals,
                counts=counts,
                size=sum(len(x) for x in sealed),
                held_back=dict(collector.held),
            )
        for tmp, final in zip(temps, finals, strict=True):
            tmp.replace(final)
        log.info(
            "package exported: seq %s, %s records, %s part(s)",
            result.seq,
            sum(result.counts.values()),
            len(finals),
        )
        return result
    except BaseException:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        raise
