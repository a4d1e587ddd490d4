"""A household: address and phones, its children, parents and guardians with their situations,
notices delivered and help given."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hexi_care.domain.model import Assistance, Guardian, Household, NoticeDelivery
from hexi_care.services import households, listings, support
from hexi_care.services.listings import ChildBrief
from hexi_care.ui import i18n
from hexi_care.ui.columns import guardian_columns, help_columns, notice_columns
from hexi_care.ui.common import label, make_table, on_activate, shortcut
from hexi_care.ui.dialogs.guardian import GuardianDialog
from hexi_care.ui.dialogs.support import AssistanceDialog, NoticeDeliveryDialog
from hexi_care.ui.i18n import QT_TRANSLATE_NOOP
from hexi_care.ui.models import Column, RowsModel
from hexi_care.ui.screen import fit_to_screen
from hexi_care.ui.worker import Task


@dataclass
class HouseholdData:
    household: Household
    children: list[ChildBrief]
    guardians: list[Guardian]
    notices: list[NoticeDelivery]
    help: list[Assistance]


def load_household(task: Task, household_id: str) -> HouseholdData:
    with task.uow() as uow:
        hh = households.get_household(uow, household_id)
        uow.audit("open", "household", household_id, "view")
        return HouseholdData(
            household=hh,
            children=listings.household_children(uow, household_id),
            guardians=households.guardians_of(uow, household_id),
            notices=support.deliveries(uow, household_id),
            help=support.assistance_for(uow, household_id=household_id),
        )


class HouseholdWindow(QWidget):
    def __init__(self, ctx, main, household_id: str) -> None:
        super().__init__(main, Qt.WindowType.Window)
        self.ctx = ctx
        self.main = main
        self.household_id = household_id
        self.data: HouseholdData | None = None
        self.setObjectName("household_window")
        self.setWindowTitle(self.tr("Household"))
        fit_to_screen(self, 1000, 680)
        self.title = label(self.tr("Loading…"), "title")
        self.summary = label("", "muted", wrap=True)
        self.kids = RowsModel(
            [
                Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda c: c.name, width=6),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Sex"),
                    lambda c: i18n.label(i18n.SEX, c.sex),
                    width=2,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Birth date"),
                    lambda c: i18n.fmt_date(c.birth_date),
                    width=6,
                ),
                Column(QT_TRANSLATE_NOOP("Columns", "ID number"), lambda c: c.id_number_masked),
            ],
            parent=self,
        )
        self.guardians = RowsModel(guardian_columns(), parent=self)
        self.notices = RowsModel(notice_columns(), parent=self)
        self.help = RowsModel(help_columns(), parent=self)
        kid_view = make_table(self.kids, stretch=3)
        on_activate(
            kid_view, lambda r: self.kids.row_at(r) and self.main.open_child(self.kids.row_at(r).id)
        )
        self.g_view = make_table(self.guardians, stretch=4)
        on_activate(self.g_view, self._edit_guardian)
        add_g = QPushButton(self.tr("Add parent or guardian…"))
        add_g.clicked.connect(lambda: self._edit_guardian(-1))
        rec_n = QPushButton(self.tr("Record a notice delivery…"))
        rec_n.clicked.connect(self._notice)
        self.notice_template = QComboBox()
        self.notice_template.setObjectName("notice_template")
        for code, name in (
            ("winter", self.tr("Winter holiday")),
            ("summer", self.tr("Summer holiday")),
            ("general", self.tr("General")),
        ):
            self.notice_template.addItem(name, code)
        self.notice_template.setCurrentIndex(2)
        print_n = QPushButton(self.tr("Print notice…"))
        print_n.setObjectName("print_notice")
        print_n.setToolTip(
            self.tr("监护责任告知书 of the chosen version, to hand over and have signed")
        )
        print_n.clicked.connect(self.print_notice)
        rec_h = QPushButton(self.tr("Record help given…"))
        rec_h.clicked.connect(self._help)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.summary)
        for title, view, buttons in (
            (self.tr("Children (Enter opens the file)"), kid_view, ()),
            (self.tr("Parents, guardians and carers"), self.g_view, (add_g,)),
            (
                self.tr("Notices delivered"),
                make_table(self.notices, stretch=3),
                (rec_n, self.notice_template, print_n),
            ),
            (self.tr("Help given"), make_table(self.help, stretch=2), (rec_h,)),
        ):
            g = QGroupBox(title)
            gl = QVBoxLayout(g)
            gl.addWidget(view)
            if buttons:
                row = QHBoxLayout()
                for b in buttons:
                    row.addWidget(b)
                row.addStretch(1)
                gl.addLayout(row)
            lay.addWidget(g)
        shortcut(self, "Ctrl+W", self.close)
        self.reload()

    def reload(self) -> None:
        hid = self.household_id
        self.ctx.worker.submit(
            lambda task: load_household(task, hid),
            done=self._show,
            failed=lambda e: self.title.setText(i18n.problem_text(e)),
            owner=self,
        )

    def _show(self, d: HouseholdData) -> None:
        self.data = d
        hh = d.household
        self.title.setText(hh.address or self.tr("Household"))
        self.setWindowTitle(self.tr("Household: {address}").format(address=hh.address))
        self.summary.setText(
            " · ".join(
                x
                for x in (self.ctx.ref.unit_name(hh.community_id), hh.phone, hh.hukou_address)
                if x
            )
        )
        self.kids.set_rows(d.children)
        self.guardians.set_rows(d.guardians)
        self.notices.set_rows(d.notices)
        self.help.set_rows(d.help)

    def print_notice(self) -> None:
        from hexi_care.ui import printing

        printing.print_notice(
            self.ctx, self, self.household_id, self.notice_template.currentData() or "general"
        )

    def _edit_guardian(self, row: int) -> None:
        existing: Any = self.guardians.row_at(row) if row >= 0 else None
        dlg = GuardianDialog(self.ctx, self, self.household_id, existing)
        dlg.saved.connect(lambda _g: self.reload())
        dlg.open()

    def _notice(self) -> None:
        names = [g.name for g in self.data.guardians] if self.data else []
        dlg = NoticeDeliveryDialog(self.ctx, self, self.household_id, names)
        dlg.saved.connect(lambda _n: self.reload())
        dlg.open()

    def _help(self) -> None:
        kids = [(c.id, c.name) for c in self.data.children] if self.data else []
        dlg = AssistanceDialog(self.ctx, self, self.household_id, kids)
        dlg.saved.connect(lambda _a: self.reload())
        dlg.open()
