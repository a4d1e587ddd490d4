"""Home visits: drafts, submission, supervisor review (approve/return), and the lists built on them.

A visit is one transaction; a draft can be saved as often as the form likes. Submitting fixes the
record; a returned visit goes back to its author as a draft to mend and resubmit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import Select, Table, bindparam, func, select, update
from sqlalchemy.orm.attributes import set_committed_value

from hexi_care.db.models import AppUser, VisitReview
from hexi_care.db.models import Child as ChildRow
from hexi_care.db.models import Visit as VisitRow
from hexi_care.domain import dates, routine, schedule, submission
from hexi_care.domain.enums import (
    Rating,
    ReviewDecision,
    RiskLevel,
    Role,
    SafetyTopic,
    VisitKind,
    VisitStatus,
)
from hexi_care.domain.model import SectionRating, Visit
from hexi_care.domain.notice_templates import builtin_templates
from hexi_care.errors import (
    Ambiguous,
    InvalidInput,
    NotFound,
    ScopeDenied,
    SubmitIncomplete,
)
from hexi_care.services import settings, support
from hexi_care.services import validate as v
from hexi_care.services.context import UnitOfWork

TEXT_FIELDS = {
    "visit_time": 8,
    "visitors": 500,
    "people_met": 500,
    "place": 500,
    "basic_info_changes": 5000,
    "carer_name": 64,
    "carer_relationship": 32,
    "parent_contact": 2000,
    "needs": 10000,
    "help_given": 10000,
    "referrals": 5000,
    "visitor_signoff": 64,
    "campaign": 128,
}
FLAG_FIELDS = ("basic_info_verified", "child_alone_under16", "child_under8_unattended")
TRISTATE_FIELDS = ("entrusted_agreement", "carer_suitable")
TIME_RE = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")


def to_visit(row: VisitRow) -> Visit:
    sections: dict[str, Any] = {
        name: SectionRating(
            rating=Rating(getattr(row, f"{name}_rating"))
            if getattr(row, f"{name}_rating")
            else None,
            note=getattr(row, f"{name}_note"),
        )
        for name in Visit.SECTIONS
    }
    return Visit(
        id=row.id,
        child_id=row.child_id,
        household_id=row.household_id,
        community_id=row.community_id,
        visit_date=row.visit_date,
        kind=VisitKind(row.kind),
        status=VisitStatus(row.status),
        safety_reminders=[s for s in row.safety_reminders.split(",") if s],
        next_visit_date=row.next_visit_date,
        review_comment=row.review_comment,
        reviewed_by=row.reviewed_by,
        reviewed_at=row.reviewed_at,
        submitted_at=row.submitted_at,
        created_by=row.created_by,
        updated_at=row.updated_at,
        version=row.version,
        **{f: getattr(row, f) for f in TEXT_FIELDS},
        **{f: getattr(row, f) for f in FLAG_FIELDS},
        **{f: getattr(row, f) for f in TRISTATE_FIELDS},
        **sections,
    )


def _clean(uow: UnitOfWork, visit: Visit, child: ChildRow) -> Visit:
    today = uow.today()
    vdate = v.parse_date("visit_date", visit.visit_date, required=True)
    assert vdate is not None
    v.not_future("visit_date", vdate, today)
    v.not_before("visit_date", vdate, child.birth_date)
    nxt = v.parse_date("next_visit_date", visit.next_visit_date)
    if nxt is not None and nxt < vdate:
        raise InvalidInput("next_visit_date", "end_before_start")
    kind = v.choice("kind", VisitKind, visit.kind)
    texts: dict[str, Any] = {
        f: v.text(f, getattr(visit, f), max_len=n) for f, n in TEXT_FIELDS.items()
    }
    if texts["visit_time"] and not TIME_RE.match(texts["visit_time"]):
        raise InvalidInput("visit_time", "bad_time")
    reminders: list[str] = []
    for r in visit.safety_reminders:
        reminders.append(v.choice("safety_reminders", SafetyTopic, r).value)
    sections: dict[str, Any] = {}
    for name in Visit.SECTIONS:
        s = getattr(visit, name)
        rating = v.choice("rating", Rating, s.rating) if s.rating else None
        sections[name] = SectionRating(rating=rating, note=v.text("rating", s.note, max_len=5000))
    return replace(
        visit,
        visit_date=vdate,
        next_visit_date=nxt,
        kind=kind,
        safety_reminders=sorted(set(reminders), key=reminders.index),
        **texts,
        **sections,
    )


def _apply(row: VisitRow, visit: Visit) -> None:
    row.visit_date = visit.visit_date
    row.kind = visit.kind
    row.next_visit_date = visit.next_visit_date
    row.safety_reminders = ",".join(visit.safety_reminders)
    for f in TEXT_FIELDS:
        setattr(row, f, getattr(visit, f))
    for f in FLAG_FIELDS:
        setattr(row, f, bool(getattr(visit, f)))
    for f in TRISTATE_FIELDS:
        setattr(row, f, getattr(visit, f))
    for name in Visit.SECTIONS:
        s: SectionRating = getattr(visit, name)
        setattr(row, f"{name}_rating", s.rating.value if s.rating else None)
        setattr(row, f"{name}_note", s.note)


def _child(uow: UnitOfWork, child_id: str) -> ChildRow:
    row = uow.session.get(ChildRow, child_id)
    if row is None:
        raise NotFound(what="child", ref=child_id)
    return row


def _visit_row(uow: UnitOfWork, visit_id: str) -> VisitRow:
    row = uow.session.get(VisitRow, visit_id)
    if row is None:
        raise NotFound(what="visit", ref=visit_id)
    return row


def suggest_next_date(uow: UnitOfWork, child_id: str, visit_date: date) -> date:
    """From the visit schedule for the child's categories and risk (configurable)."""
    child = _child(uow, child_id)
    cats = [c for c in child.category_codes.split(",") if c]
    return schedule.next_due(visit_date, cats, RiskLevel(child.risk), settings.visit_policy(uow))


def refresh_child_dates(uow: UnitOfWork, child: ChildRow) -> None:
    """Keep the list columns (last visit, next due) current after a visit changes."""
    counted = (VisitRow.child_id == child.id, VisitRow.status != VisitStatus.DRAFT)
    last = uow.session.scalar(select(func.max(VisitRow.visit_date)).where(*counted))
    planned = uow.session.scalar(
        select(VisitRow.next_visit_date).where(*counted).order_by(*_LATEST_FIRST).limit(1)
    )
    child.last_visit, child.next_due = _list_dates(
        uow, child, last, planned, settings.visit_policy(uow)
    )


#: A child's visits, the latest first: the one whose planned next visit counts.
_LATEST_FIRST = (VisitRow.visit_date.desc(), VisitRow.submitted_at.desc(), VisitRow.id.desc())


def _list_dates(
    uow: UnitOfWork,
    child: ChildRow,
    last: date | None,
    planned: date | None,
    policy: schedule.VisitPolicy,
) -> tuple[date | None, date | None]:
    """(last visit, next due) of `child`, given its latest visit's date and planned next one."""
    cats = [c for c in child.category_codes.split(",") if c]
    due = schedule.next_due(
        last,
        cats,
        RiskLevel(child.risk),
        policy,
        registered_on=dates.local_date(child.created_at, uow.zone()),
    )
    return last, (min(planned, due) if planned else due)


def refresh_children_dates(uow: UnitOfWork, rows: Sequence[ChildRow]) -> None:
    """refresh_child_dates for many children at once (a package's import touches hundreds):
    two reads and one batched write for each 500 children, instead of four statements each.
    The two list columns are written without a version check, as they follow from the visits."""
    policy = settings.visit_policy(uow)
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        counted = (
            VisitRow.child_id.in_([c.id for c in chunk]),
            VisitRow.status != VisitStatus.DRAFT,
        )
        last: dict[str, date] = {
            cid: d
            for cid, d in uow.session.execute(
                select(VisitRow.child_id, func.max(VisitRow.visit_date))
                .where(*counted)
                .group_by(VisitRow.child_id)
            )
        }
        ranked = (
            select(
                VisitRow.child_id,
                VisitRow.next_visit_date,
                func.row_number()
                .over(partition_by=VisitRow.child_id, order_by=_LATEST_FIRST)
                .label("n"),
            )
            .where(*counted)
            .subquery()
        )
        planned: dict[str, date | None] = {
            cid: d
            for cid, d in uow.session.execute(
                select(ranked.c.child_id, ranked.c.next_visit_date).where(ranked.c.n == 1)
            )
        }
        changed: list[dict[str, Any]] = []
        for child in chunk:
            now = _list_dates(uow, child, last.get(child.id), planned.get(child.id), policy)
            if now != (child.last_visit, child.next_due):
                changed.append({"child": child.id, "last": now[0], "due": now[1]})
                set_committed_value(child, "last_visit", now[0])
                set_committed_value(child, "next_due", now[1])
        if changed:
            t = ChildRow.__table__
            assert isinstance(t, Table)
            uow.session.execute(
                update(t)
                .where(t.c.id == bindparam("child"))
                .values(last_visit=bindparam("last"), next_due=bindparam("due")),
                changed,
            )


def save_draft(uow: UnitOfWork, visit: Visit) -> Visit:
    """Create or update a draft (or a returned visit being mended)."""
    uow.require_role(
        Role.DIRECTOR, Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR, action="record visits"
    )
    child = _child(uow, visit.child_id)
    clean = _clean(uow, visit, child)
    if visit.id and (row := uow.session.get(VisitRow, visit.id)) is not None:
        if row.status not in (VisitStatus.DRAFT, VisitStatus.RETURNED):
            raise InvalidInput("status", "not_editable")
        if row.child_id != child.id:
            raise InvalidInput("child_id", "bad_state", status=row.status)
        uow.check_version(row.id, row.version, visit.version)
        row.version += 1
        created = False
    else:
        row = VisitRow(
            child_id=child.id,
            community_id=child.community_id,
            household_id=child.household_id,
            status=VisitStatus.DRAFT,
            created_by=uow.user_id,
        )
        if visit.id:
            row.id = visit.id
        uow.session.add(row)
        created = True
    _apply(row, clean)
    row.updated_at = uow.now()
    uow.session.flush()
    uow.audit("create" if created else "update", "visit", row.id, row.status)
    return to_visit(row)


def submit(uow: UnitOfWork, visit: Visit) -> Visit:
    """Save and submit for review in one transaction; refused as a whole (nothing saved) when the
    visit lacks what a submission needs (domain.submission)."""
    saved = save_draft(uow, visit)
    missing = submission.missing_for_submit(saved)
    if missing:
        raise SubmitIncomplete(missing)
    row = _visit_row(uow, saved.id or "")
    if not row.visitor_signoff:
        row.visitor_signoff = (uow.user.display_name or uow.user.name) if uow.user else ""
    row.status = VisitStatus.SUBMITTED
    row.submitted_at = uow.now()
    child = _child(uow, row.child_id)
    if row.next_visit_date is None:
        row.next_visit_date = suggest_next_date(uow, child.id, row.visit_date)
    uow.session.flush()
    refresh_child_dates(uow, child)
    uow.audit("submit", "visit", row.id)
    return to_visit(row)


def add_visit(uow: UnitOfWork, visit: Visit) -> Visit:
    """For the command line and imports: a draft, or submitted directly when status says so."""
    if visit.status == VisitStatus.SUBMITTED:
        return submit(uow, visit)
    if visit.status not in (VisitStatus.DRAFT,):
        raise InvalidInput("status", "choice", choices="draft, submitted")
    return save_draft(uow, visit)


def review(
    uow: UnitOfWork, visit_id: str, decision: str, comment: str = "", *, version: int = 0
) -> Visit:
    """A supervisor approves a submitted visit or returns it to its author with a comment.

    `version` is the visit's version as the supervisor read it: when another supervisor reviewed
    (or its author changed) it since, the review is refused with who did and when."""
    uow.require_role(Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR, action="review visits")
    row = _visit_row(uow, visit_id)
    uow.check_version(row.id, row.version, version)
    dec = v.choice("status", ReviewDecision, decision)
    comment = v.text(
        "review_comment", comment, max_len=5000, required=dec == ReviewDecision.RETURNED
    )
    if row.status != VisitStatus.SUBMITTED:
        raise InvalidInput("status", "bad_state", status=row.status)
    assert uow.user is not None
    uow.session.add(
        VisitReview(
            visit_id=row.id,
            community_id=row.community_id,
            reviewer_id=uow.user.id,
            decision=dec,
            comment=comment,
            at=uow.now(),
        )
    )
    row.status = VisitStatus.APPROVED if dec == ReviewDecision.APPROVED else VisitStatus.RETURNED
    row.version += 1
    row.review_comment = comment
    row.reviewed_by = uow.user.id
    row.reviewed_at = uow.now()
    uow.session.flush()
    uow.audit("review", "visit", row.id, dec.value)
    return to_visit(row)


def review_many(
    uow: UnitOfWork, visit_ids: Sequence[str], decision: str, comment: str = ""
) -> list[Visit]:
    """Several visits decided at once (batch review), in one transaction: all or none."""
    return [review(uow, vid, decision, comment) for vid in visit_ids]


@dataclass(frozen=True, slots=True)
class NewVisitStart:
    """What a new visit form starts with (domain.routine): the signed-in user's name as the
    visitor, the season notice's leading safety reminders, and the child's drafts already open
    (id and visit date, newest first) so a second visit is not begun unawares."""

    visitors: str
    safety: list[SafetyTopic]
    drafts: list[tuple[str, date]]


def new_visit_start(uow: UnitOfWork, child_id: str) -> NewVisitStart:
    uow.require_case_reader()
    child = uow.session.get(ChildRow, child_id)
    if child is None:
        raise NotFound(what="child", ref=child_id)
    visitors = ""
    if uow.user is not None:
        row = uow.session.get(AppUser, uow.user.id)
        # A person's name, never a login (a user added without a display name has the login).
        if row is not None and row.display_name and row.display_name != row.name:
            visitors = row.display_name
    code = routine.season_notice(uow.today(), settings.visit_policy(uow))
    try:
        template = support.template(uow, code)  # the store's own copy, as the locality edited it
    except NotFound:
        template = builtin_templates()[code]
    drafts = [
        (r.id, r.visit_date)
        for r in uow.session.execute(
            select(VisitRow.id, VisitRow.visit_date)
            .where(VisitRow.child_id == child_id, VisitRow.status == VisitStatus.DRAFT)
            .order_by(VisitRow.visit_date.desc(), VisitRow.created_at.desc())
        )
    ]
    return NewVisitStart(visitors=visitors, safety=routine.lead_topics(template), drafts=drafts)


def delete_draft(uow: UnitOfWork, visit_id: str) -> None:
    row = _visit_row(uow, visit_id)
    if row.status != VisitStatus.DRAFT:
        raise InvalidInput("status", "not_editable")
    if uow.user is not None and row.created_by not in (None, uow.user.id):
        raise ScopeDenied()
    uow.session.delete(row)
    uow.audit("delete", "visit", visit_id)


def get_visit(uow: UnitOfWork, visit_id: str) -> Visit:
    uow.require_case_reader()
    return to_visit(_visit_row(uow, visit_id))


def resolve_visit(uow: UnitOfWork, ref: str) -> str:
    ref = ref.strip()
    if uow.session.get(VisitRow, ref) is not None:
        return ref
    if len(ref) >= 6:
        ids = list(
            uow.session.scalars(select(VisitRow.id).where(VisitRow.id.startswith(ref)).limit(2))
        )
        if len(ids) == 1:
            return ids[0]
        if len(ids) > 1:
            raise Ambiguous(ref=ref)
    raise NotFound(what="visit", ref=ref)


S = TypeVar("S", bound=Select[Any])


def narrowed(
    stmt: S,
    *,
    status: str | None,
    community_id: str | None,
    date_from: date | None,
    date_to: date | None,
) -> S:
    """`stmt` (over visits) narrowed to a status, a community and a date range: the visit lists'
    filters, in one place for the command line, the Visits page and its count."""
    if status:
        stmt = stmt.where(VisitRow.status == v.choice("status", VisitStatus, status))
    if community_id:
        stmt = stmt.where(VisitRow.community_id == community_id)
    if date_from:
        stmt = stmt.where(VisitRow.visit_date >= date_from)
    if date_to:
        stmt = stmt.where(VisitRow.visit_date <= date_to)
    return stmt


def list_visits(
    uow: UnitOfWork,
    *,
    child_id: str | None = None,
    status: str | None = None,
    community_id: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int | None = 1000,
    offset: int = 0,
) -> list[Visit]:
    uow.require_case_reader()
    stmt = select(VisitRow)
    if child_id:
        stmt = stmt.where(VisitRow.child_id == child_id)
    stmt = narrowed(
        stmt, status=status, community_id=community_id, date_from=date_from, date_to=date_to
    )
    stmt = stmt.order_by(VisitRow.visit_date.desc(), VisitRow.created_at.desc())
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    return [to_visit(r) for r in uow.session.scalars(stmt)]


def visit_from_dict(data: dict[str, object], child_id: str) -> Visit:
    """Build a Visit from JSON-like input (CLI, imports); unknown keys and wrong types are refused
    by name."""
    allowed = {f.name for f in fields(Visit)} - {
        "reviewed_by",
        "reviewed_at",
        "submitted_at",
        "created_by",
        "updated_at",
        "household_id",
        "community_id",
        "review_comment",
    }
    unknown = sorted(set(data) - allowed - {"child_id"})
    if unknown:
        raise InvalidInput(unknown[0], "unknown", value=unknown[0])
    values: dict[str, Any] = {}
    for key in TEXT_FIELDS:
        if key in data:
            values[key] = v.json_text(key, data[key]) or ""
    for key in FLAG_FIELDS:
        if key in data:
            values[key] = v.json_bool(key, data[key])
    for key in TRISTATE_FIELDS:
        if key in data:
            values[key] = v.json_bool(key, data[key], allow_none=True)
    values["visit_date"] = v.parse_date(
        "visit_date", v.json_text("visit_date", data.get("visit_date")), required=True
    )
    values["next_visit_date"] = v.parse_date(
        "next_visit_date", v.json_text("next_visit_date", data.get("next_visit_date"))
    )
    values["kind"] = v.choice("kind", VisitKind, v.json_text("kind", data.get("kind")) or "routine")
    values["status"] = v.choice(
        "status", VisitStatus, v.json_text("status", data.get("status")) or "draft"
    )
    if "id" in data:
        values["id"] = v.json_text("id", data["id"])
    for name in Visit.SECTIONS:
        if name not in data or data[name] is None:
            continue
        s = data[name]
        if isinstance(s, str):
            s = {"rating": s}
        if not isinstance(s, dict):
            raise InvalidInput("rating", "choice", choices=", ".join(r.value for r in Rating))
        rating = v.json_text("rating", s.get("rating"))
        values[name] = SectionRating(
            rating=v.choice("rating", Rating, rating) if rating else None,
            note=v.json_text("rating", s.get("note")) or "",
        )
    reminders = data.get("safety_reminders", [])
    if not isinstance(reminders, list):
        raise InvalidInput("safety_reminders", "not_list")
    values["safety_reminders"] = [
        v.json_text("safety_reminders", r, allow_none=False) for r in reminders
    ]
    return Visit(child_id=child_id, **values)


# -- the visit form's snapshot (form_recovery): everything typed, as plain data ---------------------
def visit_data(visit: Visit) -> dict[str, Any]:
    """A visit as JSON-ready plain data, every field kept (the form's recovery snapshot)."""
    out: dict[str, Any] = {}
    for f in fields(Visit):
        value = getattr(visit, f.name)
        if isinstance(value, SectionRating):
            value = {"rating": value.rating.value if value.rating else None, "note": value.note}
        elif isinstance(value, (datetime, date)):
            value = value.isoformat()
        elif hasattr(value, "value") and isinstance(getattr(value, "value", None), str):
            value = value.value
        out[f.name] = value
    return out


def visit_from_data(d: dict[str, Any]) -> Visit:
    """Read back what visit_data wrote. Lenient, unlike visit_from_dict: a snapshot holds what was
    typed, valid or not, and nothing of it may be lost; the draft's save checks it."""

    def day(x: Any) -> date | None:
        return date.fromisoformat(x) if isinstance(x, str) and x else None

    def moment(x: Any) -> datetime | None:
        return datetime.fromisoformat(x) if isinstance(x, str) and x else None

    names = {f.name for f in fields(Visit)}
    values: dict[str, Any] = {k: d[k] for k in d if k in names}
    for s in Visit.SECTIONS:
        raw = values.get(s) or {}
        values[s] = SectionRating(
            rating=Rating(raw["rating"]) if raw.get("rating") else None,
            note=str(raw.get("note", "")),
        )
    values["visit_date"] = day(values.get("visit_date")) or date.today()
    values["next_visit_date"] = day(values.get("next_visit_date"))
    for k in ("reviewed_at", "submitted_at", "updated_at"):
        values[k] = moment(values.get(k))
    values["kind"] = VisitKind(values.get("kind") or "routine")
    values["status"] = VisitStatus(values.get("status") or "draft")
    values["safety_reminders"] = [
        s for s in values.get("safety_reminders") or [] if s in {t.value for t in SafetyTopic}
    ]
    return Visit(**values)
