"""数据交换: this laptop's identity and the exchange of package files with the centre (USB stick,
shared folder, mail). Import and export are wired by the exchange part (`EXCHANGE_ACTIONS`); the
page says what each does and, until then, which command does it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from hexi_care.ui import i18n
from hexi_care.ui.common import label
from hexi_care.ui.pages.reports import load_extension
from hexi_care.ui.worker import Task

BUTTONS = {
    "export": QT_TRANSLATE_NOOP("Exchange", "Export…"),
    "import": QT_TRANSLATE_NOOP("Exchange", "Import…"),
    "conflicts": QT_TRANSLATE_NOOP("Exchange", "Resolve…"),
}
ACTIONS: tuple[tuple[str, str, str, str], ...] = (
    (
        "export",
        QT_TRANSLATE_NOOP("Exchange", "Make a package for the centre"),
        QT_TRANSLATE_NOOP(
            "Exchange",
            "Visits, profile changes and help recorded since the last package, signed by this laptop and sealed to the centre.",
        ),
        "hexi-care package …",
    ),
    (
        "import",
        QT_TRANSLATE_NOOP("Exchange", "Read a package from the centre"),
        QT_TRANSLATE_NOOP(
            "Exchange",
            "Reviews, returned visits, assignments and corrected profiles. Checked before anything changes; applied all at once or not at all.",
        ),
        "hexi-care package …",
    ),
    (
        "conflicts",
        QT_TRANSLATE_NOOP("Exchange", "Conflicts to resolve"),
        QT_TRANSLATE_NOOP(
            "Exchange",
            "The same field changed on both sides: a supervisor chooses. Nothing is overwritten silently.",
        ),
        "hexi-care conflict …",
    ),
)

#: Filled by the exchange part: key → callable(ctx, parent_widget). The module
#: `hexi_care.ui.exchange_actions`, when present, is imported first and registers its actions here.
EXCHANGE_ACTIONS: dict[str, Callable[..., None]] = {}
EXTENSION = "hexi_care.ui.exchange_actions"


class ExchangePage(QWidget):
    def __init__(self, ctx, main) -> None:
        super().__init__()
        load_extension(EXTENSION)
        self.ctx = ctx
        self.main = main
        self.store_id = label("", selectable=True)
        self.device_id = label("", selectable=True)
        self.path = label(str(ctx.store_path), selectable=True, wrap=True)
        ident = QGroupBox(self.tr("This store"))
        fl = QFormLayout(ident)
        fl.addRow(self.tr("File"), self.path)
        fl.addRow(self.tr("Store id"), self.store_id)
        fl.addRow(self.tr("Device id"), self.device_id)
        acts = QGroupBox(self.tr("Exchange with the centre"))
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
        for key, title, what, command in ACTIONS:
            row = QHBoxLayout()
            text = QVBoxLayout()
            text.addWidget(label(i18n.lookup(title, "Exchange"), "subtitle"))
            text.addWidget(label(i18n.lookup(what, "Exchange"), wrap=True))
            action = EXCHANGE_ACTIONS.get(key)
            if action is None:
                text.addWidget(
                    label(
                        self.tr(
                            "Doing this from the window comes with the exchange module. Until then: {command}"
                        ).format(command=command),
                        "muted",
                        wrap=True,
                        selectable=True,
                    )
                )
            row.addLayout(text, 1)
            b = QPushButton(i18n.lookup(BUTTONS[key], "Exchange"))
            b.setObjectName(f"exchange_{key}")
            b.setEnabled(action is not None)
            if action is not None:
                b.clicked.connect(lambda _=False, a=action: a(self.ctx, self))
            row.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
            al.addLayout(row)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addWidget(label(self.tr("Data exchange"), "title"))
        lay.addWidget(ident)
        lay.addWidget(acts)
        lay.addStretch(1)

    def refresh(self) -> None:
        def run(task: Task) -> tuple[str, str]:
            s = task.store
            return (s.store_id, s.device_id) if s is not None else ("", "")

        self.ctx.worker.submit(run, done=self._ids, owner=self)

    def _ids(self, ids: tuple[str, str]) -> None:
        self.store_id.setText(ids[0])
        self.device_id.setText(ids[1])
