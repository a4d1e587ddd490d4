"""A child's whole file in one read: what the child-file screen and the 一人一档 report show.
Opening it is audited."""

from __future__ import annotations

from hexi_care.db.models import OrgUnit
from hexi_care.domain.model import ChildFile
from hexi_care.services import (
    allowances,
    attachments,
    casework,
    children,
    households,
    social_support,
    support,
    visits,
)
from hexi_care.services.context import UnitOfWork


def open_child_file(uow: UnitOfWork, child_id: str, *, purpose: str = "view") -> ChildFile:
    uow.require_case_reader()
    child = children.get_child(uow, child_id)
    household = households.get_household(uow, child.household_id) if child.household_id else None
    guardians = households.guardians_of(uow, child.household_id, child.id)
    community = uow.session.get(OrgUnit, child.community_id)
    street = (
        uow.session.get(OrgUnit, community.parent_id) if community and community.parent_id else None
    )
    may_read_reports = uow.user is None or uow.user.role in casework.REPORT_READERS
    file = ChildFile(
        child=child,
        household=household,
        guardians=guardians,
        visits=sorted(
            visits.list_visits(uow, child_id=child.id, limit=None),
            key=lambda x: (x.visit_date, x.id or ""),
        ),
        notices=support.deliveries(uow, child.household_id) if child.household_id else [],
        assistance=sorted(
            support.assistance_for(uow, child_id=child.id)
            + [
                a
                for a in (
                    support.assistance_for(uow, household_id=child.household_id)
                    if child.household_id
                    else []
                )
                if a.child_id is None
            ],
            key=lambda a: a.given_on,
        ),
        followups=casework.followups(uow, child.id),
        referrals=casework.referrals(uow, child_id),
        reports=casework.reports(uow, child.id) if may_read_reports else None,
        attachments=attachments.list_attachments(uow, child_id),
        community_name=community.name if community else "",
        street_name=street.name if street else "",
        benefits=social_support.benefits(uow, child_id),
        agreements=social_support.agreements(uow, child_id),
        allowances=allowances.allowances(uow, child.id),
    )
    uow.audit("open", "child", child.id, purpose)
    return file
