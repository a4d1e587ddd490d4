"""Ledger (台账) import: a dry run that says row by row what would be created, updated, refused or
is repeated, and an apply that writes it in the caller's one transaction through the children and
households services (which enforce scope and audit). Running the same file twice changes nothing.

Matching: by ID number, then by name + birth date + community. Households come from the address
(or, without one, the guardian and phone); guardians become guardian records of the household.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select

from hexi_care.db.base import new_id
from hexi_care.db.models import CategoryDef, ChildCategory, OrgUnit
from hexi_care.db.models import Child as ChildRow
from hexi_care.db.models import Guardian as GuardianRow
from hexi_care.db.models import Household as HouseholdRow
from hexi_care.domain import idnumber
from hexi_care.domain.enums import Relationship, Role, UnitKind
from hexi_care.domain.model import Category, Child, Guardian, Household
from hexi_care.errors import InvalidInput
from hexi_care.ledger import parse
from hexi_care.ledger.parse import Field, Problem, RowKind, RowValues
from hexi_care.ledger.read import LedgerUnreadable, Sheet, read_ledger
from hexi_care.messages import render
from hexi_care.services import children, households, settings
from hexi_care.services.context import UnitOfWork

log = logging.getLogger("hexi_care.services.ledger")

CATEGORY_WORDS_KEY = "ledger_category_words"
MAPPING_KEY = "ledger_mapping"
IMPORT_BASIS = "台账导入"
CHUNK = 250  # rows written per batch: progress and cancel between batches  # basis recorded on categories that came from a ledger


class Outcome(StrEnum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    REFUSED = "refused"
    DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class SheetInfo:
    """What was found on one sheet: the header row (1-based) and the columns' fields."""

    name: str
    header_row: int | None
    titles: dict[int, str] = field(default_factory=dict)
    columns: dict[int, str] = field(default_factory=dict)  # column → Field value
    unmatched: list[int] = field(default_factory=list)
    width: int = 0


@dataclass(slots=True)
class PlanRow:
    """One data row of the ledger and what the import does with it."""

    sheet: str
    row: int  # the spreadsheet's own row number
    outcome: Outcome
    name: str
    id_masked: str
    community_id: str | None = None
    community_name: str = ""
    child_id: str | None = None
    changes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    same_as: tuple[str, int] | None = None  # (sheet, row) of the first occurrence
    cells: tuple[object, ...] = ()
    values: RowValues | None = None

    def messages(self, lang: str = "zh") -> list[str]:
        return [problem_text(p, lang) for p in self.problems]


@dataclass(slots=True)
class LedgerPlan:
    sheets: list[SheetInfo]
    rows: list[PlanRow]
    applied: bool = False

    def of(self, outcome: Outcome) -> list[PlanRow]:
        return [r for r in self.rows if r.outcome is outcome]

    def counts(self) -> dict[str, int]:
        out = {o.value: 0 for o in Outcome}
        for r in self.rows:
            out[r.outcome.value] += 1
        return out

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        """The command line's contract: rows, new, update, refused, duplicates (plus a little)."""
        multi = len(self.sheets) > 1

        def where(r: PlanRow) -> dict[str, Any]:
            return {"row": r.row, "sheet": r.sheet} if multi else {"row": r.row}

        def who(r: PlanRow) -> dict[str, Any]:
            return {
                **where(r),
                "name": r.name,
                "id_number": r.id_masked,
                "community": r.community_name,
            }

        refused = [
            {
                **where(r),
                "field": p.field,
                "problem": p.problem,
                "message": problem_text(p, lang),
            }
            for r in self.of(Outcome.REFUSED)
            for p in r.problems
        ]
        duplicates = []
        for r in self.of(Outcome.DUPLICATE):
            assert r.same_as is not None
            item: dict[str, Any] = {**where(r), "same_as_row": r.same_as[1]}
            if multi:
                item["same_as_sheet"] = r.same_as[0]
            duplicates.append(item)
        return {
            "rows": len(self.rows),
            "new": [who(r) for r in self.of(Outcome.NEW)],
            "update": [
                {**who(r), "child_id": r.child_id, "fields": r.changes}
                for r in self.of(Outcome.UPDATE)
            ],
            "unchanged": [{**where(r), "child_id": r.child_id} for r in self.of(Outcome.UNCHANGED)],
            "refused": refused,
            "duplicates": duplicates,
            "applied": self.applied,
            "sheets": [
                {
                    "name": s.name,
                    "header_row": s.header_row,
                    "columns": {s.titles[c]: f for c, f in s.columns.items()},
                    "unmatched": [s.titles[c] for c in s.unmatched],
                }
                for s in self.sheets
            ],
        }


def problem_text(p: Problem, lang: str = "zh") -> str:
    return render("ledger.problem", lang, field=p.field, problem=p.problem, **p.params)


# -- settings: the category-word table and saved column mappings ---------------------------------
def category_words(uow: UnitOfWork) -> dict[str, str]:
    """Word → category code: the built-in words, each category's own Chinese name, then the
    centre's table (which wins). A code of "" means "not a category; ignore the word"."""
    words: dict[str, str] = dict(parse.DEFAULT_CATEGORY_WORDS)
    for code, name in uow.session.execute(select(CategoryDef.code, CategoryDef.name_zh)):
        words[parse.norm_word(name)] = code
    stored = settings.get(uow, CATEGORY_WORDS_KEY, {}) or {}
    for k, v in stored.items():
        words[parse.norm_word(k)] = str(v)
    return words


def centre_category_words(uow: UnitOfWork) -> dict[str, str]:
    """Only the words the centre added or changed (what the table editor shows)."""
    return dict(settings.get(uow, CATEGORY_WORDS_KEY, {}) or {})


def set_category_words(uow: UnitOfWork, words: Mapping[str, str]) -> None:
    """Replace the centre's word table. Codes must be known categories ("" ignores a word)."""
    known = set(children.category_defs(uow))
    clean: dict[str, str] = {}
    for word, code in words.items():
        key = parse.norm_word(word)
        if not key:
            continue
        if code and code not in known:
            raise InvalidInput("category", "unknown", value=code)
        clean[key] = code
    settings.put(uow, CATEGORY_WORDS_KEY, clean)


def saved_mapping(uow: UnitOfWork) -> dict[str, str]:
    """Header words → field, as saved from the window for next time."""
    return dict(settings.get(uow, MAPPING_KEY, {}) or {})


def save_mapping(uow: UnitOfWork, mapping: Mapping[str, str]) -> None:
    """Remember hand-made column choices. Directors may do this (it is not a store policy)."""
    uow.require_case_reader()
    clean = check_mapping(mapping)
    settings.write(uow, MAPPING_KEY, {**saved_mapping(uow), **clean})


def check_mapping(mapping: object) -> dict[str, str]:
    """A mapping from the user (a JSON object of header words → field, "" or "ignore" to skip)."""
    if not isinstance(mapping, dict):
        raise InvalidInput("json", "bad_json", detail='{"户籍所在街道": "street"}')
    choices = ", ".join(f.value for f in Field)
    out: dict[str, str] = {}
    for k, v in mapping.items():
        if not isinstance(k, str) or not isinstance(v, str):
            raise InvalidInput("json", "not_text")
        if v and v not in {f.value for f in Field}:
            raise InvalidInput("json", "choice", choices=choices)
        out[parse.norm_header(k)] = v or Field.IGNORE.value
    return out


# -- reading -------------------------------------------------------------------------------------
def load(path: Path) -> list[Sheet]:
    """The file's sheets (raises LedgerUnreadable, exit 5, when the file itself is unreadable)."""
    return read_ledger(path)


def sheets_info(
    sheets: Sequence[Sheet], mapping: Mapping[str, str] | None = None
) -> list[SheetInfo]:
    out = []
    for sh in sheets:
        h = parse.detect_header(sh.rows, mapping)
        out.append(_info(sh, h))
    return out


def _info(sh: Sheet, h: parse.Header | None) -> SheetInfo:
    if h is None:
        return SheetInfo(sh.name, None)
    width = max((len(r) for r in sh.rows[h.index : h.index + 50]), default=0)
    return SheetInfo(
        sh.name,
        h.index + 1,
        dict(h.titles),
        {c: f.value for c, f in h.columns.items()},
        list(h.unmatched),
        width,
    )


def choose_sheets(sheets: Sequence[Sheet], name: str | None) -> list[Sheet]:
    if name is None:
        return list(sheets)
    chosen = [s for s in sheets if s.name == name] or [
        s for s in sheets if s.name.strip() == name.strip()
    ]
    if not chosen:
        raise LedgerUnreadableSheet(name, [s.name for s in sheets])
    return chosen


class LedgerUnreadableSheet(LedgerUnreadable):
    def __init__(self, sheet: str, names: list[str]) -> None:
        super().__init__("no_sheet")
        self.params.update(sheet=sheet, sheets="、".join(names))

    def message(self, lang: str = "zh") -> str:
        detail = render("ledger.why.no_sheet", lang, **self.params)
        return render(self.key, lang, detail=detail)


# -- the store side: units, children, households -----------------------------------------------
def _strip_unit(text: str) -> str:
    for suffix in ("社区居委会", "居委会", "社区", "村委会", "村", "街道办事处", "街道", "街"):
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


@dataclass(slots=True)
class _Units:
    communities: dict[str, list[tuple[str, str | None]]]  # name key → [(id, street id)]
    names: dict[str, str]
    streets: dict[str, str]  # street id → name key

    @staticmethod
    def load(uow: UnitOfWork) -> _Units:
        rows = uow.session.execute(
            select(OrgUnit.id, OrgUnit.name, OrgUnit.kind, OrgUnit.parent_id)
        )
        comms: dict[str, list[tuple[str, str | None]]] = {}
        names: dict[str, str] = {}
        streets: dict[str, str] = {}
        for uid, name, kind, parent in rows:
            names[uid] = name
            key = parse.norm_word(name)
            if kind == UnitKind.COMMUNITY:
                for k in {key, _strip_unit(key)}:
                    comms.setdefault(k, []).append((uid, parent))
            elif kind == UnitKind.STREET:
                streets[uid] = _strip_unit(key)
        return _Units(comms, names, streets)

    def find(self, community: str, street: str) -> tuple[str | None, Problem | None]:
        key = parse.norm_word(community)
        found = self.communities.get(key) or self.communities.get(_strip_unit(key)) or []
        found = list(dict.fromkeys(found))
        street_key = _strip_unit(parse.norm_word(street)) if street else ""
        if street_key and len(found) > 1:
            found = [f for f in found if self.streets.get(f[1] or "") == street_key] or found
        if not found:
            return None, Problem("community", "unknown", {"value": community})
        if len(found) > 1:
            return None, Problem("community", "ambiguous", {"value": community})
        uid, parent = found[0]
        if street_key and self.streets.get(parent or "") != street_key:
            return None, Problem(
                "street", "street_mismatch", {"value": community, "street": street}
            )
        return uid, None


@dataclass(slots=True)
class _Known:
    """The children, households and guardians in scope, loaded once for matching."""

    by_number: dict[str, str]
    by_person: dict[tuple[str, date | None, str], str]
    child: dict[str, tuple[Any, ...]]  # id → the row's profile columns
    cats: dict[str, set[str]]
    household_by_address: dict[tuple[str, str], str]
    household_by_guardian: dict[tuple[str, str, str], str]
    guardians: dict[str, dict[str, tuple[str, str, str]]]  # household → name → (id, rel, phone)
    # Rows the apply keeps alive: the session's identity map holds rows weakly, and the services
    # look the same unit, household and audit head up again and again.
    pinned: list[object] = field(default_factory=list)

    @staticmethod
    def load(uow: UnitOfWork) -> _Known:
        by_number: dict[str, str] = {}
        by_person: dict[tuple[str, date | None, str], str] = {}
        child: dict[str, tuple[Any, ...]] = {}
        stmt = select(
            ChildRow.id,
            ChildRow.name,
            ChildRow.id_number,
            ChildRow.birth_date,
            ChildRow.community_id,
            ChildRow.sex,
            ChildRow.address,
            ChildRow.hukou_address,
            ChildRow.school,
            ChildRow.household_id,
        )
        for r in uow.session.execute(stmt):
            child[r.id] = tuple(r)
            if r.id_number:
                by_number.setdefault(r.id_number, r.id)
            by_person.setdefault((r.name, r.birth_date, r.community_id), r.id)
        cats: dict[str, set[str]] = {}
        for cid, code in uow.session.execute(select(ChildCategory.child_id, ChildCategory.code)):
            cats.setdefault(cid, set()).add(code)
        by_address: dict[tuple[str, str], str] = {}
        for hid, comm, address in uow.session.execute(
            select(HouseholdRow.id, HouseholdRow.community_id, HouseholdRow.address)
        ):
            if address:
                by_address.setdefault((comm, _addr_key(address)), hid)
        guardians: dict[str, dict[str, tuple[str, str, str]]] = {}
        by_guardian: dict[tuple[str, str, str], str] = {}
        for gid, owner, comm, name, rel, phone in uow.session.execute(
            select(
                GuardianRow.id,
                GuardianRow.household_id,
                GuardianRow.community_id,
                GuardianRow.name,
                GuardianRow.relationship,
                GuardianRow.phone,
            )
        ):
            if owner is None:
                continue
            guardians.setdefault(owner, {}).setdefault(name, (gid, rel, phone))
            by_guardian.setdefault((comm, name, phone), owner)
        return _Known(by_number, by_person, child, cats, by_address, by_guardian, guardians)


def _addr_key(address: str) -> str:
    return parse.norm_word(address)


# -- planning ------------------------------------------------------------------------------------
Progress = Callable[[int, int], None]
StopCheck = Callable[[], None]


def plan(
    uow: UnitOfWork,
    sheets: Sequence[Sheet],
    *,
    community: str | None = None,
    mapping: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    check_stop: StopCheck | None = None,
) -> LedgerPlan:
    """The dry run: nothing is written. `community` (a unit reference) fills rows without one."""
    return _plan(uow, sheets, community, mapping, progress, check_stop)[0]


def _plan(
    uow: UnitOfWork,
    sheets: Sequence[Sheet],
    community: str | None,
    mapping: Mapping[str, str] | None,
    progress: Progress | None,
    check_stop: StopCheck | None,
) -> tuple[LedgerPlan, _Known]:
    uow.require_role(
        Role.DIRECTOR, Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR, action="import ledgers"
    )
    from hexi_care.services import units as units_service

    today = uow.today()
    words = category_words(uow)
    unit_map = _Units.load(uow)
    default_community: str | None = None
    if community:
        unit = units_service.resolve_unit(uow, community)
        if unit.kind != UnitKind.COMMUNITY:
            raise InvalidInput("community", "not_a_community")
        default_community = unit.id
    elif uow.user is not None and uow.user.role == Role.DIRECTOR:
        default_community = uow.user.unit_id
    elif not uow.scope.everything and len(uow.scope.communities) == 1:
        default_community = next(iter(uow.scope.communities))
    known = _Known.load(uow)

    infos: list[SheetInfo] = []
    found: list[tuple[Sheet, parse.Header]] = []
    for sh in sheets:
        h = parse.detect_header(sh.rows, mapping)
        infos.append(_info(sh, h))
        if h is not None:
            found.append((sh, h))
    if not found:
        raise LedgerUnreadable("no_header")
    total = sum(len(sh.rows) - h.index - 1 for sh, h in found)
    rows: list[PlanRow] = []
    seen_number: dict[str, tuple[str, int]] = {}
    # name, birth date, community → (sheet, row) and the ID number that row had
    seen_person: dict[tuple[str, date | None, str], tuple[tuple[str, int], str | None]] = {}
    done = 0
    for sh, h in found:
        for idx in range(h.index + 1, len(sh.rows)):
            done += 1
            if done % 200 == 0:
                if check_stop is not None:
                    check_stop()
                if progress is not None:
                    progress(done, total)
            cells = sh.rows[idx]
            if parse.classify_row(cells, h) is not RowKind.DATA:
                continue
            values = parse.read_row(
                {f: cells[c] for c, f in h.columns.items() if c < len(cells)},
                today=today,
                category_words=words,
            )
            row = PlanRow(
                sheet=sh.name,
                row=idx + 1,
                outcome=Outcome.REFUSED,
                name=values.name,
                id_masked=idnumber.mask(values.id_number) if values.id_number else "",
                cells=tuple(cells),
                values=values,
                problems=list(values.problems),
            )
            rows.append(row)
            cid: str | None = None
            if values.community:
                cid, problem = unit_map.find(values.community, values.street)
                if problem is not None:
                    row.problems.append(problem)
            elif default_community is not None:
                cid = default_community
            else:
                row.problems.append(Problem("community", "required"))
            if cid is not None:
                row.community_id = cid
                row.community_name = unit_map.names.get(cid, "")
                if not uow.scope.allows(cid):
                    row.problems.append(
                        Problem("community", "out_of_scope", {"value": row.community_name})
                    )
            if row.problems or cid is None:
                continue
            # Repeats inside the file: the first occurrence is imported, later ones listed.
            # Two rows with the same name and birth date but different ID numbers are two
            # children (twins keep their numbers apart).
            person = (values.name, values.birth_date, cid)
            first = seen_number.get(values.id_number) if values.id_number else None
            earlier = seen_person.get(person)
            numbers_agree = earlier is not None and earlier[1] in (None, values.id_number)
            if first is None and earlier is not None and (not values.id_number or numbers_agree):
                first = earlier[0]
            if first:
                row.outcome = Outcome.DUPLICATE
                row.same_as = first
                continue
            if values.id_number:
                seen_number[values.id_number] = (sh.name, row.row)
            seen_person.setdefault(person, ((sh.name, row.row), values.id_number))
            existing = _match(known, values, cid)
            if existing is None:
                row.outcome = Outcome.NEW
            else:
                row.child_id = existing
                row.changes = _changes(known, existing, values)
                row.outcome = Outcome.UPDATE if row.changes else Outcome.UNCHANGED
    if progress is not None:
        progress(total, total)
    return LedgerPlan(infos, rows), known


def _match(known: _Known, v: RowValues, community_id: str) -> str | None:
    if v.id_number and v.id_number in known.by_number:
        return known.by_number[v.id_number]
    cid = known.by_person.get((v.name, v.birth_date, community_id))
    if cid is None:
        return None
    other_number = known.child[cid][2]
    # The same name and birth date under another ID number is another child.
    if v.id_number and other_number and other_number != v.id_number:
        return None
    return cid


def _changes(known: _Known, child_id: str, v: RowValues) -> list[str]:
    (_, name, number, birth, community, sex, address, hukou, school, household) = known.child[
        child_id
    ]
    out: list[str] = []
    if v.name and v.name != name:
        out.append("name")
    if v.id_number and v.id_number != number:
        out.append("id_number")
    if v.birth_date and v.birth_date != birth:
        out.append("birth_date")
    if v.sex and v.sex != sex:
        out.append("sex")
    for attr, old in (("address", address), ("hukou_address", hukou), ("school", school)):
        if getattr(v, attr) and getattr(v, attr) != old:
            out.append(attr)
    if set(v.categories) - known.cats.get(child_id, set()):
        out.append("categories")
    if household is None:
        if v.address or v.guardian:
            out.append("household")
    elif v.guardian:
        g = known.guardians.get(household, {}).get(v.guardian)
        if g is None or (v.phone and v.phone != g[2]) or _relationship_changes(v, g[1]):
            out.append("guardian")
    return out


def _relationship_changes(v: RowValues, old: str) -> bool:
    return v.relationship is not Relationship.OTHER and v.relationship.value != old


# -- applying ------------------------------------------------------------------------------------
def apply(
    uow: UnitOfWork,
    sheets: Sequence[Sheet],
    *,
    community: str | None = None,
    mapping: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    check_stop: StopCheck | None = None,
) -> LedgerPlan:
    """Plan again inside the caller's transaction (the store may have changed since the dry run)
    and write every new and updated row. The caller's unit of work commits once, or nothing."""
    result, known = _plan(uow, sheets, community, mapping, None, check_stop)
    work = [r for r in result.rows if r.outcome in (Outcome.NEW, Outcome.UPDATE)]
    # Keep the units alive in the session (its identity map holds rows weakly), or each would be
    # read back for every child; the audit chain's head rows the session keeps itself (audit.head).
    pinned: list[object] = [*uow.session.scalars(select(OrgUnit))]
    known.pinned = pinned
    held = len(pinned)
    for start in range(0, len(work), CHUNK):
        if check_stop is not None:
            check_stop()
        if progress is not None:
            progress(start, len(work))
        chunk = work[start : start + CHUNK]
        try:
            _create_many(uow, [r for r in chunk if r.outcome is Outcome.NEW], known)
            for row in chunk:
                if row.outcome is Outcome.UPDATE:
                    assert row.values is not None and row.child_id is not None
                    _update(uow, row.values, row.child_id, known)
        except InvalidInput as exc:
            # Checked in the plan already; should a service disagree, say so plainly.
            log.warning("a ledger row was refused by a service: %s", exc.problem)
            raise
        del known.pinned[held:]  # let the batch's households go
    if progress is not None:
        progress(len(work), len(work))
    counts = result.counts()
    uow.audit(
        "import",
        "ledger",
        None,
        f"new={counts['new']} update={counts['update']} refused={counts['refused']}",
    )
    known.pinned.clear()
    result.applied = True
    return result


def _household_for(
    v: RowValues, community_id: str, known: _Known, new: list[Household]
) -> str | None:
    """The household of the row's address (or guardian and phone); a new one is added to `new`
    once, so siblings share it."""
    by_address = (community_id, _addr_key(v.address))
    by_guardian = (community_id, v.guardian, v.phone)
    if v.address:
        found = known.household_by_address.get(by_address)
    elif v.guardian:
        found = known.household_by_guardian.get(by_guardian)
    else:
        return None
    if found is None:
        found = new_id()
        new.append(
            Household(
                id=found,
                community_id=community_id,
                address=v.address,
                hukou_address=v.hukou_address,
                phone=v.phone,
            )
        )
    if v.address:
        known.household_by_address[by_address] = found
    if v.guardian:
        known.household_by_guardian.setdefault(by_guardian, found)
    return found


def _ensure_guardian(uow: UnitOfWork, v: RowValues, household_id: str, known: _Known) -> None:
    if not v.guardian:
        return
    mine = known.guardians.setdefault(household_id, {})
    have = mine.get(v.guardian)
    if have is None:
        (saved,) = households.add_guardians(
            uow,
            [
                Guardian(
                    name=v.guardian,
                    relationship=v.relationship,
                    household_id=household_id,
                    phone=v.phone,
                    is_guardian=True,
                )
            ],
        )
        assert saved.id is not None
        mine[v.guardian] = (saved.id, saved.relationship.value, saved.phone)
        return
    rel = v.relationship.value if v.relationship is not Relationship.OTHER else have[1]
    phone = v.phone or have[2]
    if (rel, phone) == have[1:]:
        return
    g = next(g for g in households.guardians_of(uow, household_id) if g.id == have[0])
    households.save_guardian(uow, replace(g, relationship=Relationship(rel), phone=phone))
    mine[v.guardian] = (have[0], rel, phone)


def _create_many(uow: UnitOfWork, rows: Sequence[PlanRow], known: _Known) -> None:
    """New children with their households and guardians: each kind written in one go through its
    service (a flush per record would cost more than the record). Nothing here queries rows
    still pending, so the audit head's updates need not flush each time either; guardian edits
    (which number their change-log entries by query) run afterwards with autoflush."""
    if not rows:
        return
    new_households: list[Household] = []
    kids: list[Child] = []
    new_guardians: list[Guardian] = []
    edits: list[tuple[RowValues, str]] = []
    with uow.session.no_autoflush:
        for row in rows:
            v = row.values
            assert v is not None and v.sex is not None and row.community_id is not None
            household_id = _household_for(v, row.community_id, known, new_households)
            row.child_id = new_id()
            kids.append(
                Child(
                    id=row.child_id,
                    name=v.name,
                    sex=v.sex,
                    community_id=row.community_id,
                    birth_date=v.birth_date,
                    id_number=v.id_number,
                    household_id=household_id,
                    hukou_address=v.hukou_address,
                    address=v.address,
                    school=v.school,
                    note=v.note,
                    categories=[Category(code=c, basis=IMPORT_BASIS) for c in v.categories],
                )
            )
            if household_id is not None and v.guardian:
                mine = known.guardians.setdefault(household_id, {})
                if v.guardian not in mine:
                    guardian = Guardian(
                        name=v.guardian,
                        relationship=v.relationship,
                        household_id=household_id,
                        phone=v.phone,
                        is_guardian=True,
                    )
                    new_guardians.append(guardian)
                    mine[v.guardian] = ("", v.relationship.value, v.phone)
                else:
                    edits.append((v, household_id))
        households.add_households(uow, new_households)
        # One read for the batch's households, held while the child service looks each up.
        wanted = {k.household_id for k in kids if k.household_id}
        known.pinned.extend(
            uow.session.scalars(select(HouseholdRow).where(HouseholdRow.id.in_(wanted)))
        )
        children.add_children(uow, kids)
        for g in households.add_guardians(uow, new_guardians):
            assert g.household_id is not None and g.id is not None
            known.guardians[g.household_id][g.name] = (g.id, g.relationship.value, g.phone)
    for v, household_id in edits:
        _ensure_guardian(uow, v, household_id, known)


def _update(uow: UnitOfWork, v: RowValues, child_id: str, known: _Known) -> None:
    child = children.get_child(uow, child_id)
    have = {c.code for c in child.categories}
    extra = [Category(code=c, basis=IMPORT_BASIS) for c in v.categories if c not in have]
    household_id = child.household_id
    if household_id is None:
        made: list[Household] = []
        household_id = _household_for(v, child.community_id, known, made)
        households.add_households(uow, made)
    changed = replace(
        child,
        name=v.name or child.name,
        sex=v.sex or child.sex,
        birth_date=v.birth_date or child.birth_date,
        id_number=v.id_number or child.id_number,
        address=v.address or child.address,
        hukou_address=v.hukou_address or child.hukou_address,
        school=v.school or child.school,
        household_id=household_id,
        categories=[*child.categories, *extra],
    )
    if changed != child:
        children.update_child(uow, changed)
    if household_id is not None:
        _ensure_guardian(uow, v, household_id, known)


# -- refused rows back to Excel ------------------------------------------------------------------
def write_refused(plan_: LedgerPlan, sheets: Sequence[Sheet], out: Path, lang: str = "zh") -> int:
    """The refused rows, each sheet's header and a reason column, as an .xlsx the director can
    fix and import again. Returns the number of rows written."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    by_sheet: dict[str, list[PlanRow]] = {}
    for r in plan_.of(Outcome.REFUSED):
        by_sheet.setdefault(r.sheet, []).append(r)
    book = Workbook()
    default = book.active
    written = 0
    rows_of = {s.name: s.rows for s in sheets}
    for info in plan_.sheets:
        refused = by_sheet.get(info.name)
        if not refused or info.header_row is None:
            continue
        ws = book.create_sheet(title=info.name[:31] or "Sheet")
        header = list(rows_of[info.name][info.header_row - 1])
        width = max([len(header), *(len(r.cells) for r in refused)])
        header += [None] * (width - len(header))
        ws.append([*header, render("ledger.reason", lang)])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r in refused:
            cells = list(r.cells) + [None] * (width - len(r.cells))
            ws.append([*cells, "；".join(r.messages(lang))])
            written += 1
        # Keep ID numbers as text so Excel does not round them when the file is saved again.
        id_col = next((c for c, f in info.columns.items() if f == Field.ID_NUMBER.value), None)
        if id_col is not None:
            for (cell,) in ws.iter_rows(min_row=2, min_col=id_col + 1, max_col=id_col + 1):
                cell.number_format = "@"
                if cell.value is not None:
                    cell.value = parse.cell_text(cell.value)
        ws.column_dimensions[ws.cell(row=1, column=width + 1).column_letter].width = 60
    if written and default is not None:
        book.remove(default)
    book.save(out)
    return written
