"""Social support as data in the child's file: a support record (低保, 特困, 医疗救助 …) and the
entrusted-care agreement (委托照护协议) with its scan chosen among the child's attachments."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLineEdit, QWidget

from hexi_care import vocabulary
from hexi_care.domain.enums import SupportKind
from hexi_care.domain.model import Attachment, CareAgreement, SupportBenefit
from hexi_care.services import social_support
from hexi_care.ui import i18n
from hexi_care.ui.common import DateField, combo, set_combo_data
from hexi_care.ui.dialogs.base import RecordDialog


class SupportDialog(RecordDialog):
    """Add or change one support record; amounts in yuan, kept in fen."""

    def __init__(
        self, ctx, parent: QWidget | None, child_id: str, current: SupportBenefit | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Social support"))
        self.setObjectName("support_dialog")
        self.child_id, self.current = child_id, current
        self.kind = combo([(i18n.label(vocabulary.SUPPORT_KIND, k), k) for k in SupportKind])
        self.kind.setObjectName("support_kind")
        self.approved = DateField(optional=True)
        self.amount = QDoubleSpinBox()
        self.amount.setObjectName("support_amount")
        self.amount.setRange(0, 1_000_000)
        self.amount.setDecimals(2)
        self.amount.setSuffix(self.tr(" yuan"))
        self.monthly = QCheckBox(self.tr("Paid every month"))
        self.monthly.setChecked(True)
        self.start = DateField(optional=True)
        self.end = DateField(optional=True)
        self.note = QLineEdit()
        if current is not None:
            set_combo_data(self.kind, current.kind)
            self.approved.set_value(current.approved_on)
            self.amount.setValue(current.amount_fen / 100)
            self.monthly.setChecked(current.monthly)
            self.start.set_value(current.start_date)
            self.end.set_value(current.end_date)
            self.note.setText(current.note)
        form = self.form_layout(
            (i18n.field("support_kind"), self.kind, "support_kind"),
            (i18n.field("approved_on"), self.approved, "approved_on"),
            (i18n.field("amount"), self.amount, "amount_fen"),
            ("", self.monthly),
            (i18n.field("start_date"), self.start, "start_date"),
            (i18n.field("end_date"), self.end, "end_date"),
            (i18n.field("note"), self.note, "note"),
        )
        self.lay_out(form, on_ok=self._ok, ok_text=self.tr("Save"))

    def _ok(self) -> None:
        b = SupportBenefit(
            child_id=self.child_id,
            kind=self.kind.currentData(),
            approved_on=self.approved.value(),
            amount_fen=round(self.amount.value() * 100),
            monthly=self.monthly.isChecked(),
            start_date=self.start.value(),
            end_date=self.end.value(),
            note=self.note.text(),
        )
        if self.current is not None:
            b = replace(b, id=self.current.id)
        self.save(lambda uow: social_support.save_benefit(uow, b))


class AgreementDialog(RecordDialog):
    """Add or change the entrusted-care agreement: the carer, their ID and phone, date, term, scan."""

    def __init__(
        self,
        ctx,
        parent: QWidget | None,
        child_id: str,
        scans: list[Attachment],
        current: CareAgreement | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Entrusted-care agreement"))
        self.setObjectName("agreement_dialog")
        self.child_id, self.current = child_id, current
        self.carer = QLineEdit()
        self.carer.setObjectName("agreement_carer")
        self.relationship = QLineEdit()
        self.relationship.setPlaceholderText(self.tr("e.g. grandmother, uncle"))
        self.id_number = QLineEdit()
        self.id_number.setObjectName("agreement_carer_id")
        self.phone = QLineEdit()
        self.signed = DateField(optional=True)
        self.term_end = DateField(optional=True)
        self.scan = QComboBox()
        self.scan.setObjectName("agreement_scan")
        self.scan.addItem(self.tr("(none)"), None)
        for a in scans:
            self.scan.addItem(a.filename, a.id)
        if current is not None:
            self.carer.setText(current.carer_name)
            self.relationship.setText(current.relationship)
            self.id_number.setText(current.carer_id_number or "")
            self.phone.setText(current.carer_phone)
            self.signed.set_value(current.signed_on)
            self.term_end.set_value(current.term_end)
            set_combo_data(self.scan, current.attachment_id)
        form = self.form_layout(
            (i18n.field("carer_name"), self.carer, "carer_name"),
            (i18n.field("relationship"), self.relationship, "relationship"),
            (i18n.field("carer_id_number"), self.id_number, "carer_id_number"),
            (i18n.field("carer_phone"), self.phone, "carer_phone"),
            (i18n.field("signed_on"), self.signed, "signed_on"),
            (i18n.field("term_end"), self.term_end, "term_end"),
            (i18n.field("attachment_id"), self.scan, "attachment_id"),
        )
        self.lay_out(form, on_ok=self._ok, ok_text=self.tr("Save"))

    def _ok(self) -> None:
        a = CareAgreement(
            child_id=self.child_id,
            carer_name=self.carer.text(),
            relationship=self.relationship.text(),
            carer_id_number=self.id_number.text() or None,
            carer_phone=self.phone.text(),
            signed_on=self.signed.value(),
            term_end=self.term_end.value(),
            attachment_id=self.scan.currentData(),
            note=self.current.note if self.current is not None else "",
        )
        if self.current is not None:
            a = replace(a, id=self.current.id)
        self.save(lambda uow: social_support.save_agreement(uow, a))
