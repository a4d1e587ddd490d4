"""Exchange between laptops and the centre: enrolment, signed and sealed package files, merging.

No network is assumed: package files travel on a USB stick, a shared folder or mail. Everything
here is free of Qt; the window's 数据交换 page and the `hexi-care device|package|conflict` commands
call the same functions. Each function opens its own unit of work (one transaction) on the store it
is given, so call it from the database worker thread, never from the GUI thread.

API (all names importable from `hexi_care.sync`; `user` defaults to `store.user`)

Device and enrolment
    device_info(store) -> DeviceInfo                 this store's id, role, unit, fingerprint
    list_peers(store) -> list[PeerInfo]              enrolled devices (the centre, or laptops)
    make_card(store, out) -> CentreCard               centre: write its card (keys, name, fingerprint)
    read_card(path, fingerprint) -> CentreCard       laptop: a card whose fingerprint was compared
    make_request(store, out, unit_ref=None, card=None, card_fingerprint=None) -> EnrolResult
                                                     laptop: write a request file
    enrol_device(store, request, out, unit_ref=None) -> EnrolResult   centre: enrol, write answer
    accept_reply(store, reply) -> EnrolResult        laptop: take the centre's answer
    revoke_peer(store, ref) -> PeerInfo              centre: stop trusting a lost laptop
  Show `EnrolResult.own_fingerprint` and `.peer_fingerprint` (six groups of four digits) and ask
  the user to compare them with the other side by phone or on paper.

Packages
    export_package(store, peer_ref, out, progress=None, cancel=None, part_size=…) -> ExportResult
    import_package(store, path, progress=None, cancel=None) -> ImportResult
  `progress(stage, done, total)` is called between steps (stages: collect, pack, seal, write;
  read, verify, open, apply); `cancel()` returning True stops the work with ExchangeCancelled and
  nothing written or imported. Pass e.g. `threading.Event().is_set` as `cancel`.
  A package too big for one file is split: ExportResult.files lists every part; importing any
  one part finds the others in the same folder and imports all of them as one.
  Refusals raise `hexi_care.errors.BadPackage` (exit code 5) whose `.params["reason"]` is one of
  not_a_package, truncated, damaged, too_new, too_big, wrong_recipient, unknown_sender,
  revoked_sender, bad_signature, replayed, incomplete, mismatch, malformed, out_of_scope,
  inconsistent, enrol_file; `.message(lang)` gives the sentence in Chinese or English.
  ImportResult.counts: per kind new/updated/unchanged; .conflicts: ids of conflicts found;
  .missing_seqs: gaps; .notices: Notice(key, params) to show with `hexi_care.messages.t`.

Conflicts
    list_conflicts(store, include_resolved=False) -> list[ConflictInfo]
    resolve_conflict(store, conflict_id, keep) -> ConflictInfo     keep: "mine" | "theirs" | value
  Only supervisors at the centre resolve; a laptop lists its communities' conflicts read-only.

docs/exchange.md describes the file format and the merge rules.
"""

from __future__ import annotations

from hexi_care.sync.audit_copy import AuditBranch, peer_audit
from hexi_care.sync.conflicts import list_conflicts, resolve_conflict
from hexi_care.sync.enrol import accept_reply, enrol_device, make_card, make_request, read_card
from hexi_care.sync.export import export_package
from hexi_care.sync.identity import device_info, list_peers, revoke_peer
from hexi_care.sync.importer import import_package
from hexi_care.sync.types import (
    CentreCard,
    ConflictInfo,
    DeviceInfo,
    EnrolResult,
    ExchangeCancelled,
    ExportResult,
    ImportResult,
    KindCount,
    Notice,
    PeerInfo,
)

__all__ = [
    "AuditBranch",
    "CentreCard",
    "ConflictInfo",
    "DeviceInfo",
    "EnrolResult",
    "ExchangeCancelled",
    "ExportResult",
    "ImportResult",
    "KindCount",
    "Notice",
    "PeerInfo",
    "accept_reply",
    "device_info",
    "enrol_device",
    "export_package",
    "import_package",
    "list_conflicts",
    "list_peers",
    "make_card",
    "make_request",
    "peer_audit",
    "read_card",
    "resolve_conflict",
    "revoke_peer",
]
