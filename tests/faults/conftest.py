"""Fixtures of the fault tests: a small real filesystem (a tmpfs mounted with a size limit) that can
be filled up or turned read-only while a store on it is open."""

from __future__ import annotations

import contextlib
import os
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class SmallFs:
    """A mounted tmpfs: `fill()` takes every free byte, `free()` gives them back, `read_only()` and
    `writable()` remount it like a USB stick whose write switch flips."""

    root: Path

    def fill(self, leave: int = 0) -> None:
        """Take every free byte but about `leave`."""
        self._fill()
        if leave:
            (filler,) = self.root.glob("filler-*")
            size = filler.stat().st_size
            with open(filler, "r+b") as fh:
                fh.truncate(max(0, size - leave))

    def _fill(self) -> None:
        filler = self.root / f"filler-{uuid.uuid4().hex}"
        chunk = b"\0" * (1 << 16)
        with open(filler, "wb", buffering=0) as fh:
            with contextlib.suppress(OSError):
                while True:
                    fh.write(chunk)
            small = b"\0" * 512
            with contextlib.suppress(OSError):
                while True:
                    fh.write(small)

    def free(self) -> None:
        for p in self.root.glob("filler-*"):
            p.unlink()

    def free_bytes(self) -> int:
        st = os.statvfs(self.root)
        return st.f_bavail * st.f_frsize

    def remount(self, mode: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{mode}", str(self.root)], check=True)

    def read_only(self) -> None:
        self.remount("ro")

    def writable(self) -> None:
        self.remount("rw")


def _mount(root: Path, size: str) -> bool:
    if os.geteuid() != 0:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(root)],
        capture_output=True,
    )
    return done.returncode == 0


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[SmallFs]:
    root = tmp_path / "stick"
    root.mkdir()
    if not _mount(root, "16m"):
        # Mounting needs root (or CAP_SYS_ADMIN); without it there is no real small disk to fill.
        pytest.skip(
            "cannot mount a tmpfs here (needs root): the fault tests need a real small disk"
        )
    try:
        yield SmallFs(root)
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False)
