"""The re-examination worklist (复核/核查清单): every child in the user's scope whose case needs a
decision, each reason with the child-file tab that deals with it, and the decisions that take a
reason off the list. The rules are domain/reexamination.py; this loads the facts in a few scoped
queries over the whole caseload (no per-child queries) and phrases the reasons."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from hexi_care.db.models import Attachment as AttachmentRow
from hexi_care.db.models import Child as ChildRow
from hexi_care.db.models import ChildCategory, ParentSituation
from hexi_care.db.models import Guardian as GuardianRow
from hexi_care.db.models import ReexamDecision as DecisionRow
from hexi_care.db.models import Visit as VisitRow
from hexi_care.domain import reexamination as rx
from hexi_care.domain.dates import add_years
from hexi_care.domain.enums import (
    ReexamDecision,
    ReexamKind,
    Relationship,
    SituationKind,
    VisitStatus,
)
from hexi_care.domain.model import Category, Guardian, Situation
from hexi_care.errors import InvalidInput, NotFound, ScopeDenied
from hexi_care.services import collector, settings, units
from hexi_care.services import validate as v
from hexi_care.services.context import UnitOfWork
from hexi_care.vocabulary import CATEGORY, lookup, word

POLICY_SETTING = "reexam_policy"
DECISIONS = tuple(d.value for d in ReexamDecision)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReexamItem:
    """One reason of one child on the worklist."""

    child_id: str
    child_name: str
    community_id: str
    community_name: str
    reason: rx.ReexamReason
    today: date  # the day the list was made (the sentences count days from it)

    @property
    def text_zh(self) -> str:
        return describe(self.reason, self.today, "zh")

    @property
    def text_en(self) -> str:
        return describe(self.reason, self.today, "en")

    @property
    def kind(self) -> ReexamKind:
        return self.reason.kind

    @property
    def when(self) -> date | None:
        return self.reason.when

    @property
    def link(self) -> str:
        return self.reason.link.value

    def text(self, lang: str = "zh") -> str:
        return self.text_en if lang == "en" else self.text_zh


# -- settings ---------------------------------------------------------------------------------
def policy_to_dict(p: rx.ReexamPolicy) -> dict[str, Any]:
    return {
        "horizon_days": p.horizon_days,
        "evidence_days": p.evidence_days,
        "annual": {code: f"{m:02d}-{d:02d}" for code, (m, d) in sorted(p.annual.items())},
        "annual_lead_days": p.annual_lead_days,
        "annual_late_days": p.annual_late_days,
    }


def policy_from_dict(d: dict[str, Any]) -> rx.ReexamPolicy:
    """The policy from its settings form; InvalidInput for a value that does not fit."""
    default = rx.ReexamPolicy()
    try:
        annual: dict[str, tuple[int, int]] = {}
        for code, text in dict(d.get("annual", policy_to_dict(default)["annual"])).items():
            month, day = (int(x) for x in str(text).split("-"))
            annual[str(code)] = (month, day)
        return rx.ReexamPolicy(
            horizon_days=int(d.get("horizon_days", default.horizon_days)),
            evidence_days=int(d.get("evidence_days", default.evidence_days)),
            annual=annual,
            annual_lead_days=int(d.get("annual_lead_days", default.annual_lead_days)),
            annual_late_days=int(d.get("annual_late_days", default.annual_late_days)),
        )
    except (TypeError, ValueError):
        raise InvalidInput(POLICY_SETTING, "invalid") from None


def policy(uow: UnitOfWork) -> rx.ReexamPolicy:
    raw = settings.get(uow, POLICY_SETTING)
    return policy_from_dict(raw) if raw else rx.ReexamPolicy()


def set_policy(uow: UnitOfWork, p: rx.ReexamPolicy) -> None:
    """Store-wide (centre supervisor or administrator): the annual review day per category."""
    settings.put(uow, POLICY_SETTING, policy_to_dict(p))


# -- the worklist -----------------------------------------------------------------------------
@collector.pausing  # (some 150,000 objects made and kept: services/collector.py)
def worklist(
    uow: UnitOfWork,
    *,
    unit_id: str | None = None,
    kinds: Iterable[ReexamKind] | None = None,
) -> list[ReexamItem]:
    """Every open reason in the user's scope (optionally under one unit), the most pressing
    first: dated reasons by date, then the others by community and name."""
    uow.require_case_reader()
    today = uow.today()
    pol = policy(uow)
    s = uow.session
    names = units.unit_names(uow)
    allowed = communities_of_unit(uow, unit_id)

    # Rows unpacked as tuples and plain dict lookups: this runs over the whole caseload.
    kids = [
        r
        for r in s.execute(
            select(
                ChildRow.id,
                ChildRow.name,
                ChildRow.name_pinyin,
                ChildRow.community_id,
                ChildRow.household_id,
                ChildRow.birth_date,
            )
        )
        if allowed is None or r[3] in allowed
    ]
    cats: dict[str, list[Category]] = defaultdict(list)
    for child_id, code, start, end in s.execute(
        select(
            ChildCategory.child_id,
            ChildCategory.code,
            ChildCategory.start_date,
            ChildCategory.end_date,
        )
    ):
        cats[child_id].append(Category(code=code, start_date=start, end_date=end))
    by_household, by_child = _parents(uow)
    evidence: dict[str, list[rx.Evidence]] = defaultdict(list)
    horizon = today + timedelta(days=pol.evidence_days)
    for a in s.execute(
        select(
            AttachmentRow.id,
            AttachmentRow.child_id,
            AttachmentRow.filename,
            AttachmentRow.expires_on,
        ).where(AttachmentRow.expires_on.is_not(None), AttachmentRow.expires_on <= horizon)
    ):
        evidence[a.child_id].append(rx.Evidence(a.id, a.filename, a.expires_on))
    decided: dict[str, set[str]] = defaultdict(set)
    for child_id, key in s.execute(select(DecisionRow.child_id, DecisionRow.reason_key)):
        decided[child_id].add(key)
    alone = _living_alone(uow, today, pol)

    wanted = set(kinds) if kinds is not None else None
    memo: dict[object, object] = {}  # parents read once per household (eligibility.assess)
    out: list[tuple[tuple[Any, ...], ReexamItem]] = []
    no_evidence: list[rx.Evidence] = []
    none_cats: list[Category] = []
    none: list[Guardian] = []
    for child_id, name, pinyin, community_id, household_id, birth in kids:
        guardians = by_child.get(child_id, none) + (
            by_household.get(household_id, none) if household_id else none
        )
        facts = rx.ChildFacts(
            birth_date=birth,
            categories=cats.get(child_id, none_cats),
            guardians=guardians,
            evidence=evidence.get(child_id, no_evidence),
            living_alone=child_id in alone,
        )
        for reason in rx.reasons(facts, today, pol, decided.get(child_id, ()), memo):
            if wanted is not None and reason.kind not in wanted:
                continue
            item = ReexamItem(
                child_id=child_id,
                child_name=name,
                community_id=community_id,
                community_name=names.get(community_id, ""),
                reason=reason,
                today=today,
            )
            order = (reason.when is None, reason.when or today, community_id, pinyin)
            out.append((order, item))
    out.sort(key=lambda pair: pair[0])
    return [item for _, item in out]


def communities_of_unit(uow: UnitOfWork, unit_id: str | None) -> set[str] | None:
    """The communities under `unit_id` the user may see (None: no unit asked for). A unit whose
    communities all lie outside the user's scope is refused, not shown as empty."""
    if unit_id is None:
        return None
    from hexi_care.db.models import OrgUnit
    from hexi_care.services.statistics import communities_under

    if uow.session.get(OrgUnit, unit_id) is None:
        raise NotFound(what="unit", ref=unit_id)
    allowed = set(communities_under(uow, unit_id))
    if not allowed and not uow.scope.everything:
        everything = {u: p for u, p in uow.session.execute(select(OrgUnit.id, OrgUnit.parent_id))}
        # Inside the user's units (an empty street of theirs) is fine; elsewhere is not theirs.
        node: str | None = unit_id
        mine = uow.user.unit_id if uow.user is not None else None
        while node is not None and node != mine:
            node = everything.get(node)
        if node is None:
            raise ScopeDenied()
    return allowed


def _parents(
    uow: UnitOfWork,
) -> tuple[dict[str, list[Guardian]], dict[str, list[Guardian]]]:
    """Fathers' and mothers' records with their situations: by household (shared by its
    children) and by child (a record about one child)."""
    s = uow.session
    kinds = {k.value: k for k in SituationKind}
    situations: dict[str, list[Situation]] = defaultdict(list)
    for sid, guardian_id, kind, start, expected, end, grade, mental in s.execute(
        select(
            ParentSituation.id,
            ParentSituation.guardian_id,
            ParentSituation.kind,
            ParentSituation.start_date,
            ParentSituation.expected_end_date,
            ParentSituation.end_date,
            ParentSituation.disability_grade,
            ParentSituation.disability_mental,
        )
    ):
        situations[guardian_id].append(
            Situation(
                id=sid,
                kind=kinds[kind],
                start_date=start,
                expected_end_date=expected,
                end_date=end,
                disability_grade=grade,
                disability_mental=bool(mental),
            )
        )
    roles = {
        Relationship.FATHER.value: Relationship.FATHER,
        Relationship.MOTHER.value: Relationship.MOTHER,
    }
    by_household: dict[str, list[Guardian]] = defaultdict(list)
    by_child: dict[str, list[Guardian]] = defaultdict(list)
    for gid, name, household_id, child_id, relationship in s.execute(
        select(
            GuardianRow.id,
            GuardianRow.name,
            GuardianRow.household_id,
            GuardianRow.child_id,
            GuardianRow.relationship,
        ).where(GuardianRow.relationship.in_(list(roles)))
    ):
        parent = Guardian(
            id=gid,
            name=name,
            relationship=roles[relationship],
            household_id=household_id,
            child_id=child_id,
            situations=situations.get(gid, []),
        )
        if child_id is not None:
            by_child[child_id].append(parent)
        elif household_id is not None:
            by_household[household_id].append(parent)
    return by_household, by_child


def _living_alone(uow: UnitOfWork, today: date, pol: rx.ReexamPolicy) -> set[str]:
    """Children about to turn 16 whose latest visit found them living alone: only that birth
    cohort is read, so the visits of the whole caseload are not."""
    youngest = add_years(today + timedelta(days=pol.horizon_days), -rx.LEFT_BEHIND_AGE)
    oldest = add_years(today, -rx.LEFT_BEHIND_AGE)
    cohort = select(ChildRow.id).where(
        ChildRow.birth_date > oldest, ChildRow.birth_date <= youngest
    )
    last = (
        select(VisitRow.child_id, func.max(VisitRow.visit_date).label("last"))
        .where(VisitRow.child_id.in_(cohort), VisitRow.status != VisitStatus.DRAFT)
        .group_by(VisitRow.child_id)
        .subquery()
    )
    rows = uow.session.execute(
        select(VisitRow.child_id)
        .join(last, (last.c.child_id == VisitRow.child_id) & (last.c.last == VisitRow.visit_date))
        .where(VisitRow.child_alone_under16.is_(True), VisitRow.status != VisitStatus.DRAFT)
    )
    return {r.child_id for r in rows}


def count(uow: UnitOfWork, *, unit_id: str | None = None) -> int:
    """Children with at least one open reason (the workbench card's figure)."""
    return len({i.child_id for i in worklist(uow, unit_id=unit_id)})


# -- decisions --------------------------------------------------------------------------------
def decide(uow: UnitOfWork, child_id: str, reason_key: str, decision: str, note: str = "") -> None:
    """Record the decision on one reason (复核结果): it leaves the worklist. `decision` is one of
    DECISIONS; the category itself is changed in the child file (its own audited edit)."""
    uow.require_case_reader()
    child = uow.session.get(ChildRow, child_id)
    if child is None:
        raise NotFound(what="child", ref=child_id)
    chosen = v.choice("decision", ReexamDecision, decision)
    key = v.text("reason_key", reason_key, required=True, max_len=128)
    row = DecisionRow(
        child_id=child.id,
        community_id=child.community_id,
        reason_key=key,
        decision=chosen,
        note=v.text("note", note, max_len=2000),
        decided_on=uow.today(),
        decided_by=uow.user_id,
    )
    uow.session.add(row)
    uow.session.flush()
    uow.audit("decide", "reexam_decision", row.id, key.split(":", 1)[0])


# -- phrasing ---------------------------------------------------------------------------------
def _category(code: str | None, lang: str) -> str:
    return (lookup(CATEGORY, code, lang) or code or "") if code else ""


def describe(r: rx.ReexamReason, today: date, lang: str = "zh") -> str:
    """One sentence for a reason; the kind's word heads the worklist column beside it."""
    zh = lang != "en"
    when = r.when.isoformat() if r.when else ""
    days = (r.when - today).days if r.when else 0
    parent = word(r.parent, lang) if r.parent else ""
    situation = word(r.situation, lang) if r.situation else ""
    cat = _category(r.category, lang)
    # Eligibility's explanation of a category (un)supported, one sentence per reason.
    why = (
        "；".join(x.text_zh() for x in r.detail) if zh else " ".join(x.text_en() for x in r.detail)
    )
    k = ReexamKind
    match r.kind:
        case k.SITUATION_ENDED:
            return (
                f"{parent}{situation}已于{when}结束，请重新核查认定"
                if zh
                else f"{parent}'s {situation} ended on {when}: re-examine eligibility."
            )
        case k.EXPECTED_END_PASSED:
            return (
                f"{parent}{situation}预计于{when}结束（已过），请核实现状"
                if zh
                else f"{parent}'s {situation} was expected to end on {when}: check the situation."
            )
        case k.TURNS_16 | k.TURNS_18:
            limit = 16 if r.kind is k.TURNS_16 else 18
            rule_zh = f"（{cat}）" if cat else ("（不得独居规定）" if limit == 16 else "")
            rule_en = f" ({cat})" if cat else (" (no living alone under 16)" if limit == 16 else "")
            if days < 0:
                return (
                    f"已于{when}年满{limit}周岁{rule_zh}，类别仍未结束"
                    if zh
                    else f"Turned {limit} on {when}{rule_en}; the category is still open."
                )
            if days == 0:
                return f"今天年满{limit}周岁{rule_zh}" if zh else f"Turns {limit} today{rule_en}."
            return (
                f"将于{when}年满{limit}周岁{rule_zh}（还有{days}天）"
                if zh
                else f"Turns {limit} on {when}{rule_en} (in {days} days)."
            )
        case k.CATEGORY_UNSUPPORTED:
            return (
                f"已登记{cat}，但按规则不再符合：{why}"
                if zh
                else f"Recorded as {cat}, which the rules no longer support: {why}"
            )
        case k.CATEGORY_SUGGESTED:
            return (
                f"按规则似应认定为{cat}（未登记）：{why}"
                if zh
                else f"The rules suggest {cat} (not recorded): {why}"
            )
        case k.ANNUAL_REVIEW:
            late_zh = f"，已逾期{-days}天" if days < 0 else ""
            late_en = f", {-days} days late" if days < 0 else ""
            return (
                f"{cat}年度复核应于{when}前完成{late_zh}"
                if zh
                else f"The annual review of {cat} is due by {when}{late_en}."
            )
        case k.EVIDENCE_EXPIRY:
            if days < 0:
                return (
                    f"证明材料“{r.document}”已于{when}过期"
                    if zh
                    else f"The evidence document “{r.document}” expired on {when}."
                )
            return (
                f"证明材料“{r.document}”将于{when}到期"
                if zh
                else f"The evidence document “{r.document}” expires on {when}."
            )
    raise AssertionError(f"unphrased reason {r.kind}")  # pragma: no cover


def kind_word(kind: ReexamKind, lang: str = "zh") -> str:
    return word(kind, lang)
