"""Setting a new password when every password is forgotten: with the recovery code printed at
creation, or through the centre, which holds the private half of the recovery key.

Centre route: the laptop writes a request (the sealed data key from its recovery slot and a fresh
X25519 public key); the centre opens the seal with its private key and seals the data key again to
the request's key; the laptop opens that answer with the private key it kept and sets the password.
The data key never travels in the clear.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from hexi_care.db import store as store_mod
from hexi_care.db.keys import KdfParams, KeySlots, atomic_write, open_sealed, seal_to
from hexi_care.db.store import OpenStore
from hexi_care.errors import AuthFailed, InvalidInput, StoreDamaged
from hexi_care.services.context import UnitOfWork
from hexi_care.services.users import check_password, find_user

REQUEST_FORMAT = "hexi-care-recovery-request"
ANSWER_FORMAT = "hexi-care-recovery-answer"
ANSWER_INFO = b"hexi-care recovery answer v1"


def _pending_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".recovery-pending")


def keygen(folder: Path, passphrase: str) -> str:
    """Write the centre's recovery key pair; the private key is encrypted under `passphrase`."""
    check_password(passphrase)
    folder.mkdir(parents=True, exist_ok=True)
    key = X25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    atomic_write(folder / "centre-recovery.key", private)
    atomic_write(folder / "centre-recovery.pub", public)
    return str(folder / "centre-recovery.pub")


def load_public(path: Path) -> X25519PublicKey:
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (OSError, ValueError):
        raise InvalidInput("key", "bad_json", detail="not a recovery public key") from None
    if not isinstance(key, X25519PublicKey):
        raise InvalidInput("key", "bad_json", detail="not an X25519 key")
    return key


def set_centre_key(store: OpenStore, public_key_file: Path) -> None:
    slots = KeySlots.load(store_mod.keys_path(store.path))
    slots.set_centre_key(load_public(public_key_file), store.data_key)
    slots.save()


def _set_password_with_key(
    store_path: Path, data_key: bytes, user_name: str, new_password: str
) -> None:
    check_password(new_password)
    store = store_mod.open_with_key(store_path, data_key)
    try:
        with UnitOfWork(store, system=True) as uow:
            user = find_user(uow, user_name)
            uow.audit("recover", "user", user.id)
        store_mod.set_password(store, user.name, new_password, KdfParams.calibrate())
    finally:
        store.lock()


def recover_with_code(store_path: Path, code: str, user_name: str, new_password: str) -> None:
    store = store_mod.unlock_with_recovery_code(store_path, code)
    key = store.data_key
    store.lock()
    _set_password_with_key(store_path, key, user_name, new_password)


def make_request(store_path: Path, out: Path) -> None:
    slots = KeySlots.load(store_mod.keys_path(store_path))
    sealed = slots.centre_sealed()
    if sealed is None:
        raise AuthFailed()
    ephemeral = X25519PrivateKey.generate()
    atomic_write(
        _pending_path(store_path),
        ephemeral.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        ),
    )
    request = {
        "format": REQUEST_FORMAT,
        "store_id": slots.store_id,
        "sealed": base64.b64encode(sealed).decode(),
        "info": base64.b64encode(slots.centre_info()).decode(),
        "reply_key": base64.b64encode(
            ephemeral.public_key().public_bytes(
                serialization.Encoding.Raw, serialization.PublicFormat.Raw
            )
        ).decode(),
    }
    atomic_write(out, json.dumps(request).encode())


def answer_request(request_file: Path, private_key_file: Path, passphrase: str, out: Path) -> None:
    try:
        req = json.loads(request_file.read_text("utf-8"))
        if req.get("format") != REQUEST_FORMAT:
            raise ValueError
        sealed = base64.b64decode(req["sealed"])
        info = base64.b64decode(req["info"])
        reply = X25519PublicKey.from_public_bytes(base64.b64decode(req["reply_key"]))
    except (OSError, ValueError, KeyError):
        raise StoreDamaged() from None
    try:
        private = serialization.load_pem_private_key(
            private_key_file.read_bytes(), passphrase.encode("utf-8")
        )
    except (OSError, ValueError, TypeError):
        raise AuthFailed() from None
    if not isinstance(private, X25519PrivateKey):
        raise AuthFailed()
    data_key = open_sealed(private, sealed, info)
    answer = {
        "format": ANSWER_FORMAT,
        "store_id": req["store_id"],
        "sealed": base64.b64encode(
            seal_to(reply, data_key, ANSWER_INFO + req["store_id"].encode())
        ).decode(),
    }
    atomic_write(out, json.dumps(answer).encode())


def complete_request(
    store_path: Path, answer_file: Path, user_name: str, new_password: str
) -> None:
    pending = _pending_path(store_path)
    try:
        ans = json.loads(answer_file.read_text("utf-8"))
        if ans.get("format") != ANSWER_FORMAT:
            raise ValueError
        sealed = base64.b64decode(ans["sealed"])
        private = X25519PrivateKey.from_private_bytes(pending.read_bytes())
    except (OSError, ValueError, KeyError):
        raise StoreDamaged() from None
    data_key = open_sealed(private, sealed, ANSWER_INFO + str(ans["store_id"]).encode())
    _set_password_with_key(store_path, data_key, user_name, new_password)
    pending.unlink(missing_ok=True)
