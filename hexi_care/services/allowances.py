"""Recognition and 基本生活保障金: 申请 → 查验 (street) → 确认 (district) with who and when, the
monthly standards per year, category and care setting, suspension and stop, the month's list for
the finance office and the payment ledger."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import select

from hexi_care.db.models import Allowance as AllowanceRow
from hexi_care.db.models import AllowancePayment as PaymentRow
from hexi_care.db.models import AllowanceStandard as StandardRow
from hexi_care.db.models import Child as ChildRow
from hexi_care.domain import idnumber
from hexi_care.domain.allowance import (
    month_after,
    month_before,
    month_of,
    parse_month,
    payable,
    stage,
)
from hexi_care.domain.enums import CareSetting, Role
from hexi_care.domain.model import Allowance, AllowanceLine, AllowanceStandard
from hexi_care.errors import InvalidInput, NotFound
from hexi_care.services import children, units
from hexi_care.services import validate as v
from hexi_care.services.context import UnitOfWork

MAX_MONTHLY_FEN = 10_000_000  # 100,000 yuan a month: anything above is a typing error
STREET = (Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR)
CASE = (Role.DIRECTOR, *STREET)
_STANDARD_NS = uuid.UUID("6b0f0f4e-6a59-4d8c-9a59-2f8b9a6c1e10")


def month(field: str, text: object, *, required: bool = True) -> str:
    """A "YYYY-MM" month from input, normalised; "" when optional and empty."""
    raw = str(text or "").strip()
    if not raw:
        if required:
            raise InvalidInput(field, "required")
        return ""
    try:
        y, m = parse_month(raw)
    except ValueError:
        raise InvalidInput(field, "bad_month", value=raw) from None
    return f"{y:04d}-{m:02d}"


# -- standards -------------------------------------------------------------------------------------
def standard_id(year: int, category: str, setting: str) -> str:
    """The same standard set at two stores is one record (the exchange meets it as the same id)."""
    return str(uuid.uuid5(_STANDARD_NS, f"{year}|{category}|{setting}"))


def set_standard(uow: UnitOfWork, s: AllowanceStandard) -> AllowanceStandard:
    uow.require_role(Role.CENTRE_SUPERVISOR, action="set allowance standards")
    year = v.non_negative_int("year", s.year, max_value=9999)
    if year < 1990:
        raise InvalidInput("year", "out_of_range", value=year)
    if s.category not in children.category_defs(uow):
        raise InvalidInput("category", "unknown", value=s.category)
    setting = v.choice("care_setting", CareSetting, s.care_setting)
    amount = v.non_negative_int("monthly_fen", s.monthly_fen, max_value=MAX_MONTHLY_FEN)
    sid = standard_id(year, s.category, setting)
    row = uow.session.get(StandardRow, sid)
    if row is None:
        row = StandardRow(id=sid, year=year, category=s.category, care_setting=setting)
        uow.session.add(row)
    row.monthly_fen = amount
    uow.session.flush()
    uow.audit("set", "allowance_standard", sid, f"{year} {s.category} {setting} {amount}")
    return AllowanceStandard(
        year=year, category=s.category, care_setting=setting, monthly_fen=amount
    )


def standards(uow: UnitOfWork, year: int | None = None) -> list[AllowanceStandard]:
    stmt = select(StandardRow).order_by(
        StandardRow.year, StandardRow.category, StandardRow.care_setting
    )
    if year is not None:
        stmt = stmt.where(StandardRow.year == year)
    return [
        AllowanceStandard(
            year=r.year,
            category=r.category,
            care_setting=CareSetting(r.care_setting),
            monthly_fen=r.monthly_fen,
        )
        for r in uow.session.scalars(stmt)
    ]


# -- recognition -----------------------------------------------------------------------------------
def to_allowance(r: AllowanceRow, child_name: str = "", community_name: str = "") -> Allowance:
    a = Allowance(
        id=r.id,
        child_id=r.child_id,
        category=r.category,
        care_setting=CareSetting(r.care_setting),
        applied_on=r.applied_on,
        applied_by=r.applied_by,
        checked_on=r.checked_on,
        checked_by=r.checked_by,
        confirmed_on=r.confirmed_on,
        confirmed_by=r.confirmed_by,
        confirmation_no=r.confirmation_no,
        start_month=r.start_month,
        suspended_from=r.suspended_from,
        suspended_until=r.suspended_until,
        suspend_reason=r.suspend_reason,
        stopped_from=r.stopped_from,
        stop_reason=r.stop_reason,
        child_name=child_name,
        community_name=community_name,
    )
    a.stage = stage(a)
    return a


def _row(uow: UnitOfWork, allowance_id: str) -> AllowanceRow:
    row = uow.session.get(AllowanceRow, allowance_id)
    if row is None:
        raise NotFound(what="allowance", ref=allowance_id)
    return row


def _step_date(uow: UnitOfWork, field: str, value: object, after: date) -> date:
    day = v.parse_date(field, value, required=True)
    assert day is not None
    v.not_future(field, day, uow.today())
    v.not_before(field, day, after)
    return day


def _changed(uow: UnitOfWork, row: AllowanceRow, action: str) -> Allowance:
    row.rev += 1
    uow.session.flush()
    uow.audit(action, "allowance", row.id)
    return to_allowance(row)


def apply(uow: UnitOfWork, a: Allowance) -> Allowance:
    """申请: a director (or supervisor) records the application for one child and category."""
    uow.require_role(*CASE, action="manage allowances")
    child = uow.session.get(ChildRow, a.child_id)
    if child is None:
        raise NotFound(what="child", ref=a.child_id)
    if a.category not in children.category_defs(uow):
        raise InvalidInput("category", "unknown", value=a.category)
    applied = v.parse_date("applied_on", a.applied_on, required=True)
    assert applied is not None
    v.not_future("applied_on", applied, uow.today())
    row = AllowanceRow(
        child_id=child.id,
        community_id=child.community_id,
        category=a.category,
        care_setting=v.choice("care_setting", CareSetting, a.care_setting),
        applied_on=applied,
        applied_by=v.text("applied_by", a.applied_by, required=True, max_len=64),
        rev=1,
    )
    uow.session.add(row)
    uow.session.flush()
    uow.audit("create", "allowance", row.id, a.category)
    return to_allowance(row)


def check(uow: UnitOfWork, allowance_id: str, on: object, by: str) -> Allowance:
    """查验 by the street office."""
    uow.require_role(*STREET, action="manage allowances")
    row = _row(uow, allowance_id)
    if row.confirmed_on is not None:
        raise InvalidInput("checked_on", "already_confirmed")
    row.checked_on = _step_date(uow, "checked_on", on, row.applied_on)
    row.checked_by = v.text("checked_by", by, required=True, max_len=64)
    return _changed(uow, row, "check")


def confirm(uow: UnitOfWork, allowance_id: str, on: object, by: str, number: str) -> Allowance:
    """确认 by the district: paid from the month after."""
    uow.require_role(Role.CENTRE_SUPERVISOR, action="manage allowances")
    row = _row(uow, allowance_id)
    if row.checked_on is None:
        raise InvalidInput("checked_on", "required")
    day = _step_date(uow, "confirmed_on", on, row.checked_on)
    row.confirmed_on = day
    row.confirmed_by = v.text("confirmed_by", by, required=True, max_len=64)
    row.confirmation_no = v.text("confirmation_no", number, required=True, max_len=64)
    row.start_month = month_after(day)
    return _changed(uow, row, "confirm")


def _confirmed_row(uow: UnitOfWork, allowance_id: str) -> AllowanceRow:
    uow.require_role(Role.CENTRE_SUPERVISOR, action="manage allowances")
    row = _row(uow, allowance_id)
    if row.confirmed_on is None:
        raise InvalidInput("confirmed_on", "required")
    return row


def suspend(
    uow: UnitOfWork, allowance_id: str, from_month: str, reason: str, until: str = ""
) -> Allowance:
    row = _confirmed_row(uow, allowance_id)
    start = month("suspended_from", from_month)
    end = month("suspended_until", until, required=False)
    if start < row.start_month:
        raise InvalidInput("suspended_from", "end_before_start")
    if end and end < start:
        raise InvalidInput("suspended_until", "end_before_start")
    row.suspended_from, row.suspended_until = start, end
    row.suspend_reason = v.text("suspend_reason", reason, required=True, max_len=2000)
    return _changed(uow, row, "suspend")


def resume(uow: UnitOfWork, allowance_id: str, last_suspended: str) -> Allowance:
    """End a suspension: `last_suspended` is the last month not paid."""
    row = _confirmed_row(uow, allowance_id)
    if not row.suspended_from:
        raise InvalidInput("suspended_from", "required")
    end = month("suspended_until", last_suspended)
    if end < row.suspended_from:
        raise InvalidInput("suspended_until", "end_before_start")
    row.suspended_until = end
    return _changed(uow, row, "resume")


def stop(uow: UnitOfWork, allowance_id: str, from_month: str, reason: str) -> Allowance:
    row = _confirmed_row(uow, allowance_id)
    start = month("stopped_from", from_month)
    if start < row.start_month:
        raise InvalidInput("stopped_from", "end_before_start")
    row.stopped_from = start
    row.stop_reason = v.text("stop_reason", reason, required=True, max_len=2000)
    return _changed(uow, row, "stop")


def allowances(uow: UnitOfWork, child_id: str | None = None) -> list[Allowance]:
    uow.require_case_reader()
    stmt = (
        select(AllowanceRow, ChildRow.name)
        .join(ChildRow, ChildRow.id == AllowanceRow.child_id)
        .order_by(AllowanceRow.applied_on, AllowanceRow.id)
    )
    if child_id:
        stmt = stmt.where(AllowanceRow.child_id == child_id)
    names = units.unit_names(uow)
    return [
        to_allowance(r, name, names.get(r.community_id, ""))
        for r, name in uow.session.execute(stmt)
    ]


# -- the month's list and the ledger ---------------------------------------------------------------
def monthly_list(uow: UnitOfWork, month_text: str) -> list[AllowanceLine]:
    """Every allowance paid for the month in the user's units, with the year's standard, in
    community then file order; a recognition whose standard is not set yet is refused by name
    (a list with a zero in it would reach the finance office)."""
    uow.require_case_reader()
    m = month("month", month_text)
    year = int(m[:4])
    rates = {(s.category, s.care_setting): s.monthly_fen for s in standards(uow, year)}
    order = units.unit_order(uow)
    names = units.unit_names(uow)
    stmt = (
        select(AllowanceRow, ChildRow.name, ChildRow.id_number, ChildRow.file_no)
        .join(ChildRow, ChildRow.id == AllowanceRow.child_id)
        .where(AllowanceRow.confirmed_on.is_not(None), AllowanceRow.start_month <= m)
    )
    lines: list[tuple[tuple[int, str, str], AllowanceLine]] = []
    for r, name, number, file_no in uow.session.execute(stmt):
        a = to_allowance(r)
        if not payable(a, m):
            continue
        rate = rates.get((a.category, a.care_setting))
        if rate is None:
            raise InvalidInput(
                "monthly_fen", "no_standard", year=year, category=a.category, setting=a.care_setting
            )
        line = AllowanceLine(
            allowance_id=r.id,
            child_id=r.child_id,
            child_name=name,
            id_masked=idnumber.mask(number) if number else "",
            community_name=names.get(r.community_id, ""),
            category=a.category,
            care_setting=a.care_setting,
            confirmation_no=a.confirmation_no,
            month=m,
            amount_fen=rate,
        )
        lines.append(((order.get(r.community_id, 0), file_no or "", name), line))
    return [line for _, line in sorted(lines, key=lambda p: p[0])]


def ledger(uow: UnitOfWork, month_text: str) -> list[AllowanceLine]:
    """The month's list with what was paid against each line."""
    lines = monthly_list(uow, month_text)
    m = month("month", month_text)
    paid = {
        p.allowance_id: p
        for p in uow.session.scalars(select(PaymentRow).where(PaymentRow.month == m))
    }
    out = []
    for line in lines:
        p = paid.pop(line.allowance_id, None)
        out.append(
            replace(line, paid_fen=p.amount_fen, paid_on=p.paid_on) if p is not None else line
        )
    # Paid, though no longer due (stopped afterwards): still part of the month's ledger.
    by_id = {a.id: a for a in allowances(uow)} if paid else {}
    for p in paid.values():
        a = by_id.get(p.allowance_id)
        if a is None:
            continue
        out.append(
            AllowanceLine(
                allowance_id=p.allowance_id,
                child_id=p.child_id,
                child_name=a.child_name,
                id_masked="",
                community_name=a.community_name,
                category=a.category,
                care_setting=a.care_setting,
                confirmation_no=a.confirmation_no,
                month=m,
                amount_fen=0,
                paid_fen=p.amount_fen,
                paid_on=p.paid_on,
            )
        )
    return out


def record_payments(
    uow: UnitOfWork, month_text: str, paid_on: object, only: Sequence[str] | None = None
) -> int:
    """Enter the month's list (or the lines of `only`) as paid on `paid_on`; a line already paid
    stays as it was. Returns how many payments were entered."""
    uow.require_role(*STREET, action="manage allowances")
    day = v.parse_date("paid_on", paid_on, required=True)
    assert day is not None
    v.not_future("paid_on", day, uow.today())
    wanted = set(only) if only is not None else None
    done = 0
    for line in ledger(uow, month_text):
        if line.paid_fen is not None or (wanted is not None and line.allowance_id not in wanted):
            continue
        community = uow.session.get(AllowanceRow, line.allowance_id)
        assert community is not None
        uow.session.add(
            PaymentRow(
                allowance_id=line.allowance_id,
                child_id=line.child_id,
                community_id=community.community_id,
                month=line.month,
                amount_fen=line.amount_fen,
                paid_on=day,
            )
        )
        done += 1
    uow.session.flush()
    uow.audit("pay", "allowance_payment", None, f"{month('month', month_text)} {done}")
    return done


def history(uow: UnitOfWork, allowance_id: str) -> list[AllowanceLine]:
    """One recognition's payment ledger month by month, the latest first: from its first month
    to this month (or the month before it stopped), what was due (the year's standard; 0 while
    suspended, or where no standard is set) and what was paid when. A month paid though no
    longer due is listed too."""
    uow.require_case_reader()
    row = _row(uow, allowance_id)
    a = to_allowance(row)
    if not a.start_month:
        return []
    paid = {
        p.month: p
        for p in uow.session.scalars(select(PaymentRow).where(PaymentRow.allowance_id == row.id))
    }
    last = month_of(uow.today())
    if a.stopped_from and a.stopped_from <= last:
        last = month_before(a.stopped_from)
    rates: dict[int, dict[tuple[str, str], int]] = {}
    months = set(paid)
    m = a.start_month
    while m <= last:
        months.add(m)
        m = month_after(date(int(m[:4]), int(m[5:7]), 1))
    out = []
    for m in sorted(months, reverse=True):
        year = int(m[:4])
        if year not in rates:
            rates[year] = {
                (s.category, s.care_setting): s.monthly_fen for s in standards(uow, year)
            }
        due = rates[year].get((a.category, a.care_setting), 0) if payable(a, m) else 0
        p = paid.get(m)
        out.append(
            AllowanceLine(
                allowance_id=row.id,
                child_id=row.child_id,
                child_name="",
                id_masked="",
                community_name="",
                category=a.category,
                care_setting=a.care_setting,
                confirmation_no=a.confirmation_no,
                month=m,
                amount_fen=due,
                paid_fen=p.amount_fen if p is not None else None,
                paid_on=p.paid_on if p is not None else None,
            )
        )
    return out
