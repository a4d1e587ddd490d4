"""A child's follow-up actions, referrals and mandatory reports (强制报告)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from hexi_care.domain.enums import (
    ReportStatus,
    ReportTrigger,
)
from hexi_care.domain.model import (
    FollowUp,
    MandatoryReport,
    Referral,
)
from hexi_care.services import casework
from hexi_care.ui import i18n
from hexi_care.ui.common import (
    DateField,
    combo,
    label,
    set_combo_data,
    text_edit,
)

if TYPE_CHECKING:
    pass

from hexi_care.ui.dialogs.base import RecordDialog
from hexi_care.ui.screen import fit_to_screen


class FollowUpDialog(RecordDialog):
    """An action to follow a visit up: what, who does it, by when."""

    def __init__(
        self, ctx, parent: QWidget | None, child_id: str, visit_id: str | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Follow-up action"))
        self.child_id, self.visit_id = child_id, visit_id
        self.action = QLineEdit()
        self.action.setObjectName("followup_action")
        self.action.setPlaceholderText(self.tr("e.g. help register the household"))
        self.owner = QLineEdit(ctx.user.display_name if ctx.user else "")
        self.due = DateField(optional=True)
        form = self.form_layout(
            (i18n.field("action"), self.action, "action"),
            (i18n.field("owner"), self.owner, "owner"),
            (i18n.field("due_date"), self.due, "due_date"),
        )
        self.lay_out(form, on_ok=self._ok, ok_text=self.tr("Save"))

    def _ok(self) -> None:
        f = FollowUp(
            child_id=self.child_id,
            action=self.action.text(),
            owner=self.owner.text(),
            due_date=self.due.value(),
            visit_id=self.visit_id,
        )
        self.save(lambda uow: casework.add_followup(uow, f))


class ReferralDialog(RecordDialog):
    """A child referred to an agency (school, social work, hospital …), and the outcome."""

    def __init__(self, ctx, parent: QWidget | None, child_id: str) -> None:
        super().__init__(ctx, parent)
        self.child_id = child_id
        self.setWindowTitle(self.tr("Referral"))
        self.agency = QLineEdit()
        self.agency.setPlaceholderText(
            self.tr("e.g. the school, a social work agency, the hospital")
        )
        self.reason = text_edit(2)
        self.on = DateField()
        self.on.set_value(ctx.today())
        self.outcome = text_edit(2)
        form = self.form_layout(
            (i18n.field("agency"), self.agency, "agency"),
            (i18n.field("reason"), self.reason, "reason"),
            (self.tr("Date"), self.on, "date"),
            (i18n.field("outcome"), self.outcome, "outcome"),
        )
        self.lay_out(form, on_ok=self._ok, ok_text=self.tr("Save"))

    def _ok(self) -> None:
        r = Referral(
            child_id=self.child_id,
            agency=self.agency.text(),
            reason=self.reason.toPlainText(),
            referred_on=self.on.value(),
            outcome=self.outcome.toPlainText(),
        )
        self.save(lambda uow: casework.add_referral(uow, r))


def _qdt(moment: datetime) -> QDateTime:
    local = moment.astimezone(i18n.zone())
    return QDateTime(local.year, local.month, local.day, local.hour, local.minute, 0)


def _from_qdt(q: QDateTime) -> datetime:
    d, t = q.date(), q.time()
    # The time typed is the store's local time (the machine's before a store is open).
    local = datetime.combine(date(d.year(), d.month(), d.day()), time(t.hour(), t.minute()))
    zone = i18n.zone()
    return (local.replace(tzinfo=zone) if zone else local.astimezone()).astimezone(UTC)


class ReportDialog(RecordDialog):
    """A mandatory report (强制报告): report to the police at once; this keeps the record of it."""

    def __init__(
        self, ctx, parent: QWidget | None, child_id: str, existing: MandatoryReport | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.child_id = child_id
        self.existing = existing
        self.setWindowTitle(self.tr("Mandatory report"))
        now = ctx.clock()
        self.trigger = combo([(i18n.label(i18n.REPORT_TRIGGER, t), t) for t in ReportTrigger])
        self.found = QDateTimeEdit(_qdt(now))
        self.found.setCalendarPopup(True)
        self.found.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.reported_done = QCheckBox(self.tr("Reported"))
        self.reported = QDateTimeEdit(_qdt(now))
        self.reported.setCalendarPopup(True)
        self.reported.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.agency = QLineEdit(self.tr("Police (公安)"))
        self.receipt = QLineEdit()
        self.description = text_edit(3)
        self.feedback = text_edit(2)
        # Empty: the store's rule sets it from the day of the report (设置 page).
        self.feedback_due = DateField(optional=True)
        self.feedback_due.setObjectName("report_feedback_due")
        self.status = combo([(i18n.label(i18n.REPORT_STATUS, s), s) for s in ReportStatus])
        warn = label(
            self.tr(
                "When a child is harmed, suspected harmed or in danger, report to the police at once (110), and to civil affairs and education. The reporter's identity stays confidential."
            ),
            "banner",
            wrap=True,
        )
        trigger = self.field(self.trigger, "trigger")
        found = self.field(self.found, "found_at")
        rep = QHBoxLayout()
        rep.addWidget(self.reported_done)
        rep.addWidget(self.field(self.reported, "reported_at"), 1)
        form = self.form_layout(
            (i18n.field("trigger"), trigger),
            (i18n.field("found_at"), found),
            (self.tr("Reported at"), rep),
            (i18n.field("agency"), self.agency, "agency"),
            (i18n.field("receipt_no"), self.receipt, "receipt_no"),
            (i18n.field("description"), self.description, "description"),
            (i18n.field("feedback"), self.feedback, "feedback"),
            (i18n.field("feedback_due"), self.feedback_due, "feedback_due"),
            (i18n.field("status"), self.status, "status"),
        )
        self.lay_out(warn, form, on_ok=self._ok, ok_text=self.tr("Save"))
        self.reported_done.toggled.connect(self.reported.setEnabled)
        self.reported_done.setChecked(True)
        if existing is not None:
            set_combo_data(self.trigger, existing.trigger)
            self.trigger.setEnabled(False)
            self.found.setDateTime(_qdt(existing.found_at))
            self.found.setEnabled(False)
            self.description.setPlainText(existing.description)
            self.description.setReadOnly(True)
            self.reported_done.setChecked(existing.reported_at is not None)
            if existing.reported_at:
                self.reported.setDateTime(_qdt(existing.reported_at))
            self.agency.setText(existing.agency)
            self.receipt.setText(existing.receipt_no)
            self.feedback.setPlainText(existing.feedback)
            self.feedback_due.set_value(existing.feedback_due)
            set_combo_data(self.status, existing.status)
        fit_to_screen(self, 620, 600)

    def _ok(self) -> None:
        rep = MandatoryReport(
            child_id=self.child_id,
            trigger=self.trigger.currentData(),
            found_at=_from_qdt(self.found.dateTime()),
            reported_at=_from_qdt(self.reported.dateTime())
            if self.reported_done.isChecked()
            else None,
            agency=self.agency.text(),
            receipt_no=self.receipt.text(),
            feedback=self.feedback.toPlainText(),
            description=self.description.toPlainText(),
            status=self.status.currentData(),
            id=self.existing.id if self.existing else None,
            feedback_due=self.feedback_due.value(),
        )
        fn = casework.update_report if self.existing else casework.add_report
        self.save(lambda uow: fn(uow, rep))
