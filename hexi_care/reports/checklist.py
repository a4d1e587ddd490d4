"""入户走访记录表: the visit checklist a director takes on a home visit.

Pre-filled for a planned visit (child, household, guardians, the last visit's open items) with
the sections of DOMAIN.md "What a home visit records" left to fill by hand: tick boxes, ratings,
lines to write on, signature lines. With no child it is the blank form for a child not yet
registered. The QR code holds the child's (or planned visit's) id.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from hexi_care.domain.enums import Rating, SafetyTopic, VisitKind
from hexi_care.domain.model import Guardian
from hexi_care.reports import styles as st
from hexi_care.reports.base import DocumentPart, Output, render_parts
from hexi_care.reports.blocks import (
    WritingLines,
    choices,
    form,
    gap,
    grid,
    heading,
    keep,
    para,
    seal_block,
    signature_row,
    subheading,
)
from hexi_care.reports.data import ChecklistData, ReportMeta, qr_payload
from hexi_care.reports.formatting import age_on, fmt_date, issuing_unit, mask_id_number
from hexi_care.reports.labels import ZH, Labels

QR_KIND = "checklist"


def guardian_situations(guardian: Guardian, labels: Labels) -> str:
    """A guardian's situations in one line: "服刑在押（自2023-03-01，预计至2026-02-28）"."""
    parts: list[str] = []
    for s in guardian.situations:
        words = labels.word(labels.situation, s.kind)
        if s.disability_grade is not None:
            words += labels.disability_grade.format(grade=s.disability_grade)
            if s.disability_mental:
                words += labels.disability_mental
        dates: list[str] = []
        if s.start_date is not None:
            dates.append(labels.situation_since.format(start=fmt_date(s.start_date)))
        if s.end_date is not None:
            dates.append(labels.situation_ended.format(end=fmt_date(s.end_date)))
        elif s.expected_end_date is not None:
            dates.append(labels.situation_until.format(end=fmt_date(s.expected_end_date)))
        if dates:
            words += labels.paren.format(text=labels.clause_sep.join(dates))
        parts.append(words)
    return labels.list_sep.join(parts)


def guardian_role(guardian: Guardian, labels: Labels) -> str:
    roles = [
        label
        for flag, label in (
            (guardian.is_guardian, labels.is_guardian),
            (guardian.is_carer, labels.is_carer),
        )
        if flag
    ]
    return labels.list_sep.join(roles)


def checklist_story(data: ChecklistData, meta: ReportMeta, labels: Labels = ZH) -> DocumentPart:
    """The flowables and header of one checklist (also used by the batch renderer)."""
    s = st.styles()
    child = data.child
    blank = child is None
    title = labels.title_checklist_blank if blank else labels.title_checklist
    story: list[Flowable] = [para(title, s.title)]

    unit_bits = []
    if data.street_name:
        unit_bits.append(f"{labels.street}{labels.colon}{data.street_name}")
    if data.community_name:
        unit_bits.append(f"{labels.community}{labels.colon}{data.community_name}")
    if data.planned_date is not None:
        unit_bits.append(
            f"{labels.planned_date}{labels.colon}{labels.long_date(data.planned_date)}"
        )
    if unit_bits:
        story.append(para("　　".join(unit_bits), s.subtitle))
    else:
        story.append(gap(2))

    # 一、走访基本情况
    kinds = list(VisitKind)
    ticked = [kinds.index(data.planned_kind)] if data.planned_kind in kinds else []
    kind_choices = choices([labels.word(labels.visit_kind, k) for k in kinds], ticked, labels)
    story.append(heading(labels.sec_facts))
    story.append(
        form(
            [
                [
                    labels.visit_date,
                    labels.long_date(data.planned_date) or labels.date_blank,
                    labels.visit_time,
                    labels.time_blank,
                ],
                [labels.visit_kind_label, kind_choices, "", ""],
                [labels.visitors, data.planned_visitors, "", ""],
                [labels.people_met, "", "", ""],
                [labels.place, choices(list(labels.place_choices), (), labels), "", ""],
            ],
            (16, 40, 12, 32),
            label_columns=(0, 2),
            spans=[((1, r), (3, r)) for r in (1, 2, 3, 4)],
            min_row_height=8 * mm,
        )
    )

    # 二、基本信息核实
    story.append(heading(labels.sec_basic_info))
    verify = choices([labels.verify_same, labels.verify_changed], (), labels)
    rows: list[list[str]] = []
    if child is not None:
        age = age_on(child.birth_date, data.planned_date or meta.as_of)
        birth = fmt_date(child.birth_date)
        if age is not None:
            birth += labels.paren.format(text=labels.years_old.format(age=age))
        if child.id_number:
            id_text = (
                child.id_number if data.show_full_id_number else mask_id_number(child.id_number)
            )
        else:
            id_text = labels.no_hukou if child.no_hukou else ""
        school = " ".join(x for x in (child.school, child.grade) if x)
        categories = labels.list_sep.join(
            labels.category_name(c.code, data.category_names)
            for c in child.categories
            if c.active_on(data.planned_date or meta.as_of)
        )
        household = data.household
        values = [
            child.name,
            labels.word(labels.sex, child.sex),
            birth,
            id_text,
            child.hukou_address or (household.hukou_address if household else ""),
            child.address or (household.address if household else ""),
            school,
            child.phone or (household.phone if household else ""),
            categories,
        ]
    else:
        values = [""] * 9
    names = [
        labels.name,
        labels.sex_label,
        labels.birth_date,
        labels.id_number,
        labels.hukou_address,
        labels.address,
        labels.school_grade,
        labels.phone,
        labels.categories,
    ]
    if child is None:
        # Nothing is registered yet: nothing to compare, only lines to fill in.
        blank_rows = [[name, ""] for name in names]
        header = [labels.item, labels.fill_in]
        story.append(grid(header, blank_rows, (16, 84), label_columns=(0,), min_row_height=8 * mm))
    else:
        for name, value in zip(names, values, strict=True):
            rows.append([name, value, verify])
        header = [labels.item, labels.registered_value, labels.verification]
        story.append(grid(header, rows, (16, 50, 34), label_columns=(0,), min_row_height=8 * mm))

    # 家庭成员及监护情况
    story.append(heading(labels.sec_guardians))
    g_rows = [
        [
            g.name,
            labels.word(labels.relationship, g.relationship),
            guardian_role(g, labels),
            g.phone,
            guardian_situations(g, labels),
        ]
        for g in data.guardians
    ]
    g_rows += [["", "", "", "", ""] for _ in range(max(2, 4 - len(g_rows)))]
    story.append(
        grid(
            [
                labels.name,
                labels.relationship_label,
                labels.guardian_role,
                labels.phone,
                labels.situations,
            ],
            g_rows,
            (14, 14, 16, 18, 38),
            min_row_height=8 * mm,
        )
    )

    # 上次走访遗留事项
    if not blank:
        story.append(heading(labels.sec_open_items))
        last = data.last_visit
        if last is not None:
            story.append(
                para(
                    f"{labels.last_visit}{labels.colon}{fmt_date(last.visit_date)}"
                    + labels.paren.format(text=labels.word(labels.visit_kind, last.kind)),
                    s.small,
                )
            )
        else:
            story.append(para(labels.last_visit_none, s.small))
        if data.open_items:
            story.append(
                grid(
                    [
                        labels.followup_action,
                        labels.followup_owner,
                        labels.followup_due,
                        labels.followup_result,
                    ],
                    [
                        [f.action, f.owner, fmt_date(f.due_date), labels.followup_check]
                        for f in data.open_items
                    ],
                    (46, 14, 14, 26),
                )
            )
        else:
            story.append(para(labels.no_open_items, s.muted))

    # 三、家庭主体责任落实情况
    story.append(heading(labels.sec_family_duty))
    story.append(
        form(
            [
                [labels.carer_name, "", labels.carer_relationship, ""],
                [
                    labels.entrusted_agreement,
                    choices(
                        [
                            labels.agreement_signed,
                            labels.agreement_not_signed,
                            labels.not_applicable,
                        ],
                        (),
                        labels,
                    ),
                    "",
                    "",
                ],
                [labels.carer_suitable, choices([labels.yes, labels.no], (), labels), "", ""],
                [
                    labels.parent_contact,
                    choices(list(labels.parent_contact_choices), (), labels),
                    "",
                    "",
                ],
                [
                    labels.care_baseline,
                    choices(
                        [labels.child_alone_under16, labels.child_under8_unattended], (), labels
                    ),
                    "",
                    "",
                ],
            ],
            (20, 36, 16, 28),
            label_columns=(0, 2),
            spans=[((1, r), (3, r)) for r in (1, 2, 3, 4)],
            min_row_height=8 * mm,
        )
    )
    story.append(para(labels.danger_note, s.warning))

    # 四至八: ratings and notes
    scale = [labels.word(labels.rating, r) for r in Rating]
    for title_text in (
        labels.sec_physical,
        labels.sec_psychological,
        labels.sec_living,
        labels.sec_education,
        labels.sec_social_support,
    ):
        story.append(
            keep(
                subheading(title_text),
                form(
                    [
                        [labels.rating_label, choices(scale, (), labels)],
                        [labels.situation_note, WritingLines(3, gap=7 * mm)],
                    ],
                    (16, 84),
                ),
            )
        )

    # 九、安全提醒
    story.append(heading(labels.sec_safety))
    topics = [labels.word(labels.safety_topic, t) for t in SafetyTopic]
    story.append(para(choices(topics, (), labels), s.body))

    # 十、需求、帮扶与跟进
    story.append(heading(labels.sec_needs))
    story.append(
        form(
            [
                [labels.needs, WritingLines(3, gap=7 * mm)],
                [labels.help_given, WritingLines(2, gap=7 * mm)],
                [labels.referrals, WritingLines(2, gap=7 * mm)],
            ],
            (16, 84),
        )
    )
    story.append(gap(2))
    story.append(
        grid(
            [labels.followups, labels.followup_owner, labels.followup_due],
            [["", "", ""] for _ in range(3)],
            (60, 18, 22),
            min_row_height=8 * mm,
        )
    )
    story.append(gap(2))
    story.append(para(f"{labels.next_visit}{labels.colon}{labels.date_blank}", s.body))

    # 十一、签字确认
    story.append(
        keep(
            heading(labels.sec_signoff),
            signature_row([labels.visitor_sign, labels.guardian_sign], labels),
            gap(3),
            signature_row([labels.supervisor_sign], labels),
            *seal_block(issuing_unit(data.community_name), labels),
        )
    )

    record = data.qr_record
    return DocumentPart(
        title=title,
        subject=child.name if child is not None else "",
        story=story,
        qr=qr_payload(QR_KIND, record) if record else None,
        record_id=record,
        record_label=child.file_no if child is not None else None,
    )


def render_checklist(
    data: ChecklistData, meta: ReportMeta, out: Output = None, *, labels: Labels = ZH
) -> bytes | None:
    """Render one visit checklist to `out` (a path or binary file), or return the PDF bytes."""
    part = checklist_story(data, meta, labels)
    return render_parts([part], meta, out, pdf_title=part.title, labels=labels)
