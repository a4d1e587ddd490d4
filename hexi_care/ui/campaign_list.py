"""The list behind the dashboard's campaign figure: the children on a campaign's list in the
user's units, those not reached yet first. Enter or double-click opens the child's file."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

from hexi_care.services import campaigns
from hexi_care.services.campaigns import TargetChild
from hexi_care.ui import i18n
from hexi_care.ui.common import ERROR_COLOUR, label, make_table, on_activate
from hexi_care.ui.i18n import QT_TRANSLATE_NOOP
from hexi_care.ui.models import Column, RowsModel


class CampaignListDialog(QDialog):
    def __init__(self, ctx, main, campaign: str, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.main = main
        self.setObjectName("campaign_list")
        self.setWindowTitle(self.tr("Campaign list: {name}").format(name=campaign))
        self.resize(640, 480)
        self.model = RowsModel(
            [
                Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda t: t.name, width=6),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Community"), lambda t: t.community_name, width=8
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Reached"),
                    lambda t: i18n.label(i18n.TRISTATE, t.reached),
                    foreground=lambda t: None if t.reached else ERROR_COLOUR,
                    width=4,
                ),
            ],
            parent=self,
        )
        self.view = make_table(self.model, stretch=1)
        self.view.setObjectName("campaign_list_table")
        on_activate(self.view, self._open)
        self.count = label("", "muted")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.count)
        lay.addWidget(self.view, 1)
        lay.addWidget(buttons)
        ctx.worker.call(campaigns.target_list, campaign, done=self._show, owner=self)

    def _show(self, rows: list[TargetChild]) -> None:
        self.model.set_rows(rows)
        missing = sum(1 for r in rows if not r.reached)
        self.count.setText(
            self.tr("{n} children on the list, {missing} not reached yet").format(
                n=len(rows), missing=missing
            )
        )

    def _open(self, row: int) -> None:
        t = self.model.row_at(row)
        if t is not None:
            self.main.open_child(t.child_id)
