"""Python's cyclic garbage collector on the GUI thread only.

The collector runs in whichever thread happens to allocate when its thresholds are crossed: in
the database worker thread too. A Qt object found in a garbage cycle there (a closed dialog held
by a lambda, say) is then destroyed outside the GUI thread, and the program crashes (seen in the
test suite: a segmentation fault in the worker thread, "Garbage-collecting"). So while the window
runs, automatic collection is off and a timer on the GUI thread collects instead, with the same
thresholds, generation by generation as the collector itself would.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from hexi_care.services import collector

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> int | None:
        """Collect the oldest generation whose count is over its threshold; returns it, or None.
        Not while a service has paused the collector (a worklist being built in the worker
        thread, services/collector.py): after."""
        if collector.is_paused():
            return None
        counts = gc.get_count()
        generation = None
        for g in range(3):
            if counts[g] > self.threshold[g]:
                generation = g
            else:
                break
        if generation is not None:
            gc.collect(generation)
        return generation


def install(app: QObject) -> GuiThreadCollector:
    """Once per application: later calls turn automatic collection off again and return the
    collector already installed."""
    found = app.findChild(GuiThreadCollector)
    if isinstance(found, GuiThreadCollector):
        gc.disable()
        return found
    return GuiThreadCollector(app)
