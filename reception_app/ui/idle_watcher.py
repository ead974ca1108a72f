"""Notices when nobody has used the desk for a while, so the window can lock (it faces the public)."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from reception_app.ui.application_events import InputWatch


class IdleWatcher(QObject):
    """Idle since the later of the last ``touch`` and the last input anywhere in the
    application (seen by ``InputWatch`` on every window)."""

    idle_timed_out = Signal()

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.minutes = minutes
        self._last = time.monotonic()
        application = QCoreApplication.instance()
        self._events = None if application is None else InputWatch.of(application)
        self._timer = QTimer(self)
        self._timer.setInterval(5_000)
        self._timer.timeout.connect(self.check)
        self.paused = False

    def start(self) -> None:
        if self._events is not None:
            self._events.watch_windows()
        self.touch()
        self._timer.start()

    def touch(self) -> None:
        self._last = time.monotonic()

    def idle_seconds(self) -> float:
        last = self._last if self._events is None else max(self._last, self._events.last_input)
        return time.monotonic() - last

    def check(self) -> None:
        if self._events is not None:
            self._events.watch_windows()  # any window not seen yet (one no one has focused)
        if not self.paused and self.idle_seconds() >= self.minutes * 60:
            self.paused = True  # until the desk is unlocked again
            self.idle_timed_out.emit()
