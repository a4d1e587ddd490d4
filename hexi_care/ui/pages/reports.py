"""报表: this period's work figures (户, 人, 人次, 件, 元), counted live by services.statistics, and the
printed documents. Printing from the window is wired by the reports part (`DOCUMENT_ACTIONS`); until
then each document says which command prints it."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hexi_care.services import statistics
from hexi_care.ui import i18n
from hexi_care.ui.common import DateField, label, make_table, yuan
from hexi_care.ui.models import Column, RowsModel

#: (key, title, what it is, the command that prints it today)
DOCUMENTS: tuple[tuple[str, str, str, str], ...] = (
    (
        "checklist",
        QT_TRANSLATE_NOOP("Reports", "Home-visit checklist (入户走访记录表)"),
        QT_TRANSLATE_NOOP(
            "Reports",
            "Pre-filled for a planned visit, to take along and fill by hand; blank for a child not yet registered.",
        ),
        "hexi-care report checklist --child ID",
    ),
    (
        "summary",
        QT_TRANSLATE_NOOP("Reports", "Visit summary (走访情况小结)"),
        QT_TRANSLATE_NOOP(
            "Reports", "One recorded visit, for the file and the guardian's signature."
        ),
        "hexi-care report summary --visit ID",
    ),
    (
        "notice",
        QT_TRANSLATE_NOOP("Reports", "Guardian-responsibility notice (监护责任告知书)"),
        QT_TRANSLATE_NOOP(
            "Reports",
            "Winter, summer or general version, to hand to the household and have signed.",
        ),
        "hexi-care report notice --household ID --template winter",
    ),
    (
        "casefile",
        QT_TRANSLATE_NOOP("Reports", "Case file (一人一档)"),
        QT_TRANSLATE_NOOP(
            "Reports",
            "A child's whole file: profile, categories, guardians, every visit, help and follow-ups.",
        ),
        "hexi-care report casefile --child ID",
    ),
    (
        "stats",
        QT_TRANSLATE_NOOP("Reports", "Work statistics (工作统计)"),
        QT_TRANSLATE_NOOP(
            "Reports",
            "Households, persons, person-times, items and money for a period, by street and community.",
        ),
        "hexi-care report stats --unit UNIT --from DATE --to DATE",
    ),
    (
        "register",
        QT_TRANSLATE_NOOP("Reports", "Register export (台账, CSV or Excel)"),
        QT_TRANSLATE_NOOP(
            "Reports",
            "The list of children with masked ID numbers, for the street and district registers.",
        ),
        "hexi-care report register --unit UNIT --out FILE.xlsx",
    ),
)

#: Filled by the reports part: key → callable(ctx, parent_widget) that asks what to print and prints.
#: The module `hexi_care.ui.printing`, when present, is imported first and registers its actions here.
DOCUMENT_ACTIONS: dict[str, Callable[..., None]] = {}
EXTENSION = "hexi_care.ui.printing"


def load_extension(name: str) -> None:
    """Import an optional module that registers actions; absent is fine, broken is a bug."""
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise


def _flat(u: statistics.UnitFigures, depth: int = 0) -> list[tuple[int, statistics.UnitFigures]]:
    out = [(depth, u)]
    for p in u.parts:
        out.extend(_flat(p, depth + 1))
    return out


class ReportsPage(QWidget):
    def __init__(self, ctx, main) -> None:
        super().__init__()
        load_extension(EXTENSION)
        self.ctx = ctx
        self.main = main
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        self.figures = RowsModel(
            [
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Unit"),
                    lambda r: "    " * r[0] + r[1].name,
                    width=12,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Households"),
                    lambda r: f"{r[1].figures.households:,}",
                    align=right,
                    width=4,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Persons"),
                    lambda r: f"{r[1].figures.children:,}",
                    align=right,
                    width=4,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Person-times"),
                    lambda r: f"{r[1].figures.person_times:,}",
                    align=right,
                    width=4,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Visits"),
                    lambda r: f"{r[1].figures.visits:,}",
                    align=right,
                    width=4,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Notices"),
                    lambda r: f"{r[1].figures.notices:,}",
                    align=right,
                    width=4,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Items"),
                    lambda r: f"{r[1].figures.items:,}",
                    align=right,
                    width=4,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Yuan"),
                    lambda r: yuan(r[1].figures.amount_fen),
                    align=right,
                    width=6,
                ),
            ],
            parent=self,
        )
        today = ctx.today()
        self.unit = QComboBox()
        self.unit.setObjectName("stats_unit")
        own = ctx.user.unit_id if ctx.user else None
        units = [u for u in ctx.ref.units if u.kind.value != "community"] + ctx.ref.communities()
        seen: set[str] = set()
        for u in [x for x in ctx.ref.units if x.id == own] + units:
            if u.id not in seen:
                seen.add(u.id)
                self.unit.addItem(f"{i18n.label(i18n.UNIT_KIND, u.kind)} · {u.name}", u.id)
        self.start = DateField()
        self.start.set_value(date(today.year, 1, 1))
        self.end = DateField()
        self.end.set_value(today)
        count = QPushButton(self.tr("&Count"))
        count.setObjectName("stats_count")
        count.clicked.connect(self.refresh)
        self.message = label("", "muted", wrap=True)
        view = make_table(self.figures, stretch=0)
        view.setObjectName("stats_table")
        fig = QGroupBox(self.tr("Work figures"))
        fl = QVBoxLayout(fig)
        row = QHBoxLayout()
        row.addWidget(self.unit, 2)
        row.addWidget(self.start)
        row.addWidget(label("–"))
        row.addWidget(self.end)
        row.addWidget(count)
        fl.addLayout(row)
        fl.addWidget(view, 1)
        fl.addWidget(
            label(
                self.tr(
                    "Persons are counted once however often they were reached; person-times count every visit and every activity taken part in."
                ),
                "muted",
                wrap=True,
            )
        )
        fl.addWidget(self.message)
        docs = QGroupBox(self.tr("Printed documents"))
        inner = QWidget()
        dl = QVBoxLayout(inner)
        dl.setContentsMargins(0, 0, 6, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        QVBoxLayout(docs).addWidget(scroll)
        for key, title, what, command in DOCUMENTS:
            box = QWidget()
            bl = QHBoxLayout(box)
            bl.setContentsMargins(0, 4, 0, 4)
            text = QVBoxLayout()
            text.addWidget(label(i18n.lookup(title, "Reports"), "subtitle"))
            text.addWidget(label(i18n.lookup(what, "Reports"), wrap=True))
            action = DOCUMENT_ACTIONS.get(key)
            hint = label(
                self.tr(
                    "Printing from the window comes with the printing module. Until then: {command}"
                ).format(command=command)
                if action is None
                else "",
                "muted",
                wrap=True,
                selectable=True,
            )
            text.addWidget(hint)
            bl.addLayout(text, 1)
            button = QPushButton(self.tr("Create…"))
            button.setObjectName(f"print_{key}")
            button.setEnabled(action is not None)
            if action is not None:
                button.clicked.connect(lambda _=False, a=action: a(self.ctx, self))
            bl.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            dl.addWidget(box)
        dl.addStretch(1)
        split = QSplitter()
        split.addWidget(fig)
        split.addWidget(docs)
        split.setSizes([640, 480])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addWidget(label(self.tr("Reports"), "title"))
        lay.addWidget(split, 1)
        self._counted = False

    def refresh(self) -> None:
        unit = self.unit.currentData()
        start, end = self.start.value(), self.end.value()
        if unit is None or start is None or end is None:
            return
        self.message.setText(self.tr("Counting…"))

        def done(f: statistics.UnitFigures) -> None:
            self.figures.set_rows(_flat(f))
            self.message.setText("")

        self.ctx.worker.call(
            statistics.compute,
            unit,
            start,
            end,
            done=done,
            failed=lambda e: self.message.setText(i18n.problem_text(e)),
            owner=self,
        )
