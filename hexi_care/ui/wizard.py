"""First run: a wizard that creates the encrypted store (administrator; district, streets and
communities; the first users), shows progress while it measures this computer for the password
protection, and shows the recovery code once, with a button to print it."""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from hexi_care.db.keys import KdfParams
from hexi_care.db.store import create_store
from hexi_care.domain.enums import Role, UnitKind
from hexi_care.errors import InvalidInput, NotFound, UserProblem
from hexi_care.services import units, users
from hexi_care.services import validate as v
from hexi_care.services.context import UnitOfWork
from hexi_care.services.reference import HEXI_STREETS, seed_reference
from hexi_care.ui import i18n
from hexi_care.ui.common import label
from hexi_care.ui.screen import fit_to_screen
from hexi_care.ui.worker import Task

HEXI_CODE = "120103"
log = logging.getLogger("hexi_care.ui")


@dataclass(frozen=True)
class NewUser:
    name: str
    display_name: str
    role: Role
    unit: tuple[str, str, str]  # (kind, street name, community name)
    password: str


def _setup_wizard(page: QWizardPage) -> SetupWizard:
    """The wizard a page belongs to, typed (pages read each other's fields through it)."""
    wiz = page.wizard()
    assert isinstance(wiz, SetupWizard), "page used outside the setup wizard"
    return wiz


def _cell(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text() if item is not None else ""


class IntroPage(QWizardPage):
    def __init__(self, ctx) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome"))
        self.setSubTitle(self.tr("This computer has no case store yet. These steps create one."))
        text = label(
            self.tr(
                "The store keeps children's records encrypted on this computer. Each user opens it with "
                "their own password; a recovery code, shown at the end, sets a new password if every "
                "password is forgotten.\n\nYou will need: the administrator's password, the names of your "
                "streets and communities, and the first users (child directors and supervisors)."
            ),
            wrap=True,
        )
        self.path = QLineEdit(str(ctx.store_path))
        self.path.setObjectName("wizard_path")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addSpacing(12)
        lay.addWidget(QLabel(self.tr("Store file")))
        lay.addLayout(row)
        lay.addStretch(1)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Store file"), self.path.text(), "hexi-care (*.hexi)"
        )
        if name:
            self.path.setText(name if name.endswith(".hexi") else name + ".hexi")

    def validatePage(self) -> bool:
        p = Path(self.path.text().strip()).expanduser()
        if p.exists():
            self.setSubTitle(self.tr("A file already exists there. Choose another name."))
            return False
        return bool(self.path.text().strip())


class AdminPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Administrator"))
        self.setSubTitle(
            self.tr(
                "The administrator manages users and keys. Reading case files needs a director or supervisor account."
            )
        )
        self.name = QLineEdit("admin")
        self.name.setObjectName("wizard_admin_name")
        self.pw1 = QLineEdit()
        self.pw1.setObjectName("wizard_admin_pw1")
        self.pw1.setEchoMode(QLineEdit.EchoMode.Password)
        self.pw2 = QLineEdit()
        self.pw2.setObjectName("wizard_admin_pw2")
        self.pw2.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = label("", "error", wrap=True)
        form = QFormLayout(self)
        form.addRow(self.tr("User name"), self.name)
        form.addRow(self.tr("Password"), self.pw1)
        form.addRow(self.tr("Repeat the password"), self.pw2)
        form.addRow("", label(self.tr("At least 8 characters."), "muted"))
        form.addRow("", self.message)

    def validatePage(self) -> bool:
        if not self.name.text().strip():
            self.message.setText(self.tr("Enter a user name."))
            return False
        if not _password_ok(self.message, self.pw1.text(), self.name.text().strip()):
            return False
        if self.pw1.text() != self.pw2.text():
            self.message.setText(self.tr("The two passwords differ."))
            return False
        self.message.clear()
        return True


def _password_ok(message: QLabel, password: str, *names: str) -> bool:
    """The core's password rule; its message says why a password is refused (zh or en)."""
    try:
        users.check_password(password, names=names)
    except UserProblem as exc:
        message.setText(exc.message(i18n.lang()))
        return False
    return True


class UnitsPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("District, streets and communities"))
        self.setSubTitle(
            self.tr(
                "With the address code 120103 the 14 streets of Hexi district are added for you. Add the communities here; more can be added later."
            )
        )
        self.district = QLineEdit("河西区")
        self.district.setObjectName("wizard_district")
        self.code = QLineEdit(HEXI_CODE)
        self.street = QComboBox()
        self.street.setEditable(True)
        self.street.setObjectName("wizard_street")
        self.street.addItems(list(HEXI_STREETS))
        self.community = QLineEdit()
        self.community.setObjectName("wizard_community")
        self.community.setPlaceholderText(self.tr("e.g. 紫金里社区"))
        add = QPushButton(self.tr("&Add community"))
        add.setObjectName("wizard_add_community")
        add.clicked.connect(self._add)
        self.community.returnPressed.connect(self._add)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Street"), self.tr("Community")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.message = label("", "error", wrap=True)
        form = QFormLayout()
        form.addRow(self.tr("District"), self.district)
        form.addRow(self.tr("Address code"), self.code)
        row = QHBoxLayout()
        row.addWidget(self.street, 1)
        row.addWidget(self.community, 1)
        row.addWidget(add)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(QLabel(self.tr("Street and community")))
        lay.addLayout(row)
        lay.addWidget(self.table, 1)
        lay.addLayout(_right(remove))
        lay.addWidget(self.message)
        self.code.textChanged.connect(self._code_changed)

    def _code_changed(self, text: str) -> None:
        if text.strip() == HEXI_CODE and self.street.count() == 0:
            self.street.addItems(list(HEXI_STREETS))

    def _add(self) -> None:
        street, community = self.street.currentText().strip(), self.community.text().strip()
        if not street or not community:
            self.message.setText(self.tr("Enter both the street and the community."))
            return
        if (street, community) in self.rows():
            self.message.setText(self.tr("That community is already in the list."))
            return
        self.message.clear()
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, QTableWidgetItem(street))
        self.table.setItem(r, 1, QTableWidgetItem(community))
        self.community.clear()
        self.community.setFocus()
        self.completeChanged.emit()

    def _remove(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.table.removeRow(r)
            self.completeChanged.emit()

    def rows(self) -> list[tuple[str, str]]:
        return [
            (_cell(self.table, r, 0), _cell(self.table, r, 1)) for r in range(self.table.rowCount())
        ]

    def validatePage(self) -> bool:
        if not self.district.text().strip():
            self.message.setText(self.tr("Enter the district's name."))
            return False
        return True


class UsersPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("First users"))
        self.setSubTitle(
            self.tr(
                "Each child director works in one community, a child supervisor in one street, the centre in the district."
            )
        )
        self.name = QLineEdit()
        self.name.setObjectName("wizard_user_name")
        self.display = QLineEdit()
        self.display.setObjectName("wizard_user_display")
        self.role = QComboBox()
        self.role.setObjectName("wizard_user_role")
        for r in (Role.DIRECTOR, Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR):
            self.role.addItem(i18n.label(i18n.ROLE, r), r)
        self.unit = QComboBox()
        self.unit.setObjectName("wizard_user_unit")
        self.pw = QLineEdit()
        self.pw.setObjectName("wizard_user_pw")
        self.pw.setEchoMode(QLineEdit.EchoMode.Password)
        add = QPushButton(self.tr("Add &user"))
        add.setObjectName("wizard_add_user")
        add.clicked.connect(self._add)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("User name"), self.tr("Name"), self.tr("Role"), self.tr("Unit")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.message = label("", "error", wrap=True)
        self.users: list[NewUser] = []
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.name)
        form.addRow(self.tr("Name shown"), self.display)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Password"), self.pw)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addLayout(_right(add))
        lay.addWidget(self.table, 1)
        lay.addLayout(_right(remove))
        lay.addWidget(self.message)
        self.role.currentIndexChanged.connect(self._fill_units)

    def initializePage(self) -> None:
        self._fill_units()

    def _fill_units(self) -> None:
        wiz = self.wizard()
        if wiz is None:
            return
        units_page = _setup_wizard(self).units_page
        role = self.role.currentData()
        self.unit.clear()
        if role == Role.CENTRE_SUPERVISOR:
            self.unit.addItem(units_page.district.text().strip(), ("district", "", ""))
        elif role == Role.STREET_SUPERVISOR:
            streets = list(
                dict.fromkeys(
                    [s for s, _ in units_page.rows()]
                    + [units_page.street.itemText(i) for i in range(units_page.street.count())]
                )
            )
            for s in streets:
                self.unit.addItem(s, ("street", s, ""))
        else:
            for s, c in units_page.rows():
                self.unit.addItem(f"{s} / {c}", ("community", s, c))

    def _add(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.message.setText(self.tr("Enter a user name."))
            return
        if (
            any(u.name.casefold() == name.casefold() for u in self.users)
            or name.casefold() == _setup_wizard(self).admin_page.name.text().strip().casefold()
        ):
            self.message.setText(self.tr("That user name is already taken."))
            return
        if self.unit.currentData() is None:
            self.message.setText(self.tr("Add the community on the previous page first."))
            return
        display = self.display.text().strip()
        if display:
            try:
                v.name("display_name", display)  # the core's rule for names (domain.names)
            except InvalidInput as exc:
                self.message.setText(i18n.problem_text(exc))
                return
        if not _password_ok(self.message, self.pw.text(), name, display):
            return
        self.message.clear()
        u = NewUser(
            name,
            self.display.text().strip() or name,
            Role(self.role.currentData()),
            tuple(self.unit.currentData()),
            self.pw.text(),
        )
        self.users.append(u)
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, text in enumerate(
            (u.name, u.display_name, self.role.currentText(), self.unit.currentText())
        ):
            self.table.setItem(r, c, QTableWidgetItem(text))
        self.name.clear()
        self.display.clear()
        self.pw.clear()
        self.name.setFocus()

    def _remove(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.table.removeRow(r)
            del self.users[r]

    def validatePage(self) -> bool:
        if not self.users:
            self.message.setText(
                self.tr(
                    "Add at least one child director or supervisor: the administrator cannot read case files."
                )
            )
            return False
        return True


class CreatePage(QWizardPage):
    def __init__(self, ctx) -> None:
        super().__init__()
        self.ctx = ctx
        self.setTitle(self.tr("Creating the store"))
        self.setSubTitle(
            self.tr(
                "This takes a few seconds per user: each password is protected so that guessing it is slow."
            )
        )
        self.bar = QProgressBar()
        self.bar.setObjectName("wizard_progress")
        self.steps = QListWidget()
        self.message = label("", "error", wrap=True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.bar)
        lay.addWidget(self.steps, 1)
        lay.addWidget(self.message)
        self.done = False
        self.recovery_code = ""
        self.task: Task | None = None

    def initializePage(self) -> None:
        if self.done or self.task is not None:
            return
        wiz = _setup_wizard(self)
        path = Path(wiz.intro.path.text().strip()).expanduser()
        admin = wiz.admin_page.name.text().strip()
        admin_pw = wiz.admin_page.pw1.text()
        district = wiz.units_page.district.text().strip()
        code = wiz.units_page.code.text().strip() or None
        rows = wiz.units_page.rows()
        new_users = list(wiz.users_page.users)
        clock = self.ctx.clock
        total = 3 + len(new_users)
        self.bar.setRange(0, total)
        self.steps.clear()
        words = {
            "calibrate": self.tr("Measuring this computer for the password protection"),
            "create": self.tr("Creating the encrypted store"),
            "units": self.tr("Adding streets and communities"),
        }

        def run(task: Task) -> str:
            task.report(0, total, "calibrate")
            params = KdfParams.calibrate()
            task.report(1, total, "create")
            created = create_store(
                path,
                admin_name=admin,
                admin_password=admin_pw,
                district_name=district,
                district_code=code,
                kdf=params,
                clock=clock,
                seed_reference=seed_reference,
            )
            store = created.store
            try:
                task.report(2, total, "units")
                ids: dict[tuple[str, str, str], str] = {}
                with UnitOfWork(store) as uow:
                    root = next(u for u in units.list_units(uow) if u.kind == UnitKind.DISTRICT)
                    ids[("district", "", "")] = root.id
                    streets: dict[str, str] = {
                        u.name: u.id for u in units.list_units(uow) if u.kind == UnitKind.STREET
                    }
                    for s, c in rows:
                        if s not in streets:
                            streets[s] = units.add_unit(uow, s, root.id).id
                        ids[("community", s, c)] = units.add_unit(uow, c, streets[s]).id
                    for s, sid in streets.items():
                        ids[("street", s, "")] = sid
                    uow.audit("create", "store", None)
                for i, u in enumerate(new_users):
                    task.report(3 + i, total, "user:" + u.name)
                    unit_id = ids.get(u.unit)
                    if unit_id is None:
                        raise NotFound(what="unit", ref=u.unit[2] or u.unit[1])
                    with UnitOfWork(store) as uow:
                        users.add_user(
                            uow,
                            u.name,
                            u.role.value,
                            unit_id,
                            u.password,
                            display_name=u.display_name,
                            kdf=params,
                        )
                task.report(total, total, "done")
            finally:
                store.lock()
            return created.recovery_code

        def progress(done: int, _total: int, step: str) -> None:
            self.bar.setValue(done)
            if step.startswith("user:"):
                self.steps.addItem(self.tr("Adding user {name}").format(name=step[5:]))
            elif step in words:
                self.steps.addItem(words[step])

        def finished(code_: str) -> None:
            self.task = None
            self.done = True
            self.recovery_code = code_
            self.ctx.store_path = path
            self.ctx.settings.set("store/path", str(path))
            self.steps.addItem(self.tr("Done."))
            self.bar.setValue(total)
            self.completeChanged.emit()
            wiz.next()

        def failed(exc: BaseException) -> None:
            self.task = None
            if not isinstance(exc, UserProblem):
                log.error("creating the store failed", exc_info=exc)
            self.message.setText(i18n.problem_text(exc))
            self.completeChanged.emit()

        self.task = self.ctx.worker.submit(
            run, done=finished, failed=failed, progress=progress, owner=self, name="create-store"
        )

    def isComplete(self) -> bool:
        return self.done

    def cleanupPage(self) -> None:
        pass


class RecoveryPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Recovery code"))
        self.setSubTitle(
            self.tr("Shown only this once. Print it or write it down and keep it locked away.")
        )
        self.code = QLabel()
        self.code.setObjectName("wizard_recovery_code")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        f = QFont("DejaVu Sans Mono")
        f.setStyleHint(QFont.StyleHint.Monospace)
        f.setPointSize(16)
        f.setBold(True)
        self.code.setFont(f)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        explain = label(
            self.tr(
                "If every password of this store is forgotten, this code sets a new one. Anyone holding it "
                "can open the store, so treat it like a key: not in the laptop bag, not in a photo."
            ),
            wrap=True,
        )
        self.print_button = QPushButton(self.tr("&Print the recovery code…"))
        self.print_button.setObjectName("wizard_print")
        self.print_button.clicked.connect(self._print)
        self.confirm = QCheckBox(
            self.tr("I have printed or written down the recovery code and will keep it locked away")
        )
        self.confirm.setObjectName("wizard_confirm")
        self.confirm.toggled.connect(self.completeChanged)
        lay = QVBoxLayout(self)
        lay.addWidget(explain)
        lay.addSpacing(10)
        lay.addWidget(self.code)
        lay.addSpacing(10)
        lay.addLayout(_right(self.print_button))
        lay.addStretch(1)
        lay.addWidget(self.confirm)

    def initializePage(self) -> None:
        self.code.setText(_setup_wizard(self).create_page.recovery_code)

    def isComplete(self) -> bool:
        return self.confirm.isChecked()

    def document(self) -> QTextDocument:
        doc = QTextDocument()
        wiz = _setup_wizard(self)
        doc.setHtml(
            "<h2>{title}</h2><p>{store}</p><p style='font-size:20pt; font-family:monospace'><b>{code}</b></p><p>{note}</p>".format(
                title=html.escape(self.tr("hexi-care recovery code")),
                store=html.escape(
                    self.tr("Store: {path}").format(path=Path(wiz.intro.path.text()).name)
                ),
                code=html.escape(self.code.text()),
                note=html.escape(
                    self.tr(
                        "Keep locked away. It sets a new password when every password is forgotten."
                    )
                ),
            )
        )
        return doc

    def _print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dlg = QPrintDialog(printer, self)
        dlg.setWindowTitle(self.tr("Print the recovery code"))
        if dlg.exec():
            self.document().print_(printer)


class SetupWizard(QWizard):
    created = Signal(str)  # the first user's name, to prefill the unlock dialog

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("setup_wizard")
        self.setWindowTitle(self.tr("Set up this computer"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.intro = IntroPage(ctx)
        self.admin_page = AdminPage()
        self.units_page = UnitsPage()
        self.users_page = UsersPage()
        self.create_page = CreatePage(ctx)
        self.recovery_page = RecoveryPage()
        for p in (
            self.intro,
            self.admin_page,
            self.units_page,
            self.users_page,
            self.create_page,
            self.recovery_page,
        ):
            self.addPage(p)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        fit_to_screen(self, 760, 560)
        self.currentIdChanged.connect(self._page_changed)

    def _page_changed(self, _id: int) -> None:
        # Once the store exists there is no going back to change what made it.
        if self.currentPage() in (self.create_page, self.recovery_page):
            self.button(QWizard.WizardButton.BackButton).setEnabled(False)

    def accept(self) -> None:
        first = next((u.name for u in self.users_page.users if u.role == Role.DIRECTOR), None)
        first = first or (
            self.users_page.users[0].name if self.users_page.users else self.admin_page.name.text()
        )
        super().accept()
        self.created.emit(first)


def _right(*widgets) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for w in widgets:
        row.addWidget(w)
    return row
