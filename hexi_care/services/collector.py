"""Python's cyclic garbage collector paused while a service builds a large result in one go.

A re-examination worklist over a district makes some 150,000 objects (each child's facts, its
parents' records and situations, the reasons), all kept until the list is returned, none of them
garbage. With the collector on, the number of new objects crosses its thresholds again and again
on the way, and three or four of those passes walk every object of the program: a third of the
worklist's time on 20,000 children went there (bench/bench_casework.py). Paused, the collector
looks at what was made once, after.

Pauses nest and may overlap across threads: the collector runs again when the last one ends, and
only if it ran before the first began (the window keeps automatic collection off and collects
on its own thread: hexi_care/ui/gc_guard.py, which also waits while a pause lasts).
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class _Pauses:
    lock = threading.Lock()
    depth = 0
    resume = False  # whether the collector ran before the first pause


@contextmanager
def paused() -> Iterator[None]:
    with _Pauses.lock:
        if _Pauses.depth == 0:
            _Pauses.resume = gc.isenabled()
            gc.disable()
        _Pauses.depth += 1
    try:
        yield
    finally:
        with _Pauses.lock:
            _Pauses.depth -= 1
            if _Pauses.depth == 0 and _Pauses.resume:
                gc.enable()


def is_paused() -> bool:
    return _Pauses.depth > 0


def pausing(fn: Callable[P, R]) -> Callable[P, R]:
    """The service `fn` runs with the collector paused."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused():
            return fn(*args, **kwargs)

    return run
