"""Simplified Chinese is complete: every text of the window has a finished translation in
resources/i18n/hexi_care_zh_CN.ts (and a text added to the code without one fails here), and no
English is left on screen when the window runs in Chinese."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from hexi_care.tools import build_translations as bt
from hexi_care.ui.dialogs.activity import ActivityDialog
from hexi_care.ui.dialogs.casework import FollowUpDialog, ReferralDialog, ReportDialog
from hexi_care.ui.dialogs.child import CategoryDialog, NewChildDialog
from hexi_care.ui.dialogs.guardian import GuardianDialog, SituationDialog
from hexi_care.ui.dialogs.support import AssistanceDialog, NoticeDeliveryDialog

from .conftest import wait_idle

TS = bt.i18n_dir() / "hexi_care_zh_CN.ts"
# Words that stay as they are in a Chinese interface: file types, keys, the program's and demo users' names.
ALLOWED = {
    "English",
    "Enter",
    "PDF",
    "JPEG",
    "PNG",
    "WebP",
    "Ctrl",
    "CSV",
    "Excel",
    "USB",
    "MB",
    "zxm",
    "hexi",
    "care",
    "dir",
    "street",
    "centre",
    "admin",
}
WORD = re.compile(r"[A-Za-z]{3,}")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def test_the_chinese_translation_is_complete() -> None:
    assert TS.exists()
    assert bt.untranslated(TS) == []


@pytest.mark.skipif(
    shutil.which("pyside6-lupdate") is None
    and not (Path(bt.sys.executable).parent / "pyside6-lupdate").exists(),
    reason="no lupdate",
)
def test_every_text_in_the_code_has_a_translation(tmp_path: Path) -> None:
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    files = [str(p) for p in bt.ui_sources()]
    subprocess.run(
        [
            bt._tool("pyside6-lupdate"),
            *files,
            "-ts",
            str(copy),
            "-no-obsolete",
            "-locations",
            "none",
            "-silent",
        ],
        check=True,
    )
    missing = bt.untranslated(copy)
    assert missing == [], (
        "texts without a Chinese translation (run python -m hexi_care.tools.build_translations --update and translate them)"
    )


@pytest.mark.skipif(
    shutil.which("pyside6-lupdate") is None
    and not (Path(bt.sys.executable).parent / "pyside6-lupdate").exists(),
    reason="no lupdate",
)
def test_a_text_moved_to_another_class_keeps_its_translation(tmp_path: Path) -> None:
    """Code split into another class changes its tr() context; --update carries the translation
    over from the context the text left (and only from there: a new text stays unfinished)."""
    code = tmp_path / "form.py"
    code.write_text(
        "class Form(QWidget):\n"
        "    def a(self):\n"
        "        return self.tr('Draft saved')\n"
        "    def b(self):\n"
        "        return self.tr('Close')\n",
        "utf-8",
    )
    ts = tmp_path / "zh.ts"
    bt.update([ts], sources=[code])
    ts.write_text(
        ts.read_text("utf-8")
        .replace(
            '<source>Draft saved</source>\n        <translation type="unfinished"></translation>',
            "<source>Draft saved</source>\n        <translation>草稿已保存</translation>",
        )
        .replace(
            '<source>Close</source>\n        <translation type="unfinished"></translation>',
            "<source>Close</source>\n        <translation>关闭</translation>",
        ),
        "utf-8",
    )
    assert bt.untranslated(ts) == []
    code.write_text(
        "class Form(Saving):\n"
        "    def b(self):\n"
        "        return self.tr('Close')\n"
        "class Saving(QWidget):\n"
        "    def a(self):\n"
        "        return self.tr('Draft saved')\n"
        "    def c(self):\n"
        "        return self.tr('Submitted')\n",
        "utf-8",
    )
    bt.update([ts], sources=[code])
    assert bt.untranslated(ts) == [("Saving", "Submitted")]
    kept = {(c, s): t.text for (c, s, _), t in bt._finished(ts).items()}
    assert kept == {("Form", "Close"): "关闭", ("Saving", "Draft saved"): "草稿已保存"}
    assert ts.read_text("utf-8").startswith('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>')


def _texts(root: QWidget) -> list[str]:
    out: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisibleTo(root) and w is not root:
            continue
        if w.isWindow() and w.windowTitle():
            out.append(w.windowTitle())
        if isinstance(w, QLabel | QAbstractButton):
            out.append(w.text())
            out.append(w.toolTip())
        if isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        if isinstance(w, QPlainTextEdit):
            out.append(w.placeholderText())
        if isinstance(w, QGroupBox):
            out.append(w.title())
        if isinstance(w, QTabWidget):
            out += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            try:
                cols = m.columnCount()
            except TypeError:
                cols = 1
            out += [
                str(
                    m.headerData(
                        c, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.Orientation.Horizontal
                    )
                    or ""
                )
                for c in range(cols)
            ]
            for r in range(min(m.rowCount(), 30)):
                out += [str(m.data(m.index(r, c)) or "") for c in range(cols)]
    return [t for t in out if t]


def _english(texts: list[str]) -> list[str]:
    bad = []
    for t in texts:
        if (
            "hexi-care " in t or "/" in t or "\\" in t or ".hexi" in t
        ):  # commands and paths, shown as they are
            continue
        if UUID.fullmatch(t):  # a record or store id
            continue
        words = [w for w in WORD.findall(t) if w not in ALLOWED]
        if words:
            bad.append(t)
    return sorted(set(bad))


@pytest.mark.parametrize("user", ["dir_a", "street_a", "admin"])
def test_no_english_on_screen(qtbot, make_app, ui_world, user: str) -> None:
    ctx, _hexi, win = make_app(user, lang="zh")
    seen: list[str] = _texts(win)
    for key in win.page_keys:
        win.show_page(key)
        wait_idle(qtbot, ctx)
        seen += _texts(win)
    win.lock()
    wait_idle(qtbot, ctx)
    seen += _texts(win)
    if user == "dir_a":
        win.lock_screen.form.password.setText("secret-pass-1")
        win.lock_screen.form.submit()
        qtbot.waitUntil(lambda: not win.locked, timeout=10000)
        cf = win.open_child(ui_world.kids_a[0])
        qtbot.waitUntil(lambda: cf.data is not None, timeout=10000)
        for i in range(cf.tabs.count()):
            cf.tabs.setCurrentIndex(i)
            seen += _texts(cf)
        form = win.open_visit(child_id=ui_world.kids_a[0])
        qtbot.waitUntil(lambda: form.child is not None, timeout=10000)
        wait_idle(qtbot, ctx)
        seen += _texts(form)
        # The save line comes from the form's saving half (another class: its own tr() context).
        form.needs.setPlainText("冬季取暖")
        seen += _texts(form)
        form.save_button.click()
        qtbot.waitUntil(lambda: form.saved_once, timeout=10000)
        wait_idle(qtbot, ctx)
        seen += _texts(form)
        hid = cf.data.file.household.id
        for dlg in (
            NewChildDialog(ctx, win),
            CategoryDialog(ctx, win),
            SituationDialog(win),
            GuardianDialog(ctx, win, hid),
            NoticeDeliveryDialog(ctx, win, hid, ["张大山"]),
            AssistanceDialog(ctx, win, hid, [("x", "张小明")]),
            FollowUpDialog(ctx, win, ui_world.kids_a[0]),
            ReferralDialog(ctx, win, ui_world.kids_a[0]),
            ReportDialog(ctx, win, ui_world.kids_a[0]),
            ActivityDialog(ctx, win),
        ):
            qtbot.addWidget(dlg)
            dlg.show()
            wait_idle(qtbot, ctx)
            seen += _texts(dlg)
            dlg.reject()
    bad = _english(seen)
    assert bad == [], "\n".join(bad)
