"""An activity (慰问、营会、讲座 …) and the children who took part."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hexi_care.domain.model import (
    Activity,
)
from hexi_care.services import children, listings, support
from hexi_care.ui import i18n
from hexi_care.ui.campaign_choice import CampaignChoice
from hexi_care.ui.common import (
    DateField,
    label,
    set_combo_data,
    text_edit,
)

if TYPE_CHECKING:
    pass

from hexi_care.ui.dialogs.base import RecordDialog
from hexi_care.ui.screen import fit_to_screen


class ActivityDialog(RecordDialog):
    """An activity (慰问、营会、讲座 …) and the children who took part (counted as 人次)."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("activity_dialog")
        self.setWindowTitle(self.tr("New activity"))
        self.title = QLineEdit()
        self.title.setObjectName("activity_title")
        self.title.setPlaceholderText(self.tr("e.g. 瑞雪迎春 winter camp"))
        self.on = DateField()
        self.on.set_value(ctx.today())
        self.unit = QComboBox()
        self.place = QLineEdit()
        self.organiser = QLineEdit()
        self.note = text_edit(2)
        # Several days, and people counted at the door besides the children named below.
        self.ends = DateField(optional=True)
        self.ends.setObjectName("activity_ends")
        self.head_count = QSpinBox()
        self.head_count.setObjectName("activity_head_count")
        self.head_count.setRange(0, 1_000_000)
        # The campaign the activity belongs to: none, or one open on its first day.
        self.activity_campaign = CampaignChoice(ctx)
        self.activity_campaign.setObjectName("activity_campaign")
        self.on.dateChanged.connect(lambda _d: self.activity_campaign.set_day(self.on.value()))
        self.activity_campaign.set_day(self.on.value())
        self.funder = QLineEdit()
        self.search = QLineEdit()
        self.search.setObjectName("activity_search")
        self.search.setPlaceholderText(self.tr("Find a child: name, pinyin initials or ID digits"))
        self.results = QListWidget()
        self.results.setObjectName("activity_results")
        self.chosen = QListWidget()
        self.chosen.setObjectName("activity_participants")
        add = QPushButton(self.tr("Add →"))
        remove = QPushButton(self.tr("← Remove"))
        self.count = label("", "muted")
        form = self.form_layout(
            (i18n.field("title"), self.title, "title"),
            (self.tr("Date"), self.on, "date"),
            (self.tr("Last day (if several days)"), self.ends, "end_date"),
            (self.tr("Held by"), self.unit, "unit"),
            (i18n.field("place"), self.place, "place"),
            (i18n.field("organiser"), self.organiser, "organiser"),
            (i18n.field("note"), self.note, "note"),
            (self.tr("Others taking part (head count)"), self.head_count, "head_count"),
            (self.tr("Campaign"), self.activity_campaign, "campaign"),
            (self.tr("Funder"), self.funder, "funder"),
        )
        picker = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.results)
        mid = QVBoxLayout()
        mid.addStretch(1)
        mid.addWidget(add)
        mid.addWidget(remove)
        mid.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.count)
        right.addWidget(self.chosen)
        picker.addLayout(left, 1)
        picker.addLayout(mid)
        picker.addLayout(right, 1)
        parts = QGroupBox(self.tr("Participants"))
        parts.setLayout(picker)
        self.errors.add("child_id", self.chosen)
        self.lay_out(form, (parts, 1), on_ok=self._ok, ok_text=self.tr("Save"))
        self.search.textChanged.connect(self._find)
        add.clicked.connect(self._add)
        self.results.itemActivated.connect(lambda _i: self._add())
        remove.clicked.connect(self._remove)
        self.chosen.itemActivated.connect(lambda _i: self._remove())
        ctx.worker.call(listings.activity_units, done=self._units, owner=self)
        self._searching = False
        self._again = False
        self._update_count()
        fit_to_screen(self, 760, 680)

    def _units(self, items: list[Any]) -> None:
        for u in items:
            self.unit.addItem(f"{i18n.label(i18n.UNIT_KIND, u.kind)} · {u.name}", u.id)
        if self.ctx.user is not None:
            set_combo_data(self.unit, self.ctx.user.unit_id)

    def _find(self) -> None:
        if self._searching:
            self._again = True
            return
        q = self.search.text().strip()
        if not q:
            self.results.clear()
            return
        self._searching = True

        def done(rows: list[Any]) -> None:
            self._searching = False
            self.results.clear()
            for c in rows:
                item = QListWidgetItem(f"{c.name}  {c.community_name}  {c.id_number_masked}")
                item.setData(Qt.ItemDataRole.UserRole, (c.id, c.name))
                self.results.addItem(item)
            if self._again:
                self._again = False
                self._find()

        self.ctx.worker.call(children.list_children, query=q, limit=30, done=done, owner=self)

    def _ids(self) -> list[str]:
        return [
            self.chosen.item(i).data(Qt.ItemDataRole.UserRole)[0]
            for i in range(self.chosen.count())
        ]

    def _add(self) -> None:
        for item in self.results.selectedItems() or (
            [self.results.currentItem()] if self.results.currentItem() else []
        ):
            cid, name = item.data(Qt.ItemDataRole.UserRole)
            if cid not in self._ids():
                new = QListWidgetItem(name)
                new.setData(Qt.ItemDataRole.UserRole, (cid, name))
                self.chosen.addItem(new)
        self._update_count()

    def _remove(self) -> None:
        r = self.chosen.currentRow()
        if r >= 0:
            self.chosen.takeItem(r)
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(self.tr("{n} participants").format(n=self.chosen.count()))

    def _ok(self) -> None:
        a = Activity(
            unit_id=self.unit.currentData() or "",
            title=self.title.text(),
            held_on=self.on.value() or self.ctx.today(),
            place=self.place.text(),
            organiser=self.organiser.text(),
            note=self.note.toPlainText(),
            participant_ids=self._ids(),
            ends_on=self.ends.value(),
            head_count=self.head_count.value(),
            campaign=self.activity_campaign.value(),
            funder=self.funder.text(),
        )
        self.save(lambda uow: support.add_activity(uow, a))
