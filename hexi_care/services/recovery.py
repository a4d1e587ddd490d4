"""Setting a new password when every password is forgotten: with the recovery code printed at
creation, or through the centre, which holds the private half of the recovery key.

Centre route: the laptop writes a request (the sealed centre slot, a fresh X25519 reply key and the
name of the user who asks). The reply key's private half is kept beside the store wrapped under the
*new* password the user chose (so a copy of the folder does not carry a usable key). The centre
operator logs in to the centre's store, sees the device, unit and user from inside the seal, compares
the short code with the one the caller reads out on the phone, and answers: the data key sealed to
the reply key, bound to the store id. A revoked (lost) device is refused, and every answer is an
audit event at the centre. The data key never travels in the clear.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select

from hexi_care.db import store as store_mod
from hexi_care.db import storefiles
from hexi_care.db.keys import (
    RECOVERY_ALPHABET,
    KdfParams,
    KeySlots,
    Throttle,
    normalise_password,
    open_sealed,
    parse_centre_payload,
    seal_to,
)
from hexi_care.db.keys import _derive as derive_kek
from hexi_care.db.store import OpenStore
from hexi_care.domain.enums import Role
from hexi_care.errors import AuthFailed, InvalidInput, StoreDamaged, StoreProblem, UserProblem
from hexi_care.services.context import UnitOfWork
from hexi_care.services.security import RekeyOutcome, outcome
from hexi_care.services.users import check_password, find_user

REQUEST_FORMAT = "hexi-care-recovery-request"
REQUEST_VERSION = 2
ANSWER_FORMAT = "hexi-care-recovery-answer"
ANSWER_INFO = b"hexi-care recovery answer v2"
PENDING_FORMAT = "hexi-care-recovery-pending"
ANSWERERS = (Role.CENTRE_SUPERVISOR, Role.ADMIN)


class RecoveryRefused(UserProblem):
    """A recovery request or answer that must not be acted on (exit 5: bad input)."""

    exit_code = 5


def keygen(folder: Path, passphrase: str) -> str:
    """Write the centre's recovery key pair; the private key is encrypted under `passphrase`."""
    check_password(passphrase)
    storefiles.private_dir(folder)
    key = X25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    storefiles.atomic_write(folder / "centre-recovery.key", private)
    storefiles.atomic_write(folder / "centre-recovery.pub", public)
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
    """The administrator gives the store the centre's recovery key; audited once the key slots
    hold it (a refused or failed change leaves no such event). A store opened by no user (being
    set up) does it as its own work."""
    system = store.user is None
    with UnitOfWork(store, system=system) as uow:
        uow.require_role(Role.ADMIN, action="set the centre's recovery key")
    public = load_public(public_key_file)
    payload = store_mod.centre_payload_for(store, store.data_key)
    with store.edit_slots() as slots:
        slots.set_centre_key(public, payload)
    with UnitOfWork(store, system=system) as uow:
        uow.audit("update", "key_slots", None, "centre recovery key")


# -- the short code both ends read ----------------------------------------------------------------
def short_code(request: dict[str, Any]) -> str:
    """Eight characters derived from the whole request: the laptop shows it, the centre operator
    asks for it on the phone. A different or altered request gives a different code."""
    body = json.dumps(
        {k: request.get(k) for k in ("store_id", "sealed", "reply_key", "user", "nonce")},
        sort_keys=True,
    ).encode("utf-8")
    digest = hashlib.sha256(b"hexi-care recovery code\0" + body).digest()
    n = int.from_bytes(digest[:5], "big")
    chars = "".join(RECOVERY_ALPHABET[(n >> (5 * i)) & 31] for i in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def _same_code(a: str, b: str) -> bool:
    def clean(x: str) -> str:
        return "".join(ch for ch in x.upper() if ch.isalnum())

    return secrets.compare_digest(clean(a), clean(b))


# -- laptop: the recovery code ---------------------------------------------------------------------
def _set_password_with_key(
    store_path: Path, data_key: bytes, user_name: str, new_password: str, route: str
) -> OpenStore:
    """Set the slot and audit which route was used; returns the open store (the caller locks it)."""
    store = store_mod.open_with_key(store_path, data_key)
    try:
        with UnitOfWork(store, system=True) as uow:
            user = find_user(uow, user_name)
            check_password(new_password, names=(user.name, user.display_name))
            store_mod.set_password(store, user.name, new_password, KdfParams.calibrate())
            uow.audit("recover", "user", user.id, route)  # once the new password opens it
        store.user = store_mod.load_user(store, user.name)
    except BaseException:
        store.lock()
        raise
    return store


def recover_with_code(
    store_path: Path,
    code: str,
    user_name: str,
    new_password: str,
    *,
    rekey: bool = False,
    delete_old_backups: bool = False,
) -> RekeyOutcome | None:
    """The printed code opens the store; the user gets a new password. With `rekey`, the store
    also gets a new data key and a new recovery code (the old one was used, so treat it as seen)."""
    opened = store_mod.unlock_with_recovery_code(store_path, code)
    key = opened.data_key
    opened.lock()
    store = _set_password_with_key(store_path, key, user_name, new_password, "recovery_code")
    try:
        if not rekey:
            return None
        return outcome(store_mod.rekey(store, reason="recovery_code"), delete_old_backups)
    finally:
        store.lock()


# -- laptop: the centre route ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Request:
    path: Path
    code: str


def make_request(store_path: Path, out: Path, user_name: str, new_password: str) -> Request:
    """Write a request for `user_name`; the reply key is kept wrapped under `new_password`, which
    the user types again to complete."""
    check_password(new_password, names=(user_name,))
    slots = KeySlots.load(storefiles.keys_path(store_path))
    sealed = slots.centre_sealed()
    if sealed is None:
        raise StoreProblem("recovery.no_centre_slot")
    ephemeral = X25519PrivateKey.generate()
    raw_private = ephemeral.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    params = KdfParams.calibrate()
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = derive_kek(normalise_password(new_password), salt, params)
    aad = f"{PENDING_FORMAT}/{slots.store_id}".encode()
    request: dict[str, Any] = {
        "format": REQUEST_FORMAT,
        "version": REQUEST_VERSION,
        "store_id": slots.store_id,
        "user": user_name,
        "nonce": base64.b64encode(secrets.token_bytes(12)).decode(),
        "sealed": base64.b64encode(sealed).decode(),
        "reply_key": base64.b64encode(
            ephemeral.public_key().public_bytes(
                serialization.Encoding.Raw, serialization.PublicFormat.Raw
            )
        ).decode(),
    }
    pending = {
        "format": PENDING_FORMAT,
        "store_id": slots.store_id,
        "user": user_name,
        "reply_key": request["reply_key"],
        "salt": base64.b64encode(salt).decode(),
        "nonce": base64.b64encode(nonce).decode(),
        "kdf": {
            "iterations": params.iterations,
            "memory_kib": params.memory_kib,
            "lanes": params.lanes,
        },
        "wrapped": base64.b64encode(AESGCM(kek).encrypt(nonce, raw_private, aad)).decode(),
    }
    with storefiles.locked(store_path):
        storefiles.atomic_write(
            storefiles.pending_recovery_path(store_path), json.dumps(pending).encode()
        )
    storefiles.atomic_write(out, json.dumps(request, ensure_ascii=False).encode("utf-8"))
    return Request(out, short_code(request))


def complete_request(
    store_path: Path,
    answer_file: Path,
    user_name: str,
    new_password: str,
    *,
    rekey: bool = False,
    delete_old_backups: bool = False,
) -> RekeyOutcome | None:
    """Open the centre's answer with the reply key (unwrapped by the new password typed at request
    time, through the throttle) and set that password."""
    pending_path = storefiles.pending_recovery_path(store_path)
    slots = KeySlots.load(storefiles.keys_path(store_path))
    ans, sealed = read_answer(answer_file)
    try:
        pending = json.loads(pending_path.read_text("utf-8"))
        if not isinstance(pending, dict) or pending.get("format") != PENDING_FORMAT:
            raise ValueError
    except FileNotFoundError:
        raise RecoveryRefused("recovery.no_request") from None
    except (OSError, ValueError, KeyError):
        raise StoreDamaged() from None
    if ans.get("store_id") != slots.store_id or pending.get("store_id") != slots.store_id:
        raise RecoveryRefused("recovery.wrong_store")
    throttle = Throttle(store_path)
    throttle.begin("recovery-pending")
    try:
        params = KdfParams(**pending["kdf"])
        kek = derive_kek(
            normalise_password(new_password), base64.b64decode(pending["salt"]), params
        )
        raw_private = AESGCM(kek).decrypt(
            base64.b64decode(pending["nonce"]),
            base64.b64decode(pending["wrapped"]),
            f"{PENDING_FORMAT}/{slots.store_id}".encode(),
        )
    except InvalidTag:
        raise AuthFailed() from None
    except (KeyError, TypeError, ValueError):
        raise StoreDamaged() from None
    throttle.succeeded("recovery-pending")
    private = X25519PrivateKey.from_private_bytes(raw_private)
    data_key = open_sealed(private, sealed, _answer_info(slots.store_id, pending["reply_key"]))
    store = _set_password_with_key(store_path, data_key, user_name, new_password, "centre")
    try:
        result = (
            outcome(store_mod.rekey(store, reason="centre_recovery"), delete_old_backups)
            if rekey
            else None
        )
    finally:
        store.lock()
    pending_path.unlink(missing_ok=True)
    return result


def read_answer(answer_file: Path) -> tuple[dict[str, Any], bytes]:
    """The centre's answer file: its fields and the sealed reply (StoreDamaged if it is not one)."""
    try:
        ans = json.loads(answer_file.read_text("utf-8"))
        if not isinstance(ans, dict) or ans.get("format") != ANSWER_FORMAT:
            raise ValueError
        sealed = base64.b64decode(ans["sealed"])
    except FileNotFoundError:
        raise RecoveryRefused("recovery.no_request") from None
    except (OSError, ValueError, KeyError, TypeError):
        raise StoreDamaged() from None
    return ans, sealed


def _answer_info(store_id: str, reply_key_b64: str) -> bytes:
    return ANSWER_INFO + b"/" + store_id.encode() + b"/" + reply_key_b64.encode()


# -- centre: answering ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RequestDetails:
    """What the centre operator checks before answering (all from inside the seal, except the user
    name the caller typed)."""

    store_id: str
    device_id: str
    unit: str
    user: str
    code: str
    enrolled: bool
    device_label: str


def _read_request(request_file: Path) -> dict[str, Any]:
    try:
        req = json.loads(request_file.read_text("utf-8"))
        if not isinstance(req, dict) or req.get("format") != REQUEST_FORMAT:
            raise ValueError
        if req.get("version") != REQUEST_VERSION:
            raise RecoveryRefused("recovery.old_request")
        for k in ("store_id", "sealed", "reply_key", "user", "nonce"):
            if not isinstance(req.get(k), str):
                raise ValueError
        return req
    except (OSError, ValueError):
        raise StoreDamaged() from None


def _load_private(private_key_file: Path, passphrase: str) -> X25519PrivateKey:
    try:
        private = serialization.load_pem_private_key(
            private_key_file.read_bytes(), passphrase.encode("utf-8")
        )
    except (OSError, ValueError, TypeError):
        raise AuthFailed() from None
    if not isinstance(private, X25519PrivateKey):
        raise AuthFailed()
    return private


def inspect_request(
    uow: UnitOfWork, request_file: Path, private_key_file: Path, passphrase: str
) -> tuple[RequestDetails, bytes]:
    """Open a request at the centre and check it; returns what to show and the data key."""
    from hexi_care.db.sync_models import SyncPeer

    uow.require_role(*ANSWERERS, action="answer recovery requests")
    req = _read_request(request_file)
    private = _load_private(private_key_file, passphrase)
    # The seal is opened with the info of the store id the request *claims*: a slot copied from
    # another store does not open, and the id inside must match too.
    info = KeySlots(Path(), req["store_id"], b"", []).centre_info()
    try:
        payload = parse_centre_payload(open_sealed(private, base64.b64decode(req["sealed"]), info))
    except (AuthFailed, StoreDamaged, ValueError):
        raise uow.refuse(RecoveryRefused("recovery.mismatch"), "recovery", None, "seal") from None
    if payload.store_id != req["store_id"]:
        raise uow.refuse(RecoveryRefused("recovery.mismatch"), "recovery", None, "store_id")
    peer = uow.session.scalar(select(SyncPeer).where(SyncPeer.store_id == payload.store_id))
    if peer is None:
        peer = uow.session.get(SyncPeer, payload.device_id)
    details = RequestDetails(
        store_id=payload.store_id,
        device_id=payload.device_id,
        unit=payload.unit,
        user=req["user"],
        code=short_code(req),
        enrolled=peer is not None,
        device_label=peer.label if peer is not None else "",
    )
    if peer is not None and peer.revoked:
        raise uow.refuse(
            RecoveryRefused("recovery.revoked", device=payload.device_id[:8]),
            "recovery",
            peer.id,
            "revoked",
        )
    return details, payload.data_key


def answer_request(
    uow: UnitOfWork,
    request_file: Path,
    private_key_file: Path,
    passphrase: str,
    out: Path,
    confirmed_code: str,
) -> RequestDetails:
    """Answer a checked request once the operator has typed the code the caller read out."""
    details, data_key = inspect_request(uow, request_file, private_key_file, passphrase)
    req = _read_request(request_file)
    if not _same_code(confirmed_code, details.code):
        raise uow.refuse(
            RecoveryRefused("recovery.code_mismatch"), "recovery", details.device_id, "code"
        )
    reply = X25519PublicKey.from_public_bytes(base64.b64decode(req["reply_key"]))
    answer = {
        "format": ANSWER_FORMAT,
        "store_id": details.store_id,
        "sealed": base64.b64encode(
            seal_to(reply, data_key, _answer_info(details.store_id, req["reply_key"]))
        ).decode(),
    }
    storefiles.atomic_write(out, json.dumps(answer).encode())
    uow.audit(
        "recovery_answer",
        "recovery",
        details.device_id,
        json.dumps(
            {
                "store_id": details.store_id,
                "unit": details.unit,
                "user": details.user,
                "code": details.code,
            },
            ensure_ascii=False,
        ),
    )
    return details
