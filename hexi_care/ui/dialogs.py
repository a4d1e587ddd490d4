"""Dialogs that record one thing: a new child (with a new household), a category, a parent or
guardian with their situations, a notice delivery, help given, a follow-up, a referral, a mandatory
report, an activity with its participants; and the attachment viewer.

Each saves through one service call on the database worker. Invalid input comes back as
InvalidInput and is shown at its field; nothing typed is cleared.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QDateTime, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hexi_care.domain.enums import (
    Relationship,
    ReportStatus,
    ReportTrigger,
    RiskLevel,
    Sex,
    SituationKind,
)
from hexi_care.domain.model import (
    Activity,
    Assistance,
    Category,
    Child,
    FollowUp,
    Guardian,
    Household,
    MandatoryReport,
    NoticeDelivery,
    NoticeTemplate,
    Referral,
    Situation,
)
from hexi_care.errors import InvalidInput
from hexi_care.services import casework, children, households, listings, support
from hexi_care.services import validate as v
from hexi_care.ui import i18n
from hexi_care.ui.common import (
    DateField,
    FieldErrors,
    combo,
    label,
    make_table,
    set_combo_data,
    set_role,
    text_edit,
    with_error,
)
from hexi_care.ui.i18n import QT_TRANSLATE_NOOP
from hexi_care.ui.models import Column, RowsModel
from hexi_care.ui.worker import Task

if TYPE_CHECKING:
    from hexi_care.ui.app import AppContext


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    set_role(ok, "primary")
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(i18n.translate("Common", "Cancel"))
    box.rejected.connect(dialog.reject)
    return box


class RecordDialog(QDialog):
    """A dialog that saves a record on the database worker (`_save`); it holds the window's
    context."""

    ctx: AppContext


def _save(
    dialog: RecordDialog,
    fn: Any,
    errors: FieldErrors,
    message: QLabel,
    buttons: QDialogButtonBox,
    done: Any,
) -> None:
    """Run `fn(uow)` on the worker; on success call done(result) and close, else show the problem."""
    errors.clear()
    message.clear()
    buttons.setEnabled(False)

    lang = i18n.lang()

    def run(task: Task) -> Any:
        with task.uow() as uow:
            result = fn(uow)
            notes = [n.message(lang) for n in uow.notices]
        return result, notes

    def ok(outcome: Any) -> None:
        result, notes = outcome
        buttons.setEnabled(True)
        done(result)
        if notes:
            # Saved, but the user should hear of it (an ID number's unknown area code).
            box = QMessageBox(
                QMessageBox.Icon.Information,
                dialog.windowTitle(),
                "\n".join(notes),
                parent=dialog.parentWidget(),
            )
            box.setObjectName("save_notices")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        dialog.accept()

    def failed(exc: BaseException) -> None:
        buttons.setEnabled(True)
        if isinstance(exc, InvalidInput) and errors.show_invalid(exc):
            message.setText(
                i18n.translate("Common", "Fix the marked field; nothing you typed was lost.")
            )
            return
        message.setText(i18n.problem_text(exc))

    dialog.ctx.worker.submit(run, done=ok, failed=failed, owner=dialog, name="dialog-save")


# -- child profile ------------------------------------------------------------------------------------
def category_columns(ctx) -> list[Column]:
    cats = ctx.ref.categories
    today = ctx.today()
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Category"), lambda c: cats.name(c.code), width=10),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Basis"),
            lambda c: c.basis,
            tooltip=lambda c: c.basis,
            width=12,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Evidence"),
            lambda c: c.evidence,
            tooltip=lambda c: c.evidence,
            width=10,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "From"), lambda c: i18n.fmt_date(c.start_date), width=6
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Until"), lambda c: i18n.fmt_date(c.end_date), width=6),
        Column(
            QT_TRANSLATE_NOOP("Columns", "In force"),
            lambda c: i18n.label(i18n.TRISTATE, c.active_on(today)),
            width=3,
        ),
    ]


class ChildProfileForm(QWidget):
    """The child's profile with validation at each field, and the categories with their evidence."""

    changed = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.errors = FieldErrors(self)
        self.name = QLineEdit()
        self.name.setObjectName("child_name")
        self.sex = combo([(i18n.label(i18n.SEX, s), s) for s in Sex])
        self.sex.setObjectName("child_sex")
        self.birth = DateField(optional=True)
        self.birth.setObjectName("child_birth_date")
        self.id_number = QLineEdit()
        self.id_number.setObjectName("child_id_number")
        self.id_number.setPlaceholderText(
            self.tr("18 characters; full-width digits and spaces are fine")
        )
        self.id_hint = label("", "muted")
        self.no_hukou = QCheckBox(self.tr("No household registration yet (registering is a task)"))
        self.community = QComboBox()
        self.community.setObjectName("child_community")
        for u in ctx.ref.communities():
            self.community.addItem(u.name, u.id)
        self.hukou_address = QLineEdit()
        self.address = QLineEdit()
        self.address.setObjectName("child_address")
        self.school = QLineEdit()
        self.grade = QLineEdit()
        self.phone = QLineEdit()
        self.risk = combo([(i18n.label(i18n.RISK, r), r) for r in RiskLevel])
        self.risk.setObjectName("child_risk")
        self.note = text_edit(2)
        self.categories: list[Category] = []
        self.cat_model = RowsModel(category_columns(ctx), parent=self)
        self.cat_view = make_table(self.cat_model, stretch=1)
        self.cat_view.setObjectName("child_categories")
        self.cat_view.setMinimumHeight(110)
        add = QPushButton(self.tr("Add category…"))
        add.setObjectName("add_category")
        edit = QPushButton(self.tr("Edit…"))
        remove = QPushButton(self.tr("Remove"))
        add.clicked.connect(self._add_category)
        edit.clicked.connect(self._edit_category)
        remove.clicked.connect(self._remove_category)
        self.cat_view.activated.connect(lambda _i: self._edit_category())
        self.hukou_address.setPlaceholderText(self.tr("as in the household register"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(i18n.field("name"), with_error(self.name, self.errors, "name"))
        sexbirth = QHBoxLayout()
        sexbirth.addWidget(with_error(self.sex, self.errors, "sex"))
        sexbirth.addWidget(QLabel(self.tr("Birth date")))
        sexbirth.addWidget(with_error(self.birth, self.errors, "birth_date"))
        sexbirth.addStretch(1)
        form.addRow(self.tr("Sex"), sexbirth)
        idbox = QVBoxLayout()
        idbox.addWidget(with_error(self.id_number, self.errors, "id_number"))
        idbox.addWidget(self.id_hint)
        idbox.addWidget(self.no_hukou)
        form.addRow(self.tr("ID number"), idbox)
        form.addRow(i18n.field("community"), with_error(self.community, self.errors, "community"))
        form.addRow(
            self.tr("Registered address"),
            with_error(self.hukou_address, self.errors, "hukou_address"),
        )
        form.addRow(i18n.field("address"), with_error(self.address, self.errors, "address"))
        school = QHBoxLayout()
        school.addWidget(with_error(self.school, self.errors, "school"), 3)
        school.addWidget(QLabel(self.tr("Grade")))
        school.addWidget(with_error(self.grade, self.errors, "grade"), 1)
        form.addRow(self.tr("School"), school)
        form.addRow(i18n.field("phone"), with_error(self.phone, self.errors, "phone"))
        form.addRow(i18n.field("risk"), with_error(self.risk, self.errors, "risk"))
        form.addRow(i18n.field("note"), with_error(self.note, self.errors, "note"))
        cats = QGroupBox(self.tr("Categories (each with its basis, evidence and dates)"))
        cl = QVBoxLayout(cats)
        cl.addWidget(self.cat_view)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(edit)
        row.addWidget(remove)
        row.addStretch(1)
        cl.addLayout(row)
        cl.addWidget(
            self.errors.add("category", self.cat_view, "start_date", "end_date", "categories")
        )
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(form)
        lay.addWidget(cats)
        self.id_number.textChanged.connect(self._check_id)
        self.birth.dateChanged.connect(self._check_id)
        self.sex.currentIndexChanged.connect(self._check_id)
        for w in (
            self.name,
            self.id_number,
            self.hukou_address,
            self.address,
            self.school,
            self.grade,
            self.phone,
        ):
            w.textChanged.connect(self.changed)
        self.note.textChanged.connect(self.changed)

    def _check_id(self) -> None:
        """Say at once what the number tells (or what is wrong with it); the service decides on save."""
        text = self.id_number.text()
        if not text.strip():
            self.id_hint.setText("")
            return
        try:
            check = v.id_number(
                text,
                today=self.ctx.today(),
                birth_date=self.birth.value(),
                sex=self.sex.currentData(),
            )
        except InvalidInput as exc:
            set_role(self.id_hint, "error")
            self.id_hint.setText(i18n.field_problem(exc))
            return
        set_role(self.id_hint, "muted")
        if check is not None and check.birth_date is not None:
            self.id_hint.setText(
                self.tr("Valid: born {date}, {sex}.").format(
                    date=check.birth_date.isoformat(), sex=i18n.label(i18n.SEX, check.sex)
                )
            )
            if self.birth.value() is None:
                self.birth.set_value(check.birth_date)
            if check.sex is not None and self.sex.currentData() != check.sex:
                set_combo_data(self.sex, check.sex)

    def set_value(self, c: Child) -> None:
        self.name.setText(c.name)
        set_combo_data(self.sex, c.sex)
        self.birth.set_value(c.birth_date)
        self.id_number.setText(c.id_number or "")
        self.no_hukou.setChecked(c.no_hukou)
        set_combo_data(self.community, c.community_id)
        if self.community.findData(c.community_id) < 0:
            self.community.addItem(self.ctx.ref.unit_name(c.community_id), c.community_id)
            set_combo_data(self.community, c.community_id)
        self.hukou_address.setText(c.hukou_address)
        self.address.setText(c.address)
        self.school.setText(c.school)
        self.grade.setText(c.grade)
        self.phone.setText(c.phone)
        set_combo_data(self.risk, c.risk)
        self.note.setPlainText(c.note)
        self.categories = list(c.categories)
        self.cat_model.set_rows(self.categories)

    def value(self, base: Child | None = None) -> Child:
        fields_ = {
            "name": self.name.text(),
            "sex": self.sex.currentData(),
            "birth_date": self.birth.value(),
            "id_number": self.id_number.text() or None,
            "no_hukou": self.no_hukou.isChecked(),
            "community_id": self.community.currentData() or "",
            "hukou_address": self.hukou_address.text(),
            "address": self.address.text(),
            "school": self.school.text(),
            "grade": self.grade.text(),
            "phone": self.phone.text(),
            "risk": self.risk.currentData(),
            "note": self.note.toPlainText(),
            "categories": list(self.categories),
        }
        return replace(base, **fields_) if base is not None else Child(**fields_)

    def set_read_only(self, ro: bool) -> None:
        for w in (
            self.name,
            self.id_number,
            self.hukou_address,
            self.address,
            self.school,
            self.grade,
            self.phone,
        ):
            w.setReadOnly(ro)
        self.note.setReadOnly(ro)
        other: QWidget
        for other in (self.sex, self.birth, self.no_hukou, self.community, self.risk):
            other.setEnabled(not ro)

    def _add_category(self) -> None:
        dlg = CategoryDialog(self.ctx, self)
        dlg.chosen.connect(self._category_added)
        dlg.open()

    def _category_added(self, c: Category) -> None:
        self.categories.append(c)
        self.cat_model.set_rows(self.categories)
        self.changed.emit()

    def _edit_category(self) -> None:
        row = self.cat_view.currentIndex().row()
        if not 0 <= row < len(self.categories):
            return
        dlg = CategoryDialog(self.ctx, self, self.categories[row])
        dlg.chosen.connect(lambda c, r=row: self._category_edited(r, c))
        dlg.open()

    def _category_edited(self, row: int, c: Category) -> None:
        self.categories[row] = c
        self.cat_model.set_rows(self.categories)
        self.changed.emit()

    def _remove_category(self) -> None:
        row = self.cat_view.currentIndex().row()
        if 0 <= row < len(self.categories):
            del self.categories[row]
            self.cat_model.set_rows(self.categories)
            self.changed.emit()


class CategoryDialog(QDialog):
    """One category label with its basis (认定依据), evidence (证明材料) and dates."""

    chosen = Signal(object)

    def __init__(
        self, ctx, parent: QWidget | None = None, existing: Category | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Category"))
        self.existing = existing
        self.code = QComboBox()
        for code in ctx.ref.categories.defs:
            self.code.addItem(ctx.ref.categories.name(code), code)
        self.basis = text_edit(2, self.tr("e.g. father imprisoned since 2023, mother lost contact"))
        self.evidence = text_edit(2, self.tr("e.g. court judgment, police receipt"))
        self.start = DateField(optional=True)
        self.end = DateField(optional=True)
        self.message = label("", "error", wrap=True)
        form = QFormLayout()
        form.addRow(self.tr("Category"), self.code)
        form.addRow(self.tr("Basis"), self.basis)
        form.addRow(self.tr("Evidence"), self.evidence)
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("Until"), self.end)
        self.buttons = _buttons(self, self.tr("OK"))
        self.buttons.accepted.connect(self._ok)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        if existing is not None:
            set_combo_data(self.code, existing.code)
            self.basis.setPlainText(existing.basis)
            self.evidence.setPlainText(existing.evidence)
            self.start.set_value(existing.start_date)
            self.end.set_value(existing.end_date)
        else:
            self.start.set_value(ctx.today())

    def _ok(self) -> None:
        s, e = self.start.value(), self.end.value()
        if s and e and e < s:
            self.message.setText(self.tr("The end cannot be before the start."))
            return
        c = Category(
            code=self.code.currentData(),
            basis=self.basis.toPlainText(),
            evidence=self.evidence.toPlainText(),
            start_date=s,
            end_date=e,
            id=self.existing.id if self.existing else None,
        )
        self.chosen.emit(c)
        self.accept()


class NewChildDialog(RecordDialog):
    """A child not yet registered, with a new household at the given address."""

    saved = Signal(object)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("new_child_dialog")
        self.setWindowTitle(self.tr("New child"))
        self.form = ChildProfileForm(ctx, self)
        self.hh_phone = QLineEdit()
        self.message = label("", "error", wrap=True)
        self.buttons = _buttons(self, self.tr("Save"))
        self.buttons.accepted.connect(self._ok)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        lay = QVBoxLayout(self)
        lay.addWidget(label(self.tr("A new household is created at the address given."), "muted"))
        lay.addWidget(scroll, 1)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self.resize(720, 640)

    def _ok(self) -> None:
        child = self.form.value()

        def fn(uow):
            hh = households.add_household(
                uow,
                Household(
                    community_id=child.community_id,
                    address=child.address,
                    hukou_address=child.hukou_address,
                    phone=child.phone,
                ),
            )
            return children.add_child(uow, replace(child, household_id=hh.id))

        _save(self, fn, self.form.errors, self.message, self.buttons, self.saved.emit)


# -- guardians ---------------------------------------------------------------------------------------
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


class SituationDialog(QDialog):
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
        self.message = label("", "error", wrap=True)
        form = QFormLayout()
        form.addRow(self.tr("Situation"), self.kind)
        form.addRow(self.tr("Since"), self.start)
        form.addRow(self.tr("Expected to end"), self.expected)
        form.addRow(self.tr("Ended"), self.end)
        form.addRow(self.tr("Disability grade"), self.grade)
        form.addRow("", self.mental)
        form.addRow(self.tr("Evidence"), self.evidence)
        form.addRow(self.tr("Note"), self.note)
        self.buttons = _buttons(self, self.tr("OK"))
        self.buttons.accepted.connect(self._ok)
        lay = QVBoxLayout(self)
        lay.addWidget(
            label(
                self.tr(
                    "Six months or more count for prison, rehabilitation, other restrictions and lost contact (from the police receipt)."
                ),
                "muted",
                wrap=True,
            )
        )
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
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

    saved = Signal(object)

    def __init__(
        self, ctx, parent: QWidget | None, household_id: str, existing: Guardian | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.household_id = household_id
        self.existing = existing
        self.setWindowTitle(self.tr("Parent or guardian"))
        self.errors = FieldErrors(self)
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
        self.message = label("", "error", wrap=True)
        form = QFormLayout()
        form.addRow(i18n.field("name"), with_error(self.name, self.errors, "name"))
        form.addRow(
            i18n.field("relationship"), with_error(self.relationship, self.errors, "relationship")
        )
        form.addRow(i18n.field("id_number"), with_error(self.id_number, self.errors, "id_number"))
        form.addRow(i18n.field("phone"), with_error(self.phone, self.errors, "phone"))
        form.addRow("", self.is_guardian)
        form.addRow("", self.is_carer)
        form.addRow(i18n.field("note"), with_error(self.note, self.errors, "note"))
        sits = QGroupBox(self.tr("Situations (death, prison, illness, lost contact …) with dates"))
        sl = QVBoxLayout(sits)
        sl.addWidget(self.sit_list)
        row = QHBoxLayout()
        for b in (add, edit, remove):
            row.addWidget(b)
        row.addStretch(1)
        sl.addLayout(row)
        sl.addWidget(self.errors.add("situation", self.sit_list, "start_date", "end_date"))
        self.buttons = _buttons(self, self.tr("Save"))
        self.buttons.accepted.connect(self._ok)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(sits)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        if existing is not None:
            self.name.setText(existing.name)
            set_combo_data(self.relationship, existing.relationship)
            self.id_number.setText(existing.id_number or "")
            self.phone.setText(existing.phone)
            self.is_guardian.setChecked(existing.is_guardian)
            self.is_carer.setChecked(existing.is_carer)
            self.note.setText(existing.note)
        self._fill()
        self.resize(560, 560)

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
        _save(
            self,
            lambda uow: households.save_guardian(uow, g),
            self.errors,
            self.message,
            self.buttons,
            self.saved.emit,
        )


# -- notices and help --------------------------------------------------------------------------------
def ensure_templates(uow) -> list[NoticeTemplate]:
    """The store's notice templates; a store that has none gets the built-in ones (version 1)."""
    found = support.templates(uow)
    if found:
        return found
    from hexi_care.domain.notice_templates import builtin_templates

    return [support.save_template(uow, t) for t in builtin_templates().values()]


class NoticeDeliveryDialog(RecordDialog):
    """A guardian-responsibility notice (监护责任告知书) handed to the household."""

    saved = Signal(object)

    def __init__(
        self, ctx, parent: QWidget | None, household_id: str, guardian_names: list[str]
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.household_id = household_id
        self.setWindowTitle(self.tr("Record a notice delivery"))
        self.errors = FieldErrors(self)
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
        self.message = label("", "error", wrap=True)
        form = QFormLayout()
        form.addRow(i18n.field("template"), with_error(self.template, self.errors, "template"))
        form.addRow(self.tr("Delivered on"), with_error(self.on, self.errors, "date"))
        form.addRow(self.tr("Guardian"), with_error(self.guardian, self.errors, "name"))
        form.addRow("", self.signed)
        form.addRow(i18n.field("note"), with_error(self.note, self.errors, "note"))
        self.buttons = _buttons(self, self.tr("Save"))
        self.buttons.accepted.connect(self._ok)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        ctx.worker.call(ensure_templates, done=self._templates, owner=self)

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
        _save(
            self,
            lambda uow: support.record_delivery(uow, d),
            self.errors,
            self.message,
            self.buttons,
            self.saved.emit,
        )


class AssistanceDialog(RecordDialog):
    """Help given (帮扶/慰问) to a household, and to one child if it was for them."""

    saved = Signal(object)

    def __init__(
        self,
        ctx,
        parent: QWidget | None,
        household_id: str,
        kids: list[tuple[str, str]],
        child_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.household_id = household_id
        self.setWindowTitle(self.tr("Record help given"))
        self.errors = FieldErrors(self)
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
        self.campaign = QLineEdit()
        self.campaign.setObjectName("help_campaign")
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
        self.message = label("", "error", wrap=True)
        form = QFormLayout()
        form.addRow(self.tr("Given on"), with_error(self.on, self.errors, "date"))
        form.addRow(
            self.tr("Children who benefited"),
            with_error(self.children_list, self.errors, "child_id"),
        )
        form.addRow(
            self.tr("Other people who benefited"), with_error(self.others, self.errors, "others")
        )
        form.addRow(i18n.field("kind"), with_error(self.kind, self.errors, "kind"))
        form.addRow(self.tr("What"), with_error(self.description, self.errors, "description"))
        form.addRow(i18n.field("items"), with_error(self.items, self.errors, "items"))
        form.addRow(i18n.field("amount"), with_error(self.amount, self.errors, "amount"))
        form.addRow(i18n.field("source"), with_error(self.source, self.errors, "source"))
        form.addRow(self.tr("Campaign"), with_error(self.campaign, self.errors, "campaign"))
        self.buttons = _buttons(self, self.tr("Save"))
        self.buttons.accepted.connect(self._ok)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)

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
            campaign=self.campaign.text(),
        )
        _save(
            self,
            lambda uow: support.record_assistance(uow, a),
            self.errors,
            self.message,
            self.buttons,
            self.saved.emit,
        )


# -- follow-ups, referrals, mandatory reports --------------------------------------------------------
class FollowUpDialog(RecordDialog):
    saved = Signal(object)

    def __init__(
        self, ctx, parent: QWidget | None, child_id: str, visit_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Follow-up action"))
        self.child_id, self.visit_id = child_id, visit_id
        self.errors = FieldErrors(self)
        self.action = QLineEdit()
        self.action.setObjectName("followup_action")
        self.action.setPlaceholderText(self.tr("e.g. help register the household"))
        self.owner = QLineEdit(ctx.user.display_name if ctx.user else "")
        self.due = DateField(optional=True)
        self.message = label("", "error", wrap=True)
        form = QFormLayout()
        form.addRow(i18n.field("action"), with_error(self.action, self.errors, "action"))
        form.addRow(i18n.field("owner"), with_error(self.owner, self.errors, "owner"))
        form.addRow(i18n.field("due_date"), with_error(self.due, self.errors, "due_date"))
        self.buttons = _buttons(self, self.tr("Save"))
        self.buttons.accepted.connect(self._ok)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)

    def _ok(self) -> None:
        f = FollowUp(
            child_id=self.child_id,
            action=self.action.text(),
            owner=self.owner.text(),
            due_date=self.due.value(),
            visit_id=self.visit_id,
        )
        _save(
            self,
            lambda uow: casework.add_followup(uow, f),
            self.errors,
            self.message,
            self.buttons,
            self.saved.emit,
        )


class ReferralDialog(RecordDialog):
    saved = Signal(object)

    def __init__(self, ctx, parent: QWidget | None, child_id: str) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.child_id = child_id
        self.setWindowTitle(self.tr("Referral"))
        self.errors = FieldErrors(self)
        self.agency = QLineEdit()
        self.agency.setPlaceholderText(
            self.tr("e.g. the school, a social work agency, the hospital")
        )
        self.reason = text_edit(2)
        self.on = DateField()
        self.on.set_value(ctx.today())
        self.outcome = text_edit(2)
        self.message = label("", "error", wrap=True)
        form = QFormLayout()
        form.addRow(i18n.field("agency"), with_error(self.agency, self.errors, "agency"))
        form.addRow(i18n.field("reason"), with_error(self.reason, self.errors, "reason"))
        form.addRow(self.tr("Date"), with_error(self.on, self.errors, "date"))
        form.addRow(i18n.field("outcome"), with_error(self.outcome, self.errors, "outcome"))
        self.buttons = _buttons(self, self.tr("Save"))
        self.buttons.accepted.connect(self._ok)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)

    def _ok(self) -> None:
        r = Referral(
            child_id=self.child_id,
            agency=self.agency.text(),
            reason=self.reason.toPlainText(),
            referred_on=self.on.value(),
            outcome=self.outcome.toPlainText(),
        )
        _save(
            self,
            lambda uow: casework.add_referral(uow, r),
            self.errors,
            self.message,
            self.buttons,
            self.saved.emit,
        )


def _qdt(moment: datetime) -> QDateTime:
    local = moment.astimezone(i18n.zone())
    return QDateTime(local.year, local.month, local.day, local.hour, local.minute, 0)


def _from_qdt(q: QDateTime) -> datetime:
    d, t = q.date(), q.time()
    # The time typed is the store's local time (the machine's before a store is open).
    local = datetime.combine(date(d.year(), d.month(), d.day()), time(t.hour(), t.minute()))
    zone = i18n.zone()
    return (local.replace(tzinfo=zone) if zone else local.astimezone()).astimezone(UTC)


class ReportDialog(RecordDialog):
    """A mandatory report (强制报告): report to the police at once; this keeps the record of it."""

    saved = Signal(object)

    def __init__(
        self, ctx, parent: QWidget | None, child_id: str, existing: MandatoryReport | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.child_id = child_id
        self.existing = existing
        self.setWindowTitle(self.tr("Mandatory report"))
        self.errors = FieldErrors(self)
        now = ctx.clock()
        self.trigger = combo([(i18n.label(i18n.REPORT_TRIGGER, t), t) for t in ReportTrigger])
        self.found = QDateTimeEdit(_qdt(now))
        self.found.setCalendarPopup(True)
        self.found.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.reported_done = QCheckBox(self.tr("Reported"))
        self.reported = QDateTimeEdit(_qdt(now))
        self.reported.setCalendarPopup(True)
        self.reported.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.agency = QLineEdit(self.tr("Police (公安)"))
        self.receipt = QLineEdit()
        self.description = text_edit(3)
        self.feedback = text_edit(2)
        self.status = combo([(i18n.label(i18n.REPORT_STATUS, s), s) for s in ReportStatus])
        self.message = label("", "error", wrap=True)
        warn = label(
            self.tr(
                "When a child is harmed, suspected harmed or in danger, report to the police at once (110), and to civil affairs and education. The reporter's identity stays confidential."
            ),
            "banner",
            wrap=True,
        )
        form = QFormLayout()
        form.addRow(i18n.field("trigger"), with_error(self.trigger, self.errors, "trigger"))
        form.addRow(i18n.field("found_at"), with_error(self.found, self.errors, "found_at"))
        rep = QHBoxLayout()
        rep.addWidget(self.reported_done)
        rep.addWidget(with_error(self.reported, self.errors, "reported_at"), 1)
        form.addRow(self.tr("Reported at"), rep)
        form.addRow(i18n.field("agency"), with_error(self.agency, self.errors, "agency"))
        form.addRow(i18n.field("receipt_no"), with_error(self.receipt, self.errors, "receipt_no"))
        form.addRow(
            i18n.field("description"), with_error(self.description, self.errors, "description")
        )
        form.addRow(i18n.field("feedback"), with_error(self.feedback, self.errors, "feedback"))
        form.addRow(i18n.field("status"), with_error(self.status, self.errors, "status"))
        self.buttons = _buttons(self, self.tr("Save"))
        self.buttons.accepted.connect(self._ok)
        lay = QVBoxLayout(self)
        lay.addWidget(warn)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self.reported_done.toggled.connect(self.reported.setEnabled)
        self.reported_done.setChecked(True)
        if existing is not None:
            set_combo_data(self.trigger, existing.trigger)
            self.trigger.setEnabled(False)
            self.found.setDateTime(_qdt(existing.found_at))
            self.found.setEnabled(False)
            self.description.setPlainText(existing.description)
            self.description.setReadOnly(True)
            self.reported_done.setChecked(existing.reported_at is not None)
            if existing.reported_at:
                self.reported.setDateTime(_qdt(existing.reported_at))
            self.agency.setText(existing.agency)
            self.receipt.setText(existing.receipt_no)
            self.feedback.setPlainText(existing.feedback)
            set_combo_data(self.status, existing.status)
        self.resize(620, 600)

    def _ok(self) -> None:
        rep = MandatoryReport(
            child_id=self.child_id,
            trigger=self.trigger.currentData(),
            found_at=_from_qdt(self.found.dateTime()),
            reported_at=_from_qdt(self.reported.dateTime())
            if self.reported_done.isChecked()
            else None,
            agency=self.agency.text(),
            receipt_no=self.receipt.text(),
            feedback=self.feedback.toPlainText(),
            description=self.description.toPlainText(),
            status=self.status.currentData(),
            id=self.existing.id if self.existing else None,
        )
        fn = casework.update_report if self.existing else casework.add_report
        _save(
            self, lambda uow: fn(uow, rep), self.errors, self.message, self.buttons, self.saved.emit
        )


# -- activities ----------------------------------------------------------------------------------------
class ActivityDialog(RecordDialog):
    """An activity (慰问、营会、讲座 …) and the children who took part (counted as 人次)."""

    saved = Signal(object)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("activity_dialog")
        self.setWindowTitle(self.tr("New activity"))
        self.errors = FieldErrors(self)
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
        self.activity_campaign = QLineEdit()
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
        self.message = label("", "error", wrap=True)
        form = QFormLayout()
        form.addRow(i18n.field("title"), with_error(self.title, self.errors, "title"))
        form.addRow(self.tr("Date"), with_error(self.on, self.errors, "date"))
        form.addRow(
            self.tr("Last day (if several days)"), with_error(self.ends, self.errors, "end_date")
        )
        form.addRow(self.tr("Held by"), with_error(self.unit, self.errors, "unit"))
        form.addRow(i18n.field("place"), with_error(self.place, self.errors, "place"))
        form.addRow(i18n.field("organiser"), with_error(self.organiser, self.errors, "organiser"))
        form.addRow(i18n.field("note"), with_error(self.note, self.errors, "note"))
        form.addRow(
            self.tr("Others taking part (head count)"),
            with_error(self.head_count, self.errors, "head_count"),
        )
        form.addRow(
            self.tr("Campaign"), with_error(self.activity_campaign, self.errors, "campaign")
        )
        form.addRow(self.tr("Funder"), with_error(self.funder, self.errors, "funder"))
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
        self.buttons = _buttons(self, self.tr("Save"))
        self.buttons.accepted.connect(self._ok)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(parts, 1)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self.search.textChanged.connect(self._find)
        add.clicked.connect(self._add)
        self.results.itemActivated.connect(lambda _i: self._add())
        remove.clicked.connect(self._remove)
        self.chosen.itemActivated.connect(lambda _i: self._remove())
        ctx.worker.call(listings.activity_units, done=self._units, owner=self)
        self._searching = False
        self._again = False
        self._update_count()
        self.resize(760, 680)

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
            campaign=self.activity_campaign.text(),
            funder=self.funder.text(),
        )
        _save(
            self,
            lambda uow: support.add_activity(uow, a),
            self.errors,
            self.message,
            self.buttons,
            self.saved.emit,
        )


# -- attachments --------------------------------------------------------------------------------------
THUMB_SIZE = 240


def make_thumbnail(data: bytes) -> bytes | None:
    """A JPEG thumbnail of an image (QImage is safe off the GUI thread); None for non-images."""
    img = QImage()
    if not img.loadFromData(data):
        return None
    small = img.scaled(
        THUMB_SIZE,
        THUMB_SIZE,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    buf = QByteArray()
    dev = QBuffer(buf)
    dev.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stub says bytes, but the call only accepts str at run time.
    small.save(dev, "JPEG", 80)  # type: ignore[call-overload]
    dev.close()
    return bytes(buf.data())


class AttachmentViewer(QDialog):
    """A photo at full size, or a PDF page by page (QtPdf), straight from memory: nothing is
    written to disk in the clear."""

    def __init__(self, parent: QWidget | None, filename: str, mime: str, data: bytes) -> None:
        super().__init__(parent)
        self.setWindowTitle(filename)
        lay = QVBoxLayout(self)
        self._keep: list[Any] = []
        if mime.startswith("image/"):
            pix = QPixmap()
            pix.loadFromData(data)
            lab = QLabel()
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            lab.setPixmap(
                pix.scaled(
                    1100,
                    640,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                if pix.width() > 1100 or pix.height() > 640
                else pix
            )
            scroll = QScrollArea()
            scroll.setWidget(lab)
            scroll.setWidgetResizable(True)
            lay.addWidget(scroll)
        elif mime == "application/pdf":
            from PySide6.QtPdf import QPdfDocument
            from PySide6.QtPdfWidgets import QPdfView

            buf = QBuffer(self)
            buf.setData(QByteArray(data))
            buf.open(QIODevice.OpenModeFlag.ReadOnly)
            doc = QPdfDocument(self)
            doc.load(buf)
            view = QPdfView(self)
            view.setPageMode(QPdfView.PageMode.MultiPage)
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            view.setDocument(doc)
            self._keep += [buf, doc]
            lay.addWidget(view)
        else:
            lay.addWidget(label(self.tr("This kind of file cannot be shown here."), "muted"))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        lay.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(1000, 700)
