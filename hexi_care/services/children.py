"""Children: add, edit, find and open a child's file (每次打开都记入审计)."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, TypedDict, Unpack

from sqlalchemy import ColumnElement, Text, and_, any_, cast, func, or_, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import selectinload

from hexi_care.db.base import new_id
from hexi_care.db.models import CategoryDef, ChildCategory, OrgUnit, Setting
from hexi_care.db.models import Child as ChildRow
from hexi_care.db.models import Household as HouseholdRow
from hexi_care.domain import idnumber, names
from hexi_care.domain.enums import RiskLevel, Role, Sex, UnitKind
from hexi_care.domain.model import (
    CATEGORY_KEYS,
    CHILD_PROFILE_FIELDS,
    Category,
    Child,
    ChildSummary,
)
from hexi_care.errors import Ambiguous, InvalidInput, NotFound
from hexi_care.services import settings
from hexi_care.services import validate as v
from hexi_care.services.context import UnitOfWork

PROFILE_FIELDS = CHILD_PROFILE_FIELDS
SORT_KEYS = {
    "name": ChildRow.name_pinyin,
    "birth_date": ChildRow.birth_date,
    "last_visit": ChildRow.last_visit,
    "next_due": ChildRow.next_due,
    "risk": ChildRow.risk,
    "community": ChildRow.community_id,
}


def category_defs(uow: UnitOfWork) -> dict[str, CategoryDef]:
    return {c.code: c for c in uow.session.scalars(select(CategoryDef).order_by(CategoryDef.sort))}


def _clean(uow: UnitOfWork, child: Child, known: Collection[str] | None = None) -> Child:
    """Validate and normalise; raises InvalidInput naming the first bad field. `known` is the
    category codes, when the caller read them once for many children."""
    today = uow.today()
    name = v.name("name", child.name, required=True)
    sex = v.choice("sex", Sex, child.sex)
    birth = v.parse_date("birth_date", child.birth_date)
    v.not_future("birth_date", birth, today)
    number: str | None = None
    if child.id_number and child.id_number.strip():
        check = v.id_number(child.id_number, today=today, birth_date=birth, sex=sex)
        assert check is not None
        number = check.number
        birth = birth or check.birth_date
        _refuse_duplicate(uow, number, child.id)
        for w in check.warnings:
            # Districts merge and people keep their numbers: saved, but the user hears of it.
            uow.notice(f"warning.id_{w.code.value}", code=w.actual)
    elif not child.no_hukou and child.id_number is not None and child.id_number.strip() == "":
        number = None
    unit = uow.session.get(OrgUnit, child.community_id) if child.community_id else None
    if unit is None:
        raise InvalidInput("community", "unknown", value=child.community_id)
    if unit.kind != UnitKind.COMMUNITY:
        raise InvalidInput("community", "not_a_community")
    uow.require_in_scope(unit.id)
    if child.household_id:
        hh = uow.session.get(HouseholdRow, child.household_id)
        if hh is None or hh.community_id != unit.id:
            raise InvalidInput("household_id", "unknown", value=child.household_id)
    risk = v.choice("risk", RiskLevel, child.risk)
    if known is None:
        known = category_defs(uow)
    cats: list[Category] = []
    for c in child.categories:
        if c.code not in known:
            raise InvalidInput("category", "unknown", value=c.code)
        start = v.parse_date("start_date", c.start_date)
        end = v.parse_date("end_date", c.end_date)
        v.date_range("end_date", start, end)
        cats.append(
            replace(
                c,
                basis=v.text("category", c.basis, max_len=2000),
                evidence=v.text("category", c.evidence, max_len=2000),
                start_date=start,
                end_date=end,
            )
        )
    return replace(
        child,
        name=name,
        sex=sex,
        birth_date=birth,
        id_number=number,
        community_id=unit.id,
        risk=risk,
        categories=cats,
        hukou_address=v.text("address", child.hukou_address, max_len=500),
        address=v.text("address", child.address, max_len=500),
        school=v.text("school", child.school, max_len=128),
        grade=v.text("grade", child.grade, max_len=32),
        phone=v.text("phone", child.phone, max_len=64),
        note=v.text("note", child.note, max_len=10000),
        disability_grade=_disability_grade(child.disability_grade),
        disability_kind=v.text("disability_kind", child.disability_kind, max_len=16),
        disability_cert_no=v.text("disability_cert_no", child.disability_cert_no, max_len=32),
        teacher_name=v.text("teacher_name", child.teacher_name, max_len=64),
        teacher_phone=v.text("teacher_phone", child.teacher_phone, max_len=64),
    )


def _disability_grade(grade: object) -> int | None:
    """残疾等级 1 (most severe) to 4, or none."""
    if grade is None or grade == "":
        return None
    if isinstance(grade, bool) or not isinstance(grade, int | str):
        raise InvalidInput("disability_grade", "choice", choices="1, 2, 3, 4")
    text = str(grade).strip()
    if text not in ("1", "2", "3", "4"):
        raise InvalidInput("disability_grade", "choice", choices="1, 2, 3, 4")
    return int(text)


def file_number(street: str, community: str, year: int, seq: int) -> str:
    """档案编号: street, community (without 社区), year of registration, a sequence in that
    community and year: 大营门街-紫金里-2026-0042."""
    short = community.removesuffix("社区") or community
    return f"{street}-{short}-{year}-{seq:04d}"


def next_file_numbers(
    uow: UnitOfWork, wanted: Collection[tuple[str, int]]
) -> dict[tuple[str, int], tuple[str, int]]:
    """(community id, year) → the prefix of that community's numbers for that year and the next
    free sequence number; one read of units and one of the numbers already given, however many
    communities and years (registration, a ledger batch and demo data number the same way)."""
    if not wanted:
        return {}
    units = {
        u: (name, parent)
        for u, name, parent in uow.session.execute(
            select(OrgUnit.id, OrgUnit.name, OrgUnit.parent_id)
        ).all()
    }
    out: dict[tuple[str, int], tuple[str, int]] = {}
    for community, year in wanted:
        name, street = units[community]
        street_name = units[street][0] if street in units else ""
        out[(community, year)] = (file_number(street_name, name, year, 0)[:-4], 1)
    communities = {c for c, _ in wanted}
    taken = uow.session.execute(
        select(ChildRow.community_id, ChildRow.file_no).where(
            ChildRow.community_id.in_(communities), ChildRow.file_no.is_not(None)
        )
    ).all()
    years: dict[str, list[tuple[str, int]]] = {}
    for key in out:
        years.setdefault(key[0], []).append(key)
    for community, number in taken:
        for key in years[community]:
            prefix, seq = out[key]
            tail = number[len(prefix) :] if number and number.startswith(prefix) else ""
            if tail.isdigit():
                out[key] = (prefix, max(seq, int(tail) + 1))
    return out


def find_by_id_number(uow: UnitOfWork, number: str) -> str | None:
    """The id of the child already registered in this store with `number`, in any community.

    One person is one child record, so the check runs over the whole store: a Core read on the
    unit of work's own connection, past the scope filter on purpose, that returns nothing but
    the record id (a second session cannot read while this one holds the write lock).
    """
    conn = uow.session.connection()
    if conn.dialect.name == "postgresql":
        # The hub's row-level security hides other communities from this role; the schema's
        # owner answers through a function that returns the id alone (migration 0010).
        found = conn.scalar(select(func.hexi_child_by_id_number(idnumber.tail(number), number)))
    else:
        t = ChildRow.__table__.c
        found = conn.scalar(
            select(t.id).where(t.id_tail == idnumber.tail(number), t.id_number == number)
        )
    return str(found) if found is not None else None


def _refuse_duplicate(uow: UnitOfWork, number: str, child_id: str | None) -> None:
    existing = find_by_id_number(uow, number)
    if existing is not None and existing != child_id:
        raise InvalidInput("id_number", "duplicate_child", child=existing)


def _active_codes(cats: list[Category], today: date) -> str:
    return ",".join(sorted({c.code for c in cats if c.active_on(today)}))


#: Setting key prefix: the day a community's categories were last brought up to date.
_DATES_APPLIED = "category_dates:"
_MARKED = "category_dates_marked"  # session.info: this transaction wrote marks


def apply_category_dates(uow: UnitOfWork) -> int:
    """Categories start and end by date, not when someone saves the child: once a day for each
    community the reader may see, the active categories (the list column) and the next-due date
    they set are recomputed for every child whose categories changed by date (a category ending
    at 18 leaves lists, schedules and statistics that day). Returns how many children changed.

    Lists, the workbench and the statistics call it first; it costs one small read a day after.
    """
    if getattr(uow.store, "read_only", False):
        return 0  # a store on read-only media is read as it was saved
    today = uow.today()
    checked = uow.store.category_dates_checked
    if (today, uow.scope) in checked:
        return 0  # found applied earlier today (marks, once committed, stay)
    stamp = json.dumps(today.isoformat())
    s = uow.session
    marks = dict(
        s.execute(
            select(Setting.key, Setting.value_json).where(Setting.key.like(f"{_DATES_APPLIED}%"))
        ).all()
    )
    communities = [
        c
        for c in s.scalars(select(OrgUnit.id).where(OrgUnit.kind == UnitKind.COMMUNITY))
        if uow.scope.allows(c) and marks.get(_DATES_APPLIED + c) != stamp
    ]
    if not communities:
        if not s.info.get(_MARKED):  # read as committed, not only this transaction's own
            checked.add((today, uow.scope))
        return 0
    changed = 0
    stmt = (
        select(ChildRow)
        .where(ChildRow.community_id.in_(communities))
        .options(selectinload(ChildRow.categories))
    )
    earlier = [marks.get(_DATES_APPLIED + c) for c in communities]
    if all(earlier):
        # Only categories that started or ended since the last time can have changed.
        since = min(date.fromisoformat(json.loads(str(m))) for m in earlier)
        crossed = select(ChildCategory.child_id).where(
            or_(
                and_(ChildCategory.end_date >= since, ChildCategory.end_date < today),
                and_(ChildCategory.start_date > since, ChildCategory.start_date <= today),
            )
        )
        stmt = stmt.where(ChildRow.id.in_(crossed))
    rows = s.scalars(stmt)
    for row in rows:
        codes = _active_codes([_category(c) for c in row.categories], today)
        if codes != row.category_codes:
            from hexi_care.services import visits  # (not loaded by a command that only reads)

            row.category_codes = codes
            visits.refresh_child_dates(uow, row)
            changed += 1
    s.info[_MARKED] = True
    for c in communities:
        mark = s.get(Setting, _DATES_APPLIED + c)
        if mark is None:
            s.add(Setting(key=_DATES_APPLIED + c, value_json=stamp))
        else:
            mark.value_json = stamp
    s.flush()
    return changed


def _category(r: ChildCategory) -> Category:
    return Category(code=r.code, start_date=r.start_date, end_date=r.end_date)


def _apply(row: ChildRow, child: Child, today: date) -> None:
    row.name = child.name
    row.name_pinyin = names.pinyin_full(child.name)
    row.name_initials = names.pinyin_initials(child.name)
    row.sex = child.sex
    row.birth_date = child.birth_date
    row.id_number = child.id_number
    row.id_tail = idnumber.tail(child.id_number) if child.id_number else ""
    row.no_hukou = child.no_hukou
    row.household_id = child.household_id
    row.hukou_address = child.hukou_address
    row.address = child.address
    row.school = child.school
    row.grade = child.grade
    row.phone = child.phone
    row.risk = child.risk
    row.note = child.note
    row.disability_grade = child.disability_grade
    row.disability_kind = child.disability_kind
    row.disability_cert_no = child.disability_cert_no
    row.teacher_name = child.teacher_name
    row.teacher_phone = child.teacher_phone
    row.category_codes = _active_codes(child.categories, today)


def _set_categories(uow: UnitOfWork, row: ChildRow, cats: list[Category]) -> None:
    keep = {c.id for c in cats if c.id}
    for existing in list(row.categories):
        if existing.id not in keep:
            row.categories.remove(existing)
    by_id = {c.id: c for c in row.categories}
    for c in cats:
        target = by_id.get(c.id) if c.id else None
        if target is None:
            target = ChildCategory(code=c.code, community_id=row.community_id)
            row.categories.append(target)
        target.code = c.code
        target.basis = c.basis
        target.evidence = c.evidence
        target.start_date = c.start_date
        target.end_date = c.end_date
        target.community_id = row.community_id


def to_child(row: ChildRow) -> Child:
    return Child(
        id=row.id,
        name=row.name,
        sex=Sex(row.sex),
        community_id=row.community_id,
        birth_date=row.birth_date,
        id_number=row.id_number,
        no_hukou=row.no_hukou,
        household_id=row.household_id,
        hukou_address=row.hukou_address,
        address=row.address,
        school=row.school,
        grade=row.grade,
        phone=row.phone,
        risk=RiskLevel(row.risk),
        note=row.note,
        categories=[
            Category(
                id=c.id,
                code=c.code,
                basis=c.basis,
                evidence=c.evidence,
                start_date=c.start_date,
                end_date=c.end_date,
            )
            for c in row.categories
        ],
        version=row.version,
        file_no=row.file_no,
        disability_grade=row.disability_grade,
        disability_kind=row.disability_kind,
        disability_cert_no=row.disability_cert_no,
        teacher_name=row.teacher_name,
        teacher_phone=row.teacher_phone,
    )


def category_values(cats: list[Category]) -> list[dict[str, Any]]:
    """A child's categories as one profile field's value (change log, exchange merge)."""
    keys = CATEGORY_KEYS
    rows = [
        {k: (x.isoformat() if isinstance(x := getattr(c, k), date) else x) for k in keys}
        for c in cats
    ]
    return sorted(rows, key=repr)


def _field_value(child: Child, name: str) -> Any:
    value = getattr(child, name)
    return value.isoformat() if isinstance(value, date) else value


def add_child(uow: UnitOfWork, child: Child) -> Child:
    return add_children(uow, [child])[0]


def add_children(uow: UnitOfWork, kids: Sequence[Child]) -> list[Child]:
    """New children, each checked and audited as one added by hand, written in one flush (a flush
    per record costs more than the record itself when a ledger brings thousands)."""
    from hexi_care.domain import schedule  # (not loaded by a command that only reads)

    uow.require_role(
        Role.DIRECTOR, Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR, action="add children"
    )
    rows: list[ChildRow] = []
    codes = set(category_defs(uow))
    # 档案编号: the next free number per community, read once per community for the batch.
    year = uow.today().year
    cleaned = [_clean(uow, child, codes) for child in kids]
    next_no = next_file_numbers(uow, {(c.community_id or "", year) for c in cleaned})
    for clean in cleaned:
        community = clean.community_id
        assert community is not None
        prefix, seq = next_no[(community, year)]
        next_no[(community, year)] = (prefix, seq + 1)
        # Registered now by the store's clock: due dates count from the same day everywhere.
        row = ChildRow(
            id=clean.id or new_id(),
            community_id=community,
            created_at=uow.now(),
            file_no=f"{prefix}{seq:04d}",
        )
        _apply(row, clean, uow.today())
        # A newly registered child is due a first visit within the interval of its categories
        # and risk.
        row.next_due = schedule.next_due(
            None,
            [c.code for c in clean.categories if c.active_on(uow.today())],
            clean.risk,
            settings.visit_policy(uow),
            registered_on=uow.today(),
        )
        uow.session.add(row)
        _set_categories(uow, row, clean.categories)
        rows.append(row)
    uow.session.flush()
    with uow.session.no_autoflush:  # the audit head's update needs no flush per event
        for row in rows:
            uow.audit("create", "child", row.id)
    return [to_child(row) for row in rows]


def _row(uow: UnitOfWork, child_id: str) -> ChildRow:
    row = uow.session.get(ChildRow, child_id, options=[selectinload(ChildRow.categories)])
    if row is None:
        raise NotFound(what="child", ref=child_id)
    return row


def update_child(uow: UnitOfWork, child: Child) -> Child:
    """Save edits; each changed profile field is logged with the value it was edited from."""
    uow.require_case_reader()
    if not child.id:
        raise InvalidInput("child_id", "required")
    row = _row(uow, child.id)
    uow.check_version(row.id, row.version, child.version)
    before = to_child(row)
    clean = _clean(uow, replace(child, community_id=child.community_id or row.community_id))
    if clean.community_id != row.community_id:
        uow.require_in_scope(clean.community_id)
        row.community_id = clean.community_id
        uow.record_change(
            "child",
            row.id,
            row.community_id,
            "community_id",
            before.community_id,
            clean.community_id,
        )
    changed = [f for f in PROFILE_FIELDS if _field_value(before, f) != _field_value(clean, f)]
    _apply(row, clean, uow.today())
    _set_categories(uow, row, clean.categories)
    for f in changed:
        uow.record_change(
            "child", row.id, row.community_id, f, _field_value(before, f), _field_value(clean, f)
        )
    if before.categories != clean.categories:
        old_cats, new_cats = category_values(before.categories), category_values(clean.categories)
        if old_cats != new_cats:
            uow.record_change("child", row.id, row.community_id, "categories", old_cats, new_cats)
        changed.append("categories")
    if changed:
        row.version += 1
        row.updated_at = uow.now()
        uow.audit("update", "child", row.id, ",".join(changed))
    uow.session.flush()
    return to_child(row)


def get_child(uow: UnitOfWork, child_id: str) -> Child:
    uow.require_case_reader()
    return to_child(_row(uow, child_id))


def resolve_child(uow: UnitOfWork, ref: str) -> str:
    """A child's id from its full id or a prefix of at least six characters."""
    ref = ref.strip()
    if uow.session.get(ChildRow, ref) is not None:
        return ref
    if len(ref) >= 6:
        ids = list(
            uow.session.scalars(
                select(ChildRow.id).where(ChildRow.id.startswith(ref, autoescape=True)).limit(2)
            )
        )
        if len(ids) == 1:
            return ids[0]
        if len(ids) > 1:
            raise Ambiguous(ref=ref)
    raise NotFound(what="child", ref=ref)


# -- lists ---------------------------------------------------------------------------------------
def name_grams(text: str) -> list[str]:
    """What the hub's index of names (migration 0016, hexi_grams) must hold for `text` to be
    part of a name: its single character, or every pair of neighbouring characters."""
    if len(text) == 1:
        return [text]
    return sorted({text[i : i + 2] for i in range(len(text) - 1)})


def _search_clause(query: str, *, hub: bool = False) -> Any:
    """Who matches a search: part of the name, the start of its pinyin or initials (Latin
    letters), the ID number's last digits or the whole number. The hub finds the same children
    through its search indexes (migration 0016, hexi_child_search). A NUL character (pasted
    from somewhere) is in no name and PostgreSQL refuses it in text: it is left out."""
    q = query.replace("\x00", "").strip()
    if not q:
        return None
    like = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    name_like = f"%{like}%"
    spelled = None
    if q.isascii() and q.replace(" ", "").isalpha():
        spelled = like.lower().replace(" ", "") + "%"
    norm = idnumber.normalise(q)
    tail = None
    whole = None
    if norm and len(norm) <= 6 and all(ch.isdigit() or ch == "X" for ch in norm) and len(norm) >= 3:
        tail = norm
    elif len(norm) > 6 and norm[:-1].isdigit():
        whole = norm
    clauses: list[ColumnElement[bool]] = []
    if hub:
        found = func.hexi_child_search(
            cast(postgresql.array(name_grams(q)), postgresql.ARRAY(Text)),
            cast(name_like, Text),
            cast(spelled, Text),
            cast(tail[::-1] + "%" if tail else None, Text),
        )
        # In a sub-select, so that it runs once and the ids are read through the primary key
        # (the cast makes ANY compare with the array, not with the sub-select's rows).
        ids = cast(select(found).scalar_subquery(), postgresql.ARRAY(Text))
        clauses.append(ChildRow.id == any_(ids))
    else:
        clauses.append(ChildRow.name.like(name_like, escape="\\"))
        if spelled is not None:
            clauses.append(ChildRow.name_initials.like(spelled, escape="\\"))
            clauses.append(ChildRow.name_pinyin.like(spelled, escape="\\"))
        if tail is not None:
            clauses.append(ChildRow.id_tail.like(f"%{tail}"))
    if whole is not None:
        clauses.append(ChildRow.id_number == whole)
    return or_(*clauses)


def _on_hub(uow: UnitOfWork) -> bool:
    return uow.session.get_bind().dialect.name == "postgresql"


def _filtered(
    stmt: Any,
    *,
    hub: bool,
    query: str | None,
    community_id: str | None,
    street_id: str | None,
    category: str | None,
    risk: str | None,
    overdue_on: date | None,
) -> Any:
    if query:
        clause = _search_clause(query, hub=hub)
        if clause is not None:
            stmt = stmt.where(clause)
    if community_id:
        stmt = stmt.where(ChildRow.community_id == community_id)
    if street_id:
        stmt = stmt.where(
            ChildRow.community_id.in_(select(OrgUnit.id).where(OrgUnit.parent_id == street_id))
        )
    if category:
        stmt = stmt.where(
            or_(
                ChildRow.category_codes == category,
                ChildRow.category_codes.like(f"{category},%"),
                ChildRow.category_codes.like(f"%,{category}"),
                ChildRow.category_codes.like(f"%,{category},%"),
            )
        )
    if risk:
        stmt = stmt.where(ChildRow.risk == risk)
    if overdue_on is not None:
        stmt = stmt.where(and_(ChildRow.next_due.is_not(None), ChildRow.next_due < overdue_on))
    return stmt


def count_children(
    uow: UnitOfWork,
    *,
    query: str | None = None,
    community_id: str | None = None,
    street_id: str | None = None,
    category: str | None = None,
    risk: str | None = None,
    overdue: bool = False,
) -> int:
    uow.require_case_reader()
    apply_category_dates(uow)
    stmt = _filtered(
        select(func.count(ChildRow.id)),
        hub=_on_hub(uow),
        query=query,
        community_id=community_id,
        street_id=street_id,
        category=category,
        risk=risk,
        overdue_on=uow.today() if overdue else None,
    )
    return int(uow.session.scalar(stmt) or 0)


class ChildQuery(TypedDict, total=False):
    """The filters, order and page of the children list (all optional)."""

    query: str | None
    community_id: str | None
    street_id: str | None
    category: str | None
    risk: str | None
    overdue: bool
    sort: str
    descending: bool
    limit: int | None
    offset: int


def list_children(uow: UnitOfWork, **q: Unpack[ChildQuery]) -> list[ChildSummary]:
    """One page of the children list; SQL does the filtering and sorting."""
    return search_children(uow, **q)[1]


def search_children(
    uow: UnitOfWork,
    *,
    query: str | None = None,
    community_id: str | None = None,
    street_id: str | None = None,
    category: str | None = None,
    risk: str | None = None,
    overdue: bool = False,
    sort: str = "name",
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[int, list[ChildSummary]]:
    """(number of matches, one page of them) in one pass over the table."""
    uow.require_case_reader()
    apply_category_dates(uow)
    order: Any = SORT_KEYS.get(sort, ChildRow.name_pinyin)
    searching = bool(query and query.strip())
    if searching:
        # With a search the matches are few: sort them rather than walk the whole sort index
        # (which reads every row in index order to test the filter), and count them in the same
        # pass. Without one, the index gives the first page at once and a count is cheap.
        order = order + "" if sort in ("name", "community", "risk") else func.coalesce(order, None)
    columns: list[Any] = [func.count().over().label("total")] if searching else []
    stmt = _filtered(
        select(
            ChildRow.id,
            ChildRow.name,
            ChildRow.id_number,
            ChildRow.birth_date,
            ChildRow.sex,
            ChildRow.community_id,
            ChildRow.household_id,
            ChildRow.category_codes,
            ChildRow.risk,
            ChildRow.last_visit,
            ChildRow.next_due,
            *columns,
        ),
        hub=_on_hub(uow),
        query=query,
        community_id=community_id,
        street_id=street_id,
        category=category,
        risk=risk,
        overdue_on=uow.today() if overdue else None,
    )
    stmt = stmt.order_by(order.desc() if descending else order.asc(), ChildRow.id)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    rows = uow.session.execute(stmt).all()
    if not rows or not searching:
        total = (
            0
            if not rows and offset == 0
            else count_children(
                uow,
                query=query,
                community_id=community_id,
                street_id=street_id,
                category=category,
                risk=risk,
                overdue=overdue,
            )
        )
        if not rows:
            return total, []
    else:
        total = int(rows[0].total)
    names_by_id = _unit_names(uow)
    out = [
        ChildSummary(
            id=r.id,
            name=r.name,
            id_number_masked=idnumber.mask(r.id_number) if r.id_number else "",
            birth_date=r.birth_date,
            sex=Sex(r.sex),
            community_id=r.community_id,
            community_name=names_by_id.get(r.community_id, ""),
            household_id=r.household_id,
            categories=[c for c in r.category_codes.split(",") if c],
            risk=RiskLevel(r.risk),
            last_visit=r.last_visit,
            next_due=r.next_due,
        )
        for r in rows
    ]
    return total, out


def _unit_names(uow: UnitOfWork) -> dict[str, str]:
    cached = uow.session.info.get("unit_names")
    if isinstance(cached, dict):
        return cached
    names_by_id: dict[str, str] = dict(uow.session.execute(select(OrgUnit.id, OrgUnit.name)).all())
    uow.session.info["unit_names"] = names_by_id
    return names_by_id
