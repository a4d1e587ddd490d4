"""Importing a package: verify everything first, then apply it in one transaction.

The checks, in order, each with its own reason (messages `package.<reason>`): the file is a
package (not_a_package, truncated, damaged), from a program version this one understands
(too_new), for this store (wrong_recipient), from an enrolled and not revoked sender
(unknown_sender, revoked_sender), signed by it (bad_signature), not imported before (replayed),
complete (incomplete: the missing parts are named; mixed_parts when the folder holds parts
of another export instead), within the size cap (too_big, also for a
decompression bomb), and the payload matches its manifest (mismatch). Then the records are
checked (malformed, out_of_scope, inconsistent) and merged. Any refusal leaves the store as it was.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from hexi_care.db import audit
from hexi_care.db.engine import serialise_writes
from hexi_care.db.store import OpenStore
from hexi_care.db.sync_models import SyncAuditHead, SyncImported, SyncPeer, SyncPeerAudit
from hexi_care.domain.model import User
from hexi_care.errors import BadPackage
from hexi_care.services.context import UnitOfWork
from hexi_care.sync import container
from hexi_care.sync import payload as pl
from hexi_care.sync.apply import Applier
from hexi_care.sync.identity import EXCHANGE_ROLES, acting_user, ensure_identity, keys_of, require
from hexi_care.sync.types import (
    CancelFn,
    Hooks,
    ImportResult,
    Notice,
    ProgressFn,
    never_cancel,
    no_progress,
)

log = logging.getLogger("hexi_care.sync")

ENROL_FORMATS = ("hexi-care-enrol-request", "hexi-care-enrol-reply", "hexi-care-centre-card")
_ID = re.compile(r"^[0-9a-f-]{36}$")
MAX_FOLDER_SCAN = 2000


@dataclass(frozen=True, slots=True)
class Manifest:
    package_id: str
    sender: str
    recipient: str
    seq: int
    created_at: datetime
    head_seq: int
    head_mac: str
    content_size: int
    content_sha256: str
    parts: list[str]
    part: int

    def core(self, header: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in header.items() if k not in ("part", "body_size", "body_sha256")}


def read_manifest(header: dict[str, Any]) -> Manifest:
    fmt = header.get("format")
    if fmt in ENROL_FORMATS:
        raise BadPackage(reason="enrol_file")
    if fmt != pl.PACKAGE_FORMAT:
        raise BadPackage(reason="not_a_package")
    version = header.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BadPackage(reason="damaged")
    if version > pl.FORMAT_VERSION:
        raise BadPackage(reason="too_new")
    try:
        head = header["audit_head"]
        content = header["content"]
        m = Manifest(
            package_id=str(header["package_id"]),
            sender=str(header["sender"]),
            recipient=str(header["recipient"]),
            seq=int(header["seq"]),
            created_at=datetime.fromisoformat(str(header["created_at"])),
            head_seq=int(head["seq"]),
            head_mac=str(head["mac"]),
            content_size=int(content["size"]),
            content_sha256=str(content["sha256"]),
            parts=[str(x) for x in header["parts"]],
            part=int(header["part"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise BadPackage(reason="damaged") from None
    if m.created_at.tzinfo is None:
        raise BadPackage(reason="damaged")
    if version < 1 or m.seq < 1 or m.head_seq < 0 or not (1 <= len(m.parts) <= pl.MAX_PARTS):
        raise BadPackage(reason="damaged")
    if not (0 <= m.part < len(m.parts)) or not all(
        _ID.match(x) for x in (m.package_id, m.sender, m.recipient)
    ):
        raise BadPackage(reason="damaged")
    if m.content_size > pl.MAX_CONTENT_BYTES:
        raise BadPackage(reason="too_big")
    return m


def _gather_parts(
    path: Path, first: container.Container, manifest: Manifest, sign_public: bytes
) -> list[container.Container]:
    """All parts of the package, found beside `path` by their signed headers."""
    if first.header.get("body_sha256") != manifest.parts[manifest.part]:
        raise BadPackage(reason="mismatch")
    found = {manifest.part: first}
    n = len(manifest.parts)
    other_seq: Any = None  # a part of another export between the same two devices
    if n > 1:
        core = manifest.core(first.header)
        try:
            candidates = sorted(p for p in path.parent.iterdir() if p.is_file() and p != path)[
                :MAX_FOLDER_SCAN
            ]
        except OSError:
            candidates = []
        for candidate in candidates:
            if len(found) == n:
                break
            header = container.peek_header(candidate)
            if header is None:
                continue
            if header.get("package_id") != manifest.package_id:
                if (
                    header.get("format") == pl.PACKAGE_FORMAT
                    and header.get("sender") == manifest.sender
                    and header.get("recipient") == manifest.recipient
                ):
                    other_seq = header.get("seq")
                continue
            index = header.get("part")
            if not isinstance(index, int) or index in found or not 0 <= index < n:
                continue
            if header.get("body_sha256") != manifest.parts[index]:
                continue
            try:
                part = container.read(candidate)
            except BadPackage:
                continue
            if (
                manifest.core(part.header) == core
                and part.header.get("body_sha256") == manifest.parts[index]
                and part.verify_with(sign_public)
            ):
                found[index] = part
                if sum(len(x.body) for x in found.values()) > pl.MAX_CONTENT_BYTES + (1 << 20):
                    raise BadPackage(reason="too_big")
    # Compressed data is never much larger than what it holds: a bigger total is not a package.
    if sum(len(p.body) for p in found.values()) > pl.MAX_CONTENT_BYTES + (1 << 20):
        raise BadPackage(reason="too_big")
    missing = [i + 1 for i in range(n) if i not in found]
    if missing:
        listed = ", ".join(map(str, missing))
        if isinstance(other_seq, int) and not isinstance(other_seq, bool):
            raise BadPackage(reason="mixed_parts", missing=listed, count=n, seq=other_seq)
        raise BadPackage(reason="incomplete", missing=listed, count=n)
    return [found[i] for i in range(n)]


def import_package(
    store: OpenStore,
    path: Path,
    *,
    user: User | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> ImportResult:
    """Verify and import the package at `path` (any of its parts). Raises BadPackage with a
    reason and changes nothing if anything is wrong."""
    hooks = Hooks(progress or no_progress, cancel or never_cancel)
    actor = acting_user(store, user)
    require(actor, EXCHANGE_ROLES, "exchange packages")
    path = Path(path)
    hooks.step("read")
    first = container.read(path)
    manifest = read_manifest(first.header)
    try:
        with UnitOfWork(store, system=True) as uow:
            result = _import(uow, store, path, first, manifest, actor, hooks)
    except IntegrityError:
        log.warning("package refused: records refer to records this store does not have")
        raise BadPackage(reason="inconsistent") from None
    except BadPackage as exc:
        log.info("package refused: %s", exc.params.get("reason"))
        raise
    log.info("package imported: seq %s, %s conflict(s)", result.seq, len(result.conflicts))
    return result


def _import(
    uow: UnitOfWork,
    store: OpenStore,
    path: Path,
    first: container.Container,
    manifest: Manifest,
    actor: User | None,
    hooks: Hooks,
) -> ImportResult:
    s = uow.session
    # Before any check of what was imported: on the hub, packages from many laptops arrive at
    # once, and each import reads the sequences it must continue only once it has the write turn
    # (so a package applied by another import is seen as a replay, never applied twice).
    serialise_writes(s)
    me = ensure_identity(s, store)
    if manifest.recipient != me.id:
        raise BadPackage(reason="wrong_recipient")
    peer = s.get(SyncPeer, manifest.sender)
    if peer is None:
        raise BadPackage(reason="unknown_sender")
    if peer.revoked:
        raise BadPackage(reason="revoked_sender", peer=peer.label)
    hooks.step("verify")
    if not first.verify_with(peer.sign_public):
        raise BadPackage(reason="bad_signature")
    earlier = s.get(SyncImported, manifest.package_id)
    if earlier is not None:
        raise BadPackage(reason="replayed", seq=earlier.seq, peer=peer.label)
    parts = _gather_parts(path, first, manifest, bytes(peer.sign_public))

    keys = keys_of(me)
    opened: list[bytes] = []
    for i, part in enumerate(parts):
        hooks.step("open", i, len(parts))
        plain = keys.open(part.body, pl.seal_info(manifest.package_id, me.id, i))
        if plain is None:
            raise BadPackage(reason="damaged")
        opened.append(plain)
    content = pl.inflate(opened, manifest.content_size)
    del opened
    if pl.sha256(content) != manifest.content_sha256:
        raise BadPackage(reason="mismatch")
    document, blobs = pl.decode_content(content)
    _check_document(document, manifest, len(blobs))

    # Late: older than a package already imported from this sender (by number and by the sender's
    # own clock). A restored sender reuses numbers but writes new packages: those are not late.
    newest = s.scalar(
        select(func.max(SyncImported.created_at)).where(SyncImported.peer_id == peer.id)
    )
    late = manifest.seq < peer.last_seq_in and newest is not None and manifest.created_at < newest
    applier = Applier(
        uow, me, peer, document, blobs, package_id=manifest.package_id, late=late, hooks=hooks
    )
    applier.prepare()
    hooks.step("apply")
    notices = _check_head(uow, peer, manifest, late, applier)
    applier.run()
    notices += applier.notices

    now = uow.now()
    s.add(
        SyncImported(
            package_id=manifest.package_id,
            peer_id=peer.id,
            seq=manifest.seq,
            created_at=manifest.created_at,
            imported_at=now,
            parts=len(parts),
            summary_json=json.dumps(
                {
                    "counts": {k: list(v) for k, v in applier.counts.items()},
                    "conflicts": len(applier.conflicts),
                    "notices": [[n.key, n.params] for n in notices],
                },
                ensure_ascii=False,
            ),
        )
    )
    peer.last_seq_in = max(peer.last_seq_in, manifest.seq)
    peer.last_import_at = now
    s.flush()
    seen = set(s.scalars(select(SyncImported.seq).where(SyncImported.peer_id == peer.id)))
    missing = [n for n in range(1, peer.last_seq_in + 1) if n not in seen]
    if missing:
        notices.append(Notice("exchange.notice.gap", {"seqs": _ranges(missing)}))
    if late:
        notices.append(
            Notice("exchange.notice.late", {"seq": manifest.seq, "newest": peer.last_seq_in})
        )
    total = sum(sum(v) for v in applier.counts.values())
    audit.append(
        s,
        store.mac_key,
        at=now,
        user_id=actor.id if actor else None,
        device_id=store.device_id,
        action="import",
        entity="package",
        entity_id=manifest.package_id,
        detail=f"seq {manifest.seq} from {peer.id}: {total} records, {len(applier.conflicts)} conflicts",
    )
    flagged = {
        "exchange.notice.restore_suspected": "restore_suspected",
        "exchange.notice.restored": "restore_reported",
    }
    for n in notices:
        if n.key in flagged:
            audit.append(
                s,
                store.mac_key,
                at=now,
                user_id=actor.id if actor else None,
                device_id=store.device_id,
                action=flagged[n.key],
                entity="device",
                entity_id=peer.id,
                detail=str(n.params.get("reason", "")),
            )
    s.flush()
    return ImportResult(
        package_id=manifest.package_id,
        peer_id=peer.id,
        peer_label=peer.label,
        seq=manifest.seq,
        parts=len(parts),
        counts=applier.kind_counts(),
        conflicts=list(applier.conflicts),
        missing_seqs=missing,
        notices=notices,
        late=late,
    )


def _check_document(document: dict[str, Any], manifest: Manifest, blob_size: int) -> None:
    """The sealed payload must say what its signed manifest says."""
    if document.get("format") != pl.PAYLOAD_FORMAT or document.get("version") != pl.FORMAT_VERSION:
        raise BadPackage(reason="mismatch")
    for key in ("package_id", "sender", "recipient", "seq"):
        if document.get(key) != getattr(manifest, key):
            raise BadPackage(reason="mismatch")
    items = document.get("items")
    if not isinstance(items, dict):
        raise BadPackage(reason="mismatch")
    if document.get("blob_size") != blob_size:
        raise BadPackage(reason="mismatch")


def _check_head(
    uow: UnitOfWork, peer: SyncPeer, manifest: Manifest, late: bool, applier: Applier
) -> list[Notice]:
    """The sender's audit chain head: older than one seen before, or different at a known
    position, means the sender may be running a restored older copy."""
    s = uow.session
    notices: list[Notice] = []
    reused = s.scalars(
        select(SyncImported.package_id).where(
            SyncImported.peer_id == peer.id, SyncImported.seq == manifest.seq
        )
    ).first()
    reasons: list[str] = []
    if reused is not None:
        reasons.append("seq")
    # A late package (made before one already imported) carries an older head: that is the
    # post being slow, not a restore.
    if manifest.head_seq < peer.audit_head_seq and not late:
        reasons.append("head")
    at_head = set(
        s.scalars(
            select(SyncPeerAudit.mac).where(
                SyncPeerAudit.peer_id == peer.id, SyncPeerAudit.seq == manifest.head_seq
            )
        )
    )
    continues = _continues_head(applier, peer, manifest.head_mac)
    if not continues and (
        (at_head and manifest.head_mac not in at_head)
        or (
            manifest.head_seq == peer.audit_head_seq
            and peer.audit_head_mac
            and peer.audit_head_mac != manifest.head_mac
            and manifest.head_mac not in at_head
        )
    ):
        reasons.append("fork")
    if reasons:
        notices.append(
            Notice(
                "exchange.notice.restore_suspected",
                {"reason": reasons[0], "seen": peer.audit_head_seq, "got": manifest.head_seq},
            )
        )
        applier.reset_confirmed = True
    if manifest.head_seq > peer.audit_head_seq or (reasons and not late):
        # The head of the copy now in use: after a restore, the restored copy's chain, so its
        # next packages are compared with it (and not alarmed again and again).
        peer.audit_head_seq = manifest.head_seq
        peer.audit_head_mac = manifest.head_mac
    s.add(
        SyncAuditHead(
            peer_id=peer.id,
            seq=manifest.head_seq,
            mac=manifest.head_mac,
            package_id=manifest.package_id,
            seen_at=uow.now(),
        )
    )
    return notices


def _continues_head(applier: Applier, peer: SyncPeer, head_mac: str) -> bool:
    """The package's audit events lead, link by link, from the head last seen to its new head: the
    same copy carrying on (after a restore was noticed once, the restored copy's next packages)."""
    if not peer.audit_head_mac:
        return False
    if head_mac == peer.audit_head_mac:
        return True
    prev = {it.values["mac"]: it.values["prev_mac"] for it in applier.items.get("audit", [])}
    mac, steps = head_mac, 0
    while mac in prev and steps <= len(prev):
        mac, steps = prev[mac], steps + 1
        if mac == peer.audit_head_mac:
            return True
    return False


def _ranges(numbers: list[int]) -> str:
    out: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], 0]:
        if n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}–{prev}")
        start = prev = n
    return ", ".join(out)
