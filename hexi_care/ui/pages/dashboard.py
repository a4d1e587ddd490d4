"""工作台: visits due this week, overdue visits with days overdue, drafts, returned visits, open
follow-ups and open mandatory reports (red when made late or feedback is overdue), and the number
of children to re-examine (its card opens the 复核清单 page). Each line opens its record (Enter or
double-click)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hexi_care.domain.enums import Role
from hexi_care.services import dashboard, reexamination
from hexi_care.services.dashboard import Dashboard, WorkItem
from hexi_care.ui import i18n
from hexi_care.ui.common import (
    ERROR_COLOUR,
    WARN_COLOUR,
    label,
    make_table,
    on_activate,
    report_state,
)
from hexi_care.ui.i18n import QT_TRANSLATE_NOOP
from hexi_care.ui.models import Column, RowsModel

WEEKDAYS = (
    QT_TRANSLATE_NOOP("Labels", "Monday"),
    QT_TRANSLATE_NOOP("Labels", "Tuesday"),
    QT_TRANSLATE_NOOP("Labels", "Wednesday"),
    QT_TRANSLATE_NOOP("Labels", "Thursday"),
    QT_TRANSLATE_NOOP("Labels", "Friday"),
    QT_TRANSLATE_NOOP("Labels", "Saturday"),
    QT_TRANSLATE_NOOP("Labels", "Sunday"),
)


HOLIDAY_NEEDED = {
    "winter": QT_TRANSLATE_NOOP("Labels", "Winter holiday visit needed"),
    "summer": QT_TRANSLATE_NOOP("Labels", "Summer holiday visit needed (drowning first)"),
    "winter_missed": QT_TRANSLATE_NOOP("Labels", "Winter holiday visit missed"),
    "summer_missed": QT_TRANSLATE_NOOP("Labels", "Summer holiday visit missed"),
}


#: A card holds its count and a caption of up to two lines (English captions wrap at 1280 px).
CARD_HEIGHT = 90


def holiday_line(rule) -> str:
    """One line of the workbench for a holiday visit rule (winter or summer)."""
    name = {
        "winter": i18n.translate("Labels", "Winter holiday"),
        "summer": i18n.translate("Labels", "Summer holiday (drowning first)"),
    }[rule.kind]
    span = f"{i18n.fmt_date(rule.start)} – {i18n.fmt_date(rule.end)}"
    left = rule.children - rule.visited
    if rule.phase == "upcoming":
        text = i18n.translate("Labels", "starts {start}: every child needs a visit in it")
        state = text.format(start=i18n.fmt_date(rule.start))
    elif rule.phase == "under_way":
        text = i18n.translate(
            "Labels", "under way: {done} of {total} visited, {left} still to visit"
        )
        state = text.format(done=rule.visited, total=rule.children, left=left)
    else:
        text = i18n.translate("Labels", "over: {done} of {total} visited, {left} missed")
        state = text.format(done=rule.visited, total=rule.children, left=left)
    line = i18n.translate("Labels", "{name} ({span}): {state}")
    return line.format(name=name, span=span, state=state)


def weekday(d) -> str:
    return i18n.lookup(WEEKDAYS[d.weekday()]) if d else ""


def _columns(ctx, kind: str) -> list[Column]:
    cats = ctx.ref.categories
    name = Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda i: i.child_name, width=6)
    community = Column(
        QT_TRANSLATE_NOOP("Columns", "Community"), lambda i: i.community_name, width=8
    )
    category = Column(
        QT_TRANSLATE_NOOP("Columns", "Categories"), lambda i: cats.names(i.categories), width=10
    )
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    holiday = Column(
        QT_TRANSLATE_NOOP("Columns", "Holiday visit"),
        lambda i: i18n.translate("Labels", HOLIDAY_NEEDED[i.holiday]) if i.holiday else "",
        foreground=lambda i: WARN_COLOUR if i.holiday else None,
        # Wide enough for the longest line whole, in English too ("… (drowning first)").
        width=14,
    )
    if kind == "due":
        return [
            name,
            community,
            category,
            Column(QT_TRANSLATE_NOOP("Columns", "Due"), lambda i: i18n.fmt_date(i.when), width=6),
            Column(QT_TRANSLATE_NOOP("Columns", "Day"), lambda i: weekday(i.when), width=4),
            holiday,
        ]
    if kind == "overdue":
        return [
            name,
            community,
            category,
            Column(
                QT_TRANSLATE_NOOP("Columns", "Was due"), lambda i: i18n.fmt_date(i.when), width=6
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Days overdue"),
                lambda i: str(i.days_overdue),
                align=right,
                foreground=lambda i: ERROR_COLOUR if i.days_overdue > 30 else WARN_COLOUR,
                width=5,
            ),
            holiday,
        ]
    if kind == "review":
        return [
            name,
            community,
            Column(
                QT_TRANSLATE_NOOP("Columns", "Visit date"), lambda i: i18n.fmt_date(i.when), width=6
            ),
            Column(QT_TRANSLATE_NOOP("Columns", "By"), lambda i: i.text, width=6),
        ]
    if kind in ("drafts", "returned"):
        cols = [
            name,
            community,
            Column(
                QT_TRANSLATE_NOOP("Columns", "Visit date"), lambda i: i18n.fmt_date(i.when), width=6
            ),
        ]
        if kind == "returned":
            cols.append(
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Supervisor's comment"),
                    lambda i: i.text,
                    tooltip=lambda i: i.text,
                )
            )
        return cols
    if kind == "followups":
        return [
            name,
            community,
            Column(
                QT_TRANSLATE_NOOP("Columns", "Action"),
                lambda i: i.text,
                tooltip=lambda i: i.text,
                width=16,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Deadline"), lambda i: i18n.fmt_date(i.when), width=6
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Days overdue"),
                lambda i: str(i.days_overdue) if i.days_overdue else "",
                align=right,
                foreground=lambda i: ERROR_COLOUR if i.days_overdue else None,
                width=5,
            ),
        ]
    return [
        name,
        community,
        Column(
            QT_TRANSLATE_NOOP("Columns", "Trigger"),
            lambda i: i18n.label(i18n.REPORT_TRIGGER, i.text),
            width=18,
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Found on"), lambda i: i18n.fmt_date(i.when), width=6),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Deadline"),
            report_state,
            foreground=lambda i: ERROR_COLOUR if i.late or i.feedback_overdue else None,
            width=8,
        ),
    ]


SUPERVISORS = (Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR)


class DashboardPage(QWidget):
    # "review" (待审核) shows for supervisors only, first: what waits for them.
    LISTS = ("review", "due", "overdue", "drafts", "returned", "followups", "reports")

    def __init__(self, ctx, main) -> None:
        super().__init__()
        self.ctx = ctx
        self.main = main
        self.data: Dashboard | None = None
        captions = {
            "review": self.tr("Waiting for review"),
            "due": self.tr("Due this week"),
            "overdue": self.tr("Overdue visits"),
            "drafts": self.tr("Drafts"),
            "returned": self.tr("Returned by a supervisor"),
            "followups": self.tr("Open follow-ups"),
            "reports": self.tr("Open mandatory reports"),
        }
        self.title = label(self.tr("Workbench"), "title")
        self.subtitle = label("", "muted")
        self.cards: dict[str, QPushButton] = {}
        self.counts: dict[str, QLabel] = {}
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.models: dict[str, RowsModel] = {}
        self.views: dict[str, QWidget] = {}
        self.lists = QStackedWidget()
        for i, key in enumerate(self.LISTS):
            card = QPushButton()
            card.setObjectName(f"card_{key}")
            card.setCheckable(True)
            card.setMinimumHeight(CARD_HEIGHT)
            card.setStyleSheet(
                "QPushButton { background: #ffffff; border: 1px solid #d8dde6; border-radius: 6px; text-align: left; padding: 8px; }"
                "QPushButton:checked { border: 2px solid #1f5fa8; background: #f1f6fc; }"
                "QPushButton:focus { border: 2px solid #5b8fd0; }"
            )
            inner = QVBoxLayout(card)
            inner.setContentsMargins(10, 6, 10, 6)
            count = label("–", "count")
            count.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            cap = label(captions[key], "muted")
            cap.setWordWrap(True)  # seven cards at 1280 px: an English caption takes two lines
            cap.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            inner.addWidget(count)
            inner.addWidget(cap)
            card.setAccessibleName(captions[key])
            self.cards[key] = card
            self.counts[key] = count
            self.group.addButton(card, i)
            grid.addWidget(card, 0, i)
            model = RowsModel(_columns(ctx, key), parent=self)
            self.models[key] = model
            view = make_table(model, stretch={"due": 2, "overdue": 2, "followups": 2}.get(key))
            view.setObjectName(f"list_{key}")
            on_activate(view, partial(self._open, key))
            self.views[key] = view
            self.lists.addWidget(view)
            card.clicked.connect(lambda _=False, k=key: self.select(k))
        # Re-examinations have their own page: the card shows how many children and goes there.
        self.reexam_card = QPushButton()
        self.reexam_card.setObjectName("card_reexam")
        self.reexam_card.setMinimumHeight(CARD_HEIGHT)
        self.reexam_card.setStyleSheet(
            "QPushButton { background: #ffffff; border: 1px solid #d8dde6; border-radius: 6px; text-align: left; padding: 8px; }"
            "QPushButton:focus { border: 2px solid #5b8fd0; }"
        )
        inner = QVBoxLayout(self.reexam_card)
        inner.setContentsMargins(10, 6, 10, 6)
        self.reexam_count = label("–", "count")
        self.reexam_count.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        reexam_caption = self.tr("Children to re-examine")
        cap = label(reexam_caption, "muted")
        cap.setWordWrap(True)
        cap.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        inner.addWidget(self.reexam_count)
        inner.addWidget(cap)
        self.reexam_card.setAccessibleName(reexam_caption)
        self.reexam_card.clicked.connect(lambda: self.main.show_page("reexam"))
        grid.addWidget(self.reexam_card, 0, len(self.LISTS))
        self.more = QPushButton(self.tr("Show all overdue children in the children list"))
        self.more.setVisible(False)
        self.more.clicked.connect(self._all_overdue)
        self.list_title = label("", "subtitle")
        self.hint = label(self.tr("Enter or double-click opens the record."), "muted")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        self.holidays = label("", "muted")
        self.holidays.setObjectName("holiday_rules")
        lay.addWidget(self.holidays)
        lay.addLayout(grid)
        head = QHBoxLayout()
        head.addWidget(self.list_title)
        head.addStretch(1)
        head.addWidget(self.more)
        lay.addLayout(head)
        lay.addWidget(self.lists, 1)
        lay.addWidget(self.hint)
        self.captions = captions
        self.cards["reports"].setVisible(True)
        self.cards["review"].setVisible(ctx.user.role in SUPERVISORS)
        self.select("review" if ctx.user.role in SUPERVISORS else "overdue")

    def select(self, key: str) -> None:
        self.cards[key].setChecked(True)
        self.lists.setCurrentWidget(self.views[key])
        self.list_title.setText(self.captions[key])
        self.more.setVisible(
            key == "overdue"
            and self.data is not None
            and self.data.counts.get("overdue", 0) > len(self.data.overdue)
        )

    def current(self) -> str:
        return next(k for k, v in self.views.items() if v is self.lists.currentWidget())

    def refresh(self) -> None:
        self.setProperty("stale", False)
        self.ctx.worker.call(dashboard.dashboard, done=self._show, owner=self)
        self.ctx.worker.call(
            reexamination.count, done=lambda n: self.reexam_count.setText(f"{n:,}"), owner=self
        )

    def _show(self, d: Dashboard) -> None:
        self.data = d
        self.subtitle.setText(
            self.tr("Today is {date}, {weekday}. This week ends on {end}.").format(
                date=d.today.isoformat(), weekday=weekday(d.today), end=d.week_end.isoformat()
            )
        )
        self.holidays.setText("\n".join(holiday_line(r) for r in d.holidays))
        rows: dict[str, list[WorkItem] | None] = {
            "due": d.due_this_week,
            "overdue": d.overdue,
            "drafts": d.drafts,
            "returned": d.returned,
            "followups": d.followups,
            "reports": d.reports,
            "review": d.to_review,
        }
        keys = {"due": "due_this_week"}
        for key, items in rows.items():
            if items is None:
                self.cards[key].setVisible(False)
                continue
            self.models[key].set_rows(items)
            self.counts[key].setText(f"{d.counts.get(keys.get(key, key), len(items)):,}")
        self.select(self.current())

    def _open(self, key: str, row: int) -> None:
        item = self.models[key].row_at(row)
        if item is None:
            return
        if key == "review":
            page = self.main.show_page("review")
            if page is not None:
                page.select_visit_when_loaded(item.record_id)
            return
        self.main.open_item(item)

    def _all_overdue(self) -> None:
        page = self.main.show_page("children")
        if page is not None:
            page.show_overdue()
