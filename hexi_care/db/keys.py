"""Key slots: the store's random data key, opened once per user password, once by the printed
recovery code, and once by the centre's recovery key.

A password slot keeps an X25519 key pair: the private half wrapped under the password (Argon2id +
AES-256-GCM), the data key sealed to the public half (HPKE). So a rekey can seal a new data key to
every live user without knowing their passwords, and a removed user's slot opens nothing new.
The recovery-code slot wraps the data key directly; the centre slot seals it to the centre's key.

The slot file sits beside the store (`<store>.keys`). It holds no names in the clear: a slot is found
by a salted hash of the user name. A wrong password fails the GCM unwrap; that is the password check.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import secrets
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from hexi_care.db import storefiles
from hexi_care.errors import AuthFailed, AuthThrottled, StoreDamaged, StoreMissing

SLOT_FILE_FORMAT = "hexi-care-keyslots"
SLOT_FILE_VERSION = 2
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
        """Find the iteration count that takes about `target_seconds` on this machine.

        Nothing outside the code (no environment variable, no setting) can lower it: a test suite
        that wants cheap slots passes `kdf=` explicitly or replaces this function in its fixtures."""
        memory_kib, lanes = 64 * 1024, 4
        probe = 2
        start = time.perf_counter()
        _derive(b"calibration", b"\0" * 16, KdfParams(probe, memory_kib, lanes))
        per_iteration = max((time.perf_counter() - start) / probe, 1e-4)
        iterations = round(target_seconds / per_iteration)
        return KdfParams(max(2, min(iterations, 64)), memory_kib, lanes)

    @staticmethod
    def fast() -> KdfParams:
        """Cheap parameters for tests; below the floor, so unlock replaces them on a real store."""
        return KdfParams(iterations=1, memory_kib=8, lanes=1)

    def below(self, floor: KdfParams) -> bool:
        return self.iterations < floor.iterations or self.memory_kib < floor.memory_kib


# The weakest slot a store keeps (OWASP's Argon2id minimum: 19 MiB, 2 passes). Unlock rewraps any
# slot below it with freshly calibrated parameters; `store check` reports one it finds.
FLOOR = KdfParams(iterations=2, memory_kib=19 * 1024, lanes=1)


def kdf_floor() -> KdfParams:
    return FLOOR


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
    # Password slots (version 2) and the centre slot: the slot's X25519 public key, and the data key
    # sealed to it with HPKE. `wrapped` then holds the private key under the password. A rekey
    # seals the new data key to every public key without needing anyone's password.
    public: str = ""
    sealed: str = ""


_SLOT_TEXT = ("id", "kind", "wrapped", "nonce", "salt", "public", "sealed")


def _slot(raw: Any) -> Slot:
    """One slot from the file, with the type of every field checked."""
    if not isinstance(raw, dict) or not set(raw) <= set(Slot.__dataclass_fields__):
        raise TypeError("not a slot")
    for name in _SLOT_TEXT:
        if name in raw and not isinstance(raw[name], str):
            raise TypeError(name)
    kdf = raw.get("kdf")
    if kdf is not None and not (
        isinstance(kdf, dict)
        and set(kdf) <= set(KdfParams.__dataclass_fields__)
        and all(type(v) is int for v in kdf.values())
    ):
        raise TypeError("kdf")
    created = raw.get("created", 0.0)
    if isinstance(created, bool) or not isinstance(created, int | float):
        raise TypeError("created")
    return Slot(**raw)


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
        return cls.parse(path, raw)

    @classmethod
    def parse(cls, path: Path, raw: Any) -> KeySlots:
        """The slot file's JSON, checked field by field: anything else is a damaged file, never
        a crash later (found by fuzzing)."""
        if (
            not isinstance(raw, dict)
            or raw.get("format") != SLOT_FILE_FORMAT
            or not isinstance(raw.get("slots"), list)
            or not isinstance(raw.get("store_id"), str)
            or not isinstance(raw.get("name_salt"), str)
        ):
            raise StoreDamaged()
        try:
            slots = [_slot(s) for s in raw["slots"]]
            return cls(path, raw["store_id"], _unb64(raw["name_salt"]), slots)
        except (TypeError, ValueError, UnicodeEncodeError):
            raise StoreDamaged() from None

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
        storefiles.atomic_write(self.path, self.to_json().encode("utf-8"))

    def weak_slots(self) -> list[Slot]:
        """Password slots whose Argon2 parameters are below the floor. (The recovery code has 150
        random bits: its slot does not lean on Argon2 to resist guessing.)"""
        floor = kdf_floor()
        return [
            s
            for s in self.slots
            if s.kind == "password" and s.kdf is not None and KdfParams(**s.kdf).below(floor)
        ]

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
        self._put(self._password_slot(self.slot_id_for(user_name), password, data_key, params))

    def _password_slot(
        self, slot_id: str, password: str, data_key: bytes, params: KdfParams
    ) -> Slot:
        private = X25519PrivateKey.generate()
        raw_private = private.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        slot = self._wrap(slot_id, "password", normalise_password(password), raw_private, params)
        slot.public = _b64(_raw_public(private.public_key()))
        slot.sealed = _b64(
            HPKE_SUITE.encrypt(data_key, private.public_key(), info=self._info(slot))
        )
        return slot

    def _info(self, slot: Slot) -> bytes:
        # Binds the sealed data key to this store and slot: a seal copied elsewhere opens nothing.
        return self._aad(slot.id, slot.kind) + b"/sealed"

    def reseal(self, data_key: bytes, centre_payload: bytes | None = None) -> list[str]:
        """Seal `data_key` to every slot that has a public key (a rekey); returns the ids of the
        slots that could not take it (old-format slots, which the caller drops)."""
        dropped: list[str] = []
        kept: list[Slot] = []
        for slot in self.slots:
            if slot.kind == "password" and slot.public:
                public = X25519PublicKey.from_public_bytes(_unb64(slot.public))
                slot.sealed = _b64(HPKE_SUITE.encrypt(data_key, public, info=self._info(slot)))
                kept.append(slot)
            elif slot.kind == "recovery_hpke" and slot.public and centre_payload is not None:
                public = X25519PublicKey.from_public_bytes(_unb64(slot.public))
                sealed = HPKE_SUITE.encrypt(centre_payload, public, info=self.centre_info())
                slot.wrapped = _b64(sealed)
                slot.created = time.time()
                kept.append(slot)
            elif slot.kind == "recovery_code":
                kept.append(slot)  # the caller issues a new code: this slot is replaced
            else:
                dropped.append(slot.id)
        self.slots = kept
        return dropped

    def password_slot_ids(self) -> list[str]:
        return [s.id for s in self.slots if s.kind == "password"]

    def keep_only(self, slot_ids: set[str]) -> None:
        """Drop password slots not in `slot_ids` (users no longer active)."""
        self.slots = [s for s in self.slots if s.kind != "password" or s.id in slot_ids]

    def remove_user(self, user_name: str) -> None:
        slot_id = self.slot_id_for(user_name)
        self.slots = [s for s in self.slots if s.id != slot_id]

    def has_user(self, user_name: str) -> bool:
        return self.find(self.slot_id_for(user_name)) is not None

    def set_recovery_code(self, code: str, data_key: bytes, params: KdfParams) -> None:
        secret = normalise_recovery_code(code)
        self._put(self._wrap("recovery-code", "recovery_code", secret, data_key, params))

    def set_centre_key(self, centre_public: X25519PublicKey, payload: bytes) -> None:
        """`payload` is `centre_payload(...)`: the data key with the store's identity, so the centre
        sees which device asks and can refuse a request relabelled with another store's id."""
        sealed = HPKE_SUITE.encrypt(payload, centre_public, info=self.centre_info())
        self._put(
            Slot(
                id="recovery-centre",
                kind="recovery_hpke",
                wrapped=_b64(sealed),
                created=time.time(),
                public=_b64(_raw_public(centre_public)),
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
        opened = self._unwrap(slot, normalise_password(password))
        if not slot.public:
            return opened  # version-1 slot: the data key itself (rewritten on unlock)
        private = X25519PrivateKey.from_private_bytes(opened)
        try:
            return HPKE_SUITE.decrypt(_unb64(slot.sealed), private, info=self._info(slot))
        except Exception:
            raise AuthFailed() from None

    def needs_upgrade(self, user_name: str) -> bool:
        """The user's slot is old-format or below the Argon2 floor (rewrite it while the password
        is at hand)."""
        slot = self.find(self.slot_id_for(user_name))
        if slot is None or slot.kdf is None:
            return False
        return not slot.public or KdfParams(**slot.kdf).below(kdf_floor())

    def unlock_recovery_code(self, code: str) -> bytes:
        slot = self.find("recovery-code")
        if slot is None:
            raise AuthFailed()
        return self._unwrap(slot, normalise_recovery_code(code))

    def old_centre_slot(self) -> bool:
        """A centre slot of the first format (the bare key, no store identity, no public key):
        `recovery answer` refuses it, so the store has no working centre route until
        `recovery set-centre-key` is run again."""
        slot = self.find("recovery-centre")
        return slot is not None and slot.kind == "recovery_hpke" and not slot.public

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


@contextlib.contextmanager
def edit_slots(store: Path) -> Iterator[KeySlots]:
    """Load the store's slot file under the store's lock, let the caller change it, save it.

    Two processes adding users at once each see the other's slot (no lost update)."""
    with storefiles.locked(store):
        slots = KeySlots.load(storefiles.keys_path(store))
        yield slots
        slots.save()


# -- throttling of failed attempts ---------------------------------------------------------------
FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 300.0


class Throttle:
    """Counts failed attempts per slot in `<store>.throttle`; after three, each waits twice as long.

    An attempt is counted *before* the password is tried, under the store's lock, and forgiven only
    when it succeeds: eight processes guessing at once take eight turns through the lock, and the
    fourth already has to wait."""

    def __init__(self, store: Path) -> None:
        self.store = Path(store)
        self.path = storefiles.throttle_path(self.store)

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _save(self, data: dict[str, Any]) -> None:
        storefiles.atomic_write(self.path, json.dumps(data).encode())

    def failures(self, slot_key: str) -> int:
        entry = self._load().get(slot_key) or {}
        return int(entry.get("failures", 0))

    def wait_for(self, slot_key: str, now: float | None = None) -> float:
        return _wait(self._load().get(slot_key), time.time() if now is None else now)

    def check(self, slot_key: str) -> None:
        wait = self.wait_for(slot_key)
        if wait > 0:
            raise AuthThrottled(seconds=round(wait, 1))

    def begin(self, slot_key: str) -> None:
        """Take one attempt: refused while the slot must wait, else counted as failed until
        `succeeded` says otherwise."""
        with storefiles.locked(self.store):
            data = self._load()
            now = time.time()
            wait = _wait(data.get(slot_key), now)
            if wait > 0:
                raise AuthThrottled(seconds=round(wait, 1))
            entry = data.get(slot_key) or {"failures": 0}
            data[slot_key] = {"failures": int(entry.get("failures", 0)) + 1, "last": now}
            self._save(data)

    def succeeded(self, slot_key: str) -> None:
        with storefiles.locked(self.store):
            data = self._load()
            if slot_key in data:
                del data[slot_key]
                self._save(data)

    @contextlib.contextmanager
    def attempt(self, slot_key: str) -> Iterator[None]:
        """`with throttle.attempt(key): try the secret` - counted first, forgiven on success."""
        self.begin(slot_key)
        yield
        self.succeeded(slot_key)


def _wait(entry: Any, now: float) -> float:
    if not isinstance(entry, dict):
        return 0.0
    failures = int(entry.get("failures", 0))
    if failures < FREE_ATTEMPTS:
        return 0.0
    delay = min(2.0 ** (failures - FREE_ATTEMPTS), MAX_WAIT_SECONDS)
    return max(0.0, float(entry.get("last", 0)) + delay - now)


CENTRE_PAYLOAD_FORMAT = "hexi-care-centre-slot-v2"


def centre_payload(store_id: str, device_id: str, unit: str, data_key: bytes) -> bytes:
    return json.dumps(
        {
            "format": CENTRE_PAYLOAD_FORMAT,
            "store_id": store_id,
            "device_id": device_id,
            "unit": unit,
            "key": _b64(data_key),
        },
        ensure_ascii=False,
    ).encode("utf-8")


@dataclass(frozen=True, slots=True)
class CentrePayload:
    store_id: str
    device_id: str
    unit: str
    data_key: bytes


def parse_centre_payload(raw: bytes) -> CentrePayload:
    """The opened centre slot; a version-1 slot (the bare key, no identity) is refused."""
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != CENTRE_PAYLOAD_FORMAT:
            raise ValueError
        key = _unb64(str(data["key"]))
        if len(key) != DATA_KEY_BYTES:
            raise ValueError
        return CentrePayload(
            str(data["store_id"]), str(data["device_id"]), str(data.get("unit", "")), key
        )
    except (UnicodeDecodeError, ValueError, KeyError):
        raise StoreDamaged() from None


def _raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


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
