"""A home visit as read-only HTML: the summary the review page and the child file show."""

from __future__ import annotations

import html

from hexi_care.domain.enums import SafetyTopic
from hexi_care.domain.model import SectionRating, Visit
from hexi_care.ui import i18n


def visit_html(v: Visit, child_name: str = "") -> str:
    e = html.escape

    def row(k: str, val: str) -> str:
        return f"<tr><td width='30%' style='color:#5f6368; padding-right:12px'>{e(k)}</td><td>{e(val)}</td></tr>"

    def yn(x: bool | None) -> str:
        return i18n.label(i18n.TRISTATE, x)

    parts = [
        f"<h3>{e(child_name)} · {e(v.visit_date.isoformat())} {e(v.visit_time)}</h3><table width='100%'>"
    ]
    parts.append(row(i18n.field("kind"), i18n.label(i18n.VISIT_KIND, v.kind)))
    parts.append(row(i18n.field("status"), i18n.label(i18n.VISIT_STATUS, v.status)))
    parts.append(row(i18n.field("visitors"), v.visitors))
    parts.append(row(i18n.field("people_met"), v.people_met))
    parts.append(row(i18n.field("place"), v.place))
    parts.append(row(i18n.field("basic_info_verified"), yn(v.basic_info_verified)))
    if v.basic_info_changes:
        parts.append(row(i18n.field("basic_info_changes"), v.basic_info_changes))
    parts.append(row(i18n.field("carer_name"), f"{v.carer_name} {v.carer_relationship}".strip()))
    parts.append(row(i18n.field("entrusted_agreement"), yn(v.entrusted_agreement)))
    parts.append(row(i18n.field("carer_suitable"), yn(v.carer_suitable)))
    parts.append(row(i18n.field("parent_contact"), v.parent_contact))
    if v.child_alone_under16:
        parts.append(
            row(
                i18n.translate("Visit", "Warning"),
                i18n.translate("Visit", "A child under 16 lives alone"),
            )
        )
    if v.child_under8_unattended:
        parts.append(
            row(
                i18n.translate("Visit", "Warning"),
                i18n.translate("Visit", "A child under 8 is left unattended"),
            )
        )
    for s in Visit.SECTIONS:
        sec: SectionRating = getattr(v, s)
        parts.append(
            row(
                i18n.field(s),
                " · ".join(x for x in (i18n.label(i18n.RATING, sec.rating), sec.note) if x),
            )
        )
    parts.append(
        row(
            i18n.field("safety_reminders"),
            i18n.join(i18n.label(i18n.SAFETY, SafetyTopic(x)) for x in v.safety_reminders),
        )
    )
    parts.append(row(i18n.field("needs"), v.needs))
    parts.append(row(i18n.field("help_given"), v.help_given))
    parts.append(row(i18n.field("referrals"), v.referrals))
    parts.append(row(i18n.field("next_visit_date"), i18n.fmt_date(v.next_visit_date)))
    parts.append(row(i18n.field("visitor_signoff"), v.visitor_signoff))
    if v.review_comment:
        parts.append(row(i18n.field("review_comment"), v.review_comment))
    parts.append("</table>")
    return "".join(parts)
