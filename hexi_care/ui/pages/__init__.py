"""The pages of the main window's navigation, built when first shown."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def make_page(key: str, ctx, main) -> QWidget:
    if key == "dashboard":
        from hexi_care.ui.pages.dashboard import DashboardPage

        return DashboardPage(ctx, main)
    if key == "overview":
        from hexi_care.ui.pages.overview import OverviewPage

        return OverviewPage(ctx, main)
    if key == "children":
        from hexi_care.ui.pages.children import ChildrenPage

        return ChildrenPage(ctx, main)
    if key == "households":
        from hexi_care.ui.pages.households import HouseholdsPage

        return HouseholdsPage(ctx, main)
    if key == "visits":
        from hexi_care.ui.pages.visits import VisitsPage

        return VisitsPage(ctx, main)
    if key == "support":
        from hexi_care.ui.pages.support import SupportPage

        return SupportPage(ctx, main)
    if key == "campaigns":
        from hexi_care.ui.pages.campaigns import CampaignsPage

        return CampaignsPage(ctx, main)
    if key == "reexam":
        from hexi_care.ui.pages.reexam import ReexamPage

        return ReexamPage(ctx, main)
    if key == "review":
        from hexi_care.ui.pages.review import ReviewPage

        return ReviewPage(ctx, main)
    if key == "reports":
        from hexi_care.ui.pages.reports import ReportsPage

        return ReportsPage(ctx, main)
    if key == "exchange":
        from hexi_care.ui.pages.exchange import ExchangePage

        return ExchangePage(ctx, main)
    if key == "ledger":
        from hexi_care.ui.pages.ledger import LedgerPage

        return LedgerPage(ctx, main)
    if key == "settings":
        from hexi_care.ui.pages.settings_page import SettingsPage

        return SettingsPage(ctx, main)
    raise KeyError(key)
