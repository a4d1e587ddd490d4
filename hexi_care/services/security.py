"""Revocation as a rekey, and the other store-wide security actions the CLI and the window share:
who may do them, what is audited, what the user is told afterwards."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hexi_care.db import store as store_mod
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
    store: OpenStore, *, reason: str = "rekey", delete_old_backups: bool = False
) -> RekeyOutcome:
    """A new data key for the store (the administrator's action)."""
    require_rekeyer(store)
    return outcome(store_mod.rekey(store, reason=reason), delete_old_backups)


def deactivate_user(
    store: OpenStore, name: str, *, rekey: bool = False, delete_old_backups: bool = False
) -> RekeyOutcome | None:
    """Deactivate a user (their slot goes); with `rekey`, the data key they knew stops opening the
    store and everything written from now on."""
    with UnitOfWork(store) as uow:
        users.deactivate_user(uow, name)
    if not rekey:
        return None
    return outcome(store_mod.rekey(store, reason="deactivate"), delete_old_backups)


def reset_password(
    store: OpenStore,
    name: str,
    new_password: str,
    *,
    rekey: bool = False,
    delete_old_backups: bool = False,
) -> RekeyOutcome | None:
    with UnitOfWork(store) as uow:
        users.change_password(uow, name, new_password)
    if not rekey:
        return None
    require_rekeyer(store)
    return outcome(store_mod.rekey(store, reason="password_reset"), delete_old_backups)


def weak_slots(store_path: Path) -> int:
    """How many key slots are below the Argon2 floor (`store check` reports them)."""
    return len(KeySlots.load(store_mod.keys_path(store_path)).weak_slots())
