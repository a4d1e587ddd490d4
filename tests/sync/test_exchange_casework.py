"""Social support, allowances, standards and campaigns travel in packages: up from the laptop,
the district's confirmation and standards down, a revised record replaces an older one and
a second exchange applies nothing again."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from hexi_care.domain.enums import AllowanceStage, CampaignKind, CareSetting, SupportKind
from hexi_care.domain.model import (
    Allowance,
    AllowanceStandard,
    Campaign,
    CareAgreement,
    SupportBenefit,
)
from hexi_care.services import allowances, campaigns, children, social_support, visits
from hexi_care.services.context import UnitOfWork
from tests.factories import submitted_visit
from tests.sync.exchange_helpers import Net, edit_child, new_child


def test_casework_records_travel_both_ways(net: Net) -> None:
    child = new_child(net.la, net.community_a)
    edit_child(net.la, child, disability_grade=3, teacher_name="刘老师")
    with UnitOfWork(net.la) as uow:
        benefit = social_support.save_benefit(
            uow,
            SupportBenefit(child_id=child, kind=SupportKind.DIBAO, amount_fen=98_000),
        )
        social_support.save_agreement(
            uow, CareAgreement(child_id=child, carer_name="张桂兰", signed_on=date(2026, 1, 5))
        )
        applied = allowances.apply(
            uow,
            Allowance(
                child_id=child,
                category="orphan_scattered",
                applied_on=date(2026, 8, 3),
                applied_by="王主任",
            ),
        )
        assert applied.id
    up = net.send("la", "centre")
    for kind in ("support_benefit", "care_agreement", "allowance"):
        assert up.counts[kind].new == 1, kind
    with UnitOfWork(net.centre) as uow:
        assert children.get_child(uow, child).disability_grade == 3
        allowances.check(uow, applied.id, "2026-08-10", "李街道")
        allowances.confirm(uow, applied.id, "2026-08-31", "区民政局", "河民确〔2026〕9号")
        allowances.set_standard(
            uow,
            AllowanceStandard(
                year=2026,
                category="orphan_scattered",
                care_setting=CareSetting.COMMUNITY,
                monthly_fen=215_000,
            ),
        )
        camp = campaigns.add_campaign(
            uow,
            Campaign(
                name="2026中秋慰问",
                unit_id=net.community_a,
                kind=CampaignKind.MID_AUTUMN,
                starts_on=date(2026, 9, 20),
                ends_on=date(2026, 10, 10),
            ),
        )
        social_support.save_benefit(uow, replace(benefit, amount_fen=105_000))
    down = net.send("centre", "la")
    assert down.counts["allowance"].updated == 1 and down.counts["support_benefit"].updated == 1
    assert down.counts["allowance_standard"].new == 1 and down.counts["campaign"].new == 1
    with UnitOfWork(net.la) as uow:
        (a,) = allowances.allowances(uow, child)
        assert a.stage is AllowanceStage.CONFIRMED and a.start_month == "2026-09"
        (line,) = allowances.monthly_list(uow, "2026-09")
        assert line.amount_fen == 215_000
        assert social_support.benefits(uow, child)[0].amount_fen == 105_000
        visits.add_visit(uow, submitted_visit(child, date(2026, 9, 25), campaign=camp.name))
        assert campaigns.progress(uow, campaigns.get_campaign(uow, camp.name)).reached == 1
    net.send("la", "centre")
    with UnitOfWork(net.centre) as uow:
        assert campaigns.progress(uow, camp).reached == 1
    again = net.send("la", "centre")  # records the centre holds are not applied again
    for kind in ("support_benefit", "care_agreement", "allowance", "campaign"):
        if kind in again.counts:
            assert (again.counts[kind].new, again.counts[kind].updated) == (0, 0), kind


def _campaign_sent_down(
    net: Net, name: str, kind: CampaignKind, starts: date, ends: date, **extra: Any
) -> Campaign:
    """A campaign the centre holds for community a, sent to the laptop (new there)."""
    with UnitOfWork(net.centre) as uow:
        camp = campaigns.add_campaign(
            uow,
            Campaign(
                name=name,
                unit_id=net.community_a,
                kind=kind,
                starts_on=starts,
                ends_on=ends,
                **extra,
            ),
        )
    assert net.send("centre", "la").counts["campaign"].new == 1
    return camp


def test_a_campaign_ended_at_the_centre_ends_on_the_laptop(net: Net) -> None:
    camp = _campaign_sent_down(
        net, "2026冬季关爱", CampaignKind.WINTER, date(2026, 11, 1), date(2027, 2, 28)
    )
    with UnitOfWork(net.centre) as uow:
        campaigns.end_campaign(uow, camp.name, "2026-11-15")
    down = net.send("centre", "la")
    assert down.counts["campaign"].updated == 1
    with UnitOfWork(net.la) as uow:
        assert campaigns.get_campaign(uow, camp.name).ends_on == date(2026, 11, 15)
        assert campaigns.open_on(uow, date(2026, 11, 20)) == []
    # The laptop's older revision going up does not bring the planned end back.
    net.send("la", "centre")
    with UnitOfWork(net.centre) as uow:
        assert campaigns.get_campaign(uow, camp.name).ends_on == date(2026, 11, 15)


def test_a_campaign_changed_at_the_centre_changes_on_the_laptop(net: Net) -> None:
    camp = _campaign_sent_down(
        net,
        "2027春节慰问",
        CampaignKind.SPRING_FESTIVAL,
        date(2027, 1, 20),
        date(2027, 2, 10),
        target_count=30,
    )
    with UnitOfWork(net.centre) as uow:
        campaigns.update_campaign(
            uow, camp.name, replace(camp, ends_on=date(2027, 2, 20), target_count=45)
        )
    assert net.send("centre", "la").counts["campaign"].updated == 1
    with UnitOfWork(net.la) as uow:
        got = campaigns.get_campaign(uow, camp.name)
        assert (got.ends_on, got.target_count) == (date(2027, 2, 20), 45)
    net.send("la", "centre")  # the laptop's copy going up changes nothing back
    with UnitOfWork(net.centre) as uow:
        assert campaigns.get_campaign(uow, camp.name).target_count == 45
