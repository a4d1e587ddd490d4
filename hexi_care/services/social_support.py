"""Social support as data (社会支持): 低保, 特困, 低保边缘, 医疗救助, 教育资助, 残疾人两项补贴 and
临时救助 with approval dates, amounts and periods, and the entrusted-care agreement (委托照护协议)
with the carer's ID and phone, its date, term and scan. Each edit raises the record's revision,
so the exchange keeps the newest."""

from __future__ import annotations

from sqlalchemy import select

from hexi_care.db.models import Attachment as AttachmentRow
from hexi_care.db.models import CareAgreement as AgreementRow
from hexi_care.db.models import Child as ChildRow
from hexi_care.db.models import SupportBenefit as BenefitRow
from hexi_care.domain.enums import SupportKind
from hexi_care.domain.model import CareAgreement, SupportBenefit
from hexi_care.errors import InvalidInput, NotFound
from hexi_care.services import validate as v
from hexi_care.services.context import UnitOfWork
from hexi_care.services.support import MAX_AMOUNT_FEN


def _child(uow: UnitOfWork, child_id: str) -> ChildRow:
    row = uow.session.get(ChildRow, child_id)
    if row is None:
        raise NotFound(what="child", ref=child_id)
    return row


# -- support benefits --------------------------------------------------------------------------
def to_benefit(r: BenefitRow) -> SupportBenefit:
    return SupportBenefit(
        id=r.id,
        child_id=r.child_id,
        kind=SupportKind(r.kind),
        approved_on=r.approved_on,
        amount_fen=r.amount_fen,
        monthly=r.monthly,
        start_date=r.start_date,
        end_date=r.end_date,
        note=r.note,
    )


def save_benefit(uow: UnitOfWork, b: SupportBenefit) -> SupportBenefit:
    """Add a support record (no id) or change one."""
    uow.require_case_reader()
    today = uow.today()
    kind = v.choice("support_kind", SupportKind, b.kind)
    approved = v.parse_date("approved_on", b.approved_on)
    v.not_future("approved_on", approved, today)
    start = v.parse_date("start_date", b.start_date)
    end = v.parse_date("end_date", b.end_date)
    v.date_range("end_date", start, end)
    amount = v.non_negative_int("amount_fen", b.amount_fen, max_value=MAX_AMOUNT_FEN)
    if b.id:
        row = uow.session.get(BenefitRow, b.id)
        if row is None:
            raise NotFound(what="support_benefit", ref=b.id)
        row.rev += 1
        action = "update"
    else:
        child = _child(uow, b.child_id)
        row = BenefitRow(child_id=child.id, community_id=child.community_id, rev=1)
        uow.session.add(row)
        action = "create"
    row.kind = kind
    row.approved_on = approved
    row.amount_fen = amount
    row.monthly = bool(b.monthly)
    row.start_date = start
    row.end_date = end
    row.note = v.text("note", b.note, max_len=2000)
    uow.session.flush()
    uow.audit(action, "support_benefit", row.id, kind)
    return to_benefit(row)


def benefits(uow: UnitOfWork, child_id: str) -> list[SupportBenefit]:
    uow.require_case_reader()
    stmt = (
        select(BenefitRow)
        .where(BenefitRow.child_id == child_id)
        .order_by(BenefitRow.start_date.is_(None), BenefitRow.start_date, BenefitRow.id)
    )
    return [to_benefit(r) for r in uow.session.scalars(stmt)]


# -- entrusted-care agreements -----------------------------------------------------------------
def to_agreement(r: AgreementRow) -> CareAgreement:
    return CareAgreement(
        id=r.id,
        child_id=r.child_id,
        carer_name=r.carer_name,
        carer_id_number=r.carer_id_number,
        carer_phone=r.carer_phone,
        relationship=r.relationship,
        signed_on=r.signed_on,
        term_end=r.term_end,
        attachment_id=r.attachment_id,
        note=r.note,
    )


def save_agreement(uow: UnitOfWork, a: CareAgreement) -> CareAgreement:
    """Add an agreement (no id) or change one. The scan is one of the child's attachments."""
    uow.require_case_reader()
    today = uow.today()
    name = v.text("carer_name", a.carer_name, required=True, max_len=64)
    check = v.id_number(
        a.carer_id_number, today=today, birth_date=None, sex=None, field="carer_id_number"
    )
    signed = v.parse_date("signed_on", a.signed_on)
    v.not_future("signed_on", signed, today)
    term_end = v.parse_date("term_end", a.term_end)
    v.date_range("term_end", signed, term_end)
    existing = uow.session.get(AgreementRow, a.id) if a.id else None
    if a.id and existing is None:
        raise NotFound(what="care_agreement", ref=a.id)
    child_id = existing.child_id if existing is not None else _child(uow, a.child_id).id
    if a.attachment_id:
        scan = uow.session.get(AttachmentRow, a.attachment_id)
        if scan is None or scan.child_id != child_id:
            raise InvalidInput("attachment_id", "unknown", value=a.attachment_id)
    if existing is not None:
        row = existing
        row.rev += 1
        action = "update"
    else:
        child = _child(uow, child_id)
        row = AgreementRow(child_id=child.id, community_id=child.community_id, rev=1)
        uow.session.add(row)
        action = "create"
    row.carer_name = name
    row.carer_id_number = check.number if check is not None else None
    row.carer_phone = v.text("carer_phone", a.carer_phone, max_len=64)
    row.relationship = v.text("relationship", a.relationship, max_len=32)
    row.signed_on = signed
    row.term_end = term_end
    row.attachment_id = a.attachment_id or None
    row.note = v.text("note", a.note, max_len=2000)
    uow.session.flush()
    uow.audit(action, "care_agreement", row.id)
    return to_agreement(row)


def agreements(uow: UnitOfWork, child_id: str) -> list[CareAgreement]:
    uow.require_case_reader()
    stmt = (
        select(AgreementRow)
        .where(AgreementRow.child_id == child_id)
        .order_by(AgreementRow.signed_on.is_(None), AgreementRow.signed_on, AgreementRow.id)
    )
    return [to_agreement(r) for r in uow.session.scalars(stmt)]
