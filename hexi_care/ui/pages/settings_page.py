"""设置: this computer's settings (language, idle lock, backup folder, a backup now), the store's visit
intervals per category and risk level, its time zone, the mandatory-report deadlines and the
re-examination dates (the centre or the administrator changes them), and, for the administrator,
users and communities."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hexi_care.db import storefiles
from hexi_care.domain import dates, schedule
from hexi_care.domain.enums import RiskLevel, Role, UnitKind
from hexi_care.domain.reexamination import ReexamPolicy
from hexi_care.domain.reporting import ReportRules
from hexi_care.errors import InvalidInput, StoreProblem
from hexi_care.messages import t
from hexi_care.services import casework, reexamination, security, units, users
from hexi_care.services import settings as store_settings
from hexi_care.ui import i18n
from hexi_care.ui.common import FieldErrors, label, set_role, with_error
from hexi_care.ui.rekey import RekeyDoneDialog, ResetPasswordDialog, choose, run_with_progress
from hexi_care.ui.settings import IDLE_MINUTES_RANGE, LANGUAGES
from hexi_care.ui.worker import Task


class IntervalEdit(QWidget):
    """Months plus days; both zero means "not set here"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.months = QSpinBox()
        self.months.setRange(0, 24)
        self.months.setSuffix(i18n.translate("Labels", " months"))
        self.days = QSpinBox()
        self.days.setRange(0, 180)
        self.days.setSuffix(i18n.translate("Labels", " days"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.months)
        lay.addWidget(self.days)
        lay.addStretch(1)
        self.months.valueChanged.connect(self._say_unset)
        self.days.valueChanged.connect(self._say_unset)
        self._say_unset()

    def _say_unset(self) -> None:
        """Both zero reads "not set" (未设置), not "0 months 0 days"."""
        m, d = self.months.value(), self.days.value()
        # "1 month", "2 months" (the suffix agrees with the number).
        self.months.setSuffix(
            i18n.translate("Labels", " month") if m == 1 else i18n.translate("Labels", " months")
        )
        self.days.setSuffix(
            i18n.translate("Labels", " day") if d == 1 else i18n.translate("Labels", " days")
        )
        unset = m == 0 and d == 0
        self.months.setSpecialValueText(i18n.translate("Labels", "not set") if unset else "")
        self.days.setSpecialValueText("–" if unset else "")

    def value(self) -> schedule.Interval | None:
        m, d = self.months.value(), self.days.value()
        return schedule.Interval(months=m, days=d) if (m or d) else None

    def set_value(self, iv: schedule.Interval | None) -> None:
        self.months.setValue(iv.months if iv else 0)
        self.days.setValue(iv.days if iv else 0)

    def set_read_only(self, ro: bool) -> None:
        self.months.setEnabled(not ro)
        self.days.setEnabled(not ro)


class SettingsPage(QWidget):
    def __init__(self, ctx, main) -> None:
        super().__init__()
        self.ctx = ctx
        self.main = main
        s = ctx.settings

        # -- this computer ------------------------------------------------------------------------
        self.language = QComboBox()
        self.language.setObjectName("setting_language")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex([c for c, _ in LANGUAGES].index(s.language))
        self.lang_note = label("", "muted")
        self.lang_note.setVisible(False)
        self.language.setMaximumWidth(260)
        self.idle = QSpinBox()
        self.idle.setObjectName("setting_idle")
        self.idle.setRange(*IDLE_MINUTES_RANGE)
        self.idle.setValue(s.idle_minutes)
        self.idle.setSuffix(self.tr(" minutes"))
        self.idle.setMaximumWidth(160)
        self.backup_dir = QLineEdit(s.get("backup/folder"))
        self.backup_dir.setObjectName("setting_backup_folder")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        self.backup_now = QPushButton(self.tr("&Back up now"))
        self.backup_now.setObjectName("backup_now")
        self.backup_now.clicked.connect(self._backup)
        self.backup_message = label("", "muted", wrap=True)
        if isinstance(ctx.store_path, Path):
            self.backup_dir.setPlaceholderText(
                self.tr("(beside the store: {folder})").format(
                    folder=storefiles.backup_dir(ctx.store_path).name
                )
            )
        else:
            # A hub is backed up by its administrator as the schema's owner (docs/hub.md).
            for w in (self.backup_dir, browse, self.backup_now):
                w.setEnabled(False)
            self.backup_message.setText(i18n.problem_text(StoreProblem("hub_backup_by_owner")))
        here = QGroupBox(self.tr("This computer"))
        f = QFormLayout(here)
        f.addRow(s_label("ui/language"), self.language)
        f.addRow("", self.lang_note)
        f.addRow(s_label("lock/idle_minutes"), self.idle)
        row = QHBoxLayout()
        row.addWidget(self.backup_dir, 1)
        row.addWidget(browse)
        f.addRow(s_label("backup/folder"), row)
        brow = QHBoxLayout()
        brow.addWidget(self.backup_now)
        brow.addWidget(self.backup_message, 1)
        f.addRow("", brow)
        f.addRow(
            "",
            label(
                self.tr(
                    "Backups are encrypted like the store; the last seven are kept. Ctrl+L locks the window at any time."
                ),
                "muted",
                wrap=True,
            ),
        )
        self.language.currentIndexChanged.connect(self._language)
        self.idle.valueChanged.connect(self._idle)
        self.backup_dir.editingFinished.connect(
            lambda: s.set("backup/folder", self.backup_dir.text().strip())
        )

        # -- visit intervals ----------------------------------------------------------------------
        self.may_edit_policy = ctx.user is not None and ctx.user.role in (
            Role.ADMIN,
            Role.CENTRE_SUPERVISOR,
        )
        policy_box = QGroupBox(self.tr("Visit intervals (for the whole store)"))
        pl = QVBoxLayout(policy_box)
        pl.addWidget(
            label(
                self.tr(
                    "A child is visited at the shortest interval among its categories and its risk level; the default applies when none is set. No national rule fixes the frequency: set your locality's."
                ),
                "muted",
                wrap=True,
            )
        )
        grid = QGridLayout()
        self.cat_edits: dict[str, IntervalEdit] = {}
        self.risk_edits: dict[RiskLevel, IntervalEdit] = {}
        r = 0
        grid.addWidget(label(self.tr("By category"), "subtitle"), r, 0, 1, 2)
        r += 1
        for code in ctx.ref.categories.defs:
            e = IntervalEdit()
            self.cat_edits[code] = e
            grid.addWidget(QLabel(ctx.ref.categories.name(code)), r, 0)
            grid.addWidget(e, r, 1)
            r += 1
        grid.addWidget(label(self.tr("By risk level"), "subtitle"), r, 0, 1, 2)
        r += 1
        for risk in RiskLevel:
            e = IntervalEdit()
            self.risk_edits[risk] = e
            grid.addWidget(QLabel(i18n.label(i18n.RISK, risk)), r, 0)
            grid.addWidget(e, r, 1)
            r += 1
        self.default_edit = IntervalEdit()
        self.default_edit.setObjectName("policy_default")
        self.policy_errors = FieldErrors(self)
        grid.addWidget(label(self.tr("Default"), "subtitle"), r, 0)
        grid.addWidget(with_error(self.default_edit, self.policy_errors, "default"), r, 1)
        pl.addLayout(grid)
        self.save_policy = QPushButton(self.tr("Save the intervals"))
        self.save_policy.setObjectName("save_policy")
        set_role(self.save_policy, "primary")
        self.save_policy.clicked.connect(self._save_policy)
        self.policy_message = label("", "muted", wrap=True)
        prow = QHBoxLayout()
        prow.addWidget(self.policy_message, 1)
        prow.addWidget(self.save_policy)
        pl.addLayout(prow)
        if not self.may_edit_policy:
            for e in [*self.cat_edits.values(), *self.risk_edits.values(), self.default_edit]:
                e.set_read_only(True)
            self.save_policy.setVisible(False)
            self.policy_message.setText(self.tr("The district centre sets the intervals."))

        zone_box = self._zone_box()

        body = QWidget()
        col = QVBoxLayout(body)
        col.setContentsMargins(16, 12, 16, 12)
        col.addWidget(label(self.tr("Settings"), "title"))
        col.addWidget(here)
        if ctx.user is not None and ctx.user.role == Role.ADMIN:
            col.addWidget(self._admin_box())
        col.addWidget(policy_box)
        col.addWidget(zone_box)
        col.addWidget(self._casework_box())
        col.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(scroll)

    # -- the store's time zone -----------------------------------------------------------------
    def _zone_box(self) -> QGroupBox:
        """The zone every date is derived in (today, due dates, statistics, the paper's footer):
        one for the store, set by an administrator or the centre supervisor."""
        box = QGroupBox(self.tr("Time zone (for the whole store)"))
        self.zone = QComboBox()
        self.zone.setObjectName("setting_time_zone")
        self.zone.setMinimumWidth(260)
        names = {
            "Asia/Shanghai": self.tr("Beijing time"),
            "Asia/Urumqi": self.tr("Xinjiang time"),
            "Asia/Hong_Kong": self.tr("Hong Kong"),
            "Asia/Macau": self.tr("Macao"),
            "Asia/Taipei": self.tr("Taipei"),
            "UTC": self.tr("Coordinated Universal Time"),
        }
        for zone in store_settings.TIME_ZONES:
            # A region's zone shows its IANA name too (what the command line takes); UTC is its own.
            shown = f"{names[zone]} ({zone})" if "/" in zone else names.get(zone, zone)
            self.zone.addItem(shown, zone)
        self.save_zone = QPushButton(self.tr("Save the time zone"))
        self.save_zone.setObjectName("save_time_zone")
        self.save_zone.clicked.connect(self._save_zone)
        self.zone_message = label("", "muted", wrap=True)
        f = QFormLayout(box)
        row = QHBoxLayout()
        row.addWidget(self.zone)
        row.addWidget(self.save_zone)
        row.addStretch(1)
        f.addRow(self.tr("Time zone"), row)
        f.addRow("", self.zone_message)
        f.addRow(
            "",
            label(
                self.tr(
                    "Today, due dates, statistics and the printed date follow this zone on every laptop of the store."
                ),
                "muted",
                wrap=True,
            ),
        )
        if not self.may_edit_policy:
            self.zone.setEnabled(False)
            self.save_zone.setVisible(False)
            self.zone_message.setText(self.tr("The district centre sets the time zone."))
        return box

    def _show_zone(self, name: str) -> None:
        if self.zone.findData(name) < 0:  # set elsewhere (the command line takes any zone)
            self.zone.addItem(name, name)
        self.zone.setCurrentIndex(self.zone.findData(name))

    def _save_zone(self) -> None:
        name = str(self.zone.currentData())

        def done(_r: object) -> None:
            zone = dates.zone(name)
            self.ctx.ref.zone = zone
            i18n.set_zone(zone)
            self.zone_message.setText(self.tr("Saved. Dates now follow {zone}.").format(zone=name))

        self.ctx.worker.call(
            store_settings.set_time_zone,
            name,
            done=done,
            failed=lambda e: self.zone_message.setText(i18n.problem_text(e)),
            owner=self,
        )

    # -- deadlines and re-examinations ---------------------------------------------------------
    def _casework_box(self) -> QGroupBox:
        """How long "immediately" may take for a mandatory report, when to chase police
        feedback, and the re-examination worklist's dates (annual review day per category)."""
        box = QGroupBox(self.tr("Report deadlines and re-examinations (for the whole store)"))
        self.tolerance = QSpinBox()
        self.tolerance.setObjectName("setting_report_tolerance")
        self.tolerance.setRange(0, casework.MAX_TOLERANCE_HOURS)
        self.tolerance.setSuffix(self.tr(" hours"))
        self.feedback_days = QSpinBox()
        self.feedback_days.setObjectName("setting_feedback_days")
        self.feedback_days.setRange(1, casework.MAX_FEEDBACK_DAYS)
        self.feedback_days.setSuffix(self.tr(" days"))
        self.horizon = QSpinBox()
        self.horizon.setObjectName("setting_reexam_horizon")
        self.horizon.setRange(0, 365)
        self.horizon.setSuffix(self.tr(" days"))
        self.evidence_days = QSpinBox()
        self.evidence_days.setRange(0, 365)
        self.evidence_days.setSuffix(self.tr(" days"))
        self.casework_errors = FieldErrors(self)
        self.annual_edits: dict[str, QLineEdit] = {}
        f = QFormLayout(box)
        f.addRow(self.tr("A mandatory report counts as late after"), self.tolerance)
        f.addRow(self.tr("Chase police feedback after"), self.feedback_days)
        f.addRow(self.tr("Announce birthdays that end a category"), self.horizon)
        f.addRow(self.tr("Announce evidence that expires within"), self.evidence_days)
        for code in self.ctx.ref.categories.defs:
            e = QLineEdit()
            e.setObjectName(f"annual_{code}")
            e.setPlaceholderText(self.tr("MM-DD, empty: none"))
            e.setMaximumWidth(160)
            self.annual_edits[code] = e
            f.addRow(
                self.tr("Annual review of {category} by").format(
                    category=self.ctx.ref.categories.name(code)
                ),
                with_error(e, self.casework_errors, f"annual_{code}"),
            )
        self.save_casework = QPushButton(self.tr("Save the deadlines"))
        self.save_casework.setObjectName("save_casework")
        self.save_casework.clicked.connect(self._save_casework)
        self.casework_message = label("", "muted", wrap=True)
        row = QHBoxLayout()
        row.addWidget(self.casework_message, 1)
        row.addWidget(self.save_casework)
        f.addRow(row)
        if not self.may_edit_policy:
            for w in (self.tolerance, self.feedback_days, self.horizon, self.evidence_days):
                w.setEnabled(False)
            for e in self.annual_edits.values():
                e.setReadOnly(True)
            self.save_casework.setVisible(False)
            self.casework_message.setText(self.tr("The district centre sets the deadlines."))
        return box

    def _show_casework(self, both: tuple[ReportRules, ReexamPolicy]) -> None:
        rules, pol = both
        self.tolerance.setValue(rules.tolerance_hours)
        self.feedback_days.setValue(rules.feedback_days)
        self.horizon.setValue(pol.horizon_days)
        self.evidence_days.setValue(pol.evidence_days)
        self.reexam_policy = pol
        for code, e in self.annual_edits.items():
            md = pol.annual.get(code)
            e.setText(f"{md[0]:02d}-{md[1]:02d}" if md else "")

    def _save_casework(self) -> None:
        self.casework_errors.clear()
        annual: dict[str, tuple[int, int]] = {}
        for code, e in self.annual_edits.items():
            text = e.text().strip()
            if not text:
                continue
            try:
                month, day = (int(x) for x in text.split("-"))
                date(2024, month, day)
            except ValueError:
                self.casework_errors.show(
                    f"annual_{code}", self.tr("Write the day as MM-DD, e.g. 12-31.")
                )
                return
            annual[code] = (month, day)
        base = getattr(self, "reexam_policy", ReexamPolicy())
        pol = ReexamPolicy(
            horizon_days=self.horizon.value(),
            evidence_days=self.evidence_days.value(),
            annual=annual,
            annual_lead_days=base.annual_lead_days,
            annual_late_days=base.annual_late_days,
        )
        rules = ReportRules(
            tolerance_hours=self.tolerance.value(), feedback_days=self.feedback_days.value()
        )

        def run(task: Task) -> None:
            with task.uow() as uow:
                casework.set_report_rules(uow, rules)
                reexamination.set_policy(uow, pol)

        self.ctx.worker.submit(
            run,
            done=lambda _r: self.casework_message.setText(self.tr("Saved.")),
            failed=lambda e: self.casework_message.setText(i18n.problem_text(e)),
            owner=self,
            name="casework settings",
        )

    # -- administration -------------------------------------------------------------------------
    def _admin_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Users and communities"))
        self.user_list = QListWidget()
        self.user_list.setObjectName("user_list")
        self.user_list.setMaximumHeight(160)
        self.deactivate = QPushButton(self.tr("Deactivate the chosen user…"))
        self.deactivate.setObjectName("deactivate_user")
        self.deactivate.clicked.connect(self._deactivate)
        self.reset_pw = QPushButton(self.tr("New password for the chosen user…"))
        self.reset_pw.setObjectName("reset_password")
        self.reset_pw.clicked.connect(self._reset_password)
        self.rekey = QPushButton(self.tr("Replace the data key…"))
        self.rekey.setObjectName("rekey_store")
        self.rekey.clicked.connect(self._rekey)
        self.u_errors = FieldErrors(self)
        self.u_name = QLineEdit()
        self.u_display = QLineEdit()
        self.u_role = QComboBox()
        for r in (Role.DIRECTOR, Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR, Role.ADMIN):
            self.u_role.addItem(i18n.label(i18n.ROLE, r), r)
        self.u_unit = QComboBox()
        self.u_pw = QLineEdit()
        self.u_pw.setEchoMode(QLineEdit.EchoMode.Password)
        add_user = QPushButton(self.tr("Add user"))
        add_user.clicked.connect(self._add_user)
        self.c_errors = FieldErrors(self)
        self.c_street = QComboBox()
        self.c_name = QLineEdit()
        add_comm = QPushButton(self.tr("Add community"))
        add_comm.clicked.connect(self._add_community)
        self.admin_message = label("", "muted", wrap=True)
        # Shown when the centre recovery slot is of the old format (as `store check` reports).
        self.centre_slot_note = label("", "error", wrap=True)
        self.centre_slot_note.setObjectName("old_centre_slot")
        self.centre_slot_note.setVisible(False)
        f = QFormLayout(box)
        f.addRow(self.tr("Users"), self.user_list)
        keys = QHBoxLayout()
        keys.addWidget(self.deactivate)
        keys.addWidget(self.reset_pw)
        keys.addWidget(self.rekey)
        keys.addStretch(1)
        f.addRow("", keys)
        f.addRow(
            "",
            label(
                self.tr(
                    "Everyone on this computer shares one data key. After a user leaves or a "
                    "password leaks, replace the key: what they may have copied stops opening "
                    "the store."
                ),
                "muted",
                wrap=True,
            ),
        )
        f.addRow("", self.centre_slot_note)
        f.addRow(self.tr("User name"), with_error(self.u_name, self.u_errors, "user"))
        f.addRow(self.tr("Name shown"), self.u_display)
        f.addRow(self.tr("Role"), with_error(self.u_role, self.u_errors, "role"))
        f.addRow(self.tr("Unit"), with_error(self.u_unit, self.u_errors, "unit"))
        f.addRow(self.tr("Password"), with_error(self.u_pw, self.u_errors, "password"))
        f.addRow("", add_user)
        f.addRow(self.tr("Street"), self.c_street)
        f.addRow(self.tr("New community"), with_error(self.c_name, self.c_errors, "name"))
        f.addRow("", add_comm)
        f.addRow("", self.admin_message)
        self.u_role.currentIndexChanged.connect(self._fill_units)
        return box

    def _fill_units(self) -> None:
        role = self.u_role.currentData()
        want = {Role.DIRECTOR: UnitKind.COMMUNITY, Role.STREET_SUPERVISOR: UnitKind.STREET}.get(
            role, UnitKind.DISTRICT
        )
        self.u_unit.clear()
        for u in self.ctx.ref.units:
            if u.kind == want:
                parent = self.ctx.ref.unit_name(u.parent_id)
                self.u_unit.addItem(
                    f"{parent} / {u.name}" if parent and want == UnitKind.COMMUNITY else u.name,
                    u.id,
                )
        self.c_street.clear()
        for u in self.ctx.ref.units:
            if u.kind == UnitKind.STREET:
                self.c_street.addItem(u.name, u.id)

    def _refresh_admin(self) -> None:
        def done(rows) -> None:
            self.user_list.clear()
            for u in rows:
                state = "" if u.active else self.tr(" (inactive)")
                self.user_list.addItem(
                    f"{u.name} · {u.display_name} · {i18n.label(i18n.ROLE, u.role)} · {self.ctx.ref.unit_name(u.unit_id)}{state}"
                )
                self.user_list.item(self.user_list.count() - 1).setData(
                    Qt.ItemDataRole.UserRole, u.name if u.active else None
                )

        self.ctx.worker.call(users.list_users, done=done, owner=self)
        self._fill_units()
        self._check_centre_slot()

    def _check_centre_slot(self) -> None:
        def run(task: Task) -> bool:
            assert task.store is not None
            return security.old_centre_slot(task.store)

        def done(old: bool) -> None:
            self.centre_slot_note.setText(t("store.old_centre_slot", i18n.lang()) if old else "")
            self.centre_slot_note.setVisible(old)

        self.ctx.worker.submit(run, done=done, owner=self, name="centre slot")

    def _add_user(self) -> None:
        self.u_errors.clear()
        name, display, role, unit, pw = (
            self.u_name.text(),
            self.u_display.text(),
            Role(self.u_role.currentData()),
            self.u_unit.currentData() or "",
            self.u_pw.text(),
        )

        def done(_u: object) -> None:
            self.admin_message.setText(self.tr("User {name} added.").format(name=name))
            self.u_name.clear()
            self.u_display.clear()
            self.u_pw.clear()
            self._refresh_admin()

        def failed(exc: BaseException) -> None:
            if not (isinstance(exc, InvalidInput) and self.u_errors.show_invalid(exc)):
                self.admin_message.setText(i18n.problem_text(exc))

        self.ctx.worker.call(
            users.add_user,
            name,
            role.value,
            unit,
            pw,
            display_name=display,
            done=done,
            failed=failed,
            owner=self,
        )

    # -- revocation ----------------------------------------------------------------------------
    def _chosen_user(self) -> str | None:
        item = self.user_list.currentItem()
        name = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not name:
            self.admin_message.setText(self.tr("Choose an active user in the list first."))
            return None
        return str(name)

    def _reset_password(self) -> None:
        name = self._chosen_user()
        if name is None:
            return
        dlg = ResetPasswordDialog(self.ctx, name, self)
        dlg.accepted.connect(
            lambda: self.admin_message.setText(
                self.tr("New password set for {name}.").format(name=name)
            )
        )
        dlg.open()

    def _deactivate(self) -> None:
        name = self._chosen_user()
        if name is None:
            return
        picked = choose(
            self,
            self.tr("Deactivate {name}").format(name=name),
            self.tr(
                "{name}'s password will no longer open this store. While they were trusted they "
                "could have copied the data key: replacing it now makes that copy useless for "
                "the store and everything written from now on (recommended)."
            ).format(name=name),
            [
                self.tr("Deactivate and replace the key"),
                self.tr("Deactivate only"),
                self.tr("Cancel"),
            ],
        )
        if picked == 2:
            return
        rekey = picked == 0

        folders = self._backup_folders()

        def work(task: Task) -> object:
            assert task.store is not None
            return security.deactivate_user(task.store, name, rekey=rekey, backup_folders=folders)

        def done(outcome: object) -> None:
            self.admin_message.setText(self.tr("{name} was deactivated.").format(name=name))
            self._refresh_admin()
            if outcome is not None:
                RekeyDoneDialog(outcome, self).open()

        run_with_progress(self, self.ctx, work, done, self._admin_failed)

    def _rekey(self) -> None:
        picked = choose(
            self,
            self.tr("Replace the data key"),
            self.tr(
                "The store is re-encrypted with a new key; every current user keeps their "
                "password, and a new recovery code is shown once. Older backups keep opening "
                "with old passwords until you delete them."
            ),
            [self.tr("Replace the key"), self.tr("Cancel")],
        )
        if picked != 0:
            return

        folders = self._backup_folders()

        def work(task: Task) -> object:
            assert task.store is not None
            return security.rekey_store(task.store, backup_folders=folders)

        def done(outcome: object) -> None:
            self.admin_message.setText(self.tr("The data key was replaced."))
            RekeyDoneDialog(outcome, self).open()

        run_with_progress(self, self.ctx, work, done, self._admin_failed)

    def _backup_folders(self) -> list[Path]:
        """The backup folder chosen here: a rekey lists (and can delete) older backups there too."""
        text = str(self.ctx.settings.get("backup/folder") or "").strip()
        return [Path(text)] if text else []

    def _admin_failed(self, exc: BaseException) -> None:
        self.admin_message.setText(i18n.problem_text(exc))

    def _add_community(self) -> None:
        self.c_errors.clear()
        name, street = self.c_name.text(), self.c_street.currentData() or ""

        def done(u: object) -> None:
            self.admin_message.setText(self.tr("{name} added.").format(name=name))
            self.c_name.clear()
            self.ctx.ref.units.append(u)  # type: ignore[arg-type]
            self.ctx.ref.all_unit_names[u.id] = u.name  # type: ignore[attr-defined]
            self._fill_units()

        def failed(exc: BaseException) -> None:
            if not (isinstance(exc, InvalidInput) and self.c_errors.show_invalid(exc)):
                self.admin_message.setText(i18n.problem_text(exc))

        self.ctx.worker.call(units.add_unit, name, street, done=done, failed=failed, owner=self)

    # -- this computer --------------------------------------------------------------------------
    def _language(self) -> None:
        code = self.language.currentData()
        self.ctx.settings.set("ui/language", code)
        self.lang_note.setText(self.tr("The language changes the next time the program starts."))
        self.lang_note.setVisible(True)

    def _idle(self, minutes: int) -> None:
        self.ctx.settings.set("lock/idle_minutes", minutes)
        self.main.set_idle_minutes(minutes)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Backup folder"), self.backup_dir.text() or str(Path.home())
        )
        if folder:
            self.backup_dir.setText(folder)
            self.ctx.settings.set("backup/folder", folder)

    def _backup(self) -> None:
        folder_text = self.backup_dir.text().strip()
        folder = Path(folder_text) if folder_text else None
        dlg = QProgressDialog(self.tr("Backing up the store…"), self.tr("Cancel"), 0, 0, self)
        dlg.setWindowTitle(self.tr("Backup"))
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(300)

        def run(task: Task) -> Path:
            assert task.store is not None
            out = task.store.auto_backup(folder, reason="manual")
            if task.cancelled:
                out.unlink(missing_ok=True)  # cancelled: leave nothing half-wanted behind
            task.check_cancelled()
            return out

        def done(path: Path) -> None:
            dlg.reset()
            self.backup_message.setText(self.tr("Backed up to {path}").format(path=str(path)))

        def failed(exc: BaseException) -> None:
            dlg.reset()
            self.backup_message.setText(i18n.problem_text(exc))

        task = self.ctx.worker.submit(run, done=done, failed=failed, owner=self, name="backup")
        dlg.canceled.connect(task.cancel)
        dlg.canceled.connect(lambda: self.backup_message.setText(self.tr("Backup cancelled.")))

    # -- visit intervals ------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.ctx.user is not None and self.ctx.user.role == Role.ADMIN:
            self._refresh_admin()
        self.ctx.worker.call(store_settings.visit_policy, done=self._show_policy, owner=self)
        self.ctx.worker.call(store_settings.time_zone_name, done=self._show_zone, owner=self)
        self.ctx.worker.call(
            lambda uow: (casework.report_rules(uow), reexamination.policy(uow)),
            done=self._show_casework,
            owner=self,
        )

    def _show_policy(self, p: schedule.VisitPolicy) -> None:
        self.policy = p
        for code, e in self.cat_edits.items():
            e.set_value(p.by_category.get(code))
        for risk, e in self.risk_edits.items():
            e.set_value(p.by_risk.get(risk))
        self.default_edit.set_value(p.default)

    def _save_policy(self) -> None:
        self.policy_errors.clear()
        default = self.default_edit.value()
        if default is None:
            self.policy_errors.show("default", self.tr("The default interval cannot be empty."))
            return
        base = getattr(self, "policy", schedule.VisitPolicy())
        policy = schedule.VisitPolicy(
            by_category={c: iv for c, e in self.cat_edits.items() if (iv := e.value()) is not None},
            by_risk={r: iv for r, e in self.risk_edits.items() if (iv := e.value()) is not None},
            default=default,
            winter_holidays=base.winter_holidays,
            default_winter=base.default_winter,
        )
        self.ctx.worker.call(
            store_settings.set_visit_policy,
            policy,
            done=lambda _r: self.policy_message.setText(
                self.tr("Saved. New visits are scheduled with these intervals.")
            ),
            failed=lambda e: self.policy_message.setText(i18n.problem_text(e)),
            owner=self,
        )


def s_label(name: str) -> str:
    from hexi_care.ui.settings import BY_NAME

    return BY_NAME[name].label_text()
