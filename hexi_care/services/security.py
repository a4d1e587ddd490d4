"""Revocation as a rekey, and the other store-wide security actions the CLI and the window share:
who may do them, what is audited, what the user is told afterwards."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hexi_care.db import store as store_mod
from hexi_care.db import storefiles
from hexi_care.db.keys import KeySlots
from hexi_care.db.store import OpenStore, RekeyResult
from hexi_care.domain.enums import Role
from hexi_care.errors import ScopeDenied
from hexi_care.services import users
from hexi_care.services.context import UnitOfWork

REKEYERS = (Role.ADMIN,)


@dataclass(frozen=True, slots=True)
class RekeyOutcome:
    recovery_code: str
    backup: Path | None
    older_backups: list[Path]
    deleted_backups: int = 0
    dropped_slots: int = 0
    notes: list[str] = field(default_factory=list)


def outcome(result: RekeyResult, delete_old_backups: bool) -> RekeyOutcome:
    deleted = store_mod.delete_backups(result.older_backups) if delete_old_backups else 0
    left = [p for p in result.older_backups if p.exists()]
    return RekeyOutcome(result.recovery_code, result.backup, left, deleted, result.dropped_slots)


def require_rekeyer(store: OpenStore) -> None:
    with UnitOfWork(store) as uow:
        if uow.role not in REKEYERS:
            uow.audit("refused", "store", None, "rekey")
    user = store.user
    if user is None or user.role not in REKEYERS:
        raise ScopeDenied(
            "role_denied", role=user.role.value if user else "", action="rekey the store"
        )


def rekey_store(
    store: OpenStore,
    *,
    reason: str = "rekey",
    delete_old_backups: bool = False,
    backup_folders: Sequence[Path] = (),
) -> RekeyOutcome:
    """A new data key for the store (the administrator's action). `backup_folders`: folders
    beyond the default where older backups may lie (the one chosen in Settings)."""
    require_rekeyer(store)
    result = store_mod.rekey(store, reason=reason, backup_folders=backup_folders)
    return outcome(result, delete_old_backups)


def deactivate_user(
    store: OpenStore,
    name: str,
    *,
    rekey: bool = False,
    delete_old_backups: bool = False,
    backup_folders: Sequence[Path] = (),
) -> RekeyOutcome | None:
    """Deactivate a user (their slot goes); with `rekey`, the data key they knew stops opening the
    store and everything written from now on."""
    with UnitOfWork(store) as uow:
        users.deactivate_user(uow, name)
    if not rekey:
        return None
    result = store_mod.rekey(store, reason="deactivate", backup_folders=backup_folders)
    return outcome(result, delete_old_backups)


def reset_password(
    store: OpenStore,
    name: str,
    new_password: str,
    *,
    rekey: bool = False,
    delete_old_backups: bool = False,
    backup_folders: Sequence[Path] = (),
) -> RekeyOutcome | None:
    with UnitOfWork(store) as uow:
        users.change_password(uow, name, new_password)
    if not rekey:
        return None
    require_rekeyer(store)
    result = store_mod.rekey(store, reason="password_reset", backup_folders=backup_folders)
    return outcome(result, delete_old_backups)


def weak_slots(store_path: Path) -> int:
    """How many key slots are below the Argon2 floor (`store check` reports them)."""
    return len(KeySlots.load(storefiles.keys_path(store_path)).weak_slots())


def old_centre_slot(store_path: Path) -> bool:
    """Whether the centre recovery slot is of the old format, which the centre can no longer
    answer (`store check` and Settings say to run `recovery set-centre-key` again)."""
    return KeySlots.load(storefiles.keys_path(store_path)).old_centre_slot()
