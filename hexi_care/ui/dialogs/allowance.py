"""Recognition and 基本生活保障金 in the child's file: the application (申请), the street's check
(查验), the district's confirmation (确认, paid from the month after), suspension, resumption and
stop with reasons. Each step is offered only to the role the service allows it (allowances.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from hexi_care import vocabulary
from hexi_care.domain.allowance import month_after, month_of
from hexi_care.domain.enums import AllowanceStage, CareSetting, Role
from hexi_care.domain.model import Allowance
from hexi_care.services import allowances
from hexi_care.ui import i18n
from hexi_care.ui.common import DateField, combo, label, line_edit, text_edit
from hexi_care.ui.dialogs.base import RecordDialog

# Who may take each step (the services refuse anyone else).
STEP_ROLES: dict[str, tuple[Role, ...]] = {
    "apply": allowances.CASE,
    "check": allowances.STREET,
    "confirm": (Role.CENTRE_SUPERVISOR,),
    "suspend": (Role.CENTRE_SUPERVISOR,),
    "resume": (Role.CENTRE_SUPERVISOR,),
    "stop": (Role.CENTRE_SUPERVISOR,),
}


def step_open(step: str, a: Allowance | None) -> bool:
    """May the step be taken on the recognition where it stands?"""
    if step == "apply":
        return True
    if a is None:
        return False
    if step == "check":
        return a.stage in (AllowanceStage.APPLIED, AllowanceStage.CHECKED)
    if step == "confirm":
        return a.stage is AllowanceStage.CHECKED
    if step == "resume":
        return a.stage is AllowanceStage.SUSPENDED
    if step == "suspend":
        return a.stage is AllowanceStage.CONFIRMED
    if step == "stop":
        return a.stage in (AllowanceStage.CONFIRMED, AllowanceStage.SUSPENDED)
    return False


def month_hint() -> str:
    return i18n.translate("Allowance", "YYYY-MM, e.g. 2026-11")


def _month_edit(name: str, value: str = "") -> QLineEdit:
    e = line_edit(month_hint(), 7)
    e.setObjectName(name)
    e.setText(value)
    e.setMaximumWidth(160)
    return e


class ApplyDialog(RecordDialog):
    """申请: the category applied for, the care setting, when and by whom."""

    def __init__(self, ctx, parent: QWidget | None, child_id: str, categories: list[str]) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("allowance_apply")
        self.setWindowTitle(self.tr("Application for the basic living allowance"))
        self.child_id = child_id
        names = ctx.ref.categories
        # The child's own categories first, then the others.
        codes = list(dict.fromkeys([*categories, *names.defs]))
        self.category = combo([(names.name(c), c) for c in codes])
        self.category.setObjectName("allowance_category")
        self.setting = combo(
            [(i18n.label(vocabulary.CARE_SETTING, s), s.value) for s in CareSetting]
        )
        self.setting.setObjectName("allowance_setting")
        self.on = DateField()
        self.on.setObjectName("allowance_applied_on")
        self.on.set_value(ctx.today())
        self.by = line_edit(self.tr("who applied (guardian or director)"), 64)
        self.by.setObjectName("allowance_applied_by")
        self.by.setText(ctx.user.display_name or ctx.user.name)
        form = self.form_layout(
            (i18n.field("category"), self.category, "category"),
            (i18n.field("care_setting"), self.setting, "care_setting"),
            (i18n.field("applied_on"), self.on, "applied_on"),
            (i18n.field("applied_by"), self.by, "applied_by"),
        )
        self.lay_out(form, on_ok=self._ok, ok_text=self.tr("Record the application"))

    def _ok(self) -> None:
        a = Allowance(
            child_id=self.child_id,
            category=str(self.category.currentData()),
            care_setting=CareSetting(self.setting.currentData()),
            applied_on=self.on.value() or self.ctx.today(),
            applied_by=self.by.text(),
        )
        self.save(lambda uow: allowances.apply(uow, a))


class StepDialog(RecordDialog):
    """One step on a recognition: check, confirm, suspend, resume or stop."""

    def __init__(self, ctx, parent: QWidget | None, a: Allowance, step: str) -> None:
        super().__init__(ctx, parent)
        self.setObjectName(f"allowance_{step}")
        self.allowance, self.step = a, step
        today = ctx.today()
        titles = {
            "check": self.tr("Check by the street"),
            "confirm": self.tr("Confirmation by the district"),
            "suspend": self.tr("Suspend the allowance"),
            "resume": self.tr("Resume the allowance"),
            "stop": self.tr("Stop the allowance"),
        }
        self.setWindowTitle(titles[step])
        head = (
            self.tr("Category"),
            label(f"{ctx.ref.categories.name(a.category)} · {a.child_name}".strip(" ·")),
        )
        self.on = DateField()
        self.on.setObjectName("allowance_step_on")
        self.on.set_value(today)
        self.by = line_edit("", 64)
        self.by.setObjectName("allowance_step_by")
        self.by.setText(ctx.user.display_name or ctx.user.name)
        self.number = line_edit(self.tr("e.g. 河民确〔2026〕17号"), 64)
        self.number.setObjectName("allowance_number")
        self.first_month = label("", "muted")
        self.first_month.setObjectName("allowance_first_month")
        self.month = _month_edit("allowance_month", month_of(today))
        self.until = _month_edit("allowance_until")
        self.reason = text_edit(2)
        self.reason.setObjectName("allowance_reason")
        if step == "check":
            form = self.form_layout(
                head,
                (i18n.field("checked_on"), self.on, "checked_on"),
                (i18n.field("checked_by"), self.by, "checked_by"),
            )
        elif step == "confirm":
            self.on.dateChanged.connect(lambda _d: self._first_month())
            self._first_month()
            form = self.form_layout(
                head,
                (i18n.field("confirmed_on"), self.on, "confirmed_on"),
                (i18n.field("confirmed_by"), self.by, "confirmed_by"),
                (i18n.field("confirmation_no"), self.number, "confirmation_no"),
                ("", self.first_month),
            )
        elif step == "suspend":
            self.until.setPlaceholderText(self.tr("YYYY-MM, empty: until resumed"))
            form = self.form_layout(
                head,
                (i18n.field("suspended_from"), self.month, "suspended_from"),
                (i18n.field("suspended_until"), self.until, "suspended_until"),
                (i18n.field("suspend_reason"), self.reason, "suspend_reason"),
            )
        elif step == "resume":
            form = self.form_layout(
                head,
                (self.tr("Suspended since"), label(a.suspended_from)),
                (self.tr("Last month not paid"), self.month, "suspended_until"),
            )
        else:
            form = self.form_layout(
                head,
                (i18n.field("stopped_from"), self.month, "stopped_from"),
                (i18n.field("stop_reason"), self.reason, "stop_reason"),
            )
        self.lay_out(form, on_ok=self._ok, ok_text=titles[step])

    def _first_month(self) -> None:
        day = self.on.value()
        self.first_month.setText(
            self.tr("Paid from {month} (the month after the confirmation).").format(
                month=month_after(day)
            )
            if day
            else ""
        )

    def _ok(self) -> None:
        aid = self.allowance.id or ""
        on, by = self.on.value(), self.by.text()
        number, month, until = self.number.text(), self.month.text(), self.until.text()
        reason = self.reason.toPlainText()
        step = self.step
        if step == "check":
            self.save(lambda uow: allowances.check(uow, aid, on, by))
        elif step == "confirm":
            self.save(lambda uow: allowances.confirm(uow, aid, on, by, number))
        elif step == "suspend":
            self.save(lambda uow: allowances.suspend(uow, aid, month, reason, until))
        elif step == "resume":
            self.save(lambda uow: allowances.resume(uow, aid, month))
        else:
            self.save(lambda uow: allowances.stop(uow, aid, month, reason))
