"""工作统计: the work statistics of a unit for a period — the headline figures, a table by street
and community with subtotals (a street's or a community's: by community, without the street
column), and a bar chart (reportlab.graphics).

Every figure comes computed in `StatisticsData` (the builder derives them from person-level
records and de-duplicates, DOMAIN.md "Counting"); this module only lays them out and never adds
distinct counts up.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from hexi_care.reports import styles as st
from hexi_care.reports.base import DocumentPart, Output, render_parts
from hexi_care.reports.blocks import Cell, grid, heading, para, rich, subheading, table
from hexi_care.reports.data import DashboardFigures, ReportMeta, StatisticsData, StatsFigures
from hexi_care.reports.fonts import BOLD, MAIN, fonts
from hexi_care.reports.formatting import fmt_int, fmt_yuan
from hexi_care.reports.labels import ZH, Labels


def _columns(data: StatisticsData, labels: Labels) -> list[tuple[str, str]]:
    """(figure attribute, header) of the numeric columns."""

    def head(word: str, unit: str) -> str:
        return f"{word}\n" + labels.paren.format(text=unit).strip()

    cols = [
        ("households", head(labels.stats_households, labels.unit_households)),
        ("household_times", head(labels.stats_household_times, labels.unit_household_times)),
        ("children", head(labels.stats_children, labels.unit_persons)),
        ("person_times", head(labels.stats_person_times, labels.unit_person_times)),
        ("visits", head(labels.stats_visits, labels.unit_times)),
        ("notices", head(labels.stats_notices, labels.unit_copies)),
        ("items", head(labels.stats_items, labels.unit_items)),
        ("amount_fen", head(labels.stats_amount, labels.unit_yuan)),
        ("overdue", head(labels.stats_overdue, labels.unit_persons)),
    ]
    if data.show_mandatory_reports:
        cols.append(("mandatory_reports", head(labels.stats_reports, labels.unit_cases)))
    return cols


def _value(figures: StatsFigures, attr: str) -> str:
    value = getattr(figures, attr)
    assert isinstance(value, int)
    return fmt_yuan(value) if attr == "amount_fen" else fmt_int(value)


def _headline(data: StatisticsData, labels: Labels) -> Table:
    """The totals as tiles: label, big number, unit."""
    s = st.styles()
    t = data.total
    tiles = [
        (labels.stats_households, fmt_int(t.households), labels.unit_households),
        (labels.stats_household_times, fmt_int(t.household_times), labels.unit_household_times),
        (labels.stats_children, fmt_int(t.children), labels.unit_persons),
        (labels.stats_person_times, fmt_int(t.person_times), labels.unit_person_times),
        (labels.stats_visits, fmt_int(t.visits), labels.unit_times),
        (labels.stats_notices, fmt_int(t.notices), labels.unit_copies),
        (labels.stats_items, fmt_int(t.items), labels.unit_items),
        (labels.stats_amount, fmt_yuan(t.amount_fen), labels.unit_yuan),
        (labels.stats_overdue, fmt_int(t.overdue), labels.unit_persons),
    ]
    if data.show_mandatory_reports:
        tiles.append((labels.stats_reports, fmt_int(t.mandatory_reports), labels.unit_cases))
    per_row = 5
    rows: list[list[Cell]] = []
    for i in range(0, len(tiles), per_row):
        row: list[Cell] = []
        for label, number, unit in tiles[i : i + per_row]:
            row.append(
                rich([(label + "\n", False), (number, True), (" " + unit, False)], s.cell_centre)
            )
        row += [""] * (per_row - len(row))
        rows.append(row)
    style = st.grid_table_style(0)
    style.add("BACKGROUND", (0, 0), (-1, -1), st.LABEL_BG)
    style.add("TOPPADDING", (0, 0), (-1, -1), 6)
    style.add("BOTTOMPADDING", (0, 0), (-1, -1), 5)
    return table(rows, [st.CONTENT_WIDTH / per_row] * per_row, style)


def _by_street(data: StatisticsData) -> bool:
    """A district's table and chart go by street; a street's or a community's by community."""
    return data.unit_kind == "district"


def _table(data: StatisticsData, labels: Labels) -> Table:
    s = st.styles()
    cols = _columns(data, labels)
    by_street = _by_street(data)
    head_style = s.stats_head
    if labels.lang != "zh":
        # English words wrap at spaces, never inside a word ("Familie/s"), a size smaller.
        head_style = ParagraphStyle(
            "stats_head_words", parent=s.stats_head, wordWrap=None, fontSize=6.5, leading=8
        )
    head: list[Cell] = [para(labels.street, head_style)] if by_street else []
    head += [para(labels.community, head_style)]
    head += [para(h, head_style) for _, h in cols]
    rows: list[list[Cell]] = [head]
    style = st.grid_table_style(1)
    style.add("FONT", (0, 0), (-1, -1), MAIN, st.STATS_CELL_SIZE)
    style.add("LEFTPADDING", (0, 0), (-1, -1), 2.5)
    style.add("RIGHTPADDING", (0, 0), (-1, -1), 2.5)

    # The figures are plain strings in the cell font, not paragraphs: digits never wrap, and
    # some 2,000 of them laid out as paragraphs took most of the printout's time.
    first_figure = 2 if by_street else 1
    leading = s.stats_cell.leading
    style.add("FONT", (first_figure, 1), (-1, -1), MAIN, st.STATS_CELL_SIZE, leading)
    style.add("ALIGN", (first_figure, 1), (-1, -1), "RIGHT")

    def line(street: str, community: str, figures: StatsFigures, bold: bool) -> list[Cell]:
        name_style = s.stats_cell
        cells: list[Cell] = [rich([(street, bold)], name_style)] if by_street else []
        cells.append(rich([(community, bold)], name_style))
        cells += [fonts().plain(_value(figures, a), bold) for a, _ in cols]
        if bold:
            row = len(rows)
            style.add("FONT", (first_figure, row), (-1, row), BOLD, st.STATS_CELL_SIZE, leading)
        return cells

    for street in data.streets:
        first = True
        for community in street.communities:
            rows.append(
                line(street.name if first else "", community.name, community.figures, False)
            )
            first = False
        if by_street:
            rows.append(
                line(street.name if first else "", labels.stats_subtotal, street.figures, True)
            )
            style.add("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), st.SUBTOTAL_BG)
    if by_street:
        rows.append(line(labels.stats_total, "", data.total, True))
    else:
        rows.append(line("", labels.stats_total, data.total, True))  # `street` is not printed
    style.add("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), st.TOTAL_BG)

    amount_w = 22 * mm
    names_w = [16 * mm, 24 * mm] if by_street else [34 * mm]
    rest = (st.CONTENT_WIDTH - sum(names_w) - amount_w) / (len(cols) - 1)
    widths = names_w + [amount_w if a == "amount_fen" else rest for a, _ in cols]
    return table(rows, widths, style, repeat_rows=1)


def _chart(data: StatisticsData, labels: Labels) -> Drawing | None:
    """Visits and distinct children by street (a street's: by community); none for one bar."""
    fs = fonts()
    items: Sequence[tuple[str, StatsFigures]]
    if _by_street(data):
        items = [(street.name, street.figures) for street in data.streets]
    else:
        items = [(c.name, c.figures) for street in data.streets for c in street.communities]
    if len(items) < 2:
        return None
    width = st.CONTENT_WIDTH
    height = 78 * mm
    drawing = Drawing(width, height)
    drawing.initialFontName = MAIN  # else the drawing selects Helvetica (listed, unembedded)
    chart = VerticalBarChart()
    chart.x = 12 * mm
    chart.y = 20 * mm
    chart.width = width - 16 * mm
    chart.height = height - 32 * mm
    chart.data = [
        [f.visits for _, f in items],
        [f.children for _, f in items],
    ]
    names = [fs.plain(name) for name, _ in items]
    chart.categoryAxis.categoryNames = names
    label_size = 7
    group = chart.width / len(items)
    widest = max(fs.string_width(n, label_size) for n in names)
    chart.categoryAxis.labels.fontName = MAIN
    chart.categoryAxis.labels.fontSize = label_size
    if widest > group - 2:
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
        chart.categoryAxis.labels.dx = 0
        chart.categoryAxis.labels.dy = -2
    else:
        chart.categoryAxis.labels.boxAnchor = "n"
        chart.categoryAxis.labels.dy = -3
    chart.valueAxis.labels.fontName = MAIN
    chart.valueAxis.labels.fontSize = label_size
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = st.RULE
    chart.valueAxis.gridStrokeWidth = 0.25
    chart.valueAxis.strokeColor = st.GRID
    chart.categoryAxis.strokeColor = st.GRID
    chart.bars.strokeWidth = 0
    chart.bars[0].fillColor = st.CHART_COLOURS[0]
    chart.bars[1].fillColor = st.CHART_COLOURS[1]
    chart.groupSpacing = 6
    chart.barSpacing = 1
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = MAIN
    chart.barLabels.fontSize = 5.5
    chart.barLabels.nudge = 5
    drawing.add(chart)

    legend = Legend()
    legend.fontName = MAIN
    legend.fontSize = 8
    legend.x = width - 60 * mm
    legend.y = height - 3 * mm
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 28 * mm
    legend.dx = 7
    legend.dy = 7
    legend.boxAnchor = "nw"
    legend.colorNamePairs = [
        (st.CHART_COLOURS[0], labels.stats_visits + labels.paren.format(text=labels.unit_times)),
        (
            st.CHART_COLOURS[1],
            labels.stats_children + labels.paren.format(text=labels.unit_persons),
        ),
    ]
    drawing.add(legend)
    return drawing


def _dashboard(d: DashboardFigures, labels: Labels) -> list[Flowable]:
    """The window's 看板 figures: children by category and unit, overdue children and campaign
    coverage by unit, visits per month as bars, risk levels and open reports."""
    s = st.styles()
    out: list[Flowable] = [heading(labels.dash_heading.format(date=labels.long_date(d.as_of)))]
    header = [labels.dash_unit, *(name for name, _ in d.categories), labels.dash_overdue]
    with_campaign = d.campaign is not None
    if with_campaign:
        header.append(labels.dash_campaign_reached)
    rows: list[list[str]] = []
    for i, unit in enumerate(d.unit_names):
        row = [unit, *(fmt_int(counts[i]) for _, counts in d.categories), fmt_int(d.overdue[i])]
        if with_campaign:
            on_list, reached = d.campaign_units[i]
            row.append(f"{fmt_int(reached)} / {fmt_int(on_list)}")
        rows.append(row)
    first = 16.0
    rest = (100 - first) / (len(header) - 1)
    out.append(
        grid(
            header,
            rows,
            (first, *([rest] * (len(header) - 1))),
            right_columns=tuple(range(1, len(header))),
        )
    )
    out.append(subheading(labels.dash_visits_by_month))
    out.append(_month_chart(d))
    risk = "　".join(f"{word} {fmt_int(n)}" for word, n in d.risk)
    out.append(para(labels.dash_risk + risk, s.body))
    if d.open_reports is not None:
        out.append(para(labels.dash_open_reports.format(n=fmt_int(d.open_reports)), s.body))
    if d.campaign is not None:
        name, reached, goal, percent = d.campaign
        text = labels.dash_campaign.format(
            name=name, reached=fmt_int(reached), goal=fmt_int(goal), percent=percent
        )
    else:
        text = labels.dash_no_campaign
    out.append(para(text, s.body))
    return out


def _month_chart(d: DashboardFigures) -> Drawing:
    width = st.CONTENT_WIDTH
    height = 55 * mm
    drawing = Drawing(width, height)
    drawing.initialFontName = MAIN
    chart = VerticalBarChart()
    chart.x = 12 * mm
    chart.y = 10 * mm
    chart.width = width - 16 * mm
    chart.height = height - 16 * mm
    chart.data = [[n for _, n in d.months]]
    chart.categoryAxis.categoryNames = [m for m, _ in d.months]
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = MAIN
        axis.labels.fontSize = 7
        axis.strokeColor = st.GRID
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -3
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = "%d"  # visits are whole numbers, even on an empty year
    if max((n for _, n in d.months), default=0) < 4:
        chart.valueAxis.valueMax = 4
        chart.valueAxis.valueStep = 1
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = st.RULE
    chart.valueAxis.gridStrokeWidth = 0.25
    chart.bars.strokeWidth = 0
    chart.bars[0].fillColor = st.CHART_COLOURS[0]
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = MAIN
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 5
    drawing.add(chart)
    return drawing


def statistics_story(data: StatisticsData, meta: ReportMeta, labels: Labels = ZH) -> DocumentPart:
    s = st.styles()
    story: list[Flowable] = [
        para(
            labels.stats_heading.format(unit=data.unit_name, title=labels.title_statistics), s.title
        )
    ]
    period = f"{labels.long_date(data.period_start)} — {labels.long_date(data.period_end)}"
    scope = f"{labels.stats_unit}{labels.colon}{data.unit_name}　　{labels.stats_period}{labels.colon}{period}"
    words = {
        "activity": labels.stats_filter_activity,
        "campaign": labels.stats_filter_campaign,
        "funder": labels.stats_filter_funder,
    }
    for key, value in data.narrowed_to:
        scope += f"　　{words.get(key, key)}{labels.colon}{value}"
    story.append(para(scope, s.subtitle))
    story.append(heading(labels.stats_summary))
    story.append(_headline(data, labels))
    chart = _chart(data, labels)
    by_street = _by_street(data)
    if chart is not None:
        story.append(heading(labels.stats_chart if by_street else labels.stats_chart_communities))
        story.append(chart)
    story.append(heading(labels.stats_by_unit if by_street else labels.stats_by_community))
    story.append(_table(data, labels))
    story.append(para(labels.stats_counting_note, s.muted))
    if data.dashboard is not None:
        story.extend(_dashboard(data.dashboard, labels))
    return DocumentPart(
        title=labels.title_statistics,
        subject=f"{data.unit_name} {period}",
        story=story,
    )


def render_statistics(
    data: StatisticsData, meta: ReportMeta, out: Output = None, *, labels: Labels = ZH
) -> bytes | None:
    """Render the work statistics to `out` (a path or binary file), or return the PDF bytes."""
    part = statistics_story(data, meta, labels)
    return render_parts([part], meta, out, pdf_title=f"{data.unit_name}{part.title}", labels=labels)
