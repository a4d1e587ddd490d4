"""Key slots: the store's random data key, wrapped once per user password (Argon2id + AES-256-GCM),
once under the printed recovery code, and once sealed with HPKE to the centre's recovery key.

The slot file sits beside the store (`<store>.keys`). It holds no names in the clear: a slot is found
by a salted hash of the user name. A wrong password fails the GCM unwrap; that is the password check.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import time
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from hexi_care.errors import AuthFailed, AuthThrottled, StoreDamaged, StoreMissing

SLOT_FILE_FORMAT = "hexi-care-keyslots"
SLOT_FILE_VERSION = 1
DATA_KEY_BYTES = 32
TARGET_SECONDS = 0.5
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
HPKE_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id parameters, calibrated once at slot creation and stored in the slot."""

    iterations: int
    memory_kib: int
    lanes: int

    @staticmethod
    def calibrate(target_seconds: float = TARGET_SECONDS) -> KdfParams:
        """Find the iteration count that takes about `target_seconds` on this machine."""
        if (
            os.environ.get("HEXI_CARE_FAST_KDF") == "1"
        ):  # test suites only; documented in docs/cli.md
            return KdfParams.fast()
        memory_kib, lanes = 64 * 1024, 4
        probe = 2
        start = time.perf_counter()
        _derive(b"calibration", b"\0" * 16, KdfParams(probe, memory_kib, lanes))
        per_iteration = max((time.perf_counter() - start) / probe, 1e-4)
        iterations = round(target_seconds / per_iteration)
        return KdfParams(max(2, min(iterations, 64)), memory_kib, lanes)

    @staticmethod
    def fast() -> KdfParams:
        """Cheap parameters for tests; never used for a real store."""
        return KdfParams(iterations=1, memory_kib=8, lanes=1)


def _derive(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    return Argon2id(
        salt=salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=max(params.memory_kib, 8 * params.lanes),
    ).derive(secret)


def normalise_password(password: str) -> bytes:
    return unicodedata.normalize("NFC", password).encode("utf-8")


def normalise_name(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip().casefold()


def normalise_recovery_code(code: str) -> bytes:
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    return cleaned.encode("ascii", "ignore")


def new_recovery_code() -> str:
    """30 characters of Crockford base32 (150 bits), printed in groups of five."""
    chars = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(30))
    return "-".join(chars[i : i + 5] for i in range(0, 30, 5))


@dataclass(slots=True)
class Slot:
    id: str  # salted name hash for password slots; "recovery-code" / "recovery-centre" otherwise
    kind: str  # password | recovery_code | recovery_hpke
    wrapped: str
    nonce: str = ""
    salt: str = ""
    kdf: dict[str, int] | None = None
    created: float = 0.0


class KeySlots:
    """The slot file of one store. All writes are atomic (temp file, fsync, rename)."""

    def __init__(self, path: Path, store_id: str, name_salt: bytes, slots: list[Slot]) -> None:
        self.path = path
        self.store_id = store_id
        self.name_salt = name_salt
        self.slots = slots

    # -- file ----------------------------------------------------------------------------------
    @classmethod
    def new(cls, path: Path, store_id: str) -> KeySlots:
        return cls(path, store_id, secrets.token_bytes(16), [])

    @classmethod
    def load(cls, path: Path) -> KeySlots:
        try:
            raw = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            raise StoreMissing(path=str(path)) from None
        except (OSError, ValueError):
            raise StoreDamaged() from None
        if raw.get("format") != SLOT_FILE_FORMAT or not isinstance(raw.get("slots"), list):
            raise StoreDamaged()
        slots = [Slot(**s) for s in raw["slots"]]
        return cls(path, str(raw["store_id"]), _unb64(raw["name_salt"]), slots)

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": SLOT_FILE_FORMAT,
                "version": SLOT_FILE_VERSION,
                "store_id": self.store_id,
                "name_salt": _b64(self.name_salt),
                "slots": [asdict(s) for s in self.slots],
            },
            indent=1,
            sort_keys=True,
        )

    def save(self) -> None:
        atomic_write(self.path, self.to_json().encode("utf-8"))

    # -- slots ---------------------------------------------------------------------------------
    def slot_id_for(self, user_name: str) -> str:
        digest = hashlib.sha256(self.name_salt + normalise_name(user_name).encode("utf-8"))
        return digest.hexdigest()[:32]

    def _aad(self, slot_id: str, kind: str) -> bytes:
        return f"hexi-care/{self.store_id}/{kind}/{slot_id}".encode()

    def _wrap(
        self, slot_id: str, kind: str, secret: bytes, data_key: bytes, params: KdfParams
    ) -> Slot:
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        kek = _derive(secret, salt, params)
        wrapped = AESGCM(kek).encrypt(nonce, data_key, self._aad(slot_id, kind))
        return Slot(
            id=slot_id,
            kind=kind,
            wrapped=_b64(wrapped),
            nonce=_b64(nonce),
            salt=_b64(salt),
            kdf=asdict(params),
            created=time.time(),
        )

    def _put(self, slot: Slot) -> None:
        self.slots = [s for s in self.slots if s.id != slot.id] + [slot]

    def find(self, slot_id: str) -> Slot | None:
        return next((s for s in self.slots if s.id == slot_id), None)

    def set_password(
        self, user_name: str, password: str, data_key: bytes, params: KdfParams
    ) -> None:
        slot_id = self.slot_id_for(user_name)
        self._put(self._wrap(slot_id, "password", normalise_password(password), data_key, params))

    def remove_user(self, user_name: str) -> None:
        slot_id = self.slot_id_for(user_name)
        self.slots = [s for s in self.slots if s.id != slot_id]

    def has_user(self, user_name: str) -> bool:
        return self.find(self.slot_id_for(user_name)) is not None

    def set_recovery_code(self, code: str, data_key: bytes, params: KdfParams) -> None:
        secret = normalise_recovery_code(code)
        self._put(self._wrap("recovery-code", "recovery_code", secret, data_key, params))

    def set_centre_key(self, centre_public: X25519PublicKey, data_key: bytes) -> None:
        info = self._aad("recovery-centre", "recovery_hpke")
        sealed = HPKE_SUITE.encrypt(data_key, centre_public, info=info)
        self._put(
            Slot(
                id="recovery-centre",
                kind="recovery_hpke",
                wrapped=_b64(sealed),
                created=time.time(),
            )
        )

    def _unwrap(self, slot: Slot, secret: bytes) -> bytes:
        assert slot.kdf is not None
        params = KdfParams(**slot.kdf)
        kek = _derive(secret, _unb64(slot.salt), params)
        try:
            return AESGCM(kek).decrypt(
                _unb64(slot.nonce), _unb64(slot.wrapped), self._aad(slot.id, slot.kind)
            )
        except InvalidTag:
            raise AuthFailed() from None

    def unlock_password(self, user_name: str, password: str) -> bytes:
        slot = self.find(self.slot_id_for(user_name))
        if slot is None:
            # Same work as a real attempt, so timing does not tell which user names exist.
            _derive(normalise_password(password), b"\0" * 16, self._typical_params())
            raise AuthFailed()
        return self._unwrap(slot, normalise_password(password))

    def unlock_recovery_code(self, code: str) -> bytes:
        slot = self.find("recovery-code")
        if slot is None:
            raise AuthFailed()
        return self._unwrap(slot, normalise_recovery_code(code))

    def centre_sealed(self) -> bytes | None:
        slot = self.find("recovery-centre")
        return _unb64(slot.wrapped) if slot else None

    def centre_info(self) -> bytes:
        return self._aad("recovery-centre", "recovery_hpke")

    def _typical_params(self) -> KdfParams:
        for s in self.slots:
            if s.kind == "password" and s.kdf:
                return KdfParams(**s.kdf)
        return KdfParams.fast()


def atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- throttling of failed attempts ---------------------------------------------------------------
FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 300.0


class Throttle:
    """Counts failed unlocks per slot in `<store>.throttle`; after three, each waits twice as long."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def wait_for(self, slot_key: str, now: float | None = None) -> float:
        entry = self._load().get(slot_key)
        if not entry:
            return 0.0
        failures = int(entry.get("failures", 0))
        if failures < FREE_ATTEMPTS:
            return 0.0
        delay = min(2.0 ** (failures - FREE_ATTEMPTS), MAX_WAIT_SECONDS)
        now = time.time() if now is None else now
        return max(0.0, float(entry.get("last", 0)) + delay - now)

    def check(self, slot_key: str) -> None:
        wait = self.wait_for(slot_key)
        if wait > 0:
            raise AuthThrottled(seconds=round(wait, 1))

    def failed(self, slot_key: str) -> None:
        data = self._load()
        entry = data.get(slot_key) or {"failures": 0}
        data[slot_key] = {"failures": int(entry["failures"]) + 1, "last": time.time()}
        atomic_write(self.path, json.dumps(data).encode())

    def succeeded(self, slot_key: str) -> None:
        data = self._load()
        if slot_key in data:
            del data[slot_key]
            atomic_write(self.path, json.dumps(data).encode())


# -- the centre's recovery key pair ---------------------------------------------------------------
def generate_centre_keypair() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def seal_to(public: X25519PublicKey, plaintext: bytes, info: bytes) -> bytes:
    return HPKE_SUITE.encrypt(plaintext, public, info=info)


def open_sealed(private: X25519PrivateKey, sealed: bytes, info: bytes) -> bytes:
    try:
        return HPKE_SUITE.decrypt(sealed, private, info=info)
    except Exception:
        raise AuthFailed() from None
