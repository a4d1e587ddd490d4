"""The file container shared by exchange packages and enrolment files.

    magic "HXCPKG\\r\\n" · u8 container version · u32 header length · header (canonical JSON) ·
    u16 signature length · Ed25519 signature · u64 body length · body (HPKE-sealed, or empty)

The signature covers the magic, the version and the header; the header holds the body's length and
SHA-256, so one signature protects every byte of the file. Nothing here trusts the file: every
length is checked against the caps and the bytes actually present before anything is allocated.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hexi_care.errors import BadPackage
from hexi_care.sync.crypto import KeyPair

MAGIC = b"HXCPKG\r\n"
CONTAINER_VERSION = 1
MAX_HEADER_BYTES = 1 << 20
MAX_BODY_BYTES = 256 << 20  # one file; larger packages are split into parts
SIGNATURE_BYTES = 64
_DOMAIN = b"hexi-care container v1\0"


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


@dataclass(frozen=True, slots=True)
class Container:
    header: dict[str, Any]
    signed: bytes  # the bytes the signature covers
    signature: bytes
    body: bytes

    def verify_with(self, sign_public: bytes) -> bool:
        from hexi_care.sync.crypto import verify

        return verify(sign_public, self.signature, self.signed)


def encode(header: dict[str, Any], body: bytes, keys: KeyPair) -> bytes:
    """The whole file: `header` gains the body's length and SHA-256, then everything is signed."""
    full = dict(header)
    full["body_size"] = len(body)
    full["body_sha256"] = hashlib.sha256(body).hexdigest()
    header_bytes = canonical_json(full)
    if len(header_bytes) > MAX_HEADER_BYTES:
        raise ValueError("container header too large")
    signed = (
        MAGIC + bytes([CONTAINER_VERSION]) + struct.pack(">I", len(header_bytes)) + header_bytes
    )
    signature = keys.sign(_DOMAIN + signed)
    return b"".join(
        [signed, struct.pack(">H", len(signature)), signature, struct.pack(">Q", len(body)), body]
    )


def _read_exact(data: memoryview, pos: int, n: int) -> tuple[bytes, int]:
    if pos + n > len(data):
        raise BadPackage(reason="truncated")
    return bytes(data[pos : pos + n]), pos + n


def _parse_header(raw: bytes) -> dict[str, Any]:
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BadPackage(reason="damaged") from None
    if not isinstance(header, dict):
        raise BadPackage(reason="damaged")
    return header


def decode(data: bytes, *, max_body: int = MAX_BODY_BYTES) -> Container:
    """Parse a container; checks structure, lengths and the body hash, not the signature."""
    view = memoryview(data)
    if len(data) < len(MAGIC):
        if MAGIC.startswith(data) and data:
            raise BadPackage(reason="truncated")
        raise BadPackage(reason="not_a_package")
    if data[: len(MAGIC)] != MAGIC:
        raise BadPackage(reason="not_a_package")
    pos = len(MAGIC)
    version_byte, pos = _read_exact(view, pos, 1)
    if version_byte[0] > CONTAINER_VERSION:
        raise BadPackage(reason="too_new")
    if version_byte[0] != CONTAINER_VERSION:
        raise BadPackage(reason="damaged")
    raw_len, pos = _read_exact(view, pos, 4)
    (header_len,) = struct.unpack(">I", raw_len)
    if header_len > MAX_HEADER_BYTES:
        raise BadPackage(reason="damaged")
    header_bytes, pos = _read_exact(view, pos, header_len)
    signed = bytes(view[:pos])
    header = _parse_header(header_bytes)
    raw_sig_len, pos = _read_exact(view, pos, 2)
    (sig_len,) = struct.unpack(">H", raw_sig_len)
    if sig_len != SIGNATURE_BYTES:
        raise BadPackage(reason="damaged")
    signature, pos = _read_exact(view, pos, sig_len)
    raw_body_len, pos = _read_exact(view, pos, 8)
    (body_len,) = struct.unpack(">Q", raw_body_len)
    if body_len > max_body:
        raise BadPackage(reason="too_big")
    body, pos = _read_exact(view, pos, body_len)
    if pos != len(data):
        raise BadPackage(reason="damaged")
    if (
        header.get("body_size") != body_len
        or header.get("body_sha256") != hashlib.sha256(body).hexdigest()
    ):
        raise BadPackage(reason="damaged")
    return Container(header=header, signed=_DOMAIN + signed, signature=signature, body=body)


def read(path: Path, *, max_body: int = MAX_BODY_BYTES) -> Container:
    try:
        size = path.stat().st_size
        if size > max_body + MAX_HEADER_BYTES + 1024:
            raise BadPackage(reason="too_big")
        data = path.read_bytes()
    except FileNotFoundError:
        raise BadPackage(reason="missing_file") from None
    except IsADirectoryError:
        raise BadPackage(reason="not_a_package") from None
    except OSError:
        raise BadPackage(reason="unreadable") from None
    return decode(data, max_body=max_body)


def peek_header(path: Path) -> dict[str, Any] | None:
    """The header of a container file without reading its body, or None if it is not one."""
    try:
        with open(path, "rb") as fh:
            start = fh.read(len(MAGIC) + 5)
            if len(start) < len(MAGIC) + 5 or start[: len(MAGIC)] != MAGIC:
                return None
            (header_len,) = struct.unpack(">I", start[len(MAGIC) + 1 :])
            if header_len > MAX_HEADER_BYTES:
                return None
            raw = fh.read(header_len)
    except OSError:
        return None
    try:
        return _parse_header(raw)
    except BadPackage:
        return None


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, flushed to disk, then renamed."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
