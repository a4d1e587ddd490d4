"""The columns of the tables of a child's and a household's records, for the child file, the
household window and the Activities and help page (one definition each)."""

from __future__ import annotations

from collections.abc import Sequence

from hexi_care import vocabulary
from hexi_care.domain import idnumber
from hexi_care.domain.enums import VisitStatus
from hexi_care.ui import i18n
from hexi_care.ui.common import ERROR_COLOUR, report_state, yuan
from hexi_care.ui.dialogs.guardian import situation_text
from hexi_care.ui.i18n import QT_TRANSLATE_NOOP
from hexi_care.ui.models import RIGHT, Column


def help_columns(who: Sequence[Column] = (), what_width: int = 12) -> list[Column]:
    """Columns of a help-given table (child file, household window; the Activities and help page
    adds `who` was helped)."""
    return [
        Column(
            QT_TRANSLATE_NOOP("Columns", "Given on"),
            lambda a: a.given_on.isoformat(),
            width=6,
        ),
        *who,
        Column(
            QT_TRANSLATE_NOOP("Columns", "Kind"),
            lambda a: i18n.label(i18n.ASSISTANCE_KIND, a.kind),
            width=3,
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "What"), lambda a: a.description, width=what_width),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Items"),
            lambda a: str(a.items) if a.items else "",
            align=RIGHT,
            width=3,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Yuan"),
            lambda a: yuan(a.amount_fen) if a.amount_fen else "",
            align=RIGHT,
            width=5,
        ),
        # What the help was tagged with, as stored (a campaign's name, or older free text).
        Column(QT_TRANSLATE_NOOP("Columns", "Campaign"), lambda a: a.campaign, width=8),
        Column(QT_TRANSLATE_NOOP("Columns", "Source"), lambda a: a.source),
    ]


def guardian_columns() -> list[Column]:
    """Columns of a household's parents and guardians (child file, household window)."""
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda g: g.name, width=6),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Relationship"),
            lambda g: i18n.label(i18n.RELATIONSHIP, g.relationship),
            width=5,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Guardian / carer"),
            lambda g: i18n.join(
                x
                for x in (
                    i18n.translate("Labels", "guardian") if g.is_guardian else "",
                    i18n.translate("Labels", "carer") if g.is_carer else "",
                )
                if x
            ),
            width=8,
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Phone"), lambda g: g.phone, width=8),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Situations"),
            lambda g: "；".join(situation_text(s) for s in g.situations),
            tooltip=lambda g: "\n".join(situation_text(s) for s in g.situations),
        ),
    ]


def visit_columns() -> list[Column]:
    """Columns of a child's visits (child file)."""
    return [
        Column(
            QT_TRANSLATE_NOOP("Columns", "Visit date"), lambda v: v.visit_date.isoformat(), width=6
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Kind"),
            lambda v: i18n.label(i18n.VISIT_KIND, v.kind),
            width=9,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Status"),
            lambda v: i18n.label(i18n.VISIT_STATUS, v.status),
            foreground=lambda v: ERROR_COLOUR if v.status == VisitStatus.RETURNED else None,
            width=5,
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Visitors"), lambda v: v.visitors, width=8),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Next visit"),
            lambda v: i18n.fmt_date(v.next_visit_date),
            width=6,
        ),
    ]


def notice_columns() -> list[Column]:
    """Columns of the notices delivered to a household (child file, household window)."""
    return [
        Column(
            QT_TRANSLATE_NOOP("Columns", "Delivered on"),
            lambda n: n.delivered_on.isoformat(),
            width=6,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Notice"),
            lambda n: f"{n.template_code} v{n.template_version}",
            width=8,
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Guardian"), lambda n: n.guardian_name, width=6),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Signed"),
            lambda n: i18n.label(i18n.TRISTATE, n.signed),
            width=3,
        ),
    ]


def activity_columns() -> list[Column]:
    """Columns of the activities a child took part in (child file)."""
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Date"), lambda a: a.held_on.isoformat(), width=6),
        Column(QT_TRANSLATE_NOOP("Columns", "Activity"), lambda a: a.title),
    ]


def followup_columns() -> list[Column]:
    """Columns of a child's follow-up actions (child file)."""
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Action"), lambda f: f.action, width=14),
        Column(QT_TRANSLATE_NOOP("Columns", "Who"), lambda f: f.owner, width=5),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Deadline"),
            lambda f: i18n.fmt_date(f.due_date),
            width=6,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Status"),
            lambda f: i18n.label(i18n.FOLLOWUP_STATUS, f.status),
            width=4,
        ),
    ]


def referral_columns() -> list[Column]:
    """Columns of a child's referrals (child file)."""
    return [
        Column(
            QT_TRANSLATE_NOOP("Columns", "Date"),
            lambda r: i18n.fmt_date(r.referred_on),
            width=6,
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Referred to"), lambda r: r.agency, width=10),
        Column(QT_TRANSLATE_NOOP("Columns", "Reason"), lambda r: r.reason, width=12),
        Column(QT_TRANSLATE_NOOP("Columns", "Outcome"), lambda r: r.outcome),
    ]


def report_columns() -> list[Column]:
    """Columns of a child's mandatory reports (child file)."""
    return [
        Column(
            QT_TRANSLATE_NOOP("Columns", "Found"),
            lambda r: i18n.fmt_datetime(r.found_at),
            width=8,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Trigger"),
            lambda r: i18n.label(i18n.REPORT_TRIGGER, r.trigger),
            width=14,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Reported"),
            lambda r: i18n.fmt_datetime(r.reported_at),
            # Made (or still not made) after the store's tolerance: red.
            foreground=lambda r: ERROR_COLOUR if r.late else None,
            width=8,
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Agency"), lambda r: r.agency, width=5),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Deadline"),
            report_state,
            foreground=lambda r: ERROR_COLOUR if r.late or r.feedback_overdue else None,
            width=8,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Status"),
            lambda r: i18n.label(i18n.REPORT_STATUS, r.status),
        ),
    ]


def category_columns(ctx) -> list[Column]:
    """Columns of a child's categories with their basis and evidence (the profile form)."""
    cats = ctx.ref.categories
    today = ctx.today()
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Category"), lambda c: cats.name(c.code), width=10),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Basis"),
            lambda c: c.basis,
            tooltip=lambda c: c.basis,
            width=12,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Evidence"),
            lambda c: c.evidence,
            tooltip=lambda c: c.evidence,
            width=10,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "From"), lambda c: i18n.fmt_date(c.start_date), width=6
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Until"), lambda c: i18n.fmt_date(c.end_date), width=6),
        Column(
            QT_TRANSLATE_NOOP("Columns", "In force"),
            lambda c: i18n.label(i18n.TRISTATE, c.active_on(today)),
            width=3,
        ),
    ]


def benefit_columns() -> list[Column]:
    """Support records (低保, 特困, 医疗救助 …) of a child."""
    return [
        Column(
            QT_TRANSLATE_NOOP("Columns", "Kind"),
            lambda b: i18n.label(vocabulary.SUPPORT_KIND, b.kind),
            width=13,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Approved on"),
            lambda b: i18n.fmt_date(b.approved_on),
            width=5,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Yuan"),
            lambda b: yuan(b.amount_fen) if b.amount_fen else "",
            align=RIGHT,
            width=4,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "From"), lambda b: i18n.fmt_date(b.start_date), width=5
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Until"), lambda b: i18n.fmt_date(b.end_date), width=5),
        Column(QT_TRANSLATE_NOOP("Columns", "Note"), lambda b: b.note),
    ]


def agreement_columns() -> list[Column]:
    """Entrusted-care agreements: the carer's ID number masked, as in every list."""
    return [
        Column(
            QT_TRANSLATE_NOOP("Columns", "Carer"),
            lambda a: " ".join(x for x in (a.carer_name, a.relationship) if x),
            width=6,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "ID number"),
            lambda a: idnumber.mask(a.carer_id_number) if a.carer_id_number else "",
            width=8,
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Phone"), lambda a: a.carer_phone, width=6),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Signed on"), lambda a: i18n.fmt_date(a.signed_on), width=5
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Until"), lambda a: i18n.fmt_date(a.term_end), width=5),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Scan"),
            lambda a: i18n.label(i18n.TRISTATE, a.attachment_id is not None),
        ),
    ]


def allowance_columns(ctx) -> list[Column]:
    """A child's recognitions: each step's date, the confirmation number and where it stands."""
    cats = ctx.ref.categories
    return [
        Column(
            QT_TRANSLATE_NOOP("Columns", "Category"),
            lambda a: cats.name(a.category),
            tooltip=lambda a: cats.name(a.category),
            width=9,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Applied"), lambda a: i18n.fmt_date(a.applied_on), width=5
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Checked"), lambda a: i18n.fmt_date(a.checked_on), width=5
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Confirmed"),
            lambda a: i18n.fmt_date(a.confirmed_on),
            width=5,
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Number"), lambda a: a.confirmation_no, width=7),
        Column(QT_TRANSLATE_NOOP("Columns", "First month"), lambda a: a.start_month, width=4),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Stage"),
            lambda a: i18n.label(vocabulary.ALLOWANCE_STAGE, a.stage),
        ),
    ]


def allowance_month_columns(this_month) -> list[Column]:
    """One recognition's payment ledger: each month, what was due and what was paid when; a
    month before `this_month()` ("YYYY-MM") due and not paid shows red."""

    def unpaid(x) -> bool:
        return bool(x.amount_fen) and x.paid_fen is None and x.month < this_month()

    return [
        Column(
            QT_TRANSLATE_NOOP("Columns", "Month"),
            lambda x: x.month,
            foreground=lambda x: ERROR_COLOUR if unpaid(x) else None,
            width=5,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Amount due"),
            lambda x: yuan(x.amount_fen) if x.amount_fen else "—",
            align=RIGHT,
            width=5,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Paid"),
            lambda x: yuan(x.paid_fen) if x.paid_fen is not None else "",
            align=RIGHT,
            width=5,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Paid on"), lambda x: i18n.fmt_date(x.paid_on), width=6
        ),
    ]


def allowance_note(a) -> str:
    """Where a recognition stands, in a sentence: the confirmation and first month, a
    suspension or a stop with its reason."""
    parts = []
    if a.confirmed_on is not None:
        parts.append(
            i18n.translate(
                "Allowance", "Confirmed on {date} ({number}), paid from {month}."
            ).format(
                date=i18n.fmt_date(a.confirmed_on), number=a.confirmation_no, month=a.start_month
            )
        )
    elif a.checked_on is not None:
        parts.append(
            i18n.translate(
                "Allowance", "Checked by the street on {date}; awaiting the district."
            ).format(date=i18n.fmt_date(a.checked_on))
        )
    else:
        parts.append(
            i18n.translate("Allowance", "Applied on {date}; awaiting the street's check.").format(
                date=i18n.fmt_date(a.applied_on)
            )
        )
    if a.suspended_from:
        text = (
            i18n.translate("Allowance", "Suspended {start} to {end}: {reason}")
            if a.suspended_until
            else i18n.translate("Allowance", "Suspended from {start}: {reason}")
        )
        parts.append(
            text.format(start=a.suspended_from, end=a.suspended_until, reason=a.suspend_reason)
        )
    if a.stopped_from:
        parts.append(
            i18n.translate("Allowance", "Stopped from {start}: {reason}").format(
                start=a.stopped_from, reason=a.stop_reason
            )
        )
    return " ".join(parts)
