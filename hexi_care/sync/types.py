"""Plain results the exchange returns to the CLI and the window, and the progress/cancel hooks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from hexi_care.errors import UserProblem

# progress(stage, done, total): stage is one of the STAGES keys; total may be 0 when unknown.
ProgressFn = Callable[[str, int, int], None]
# cancel() -> True to stop: the UI passes e.g. `threading.Event().is_set`.
CancelFn = Callable[[], bool]

STAGES = ("collect", "pack", "seal", "write", "read", "verify", "open", "apply")

ROLE_CENTRE = "centre"
ROLE_LAPTOP = "laptop"


class ExchangeCancelled(UserProblem):
    """The user cancelled; nothing was written or imported."""

    exit_code = 1
    key = "exchange.cancelled"


def no_progress(_stage: str, _done: int, _total: int) -> None:
    return None


def never_cancel() -> bool:
    return False


@dataclass(frozen=True, slots=True)
class Hooks:
    progress: ProgressFn = no_progress
    cancel: CancelFn = never_cancel

    def step(self, stage: str, done: int = 0, total: int = 0) -> None:
        if self.cancel():
            raise ExchangeCancelled()
        self.progress(stage, done, total)


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    device_id: str
    store_id: str
    role: str | None  # "centre", "laptop" or None before the first enrolment
    unit_id: str | None
    unit_name: str
    fingerprint: str


@dataclass(frozen=True, slots=True)
class PeerInfo:
    id: str
    label: str
    role: str
    unit_id: str | None
    unit_name: str
    fingerprint: str
    revoked: bool
    enrolled_at: datetime
    next_seq_out: int
    last_seq_in: int
    audit_head_seq: int
    last_export_at: datetime | None
    last_import_at: datetime | None


@dataclass(frozen=True, slots=True)
class EnrolResult:
    """After `request`, `enrol` or `accept`: the file written (if any) and both fingerprints."""

    file: Path | None
    own_fingerprint: str
    peer: PeerInfo | None
    peer_fingerprint: str
    unit_name: str = ""  # the unit the laptop serves (after enrol/accept)
    local_only_units: int = 0  # units of the laptop that the centre does not know (accept)
    directors: list[str] = field(default_factory=list)  # named in the request (enrol), not stored
    centre_label: str = ""  # the centre whose card sealed the request (request with a card)


@dataclass(frozen=True, slots=True)
class CentreCard:
    """The centre's public keys, name and fingerprint, as a laptop reads them from a card file."""

    file: Path
    device_id: str
    label: str
    fingerprint: str
    sign_public: bytes = field(repr=False)
    kem_public: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class ExportResult:
    package_id: str
    peer_id: str
    peer_label: str
    seq: int
    files: list[Path]
    counts: dict[str, int]
    size: int
    held_back: dict[
        str, int
    ]  # kind -> records left for a later package (e.g. attachments over the cap)


@dataclass(frozen=True, slots=True)
class KindCount:
    new: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the import noticed (a gap, a possible restore): a message key and parameters."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ImportResult:
    package_id: str
    peer_id: str
    peer_label: str
    seq: int
    parts: int
    counts: dict[str, KindCount]
    conflicts: list[str]  # ids of conflicts found by this import
    missing_seqs: list[int]  # packages from this sender not imported yet (gaps)
    notices: list[Notice]
    late: bool  # an older package that arrived after a newer one


@dataclass(frozen=True, slots=True)
class ConflictInfo:
    id: str
    entity: str
    entity_id: str
    subject: str  # the record as people know it (a child's name, a household's address)
    community_id: str
    field: str
    base: Any
    mine: Any
    theirs: Any
    mine_user: str
    mine_at: datetime | None
    theirs_user: str
    theirs_at: datetime | None
    detected_at: datetime
    status: str  # open | resolved
    resolution: str | None
    resolved_value: Any
    resolved_by: str
    resolved_at: datetime | None
    current: Any = None  # the field's value in this store now (it may have moved since)
