"""The 看板 page on a real store: its charts show the service's figures, a click on a bar opens
the list it counts (the children list's own count agrees), the campaign card opens its list,
and no Qt warning is raised on the way."""

from __future__ import annotations

from datetime import date

from hexi_care.domain.enums import CampaignKind
from hexi_care.domain.model import Campaign
from hexi_care.services import campaigns, visits
from hexi_care.services.context import UnitOfWork
from tests.factories import submitted_visit

from .conftest import wait_idle


def _campaign_and_visit(ui_world) -> None:
    with UnitOfWork(ui_world.login("centre")) as uow:
        campaigns.add_campaign(
            uow,
            Campaign(
                name="2026冬季关爱",
                unit_id="河西区",
                kind=CampaignKind.WINTER,
                starts_on=date(2026, 11, 1),
                ends_on=date(2027, 2, 28),
            ),
        )
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        visits.add_visit(
            uow, submitted_visit(ui_world.kids_a[0], date(2026, 11, 10), campaign="2026冬季关爱")
        )


def test_bars_open_their_lists(qtbot, make_app, ui_world) -> None:
    _campaign_and_visit(ui_world)
    ctx, _hexi, win = make_app("centre")
    page = win.show_page("overview")
    wait_idle(qtbot, ctx)
    d = page.data
    assert d is not None and d.children_total == 4
    series = page.by_category.chart().series()[0]  # a stacked bar per street, by category
    (no_carer,) = series.barSets()
    assert no_carer.label() == "事实无人抚养儿童"
    assert [no_carer.at(0), no_carer.at(1)] == [3, 1]
    months = page.by_month.chart().series()[0].barSets()[0]
    assert months.count() == 12 and months.at(11) == 1
    assert page.campaign.count.text().startswith("1")
    assert page.coverage.maximum() == 3 and page.coverage.value() == 1  # households

    # A street's bar in the category chart: the children list with that street and category.
    page.by_category._clicked(0, 0)
    wait_idle(qtbot, ctx)
    children = win.pages["children"]
    assert win.stack.currentWidget() is children
    assert children.category.currentData() == "no_de_facto_carer"
    assert children.street.currentData() == d.children["no_de_facto_carer"][0].drill.street_id
    assert children.model.total == 3

    # A community's overdue bar: that community's overdue children.
    win.show_page("overview")
    wait_idle(qtbot, ctx)
    bar = d.overdue_by_community[1]
    page.overdue._clicked(0, 1)
    wait_idle(qtbot, ctx)
    assert (
        children.overdue.isChecked() and children.community.currentData() == bar.drill.community_id
    )
    assert children.model.total == bar.value

    # A month: the visits list between its first and last day.
    win.show_page("overview")
    page.by_month._clicked(0, 11)
    wait_idle(qtbot, ctx)
    visits_page = win.pages["visits"]
    assert visits_page.use_dates.isChecked()
    assert visits_page.date_from.value() == d.visits_by_month[11].drill.date_from
    assert visits_page.model.total == 1


def test_campaign_card_opens_the_campaign_list(qtbot, make_app, ui_world, qtmodeltester) -> None:
    _campaign_and_visit(ui_world)
    ctx, _hexi, win = make_app("street_a")
    page = win.show_page("overview")
    wait_idle(qtbot, ctx)
    assert [n for _, n in page.data.units] == ["紫金里社区"]
    page.campaign.click()
    wait_idle(qtbot, ctx)
    from hexi_care.ui.campaign_list import CampaignListDialog

    (dlg,) = page.findChildren(CampaignListDialog)
    qtmodeltester.check(dlg.model, force_py=True)
    rows = [dlg.model.row_at(i) for i in range(dlg.model.rowCount())]
    assert len(rows) == 3 and [r.reached for r in rows] == [False, True, True]
    dlg.reject()
