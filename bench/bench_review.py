"""Benchmark of approving visits on the 审核 page (issue 14: "approval takes 2–4.5 s"); not a timed test.

    .venv/bin/python bench/bench_review.py [--store var/demo/demo.hexi] [--n 10]

Works on a copy of the demo store (`./scripts/demo` makes one) as the demo centre supervisor (389 visits waiting), with
the window offscreen, and measures:
  - the service alone: visits.review in its own unit of work (commit and audit included);
  - in the window: pressing 通过 until the page is ready for the next decision (the next
    visit shown, the buttons enabled), one visit at a time;
  - batch: selecting `n` visits and approving them at once (when the page offers it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--store", type=Path, default=ROOT / "var/demo/demo.hexi")
    p.add_argument("--n", type=int, default=10)
    args = p.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from hexi_care import demo_launch
    from hexi_care.db.store import keys_path, unlock
    from hexi_care.services import dashboard, visits
    from hexi_care.services.context import UnitOfWork
    from hexi_care.ui.app import AppContext, HexiApp, make_qapp, prepare
    from hexi_care.ui.settings import Settings

    def until(cond, timeout: float = 60.0) -> None:
        start = time.monotonic()
        while not cond():
            QTest.qWait(1)
            if time.monotonic() - start > timeout:
                raise TimeoutError("no answer in time")

    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "demo.hexi"
        shutil.copy(args.store, store)
        shutil.copy(keys_path(args.store), keys_path(store))

        # The service alone.
        s = unlock(store, demo_launch.DEMO_CENTRE, demo_launch.DEMO_PASSWORD)
        with UnitOfWork(s) as uow:
            queue = dashboard.review_queue(uow)
        times = []
        for item in queue[: args.n]:
            t = time.perf_counter()
            with UnitOfWork(s) as uow:
                visits.review(uow, item.visit_id, "approved", "")
            times.append(time.perf_counter() - t)
        s.lock()
        out["service_ms_median"] = round(statistics.median(times) * 1000, 1)
        out["service_ms_max"] = round(max(times) * 1000, 1)

        app = make_qapp([sys.argv[0]])
        settings = Settings.at(Path(tmp) / "settings.ini")
        prepare(app, settings, "zh")
        ctx = AppContext(store, settings=settings)
        hexi = HexiApp(ctx)
        dlg = hexi.start(user=demo_launch.DEMO_CENTRE)
        dlg.form.password.setText(demo_launch.DEMO_PASSWORD)
        dlg.form.submit()
        until(lambda: hexi.window is not None)
        win = hexi.window
        win.resize(1366, 728)
        until(lambda: not ctx.worker.busy)
        page = win.show_page("review")
        until(lambda: not ctx.worker.busy and page.model.rowCount() > 0)
        until(lambda: page.approve.isEnabled())
        out["queue"] = page.model.rowCount()
        ui_times = []
        for _ in range(args.n):
            shown = page.current.id if page.current else None
            t = time.perf_counter()
            QTest.mouseClick(page.approve, Qt.MouseButton.LeftButton)
            until(
                lambda shown=shown: (
                    page.approve.isEnabled()
                    and page.current is not None
                    and page.current.id != shown
                    and not ctx.worker.busy
                )
            )
            ui_times.append(time.perf_counter() - t)
        out["window_ms_median"] = round(statistics.median(ui_times) * 1000, 1)
        out["window_ms_max"] = round(max(ui_times) * 1000, 1)
        batch = getattr(page, "approve_selected", None)
        if callable(batch):
            page.view.selectAll()
            rows = min(args.n, page.model.rowCount())
            page.view.clearSelection()
            for r in range(rows):
                page.view.selectionModel().select(
                    page.model.index(r, 0),
                    page.view.selectionModel().SelectionFlag.Select
                    | page.view.selectionModel().SelectionFlag.Rows,
                )
            before = page.model.rowCount()
            t = time.perf_counter()
            batch()
            until(lambda: page.model.rowCount() == before - rows and not ctx.worker.busy)
            out["batch_visits"] = rows
            out["batch_ms"] = round((time.perf_counter() - t) * 1000, 1)
        win.close_quietly()
        ctx.worker.stop()
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
