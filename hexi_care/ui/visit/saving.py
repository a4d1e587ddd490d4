"""Saving the visit form: the snapshot sealed first (nothing typed is lost), then a draft or a
submission through the core's rule (domain.submission), the save state shown, and what closing or
locking the window does with unsaved typing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QWidget

from hexi_care.domain import submission
from hexi_care.domain.enums import VisitStatus
from hexi_care.domain.model import Child, Visit
from hexi_care.errors import InvalidInput, SubmitIncomplete
from hexi_care.services import form_recovery, visits
from hexi_care.ui import i18n
from hexi_care.ui.common import FieldErrors
from hexi_care.ui.worker import Task, logged_only


class VisitSaving(QWidget):
    """The saving half of VisitFormWindow (form.py builds the widgets and sets these)."""

    saved = Signal(object)  # Visit

    ctx: Any
    main: Any
    child: Child | None
    child_id: str | None
    form_id: str
    visit_id: str
    status: VisitStatus
    read_only: bool
    dirty: bool
    saved_once: bool
    last_invalid: InvalidInput | None
    errors: FieldErrors
    state: QLabel
    print_button: QPushButton
    _timer: QTimer
    _closing: bool
    # Fields the last submit attempt found missing (domain.submission), kept marked until filled.
    _submit_findings: list[str]

    # form.py's methods this half calls
    collect: Callable[[], Visit]
    date_needs_answer: Callable[[], bool]
    set_read_only: Callable[[bool], None]
    _show_banner: Callable[[str], None]

    def _update_state(self, text: str | None = None) -> None:
        self.print_button.setEnabled(self.saved_once)
        if text is not None:
            self.state.setText(text)
        elif self.read_only:
            self.state.setText("")
        elif self.dirty:
            self.state.setText(self.tr("Changed; saved automatically every few seconds."))

    def _task(
        self, *, submit: bool = False, final: bool = False
    ) -> Callable[[Task[tuple[str, Any]]], tuple[str, Any]]:
        visit = self.collect()
        data = visits.visit_data(visit)
        form_id = self.form_id

        def run(task: Task[tuple[str, Any]]) -> tuple[str, Any]:
            with task.uow() as uow:
                form_recovery.save(uow, form_id, "visit", data)
            try:
                with task.uow() as uow:
                    saved = visits.submit(uow, visit) if submit else visits.save_draft(uow, visit)
            except InvalidInput as exc:
                return "invalid", exc
            if submit or final:
                with task.uow() as uow:
                    form_recovery.discard(uow, form_id)
            return "ok", saved

        return run

    def autosave(self, *, explicit: bool = False) -> None:
        """Seal what was typed, then save it as a draft if it validates."""
        if self.read_only or self.child is None:
            return
        if not self.dirty and not explicit:
            return
        self.dirty = False
        self.ctx.worker.submit(
            self._task(),
            done=lambda r: self._after_save(r, explicit=explicit),
            failed=self._save_failed,
            owner=self,
            name="visit-autosave",
        )

    def _after_save(
        self, result: tuple[str, Any], *, explicit: bool = False, submitted: bool = False
    ) -> None:
        kind, value = result
        self.errors.clear()
        if kind == "invalid" and isinstance(value, SubmitIncomplete):
            # The service applied the same rule and refused: nothing was saved, so keep editing.
            self.dirty = True
            self._show_missing(value.missing)
            return
        if kind == "invalid":
            self.last_invalid = value
            shown = self.errors.show_invalid(value, focus=explicit or submitted)
            # What a submission still needs stays marked beside the field to fix.
            self._mark_findings(focus=False)
            where = "" if shown else f" ({i18n.problem_text(value)})"
            self._update_state(
                self.tr(
                    "Not saved as a draft: fix the marked field. What is typed is kept on this computer only."
                )
                + where
            )
            if submitted and not shown:
                QMessageBox.warning(self, self.tr("Cannot submit yet"), i18n.problem_text(value))
            return
        self.last_invalid = None
        self._mark_findings(focus=False)
        visit: Visit = value
        self.saved_once = True
        self.visit_id = visit.id or self.visit_id
        self.status = visit.status
        when = datetime.now().strftime("%H:%M:%S")
        if submitted:
            self._timer.stop()
            self.set_read_only(True)
            self._show_banner(
                self.tr(
                    "Submitted for review. A supervisor will approve it or return it with a comment."
                )
            )
            self._update_state(self.tr("Submitted at {time}.").format(time=when))
        elif self._submit_findings:
            self._update_state(
                self.tr(
                    "Draft saved at {time}. Fill in the marked fields to submit it for review."
                ).format(time=when)
            )
        else:
            self._update_state(self.tr("Draft saved at {time}.").format(time=when))
        self.saved.emit(visit)
        self.main.record_changed(visit.child_id)

    def _save_failed(self, exc: BaseException) -> None:
        self.dirty = True
        self._update_state(self.tr("Not saved: {problem}").format(problem=i18n.problem_text(exc)))

    def missing_for_submit(self) -> list[str]:
        """The core's submit rule (domain.submission) applied to what is typed now."""
        return submission.missing_for_submit(self.collect())

    def _show_missing(self, missing: Sequence[str]) -> None:
        """Mark every field a submission still needs, focusing the first. What happens to the
        draft is said by the save that follows (saved, or kept on this computer only)."""
        self._submit_findings = list(missing)
        self._mark_findings(focus=True)
        self._update_state(self.tr("Not submitted: fill in the marked fields. Saving the draft…"))

    def _mark_findings(self, *, focus: bool) -> None:
        """(Re)mark what a submission still needs, of the fields the last submit attempt named:
        an autosave clears the marks, a field filled since is no longer marked."""
        if not self._submit_findings:
            return
        still = submission.missing_for_submit(self.collect())
        self._submit_findings = [f for f in still if f in self._submit_findings]
        if not self._submit_findings:
            return
        problem = i18n.field_problem(SubmitIncomplete(self._submit_findings))
        for i, name in enumerate(self._submit_findings):
            self.errors.show(name, problem, focus=focus and i == 0)

    def submit(self) -> None:
        if self.read_only or self.child is None:
            return
        self.errors.clear()
        if self.last_invalid is not None:
            # Still wrong since the last save: keep its mark (a submit never hides it).
            self.errors.show_invalid(self.last_invalid, focus=False)
        missing = self.missing_for_submit()
        if self.date_needs_answer():
            self.errors.show(
                "visit_date",
                self.tr("Confirm the date (tick the box below it) or correct it."),
                focus=True,
            )
            self._update_state(self.tr("Not submitted: the visit date needs a look."))
            return
        if missing:
            self._show_missing(missing)
            # Always save now (even when nothing changed since a failed save), so the state line
            # reports what really happened to the draft.
            self.autosave(explicit=True)
            return
        self.dirty = False
        self.ctx.worker.submit(
            self._task(submit=True),
            done=lambda r: self._after_save(r, submitted=True),
            failed=self._save_failed,
            owner=self,
            name="visit-submit",
        )

    def _discard_snapshot(self) -> None:
        fid = self.form_id
        # A snapshot that could not be discarded is offered again at the next start: nothing lost.
        self.ctx.worker.call(form_recovery.discard, fid, failed=logged_only)

    def flush_before_lock(self) -> None:
        """The window is locking: save what is typed now (the snapshot even if it does not validate)."""
        if (
            not self.read_only
            and self.child is not None
            and (self.dirty or self.last_invalid is not None)
        ):
            self.dirty = False
            # A failure here (disk full…) reaches the main window through unhandled_error.
            self.ctx.worker.submit(self._task(), owner=self, name="visit-lock-save")

    def closeEvent(self, event: QCloseEvent) -> None:
        if (
            self._closing
            or self.read_only
            or self.child is None
            or getattr(self.main, "locked", False)
        ):
            self._timer.stop()
            event.accept()
            return
        if self.last_invalid is not None:
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Question)
            box.setWindowTitle(self.tr("Close the visit form"))
            box.setText(
                self.tr(
                    "This visit cannot be saved as a draft yet: {problem}\n\nWhat was typed is kept on this computer and comes back when the program starts again."
                ).format(problem=i18n.problem_text(self.last_invalid) if self.last_invalid else "")
            )
            keep = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
            later = box.addButton(
                self.tr("Close, restore later"), QMessageBox.ButtonRole.AcceptRole
            )
            discard = box.addButton(
                self.tr("Discard what was typed"), QMessageBox.ButtonRole.DestructiveRole
            )
            box.setDefaultButton(keep)
            box.exec()
            clicked = box.clickedButton()
            if clicked is keep:
                event.ignore()
                return
            self._closing = True
            self._timer.stop()
            if clicked is discard:
                self._discard_snapshot()
            elif clicked is later:
                self.ctx.worker.submit(self._task(), owner=None, name="visit-close-save")
            event.accept()
            return
        self._closing = True
        self._timer.stop()
        if not self.dirty:
            # Nothing new since the last save (or nothing typed at all: no empty draft is made).
            self._discard_snapshot()
            event.accept()
            return
        # Final save: a draft when it validates, and the snapshot is then discarded. The window is
        # gone when the result arrives, so the main window takes it.
        main, child_id = self.main, self.child_id

        def saved(result: tuple[str, Any]) -> None:
            if result[0] == "ok":
                main.record_changed(child_id)

        self.ctx.worker.submit(
            self._task(final=True),
            done=saved,
            owner=main,  # a failure is shown by the main window (unhandled_error)
            name="visit-close-save",
        )
        event.accept()
