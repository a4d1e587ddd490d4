"""看板: the centre's and the street's figures as charts — children by category and street (or
community), visits per month, overdue children by community, risk levels, the current campaign's
coverage and open mandatory reports. Clicking a bar (or a card) opens the list it counts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from hexi_care.services import overview
from hexi_care.services.overview import Bar, Drill, Overview
from hexi_care.ui import i18n
from hexi_care.ui.common import label

PALETTE = ("#1f5fa8", "#e08a1e", "#3c9a5f", "#b8443c", "#7b5ea7", "#4a9bb0", "#8c8c8c")
RISK_COLOURS = {"low": "#3c9a5f", "medium": "#e08a1e", "high": "#b8443c"}


def _axis_max(values: list[int]) -> int:
    top = max(values, default=0)
    return max(4, int(top * 1.15) + 1)


class ChartCard(QChartView):
    """One chart; `drills[set index][bar index]` is what a click on that bar opens."""

    def __init__(self, title: str, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(200)
        self.chart_ = QChart()
        self.chart_.setTitle(title)
        self.chart_.setMargins(QMargins(4, 4, 4, 4))
        self.chart_.setBackgroundRoundness(4)
        self.chart_.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(self.chart_)
        self.drills: list[list[Drill]] = []
        self.names: list[str] = []
        self.sets: list[tuple[str, list[int]]] = []
        self.on_drill: Callable[[Drill], None] | None = None

    def show_bars(
        self,
        categories: list[str],
        sets: list[tuple[str, list[Bar], str]],
        *,
        horizontal: bool = False,
        stacked: bool = False,
        legend: bool = True,
        labels: bool | None = None,
    ) -> None:
        """`sets`: (name, bars in category order, colour)."""
        c = self.chart_
        c.removeAllSeries()
        for axis in c.axes():
            c.removeAxis(axis)
        series: QAbstractBarSeries
        if stacked:
            series = QHorizontalStackedBarSeries() if horizontal else QStackedBarSeries()
        else:
            series = QHorizontalBarSeries() if horizontal else QBarSeries()
        self.drills = []
        values: list[int] = []
        for i, (name, bars, colour) in enumerate(sets):
            s = QBarSet(name)
            s.setColor(QColor(colour))
            s.setBorderColor(QColor(colour))
            for b in bars:
                s.append(b.value)
                values.append(b.value)
            s.clicked.connect(lambda index, i=i: self._clicked(i, index))
            s.hovered.connect(lambda on, index, i=i: self._hovered(on, i, index))
            series.append(s)
            self.drills.append([b.drill for b in bars])
        self.names = categories
        self.sets = [(name, [b.value for b in bars]) for name, bars, _ in sets]
        if labels is None:  # numbers on the bars only while they have room; hovering shows them
            labels = len(categories) * len(sets) <= 8
        series.setLabelsVisible(labels and not stacked)
        c.addSeries(series)
        cats = QBarCategoryAxis()
        cats.append(categories)
        # A row per unit: a smaller font keeps every name readable instead of elided.
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.8))
        cats.setLabelsFont(small)
        cats.setTruncateLabels(False)  # "…" in place of a street's name tells nobody anything
        val = QValueAxis()
        top = _axis_max(values)
        if stacked:
            # A stacked bar is as long as its parts together.
            rows = [[b.value for b in bars] for _, bars, _ in sets]
            top = _axis_max([sum(col) for col in zip(*rows, strict=True)])
        val.setRange(0, top)
        val.setLabelFormat("%d")
        val.setTickCount(5)
        if horizontal:
            c.addAxis(cats, Qt.AlignmentFlag.AlignLeft)
            c.addAxis(val, Qt.AlignmentFlag.AlignBottom)
        else:
            c.addAxis(cats, Qt.AlignmentFlag.AlignBottom)
            c.addAxis(val, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(cats)
        series.attachAxis(val)
        c.legend().setFont(small)
        c.legend().setVisible(legend and len(sets) > 1)

    def _hovered(self, on: bool, set_index: int, bar_index: int) -> None:
        if not on:
            QToolTip.hideText()
            return
        name, values = self.sets[set_index]
        if 0 <= bar_index < len(values) and bar_index < len(self.names):
            where = self.names[bar_index]
            text = (
                f"{where} · {name}: {values[bar_index]:,}"
                if len(self.sets) > 1
                else f"{where}: {values[bar_index]:,}"
            )
            QToolTip.showText(QCursor.pos(), text, self)

    def _clicked(self, set_index: int, bar_index: int) -> None:
        if self.on_drill is not None and 0 <= set_index < len(self.drills):
            row = self.drills[set_index]
            if 0 <= bar_index < len(row):
                self.on_drill(row[bar_index])


class OverviewPage(QWidget):
    def __init__(self, ctx, main) -> None:
        super().__init__()
        self.ctx = ctx
        self.main = main
        self.data: Overview | None = None
        self.title = label(self.tr("Dashboard"), "title")
        self.subtitle = label("", "muted")
        self.subtitle.setObjectName("overview_subtitle")

        self.total = self._card("card_children_total", self.tr("Children"))
        self.reports = self._card("card_open_reports", self.tr("Open mandatory reports"))
        self.campaign = self._card("card_campaign", self.tr("No campaign under way"))
        self.coverage = QProgressBar()
        self.coverage.setObjectName("campaign_coverage")
        self.coverage.setTextVisible(True)
        self.campaign.inner.addWidget(self.coverage)  # type: ignore[attr-defined]
        self.total.clicked.connect(lambda: self.drill(Drill(page="children")))
        self.reports.clicked.connect(lambda: self.drill(Drill(page="reports")))
        self.campaign.clicked.connect(self._campaign_clicked)

        self.by_category = ChartCard(self.tr("Children by category"), "chart_categories")
        self.by_month = ChartCard(self.tr("Visits per month"), "chart_visits")
        self.overdue = ChartCard(self.tr("Overdue children"), "chart_overdue")
        self.risk = ChartCard(self.tr("Risk levels"), "chart_risk")
        self.campaign_chart = ChartCard(self.tr("Campaign coverage"), "chart_campaign")
        for chart in (
            self.by_category,
            self.by_month,
            self.overdue,
            self.risk,
            self.campaign_chart,
        ):
            chart.on_drill = self.drill

        cards = QHBoxLayout()
        for w in (self.total, self.reports, self.campaign):
            cards.addWidget(w, 2 if w is self.campaign else 1)
        # Horizontal bar charts hold a row per street or community: they get the width.
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.by_category, 3)
        top.addWidget(self.by_month, 2)
        bottom = QHBoxLayout()
        bottom.setSpacing(8)
        bottom.addWidget(self.overdue, 2)
        bottom.addWidget(self.risk, 1)
        bottom.addWidget(self.campaign_chart, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.subtitle)
        lay.addLayout(head)
        lay.addLayout(cards)
        lay.addLayout(top, 1)
        lay.addLayout(bottom, 1)
        lay.addWidget(label(self.tr("Click a bar or a card to open the list it counts."), "muted"))

    def _card(self, name: str, caption: str) -> QPushButton:
        card = QPushButton()
        card.setObjectName(name)
        card.setMinimumHeight(84)
        card.setStyleSheet(
            "QPushButton { background: #ffffff; border: 1px solid #d8dde6; border-radius: 6px;"
            " text-align: left; padding: 6px; }"
            "QPushButton:focus { border: 2px solid #5b8fd0; }"
        )
        inner = QVBoxLayout(card)
        inner.setContentsMargins(10, 4, 10, 4)
        count = label("–", "count")
        cap = label(caption, "muted")
        for w in (count, cap):
            w.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            inner.addWidget(w)
        card.setAccessibleName(caption)
        card.inner = inner  # type: ignore[attr-defined]
        card.count = count  # type: ignore[attr-defined]
        card.caption = cap  # type: ignore[attr-defined]
        return card

    def refresh(self) -> None:
        self.setProperty("stale", False)
        self.ctx.worker.call(overview.overview, done=self._show, owner=self)

    def _show(self, d: Overview) -> None:
        self.data = d
        self.subtitle.setText(self.tr("Figures as of {date}").format(date=i18n.fmt_date(d.day)))
        self.total.count.setText(f"{d.children_total:,}")  # type: ignore[attr-defined]
        self.reports.setVisible(d.open_reports is not None)
        if d.open_reports is not None:
            self.reports.count.setText(f"{d.open_reports.value:,}")  # type: ignore[attr-defined]
        cats = self.ctx.ref.categories
        units = [name for _, name in d.units]
        self.by_category.show_bars(
            units,
            [
                (cats.name(code), d.children[code], PALETTE[i % len(PALETTE)])
                for i, code in enumerate(d.categories)
            ],
            horizontal=True,
            stacked=True,
        )
        self.by_month.show_bars(
            [b.label[2:] for b in d.visits_by_month],
            [(self.tr("Visits"), d.visits_by_month, PALETTE[0])],
            legend=False,
        )
        self.overdue.show_bars(
            [b.label for b in d.overdue_by_unit],
            [(self.tr("Overdue"), d.overdue_by_unit, "#b8443c")],
            horizontal=True,
            legend=False,
        )
        risk_words = [i18n.label(i18n.RISK, b.label) for b in d.risk]
        self.risk.show_bars(
            risk_words,
            [(self.tr("Children"), d.risk, PALETTE[0])],
            legend=False,
        )
        p = d.campaign
        if p is None:
            self.campaign.count.setText("–")  # type: ignore[attr-defined]
            self.campaign.caption.setText(self.tr("No campaign under way"))  # type: ignore[attr-defined]
            self.coverage.setVisible(False)
            self.campaign_chart.show_bars([], [], legend=False)
            return
        drill = Drill(page="campaign", campaign=p.campaign.name)
        self.campaign_chart.show_bars(
            [name for _, name, _, _ in d.campaign_by_unit],
            [
                (
                    self.tr("On the list"),
                    [Bar(label=n, value=t, drill=drill) for _, n, t, _ in d.campaign_by_unit],
                    "#9db7d5",
                ),
                (
                    self.tr("Reached"),
                    [Bar(label=n, value=r, drill=drill) for _, n, _, r in d.campaign_by_unit],
                    PALETTE[2],
                ),
            ],
            horizontal=True,
        )
        self.campaign.count.setText(  # type: ignore[attr-defined]
            self.tr("{reached:,} of {goal:,} ({percent}%)").format(
                reached=p.reached, goal=p.goal, percent=p.percent
            )
        )
        self.campaign.caption.setText(  # type: ignore[attr-defined]
            self.tr("{name}, {start} to {end}").format(
                name=p.campaign.name,
                start=i18n.fmt_date(p.campaign.starts_on),
                end=i18n.fmt_date(p.campaign.ends_on),
            )
        )
        self.coverage.setVisible(True)
        self.coverage.setRange(0, max(1, p.goal))
        self.coverage.setValue(min(p.reached, p.goal))

    def _campaign_clicked(self) -> None:
        if self.data is not None and self.data.campaign is not None:
            self.drill(Drill(page="campaign", campaign=self.data.campaign.campaign.name))

    def drill(self, d: Drill) -> None:
        """Open the list a figure counts."""
        if d.page == "children":
            page = self.main.show_page("children")
            if page is not None:
                page.show_filtered(
                    street_id=d.street_id,
                    community_id=d.community_id,
                    category=d.category,
                    risk=d.risk,
                    overdue=d.overdue,
                )
        elif d.page == "visits":
            page = self.main.show_page("visits")
            if page is not None and d.date_from is not None and d.date_to is not None:
                page.show_between(d.date_from, d.date_to)
        elif d.page == "reports":
            page = self.main.show_page("dashboard")
            if page is not None:
                page.select("reports")
        elif d.page == "campaign" and d.campaign:
            from hexi_care.ui.campaign_list import CampaignListDialog

            CampaignListDialog(self.ctx, self.main, d.campaign, self).open()
