"""Files the user asks for (PDFs, spreadsheets), written whole or not at all: a full, read-only or
vanished disk becomes the user's problem (exit 6, a sentence saying what to do), never a crash or a
half-written file."""

from __future__ import annotations

from pathlib import Path

from hexi_care.db.storefiles import write_output


def save_output(path: Path, data: bytes) -> None:
    write_output(path, data)
