"""Idle lock: any keyboard or mouse input restarts a timer; when it runs out the window locks."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.InputMethod,
    }
)


class IdleWatcher(QObject):
    """Installed as an event filter on the application. `timeout` fires once per idle period."""

    timeout = Signal()

    def __init__(
        self, minutes: int, parent: QObject | None = None, *, interval_ms: int | None = None
    ) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.timeout)
        self.set_interval(minutes, interval_ms=interval_ms)

    def set_interval(self, minutes: int, *, interval_ms: int | None = None) -> None:
        self._timer.setInterval(
            interval_ms if interval_ms is not None else max(1, minutes) * 60_000
        )
        if self._timer.isActive():
            self._timer.start()

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self._timer.isActive():
            self._timer.start()
        return False
