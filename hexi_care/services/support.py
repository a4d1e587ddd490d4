"""Help reaching families: guardian-notice deliveries (监护责任告知书), help given (帮扶慰问: items
in 件, money in fen) and activities with their participants (counted as 人次)."""

from __future__ import annotations

import json

from sqlalchemy import select

from hexi_care.db.models import Activity as ActivityRow
from hexi_care.db.models import ActivityParticipant, AssistanceBeneficiary, OrgUnit
from hexi_care.db.models import Assistance as AssistanceRow
from hexi_care.db.models import Child as ChildRow
from hexi_care.db.models import Household as HouseholdRow
from hexi_care.db.models import NoticeDelivery as DeliveryRow
from hexi_care.db.models import NoticeTemplate as TemplateRow
from hexi_care.domain.model import Activity, Assistance, NoticeDelivery, NoticeTemplate
from hexi_care.domain.notice_templates import builtin_templates
from hexi_care.errors import InvalidInput, NotFound
from hexi_care.services import units
from hexi_care.services import validate as v
from hexi_care.services.context import UnitOfWork

ASSISTANCE_KINDS = ("goods", "money", "service")
MAX_AMOUNT_FEN = 100_000_000  # one million yuan: anything above is a typing error


def _household(uow: UnitOfWork, household_id: str) -> HouseholdRow:
    row = uow.session.get(HouseholdRow, household_id)
    if row is None:
        raise NotFound(what="household", ref=household_id)
    return row


# -- notice templates and deliveries --------------------------------------------------------------
def to_template(r: TemplateRow) -> NoticeTemplate:
    body = json.loads(r.body_json)
    return NoticeTemplate(
        id=r.id,
        code=r.code,
        version=r.version,
        title=r.title,
        intro=body.get("intro", ""),
        themes=[(t[0], list(t[1])) for t in body.get("themes", [])],
    )


def save_template(uow: UnitOfWork, t: NoticeTemplate) -> NoticeTemplate:
    """Templates are versioned: saving a code again makes the next version."""
    latest = uow.session.scalar(
        select(TemplateRow.version)
        .where(TemplateRow.code == t.code)
        .order_by(TemplateRow.version.desc())
        .limit(1)
    )
    row = TemplateRow(
        code=v.text("template", t.code, required=True, max_len=32),
        version=(latest or 0) + 1,
        title=v.text("template", t.title, required=True, max_len=128),
        body_json=json.dumps({"intro": t.intro, "themes": t.themes}, ensure_ascii=False),
    )
    uow.session.add(row)
    uow.session.flush()
    uow.audit("create", "notice_template", row.id, f"{row.code} v{row.version}")
    return to_template(row)


def templates(uow: UnitOfWork) -> list[NoticeTemplate]:
    """The newest version of each template, and the built-in ones the store has never held
    (stores made before they were seeded): those are written only when a delivery first names
    one, so listing them writes nothing."""
    rows = list(
        uow.session.scalars(
            select(TemplateRow)
            .where(TemplateRow.active)
            .order_by(TemplateRow.code, TemplateRow.version)
        )
    )
    latest: dict[str, TemplateRow] = {}
    for r in rows:
        latest[r.code] = r
    held = {r.code for r in uow.session.scalars(select(TemplateRow))}
    offered = [t for code, t in builtin_templates().items() if code not in held]
    return [to_template(r) for r in latest.values()] + offered


def template(uow: UnitOfWork, code: str, version: int | None = None) -> NoticeTemplate:
    stmt = select(TemplateRow).where(TemplateRow.code == code)
    stmt = (
        stmt.where(TemplateRow.version == version)
        if version
        else stmt.order_by(TemplateRow.version.desc())
    )
    row = uow.session.scalars(stmt.limit(1)).first()
    if row is None:
        raise NotFound(what="notice_template", ref=code)
    return to_template(row)


def to_delivery(r: DeliveryRow) -> NoticeDelivery:
    return NoticeDelivery(
        id=r.id,
        household_id=r.household_id,
        template_code=r.template_code,
        template_version=r.template_version,
        delivered_on=r.delivered_on,
        guardian_name=r.guardian_name,
        signed=r.signed,
        note=r.note,
        delivered_by=r.delivered_by,
    )


def _delivered_template(uow: UnitOfWork, code: str, version: int | None) -> NoticeTemplate:
    """The template a delivery names. A built-in one the store has never held (`templates`
    offered it) is written now, with the delivery that uses it."""
    try:
        return template(uow, code, version)
    except NotFound:
        builtin = builtin_templates().get(code)
        held = uow.session.scalar(select(TemplateRow.id).where(TemplateRow.code == code).limit(1))
        if builtin is None or held is not None or version not in (None, builtin.version):
            raise
        return save_template(uow, builtin)


def record_delivery(uow: UnitOfWork, d: NoticeDelivery) -> NoticeDelivery:
    uow.require_case_reader()
    hh = _household(uow, d.household_id)
    t = _delivered_template(uow, d.template_code, d.template_version or None)
    on = v.parse_date("date", d.delivered_on, required=True)
    v.not_future("date", on, uow.today())
    row = DeliveryRow(
        household_id=hh.id,
        community_id=hh.community_id,
        template_code=t.code,
        template_version=t.version,
        delivered_on=on,
        guardian_name=v.name("name", d.guardian_name),
        signed=bool(d.signed),
        note=v.text("note", d.note, max_len=2000),
        delivered_by=uow.user_id,
    )
    uow.session.add(row)
    uow.session.flush()
    uow.audit("create", "notice_delivery", row.id)
    return to_delivery(row)


def deliveries(uow: UnitOfWork, household_id: str) -> list[NoticeDelivery]:
    uow.require_case_reader()
    stmt = (
        select(DeliveryRow)
        .where(DeliveryRow.household_id == household_id)
        .order_by(DeliveryRow.delivered_on)
    )
    return [to_delivery(r) for r in uow.session.scalars(stmt)]


# -- help given -----------------------------------------------------------------------------------
def to_assistance(r: AssistanceRow, child_ids: list[str] | None = None) -> Assistance:
    return Assistance(
        id=r.id,
        household_id=r.household_id,
        child_id=r.child_id,
        activity_id=r.activity_id,
        given_on=r.given_on,
        kind=r.kind,
        description=r.description,
        items=r.items,
        amount_fen=r.amount_fen,
        source=r.source,
        child_ids=child_ids if child_ids is not None else ([r.child_id] if r.child_id else []),
        others=r.others,
        campaign=r.campaign,
    )


def record_assistance(uow: UnitOfWork, a: Assistance) -> Assistance:
    """Help given to a household: the children of it who benefited are named (each must live
    there), the other people who did are counted (`others`)."""
    uow.require_case_reader()
    hh = _household(uow, a.household_id)
    named = a.beneficiary_ids
    for child_id in named:
        child = uow.session.get(ChildRow, child_id)
        if child is None or child.household_id != hh.id:
            raise InvalidInput("child_id", "unknown", value=child_id)
    if a.kind not in ASSISTANCE_KINDS:
        raise InvalidInput("kind", "choice", choices=", ".join(ASSISTANCE_KINDS))
    on = v.parse_date("date", a.given_on, required=True)
    v.not_future("date", on, uow.today())
    row = AssistanceRow(
        household_id=hh.id,
        community_id=hh.community_id,
        child_id=named[0] if named else None,
        activity_id=_activity_id(uow, a.activity_id),
        given_on=on,
        kind=a.kind,
        description=v.text("description", a.description, max_len=2000),
        items=v.non_negative_int("items", a.items, max_value=100_000),
        amount_fen=v.non_negative_int("amount", a.amount_fen, max_value=MAX_AMOUNT_FEN),
        source=v.text("source", a.source, max_len=128),
        others=v.non_negative_int("others", a.others, max_value=100),
        campaign=v.text("campaign", a.campaign, max_len=128),
        given_by=uow.user_id,
    )
    uow.session.add(row)
    uow.session.flush()
    for child_id in named:
        uow.session.add(
            AssistanceBeneficiary(
                assistance_id=row.id, child_id=child_id, community_id=hh.community_id
            )
        )
    uow.session.flush()
    uow.audit("create", "assistance", row.id, f"{len(named)} children, {row.others} others")
    return to_assistance(row, named)


def _activity_id(uow: UnitOfWork, activity_id: str | None) -> str | None:
    if not activity_id:
        return None
    if uow.session.get(ActivityRow, activity_id) is None:
        raise InvalidInput("activity", "unknown", value=activity_id)
    return activity_id


def assistance_for(
    uow: UnitOfWork, *, household_id: str | None = None, child_id: str | None = None
) -> list[Assistance]:
    uow.require_case_reader()
    stmt = select(AssistanceRow).order_by(AssistanceRow.given_on)
    if household_id:
        stmt = stmt.where(AssistanceRow.household_id == household_id)
    if child_id:
        named = select(AssistanceBeneficiary.assistance_id).where(
            AssistanceBeneficiary.child_id == child_id
        )
        stmt = stmt.where(AssistanceRow.id.in_(named))
    rows = list(uow.session.scalars(stmt))
    if not rows:
        return []
    children: dict[str, list[str]] = {}
    for assistance_id, beneficiary in uow.session.execute(
        select(AssistanceBeneficiary.assistance_id, AssistanceBeneficiary.child_id).where(
            AssistanceBeneficiary.assistance_id.in_([r.id for r in rows])
        )
    ).all():
        children.setdefault(assistance_id, []).append(beneficiary)
    return [to_assistance(r, children.get(r.id, [])) for r in rows]


# -- activities -----------------------------------------------------------------------------------
def add_activity(uow: UnitOfWork, a: Activity) -> Activity:
    """An activity and its participants; each participant must be a child the user may see."""
    uow.require_case_reader()
    unit = uow.session.get(OrgUnit, a.unit_id)
    if unit is None:
        raise InvalidInput("unit", "unknown", value=a.unit_id)
    on = v.parse_date("date", a.held_on, required=True)
    ends = v.parse_date("end_date", a.ends_on)
    v.date_range("end_date", on, ends)
    row = ActivityRow(
        unit_id=unit.id,
        title=v.text("title", a.title, required=True, max_len=200),
        held_on=on,
        ends_on=ends if ends != on else None,
        place=v.text("place", a.place, max_len=200),
        organiser=v.text("organiser", a.organiser, max_len=200),
        note=v.text("note", a.note, max_len=5000),
        head_count=v.non_negative_int("head_count", a.head_count, max_value=1_000_000),
        campaign=v.text("campaign", a.campaign, max_len=128),
        funder=v.text("funder", a.funder, max_len=128),
    )
    uow.session.add(row)
    uow.session.flush()
    for child_id in dict.fromkeys(a.participant_ids):
        child = uow.session.get(ChildRow, child_id)
        if child is None:
            raise InvalidInput("child_id", "unknown", value=child_id)
        uow.session.add(
            ActivityParticipant(
                activity_id=row.id, child_id=child.id, community_id=child.community_id
            )
        )
    uow.session.flush()
    uow.audit("create", "activity", row.id, f"{len(a.participant_ids)} participants")
    return _to_activity(row, list(dict.fromkeys(a.participant_ids)))


def _to_activity(r: ActivityRow, participant_ids: list[str]) -> Activity:
    return Activity(
        id=r.id,
        unit_id=r.unit_id,
        title=r.title,
        held_on=r.held_on,
        ends_on=r.ends_on,
        place=r.place,
        organiser=r.organiser,
        note=r.note,
        participant_ids=participant_ids,
        head_count=r.head_count,
        campaign=r.campaign,
        funder=r.funder,
    )


def activities(uow: UnitOfWork, limit: int = 500) -> list[Activity]:
    uow.require_case_reader()
    stmt = select(ActivityRow).order_by(ActivityRow.held_on.desc()).limit(limit)
    related = units.related_unit_ids(uow)
    if related is not None:
        # Activities of other streets are not this user's business.
        stmt = stmt.where(ActivityRow.unit_id.in_(related))
    rows = list(uow.session.scalars(stmt))
    out: list[Activity] = []
    for r in rows:
        ids = list(
            uow.session.scalars(
                select(ActivityParticipant.child_id).where(ActivityParticipant.activity_id == r.id)
            )
        )
        out.append(_to_activity(r, ids))
    return out


def activities_of_child(uow: UnitOfWork, child_id: str) -> list[Activity]:
    uow.require_case_reader()
    rows = uow.session.execute(
        select(ActivityRow)
        .join(ActivityParticipant, ActivityParticipant.activity_id == ActivityRow.id)
        .where(ActivityParticipant.child_id == child_id)
        .order_by(ActivityRow.held_on)
    ).scalars()
    return [
        Activity(id=r.id, unit_id=r.unit_id, title=r.title, held_on=r.held_on, place=r.place)
        for r in rows
    ]
