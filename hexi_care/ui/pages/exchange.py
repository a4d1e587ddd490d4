"""数据交换: this device's identity and fingerprint, the enrolled devices, exporting a package to a
folder or removable drive, importing one with a summary, enrolment, and the conflicts a supervisor
resolves. All work runs on the database worker (hexi_care.sync, free of Qt); export and import
show a cancellable progress dialog. The methods `export_to`, `import_file`, `resolve`,
`card_to`, `request_to`, `enrol_from` and `accept_from` do the work without asking for files, so
tests and the dialogs share them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hexi_care.db.location import shown
from hexi_care.domain.enums import Role
from hexi_care.errors import BadPackage, UserProblem
from hexi_care.messages import t
from hexi_care.sync.types import ExchangeCancelled
from hexi_care.ui import i18n
from hexi_care.ui.common import OK_COLOUR, WARN_COLOUR, label, make_table
from hexi_care.ui.i18n import QT_TRANSLATE_NOOP
from hexi_care.ui.models import Column, RowsModel
from hexi_care.ui.progress import run_with_progress
from hexi_care.ui.worker import Task

STAGES = {
    "collect": QT_TRANSLATE_NOOP("Exchange", "Collecting the records…"),
    "pack": QT_TRANSLATE_NOOP("Exchange", "Packing…"),
    "seal": QT_TRANSLATE_NOOP("Exchange", "Signing and sealing…"),
    "write": QT_TRANSLATE_NOOP("Exchange", "Writing the file…"),
    "read": QT_TRANSLATE_NOOP("Exchange", "Reading the file…"),
    "verify": QT_TRANSLATE_NOOP("Exchange", "Checking the signature…"),
    "open": QT_TRANSLATE_NOOP("Exchange", "Opening the package…"),
    "apply": QT_TRANSLATE_NOOP("Exchange", "Applying the records…"),
}
PACKAGE_FILTER = QT_TRANSLATE_NOOP("Exchange", "Exchange packages (*.hxp);;All files (*)")
ENROL_FILTER = QT_TRANSLATE_NOOP("Exchange", "Enrolment files (*.hxr);;All files (*)")
RESOLVE_ROLES = (Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR)
# Enrolment problems the centre operator answers by choosing the unit the laptop serves.
UNIT_CHOICE_KEYS = ("exchange.unit_needed", "exchange.unit_unknown")


def _lang() -> str:
    return i18n.lang()


def _when(value: datetime | None) -> str:
    return i18n.fmt_datetime(value) if value is not None else "—"


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value or '""'
    return json.dumps(value, ensure_ascii=False)


def field_label(field: str) -> str:
    text = t(f"field.{field}", _lang())
    return field if text == f"field.{field}" else text


def kind_label(kind: str) -> str:
    return t(f"exchange.kind.{kind}", _lang())


def role_label(role: str | None) -> str:
    return t(f"exchange.role.{role or 'none'}", _lang())


def removable_drives() -> list[Path]:
    """Mounted removable drives (USB sticks) under /media and /run/media, newest first."""
    found: list[Path] = []
    for root in (Path("/media"), Path("/run/media")):
        try:
            entries = [p for p in root.iterdir() if p.is_dir()]
        except OSError:
            continue
        for entry in entries:
            if entry.is_mount():  # /media/LABEL
                found.append(entry)
                continue
            try:  # /media/USER/LABEL
                found += [p for p in entry.iterdir() if p.is_dir() and p.is_mount()]
            except OSError:
                continue
    return found


def safe_name(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-") or "peer"


def peer_columns() -> list[Column]:
    return [
        Column(
            QT_TRANSLATE_NOOP("Columns", "Device"),
            lambda p: p.label,
            tooltip=lambda p: p.label,
            width=8,
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Role"), lambda p: role_label(p.role), width=4),
        Column(QT_TRANSLATE_NOOP("Columns", "Unit"), lambda p: p.unit_name or "—", width=5),
        Column(QT_TRANSLATE_NOOP("Columns", "Fingerprint"), lambda p: p.fingerprint, width=11),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Sent"),
            lambda p: str(p.next_seq_out - 1),
            align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            width=3,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Received"),
            lambda p: str(p.last_seq_in),
            align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            width=3,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Last exchange"),
            lambda p: _when(
                max((d for d in (p.last_export_at, p.last_import_at) if d), default=None)
            ),
            foreground=lambda p: WARN_COLOUR if p.revoked else None,
        ),
    ]


def conflict_columns() -> list[Column]:
    return [
        Column(
            QT_TRANSLATE_NOOP("Columns", "Record"),
            lambda c: f"{kind_label(c.entity)} {c.subject}",
            width=7,
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Field"), lambda c: field_label(c.field), width=4),
        Column(QT_TRANSLATE_NOOP("Columns", "Centre value"), lambda c: _value(c.mine), width=7),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Changed at the centre"),
            lambda c: f"{c.mine_user or '—'} {_when(c.mine_at)}",
            width=9,
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Laptop value"), lambda c: _value(c.theirs), width=7),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Changed on the laptop"),
            lambda c: f"{c.theirs_user or '—'} {_when(c.theirs_at)}",
            width=9,
        ),
    ]


class MessageDialog(QDialog):
    """A non-blocking result window (opened with `open()`): a title, lines of text, a Close button."""

    def __init__(self, parent: QWidget, title: str, heading: str, lines: list[str], *, ok: bool):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        head = label(heading, "subtitle" if ok else "error", wrap=True)
        head.setObjectName("heading")
        lay.addWidget(head)
        self.lines = [ln for ln in lines if ln]
        body = label("\n".join(self.lines), wrap=True, selectable=True)
        body.setObjectName("body")
        lay.addWidget(body)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        self.heading = heading

    def text(self) -> str:
        return "\n".join([self.heading, *self.lines])


class RequestDialog(QDialog):
    """Before writing an enrolment request: the centre's card, if the laptop was given one, and the
    fingerprint the centre read out (compared before the card is used). Without a card the request
    carries the laptop's keys only."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("enrol_request_dialog")
        self.setWindowTitle(self.tr("Request enrolment"))
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        lay.addWidget(
            label(
                self.tr(
                    "If the centre gave you its card, choose it and type the fingerprint the centre read to you: the community and the director's name then travel sealed to the centre. Without a card, the request holds no names and the centre chooses the community when it enrols this laptop."
                ),
                "muted",
                wrap=True,
            )
        )
        form = QFormLayout()
        self.card = QLineEdit()
        self.card.setObjectName("enrol_card_file")
        self.card.setPlaceholderText(self.tr("No card"))
        browse = QPushButton(self.tr("Choose…"))
        browse.setObjectName("enrol_card_browse")
        browse.clicked.connect(lambda _=False: self._browse())
        row = QHBoxLayout()
        row.addWidget(self.card, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Centre card"), row)
        self.fingerprint = QLineEdit()
        self.fingerprint.setObjectName("enrol_card_fingerprint")
        self.fingerprint.setPlaceholderText("0000 0000 0000 0000 0000 0000")
        form.addRow(self.tr("The centre's fingerprint"), self.fingerprint)
        lay.addLayout(form)
        self.note = label("", "error", wrap=True)
        self.note.setObjectName("enrol_card_note")
        self.note.setVisible(False)
        lay.addWidget(self.note)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Continue…"))
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.accepted.connect(self._check)
        box.rejected.connect(self.reject)
        lay.addWidget(box)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("The centre's card"),
            self.card.text() or str(Path.home()),
            i18n.lookup(ENROL_FILTER, "Exchange"),
        )
        if path:
            self.card.setText(path)

    def card_path(self) -> Path | None:
        text = self.card.text().strip()
        return Path(text) if text else None

    def _check(self) -> None:
        # The fingerprint itself is compared by the request; here only what is missing.
        if self.card_path() is not None and not any(c.isdigit() for c in self.fingerprint.text()):
            self.note.setText(
                self.tr("Type the fingerprint the centre read to you, to compare with the card.")
            )
            self.note.setVisible(True)
            return
        self.accept()


class ExchangePage(QWidget):
    def __init__(self, ctx, main) -> None:
        super().__init__()
        self.ctx = ctx
        self.main = main
        self.info: Any = None
        self.peers: list[Any] = []
        self.last_dialog: MessageDialog | None = None
        self.request_dialog: RequestDialog | None = None
        self.unit_dialog: QInputDialog | None = None
        self.last_resolution = ""
        self.progress: QProgressDialog | None = None
        self.models = {
            "peers": RowsModel(peer_columns(), parent=self),
            "conflicts": RowsModel(conflict_columns(), parent=self),
        }

        # -- this device ------------------------------------------------------------------------
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.role = label("", selectable=True)
        self.unit = label("", selectable=True)
        self.device_id = label("", selectable=True)
        self.fingerprint = label("", "subtitle", selectable=True)
        self.fingerprint.setFont(mono)
        self.fingerprint.setObjectName("fingerprint")
        self.path = label(shown(ctx.store_path), "muted", selectable=True, wrap=True)
        ident = QGroupBox(self.tr("This device"))
        fl = QFormLayout(ident)
        fl.addRow(self.tr("Role"), self.role)
        fl.addRow(self.tr("Unit"), self.unit)
        fl.addRow(self.tr("Device id"), self.device_id)
        fl.addRow(self.tr("Fingerprint"), self.fingerprint)
        fl.addRow(self.tr("File"), self.path)
        self.request_btn = self._button("request", self.tr("Request enrolment…"), self.request)
        self.accept_btn = self._button("accept", self.tr("Accept the centre's reply…"), self.accept)
        self.enrol_btn = self._button("enrol", self.tr("Enrol a laptop…"), self.enrol)
        self.card_btn = self._button("card", self.tr("Centre card…"), self.card)
        fl.addRow(
            self._row(self.request_btn, self.accept_btn, self.enrol_btn, self.card_btn),
        )

        # -- export and import --------------------------------------------------------------------
        acts = QGroupBox(self.tr("Exchange packages"))
        al = QVBoxLayout(acts)
        al.addWidget(
            label(
                self.tr(
                    "No network is needed: a package file travels on a USB stick, a shared folder or by mail. It is unreadable without the recipient's key."
                ),
                "muted",
                wrap=True,
            )
        )
        self.peer_box = QComboBox()
        self.peer_box.setObjectName("exchange_peer")
        self.export_btn = self._button("export", self.tr("Export…"), self.export, primary=True)
        self.import_btn = self._button("import", self.tr("Import…"), self.import_)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("For")))
        row.addWidget(self.peer_box, 1)
        row.addWidget(self.export_btn)
        row.addWidget(self.import_btn)
        al.addLayout(row)
        self.result = label("", wrap=True, selectable=True)
        self.result.setObjectName("exchange_result")
        al.addWidget(self.result)
        al.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(ident, 1)
        top.addWidget(acts, 1)

        # -- peers --------------------------------------------------------------------------------
        peers = QGroupBox(self.tr("Enrolled devices"))
        pl = QVBoxLayout(peers)
        self.peer_view = make_table(self.models["peers"])
        self.peer_view.setObjectName("peer_table")
        self.no_peers = label(t("exchange.no_peers", _lang()), "muted")
        pl.addWidget(self.peer_view)
        pl.addWidget(self.no_peers)

        # -- conflicts ----------------------------------------------------------------------------
        confl = self.conflict_box = QGroupBox(self.tr("Conflicts to resolve"))
        cl = QVBoxLayout(confl)
        cl.addWidget(
            label(
                self.tr(
                    "The same field changed on both sides: a supervisor at the centre chooses. Nothing is overwritten silently."
                ),
                "muted",
                wrap=True,
            )
        )
        self.conflict_view = make_table(self.models["conflicts"])
        self.conflict_view.setObjectName("conflict_table")
        self.conflict_view.selectionModel().selectionChanged.connect(self._update_buttons)
        cl.addWidget(self.conflict_view)
        self.mine_btn = self._button("keep_mine", self.tr("Keep the centre's"), self._keep_mine)
        self.theirs_btn = self._button(
            "keep_theirs", self.tr("Keep the laptop's"), self._keep_theirs
        )
        self.value_btn = self._button("keep_value", self.tr("Type a value…"), self._keep_value)
        self.conflict_note = label("", "muted", wrap=True)
        cl.addLayout(self._row(self.mine_btn, self.theirs_btn, self.value_btn))
        cl.addWidget(self.conflict_note)

        bottom = QHBoxLayout()
        bottom.addWidget(peers, 1)
        bottom.addWidget(confl, 1)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addWidget(label(self.tr("Data exchange"), "title"))
        lay.addLayout(top)
        lay.addLayout(bottom, 1)
        self._update_buttons()

    # -- building blocks ----------------------------------------------------------------------------
    def _button(
        self, key: str, text: str, fn: Callable[[], None], *, primary: bool = False
    ) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(f"exchange_{key}")
        if primary:
            b.setProperty("role", "primary")
        b.clicked.connect(lambda _=False: fn())
        return b

    @staticmethod
    def _row(*widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        for w in widgets:
            row.addWidget(w)
        row.addStretch(1)
        return row

    def _user_role(self) -> Role | None:
        user = getattr(self.ctx, "user", None)
        return user.role if user is not None else None

    def _show(self, title: str, heading: str, lines: list[str], *, ok: bool = True) -> None:
        if self.last_dialog is not None:
            self.last_dialog.close()
            self.last_dialog.deleteLater()
        self.last_dialog = MessageDialog(self, title, heading, lines, ok=ok)
        self.last_dialog.setObjectName("exchange_message")
        self.last_dialog.open()

    # -- loading ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        from hexi_care import sync

        def run(task: Task) -> tuple[Any, list[Any], list[Any] | None]:
            s = task.store
            assert s is not None
            try:
                conflicts: list[Any] | None = sync.list_conflicts(s)
            except UserProblem:  # an administrator sees no case files, so no conflicts
                conflicts = None
            return sync.device_info(s), sync.list_peers(s), conflicts

        self.ctx.worker.submit(
            run, done=self._loaded, failed=self._load_failed, owner=self, name="exchange"
        )

    def _loaded(self, data: tuple[Any, list[Any], list[Any] | None]) -> None:
        info, peers, conflicts = data
        self.info = info
        self.peers = peers
        self.role.setText(role_label(info.role))
        self.unit.setText(info.unit_name or "—")
        self.device_id.setText(info.device_id)
        self.fingerprint.setText(info.fingerprint)
        self.models["peers"].set_rows(peers)
        self.peer_view.resizeColumnToContents(3)  # the fingerprint whole, to compare
        self.peer_view.setVisible(bool(peers))
        self.no_peers.setVisible(not peers)
        current = self.peer_box.currentData()
        self.peer_box.clear()
        for p in peers:
            if not p.revoked:
                self.peer_box.addItem(f"{p.label} · {role_label(p.role)}", p.id)
        i = self.peer_box.findData(current)
        if i >= 0:
            self.peer_box.setCurrentIndex(i)
        self.models["conflicts"].set_rows(conflicts or [])
        self.conflict_box.setVisible(conflicts is not None)
        self._update_buttons()

    def _load_failed(self, exc: BaseException) -> None:
        self.result.setText(i18n.problem_text(exc))

    def _update_buttons(self, *_: Any) -> None:
        role = self.info.role if self.info is not None else None
        admin_or_director = self._user_role() in (
            Role.ADMIN,
            Role.DIRECTOR,
            Role.STREET_SUPERVISOR,
        )
        self.request_btn.setVisible(role != "centre" and admin_or_director)
        self.accept_btn.setVisible(role != "centre" and admin_or_director)
        self.enrol_btn.setVisible(
            role != "laptop" and self._user_role() in (Role.ADMIN, Role.CENTRE_SUPERVISOR)
        )
        self.card_btn.setVisible(self.enrol_btn.isVisibleTo(self))
        has_peer = self.peer_box.count() > 0
        self.export_btn.setEnabled(has_peer)
        self.import_btn.setEnabled(has_peer)
        can_resolve = role == "centre" and self._user_role() in RESOLVE_ROLES
        selected = self.selected_conflict() is not None
        for b in (self.mine_btn, self.theirs_btn, self.value_btn):
            b.setEnabled(can_resolve and selected)
        n = self.models["conflicts"].rowCount()
        if n == 0:
            note = t("exchange.no_conflicts", _lang())
        elif not can_resolve:
            note = self.tr("Read-only here: conflicts are resolved by a supervisor at the centre.")
        else:
            note = self.tr("{count} open conflict(s).").format(count=n)
        self.conflict_note.setText(
            f"{self.last_resolution}\n{note}" if self.last_resolution else note
        )

    # -- progress -----------------------------------------------------------------------------------
    def _run_with_progress(
        self,
        title: str,
        fn: Callable[[Task], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> Task:
        def track(dlg: QProgressDialog, shown: bool) -> None:
            if shown:
                self.progress = dlg
            elif self.progress is dlg:
                self.progress = None

        return run_with_progress(
            self,
            self.ctx.worker,
            fn,
            title=title,
            first_label=i18n.lookup(STAGES["read"], "Exchange"),
            cancel_text=self.tr("Cancel"),
            stage_label=lambda stage: (
                i18n.lookup(STAGES[stage], "Exchange") if stage in STAGES else None
            ),
            done=done,
            failed=failed,
            # Stop the work (the core writes or imports nothing once it sees the flag) and
            # close the dialog now: a task cancelled before it started reports nothing back.
            cancelled=lambda: failed(ExchangeCancelled()),
            track=track,
        )

    @staticmethod
    def _hooks(task: Task) -> dict[str, Any]:
        return {
            "progress": lambda stage, done, total: task.report(done, total, stage),
            "cancel": lambda: task.cancelled,
        }

    # -- export -------------------------------------------------------------------------------------
    def export(self) -> None:
        peer_id = self.peer_box.currentData()
        if peer_id is None:
            return
        drives = removable_drives()
        start = str(drives[0]) if drives else str(Path.home())
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder or removable drive for the package"), start
        )
        if folder:
            self.export_to(peer_id, Path(folder))

    def export_to(self, peer_id: str, folder: Path) -> Task:
        from hexi_care import sync

        peer = next((p for p in self.peers if p.id == peer_id), None)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        name = f"hexi-care-to-{safe_name(peer.label if peer else peer_id[:8])}-{stamp}.hxp"
        out = folder / name

        def run(task: Task) -> Any:
            assert task.store is not None
            return sync.export_package(task.store, peer_id, out, **self._hooks(task))

        def done(res: Any) -> None:
            lang = _lang()
            lines = [t("exchange.exported_file", lang, path=str(f)).strip() for f in res.files]
            lines += [
                t("exchange.held_back", lang, count=n, kind=kind_label(k)).strip()
                for k, n in res.held_back.items()
            ]
            heading = t(
                "exchange.exported",
                lang,
                seq=res.seq,
                peer=res.peer_label,
                records=sum(res.counts.values()),
                size=_size(res.size),
            )
            self.result.setText("\n".join([heading, *lines]))
            set_colour(self.result, OK_COLOUR)
            self._show(self.tr("Package written"), heading, lines)
            self.refresh()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, sync.ExchangeCancelled):
                text = self.tr("Export cancelled. Nothing was written.")
            else:
                text = i18n.problem_text(exc)
            self.result.setText(text)
            set_colour(self.result, WARN_COLOUR)

        return self._run_with_progress(self.tr("Export"), run, done, failed)

    # -- import -------------------------------------------------------------------------------------
    def import_(self) -> None:
        drives = removable_drives()
        start = str(drives[0]) if drives else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Package to import"),
            start,
            i18n.lookup(PACKAGE_FILTER, "Exchange"),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> Task:
        from hexi_care import sync

        def run(task: Task) -> Any:
            assert task.store is not None
            return sync.import_package(task.store, path, **self._hooks(task))

        def done(res: Any) -> None:
            lang = _lang()
            heading = t(
                "exchange.imported", lang, peer=res.peer_label, seq=res.seq, parts=res.parts
            )
            lines = [
                t(
                    "exchange.imported_kind",
                    lang,
                    kind=kind_label(k),
                    new=c.new,
                    updated=c.updated,
                    unchanged=c.unchanged,
                ).strip()
                for k, c in res.counts.items()
                if c.new or c.updated
            ]
            if not lines:
                lines.append(t("exchange.nothing", lang).strip())
            if res.conflicts:
                lines.append(
                    self.tr(
                        "{count} profile conflict(s) kept for a supervisor: see Conflicts to resolve."
                    ).format(count=len(res.conflicts))
                )
            lines += [t(n.key, lang, **n.params).strip() for n in res.notices]
            self.result.setText(heading)
            set_colour(self.result, OK_COLOUR)
            self._show(self.tr("Package imported"), heading, lines)
            self.refresh()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, sync.ExchangeCancelled):
                text = self.tr("Import cancelled. Nothing was changed.")
                self.result.setText(text)
                set_colour(self.result, WARN_COLOUR)
                return
            heading = self.tr("The package was refused. Nothing was imported.")
            reason = i18n.problem_text(exc)
            self.result.setText(f"{heading}\n{reason}")
            set_colour(self.result, WARN_COLOUR)
            if isinstance(exc, BadPackage) or getattr(exc, "key", None):
                self._show(self.tr("Package refused"), heading, [reason], ok=False)

        return self._run_with_progress(self.tr("Import"), run, done, failed)

    # -- conflicts ----------------------------------------------------------------------------------
    def selected_conflict(self) -> Any:
        sel = self.conflict_view.selectionModel()
        rows = sel.selectedRows() if sel is not None else []
        return self.models["conflicts"].row_at(rows[0].row()) if rows else None

    def _keep_mine(self) -> None:
        c = self.selected_conflict()
        if c is not None:
            self.resolve(c.id, "mine")

    def _keep_theirs(self) -> None:
        c = self.selected_conflict()
        if c is not None:
            self.resolve(c.id, "theirs")

    def _keep_value(self) -> None:
        c = self.selected_conflict()
        if c is None:
            return
        start = c.mine if isinstance(c.mine, str) else _value(c.mine)
        text, ok = QInputDialog.getText(
            self,
            self.tr("Type a value"),
            self.tr("{field} of {subject}:").format(field=field_label(c.field), subject=c.subject),
            text=start if start != "—" else "",
        )
        if ok:
            self.resolve(c.id, text)

    def resolve(self, conflict_id: str, keep: str) -> Task:
        from hexi_care import sync

        def run(task: Task) -> Any:
            assert task.store is not None
            return sync.resolve_conflict(task.store, conflict_id, keep)

        def done(c: Any) -> None:
            self.last_resolution = t(
                "exchange.resolved",
                _lang(),
                id=c.id[:8],
                field=field_label(c.field),
                value=_value(c.resolved_value),
            )
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.conflict_note.setText(i18n.problem_text(exc))

        return self.ctx.worker.submit(run, done=done, failed=failed, owner=self, name="resolve")

    # -- enrolment ----------------------------------------------------------------------------------
    def card(self) -> None:
        drives = removable_drives()
        start = Path(str(drives[0]) if drives else str(Path.home())) / "centre-card.hxr"
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the centre card"),
            str(start),
            i18n.lookup(ENROL_FILTER, "Exchange"),
        )
        if path:
            self.card_to(Path(path))

    def card_to(self, out: Path) -> Task:
        from hexi_care import sync

        def run(task: Task) -> Any:
            assert task.store is not None
            return sync.make_card(task.store, out)

        def done(card: Any) -> None:
            self._show(
                self.tr("Centre card"),
                self.tr("Card written to {path}.").format(path=str(card.file)),
                [
                    self.tr("This centre's fingerprint:"),
                    card.fingerprint,
                    self.tr(
                        "Give the card to the laptop and read this fingerprint to its user by phone or on paper: the laptop uses the card only when the user types the same digits. With it, the laptop's request names its community and director to this centre only."
                    ),
                ],
            )
            self.refresh()

        return self._enrol_task(run, done)

    def request(self) -> None:
        if self.request_dialog is not None:
            self.request_dialog.deleteLater()
        dlg = RequestDialog(self)
        dlg.accepted.connect(lambda: self._request_file(dlg))
        self.request_dialog = dlg
        dlg.open()

    def _request_file(self, dlg: RequestDialog) -> None:
        drives = removable_drives()
        start = Path(str(drives[0]) if drives else str(Path.home())) / "request.hxr"
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the enrolment request"),
            str(start),
            i18n.lookup(ENROL_FILTER, "Exchange"),
        )
        if path:
            self.request_to(
                Path(path), card=dlg.card_path(), card_fingerprint=dlg.fingerprint.text()
            )

    def request_to(
        self,
        out: Path,
        unit_ref: str | None = None,
        *,
        card: Path | None = None,
        card_fingerprint: str | None = None,
    ) -> Task:
        from hexi_care import sync

        def run(task: Task) -> Any:
            assert task.store is not None
            return sync.make_request(
                task.store, out, unit_ref=unit_ref, card=card, card_fingerprint=card_fingerprint
            )

        def done(res: Any) -> None:
            sealed = (
                self.tr(
                    "The community and the director's name are sealed to {centre} (fingerprint {fp}); only the centre can read them."
                ).format(centre=res.centre_label, fp=res.peer_fingerprint)
                if res.peer_fingerprint
                else self.tr(
                    "No centre card: the request holds this laptop's keys only, no names. The centre chooses the community when it enrols this laptop."
                )
            )
            self._show(
                self.tr("Enrolment request"),
                self.tr("Request written to {path}.").format(path=str(res.file)),
                [
                    self.tr("This laptop's fingerprint:"),
                    res.own_fingerprint,
                    self.tr(
                        "Take the file to the centre. When they enrol it, they read this fingerprint to you by phone or on paper: it must be the same."
                    ),
                    sealed,
                ],
            )
            self.refresh()

        return self._enrol_task(run, done)

    def accept(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("The centre's reply"),
            str(Path.home()),
            i18n.lookup(ENROL_FILTER, "Exchange"),
        )
        if path:
            self.accept_from(Path(path))

    def accept_from(self, reply: Path) -> Task:
        from hexi_care import sync

        def run(task: Task) -> Any:
            assert task.store is not None
            return sync.accept_reply(task.store, reply)

        def done(res: Any) -> None:
            lines = [
                self.tr("Compare these fingerprints with the centre by phone or on paper:"),
                self.tr("The centre: {fp}").format(fp=res.peer_fingerprint),
                self.tr("This laptop: {fp}").format(fp=res.own_fingerprint),
                t("exchange.digits_differ_centre", _lang()),
            ]
            if res.local_only_units:
                lines.append(t("exchange.local_units", _lang(), count=res.local_only_units))
            self._show(
                self.tr("Enrolled"),
                self.tr("This laptop now exchanges with the centre for {unit}.").format(
                    unit=res.unit_name
                ),
                lines,
            )
            self.refresh()

        return self._enrol_task(run, done)

    def enrol(self) -> None:
        request, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("A laptop's enrolment request"),
            str(Path.home()),
            i18n.lookup(ENROL_FILTER, "Exchange"),
        )
        if not request:
            return
        reply, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the reply for the laptop"),
            str(Path(request).with_name("reply.hxr")),
            i18n.lookup(ENROL_FILTER, "Exchange"),
        )
        if reply:
            self.enrol_from(Path(request), Path(reply))

    def enrol_from(self, request: Path, reply: Path, unit_ref: str | None = None) -> Task:
        from hexi_care import sync

        def run(task: Task) -> Any:
            assert task.store is not None
            return sync.enrol_device(task.store, request, reply, unit_ref=unit_ref)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserProblem) and exc.key in UNIT_CHOICE_KEYS:
                # A request without a card names no unit; an unknown one can be assigned too.
                problem = (
                    self.tr(
                        "The request names no community: it was written without this centre's card, so no names travel in the clear."
                    )
                    if exc.key == "exchange.unit_needed"
                    else i18n.problem_text(exc)
                )
                self._ask_unit(request, reply, problem)
                return
            self._show(self.tr("Enrolment"), i18n.problem_text(exc), [], ok=False)

        def done(res: Any) -> None:
            who = res.peer.label if res.peer is not None else ""
            if res.directors:
                who += " · " + i18n.join(res.directors)
            self._show(
                self.tr("Laptop enrolled"),
                self.tr("{laptop} enrolled for {unit}. Reply written to {path}.").format(
                    laptop=who, unit=res.unit_name, path=str(res.file)
                ),
                [
                    self.tr("Compare these fingerprints with the laptop by phone or on paper:"),
                    self.tr("The laptop: {fp}").format(fp=res.peer_fingerprint),
                    self.tr("This centre: {fp}").format(fp=res.own_fingerprint),
                    t(
                        "exchange.digits_differ_laptop",
                        _lang(),
                        label=res.peer.label if res.peer is not None else "",
                    ),
                ],
            )
            self.refresh()

        return self._enrol_task(run, done, failed)

    def _ask_unit(self, request: Path, reply: Path, problem: str) -> Task:
        """The centre operator chooses the community or street the laptop serves."""
        from hexi_care.domain.enums import UnitKind
        from hexi_care.services import units
        from hexi_care.services.context import UnitOfWork

        def run(task: Task) -> list[tuple[str, str]]:
            assert task.store is not None
            with UnitOfWork(task.store) as uow:
                every = units.list_units(uow)
            names = {u.id: u.name for u in every}
            return [
                (f"{names.get(u.parent_id or '', '')} / {u.name}", u.id)
                for u in every
                if u.kind in (UnitKind.COMMUNITY, UnitKind.STREET)
            ]

        def done(choices: list[tuple[str, str]]) -> None:
            if self.unit_dialog is not None:
                self.unit_dialog.deleteLater()
            dlg = QInputDialog(self)
            dlg.setObjectName("enrol_unit_dialog")
            dlg.setWindowTitle(self.tr("Enrol a laptop"))
            question = self.tr("Which community or street does this laptop serve?")
            dlg.setLabelText(f"{problem}\n\n{question}")
            dlg.setComboBoxItems([text for text, _ in choices])
            dlg.setComboBoxEditable(False)
            dlg.setOkButtonText(self.tr("Enrol"))
            dlg.setCancelButtonText(self.tr("Cancel"))
            ids = dict(choices)
            dlg.textValueSelected.connect(
                lambda text: self.enrol_from(request, reply, unit_ref=ids[text])
            )
            self.unit_dialog = dlg
            dlg.open()

        return self._enrol_task(run, done)

    def _enrol_task(
        self,
        run: Callable[[Task], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> Task:
        def show_failure(exc: BaseException) -> None:
            self._show(self.tr("Enrolment"), i18n.problem_text(exc), [], ok=False)

        return self.ctx.worker.submit(
            run, done=done, failed=failed or show_failure, owner=self, name="enrol"
        )


def set_colour(widget: QLabel, colour: Any) -> None:
    widget.setStyleSheet(f"color: {colour.name()};")


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1 << 20:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1 << 20):.1f} MB"
