"""A parent or guardian, with their situations (death, prison, illness, lost contact …) and dates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hexi_care.domain.enums import (
    Relationship,
    SituationKind,
)
from hexi_care.domain.model import (
    Guardian,
    Situation,
)
from hexi_care.services import households
from hexi_care.ui import i18n
from hexi_care.ui.common import (
    DateField,
    combo,
    hbox,
    label,
    set_combo_data,
)

if TYPE_CHECKING:
    pass

from hexi_care.ui.dialogs.base import FormDialog, RecordDialog
from hexi_care.ui.screen import fit_to_screen


def situation_text(s: Situation) -> str:
    parts = [i18n.label(i18n.SITUATION, s.kind)]
    if s.disability_grade:
        parts.append(
            i18n.translate("Labels", "grade {grade}").format(grade=s.disability_grade)
            + (i18n.translate("Labels", " (mental)") if s.disability_mental else "")
        )
    if s.start_date:
        parts.append(i18n.translate("Labels", "from {date}").format(date=s.start_date.isoformat()))
    if s.expected_end_date:
        parts.append(
            i18n.translate("Labels", "expected to end {date}").format(
                date=s.expected_end_date.isoformat()
            )
        )
    if s.end_date:
        parts.append(i18n.translate("Labels", "ended {date}").format(date=s.end_date.isoformat()))
    return " ".join(parts)


class SituationDialog(FormDialog):
    """One situation of a parent or guardian (death, prison, illness, lost contact …) with dates."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None, existing: Situation | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Situation"))
        self.existing = existing
        self.kind = combo([(i18n.label(i18n.SITUATION, k), k) for k in SituationKind])
        self.start = DateField(optional=True)
        self.expected = DateField(optional=True)
        self.end = DateField(optional=True)
        self.grade = QSpinBox()
        self.grade.setRange(0, 4)
        self.grade.setSpecialValueText("—")
        self.mental = QCheckBox(self.tr("Mental or intellectual disability"))
        self.evidence = QLineEdit()
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Situation"), self.kind)
        form.addRow(self.tr("Since"), self.start)
        form.addRow(self.tr("Expected to end"), self.expected)
        form.addRow(self.tr("Ended"), self.end)
        form.addRow(self.tr("Disability grade"), self.grade)
        form.addRow("", self.mental)
        form.addRow(self.tr("Evidence"), self.evidence)
        form.addRow(self.tr("Note"), self.note)
        self.lay_out(
            label(
                self.tr(
                    "Six months or more count for prison, rehabilitation, other restrictions and lost contact (from the police receipt)."
                ),
                "muted",
                wrap=True,
            ),
            form,
            on_ok=self._ok,
            ok_text=self.tr("OK"),
        )
        if existing is not None:
            set_combo_data(self.kind, existing.kind)
            self.start.set_value(existing.start_date)
            self.expected.set_value(existing.expected_end_date)
            self.end.set_value(existing.end_date)
            self.grade.setValue(existing.disability_grade or 0)
            self.mental.setChecked(existing.disability_mental)
            self.evidence.setText(existing.evidence)
            self.note.setText(existing.note)

    def _ok(self) -> None:
        s, e, x = self.start.value(), self.end.value(), self.expected.value()
        if s and ((e and e < s) or (x and x < s)):
            self.message.setText(self.tr("The end cannot be before the start."))
            return
        self.chosen.emit(
            Situation(
                kind=self.kind.currentData(),
                start_date=s,
                expected_end_date=x,
                end_date=e,
                evidence=self.evidence.text(),
                note=self.note.text(),
                disability_grade=self.grade.value() or None,
                disability_mental=self.mental.isChecked(),
                id=self.existing.id if self.existing else None,
            )
        )
        self.accept()


class GuardianDialog(RecordDialog):
    """A parent, guardian or entrusted carer, with their situations and dates."""

    def __init__(
        self, ctx, parent: QWidget | None, household_id: str, existing: Guardian | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.household_id = household_id
        self.existing = existing
        self.setWindowTitle(self.tr("Parent or guardian"))
        self.name = QLineEdit()
        self.name.setObjectName("guardian_name")
        self.relationship = combo([(i18n.label(i18n.RELATIONSHIP, r), r) for r in Relationship])
        self.id_number = QLineEdit()
        self.phone = QLineEdit()
        self.is_guardian = QCheckBox(self.tr("Legal or actual guardian"))
        self.is_carer = QCheckBox(self.tr("Cares for the child day to day"))
        self.note = QLineEdit()
        self.situations: list[Situation] = list(existing.situations) if existing else []
        self.sit_list = QListWidget()
        self.sit_list.setMaximumHeight(110)
        add = QPushButton(self.tr("Add situation…"))
        edit = QPushButton(self.tr("Edit…"))
        remove = QPushButton(self.tr("Remove"))
        add.clicked.connect(self._add)
        edit.clicked.connect(self._edit)
        remove.clicked.connect(self._remove)
        self.sit_list.itemActivated.connect(lambda _i: self._edit())
        form = self.form_layout(
            (i18n.field("name"), self.name, "name"),
            (i18n.field("relationship"), self.relationship, "relationship"),
            (i18n.field("id_number"), self.id_number, "id_number"),
            (i18n.field("phone"), self.phone, "phone"),
            ("", self.is_guardian),
            ("", self.is_carer),
            (i18n.field("note"), self.note, "note"),
        )
        sits = QGroupBox(self.tr("Situations (death, prison, illness, lost contact …) with dates"))
        sl = QVBoxLayout(sits)
        sl.addWidget(self.sit_list)
        sl.addLayout(hbox(add, edit, remove, stretch_last=True))
        sl.addWidget(self.errors.add("situation", self.sit_list, "start_date", "end_date"))
        self.lay_out(form, sits, on_ok=self._ok, ok_text=self.tr("Save"))
        if existing is not None:
            self.name.setText(existing.name)
            set_combo_data(self.relationship, existing.relationship)
            self.id_number.setText(existing.id_number or "")
            self.phone.setText(existing.phone)
            self.is_guardian.setChecked(existing.is_guardian)
            self.is_carer.setChecked(existing.is_carer)
            self.note.setText(existing.note)
        self._fill()
        fit_to_screen(self, 560, 560)

    def _fill(self) -> None:
        self.sit_list.clear()
        for s in self.situations:
            self.sit_list.addItem(situation_text(s))

    def _added(self, s: Situation) -> None:
        self.situations.append(s)
        self._fill()

    def _replaced(self, row: int, s: Situation) -> None:
        self.situations[row] = s
        self._fill()

    def _add(self) -> None:
        dlg = SituationDialog(self)
        dlg.chosen.connect(self._added)
        dlg.open()

    def _edit(self) -> None:
        r = self.sit_list.currentRow()
        if 0 <= r < len(self.situations):
            dlg = SituationDialog(self, self.situations[r])
            dlg.chosen.connect(lambda s, r=r: self._replaced(r, s))
            dlg.open()

    def _remove(self) -> None:
        r = self.sit_list.currentRow()
        if 0 <= r < len(self.situations):
            del self.situations[r]
            self._fill()

    def _ok(self) -> None:
        g = Guardian(
            name=self.name.text(),
            relationship=self.relationship.currentData(),
            household_id=self.household_id,
            child_id=self.existing.child_id if self.existing else None,
            id_number=self.id_number.text() or None,
            phone=self.phone.text(),
            is_guardian=self.is_guardian.isChecked(),
            is_carer=self.is_carer.isChecked(),
            situations=list(self.situations),
            note=self.note.text(),
            id=self.existing.id if self.existing else None,
        )
        self.save(lambda uow: households.save_guardian(uow, g))
