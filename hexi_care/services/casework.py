"""Follow-up actions, referrals and mandatory reports (强制报告) about a child."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from hexi_care.db.models import Child as ChildRow
from hexi_care.db.models import FollowUp as FollowUpRow
from hexi_care.db.models import MandatoryReport as ReportRow
from hexi_care.db.models import Referral as ReferralRow
from hexi_care.domain import reporting
from hexi_care.domain.dates import local_date
from hexi_care.domain.enums import FollowUpStatus, ReportStatus, ReportTrigger, Role
from hexi_care.domain.model import FollowUp, MandatoryReport, Referral
from hexi_care.errors import InvalidInput, NotFound
from hexi_care.services import settings
from hexi_care.services import validate as v
from hexi_care.services.context import UnitOfWork

#: Store-wide setting: {"tolerance_hours": int, "feedback_days": int} (domain/reporting.py).
REPORT_RULES = "report_rules"

# Who may read mandatory reports: the reporter's identity stays confidential, so only supervisors
# and the community's own director see them.
REPORT_READERS = (Role.DIRECTOR, Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR)


def _child(uow: UnitOfWork, child_id: str) -> ChildRow:
    row = uow.session.get(ChildRow, child_id)
    if row is None:
        raise NotFound(what="child", ref=child_id)
    return row


def to_followup(r: FollowUpRow) -> FollowUp:
    return FollowUp(
        id=r.id,
        child_id=r.child_id,
        visit_id=r.visit_id,
        action=r.action,
        owner=r.owner,
        due_date=r.due_date,
        status=FollowUpStatus(r.status),
        done_date=r.done_date,
    )


def add_followup(uow: UnitOfWork, f: FollowUp) -> FollowUp:
    uow.require_case_reader()
    child = _child(uow, f.child_id)
    row = FollowUpRow(
        child_id=child.id,
        community_id=child.community_id,
        visit_id=f.visit_id,
        action=v.text("action", f.action, required=True, max_len=2000),
        owner=v.text("owner", f.owner, max_len=64),
        due_date=v.parse_date("due_date", f.due_date),
        status=FollowUpStatus.OPEN,
    )
    uow.session.add(row)
    uow.session.flush()
    uow.audit("create", "follow_up", row.id)
    return to_followup(row)


def close_followup(uow: UnitOfWork, followup_id: str, *, cancelled: bool = False) -> FollowUp:
    uow.require_case_reader()
    row = uow.session.get(FollowUpRow, followup_id)
    if row is None:
        raise NotFound(what="follow_up", ref=followup_id)
    row.status = FollowUpStatus.CANCELLED if cancelled else FollowUpStatus.DONE
    row.done_date = uow.today()
    uow.audit("close", "follow_up", row.id, row.status)
    return to_followup(row)


def followups(
    uow: UnitOfWork, child_id: str | None = None, *, open_only: bool = False
) -> list[FollowUp]:
    uow.require_case_reader()
    stmt = select(FollowUpRow).order_by(FollowUpRow.due_date.is_(None), FollowUpRow.due_date)
    if child_id:
        stmt = stmt.where(FollowUpRow.child_id == child_id)
    if open_only:
        stmt = stmt.where(FollowUpRow.status == FollowUpStatus.OPEN)
    return [to_followup(r) for r in uow.session.scalars(stmt)]


def to_referral(r: ReferralRow) -> Referral:
    return Referral(
        id=r.id,
        child_id=r.child_id,
        visit_id=r.visit_id,
        agency=r.agency,
        reason=r.reason,
        referred_on=r.referred_on,
        outcome=r.outcome,
    )


def add_referral(uow: UnitOfWork, ref: Referral) -> Referral:
    uow.require_case_reader()
    child = _child(uow, ref.child_id)
    row = ReferralRow(
        child_id=child.id,
        community_id=child.community_id,
        visit_id=ref.visit_id,
        agency=v.text("agency", ref.agency, required=True, max_len=128),
        reason=v.text("reason", ref.reason, max_len=5000),
        referred_on=v.parse_date("date", ref.referred_on),
        outcome=v.text("outcome", ref.outcome, max_len=5000),
    )
    uow.session.add(row)
    uow.session.flush()
    uow.audit("create", "referral", row.id)
    return to_referral(row)


def referrals(uow: UnitOfWork, child_id: str) -> list[Referral]:
    uow.require_case_reader()
    stmt = (
        select(ReferralRow)
        .where(ReferralRow.child_id == child_id)
        .order_by(ReferralRow.referred_on)
    )
    return [to_referral(r) for r in uow.session.scalars(stmt)]


def report_rules(uow: UnitOfWork) -> reporting.ReportRules:
    raw = settings.get(uow, REPORT_RULES)
    if not raw:
        return reporting.ReportRules()
    try:
        return reporting.ReportRules(
            tolerance_hours=int(raw.get("tolerance_hours", 24)),
            feedback_days=int(raw.get("feedback_days", 15)),
        )
    except (TypeError, ValueError, AttributeError):
        raise InvalidInput(REPORT_RULES, "invalid") from None


#: The range the setting takes (the window's fields and the command line): up to two weeks for
#: "immediately", up to a year before chasing feedback.
MAX_TOLERANCE_HOURS = 24 * 14
MAX_FEEDBACK_DAYS = 365


def checked_report_rules(tolerance_hours: object, feedback_days: object) -> reporting.ReportRules:
    """The rules from input, each value refused by name when out of its range."""
    hours = v.non_negative_int("tolerance_hours", tolerance_hours, max_value=MAX_TOLERANCE_HOURS)
    days = v.non_negative_int("feedback_days", feedback_days, max_value=MAX_FEEDBACK_DAYS)
    if days < 1:
        raise InvalidInput("feedback_days", "out_of_range", value=days)
    return reporting.ReportRules(tolerance_hours=hours, feedback_days=days)


def set_report_rules(uow: UnitOfWork, rules: reporting.ReportRules) -> None:
    """How long "immediately" may take, and when to chase feedback (centre or administrator)."""
    settings.put(
        uow,
        REPORT_RULES,
        {"tolerance_hours": rules.tolerance_hours, "feedback_days": rules.feedback_days},
    )


def to_report(r: ReportRow, uow: UnitOfWork | None = None) -> MandatoryReport:
    """The report; with `uow`, flagged late or feedback overdue by the store's rules."""
    late = overdue = False
    if uow is not None:
        rules = report_rules(uow)
        late = reporting.is_late(r.found_at, r.reported_at, uow.now(), rules)
        overdue = reporting.feedback_overdue(
            ReportStatus(r.status), r.feedback, r.feedback_due, uow.today()
        )
    return MandatoryReport(
        id=r.id,
        child_id=r.child_id,
        trigger=ReportTrigger(r.trigger),
        description=r.description,
        found_at=r.found_at,
        reported_at=r.reported_at,
        agency=r.agency,
        receipt_no=r.receipt_no,
        feedback=r.feedback,
        status=ReportStatus(r.status),
        feedback_due=r.feedback_due,
        late=late,
        feedback_overdue=overdue,
    )


def _feedback_due(uow: UnitOfWork, rep: MandatoryReport) -> date | None:
    """The date given, or one from the rules once the report is made."""
    given = v.parse_date("feedback_due", rep.feedback_due)
    if given is not None or rep.reported_at is None:
        return given
    return reporting.default_feedback_due(
        local_date(rep.reported_at, uow.zone()), report_rules(uow)
    )


def add_report(uow: UnitOfWork, rep: MandatoryReport) -> MandatoryReport:
    """Record a mandatory report. Report to 公安 immediately; this keeps the record of it."""
    uow.require_role(*REPORT_READERS, action="record mandatory reports")
    child = _child(uow, rep.child_id)
    trigger = v.choice("trigger", ReportTrigger, rep.trigger)
    if rep.found_at is None:
        raise InvalidInput("found_at", "required")
    if rep.found_at > uow.now():
        raise InvalidInput("found_at", "future_date")
    if rep.reported_at is not None and rep.reported_at < rep.found_at:
        raise InvalidInput("reported_at", "end_before_start")
    row = ReportRow(
        child_id=child.id,
        community_id=child.community_id,
        trigger=trigger,
        description=v.text("description", rep.description, max_len=10000),
        found_at=rep.found_at,
        reported_at=rep.reported_at,
        agency=v.text("agency", rep.agency, max_len=128),
        receipt_no=v.text("receipt_no", rep.receipt_no, max_len=64),
        feedback=v.text("feedback", rep.feedback, max_len=10000),
        status=v.choice("status", ReportStatus, rep.status),
        reporter_id=uow.user_id,
        feedback_due=_feedback_due(uow, rep),
    )
    uow.session.add(row)
    uow.session.flush()
    uow.audit("create", "mandatory_report", row.id)
    return to_report(row, uow)


def update_report(uow: UnitOfWork, rep: MandatoryReport) -> MandatoryReport:
    uow.require_role(*REPORT_READERS, action="record mandatory reports")
    row = uow.session.get(ReportRow, rep.id or "")
    if row is None:
        raise NotFound(what="mandatory_report", ref=rep.id or "")
    if rep.reported_at is not None and rep.reported_at < row.found_at:
        raise InvalidInput("reported_at", "end_before_start")
    row.reported_at = rep.reported_at
    row.feedback_due = _feedback_due(uow, rep) or row.feedback_due
    row.agency = v.text("agency", rep.agency, max_len=128)
    row.receipt_no = v.text("receipt_no", rep.receipt_no, max_len=64)
    row.feedback = v.text("feedback", rep.feedback, max_len=10000)
    row.status = v.choice("status", ReportStatus, rep.status)
    uow.audit("update", "mandatory_report", row.id)
    return to_report(row, uow)


def reports(
    uow: UnitOfWork, child_id: str | None = None, *, open_only: bool = False
) -> list[MandatoryReport]:
    uow.require_role(*REPORT_READERS, action="read mandatory reports")
    stmt = select(ReportRow).order_by(ReportRow.found_at.desc())
    if child_id:
        stmt = stmt.where(ReportRow.child_id == child_id)
    if open_only:
        stmt = stmt.where(ReportRow.status == ReportStatus.OPEN)
    return [to_report(r, uow) for r in uow.session.scalars(stmt)]
