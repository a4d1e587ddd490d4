"""The database worker: every failure leaves a trace in the log, whether a callback handles it, no
callback does, or the widget that asked is gone (CONVENTIONS 22); results go to the asking widget."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QWidget

from hexi_care.errors import DiskFull
from hexi_care.ui.worker import DbWorker, Task, logged_only


def _boom(task: Task[None]) -> None:
    raise RuntimeError("a bug in a task")


def _full(task: Task[None]) -> None:
    raise DiskFull()


def test_every_failure_is_logged(qtbot, caplog) -> None:
    worker = DbWorker()
    unhandled: list[BaseException] = []
    worker.unhandled_error.connect(unhandled.append)
    handled: list[BaseException] = []
    gone = QWidget()
    try:
        with caplog.at_level(logging.INFO, logger="hexi_care.ui.worker"):
            worker.submit(_boom, failed=logged_only, name="handled-bug")
            worker.submit(_full, failed=handled.append, name="handled-problem")
            worker.submit(_boom, name="unhandled-bug")
            last = worker.submit(_boom, owner=gone, failed=handled.append, name="owner-gone")
            gone.deleteLater()
            qtbot.waitUntil(lambda: last.finished, timeout=5000)
    finally:
        worker.stop()
    records = {r.getMessage(): r for r in caplog.records if r.name == "hexi_care.ui.worker"}
    assert set(records) == {
        "task handled-bug failed",
        "task handled-problem refused: disk_full (DiskFull)",
        "task unhandled-bug failed",
        "task owner-gone failed",
    }
    # A bug keeps its traceback; the user's problem is a warning by key, safe to log.
    assert records["task handled-bug failed"].exc_info is not None
    assert records["task handled-bug failed"].levelno == logging.ERROR
    assert records["task handled-problem refused: disk_full (DiskFull)"].levelno == logging.WARNING
    # Callbacks decide what the user sees: only the task without one reached the window.
    assert [type(e) for e in handled] == [DiskFull]
    assert [str(e) for e in unhandled] == ["a bug in a task"]


def test_results_reach_the_asking_widget(qtbot) -> None:
    worker = DbWorker()
    got: list[int] = []
    try:
        task = worker.submit(lambda t: 6 * 7, done=got.append, name="answer")
        qtbot.waitUntil(lambda: task.finished, timeout=5000)
    finally:
        worker.stop()
    assert got == [42] and task.result == 42


def test_a_task_after_stop_does_not_start_the_thread_again(qtbot) -> None:
    """A task sent while the window closes is dropped: a worker started again after stop() is
    destroyed while running, and Qt aborts the whole program ("QThread: Destroyed while thread
    is still running")."""
    worker = DbWorker()
    first = worker.submit(lambda t: 1, name="before")
    qtbot.waitUntil(lambda: first.finished, timeout=5000)
    worker.stop()
    assert not worker.isRunning()
    ran: list[int] = []
    late = worker.submit(lambda t: ran.append(1), done=lambda _r: ran.append(2), name="late")
    assert not worker.isRunning()
    assert late.finished and late.error is not None
    qtbot.wait(100)
    assert ran == [] and not worker.isRunning() and not worker.busy
