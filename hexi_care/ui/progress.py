"""Long work on the database worker behind a progress dialog that can be cancelled (CONVENTIONS 7):
the one way the pages show it. The dialog appears only for work a person would notice, follows
the task's reported stages, and closes before the task's result is handed on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from hexi_care.ui.worker import DbWorker, Task


def run_with_progress(
    parent: QWidget,
    worker: DbWorker,
    fn: Callable[[Task], Any],
    *,
    title: str,
    first_label: str,
    cancel_text: str,
    stage_label: Callable[[str], str | None],
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None],
    cancelled: Callable[[], None],
    track: Callable[[QProgressDialog, bool], None] | None = None,
    min_ms: int = 300,
) -> Task:
    """Submit `fn` to the worker with a dialog. Cancel sets the task's flag (the core stops at its
    next check and writes nothing), closes the dialog and calls `cancelled` at once: a task
    cancelled before it started reports nothing back. `track(dialog, shown)` is told when the
    dialog opens and when it closes."""
    dlg = QProgressDialog(first_label, cancel_text, 0, 0, parent)
    dlg.setWindowTitle(title)
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setMinimumDuration(min_ms)
    dlg.setAutoClose(False)
    dlg.setAutoReset(False)
    if track is not None:
        track(dlg, True)
    closed: list[bool] = []

    def close() -> None:
        if closed:
            return
        closed.append(True)
        dlg.canceled.disconnect()
        dlg.reset()
        dlg.hide()
        dlg.deleteLater()
        if track is not None:
            track(dlg, False)

    def progress(done_n: int, total: int, stage: str) -> None:
        if closed:
            return
        text = stage_label(stage)
        if text:
            dlg.setLabelText(text)
        dlg.setMaximum(max(total, 0))
        dlg.setValue(min(done_n, total) if total else 0)

    def ok(result: Any) -> None:
        close()
        done(result)

    def bad(exc: BaseException) -> None:
        close()
        failed(exc)

    task = worker.submit(fn, done=ok, failed=bad, progress=progress, owner=parent)

    def cancel() -> None:
        task.cancel()
        close()
        cancelled()

    dlg.canceled.connect(cancel)
    return task
