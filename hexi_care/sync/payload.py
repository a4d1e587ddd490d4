"""The sealed content of a package: a JSON-lines document (a head line with the manifest copy,
acknowledgements and per-kind counts, then one line per record) followed by attachment bytes,
compressed with zlib and split into parts of at most `part_size`.

Everything an enrolled device sends is bounded before it costs memory: the signed manifest
declares the content size, which is capped (what 20,000 visits need, plus one attachment budget);
inflating stops one byte past the declared size (decompression bombs); the document is parsed
one line at a time, each line capped and checked for shape before the next is read, so a package
of "valid" JSON cannot make the centre build gigabytes of objects. The per-kind counts travel
inside the seal, not in the clear header (how many mandatory reports travel is case data too).
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
FORMAT_VERSION = 2  # 2: JSON-lines document, counts sealed
# The record document of one package: a full first exchange of 20,000 visits with their children
# and households measures about 40 MiB (bench/bench_package_cap.py); more waits for the next one.
MAX_DOCUMENT_BYTES = 64 << 20
MAX_LINE_BYTES = 1 << 20  # one record (attachment bytes travel outside the document)
MAX_HEAD_BYTES = 8 << 20  # the head line: acknowledgements of up to MAX_ACKS packages
MAX_RECORDS = 400_000  # records of one package (20,000 visits bring about 40,000 with theirs)
# Inside one line: how many containers and values it may open. A record has a few dozen fields;
# a line of 1 MiB built from `[]` or `"",` would otherwise become a million objects.
MAX_LINE_CONTAINERS = 2_000
MAX_LINE_VALUES = 10_000
ATTACHMENT_BUDGET = 64 << 20  # attachment bytes per package; the rest follow in the next one
MAX_CONTENT_BYTES = MAX_DOCUMENT_BYTES + ATTACHMENT_BUDGET + (1 << 20)
MAX_PARTS = 64
DEFAULT_PART_SIZE = 32 << 20
MIN_PART_SIZE = 4 << 10
COMPRESS_LEVEL = 6


def _line(value: Any) -> bytes:
    # ensure_ascii=False keeps Chinese compact; JSON escapes a newline inside a string, so a
    # record never spans two lines.
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def encode_content(document: dict[str, Any], blobs: bytes) -> bytes:
    items = document.get("items", {})
    head = {k: v for k, v in document.items() if k != "items"}
    lines: list[bytes] = []
    if isinstance(items, dict):
        head["counts"] = {k: len(v) if isinstance(v, list) else -1 for k, v in items.items()}
        for kind, rows in items.items():
            if isinstance(rows, list):
                lines.extend(_line([kind, r]) for r in rows)
            else:
                head.setdefault("odd_items", {})[kind] = rows  # kept for the checks to refuse
    else:
        head["odd_items"] = items
    doc = b"\n".join([_line(head), *lines])
    return struct.pack(">Q", len(doc)) + doc + blobs


def decode_content(content: bytes) -> tuple[dict[str, Any], memoryview]:
    """Parse the document line by line, each line bounded and checked before the next."""
    if len(content) < 8:
        raise BadPackage(reason="mismatch")
    (doc_len,) = struct.unpack(">Q", content[:8])
    if doc_len > len(content) - 8:
        raise BadPackage(reason="mismatch")
    if doc_len > MAX_DOCUMENT_BYTES:
        raise BadPackage(reason="too_big")
    end = 8 + doc_len
    pos = 8
    head: Any = None
    items: dict[str, Any] = {}
    counts: dict[str, int] = {}
    records = 0
    while pos < end:
        nl = content.find(b"\n", pos, end)
        stop = end if nl < 0 else nl
        limit = MAX_HEAD_BYTES if head is None else MAX_LINE_BYTES
        if stop - pos > limit:
            raise BadPackage(reason="too_big")
        raw = content[pos:stop]
        pos = stop + 1
        # The head holds up to 10,000 acknowledged package ids; a record a few dozen fields.
        containers, values = (
            (MAX_LINE_CONTAINERS, MAX_LINE_VALUES) if head is not None else (1_000, 20_000)
        )
        if head is not None:
            records += 1
            if records > MAX_RECORDS:
                raise BadPackage(reason="too_big")
        if raw.count(b"[") + raw.count(b"{") > containers or raw.count(b",") > values:
            raise BadPackage(reason="too_big")
        value = _parse(raw)
        if head is None:
            head = value
            if not isinstance(head, dict) or not isinstance(head.get("counts"), dict):
                raise BadPackage(reason="malformed")
            for kind, n in head["counts"].items():
                if not isinstance(kind, str) or isinstance(n, bool) or not isinstance(n, int):
                    raise BadPackage(reason="malformed")
                counts[kind] = n
                items[kind] = [] if n >= 0 else None
            continue
        if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)):
            raise BadPackage(reason="malformed")
        rows = items.get(value[0])
        if rows is None or len(rows) >= counts[value[0]]:
            raise BadPackage(reason="mismatch")  # more records than the sealed count says
        rows.append(value[1])
    if head is None:
        raise BadPackage(reason="malformed")
    if any(rows is not None and len(rows) != counts[k] for k, rows in items.items()):
        raise BadPackage(reason="mismatch")
    for kind, odd in dict(head.pop("odd_items", None) or {}).items():
        items[kind] = odd
    del head["counts"]
    head["items"] = items
    return head, memoryview(content)[end:]


def _parse(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BadPackage(reason="malformed") from None


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
