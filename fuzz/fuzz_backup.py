"""Fuzz the backup reader: the backup file's head and the key-slot file it carries."""

from __future__ import annotations

import atheris

with atheris.instrument_imports():
    from common import as_file, run

    from hexi_care.db.keys import KeySlots
    from hexi_care.db.store import read_backup


def target(data: bytes) -> None:
    path = as_file(data)
    if data[:1] == b"{":
        KeySlots.load(path)  # the slot file alone (as it also lies beside a store)
        return
    slots, _offset = read_backup(path)
    as_file(slots)
    KeySlots.load(path)


if __name__ == "__main__":
    run(target)
