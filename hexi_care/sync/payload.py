"""The sealed content of a package: one JSON document (manifest copy, acknowledgements, records)
followed by attachment bytes, compressed with zlib and split into parts of at most `part_size`.

Decompression is capped: a package declares its content size in the signed manifest, the cap
refuses anything larger, and inflating stops one byte past the declared size (decompression bombs).
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from collections.abc import Iterable
from typing import Any

from hexi_care.errors import BadPackage

PACKAGE_FORMAT = "hexi-care-package"
PAYLOAD_FORMAT = "hexi-care-payload"
FORMAT_VERSION = 1
MAX_CONTENT_BYTES = 512 << 20  # decompressed content of one package
MAX_PARTS = 64
DEFAULT_PART_SIZE = 32 << 20
MIN_PART_SIZE = 4 << 10
ATTACHMENT_BUDGET = 192 << 20  # attachment bytes per package; the rest follow in the next one
COMPRESS_LEVEL = 6


def encode_content(document: dict[str, Any], blobs: bytes) -> bytes:
    doc = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return struct.pack(">Q", len(doc)) + doc + blobs


def decode_content(content: bytes) -> tuple[dict[str, Any], memoryview]:
    if len(content) < 8:
        raise BadPackage(reason="mismatch")
    (doc_len,) = struct.unpack(">Q", content[:8])
    if doc_len > len(content) - 8:
        raise BadPackage(reason="mismatch")
    try:
        document = json.loads(content[8 : 8 + doc_len].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BadPackage(reason="malformed") from None
    if not isinstance(document, dict):
        raise BadPackage(reason="malformed")
    return document, memoryview(content)[8 + doc_len :]


def compress(content: bytes) -> bytes:
    return zlib.compress(content, COMPRESS_LEVEL)


def split(data: bytes, part_size: int) -> list[bytes]:
    part_size = max(MIN_PART_SIZE, part_size)
    if not data:
        return [b""]
    return [data[i : i + part_size] for i in range(0, len(data), part_size)]


def inflate(chunks: Iterable[bytes], declared: int) -> bytes:
    """Decompress at most `declared` bytes (itself capped); more is a bomb, less a mismatch."""
    if declared < 0 or declared > MAX_CONTENT_BYTES:
        raise BadPackage(reason="too_big")
    d = zlib.decompressobj()
    out = bytearray()
    try:
        for chunk in chunks:
            data = chunk
            while data:
                out += d.decompress(data, declared - len(out) + 1)
                if len(out) > declared:
                    raise BadPackage(reason="too_big")
                data = d.unconsumed_tail
        if not d.eof or d.unused_data:
            raise BadPackage(reason="damaged")
    except zlib.error:
        raise BadPackage(reason="damaged") from None
    if len(out) != declared:
        raise BadPackage(reason="mismatch")
    return bytes(out)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def seal_info(package_id: str, recipient: str, index: int) -> bytes:
    """HPKE `info`: binds each sealed part to its package, recipient and position."""
    return f"hexi-care package v1\0{package_id}\0{recipient}\0{index}".encode()
