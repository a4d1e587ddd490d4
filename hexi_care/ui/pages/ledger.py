"""台账导入: bring in the Excel/CSV ledgers directors already keep. Choose a file and a sheet, check
how its columns were understood (and choose by hand what was not), read the dry run row by row
(new / update / refused / repeated), then import in one transaction, with progress and cancel.
The refused rows go back to an .xlsx with a reason column to fix in Excel and import again.

The work runs on the database worker through hexi_care.services.ledger_import (free of Qt); the
methods `open_file`, `apply_now` and `export_refused_to` do it without asking, for tests."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hexi_care.domain.enums import Role
from hexi_care.errors import UserProblem
from hexi_care.messages import t
from hexi_care.ui import i18n
from hexi_care.ui.common import OK_COLOUR, WARN_COLOUR, ask, label, make_table, set_role
from hexi_care.ui.i18n import QT_TRANSLATE_NOOP
from hexi_care.ui.models import Column, RowsModel
from hexi_care.ui.progress import run_with_progress
from hexi_care.ui.worker import Task

log = logging.getLogger("hexi_care.ui.ledger")

CTX = "Ledger"
STAGES = {
    "read": QT_TRANSLATE_NOOP("Ledger", "Reading the file…"),
    "check": QT_TRANSLATE_NOOP("Ledger", "Checking the rows…"),
    "write": QT_TRANSLATE_NOOP("Ledger", "Importing…"),
}
OUTCOMES = {
    "new": QT_TRANSLATE_NOOP("Ledger", "New"),
    "update": QT_TRANSLATE_NOOP("Ledger", "Update"),
    "unchanged": QT_TRANSLATE_NOOP("Ledger", "Unchanged"),
    "refused": QT_TRANSLATE_NOOP("Ledger", "Refused"),
    "duplicate": QT_TRANSLATE_NOOP("Ledger", "Repeated"),
}
FILTERS = (
    ("", QT_TRANSLATE_NOOP("Ledger", "All rows")),
    ("new", QT_TRANSLATE_NOOP("Ledger", "New")),
    ("update", QT_TRANSLATE_NOOP("Ledger", "Update")),
    ("refused", QT_TRANSLATE_NOOP("Ledger", "Refused")),
    ("duplicate", QT_TRANSLATE_NOOP("Ledger", "Repeated")),
    ("unchanged", QT_TRANSLATE_NOOP("Ledger", "Unchanged")),
)
FILE_FILTER = QT_TRANSLATE_NOOP(
    "Ledger",
    "Ledgers (*.xlsx *.xlsm *.xls *.csv);;Excel (*.xlsx *.xls);;CSV (*.csv);;All files (*)",
)
FIELDS = (
    "name",
    "id_number",
    "sex",
    "birth_date",
    "street",
    "community",
    "category",
    "guardian",
    "relationship",
    "phone",
    "address",
    "hukou_address",
    "school",
    "note",
)
ALL_SHEETS = "\x00all"


def _tr(text: str) -> str:
    return i18n.lookup(text, CTX)


def field_label(name: str) -> str:
    if name == "ignore":
        return _tr(QT_TRANSLATE_NOOP("Ledger", "(do not import)"))
    if name == "relationship":
        return _tr(QT_TRANSLATE_NOOP("Ledger", "relationship to the child"))
    return t(f"field.{name}", i18n.lang())


def _details(r: Any) -> str:
    if r.outcome.value == "refused":
        return "；".join(r.messages(i18n.lang()))
    if r.outcome.value == "duplicate" and r.same_as is not None:
        sheet, row = r.same_as
        text = _tr(QT_TRANSLATE_NOOP("Ledger", "Same child as row {row}"))
        return text.format(row=row) + (f"（{sheet}）" if sheet != r.sheet else "")
    if r.outcome.value == "update":
        return i18n.join(
            field_label(f) if f not in ("household", "categories") else _change(f)
            for f in r.changes
        )
    return ""


def _change(name: str) -> str:
    if name == "household":
        return _tr(QT_TRANSLATE_NOOP("Ledger", "household"))
    return t("field.categories", i18n.lang())


def _colour(r: Any) -> Any:
    if r.outcome.value in ("refused", "duplicate"):
        return WARN_COLOUR
    if r.outcome.value == "new":
        return OK_COLOUR
    return None


def row_columns() -> list[Column]:
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Row"), lambda r: str(r.row), align=right, width=3),
        Column(QT_TRANSLATE_NOOP("Columns", "Sheet"), lambda r: r.sheet, width=5),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Result"),
            lambda r: _tr(OUTCOMES[r.outcome.value]),
            foreground=_colour,
            width=4,
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda r: r.name or "—", width=5),
        Column(QT_TRANSLATE_NOOP("Columns", "ID number"), lambda r: r.id_masked or "—", width=10),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Community"), lambda r: r.community_name or "—", width=7
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Details"),
            _details,
            tooltip=_details,
            foreground=lambda r: WARN_COLOUR if r.outcome.value == "refused" else None,
        ),
    ]


class CategoryWordsDialog(QDialog):
    """The centre's own words for categories in ledgers (重残儿童 → 困境儿童（重病重残）).
    Built-in words and every category's own name are known already."""

    def __init__(self, words: dict[str, str], names: dict[str, tuple[str, str]], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Category words"))
        self.names = names
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Word in ledgers"), self.tr("Category")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 220)
        self.table.verticalHeader().setVisible(False)
        for word, code in sorted(words.items()):
            self.add_row(word, code)
        add = QPushButton(self.tr("Add a word"))
        add.clicked.connect(lambda: self.add_row("", ""))
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove)
        box = QDialogButtonBox()
        box.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(
            label(
                self.tr(
                    "Words the district's ledgers use for a category. The usual words and each category's own name are known already; a word set to (not a category) is skipped."
                ),
                "muted",
                wrap=True,
            )
        )
        lay.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        row.addWidget(box)
        lay.addLayout(row)
        self.resize(560, 420)

    def add_row(self, word: str, code: str) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, QTableWidgetItem(word))
        combo = QComboBox()
        combo.addItem(self.tr("(not a category)"), "")
        zh = i18n.lang() == "zh"
        for c, (name_zh, name_en) in self.names.items():
            combo.addItem(name_zh if zh else name_en, c)
        combo.setCurrentIndex(max(combo.findData(code), 0))
        self.table.setCellWidget(r, 1, combo)

    def _remove(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.table.removeRow(r)

    def words(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            word = item.text().strip() if item is not None else ""
            combo = self.table.cellWidget(r, 1)
            if word and isinstance(combo, QComboBox):
                out[word] = str(combo.currentData() or "")
        return out


class LedgerPage(QWidget):
    def __init__(self, ctx, main) -> None:
        super().__init__()
        self.ctx = ctx
        self.main = main
        self.path: Path | None = None
        self.sheets: list[Any] = []  # hexi_care.ledger.read.Sheet
        self.plan: Any = None  # services.ledger_import.LedgerPlan
        self.mapping: dict[str, str] = {}
        self.progress: QProgressDialog | None = None
        self.last_task: Task | None = None
        self.model = RowsModel(row_columns(), parent=self)
        self._mapping_boxes: dict[str, QComboBox] = {}
        self.words_dialog: CategoryWordsDialog | None = None

        # -- file, sheet, community ----------------------------------------------------------
        source = QGroupBox(self.tr("Ledger file"))
        sl = QGridLayout(source)
        self.file_label = label(self.tr("No file chosen yet."), "muted", wrap=True)
        self.file_label.setObjectName("ledger_file")
        self.choose_btn = QPushButton(self.tr("Choose a file…"))
        self.choose_btn.setObjectName("ledger_choose")
        self.choose_btn.clicked.connect(self.choose_file)
        set_role(self.choose_btn, "primary")
        self.sheet_box = QComboBox()
        self.sheet_box.setObjectName("ledger_sheet")
        self.sheet_box.setMinimumContentsLength(12)
        self.sheet_box.currentIndexChanged.connect(self._sheet_changed)
        self.community_box = QComboBox()
        self.community_box.setObjectName("ledger_community")
        self.community_box.setMinimumContentsLength(12)
        self.community_box.addItem(self.tr("(as written in the ledger)"), None)
        self.community_box.currentIndexChanged.connect(lambda _i: self.recheck())
        sl.addWidget(self.choose_btn, 0, 0)
        sl.addWidget(self.file_label, 0, 1, 1, 5)
        sl.addWidget(QLabel(self.tr("Sheet")), 1, 0)
        sl.addWidget(self.sheet_box, 1, 1)
        self.community_label = QLabel(self.tr("Community of rows that name none"))
        sl.addWidget(self.community_label, 1, 2)
        sl.addWidget(self.community_box, 1, 3)
        sl.setColumnStretch(5, 1)
        hint = label(
            self.tr(
                "The header may be on any of the first 20 rows; titles, blank rows, 合计 rows and notes under the table are skipped. Nothing is written until you press Import."
            ),
            "muted",
            wrap=True,
        )
        sl.addWidget(hint, 2, 0, 1, 6)

        # -- columns ---------------------------------------------------------------------------
        self.columns_box = QGroupBox(self.tr("Columns"))
        cl = QVBoxLayout(self.columns_box)
        self.columns_note = label("", "muted", wrap=True)
        self.mapping_grid = QGridLayout()
        self.mapping_grid.setHorizontalSpacing(8)
        self.mapping_grid.setVerticalSpacing(4)
        grid_host = QWidget()
        grid_host.setLayout(self.mapping_grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.mapping_scroll, self.mapping_host = scroll, grid_host
        self.save_mapping_btn = QPushButton(self.tr("Remember these choices"))
        self.save_mapping_btn.setObjectName("ledger_save_mapping")
        self.save_mapping_btn.clicked.connect(self.save_mapping)
        self.save_mapping_btn.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.columns_note, 1)
        top.addWidget(self.save_mapping_btn)
        cl.addLayout(top)
        cl.addWidget(scroll)

        # -- dry run -----------------------------------------------------------------------------
        self.filter_box = QComboBox()
        self.filter_box.setObjectName("ledger_filter")
        self.filter_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for key, text in FILTERS:
            self.filter_box.addItem(_tr(text), key)
        self.filter_box.currentIndexChanged.connect(lambda _i: self._fill_table())
        self.summary = label("", wrap=True)
        self.summary.setObjectName("ledger_summary")
        self.export_btn = QPushButton(self.tr("Refused rows to Excel…"))
        self.export_btn.setObjectName("ledger_export")
        self.export_btn.clicked.connect(self.export_refused)
        self.apply_btn = QPushButton(self.tr("Import"))
        self.apply_btn.setObjectName("ledger_apply")
        set_role(self.apply_btn, "primary")
        self.apply_btn.clicked.connect(self.apply)
        for b in (self.export_btn, self.apply_btn):
            b.setEnabled(False)
        self.words_btn = QPushButton(self.tr("Category words…"))
        self.words_btn.setObjectName("ledger_words")
        self.words_btn.clicked.connect(self.edit_category_words)
        # The table is the district's: the centre edits it (services check the role too).
        self.words_btn.setVisible(ctx.user.role == Role.CENTRE_SUPERVISOR)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Show")))
        bar.addWidget(self.filter_box)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.words_btn)
        bar.addWidget(self.export_btn)
        bar.addWidget(self.apply_btn)
        self.table = make_table(self.model, stretch=6)
        self.table.setObjectName("ledger_rows")
        self.result = label("", wrap=True)
        self.result.setObjectName("ledger_result")

        lay = QVBoxLayout(self)
        lay.addWidget(label(self.tr("Ledger import"), "title"))
        lay.addWidget(source)
        lay.addWidget(self.columns_box)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.result)
        self.columns_box.setVisible(False)
        self._load_communities()

    # -- set-up --------------------------------------------------------------------------------
    def _load_communities(self) -> None:
        from hexi_care.domain.enums import UnitKind
        from hexi_care.services import ledger_import, units

        def load(uow) -> tuple[list[Any], set[str] | None, dict[str, str]]:
            allowed = None if uow.scope.everything else set(uow.scope.communities)
            return units.list_units(uow), allowed, ledger_import.saved_mapping(uow)

        def done(res: tuple[list[Any], set[str] | None, dict[str, str]]) -> None:
            found, allowed, saved = res
            self.mapping = dict(saved)
            for u in found:
                if u.kind == UnitKind.COMMUNITY and (allowed is None or u.id in allowed):
                    self.community_box.addItem(u.name, u.id)
            # A director's rows without a community are theirs anyway.
            director = self.ctx.user.role == Role.DIRECTOR
            self.community_box.setVisible(not director)
            self.community_label.setVisible(not director)

        self.ctx.worker.call(load, done=done, owner=self)

    def refresh(self) -> None:
        """Nothing to reload when the page is shown: the last check stays until asked again."""

    # -- choosing ----------------------------------------------------------------------------------
    def choose_file(self) -> None:
        start = str(self.path.parent) if self.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Ledger to import"), start, _tr(FILE_FILTER)
        )
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path) -> Task:
        """Read the file and check every row (the dry run)."""
        self.path = path
        self.file_label.setText(str(path))
        self.sheets = []
        self.plan = None
        return self._check(reload=True)

    def _selected_sheet(self) -> str | None:
        data = self.sheet_box.currentData()
        return None if data in (None, ALL_SHEETS) else str(data)

    def _sheet_changed(self, _index: int) -> None:
        if self.sheets:
            self.recheck()

    def recheck(self) -> Task | None:
        if not self.sheets or self.path is None:
            return None
        return self._check(reload=False)

    def _check(self, *, reload: bool) -> Task:
        from hexi_care.services import ledger_import as li

        path = self.path
        assert path is not None
        sheets = list(self.sheets)
        wanted = self._selected_sheet()
        community = self.community_box.currentData()
        mapping = dict(self.mapping)

        def run(task: Task) -> Any:
            loaded = sheets
            if reload:
                task.report(0, 0, "read")
                loaded = li.load(path)
            chosen = li.choose_sheets(loaded, wanted) if wanted else loaded
            task.report(0, 0, "check")
            with task.uow() as uow:
                result = li.plan(
                    uow,
                    chosen,
                    community=community,
                    mapping=mapping,
                    progress=lambda d, n: task.report(d, n, "check"),
                    check_stop=task.check_cancelled,
                )
            return loaded, result

        def done(res: tuple[list[Any], Any]) -> None:
            self.sheets, self.plan = res
            if reload:
                self._fill_sheets()
            self._fill_mapping()
            self._fill_table()
            self.result.setText("")

        def failed(exc: BaseException) -> None:
            if reload:
                self.sheets = []
                self.plan = None
                self._fill_sheets()
                self._fill_mapping()
                self._fill_table()
            self._say(i18n.problem_text(exc), ok=False)

        return self._run(self.tr("Checking the ledger"), run, done, failed)

    # -- showing ---------------------------------------------------------------------------------
    def _fill_sheets(self) -> None:
        self.sheet_box.blockSignals(True)
        self.sheet_box.clear()
        if len(self.sheets) > 1:
            self.sheet_box.addItem(self.tr("All sheets"), ALL_SHEETS)
        for s in self.sheets:
            self.sheet_box.addItem(s.name, s.name)
        self.sheet_box.blockSignals(False)

    def _fill_mapping(self) -> None:
        while self.mapping_grid.count():
            item = self.mapping_grid.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        self._mapping_boxes = {}
        infos = [s for s in (self.plan.sheets if self.plan else []) if s.header_row is not None]
        self.columns_box.setVisible(bool(infos))
        self.save_mapping_btn.setEnabled(bool(infos))
        if not infos:
            return
        titles: dict[str, tuple[str, bool]] = {}
        for info in infos:
            for col, title in sorted(info.titles.items()):
                field = info.columns.get(col, "")
                key = title.strip()
                if key and key not in titles:
                    titles[key] = (field, col in info.unmatched)
        unmatched = [k for k, (_f, u) in titles.items() if u]
        heads = "；".join(
            self.tr("{sheet}: header on row {row}").format(sheet=i.name, row=i.header_row)
            for i in infos
        )
        note = (
            self.tr(
                "{count} column(s) not recognised: choose what they hold, or leave them out."
            ).format(count=len(unmatched))
            if unmatched
            else self.tr("Every column was recognised.")
        )
        self.columns_note.setText(f"{heads}。{note}" if i18n.lang() == "zh" else f"{heads}. {note}")
        per_row = 6
        for i, (title, (field, is_unmatched)) in enumerate(titles.items()):
            name = QLabel(title)
            name.setToolTip(title)
            if is_unmatched:
                name.setStyleSheet(f"color: {WARN_COLOUR.name()}; font-weight: 600;")
            box = QComboBox()
            box.setObjectName(f"ledger_map_{i}")
            box.addItem(self.tr("(not chosen)") if is_unmatched else field_label("ignore"), "")
            for f in FIELDS:
                box.addItem(field_label(f), f)
            index = box.findData(field) if field and field != "ignore" else 0
            box.setCurrentIndex(max(index, 0))
            box.currentIndexChanged.connect(lambda _i, t=title, b=box: self._map(t, b))
            self._mapping_boxes[title] = box
            r, c = divmod(i, per_row)
            self.mapping_grid.addWidget(name, r, c * 2)
            self.mapping_grid.addWidget(box, r, c * 2 + 1)
        for c in range(per_row):
            self.mapping_grid.setColumnStretch(c * 2 + 1, 1)
        # As tall as the choices, up to three lines; more scroll.
        lines = -(-len(titles) // per_row)
        line = QComboBox().sizeHint().height() + self.mapping_grid.verticalSpacing()
        margins = self.mapping_grid.contentsMargins()
        extra = margins.top() + margins.bottom() + 4
        self.mapping_scroll.setFixedHeight(min(lines, 3) * line + extra)

    def _map(self, title: str, box: QComboBox) -> None:
        self.mapping[title] = str(box.currentData() or "ignore")
        self.recheck()

    def set_column(self, title: str, field: str) -> Task | None:
        """Choose by hand what a column holds (the same as picking it in the window)."""
        self.mapping[title] = field
        return self.recheck()

    def _fill_table(self) -> None:
        rows = list(self.plan.rows) if self.plan else []
        key = self.filter_box.currentData() or ""
        shown = [r for r in rows if not key or r.outcome.value == key]
        self.model.set_rows(shown)
        # The sheet column says something only when several sheets are read.
        self.table.setColumnHidden(1, len({r.sheet for r in rows}) < 2)
        counts = self.plan.counts() if self.plan else {}
        for i, (k, text) in enumerate(FILTERS):
            n = len(rows) if not k else counts.get(k, 0)
            self.filter_box.setItemText(i, f"{_tr(text)} ({n})")
        if self.plan:
            self.summary.setText(
                t(
                    "ledger.summary",
                    i18n.lang(),
                    rows=len(rows),
                    new=counts["new"],
                    update=counts["update"],
                    unchanged=counts["unchanged"],
                    refused=counts["refused"],
                    duplicates=counts["duplicate"],
                )
            )
        else:
            self.summary.setText("")
        self.apply_btn.setEnabled(bool(counts.get("new") or counts.get("update")))
        self.export_btn.setEnabled(bool(counts.get("refused")))

    def _say(self, text: str, *, ok: bool) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(f"color: {(OK_COLOUR if ok else WARN_COLOUR).name()};")

    # -- mapping -------------------------------------------------------------------------------
    def save_mapping(self) -> Task:
        from hexi_care.services import ledger_import as li

        chosen = {k: v for k, v in self.mapping.items() if v}

        def done(_res: Any) -> None:
            self._say(self.tr("The column choices are saved for the next ledger."), ok=True)

        def failed(exc: BaseException) -> None:
            self._say(i18n.problem_text(exc), ok=False)

        return self.ctx.worker.call(li.save_mapping, chosen, done=done, failed=failed, owner=self)

    # -- the centre's category words ------------------------------------------------------------
    def edit_category_words(self) -> Task:
        from hexi_care.services import ledger_import as li
        from hexi_care.services import listings

        def load(uow) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
            return li.centre_category_words(uow), listings.category_names(uow)

        def done(res: tuple[dict[str, str], dict[str, tuple[str, str]]]) -> None:
            dlg = CategoryWordsDialog(res[0], res[1], self)
            self.words_dialog = dlg
            dlg.accepted.connect(lambda: self.save_category_words(dlg.words()))
            dlg.open()

        return self.ctx.worker.call(load, done=done, owner=self)

    def save_category_words(self, words: dict[str, str]) -> Task:
        from hexi_care.services import ledger_import as li

        def done(_res: Any) -> None:
            self._say(self.tr("The category words are saved."), ok=True)
            self.recheck()

        def failed(exc: BaseException) -> None:
            self._say(i18n.problem_text(exc), ok=False)

        return self.ctx.worker.call(
            li.set_category_words, words, done=done, failed=failed, owner=self
        )

    # -- applying ------------------------------------------------------------------------------
    def apply(self) -> None:
        if self.plan is None:
            return
        c = self.plan.counts()
        text = self.tr(
            "Import {new} new and {update} updated children? Refused and repeated rows are left out. Everything is written at once, or nothing."
        ).format(new=c["new"], update=c["update"])
        if ask(self, self.tr("Import"), text, self.tr("Import"), self.tr("Cancel")):
            self.apply_now()

    def apply_now(self) -> Task:
        from hexi_care.services import ledger_import as li

        path = self.path
        sheets = list(self.sheets)
        wanted = self._selected_sheet()
        community = self.community_box.currentData()
        mapping = dict(self.mapping)

        def run(task: Task) -> Any:
            chosen = li.choose_sheets(sheets, wanted) if wanted else sheets
            task.report(0, 0, "write")
            with task.uow() as uow:
                return li.apply(
                    uow,
                    chosen,
                    community=community,
                    mapping=mapping,
                    progress=lambda d, n: task.report(d, n, "write"),
                    check_stop=task.check_cancelled,
                )

        def done(result: Any) -> None:
            c = result.counts()
            self.plan = result
            self._fill_table()
            self.apply_btn.setEnabled(False)
            self._say(
                self.tr(
                    "Imported: {new} new, {update} updated. Importing the same file again changes nothing."
                ).format(new=c["new"], update=c["update"]),
                ok=True,
            )
            log.info("ledger imported: %d new, %d updated", c["new"], c["update"])

        def failed(exc: BaseException) -> None:
            self._say(i18n.problem_text(exc), ok=False)

        del path
        return self._run(self.tr("Importing the ledger"), run, done, failed)

    # -- refused rows back to Excel --------------------------------------------------------------
    def export_refused(self) -> None:
        if self.plan is None or self.path is None:
            return
        default = self.path.with_name(f"{self.path.stem}-{self.tr('refused')}.xlsx")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the refused rows"), str(default), "Excel (*.xlsx)"
        )
        if path:
            self.export_refused_to(Path(path))

    def export_refused_to(self, out: Path) -> Task:
        from hexi_care.services import ledger_import as li

        plan, sheets, lang = self.plan, list(self.sheets), i18n.lang()
        if out.suffix.lower() != ".xlsx":
            out = out.with_suffix(".xlsx")

        def run(_task: Task) -> int:
            try:
                return li.write_refused(plan, sheets, out, lang)
            except PermissionError:
                from hexi_care.ledger.read import LedgerUnreadable

                raise LedgerUnreadable("locked") from None

        def done(n: int) -> None:
            self._say(
                self.tr(
                    "{count} refused row(s) written to {path}, each with its reason. Fix them in Excel and import that file."
                ).format(count=n, path=str(out)),
                ok=True,
            )

        def failed(exc: BaseException) -> None:
            self._say(i18n.problem_text(exc), ok=False)

        return self.ctx.worker.submit(
            run, done=done, failed=failed, owner=self, name="ledger-refused"
        )

    # -- progress --------------------------------------------------------------------------------
    def _run(
        self,
        title: str,
        fn: Callable[[Task], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> Task:
        def bad(exc: BaseException) -> None:
            if not isinstance(exc, UserProblem):  # a bug: keep its trace (CONVENTIONS 22)
                log.error("ledger task failed", exc_info=exc)
            failed(exc)

        def track(dlg: QProgressDialog, shown: bool) -> None:
            if shown:
                self.progress = dlg
            elif self.progress is dlg:
                self.progress = None

        task = run_with_progress(
            self,
            self.ctx.worker,
            fn,
            title=title,
            first_label=_tr(STAGES["read"]),
            cancel_text=self.tr("Cancel"),
            stage_label=lambda stage: _tr(STAGES[stage]) if stage in STAGES else None,
            done=done,
            failed=bad,
            # The task stops at its next check and its unit of work rolls back: nothing written.
            cancelled=lambda: self._say(self.tr("Cancelled. Nothing was changed."), ok=False),
            track=track,
            min_ms=400,
        )
        self.last_task = task
        return task
