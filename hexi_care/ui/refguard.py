"""A guard against a reference-counting bug of the Qt bindings on Python 3.11.

PySide6 6.11 and 6.12 return `None` (and `True`/`False`) from C++ methods without taking a new
reference (6.10 and earlier are sound, and setup.cfg asks for them),
so every call of a void method lowers `None`'s reference count by one. On Python 3.12 and later
these objects are immortal and nothing happens; on 3.11 the count reaches zero after some thousand
calls and Python aborts with "deallocating None". Until the bindings are fixed (or the program
runs on Python ≥ 3.12), their counts are raised far out of reach at start and checked now and then.
These objects are never freed in any case, so a high count costs nothing.
"""

from __future__ import annotations

import ctypes
import sys

import PySide6
from PySide6.QtCore import QObject, QTimer


def _affected() -> bool:
    """CPython before 3.12 (no immortal objects) with bindings from 6.11 on."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    major, minor = (int(x) for x in PySide6.__version__.split(".")[:2])
    return (major, minor) >= (6, 11)


NEEDED = _affected()
FLOOR = 1 << 40
BOOST = 1 << 42
_GUARDED = (None, True, False)


def top_up() -> int:
    """Raise the counts that have fallen below the floor; returns how many were raised."""
    if not NEEDED:
        return 0
    raised = 0
    for obj in _GUARDED:
        if sys.getrefcount(obj) < FLOOR:
            # ob_refcnt is the first field of every CPython object; id() is its address.
            ctypes.c_ssize_t.from_address(id(obj)).value += BOOST
            raised += 1
    return raised


def install(parent: QObject | None = None, interval_ms: int = 60_000) -> QTimer | None:
    """Top up now and every `interval_ms` while `parent` lives (no-op on Python ≥ 3.12)."""
    if not NEEDED:
        return None
    top_up()
    timer = QTimer(parent)
    timer.setInterval(interval_ms)
    timer.timeout.connect(top_up)
    timer.start()
    return timer
