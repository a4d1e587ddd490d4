"""监护责任告知书: the guardian-responsibility notice handed to a household and signed.

Laid out from a template (model.NoticeTemplate: title, intro, themes with items; the built-in
winter, summer and general versions are in notice_templates.py). Each item has a tick box for
the guardian; guardian and director sign with a date; the issuing 居委会 seals and dates it. Two
copies print one after the other: 存档联 (kept by the community, marked confidential) and 监护人联
(the guardian keeps it: no "internal" mark). The QR code holds the household id.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from hexi_care.domain.notice_templates import in_language
from hexi_care.reports import styles as st
from hexi_care.reports.base import DocumentPart, Output, render_parts
from hexi_care.reports.blocks import gap, keep, para, rich, signature_row
from hexi_care.reports.data import NoticeData, ReportMeta, qr_payload
from hexi_care.reports.labels import ZH, Labels

QR_KIND = "notice"
_NUMERALS = "一二三四五六七八九十"


def _numeral(n: int) -> str:
    """1 -> 一 … 10 -> 十, 11 -> 十一 … 99 (theme numbering)."""
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _NUMERALS[tens - 1]
    return head + "十" + (_NUMERALS[ones - 1] if ones else "")


def notice_story(
    data: NoticeData, meta: ReportMeta, labels: Labels = ZH, *, guardian_copy: bool = False
) -> DocumentPart:
    """The flowables and header of one copy of a notice (the archive copy unless
    `guardian_copy`)."""
    s = st.styles()
    t = in_language(data.template, labels.lang)
    copy = labels.notice_copy_guardian if guardian_copy else labels.notice_copy_archive
    story: list[Flowable] = [para(t.title, s.title)]
    version = labels.notice_version.format(
        name=labels.word(labels.notice_template_name, t.code), version=t.version
    )
    story.append(para(f"{version}　{copy}", s.subtitle))

    guardians = [g.name for g in data.guardians]
    if guardians:
        salutation = labels.notice_to.format(names=labels.list_sep.join(guardians))
    else:
        salutation = labels.notice_to_blank
    story.append(para(salutation, s.h2))
    story.append(para(t.intro, s.notice_body))

    for n, (theme, items) in enumerate(t.themes, start=1):
        block: list[Flowable] = [
            para(f"{_numeral(n)}、{theme}" if labels.chinese_numerals else f"{n}. {theme}", s.h2)
        ]
        for i, item in enumerate(items, start=1):
            block.append(para(f"{labels.box} {i}. {item}", s.notice_item))
        # Keep a theme's title with its first items; long themes may still break.
        story.append(keep(*block[:2]))
        story.extend(block[2:])

    story.append(gap(2))
    story.append(para(labels.notice_emergency, s.body))
    story.append(para(labels.notice_ack, s.notice_body))

    details: list[tuple[str, str]] = []
    if data.children:
        details.append(
            (labels.notice_children, labels.list_sep.join(c.name for c in data.children))
        )
    if data.household is not None and data.household.address:
        details.append((labels.notice_household, data.household.address))
    # Name and phone are two fields: a missing phone leaves a line to write it on.
    if data.director_name:
        details.append((labels.notice_director, data.director_name))
    details.append((labels.notice_contact, data.director_phone or labels.blank_phone))
    if details:
        story.append(
            rich(
                [p for k, v in details for p in ((k + labels.colon, True), (v + "　　", False))],
                s.small,
            )
        )

    signatures: list[Flowable] = [
        gap(3),
        signature_row(
            [labels.notice_guardian_sign, labels.notice_director_sign],
            labels,
            date_text=labels.long_date(data.issue_date) if data.issue_date else None,
        ),
    ]
    # The issuing unit seals and dates the notice: room for the stamp above its name.
    issued = labels.long_date(data.issue_date) if data.issue_date else labels.date_blank
    signatures.append(gap(14))
    if data.issuing_unit:
        signatures.append(para(labels.notice_issuer.format(unit=data.issuing_unit), s.issuer))
    signatures.append(para(labels.notice_seal, s.issuer))
    signatures.append(para(issued, s.issuer))
    signatures.append(para(labels.notice_copies, s.muted))
    story.append(keep(*signatures))

    record = data.qr_record
    subject = " · ".join([labels.list_sep.join(guardians), copy] if guardians else [copy])
    return DocumentPart(
        title=t.title,
        subject=subject,
        story=story,
        qr=qr_payload(QR_KIND, record) if record else None,
        record_id=record,
        confidential=not guardian_copy,
    )


def render_notice(
    data: NoticeData, meta: ReportMeta, out: Output = None, *, labels: Labels = ZH
) -> bytes | None:
    """Render one guardian-responsibility notice, archive copy then guardian's copy, to `out`, or
    return the PDF bytes."""
    parts = [notice_story(data, meta, labels, guardian_copy=g) for g in (False, True)]
    return render_parts(parts, meta, out, pdf_title=parts[0].title, labels=labels)
