"""Keys and primitives of the exchange: Ed25519 signatures, HPKE (RFC 9180: X25519, HKDF-SHA256,
AES-256-GCM) sealing to a recipient, and short fingerprints that people compare by phone or on paper.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hpke, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
FINGERPRINT_DIGITS = 24  # ≈ 80 bits, read out as six groups of four digits


def _raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def _raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


@dataclass(frozen=True, slots=True)
class KeyPair:
    """A device's two private keys (raw 32-byte forms, as kept inside the encrypted store)."""

    sign_private: bytes
    kem_private: bytes

    @staticmethod
    def generate() -> KeyPair:
        return KeyPair(
            _raw_private(Ed25519PrivateKey.generate()), _raw_private(X25519PrivateKey.generate())
        )

    @property
    def sign_public(self) -> bytes:
        return _raw_public(Ed25519PrivateKey.from_private_bytes(self.sign_private).public_key())

    @property
    def kem_public(self) -> bytes:
        return _raw_public(X25519PrivateKey.from_private_bytes(self.kem_private).public_key())

    def sign(self, message: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(self.sign_private).sign(message)

    def open(self, sealed: bytes, info: bytes) -> bytes | None:
        """The plaintext sealed to this device, or None if it does not open."""
        try:
            return SUITE.decrypt(
                sealed, X25519PrivateKey.from_private_bytes(self.kem_private), info=info
            )
        except (InvalidTag, ValueError):
            return None

    def __repr__(self) -> str:  # never show key material
        return "KeyPair(<hidden>)"


def verify(sign_public: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(sign_public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def seal(plaintext: bytes, kem_public: bytes, info: bytes) -> bytes:
    return SUITE.encrypt(plaintext, X25519PublicKey.from_public_bytes(kem_public), info=info)


def fingerprint(sign_public: bytes, kem_public: bytes) -> str:
    """Six groups of four digits over both public keys: short enough to read out by phone."""
    digest = hashlib.sha256(b"hexi-care fingerprint v1\0" + sign_public + kem_public).digest()
    number = int.from_bytes(digest[:16], "big") % 10**FINGERPRINT_DIGITS
    digits = f"{number:0{FINGERPRINT_DIGITS}d}"
    return " ".join(digits[i : i + 4] for i in range(0, FINGERPRINT_DIGITS, 4))


def valid_public_key(raw: bytes) -> bool:
    return isinstance(raw, bytes) and len(raw) == 32
