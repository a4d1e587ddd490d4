"""The one way to run database and file work off the GUI thread (CONVENTIONS 7).

A single worker thread owns the open store: every task runs there, one after another, so an
SQLite connection never crosses threads and writes never interleave. Results come back to the GUI
thread by signal and are handed to the callbacks of the widget that asked, if it still exists.
Workers never touch widgets.
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal

from hexi_care.errors import StoreProblem, UserProblem

if TYPE_CHECKING:  # the database code loads after the first window is up (see app.warm_up)
    from hexi_care.db.store import OpenStore
    from hexi_care.services.context import UnitOfWork

log = logging.getLogger("hexi_care.ui.worker")

R = TypeVar("R")


def logged_only(exc: BaseException) -> None:
    """A `failed` callback for work whose failure the user need not act on (a suggestion, a
    clean-up): the worker has already logged it, and nothing is shown."""


class Cancelled(Exception):
    """Raised inside a task that saw its cancel flag; the task's callbacks are not called."""


class Task(Generic[R]):
    """One unit of background work returning an R, and what to do with its outcome on the GUI
    thread."""

    def __init__(
        self,
        fn: Callable[[Task[R]], R],
        *,
        done: Callable[[R], object] | None = None,
        failed: Callable[[BaseException], object] | None = None,
        progress: Callable[[int, int, str], object] | None = None,
        owner: QObject | None = None,
        name: str = "",
    ) -> None:
        self.fn = fn
        self.done = done
        self.failed = failed
        self.on_progress = progress
        self.owner = owner
        self.name = name or getattr(fn, "__name__", "task")
        self.result: R | None = None
        self.error: BaseException | None = None
        self.store: OpenStore | None = None
        self.worker: DbWorker | None = None
        self.queued_at = time.perf_counter()
        self._cancel = threading.Event()
        self.finished = False

    # -- inside the worker -------------------------------------------------------------------
    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def report(self, done: int, total: int, text: str = "") -> None:
        """Progress from inside the task (thread-safe: delivered by signal)."""
        if self.worker is not None:
            self.worker.task_progress.emit(self, done, total, text)

    def uow(self) -> UnitOfWork:
        """A unit of work on the store, as the user who unlocked it."""
        from hexi_care.services.context import UnitOfWork

        if self.store is None or self.store.locked:
            raise StoreProblem("store_is_locked")
        return UnitOfWork(self.store)

    # -- from the GUI ------------------------------------------------------------------------
    def cancel(self) -> None:
        self._cancel.set()


class DbWorker(QThread):
    """The single database worker thread. `store` is read and replaced only inside tasks."""

    task_finished = Signal(object)
    task_progress = Signal(object, int, int, str)
    #: Emitted (GUI thread) for errors no callback took: the window shows them.
    unhandled_error = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hexi-care-db-worker")
        self._queue: queue.Queue[Task[Any] | None] = queue.Queue()
        self.store: OpenStore | None = None
        self._pending = 0
        self._stopped = False
        self.task_finished.connect(self._deliver)
        self.task_progress.connect(self._deliver_progress)

    # -- submitting --------------------------------------------------------------------------
    def submit(
        self,
        fn: Callable[[Task[R]], R],
        *,
        done: Callable[[R], object] | None = None,
        failed: Callable[[BaseException], object] | None = None,
        progress: Callable[[int, int, str], object] | None = None,
        owner: QObject | None = None,
        name: str = "",
    ) -> Task[R]:
        task = Task(fn, done=done, failed=failed, progress=progress, owner=owner, name=name)
        task.worker = self
        if self._stopped:
            # Closing: nothing may start the thread again, or Qt aborts the whole program when
            # the worker is destroyed while it runs. The store is locked by now anyway.
            task.error = Cancelled()
            task.finished = True
            log.info("task %s dropped: the database worker has stopped", task.name)
            return task
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        if not self.isRunning():
            self.start()
        self._queue.put(task)
        return task

    def call(
        self,
        service: Callable[..., R],
        *args: Any,
        done: Callable[[R], object] | None = None,
        failed: Callable[[BaseException], object] | None = None,
        owner: QObject | None = None,
        **kwargs: Any,
    ) -> Task[R]:
        """Run `service(uow, *args, **kwargs)` in one unit of work (one user action)."""

        def run(task: Task[R]) -> R:
            with task.uow() as uow:
                return service(uow, *args, **kwargs)

        return self.submit(
            run, done=done, failed=failed, owner=owner, name=getattr(service, "__name__", "")
        )

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def stop(self, timeout_ms: int = 30000) -> None:
        """Finish queued work, lock the store and end the thread; later tasks are dropped."""
        if self.isRunning():

            def close(task: Task[None]) -> None:
                if self.store is not None:
                    self.store.lock()
                    self.store = None

            self.submit(close, name="close")
            self._queue.put(None)
            self._stopped = True
            self.wait(timeout_ms)
        else:
            self._stopped = True
            if self.store is not None:
                self.store.lock()
                self.store = None

    # -- the thread --------------------------------------------------------------------------
    def run(self) -> None:
        while True:
            task = self._queue.get()
            if task is None:
                return
            task.store = self.store
            if task.cancelled:
                task.error = Cancelled()
            else:
                try:
                    task.result = task.fn(task)
                except BaseException as exc:  # delivered to the GUI thread, which decides
                    task.error = exc
            task.store = None
            self.task_finished.emit(task)

    # -- back on the GUI thread --------------------------------------------------------------
    def _alive(self, task: Task[Any]) -> bool:
        return task.owner is None or shiboken6.isValid(task.owner)

    def _deliver_progress(self, task: Task[Any], done: int, total: int, text: str) -> None:
        if task.on_progress is not None and self._alive(task) and not task.cancelled:
            task.on_progress(done, total, text)

    def _deliver(self, task: Task[Any]) -> None:
        task.finished = True
        self._pending -= 1
        try:
            if task.error is not None and not isinstance(task.error, Cancelled):
                _log_failure(task)
            if not self._alive(task):
                return
            if isinstance(task.error, Cancelled):
                return
            if task.error is None:
                if task.done is not None:
                    task.done(task.result)
                return
            if task.failed is not None:
                task.failed(task.error)
                return
            self.unhandled_error.emit(task.error)
        finally:
            if self._pending == 0:
                self.busy_changed.emit(False)


def _log_failure(task: Task[Any]) -> None:
    """Every failure leaves a trace, whether or not a callback handles it (CONVENTIONS 22): the
    user's problem by its message key (safe: no personal data), a bug with its traceback."""
    error = task.error
    if isinstance(error, UserProblem):
        log.warning("task %s refused: %s (%s)", task.name, error.key, type(error).__name__)
    else:
        log.error("task %s failed", task.name, exc_info=error)


def stop_renderer() -> None:
    """Stop the helper process that renders documents (hexi_care/reports/apart.py), if this
    program started one: when the window locks (after the key is dropped) and when it quits."""
    apart = sys.modules.get("hexi_care.reports.apart")
    if apart is not None:
        apart.stop()
