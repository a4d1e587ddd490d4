"""走访情况小结: the printed summary of one recorded visit (model.Visit), meant to fit one page for
a usual visit while free text of any length flows on to further pages.

`visit_sections` lays out a visit's content and is shared with the case file, which prints every
visit of a child in the same words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from reportlab.platypus import Flowable

from hexi_care.domain.model import Child, FollowUp, Household, Referral, Visit
from hexi_care.reports import styles as st
from hexi_care.reports.base import DocumentPart, Output, render_parts
from hexi_care.reports.blocks import (
    Cell,
    form,
    gap,
    grid,
    heading,
    keep,
    para,
    rich,
    rule,
    seal_block,
    signature_row,
    subheading,
)
from hexi_care.reports.data import ReportMeta, VisitSummaryData, qr_payload
from hexi_care.reports.formatting import (
    age_on,
    fmt_date,
    fmt_datetime,
    issuing_unit,
    mask_id_number,
)
from hexi_care.reports.labels import ZH, Labels

QR_KIND = "visit"
#: A section number at the start of a heading: "一、" or "1. ".
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+\.\s*)")

_FORM_COLUMNS = (17, 33, 17, 33)


def _line(label: str, value: str, labels: Labels) -> Flowable:
    """A bold label and its value in one flowing paragraph (free text may run for pages)."""
    return rich([(label + labels.colon, True), (value or labels.none, False)], st.styles().body)


def profile_rows(
    child: Child,
    household: Household | None,
    category_names: Mapping[str, str],
    day: date | None,
    labels: Labels,
    *,
    show_full_id_number: bool = False,
) -> list[list[Cell]]:
    """The child's rows of the summary's first form (name, birth, ID, categories, address), with
    the age and the active categories on `day`."""
    age = age_on(child.birth_date, day) if day else None
    birth = fmt_date(child.birth_date)
    if age is not None:
        birth += labels.paren.format(text=labels.years_old.format(age=age))
    if child.id_number:
        id_text = child.id_number if show_full_id_number else mask_id_number(child.id_number)
    else:
        id_text = labels.no_hukou if child.no_hukou else ""
    codes = [c.code for c in child.categories if day is None or c.active_on(day)]
    categories = labels.list_sep.join(labels.category_name(c, category_names) for c in codes)
    address = child.address or (household.address if household else "")
    return [
        [labels.name, child.name, labels.sex_label, labels.word(labels.sex, child.sex)],
        [labels.birth_date, birth, labels.id_number, id_text],
        [labels.categories, categories, labels.risk_label, labels.word(labels.risk, child.risk)],
        [labels.address, address, "", ""],
    ]


def visit_sections(
    visit: Visit,
    labels: Labels,
    *,
    followups: Sequence[FollowUp] = (),
    referrals: Sequence[Referral] = (),
    recorder_name: str = "",
    reviewer_name: str = "",
    lead_rows: Sequence[Sequence[Cell]] = (),
    compact: bool = False,
) -> list[Flowable]:
    """A recorded visit: facts, verification and care, ratings, reminders and help, sign-off.

    `lead_rows` (label, value, label, value) go first in the facts form (the summary puts the
    child's profile there); a row whose last two cells are empty spans the value across.
    `compact` (case file) uses smaller headings.
    """
    s = st.styles()
    out: list[Flowable] = []

    def h(text: str) -> Flowable:
        # Inside the case file a visit's parts go unnumbered: the file's own 一、… are its sections.
        return subheading(_NUMBERED.sub("", text)) if compact else heading(text)

    # Facts of the visit (DOMAIN.md 1).
    when = labels.long_date(visit.visit_date) + (f" {visit.visit_time}" if visit.visit_time else "")
    rows: list[Sequence[Cell]] = [
        *lead_rows,
        [
            labels.visit_date,
            when,
            labels.visit_kind_label,
            labels.word(labels.visit_kind, visit.kind),
        ],
        [labels.visitors, visit.visitors, labels.people_met, visit.people_met],
        [labels.place, visit.place, labels.next_visit, labels.long_date(visit.next_visit_date)],
    ]
    out.append(h(labels.sum_facts))
    out.append(_form(rows))

    # Verification and family care (DOMAIN.md 2–3).
    out.append(h(labels.sum_care))
    verified = labels.yes_no(visit.basic_info_verified)
    if visit.basic_info_changes.strip():
        verified += (
            f"{labels.semicolon}{labels.basic_info_changes}{labels.colon}{visit.basic_info_changes}"
        )
    carer = visit.carer_name
    if visit.carer_relationship:
        carer += labels.paren.format(text=visit.carer_relationship)
    agreement = {
        True: labels.agreement_signed,
        False: labels.agreement_not_signed,
        None: labels.unknown,
    }[visit.entrusted_agreement]
    out.append(
        _form(
            [
                [labels.basic_info_verified, verified, "", ""],
                [labels.carer_name, carer, labels.entrusted_agreement, agreement],
                [
                    labels.carer_suitable,
                    labels.yes_no(visit.carer_suitable),
                    labels.parent_contact,
                    visit.parent_contact,
                ],
            ]
        )
    )
    dangers = [
        text
        for flag, text in (
            (visit.child_alone_under16, labels.child_alone_under16),
            (visit.child_under8_unattended, labels.child_under8_unattended),
        )
        if flag
    ]
    if dangers:
        out.append(
            para("⚠ " + labels.list_sep.join(dangers) + "。" + labels.danger_note, s.warning)
        )

    # Ratings (DOMAIN.md 4–8).
    sections = (
        (labels.area_physical, visit.physical),
        (labels.area_psychological, visit.psychological),
        (labels.area_living, visit.living),
        (labels.area_education, visit.education),
        (labels.area_social_support, visit.social_support),
    )
    out.append(h(labels.sum_ratings))
    out.append(
        grid(
            [labels.item, labels.rating_label, labels.situation_note],
            [
                [
                    title,
                    labels.word(labels.rating, section.rating)
                    if section.rating
                    else labels.unknown,
                    section.note,
                ]
                for title, section in sections
            ],
            (17, 10, 73),
        )
    )

    # Reminders, needs, help, referrals, follow-ups (DOMAIN.md 9–10).
    out.append(h(labels.sum_help))
    given = labels.list_sep.join(
        labels.word(labels.safety_topic, t) for t in visit.safety_reminders
    )
    out.append(_line(labels.safety_given, given, labels))
    out.append(_line(labels.needs, visit.needs, labels))
    out.append(_line(labels.help_given, visit.help_given, labels))
    out.append(_line(labels.referrals, visit.referrals, labels))
    if referrals:
        out.append(
            grid(
                [
                    labels.referral_agency,
                    labels.referral_reason,
                    labels.referral_date,
                    labels.referral_outcome,
                ],
                [[r.agency, r.reason, fmt_date(r.referred_on), r.outcome] for r in referrals],
                (24, 36, 14, 26),
            )
        )
    if followups:
        out.append(
            grid(
                [
                    labels.followups,
                    labels.followup_owner,
                    labels.followup_due,
                    labels.followup_status_label,
                ],
                [
                    [
                        f.action,
                        f.owner,
                        fmt_date(f.due_date),
                        labels.word(labels.followup_status, f.status),
                    ]
                    for f in followups
                ],
                (54, 14, 16, 16),
            )
        )

    # Sign-off and review (DOMAIN.md 11): a ruled-off last line rather than a section.
    out.append(rule())
    signoff = visit.visitor_signoff
    if recorder_name and recorder_name not in signoff:
        signoff = f"{signoff}（{recorder_name}）" if signoff else recorder_name
    if visit.reviewed_at is not None or reviewer_name or visit.review_comment:
        review = f"{reviewer_name} {fmt_datetime(visit.reviewed_at)}".strip()
    else:
        review = labels.not_reviewed
    parts: list[tuple[str, bool]] = [
        (labels.visit_status_label + labels.colon, True),
        (labels.word(labels.visit_status, visit.status) + "　　", False),
        (labels.signoff_by + labels.colon, True),
        ((signoff or labels.none) + "　　", False),
        (labels.reviewer + labels.colon, True),
        (review, False),
    ]
    if visit.review_comment.strip():
        parts += [
            ("　　" + labels.review_comment + labels.colon, True),
            (visit.review_comment, False),
        ]
    out.append(rich(parts, s.body))
    return out


def _form(rows: Sequence[Sequence[Cell]]) -> Flowable:
    """Label/value pairs in four columns; a row ending in two empty cells spans its value."""
    spans = [
        ((1, r), (3, r))
        for r, row in enumerate(rows)
        if len(row) == 4 and row[2] == "" and row[3] == ""
    ]
    return form(rows, _FORM_COLUMNS, label_columns=(0, 2), spans=spans)


def summary_story(data: VisitSummaryData, meta: ReportMeta, labels: Labels = ZH) -> DocumentPart:
    """The flowables and header of one visit summary (also used by the batch renderer)."""
    s = st.styles()
    visit = data.visit
    child = data.child
    story: list[Flowable] = [para(labels.title_summary, s.title)]
    sub = [x for x in (data.street_name, data.community_name) if x]
    sub.append(f"{labels.visit_date}{labels.colon}{labels.long_date(visit.visit_date)}")
    story.append(para("　".join(sub), s.subtitle))
    story.extend(
        visit_sections(
            visit,
            labels,
            followups=data.followups,
            referrals=data.referrals,
            recorder_name=data.recorder_name,
            reviewer_name=data.reviewer_name,
            lead_rows=profile_rows(
                child,
                data.household,
                data.category_names,
                visit.visit_date,
                labels,
                show_full_id_number=data.show_full_id_number,
            ),
        )
    )
    # The visitor signs; the guardian may sign the printout (DOMAIN.md 11); the community seals.
    story.append(
        keep(
            gap(3),
            subheading(labels.summary_signatures),
            signature_row([labels.visitor_sign, labels.guardian_sign], labels),
            *seal_block(issuing_unit(data.community_name), labels),
        )
    )
    return DocumentPart(
        title=labels.title_summary,
        subject=child.name,
        story=story,
        qr=qr_payload(QR_KIND, visit.id) if visit.id else None,
        record_id=visit.id,
        record_label=child.file_no,
    )


def render_summary(
    data: VisitSummaryData, meta: ReportMeta, out: Output = None, *, labels: Labels = ZH
) -> bytes | None:
    """Render one visit summary to `out` (a path or binary file), or return the PDF bytes."""
    part = summary_story(data, meta, labels)
    return render_parts([part], meta, out, pdf_title=f"{part.title} {part.subject}", labels=labels)
