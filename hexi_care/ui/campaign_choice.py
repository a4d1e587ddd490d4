"""The campaign a visit or help belongs to, as a choice: none, or one of the campaigns open on the
record's date in the user's units, stored by the campaign's name (its reference: unique, and the
campaign's id is made from it; statistics and coverage filter by it). A value no open campaign
carries (free text written before campaigns were records, or a campaign ended since) stays
shown and kept as it is."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QWidget

from hexi_care.services import campaigns
from hexi_care.ui.worker import logged_only


class CampaignChoice(QComboBox):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.day: date | None = None
        self.offered: list[str] = []  # the names of the campaigns open on `day`
        self.addItem(self.tr("None"), "")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def value(self) -> str:
        return str(self.currentData() or "")

    def set_value(self, name: str) -> None:
        """Choose `name` ("" for none); a name not offered is added so it stays as it was."""
        name = (name or "").strip()
        i = self.findData(name)
        if i < 0:
            self.addItem(name, name)
            i = self.count() - 1
        self.setCurrentIndex(i)

    def set_day(self, day: date | None) -> None:
        """Offer the campaigns open on `day` (read on the database worker); the value chosen
        stays chosen."""
        if day is None or day == self.day:
            return
        self.day = day

        def done(names: list[str]) -> None:
            if day != self.day:
                return  # the date changed again meanwhile
            self.offered = names
            self._rebuild()

        self.ctx.worker.call(
            lambda uow: [c.name for c in campaigns.open_on(uow, day)],
            done=done,
            failed=logged_only,  # nothing offered then; "none" can still be saved
            owner=self,
        )

    def _rebuild(self) -> None:
        chosen = self.value()
        self.blockSignals(True)
        while self.count() > 1:
            self.removeItem(1)
        for name in self.offered:
            self.addItem(name, name)
        if chosen and chosen not in self.offered:
            self.addItem(chosen, chosen)
        self.setCurrentIndex(max(0, self.findData(chosen)))
        self.blockSignals(False)
