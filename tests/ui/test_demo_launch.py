"""`./scripts/demo` on a fresh clone: `python -m hexi_care.ui.demo` builds the demo store with its
progress dialog and then keeps the unlock dialog on screen, prefilled with the demo director, on the
first run (it used to quit as soon as the store was built: the progress dialog's close emits
`canceled`, which the finish handler took for a cancellation)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from hexi_care import demo
from hexi_care.ui import demo as demo_window
from hexi_care.ui.unlock import UnlockDialog

STAY_SECONDS = 1.5  # the unlock dialog must still be there this long after it appeared
GIVE_UP_SECONDS = 180


def _visible(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_first_run_builds_the_store_and_keeps_the_unlock_dialog_open(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HEXI_CARE_LOGS", str(tmp_path / "logs"))
    store = tmp_path / "fresh" / "demo.hexi"  # a fresh clone: not even the folder exists
    seen: dict[str, object] = {}
    started = time.monotonic()

    def watch() -> None:
        if _visible(QProgressDialog):
            seen["progress"] = True
        dialogs = _visible(UnlockDialog)
        if dialogs and "unlock_at" not in seen:
            seen["unlock_at"] = time.monotonic()
            seen["user"] = dialogs[0].form.user.text()
            seen["store_made"] = demo.demo_store_exists(store)
        at = seen.get("unlock_at")
        if isinstance(at, float) and time.monotonic() - at >= STAY_SECONDS:
            seen["stayed"] = bool(dialogs)
            timer.stop()
            for d in dialogs:
                d.reject()  # the person closes it: the demo ends as it would
            return
        if time.monotonic() - started > GIVE_UP_SECONDS:
            timer.stop()
            qapp.quit()

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(watch)
    timer.start()
    code = demo_window.main(["--store", str(store), "--children", "60"])
    timer.stop()

    assert seen.get("progress"), "no progress dialog while the store was built"
    assert "unlock_at" in seen, "the unlock dialog never appeared"
    assert seen["store_made"]
    assert seen["user"] == demo.DEMO_DIRECTOR
    assert seen.get("stayed"), "the program quit while the unlock dialog was on screen"
    assert code == 0
    assert demo.demo_store_exists(store)
