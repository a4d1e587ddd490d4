"""Fuzz the package reader: the container (header, signature, body), the manifest, the sealed
payload's decompression and document, and the record checks of every kind."""

from __future__ import annotations

import json

import atheris

with atheris.instrument_imports():
    from common import run

    from hexi_care.sync import container
    from hexi_care.sync import payload as pl
    from hexi_care.sync.importer import read_manifest
    from hexi_care.sync.records import KINDS, check_fields

KIND_NAMES = sorted(KINDS)


def target(data: bytes) -> None:
    if not data:
        return
    mode, rest = data[0] % 4, data[1:]
    if mode == 0:
        c = container.decode(rest)
        read_manifest(c.header)
        c.verify_with(b"\0" * 32)
    elif mode == 1:
        pl.decode_content(rest)
    elif mode == 2:
        content = pl.inflate([rest], 1 << 20)
        pl.decode_content(content)
    else:
        try:
            raw = json.loads(rest.decode("utf-8", "replace"))
        except ValueError:
            return
        if isinstance(raw, dict):
            check_fields(KINDS[KIND_NAMES[len(rest) % len(KIND_NAMES)]], raw)


if __name__ == "__main__":
    run(target)
