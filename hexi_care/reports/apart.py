"""Documents rendered in a helper process, so that the window does not keep what rendering loads.

The first document a process renders loads the Noto CJK font tables and reportlab's caches: some
75 MB that stay in that process for good. The window would carry them all day after one
printout. So the window's print jobs build a document's data in its worker thread (the store and
its key never leave the window's process) and hand the finished data to a helper process, which
renders the PDF and sends the bytes back through a pipe (no file is written). The helper stays
for IDLE_SECONDS after its last document, ready for the next one, then exits, and its memory goes
back to the system. The window stops it at once when it locks or closes.

If the helper cannot be started or dies, the document is rendered in the calling process, as it
always was (and the log says so).
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

log = logging.getLogger("hexi_care.reports")

#: How long the helper waits for another document before it exits.
IDLE_SECONDS = 60.0


class _Helper:
    lock = threading.Lock()
    pool: ProcessPoolExecutor | None = None
    timer: threading.Timer | None = None
    busy = 0


def render_apart(target: str, *args: Any, **kwargs: Any) -> bytes:
    """The render function `target` ("module:function") called with `args` and `kwargs`
    (picklable data) in the helper process; its PDF bytes. The function is named, not passed:
    the window never imports the layout code or reportlab."""
    with _Helper.lock:
        if _Helper.timer is not None:
            _Helper.timer.cancel()
            _Helper.timer = None
        if _Helper.pool is None:
            _Helper.pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )
        pool = _Helper.pool
        _Helper.busy += 1
    try:
        try:
            return pool.submit(_render, target, args, kwargs).result()
        except BrokenProcessPool:
            log.warning("the helper process that renders documents stopped; rendering here")
            with _Helper.lock:
                if _Helper.pool is pool:
                    _Helper.pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            return _render(target, args, kwargs)
    finally:
        with _Helper.lock:
            _Helper.busy -= 1
            if _Helper.busy == 0 and _Helper.pool is not None:
                _Helper.timer = threading.Timer(IDLE_SECONDS, _stop_when_idle)
                _Helper.timer.daemon = True
                _Helper.timer.start()


def _render(target: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bytes:
    module, _, name = target.partition(":")
    fn: Callable[..., bytes | None] = getattr(importlib.import_module(module), name)
    return fn(*args, **kwargs) or b""


def _stop_when_idle() -> None:
    with _Helper.lock:
        if _Helper.busy or _Helper.pool is None:
            return
        pool, _Helper.pool, _Helper.timer = _Helper.pool, None, None
    pool.shutdown(wait=False)


def stop() -> None:
    """Stop the helper now (the window locks or closes): nothing of the last document stays in
    another process's memory. Never waits: a document being rendered is finished first, then
    the helper exits."""
    with _Helper.lock:
        if _Helper.timer is not None:
            _Helper.timer.cancel()
        pool, _Helper.pool, _Helper.timer = _Helper.pool, None, None
    if pool is not None:
        pool.shutdown(wait=False)


def running() -> bool:
    """Whether the helper process is there (for tests and the log)."""
    return _Helper.pool is not None
