"""The scrolling frame of a timeline grid: a day opens at the time now, not at its first row."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QScrollArea, QWidget

from reception_app.ui.timeline.timeline_grid import TimelineGrid


class TimelineArea(QScrollArea):
    """A ``TimelineGrid`` in a scroll area. Each time a new day (or week) is shown, today's
    board scrolls to the time now and puts the keyboard cursor there, once: later refreshes of
    the same day leave the view where the person scrolled it."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = TimelineGrid()
        self.grid.setAccessibleName(accessible_name)
        self.setWidget(self.grid)
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._opened: Hashable | None = None
        self._pending_minute: int | None = None

    def opened(self, shown: Hashable, now_minute: int | None) -> None:
        """``shown`` (a day, or a week's first day) was just drawn; ``now_minute`` is the time
        now when it is today (None otherwise)."""
        if shown == self._opened:
            return
        self._opened = shown
        self._pending_minute = now_minute
        if now_minute is not None:
            self.grid.put_cursor_at(now_minute)
        else:
            self.verticalScrollBar().setValue(0)
        self._scroll_to_now()
        QTimer.singleShot(0, self, self._scroll_to_now)

    def _scroll_to_now(self) -> None:
        minute = self._pending_minute
        if minute is None or not self.isVisible():
            return
        self.grid.resize(self.viewport().width(), self.grid.sizeHint().height())
        y = self.grid.y_of(minute)
        # The time now a third of the way down, so the next hours show below it.
        self.verticalScrollBar().setValue(max(0, y - self.viewport().height() // 3))
        if self.verticalScrollBar().maximum() > 0 or self.grid.height() <= self.viewport().height():
            self._pending_minute = None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._scroll_to_now()
        # Once more when the layout has given the frame its size (the scroll range is 0 before).
        QTimer.singleShot(0, self, self._scroll_to_now)
