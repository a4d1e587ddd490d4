"""After a crash or a power cut the form being typed comes back: a real process is killed with
SIGKILL in the middle of a visit, and the next start restores what was typed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from hexi_care.services import form_recovery, visits
from hexi_care.services.context import UnitOfWork

from .conftest import PW, wait_idle

HELPER = Path(__file__).with_name("crash_helper.py")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_form_is_restored_after_the_process_is_killed(qtbot, make_app, ui_world, tmp_path) -> None:
    child = ui_world.kids_a[0]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(Path.cwd()))
    proc = subprocess.Popen(
        [
            sys.executable,
            str(HELPER),
            str(ui_world.path),
            str(tmp_path / "helper.ini"),
            child,
            "dir_a",
            PW,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert line.startswith("READY"), proc.stderr.read() if proc.stderr else line
        form_id = line.split()[1]
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    # Nothing reached the visits table (the date was invalid), but the sealed snapshot is there.
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        assert visits.list_visits(uow, child_id=child) == []
        assert [s.form_id for s in form_recovery.pending(uow, "visit")] == [form_id]

    ctx, _hexi, win = make_app("dir_a")
    qtbot.waitUntil(lambda: f"visit:{form_id}" in win.records, timeout=10000)
    form = win.records[f"visit:{form_id}"]
    qtbot.waitUntil(lambda: form.child is not None, timeout=10000)
    wait_idle(qtbot, ctx)
    assert form.needs.toPlainText() == "突然断电前写下的需求：冬季取暖"
    assert form.people_met.text() == "儿童及其祖母"
    assert form.ratings["living"].note.toPlainText() == "取暖设施需检查"
    assert form.visit_date.value().isoformat() == "2026-12-24"
    assert form.banner.isVisibleTo(form)
    assert not form.read_only
    # Fix the date: it saves as a draft now, and closing discards the snapshot.
    from PySide6.QtCore import QDate

    form.visit_date.setDate(QDate(2026, 11, 19))
    form.autosave(explicit=True)
    wait_idle(qtbot, ctx)
    assert form.errors.current() == {}
    form.close()
    wait_idle(qtbot, ctx)
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        saved = visits.list_visits(uow, child_id=child)
        assert [v.needs for v in saved] == ["突然断电前写下的需求：冬季取暖"]
        assert form_recovery.pending(uow) == []
