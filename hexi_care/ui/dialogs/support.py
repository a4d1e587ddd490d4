"""Notices handed to a household (监护责任告知书) and help given (帮扶/慰问)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from hexi_care.domain.model import (
    Assistance,
    NoticeDelivery,
    NoticeTemplate,
)
from hexi_care.services import support
from hexi_care.ui import i18n
from hexi_care.ui.campaign_choice import CampaignChoice
from hexi_care.ui.common import (
    DateField,
    combo,
)

if TYPE_CHECKING:
    pass

from hexi_care.ui.dialogs.base import RecordDialog


class NoticeDeliveryDialog(RecordDialog):
    """A guardian-responsibility notice (监护责任告知书) handed to the household."""

    def __init__(
        self, ctx, parent: QWidget | None, household_id: str, guardian_names: list[str]
    ) -> None:
        super().__init__(ctx, parent)
        self.household_id = household_id
        self.setWindowTitle(self.tr("Record a notice delivery"))
        self.template = QComboBox()
        self.template.setObjectName("notice_template")
        self.on = DateField()
        self.on.set_value(ctx.today())
        self.guardian = QComboBox()
        self.guardian.setEditable(True)
        self.guardian.addItems(guardian_names)
        self.signed = QCheckBox(self.tr("The guardian signed the notice"))
        self.signed.setChecked(True)
        self.note = QLineEdit()
        form = self.form_layout(
            (i18n.field("template"), self.template, "template"),
            (self.tr("Delivered on"), self.on, "date"),
            (self.tr("Guardian"), self.guardian, "name"),
            ("", self.signed),
            (i18n.field("note"), self.note, "note"),
        )
        self.lay_out(form, on_ok=self._ok, ok_text=self.tr("Save"))
        # Listing writes nothing: a built-in template is written with the first delivery.
        ctx.worker.call(support.templates, done=self._templates, owner=self)

    def _templates(self, items: list[NoticeTemplate]) -> None:
        self.template.clear()
        for t in items:
            self.template.addItem(f"{t.title} (v{t.version})", (t.code, t.version))

    def _ok(self) -> None:
        data = self.template.currentData()
        if data is None:
            self.errors.show("template", i18n.translate("Common", "is required."))
            return
        d = NoticeDelivery(
            household_id=self.household_id,
            template_code=data[0],
            template_version=data[1],
            delivered_on=self.on.value() or self.ctx.today(),
            guardian_name=self.guardian.currentText(),
            signed=self.signed.isChecked(),
            note=self.note.text(),
        )
        self.save(lambda uow: support.record_delivery(uow, d))


class AssistanceDialog(RecordDialog):
    """Help given (帮扶/慰问) to a household, and to one child if it was for them."""

    def __init__(
        self,
        ctx,
        parent: QWidget | None,
        household_id: str,
        kids: list[tuple[str, str]],
        child_id: str | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.household_id = household_id
        self.setWindowTitle(self.tr("Record help given"))
        self.on = DateField()
        self.on.set_value(ctx.today())
        self.kind = combo(
            [(i18n.label(i18n.ASSISTANCE_KIND, k), k) for k in support.ASSISTANCE_KINDS]
        )
        self.kind.setObjectName("help_kind")
        self.description = QLineEdit()
        self.description.setObjectName("help_description")
        self.description.setPlaceholderText(self.tr("e.g. winter coat and school things"))
        self.items = QSpinBox()
        self.items.setRange(0, 100000)
        self.amount = QDoubleSpinBox()
        self.amount.setObjectName("help_amount")
        self.amount.setRange(0, 1_000_000)
        self.amount.setDecimals(2)
        self.amount.setSuffix(self.tr(" yuan"))
        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("e.g. district civil affairs bureau"))
        # The campaign the help belongs to: none, or one open on the day it was given.
        self.campaign = CampaignChoice(ctx)
        self.campaign.setObjectName("help_campaign")
        self.on.dateChanged.connect(lambda _d: self.campaign.set_day(self.on.value()))
        self.campaign.set_day(self.on.value())
        # Who in the household benefited: the children by name, everyone else as a count.
        self.children_list = QListWidget()
        self.children_list.setObjectName("help_children")
        self.children_list.setMaximumHeight(90)
        for cid, name in kids:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, cid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if cid == child_id else Qt.CheckState.Unchecked
            )
            self.children_list.addItem(item)
        self.others = QSpinBox()
        self.others.setObjectName("help_others")
        self.others.setRange(0, 100)
        self.others.setToolTip(self.tr("Adults and children not registered who benefited too"))
        form = self.form_layout(
            (self.tr("Given on"), self.on, "date"),
            (self.tr("Children who benefited"), self.children_list, "child_id"),
            (self.tr("Other people who benefited"), self.others, "others"),
            (i18n.field("kind"), self.kind, "kind"),
            (self.tr("What"), self.description, "description"),
            (i18n.field("items"), self.items, "items"),
            (i18n.field("amount"), self.amount, "amount"),
            (i18n.field("source"), self.source, "source"),
            (self.tr("Campaign"), self.campaign, "campaign"),
        )
        self.lay_out(form, on_ok=self._ok, ok_text=self.tr("Save"))

    def _ok(self) -> None:
        a = Assistance(
            household_id=self.household_id,
            given_on=self.on.value() or self.ctx.today(),
            kind=self.kind.currentData(),
            description=self.description.text(),
            items=self.items.value(),
            amount_fen=round(self.amount.value() * 100),
            source=self.source.text(),
            child_ids=[
                self.children_list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.children_list.count())
                if self.children_list.item(i).checkState() == Qt.CheckState.Checked
            ],
            others=self.others.value(),
            campaign=self.campaign.value(),
        )
        self.save(lambda uow: support.record_assistance(uow, a))
