"""The child's profile form, a category with its evidence, and the new-child dialog."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hexi_care.domain.enums import (
    RiskLevel,
    Sex,
)
from hexi_care.domain.model import (
    Category,
    Child,
    Household,
)
from hexi_care.errors import InvalidInput
from hexi_care.services import children, households
from hexi_care.services import validate as v
from hexi_care.ui import i18n
from hexi_care.ui.columns import category_columns
from hexi_care.ui.common import (
    DateField,
    FieldErrors,
    combo,
    hbox,
    label,
    make_table,
    set_combo_data,
    set_role,
    text_edit,
    with_error,
)
from hexi_care.ui.models import RowsModel

if TYPE_CHECKING:
    pass

from hexi_care.ui.dialogs.base import FormDialog, RecordDialog
from hexi_care.ui.screen import fit_to_screen


class ChildProfileForm(QWidget):
    """The child's profile with validation at each field, and the categories with their evidence."""

    changed = Signal()

    def __init__(
        self, ctx, parent: QWidget | None = None, *, categories_apart: bool = False
    ) -> None:
        """`categories_apart`: the categories box (`categories_box`) is left for the caller to
        place (the child file shows it beside the form, where its buttons are always in view)."""
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
        self.teacher_name = QLineEdit()
        self.teacher_name.setObjectName("child_teacher_name")
        self.teacher_phone = QLineEdit()
        self.disability_grade = combo(
            [(self.tr("None"), None), *((self.tr("Grade {n}").format(n=n), n) for n in range(1, 5))]
        )
        self.disability_grade.setObjectName("child_disability_grade")
        self.disability_kind = QLineEdit()
        self.disability_kind.setPlaceholderText(self.tr("e.g. physical, intellectual"))
        self.disability_cert_no = QLineEdit()
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
        edit.setObjectName("edit_category")
        remove = QPushButton(self.tr("Remove"))
        remove.setObjectName("remove_category")
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
        teacher = QHBoxLayout()
        teacher.addWidget(with_error(self.teacher_name, self.errors, "teacher_name"), 1)
        teacher.addWidget(QLabel(i18n.field("teacher_phone")))
        teacher.addWidget(with_error(self.teacher_phone, self.errors, "teacher_phone"), 1)
        form.addRow(i18n.field("teacher_name"), teacher)
        disability = QHBoxLayout()
        disability.addWidget(with_error(self.disability_grade, self.errors, "disability_grade"))
        disability.addWidget(with_error(self.disability_kind, self.errors, "disability_kind"), 1)
        disability.addWidget(QLabel(i18n.field("disability_cert_no")))
        disability.addWidget(
            with_error(self.disability_cert_no, self.errors, "disability_cert_no"), 2
        )
        form.addRow(i18n.field("disability_grade"), disability)
        form.addRow(i18n.field("phone"), with_error(self.phone, self.errors, "phone"))
        form.addRow(i18n.field("risk"), with_error(self.risk, self.errors, "risk"))
        form.addRow(i18n.field("note"), with_error(self.note, self.errors, "note"))
        cats = QGroupBox(self.tr("Categories (each with its basis, evidence and dates)"))
        cl = QVBoxLayout(cats)
        cl.addWidget(self.cat_view)
        cl.addLayout(hbox(add, edit, remove, stretch_last=True))
        cl.addWidget(
            self.errors.add("category", self.cat_view, "start_date", "end_date", "categories")
        )
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(form)
        self.categories_box = cats
        if not categories_apart:
            lay.addWidget(cats)
        self.id_number.textChanged.connect(self._check_id)
        self.birth.dateChanged.connect(self._check_id)
        self.sex.currentIndexChanged.connect(self._check_id)
        # The typed fields: a change is reported, and read-only locks them.
        self._line_edits = (
            self.name,
            self.id_number,
            self.hukou_address,
            self.address,
            self.school,
            self.grade,
            self.phone,
            self.teacher_name,
            self.teacher_phone,
            self.disability_kind,
            self.disability_cert_no,
        )
        self.disability_grade.currentIndexChanged.connect(self.changed)
        for w in self._line_edits:
            w.textChanged.connect(self.changed)
        self.note.textChanged.connect(self.changed)

    def _check_id(self) -> None:
        """Say at once what the number tells (or what is wrong with it); the service decides on save."""
        text = self.id_number.text()
        # One message at one place: the field's own error line, cleared as soon as the number
        # is right (the hint below only says what a valid number tells).
        self.errors.clear_field("id_number")
        self.id_hint.setText("")
        if not text.strip():
            return
        try:
            check = v.id_number(
                text,
                today=self.ctx.today(),
                birth_date=self.birth.value(),
                sex=self.sex.currentData(),
            )
        except InvalidInput as exc:
            self.errors.show_invalid(exc, focus=False)
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
        self.teacher_name.setText(c.teacher_name)
        self.teacher_phone.setText(c.teacher_phone)
        set_combo_data(self.disability_grade, c.disability_grade)
        self.disability_kind.setText(c.disability_kind)
        self.disability_cert_no.setText(c.disability_cert_no)
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
            "teacher_name": self.teacher_name.text(),
            "teacher_phone": self.teacher_phone.text(),
            "disability_grade": self.disability_grade.currentData(),
            "disability_kind": self.disability_kind.text(),
            "disability_cert_no": self.disability_cert_no.text(),
            "risk": self.risk.currentData(),
            "note": self.note.toPlainText(),
            "categories": list(self.categories),
        }
        return replace(base, **fields_) if base is not None else Child(**fields_)

    def set_read_only(self, ro: bool) -> None:
        for w in self._line_edits:
            w.setReadOnly(ro)
        self.note.setReadOnly(ro)
        other: QWidget
        for other in (
            self.sex,
            self.birth,
            self.no_hukou,
            self.community,
            self.risk,
            self.disability_grade,
        ):
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


class CategoryDialog(FormDialog):
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
        form = QFormLayout()
        form.addRow(self.tr("Category"), self.code)
        form.addRow(self.tr("Basis"), self.basis)
        form.addRow(self.tr("Evidence"), self.evidence)
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("Until"), self.end)
        self.lay_out(form, on_ok=self._ok, ok_text=self.tr("OK"))
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

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("new_child_dialog")
        self.setWindowTitle(self.tr("New child"))
        self.form = ChildProfileForm(ctx, self)
        self.errors = self.form.errors  # the problems are shown in the profile form
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.lay_out(
            label(self.tr("A new household is created at the address given."), "muted"),
            (scroll, 1),
            on_ok=self._ok,
            ok_text=self.tr("Save"),
        )
        fit_to_screen(self, 720, 640)

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

        self.save(fn)
