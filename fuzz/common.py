"""Shared by the harnesses: run a target under atheris, with the program's refusals allowed."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# One scratch file on a memory filesystem when there is one: readers that take a path read it.
_SCRATCH_DIR = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())
SCRATCH = _SCRATCH_DIR / f"hexi-fuzz-{os.getpid()}.bin"


def as_file(data: bytes) -> Path:
    SCRATCH.write_bytes(data)
    return SCRATCH


def run(target: Callable[[bytes], None]) -> None:
    import atheris

    from hexi_care.errors import HexiError

    def one(data: bytes) -> None:
        # Refused with a message for the user is what a reader should do; anything else crashes.
        with contextlib.suppress(HexiError):
            target(data)

    atheris.Setup(sys.argv, one)
    try:
        atheris.Fuzz()
    finally:
        SCRATCH.unlink(missing_ok=True)
