"""Crash recovery for forms being typed (the visit form): the raw field values of an open form,
sealed with AES-256-GCM under a key derived from the store's data key and written atomically to a
folder beside the store. A crash or a power cut then loses nothing typed, not even input that does
not validate yet and so cannot be saved as a draft. Nothing personal is ever on disk in the clear;
file names hold only the user's and the form's ids.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from hexi_care.db import storefiles
from hexi_care.db.storefiles import atomic_write
from hexi_care.errors import InvalidInput
from hexi_care.services.context import UnitOfWork

FORMAT = 1
SUFFIX = ".rec"
_SAFE = re.compile(r"^[A-Za-z0-9-]{1,64}$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Snapshot:
    form_id: str
    kind: str  # "visit" …
    saved_at: datetime
    data: dict[str, Any]


def recovery_dir(store_path: Path) -> Path:
    return storefiles.form_recovery_dir(store_path)


def _key(uow: UnitOfWork) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"hexi-care form recovery v1"
    ).derive(uow.store.data_key)


def _owner(uow: UnitOfWork) -> str:
    return uow.user.id if uow.user is not None else "system"


def _aad(uow: UnitOfWork, form_id: str) -> bytes:
    return f"hexi-care/{uow.store.store_id}/{_owner(uow)}/{form_id}".encode()


def _path(uow: UnitOfWork, form_id: str) -> Path:
    if not _SAFE.match(form_id):
        raise InvalidInput("form", "unknown", value=form_id)
    return recovery_dir(uow.store.path) / f"{_owner(uow)}-{form_id}{SUFFIX}"


def save(uow: UnitOfWork, form_id: str, kind: str, data: dict[str, Any]) -> None:
    """Seal and write the form's values, replacing the previous snapshot of the same form."""
    folder = recovery_dir(uow.store.path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    body = json.dumps(
        {
            "format": FORMAT,
            "kind": kind,
            "form_id": form_id,
            "saved_at": uow.now().isoformat(),
            "data": data,
        },
        ensure_ascii=False,
        default=str,
    ).encode("utf-8")
    nonce = os.urandom(12)
    sealed = nonce + AESGCM(_key(uow)).encrypt(nonce, body, _aad(uow, form_id))
    atomic_write(_path(uow, form_id), sealed)


def pending(uow: UnitOfWork, kind: str | None = None) -> list[Snapshot]:
    """The user's snapshots left by a session that did not close its forms, oldest first.
    Snapshots that do not open (another store's, damaged) are skipped."""
    folder = recovery_dir(uow.store.path)
    if not folder.is_dir():
        return []
    out: list[Snapshot] = []
    key = AESGCM(_key(uow))
    prefix = _owner(uow) + "-"
    for f in sorted(folder.glob(f"{prefix}*{SUFFIX}")):
        form_id = f.name[len(prefix) : -len(SUFFIX)]
        try:
            raw = f.read_bytes()
            body = json.loads(key.decrypt(raw[:12], raw[12:], _aad(uow, form_id)))
            snap = Snapshot(
                form_id=form_id,
                kind=str(body["kind"]),
                saved_at=datetime.fromisoformat(body["saved_at"]),
                data=dict(body["data"]),
            )
        except (OSError, ValueError, KeyError, TypeError, InvalidTag):
            continue
        if kind is None or snap.kind == kind:
            out.append(snap)
    out.sort(key=lambda s: s.saved_at)
    return out


def discard(uow: UnitOfWork, form_id: str) -> None:
    """Forget a form's snapshot (it was saved, submitted or closed on purpose)."""
    _path(uow, form_id).unlink(missing_ok=True)
