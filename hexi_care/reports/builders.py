"""Data builders: read through the services (so the reader's scope and role apply) and fill the
report data classes. Building a document is audited. No reportlab here."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hexi_care import vocabulary
from hexi_care.domain.enums import RiskLevel, Role, UnitKind, VisitKind, VisitStatus
from hexi_care.domain.model import Child, ChildSummary, Household, NoticeTemplate, Visit
from hexi_care.domain.names import pinyin_full
from hexi_care.domain.notice_templates import builtin_templates
from hexi_care.errors import InvalidInput, NotFound
from hexi_care.reports.data import (
    CaseFileData,
    ChecklistData,
    CommunityStats,
    DashboardFigures,
    NoticeData,
    RegisterRow,
    ReportMeta,
    StatisticsData,
    StatsFigures,
    StreetStats,
    VisitSummaryData,
)
from hexi_care.reports.formatting import issuing_unit
from hexi_care.reports.labels import labels_for
from hexi_care.services import (
    casefile,
    casework,
    children,
    households,
    overview,
    statistics,
    support,
    units,
    users,
    visits,
)
from hexi_care.services.children import category_defs
from hexi_care.services.context import UnitOfWork

MAX_BATCH = 5000


def printed_names(uow: UnitOfWork, lang: str = "zh") -> dict[str, str]:
    """User id → the name a document prints for that person: the display name, or the word for
    their role where none is set (a login name such as "admin" is not a person's name)."""
    words = labels_for(lang)
    return {
        uid: display or words.word(words.role, role)
        for uid, (display, role, _) in users.people(uow).items()
    }


def _display(uow: UnitOfWork) -> str:
    """The acting user's display name; "" when none was given (the login is no name)."""
    if uow.user is None or uow.user.display_name == uow.user.name:
        return ""
    return uow.user.display_name


def _me(uow: UnitOfWork, lang: str = "zh") -> str:
    if uow.user is None:
        return ""
    words = labels_for(lang)
    return _display(uow) or words.word(words.role, uow.user.role)


def _signed_by_name(uow: UnitOfWork, visit: Visit, names: dict[str, str]) -> Visit:
    """A visit whose sign-off holds its recorder's login (older records) signs with the name."""
    login = users.people(uow).get(visit.created_by or "", ("", Role.DIRECTOR, ""))[2]
    if login and visit.visitor_signoff == login:
        return replace(visit, visitor_signoff=names.get(visit.created_by or "", ""))
    return visit


def meta(uow: UnitOfWork, unit_name: str = "", lang: str = "zh") -> ReportMeta:
    """Footer facts; who generated it prints as "周敏（儿童主任）", or the role alone."""
    if uow.user is None:
        who = "hexi-care"
    else:
        words = labels_for(lang)
        role = words.word(words.role, uow.user.role)
        display = _display(uow)
        who = display + words.paren.format(text=role) if display else role
    return ReportMeta(
        generated_by=who, generated_at=uow.now(), unit_name=unit_name, display_tz=uow.zone()
    )


def category_names(uow: UnitOfWork, lang: str = "zh") -> dict[str, str]:
    """Category names in `lang` ("zh" or "en"; the Chinese name where no English one is set)."""
    defs = category_defs(uow).items()
    if lang == "en":
        return {code: d.name_en or d.name_zh for code, d in defs}
    return {code: d.name_zh for code, d in defs}


def _place(uow: UnitOfWork, community_id: str) -> tuple[str, str]:
    """(community name, street name)."""
    names = units.unit_names(uow)
    street = units.street_of(uow).get(community_id)
    return names.get(community_id, ""), names.get(street or "", "")


def checklist(
    uow: UnitOfWork, child_id: str, *, planned_date: date | None = None, lang: str = "zh"
) -> ChecklistData:
    """入户走访记录表 pre-filled for a planned visit of one child."""
    child = children.get_child(uow, child_id)
    return _checklist_for(uow, child, planned_date, lang)


def _checklist_for(
    uow: UnitOfWork, child: Child, planned_date: date | None, lang: str = "zh"
) -> ChecklistData:
    cid = child.id or ""
    household = households.get_household(uow, child.household_id) if child.household_id else None
    done = [
        v for v in visits.list_visits(uow, child_id=cid, limit=20) if v.status != VisitStatus.DRAFT
    ]
    community, street = _place(uow, child.community_id)
    uow.audit("report", "checklist", cid)
    return ChecklistData(
        child=child,
        household=household,
        guardians=households.guardians_of(uow, child.household_id, cid),
        community_name=community,
        street_name=street,
        planned_date=planned_date,
        planned_kind=VisitKind.ROUTINE,
        planned_visitors=_me(uow, lang),
        last_visit=done[0] if done else None,
        open_items=casework.followups(uow, cid, open_only=True),
        category_names=category_names(uow, lang),
    )


def blank_checklist(uow: UnitOfWork) -> ChecklistData:
    """The form for a child not yet registered: every field left to fill by hand."""
    uow.require_case_reader()
    uow.audit("report", "checklist", None, "blank")
    return ChecklistData()


def notice_template(uow: UnitOfWork, code: str) -> NoticeTemplate:
    """The store's newest version of `code`; the built-in one when the store has none."""
    try:
        return support.template(uow, code)
    except NotFound:
        builtin = builtin_templates()
        if code not in builtin:
            raise InvalidInput("template", "choice", choices=", ".join(sorted(builtin))) from None
        return builtin[code]


def notice(
    uow: UnitOfWork, household_id: str, template_code: str = "general", lang: str = "zh"
) -> NoticeData:
    """监护责任告知书 for one household: addressed to the guardians and carers actually there."""
    household: Household = households.get_household(uow, household_id)
    template = notice_template(uow, template_code)
    guardians = [
        g
        for g in households.guardians_of(uow, household.id)
        if (g.is_guardian or g.is_carer) and not any(s.end_date is None for s in g.situations)
    ]
    kids = [
        children.get_child(uow, c.id)
        for c in children.list_children(uow, community_id=household.community_id)
        if c.household_id == household.id
    ]
    community, street = _place(uow, household.community_id)
    director = _me(uow, lang)
    uow.audit("report", "notice", household.id, f"{template.code} v{template.version}")
    return NoticeData(
        template=template,
        household=household,
        guardians=guardians,
        children=kids,
        community_name=community,
        street_name=street,
        director_name=director,
        issuing_unit=issuing_unit(community),
    )


def summary(
    uow: UnitOfWork,
    visit_id: str,
    *,
    names: dict[str, str] | None = None,
    cats: dict[str, str] | None = None,
    lang: str = "zh",
) -> VisitSummaryData:
    """走访情况小结 of one visit."""
    visit = visits.get_visit(uow, visit_id)
    child = children.get_child(uow, visit.child_id)
    names = names if names is not None else printed_names(uow, lang)
    community, street = _place(uow, child.community_id)
    uow.audit("report", "summary", visit.id)
    return VisitSummaryData(
        visit=_signed_by_name(uow, visit, names),
        child=child,
        community_name=community,
        street_name=street,
        household=households.get_household(uow, child.household_id) if child.household_id else None,
        followups=[f for f in casework.followups(uow, child.id) if f.visit_id == visit.id],
        referrals=[r for r in casework.referrals(uow, child.id or "") if r.visit_id == visit.id],
        recorder_name=names.get(visit.created_by or "", ""),
        reviewer_name=names.get(visit.reviewed_by or "", ""),
        category_names=cats if cats is not None else category_names(uow, lang),
    )


def case_file(uow: UnitOfWork, child_id: str, lang: str = "zh") -> CaseFileData:
    """一人一档: mandatory reports only where the reader's role allows (the service decides)."""
    file = casefile.open_child_file(uow, child_id, purpose="report")
    titles = {t.code: t.title for t in support.templates(uow)}
    names = printed_names(uow, lang)
    file.visits = [_signed_by_name(uow, v, names) for v in file.visits]
    return CaseFileData(
        file=file,
        category_names=category_names(uow, lang),
        user_names=names,
        notice_titles=titles,
    )


def _communities(uow: UnitOfWork, unit_ref: str) -> tuple[str, list[str]]:
    """The name of the unit covered (a reader gets the part they may see; a unit wholly outside
    their units is refused) and its communities in the district's order."""
    unit = statistics.covered_unit(uow, unit_ref)
    below = statistics.communities_under(uow, unit.id)
    order = units.unit_order(uow)
    return unit.name, sorted(below, key=lambda c: order.get(c, 0))


def batch(
    uow: UnitOfWork, unit_ref: str, start: date, end: date, kind: str, lang: str = "zh"
) -> tuple[str, list[ChecklistData] | list[VisitSummaryData]]:
    """Checklists for the visits due in the range, or summaries of the visits made in it."""
    if end < start:
        raise InvalidInput("end_date", "end_before_start")
    name, communities = _communities(uow, unit_ref)
    if kind == "summary":
        found = []
        for c in communities:
            found += [
                x
                for x in visits.list_visits(
                    uow, community_id=c, date_from=start, date_to=end, limit=None
                )
                if x.status != VisitStatus.DRAFT
            ]
        if len(found) > MAX_BATCH:
            raise InvalidInput("end_date", "too_big", max=MAX_BATCH)
        found.sort(key=lambda x: (x.community_id or "", x.visit_date, x.id or ""))
        names, cats = printed_names(uow, lang), category_names(uow, lang)
        return name, [summary(uow, x.id or "", names=names, cats=cats) for x in found]
    if kind == "checklist":
        due: list[ChildSummary] = []
        for c in communities:
            # Due in the range, or already overdue before it: those most in need come first.
            due += [
                s
                for s in children.list_children(uow, community_id=c)
                if s.next_due is not None and s.next_due <= end
            ]
        if len(due) > MAX_BATCH:
            raise InvalidInput("end_date", "too_big", max=MAX_BATCH)
        order = units.unit_order(uow)
        due.sort(key=lambda s: (order.get(s.community_id, 0), s.next_due or start, s.name))
        return name, [
            _checklist_for(
                uow, children.get_child(uow, s.id), max(s.next_due or start, start), lang
            )
            for s in due
        ]
    raise InvalidInput("kind", "choice", choices="checklist, summary")


def _figures(f: statistics.Figures) -> StatsFigures:
    return StatsFigures(
        households=f.households,
        children=f.children,
        person_times=f.person_times,
        visits=f.visits,
        notices=f.notices,
        items=f.items,
        amount_fen=f.amount_fen,
        overdue=f.overdue,
        mandatory_reports=f.mandatory_reports,
        household_times=f.household_times,
    )


def stats(
    uow: UnitOfWork,
    unit_ref: str,
    start: date,
    end: date,
    events: statistics.EventFilter | None = None,
    lang: str = "zh",
) -> StatisticsData:
    """工作统计 of the unit the reader may see (`statistics.covered_unit`): `streets` always holds
    streets, each with its communities, whatever the unit's level; `events` narrows the figures
    to one activity, campaign or funder."""
    events = events or statistics.EventFilter()
    dashboard: list[DashboardFigures] = []
    if not events:
        # The 看板 figures are worked out while the period's visits are read on another
        # connection (they cover the same unit).
        unit_id = statistics.covered_unit(uow, unit_ref).id
        result = statistics.compute(
            uow,
            unit_ref,
            start,
            end,
            events,
            meanwhile=lambda: dashboard.append(dashboard_figures(uow, unit_id, lang)),
        )
    else:
        result = statistics.compute(uow, unit_ref, start, end, events)
    narrowed: list[tuple[str, str]] = []
    if events.activity_id:
        found = [a for a in support.activities(uow, limit=100_000) if a.id == events.activity_id]
        if not found:
            raise InvalidInput("activity", "unknown", value=events.activity_id)
        narrowed.append(("activity", found[0].title))
    if events.campaign:
        narrowed.append(("campaign", events.campaign))
    if events.funder:
        narrowed.append(("funder", events.funder))

    def community(c: statistics.UnitFigures) -> CommunityStats:
        return CommunityStats(name=c.name, figures=_figures(c.figures))

    streets: list[StreetStats] = []
    if result.kind == UnitKind.DISTRICT:
        for s in result.parts:
            streets.append(
                StreetStats(
                    name=s.name,
                    figures=_figures(s.figures),
                    communities=tuple(community(c) for c in s.parts),
                )
            )
    elif result.kind == UnitKind.STREET:
        streets.append(
            StreetStats(
                name=result.name,
                figures=_figures(result.figures),
                communities=tuple(community(c) for c in result.parts),
            )
        )
    else:
        _, street = _place(uow, result.unit_id)
        streets.append(
            StreetStats(
                name=street, figures=_figures(result.figures), communities=(community(result),)
            )
        )
    uow.audit("report", "statistics", None, f"{start}..{end}")
    return StatisticsData(
        unit_name=result.name,
        unit_kind=result.kind.value,
        period_start=start,
        period_end=end,
        total=_figures(result.figures),
        streets=tuple(streets),
        show_mandatory_reports=not events,
        narrowed_to=tuple(narrowed),
        dashboard=dashboard[0] if dashboard else None,
    )


def dashboard_figures(uow: UnitOfWork, unit_id: str, lang: str = "zh") -> DashboardFigures:
    """The 看板 figures for the statistics PDF: the window's numbers, as of today."""
    ov = overview.overview(uow, unit_id=unit_id)
    cats = category_names(uow, lang)
    by_unit = {u: (t, r) for u, _, t, r in ov.campaign_by_unit}
    p = ov.campaign
    return DashboardFigures(
        as_of=ov.day,
        unit_names=tuple(name for _, name in ov.units),
        categories=tuple(
            (cats.get(code, code), tuple(b.value for b in ov.children[code]))
            for code in ov.categories
        ),
        months=tuple((b.label, b.value) for b in ov.visits_by_month),
        overdue=tuple(b.value for b in ov.overdue_by_unit),
        risk=tuple((vocabulary.word(RiskLevel(b.label), lang), b.value) for b in ov.risk),
        open_reports=ov.open_reports.value if ov.open_reports is not None else None,
        campaign=(p.campaign.name, p.reached, p.goal, p.percent) if p is not None else None,
        campaign_units=tuple(by_unit.get(u, (0, 0)) for u, _ in ov.units),
    )


#: Roles that may export the register with full ID numbers: the street and district registers
#: are matched against 民政's records; a community's working list stays masked.
FULL_ID_ROLES = (Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR)


def register(
    uow: UnitOfWork, unit_ref: str, *, full_id_numbers: bool = False, lang: str = "zh"
) -> list[RegisterRow]:
    """台账: one row per child in the unit the reader may see, in the district's order of streets
    and communities, then by pinyin. ID numbers are masked unless asked for by a role allowed
    (FULL_ID_ROLES); 现住址 falls back to the household's address; guardians print with the word
    for their relationship."""
    if full_id_numbers:
        uow.require_role(*FULL_ID_ROLES, action="export full ID numbers")
    name, communities = _communities(uow, unit_ref)
    names = units.unit_names(uow)
    street_of = units.street_of(uow)
    order = units.unit_order(uow)
    cats = category_names(uow, lang)
    words = labels_for(lang)
    homes: dict[str, Household] = {}
    rows: list[tuple[tuple[int, int, str], RegisterRow]] = []
    for c in communities:
        street = street_of.get(c, "")
        for s in children.list_children(uow, community_id=c):
            child = children.get_child(uow, s.id)
            guardians = (
                households.guardians_of(uow, child.household_id, child.id)
                if child.household_id
                else []
            )
            address = child.address
            if not address and child.household_id:
                if child.household_id not in homes:
                    homes[child.household_id] = households.get_household(uow, child.household_id)
                address = homes[child.household_id].address
            row = RegisterRow(
                name=child.name,
                street_name=names.get(street, ""),
                community_name=names.get(c, ""),
                sex=child.sex.value,
                birth_date=child.birth_date,
                id_number=(child.id_number or "") if full_id_numbers else s.id_number_masked,
                categories=tuple(cats.get(x, x) for x in s.categories),
                risk=RiskLevel(child.risk).value,
                guardians=words.list_sep.join(
                    g.name
                    + words.paren.format(text=words.word(words.relationship, g.relationship.value))
                    for g in guardians
                    if g.is_guardian or g.is_carer
                ),
                phone=child.phone
                or next((g.phone for g in guardians if g.is_carer and g.phone), ""),
                address=address,
                school=child.school,
                last_visit=s.last_visit,
                next_due=s.next_due,
                child_id=child.id,
            )
            key = (order.get(street, 0), order.get(c, 0), pinyin_full(child.name))
            rows.append((key, row))
    rows.sort(key=lambda kr: kr[0])
    detail = f"{len(rows)} rows, unit {name}" + (", full ID numbers" if full_id_numbers else "")
    uow.audit("report", "register", None, detail)
    return [r for _, r in rows]
