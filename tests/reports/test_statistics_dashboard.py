"""The statistics PDF carries the 看板 figures the window shows (the same service, as of today):
children by category and street, overdue children, campaign coverage, visits per month, risk
levels and open reports; a statistics narrowed to a campaign leaves them out."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from hexi_care.domain.enums import CampaignKind
from hexi_care.domain.model import Campaign, Category
from hexi_care.reports import builders
from hexi_care.reports.data import ReportMeta
from hexi_care.reports.statistics import render_statistics
from hexi_care.services import campaigns, overview, statistics
from hexi_care.services.context import UnitOfWork
from tests.conftest import World, add_child
from tests.reports.pdfcheck import all_text, pdffonts, render_png

META = ReportMeta(generated_by="区中心", generated_at=datetime(2026, 11, 20, 2, 0, tzinfo=UTC))


def test_statistics_pdf_has_the_dashboard_figures(world: World, tmp_path: Path) -> None:
    add_child(world.login("dir_a"), world.community_a, categories=[Category(code="left_behind")])
    add_child(
        world.login("dir_b"),
        world.community_b,
        name="李四",
        categories=[Category(code="left_behind")],
    )
    with UnitOfWork(world.login("centre")) as uow:
        campaigns.add_campaign(
            uow,
            Campaign(
                name="2026冬季关爱",
                unit_id="河西区",
                kind=CampaignKind.WINTER,
                starts_on=date(2026, 11, 1),
                ends_on=date(2027, 2, 28),
                target_count=800,
            ),
        )
        ov = overview.overview(uow)
        data = builders.stats(uow, "河西区", date(2026, 1, 1), date(2026, 11, 20))
        narrowed = builders.stats(
            uow,
            "河西区",
            date(2026, 1, 1),
            date(2026, 11, 20),
            statistics.EventFilter(campaign="2026冬季关爱"),
        )
    d = data.dashboard
    assert d is not None and narrowed.dashboard is None
    assert d.unit_names == tuple(name for _, name in ov.units) == ("大营门街", "马场街")
    assert d.categories == (("留守儿童", (1, 1)),)
    assert d.overdue == tuple(b.value for b in ov.overdue_by_unit)
    assert d.campaign == ("2026冬季关爱", 0, 800, 0)
    assert [n for _, n in d.months] == [b.value for b in ov.visits_by_month]
    pdf = render_statistics(data, META)
    assert pdf is not None
    text = all_text(pdf)
    for expected in (
        "看板",
        "留守儿童",
        "大营门街",
        "马场街",
        "2026冬季关爱",
        "0/800",
        "近12个月每月走访次数",
    ):
        assert expected in text, expected
    assert all(f.embedded for f in pdffonts(pdf, tmp_path))
    assert render_png(pdf, tmp_path, page=2).stat().st_size > 0
