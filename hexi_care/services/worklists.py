"""Lists a centre and its streets work through: children overdue for a visit (`schedule overdue`)
and the alerts (`alert list`), gathered from named sources: re-examinations and mandatory-report
deadlines here; other parts of the program add theirs to `ALERT_SOURCES` (campaign gaps).
Every list stays inside the user's scope and may be narrowed to one unit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from hexi_care.db.models import Child as ChildRow
from hexi_care.db.models import MandatoryReport as ReportRow
from hexi_care.domain import reporting
from hexi_care.domain.dates import local_date
from hexi_care.domain.enums import ReexamDecision, ReportStatus, ReportTrigger, Role
from hexi_care.domain.schedule import days_overdue
from hexi_care.errors import InvalidInput, NotFound
from hexi_care.services import campaigns, casework, children, reexamination, statistics, units
from hexi_care.services import validate as v
from hexi_care.services.context import UnitOfWork
from hexi_care.vocabulary import word


def _communities(uow: UnitOfWork, unit_id: str | None) -> set[str] | None:
    return reexamination.communities_of_unit(uow, unit_id)


# -- overdue visits ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class OverdueLine:
    child_id: str
    child_name: str
    community_id: str
    community_name: str
    last_visit: date | None
    next_due: date
    days_overdue: int
    categories: list[str] = field(default_factory=list)


def overdue(
    uow: UnitOfWork, *, unit_id: str | None = None, limit: int | None = None
) -> list[OverdueLine]:
    """Children whose next visit was due before today, the longest overdue first."""
    uow.require_case_reader()
    children.apply_category_dates(uow)  # a category ending today changes who is due
    today = uow.today()
    names = units.unit_names(uow)
    stmt = (
        select(
            ChildRow.id,
            ChildRow.name,
            ChildRow.community_id,
            ChildRow.last_visit,
            ChildRow.next_due,
            ChildRow.category_codes,
        )
        .where(ChildRow.next_due.is_not(None), ChildRow.next_due < today)
        .order_by(ChildRow.next_due, ChildRow.name_pinyin, ChildRow.id)
    )
    allowed = _communities(uow, unit_id)
    if allowed is not None:
        stmt = stmt.where(ChildRow.community_id.in_(sorted(allowed)))
    if limit is not None:
        stmt = stmt.limit(limit)
    return [
        OverdueLine(
            child_id=r.id,
            child_name=r.name,
            community_id=r.community_id,
            community_name=names.get(r.community_id, ""),
            last_visit=r.last_visit,
            next_due=r.next_due,
            days_overdue=days_overdue(r.next_due, today),
            categories=[c for c in r.category_codes.split(",") if c],
        )
        for r in uow.session.execute(stmt)
    ]


# -- alerts -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class Alert:
    """One thing to act on. `kind` names it within its source (a ReexamKind, "report_late",
    "feedback_overdue"); `link` is the child-file tab that deals with it."""

    source: str
    kind: str
    child_id: str
    child_name: str
    community_id: str
    community_name: str
    when: date | None
    text_zh: str
    text_en: str
    link: str
    record_id: str = ""

    def text(self, lang: str = "zh") -> str:
        return self.text_en if lang == "en" else self.text_zh


AlertSource = Callable[[UnitOfWork, "str | None"], list[Alert]]


def reexamination_alerts(uow: UnitOfWork, unit_id: str | None) -> list[Alert]:
    return [
        Alert(
            source="reexamination",
            kind=i.kind.value,
            child_id=i.child_id,
            child_name=i.child_name,
            community_id=i.community_id,
            community_name=i.community_name,
            when=i.when,
            text_zh=f"{word(i.kind, 'zh')}：{i.text_zh}",
            text_en=f"{word(i.kind, 'en')}: {i.text_en}",
            link=i.link,
            record_id=i.reason.key,
        )
        for i in reexamination.worklist(uow, unit_id=unit_id)
    ]


def report_alerts(uow: UnitOfWork, unit_id: str | None) -> list[Alert]:
    """Open mandatory reports made late or not made in time, and police feedback not come by its
    follow-up date. Only for the roles that read reports (the reporter stays confidential)."""
    if uow.user is not None and uow.user.role not in casework.REPORT_READERS:
        return []
    rules = casework.report_rules(uow)
    now, today, tz = uow.now(), uow.today(), uow.zone()
    names = units.unit_names(uow)
    allowed = _communities(uow, unit_id)
    stmt = (
        select(
            ReportRow.id,
            ReportRow.child_id,
            ChildRow.name,
            ReportRow.community_id,
            ReportRow.trigger,
            ReportRow.found_at,
            ReportRow.reported_at,
            ReportRow.feedback,
            ReportRow.feedback_due,
        )
        .join(ChildRow, ChildRow.id == ReportRow.child_id)
        .where(ReportRow.status == ReportStatus.OPEN)
        .order_by(ReportRow.found_at)
    )
    out: list[Alert] = []
    for r in uow.session.execute(stmt):
        if allowed is not None and r.community_id not in allowed:
            continue
        trigger_zh = word(ReportTrigger(r.trigger), "zh")
        trigger_en = word(ReportTrigger(r.trigger), "en")
        common = {
            "source": "report",
            "child_id": r.child_id,
            "child_name": r.name,
            "community_id": r.community_id,
            "community_name": names.get(r.community_id, ""),
            "link": "casework",
            "record_id": r.id,
        }
        if reporting.is_late(r.found_at, r.reported_at, now, rules):
            found = local_date(r.found_at, tz)
            if r.reported_at is None:
                zh = f"强制报告未在时限内报告（{found}发现，{trigger_zh}）"
                en = f"Mandatory report not made in time (found {found}; {trigger_en})."
            else:
                made = local_date(r.reported_at, tz)
                zh = f"强制报告超时：{found}发现，{made}才报告（{trigger_zh}）"
                en = f"Mandatory report made late: found {found}, reported {made} ({trigger_en})."
            out.append(Alert(kind="report_late", when=found, text_zh=zh, text_en=en, **common))
        if reporting.feedback_overdue(ReportStatus.OPEN, r.feedback, r.feedback_due, today):
            due = r.feedback_due
            out.append(
                Alert(
                    kind="feedback_overdue",
                    when=due,
                    text_zh=f"公安反馈跟进日期{due}已过，尚无反馈（{trigger_zh}）",
                    text_en=f"Police feedback was to be chased by {due} and none came "
                    f"({trigger_en}).",
                    **common,
                )
            )
    return out


def campaign_alerts(uow: UnitOfWork, unit_id: str | None) -> list[Alert]:
    """Campaigns under way short of their goal (the issue's "campaign gaps"): one alert per
    campaign, not per child; with a unit, the campaigns reaching into it."""
    wanted = _communities(uow, unit_id)
    out: list[Alert] = []
    held = {c.name: c for c in campaigns.campaigns(uow)}
    for gap in campaigns.gaps(uow):
        c = held.get(gap.campaign)
        if c is None:
            continue
        if wanted is not None and not wanted & set(statistics.communities_under(uow, c.unit_id)):
            continue
        out.append(
            Alert(
                source="campaign",
                kind="campaign_gap",
                child_id="",
                child_name="",
                community_id="",
                community_name="",
                when=gap.ends_on,
                text_zh=f"{gap.campaign}：已覆盖{gap.reached}/{gap.goal}，"
                f"距结束还有{gap.days_left}天（{gap.ends_on}）",
                text_en=f"{gap.campaign}: {gap.reached} of {gap.goal} reached, "
                f"{gap.days_left} days left (ends {gap.ends_on}).",
                link="campaign",
                record_id=c.id or "",
            )
        )
    return out


#: Where alerts come from, by name. Another part of the program adds its own source here (the
#: campaigns add "campaign"): a function (uow, unit_id or None) → alerts in the user's scope.
ALERT_SOURCES: dict[str, AlertSource] = {
    "reexamination": reexamination_alerts,
    "report": report_alerts,
    "campaign": campaign_alerts,
}


def alerts(
    uow: UnitOfWork, *, unit_id: str | None = None, sources: list[str] | None = None
) -> list[Alert]:
    """Every alert of the chosen sources (all by default), dated ones first by date."""
    uow.require_role(
        Role.DIRECTOR, Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR, action="read case files"
    )
    found: list[Alert] = []
    for name, source in ALERT_SOURCES.items():
        if sources is None or name in sources:
            found += source(uow, unit_id)
    return sorted(
        found, key=lambda a: (a.when is None, a.when or date.min, a.community_id, a.child_name)
    )


# -- decisions on re-examinations -------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class Decided:
    """A decision recorded on one open re-examination reason."""

    child_id: str
    child_name: str
    reason_key: str
    kind: str
    decision: str
    note: str
    decided_on: date


def decide_reexamination(
    uow: UnitOfWork, child_ref: str, reason_key: str, decision: str, note: str = ""
) -> Decided:
    """Record the decision (复核结果) on one reason the worklist holds open for the child (the
    window's 复核清单 and `alert decide`): a key the list does not hold for that child is refused
    by name, so a mistyped key never records a decision on nothing."""
    uow.require_case_reader()
    chosen = v.choice("decision", ReexamDecision, decision)
    child_id = children.resolve_child(uow, child_ref)
    child = uow.session.get(ChildRow, child_id)
    if child is None:
        raise NotFound(what="child", ref=child_ref)
    key = reason_key.strip()
    open_items = [
        i
        for i in reexamination.worklist(uow, unit_id=child.community_id)
        if i.child_id == child_id and i.reason.key == key
    ]
    if not open_items:
        raise InvalidInput("reason_key", "unknown", value=key)
    reexamination.decide(uow, child_id, key, chosen.value, note)
    return Decided(
        child_id=child_id,
        child_name=child.name,
        reason_key=key,
        kind=open_items[0].kind.value,
        decision=chosen.value,
        note=note,
        decided_on=uow.today(),
    )
