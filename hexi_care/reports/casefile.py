"""一人一档: a child's whole case file — profile, categories with evidence, household and
guardians with their situations, every visit in order, notices, help, follow-ups, referrals,
mandatory reports (only when the builder provides them: `ChildFile.reports` is None for readers
who may not see them) and the list of attachments. The QR code holds the child's id.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable

from hexi_care import vocabulary
from hexi_care.reports import styles as st
from hexi_care.reports.base import DocumentPart, Output, render_parts
from hexi_care.reports.blocks import band, form, gap, grid, heading, para, rich, subheading
from hexi_care.reports.checklist import guardian_role, guardian_situations
from hexi_care.reports.data import CaseFileData, ReportMeta, qr_payload
from hexi_care.reports.formatting import (
    age_on,
    fmt_date,
    fmt_datetime,
    fmt_int,
    fmt_yuan,
    mask_id_number,
)
from hexi_care.reports.labels import ZH, Labels
from hexi_care.reports.summary import visit_sections

QR_KIND = "child"


def _period(start: date | None, end: date | None, labels: Labels) -> str:
    """A date range, "2023-03-01 至 2024-02-29" or "2023-03-01 至今"; "" when unknown."""
    if start is None and end is None:
        return ""
    if end is None:
        return labels.period_open.format(start=fmt_date(start))
    return labels.period_range.format(start=fmt_date(start), end=fmt_date(end))


def _field(name: str, labels: Labels) -> str:
    """A field's word from the vocabulary, in the document's language."""
    return vocabulary.field(name, labels.lang)


def casefile_story(data: CaseFileData, meta: ReportMeta, labels: Labels = ZH) -> DocumentPart:
    s = st.styles()
    f = data.file
    child = f.child
    as_of = meta.as_of
    id_masked = not data.show_full_id_number

    def show_id(number: str | None) -> str:
        if not number:
            return ""
        return mask_id_number(number) if id_masked else number

    story: list[Flowable] = [para(labels.title_casefile, s.title)]
    sub = [x for x in (f.street_name, f.community_name) if x]
    story.append(para("　".join(sub) if sub else " ", s.subtitle))

    # 一、基本信息
    story.append(heading(labels.cf_profile))
    age = age_on(child.birth_date, as_of)
    birth = fmt_date(child.birth_date)
    if age is not None:
        birth += labels.paren.format(text=labels.years_old.format(age=age))
    id_text = show_id(child.id_number) or (labels.no_hukou if child.no_hukou else "")
    school = " ".join(x for x in (child.school, child.grade) if x)
    household = f.household
    story.append(
        form(
            [
                [labels.name, child.name, labels.sex_label, labels.word(labels.sex, child.sex)],
                [labels.birth_date, birth, labels.id_number, id_text],
                [labels.school_grade, school, labels.phone, child.phone],
                [
                    labels.risk_label,
                    labels.word(labels.risk, child.risk),
                    labels.household_phone,
                    household.phone if household else "",
                ],
                [
                    labels.hukou_address,
                    child.hukou_address or (household.hukou_address if household else ""),
                    "",
                    "",
                ],
                [labels.address, child.address or (household.address if household else ""), "", ""],
                [
                    _field("disability_grade", labels),
                    " ".join(
                        x
                        for x in (
                            labels.cf_disability.format(grade=child.disability_grade)
                            if child.disability_grade
                            else "",
                            child.disability_kind,
                            child.disability_cert_no,
                        )
                        if x
                    ),
                    _field("teacher_name", labels),
                    " ".join(x for x in (child.teacher_name, child.teacher_phone) if x),
                ],
                [labels.note, child.note, "", ""],
            ],
            (14, 36, 14, 36),
            label_columns=(0, 2),
            spans=[((1, r), (3, r)) for r in (4, 5, 7)],
        )
    )

    # 二、儿童类别及认定
    story.append(heading(labels.cf_categories))
    story.append(
        grid(
            [labels.categories, labels.category_basis, labels.category_evidence, labels.period],
            [
                [
                    labels.category_name(c.code, data.category_names),
                    c.basis,
                    c.evidence,
                    _period(c.start_date, c.end_date, labels),
                ]
                for c in child.categories
            ],
            (22, 30, 28, 20),
            empty_text=labels.nothing_recorded,
        )
    )

    # 三、家庭及监护人
    story.append(heading(labels.cf_household))
    story.append(
        grid(
            [
                labels.name,
                labels.relationship_label,
                labels.guardian_role,
                labels.phone,
                labels.id_number,
                labels.situations,
            ],
            [
                [
                    g.name,
                    labels.word(labels.relationship, g.relationship),
                    guardian_role(g, labels),
                    g.phone,
                    show_id(g.id_number),
                    "\n".join(
                        x
                        for x in (
                            guardian_situations(g, labels),
                            labels.semicolon.join(
                                sit.evidence for sit in g.situations if sit.evidence
                            ),
                            g.note,
                        )
                        if x
                    ),
                ]
                for g in f.guardians
            ],
            (10, 11, 12, 14, 21, 32),
            empty_text=labels.nothing_recorded,
        )
    )

    # 四、走访记录
    story.append(heading(labels.cf_visits))
    visits = sorted(f.visits, key=lambda v: (v.visit_date, v.visit_time))
    story.append(para(labels.visit_count.format(n=len(visits)), s.muted))
    for n, visit in enumerate(visits, start=1):
        title = (
            f"{labels.visit_n.format(n=n)}　{labels.long_date(visit.visit_date)}　"
            f"{labels.word(labels.visit_kind, visit.kind)}　{labels.word(labels.visit_status, visit.status)}"
        )
        story.append(band(title))
        story.extend(
            visit_sections(
                visit,
                labels,
                followups=[x for x in f.followups if visit.id and x.visit_id == visit.id],
                referrals=[x for x in f.referrals if visit.id and x.visit_id == visit.id],
                recorder_name=data.user_names.get(visit.created_by or "", ""),
                reviewer_name=data.user_names.get(visit.reviewed_by or "", ""),
                compact=True,
            )
        )

    # 五、监护责任告知
    story.append(heading(labels.cf_notices))
    story.append(
        grid(
            [
                labels.notice_template,
                labels.delivered_on,
                labels.delivered_to,
                labels.signed_label,
                labels.delivered_by,
            ],
            [
                [
                    data.notice_titles.get(n.template_code)
                    or labels.word(labels.notice_template_name, n.template_code)
                    + f" v{n.template_version}",
                    fmt_date(n.delivered_on),
                    n.guardian_name,
                    labels.yes_no(n.signed),
                    data.user_names.get(n.delivered_by or "", ""),
                ]
                for n in sorted(f.notices, key=lambda n: n.delivered_on)
            ],
            (34, 16, 18, 10, 22),
            empty_text=labels.nothing_recorded,
        )
    )

    # 六、帮扶慰问
    story.append(heading(labels.cf_assistance))
    help_rows = [
        [
            fmt_date(a.given_on),
            labels.word(labels.assistance_kind, a.kind),
            a.description,
            fmt_int(a.items) if a.items else "",
            fmt_yuan(a.amount_fen) if a.amount_fen else "",
            a.source,
        ]
        for a in sorted(f.assistance, key=lambda a: a.given_on)
    ]
    if help_rows:
        help_rows.append(
            [
                labels.total,
                "",
                "",
                fmt_int(sum(a.items for a in f.assistance)),
                fmt_yuan(sum(a.amount_fen for a in f.assistance)),
                "",
            ]
        )
    story.append(
        grid(
            [
                labels.given_on,
                labels.assistance_kind_label,
                labels.description,
                labels.items_count,
                labels.amount_yuan,
                labels.source,
            ],
            help_rows,
            (14, 9, 35, 9, 14, 19),
            right_columns=(3, 4),
            empty_text=labels.nothing_recorded,
        )
    )

    # Social support as data: support records, the entrusted-care agreement, the allowance.
    story.append(subheading(labels.cf_support))
    story.append(
        grid(
            [
                _field("support_kind", labels),
                _field("approved_on", labels),
                labels.amount_yuan,
                labels.period,
                labels.note,
            ],
            [
                [
                    vocabulary.word(b.kind, labels.lang),
                    fmt_date(b.approved_on),
                    fmt_yuan(b.amount_fen) if b.amount_fen else "",
                    _period(b.start_date, b.end_date, labels),
                    b.note,
                ]
                for b in f.benefits
            ],
            (24, 14, 14, 24, 24),
            right_columns=(2,),
            empty_text=labels.nothing_recorded,
        )
    )
    story.append(subheading(labels.cf_agreements))
    story.append(
        grid(
            [
                _field("carer_name", labels),
                _field("carer_id_number", labels),
                _field("carer_phone", labels),
                _field("signed_on", labels),
                _field("term_end", labels),
            ],
            [
                [
                    " ".join(x for x in (a.carer_name, a.relationship) if x),
                    show_id(a.carer_id_number),
                    a.carer_phone,
                    fmt_date(a.signed_on),
                    fmt_date(a.term_end),
                ]
                for a in f.agreements
            ],
            (20, 28, 20, 16, 16),
            empty_text=labels.nothing_recorded,
        )
    )
    story.append(subheading(labels.cf_allowances))
    story.append(
        grid(
            [
                labels.categories,
                _field("applied_on", labels),
                _field("checked_on", labels),
                _field("confirmed_on", labels),
                _field("confirmation_no", labels),
                _field("stage", labels),
            ],
            [
                [
                    labels.category_name(a.category, data.category_names),
                    fmt_date(a.applied_on),
                    fmt_date(a.checked_on),
                    fmt_date(a.confirmed_on),
                    a.confirmation_no,
                    vocabulary.word(a.stage, labels.lang)
                    + (f" {a.start_month}" if a.start_month else ""),
                ]
                for a in f.allowances
            ],
            (17, 13, 13, 13, 21, 23),
            empty_text=labels.nothing_recorded,
        )
    )

    # 七、跟进事项
    story.append(heading(labels.cf_followups))
    story.append(
        grid(
            [
                labels.followup_action,
                labels.followup_owner,
                labels.followup_due,
                labels.followup_status_label,
                labels.followup_done_on,
            ],
            [
                [
                    x.action,
                    x.owner,
                    fmt_date(x.due_date),
                    labels.word(labels.followup_status, x.status),
                    fmt_date(x.done_date),
                ]
                for x in sorted(f.followups, key=lambda x: (x.due_date is None, x.due_date))
            ],
            (44, 14, 14, 12, 16),
            empty_text=labels.nothing_recorded,
        )
    )

    # 八、转介
    story.append(heading(labels.cf_referrals))
    story.append(
        grid(
            [
                labels.referral_agency,
                labels.referral_reason,
                labels.referral_date,
                labels.referral_outcome,
            ],
            [[r.agency, r.reason, fmt_date(r.referred_on), r.outcome] for r in f.referrals],
            (22, 36, 14, 28),
            empty_text=labels.nothing_recorded,
        )
    )

    # 九、强制报告: only when the reader's role may see them.
    if f.reports is not None:
        story.append(heading(labels.cf_reports))
        reports = sorted(f.reports, key=lambda r: r.found_at)
        story.append(
            grid(
                [
                    labels.report_trigger_label,
                    labels.found_at,
                    labels.reported_at,
                    labels.agency,
                    labels.receipt_no,
                    labels.report_status_label,
                ],
                [
                    [
                        labels.word(labels.report_trigger, r.trigger),
                        fmt_datetime(r.found_at),
                        fmt_datetime(r.reported_at),
                        r.agency,
                        r.receipt_no,
                        labels.word(labels.report_status, r.status),
                    ]
                    for r in reports
                ],
                (30, 13, 13, 14, 19, 11),
                empty_text=labels.nothing_recorded,
            )
        )
        for r in reports:
            for label, text in ((labels.description, r.description), (labels.feedback, r.feedback)):
                if text.strip():
                    story.append(
                        rich(
                            [
                                (f"{fmt_datetime(r.found_at)} {label}{labels.colon}", True),
                                (text, False),
                            ],
                            s.body,
                        )
                    )

    # 附件清单
    if f.attachments:
        story.append(heading(labels.cf_attachments))
        story.append(
            grid(
                [labels.attachment_name, labels.attachment_size, labels.date],
                [
                    [
                        a.filename,
                        f"{max(1, round(a.size / 1024))} KB",
                        fmt_date(a.created_at.date()) if a.created_at else "",
                    ]
                    for a in f.attachments
                ],
                (60, 15, 25),
                right_columns=(1,),
            )
        )
    story.append(gap(2))

    return DocumentPart(
        title=labels.title_casefile,
        subject=child.name,
        story=story,
        qr=qr_payload(QR_KIND, child.id) if child.id else None,
        record_id=child.id,
        record_label=child.file_no,
    )


def render_casefile(
    data: CaseFileData, meta: ReportMeta, out: Output = None, *, labels: Labels = ZH
) -> bytes | None:
    """Render a child's case file to `out` (a path or binary file), or return the PDF bytes."""
    part = casefile_story(data, meta, labels)
    return render_parts([part], meta, out, pdf_title=f"{part.title} {part.subject}", labels=labels)
