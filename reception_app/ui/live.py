"""Live screens: a page, the kiosk or the display re-reads what it shows when the change hub
(ui/changes.py) reports a change to one of its topics, off the GUI thread.

A screen names its topics and how to read (``Reading``: a function run on the thread pool,
ui/workers.py) and how to show what was read (on the GUI thread). ``LiveReload`` runs one read at
a time per screen: a change heard while a read is running is remembered and read once more
afterwards, so a burst of changes costs at most two reads. ``keep_view`` keeps the scroll
position of every list and table while a screen re-fills them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QWidget
from shiboken6 import isValid

from reception_app.domain.changes import Topic
from reception_app.domain.errors import ReceptionError
from reception_app.ui.workers import start_job

log = logging.getLogger(__name__)

Reading = Callable[[], Any]
"""Reads the database on a worker thread (never touches a widget); its result is shown."""
Show = Callable[[Any], None]


class LiveReload(QObject):
    """One screen's reloads: at most one read running, the next one merged while it runs."""

    def __init__(
        self,
        plan: Callable[[frozenset[Topic]], tuple[Reading, Show] | None],
        fallback: Callable[[frozenset[Topic]], None],
        parent: QObject | None = None,
    ) -> None:
        """``plan(topics)``: the read and the show for these topics, or None to call
        ``fallback(topics)`` on the GUI thread instead (a screen not split yet)."""
        super().__init__(parent)
        self._plan = plan
        self._fallback = fallback
        self._running: object | None = None
        self._pending: set[Topic] = set()
        self.reads = 0
        """Re-reads started, on a worker or the GUI thread (tests count them: once per change)."""

    @property
    def busy(self) -> bool:
        return self._running is not None or bool(self._pending)

    def request(self, topics: frozenset[Topic]) -> None:
        self._pending.update(topics)
        if self._running is None:
            self._next()

    def _next(self) -> None:
        topics, self._pending = frozenset(self._pending), set()
        if not topics:
            return
        planned = self._plan(topics)
        self.reads += 1
        if planned is None:
            self._fallback(topics)
            self._next()
            return
        read, show = planned
        self._running = start_job(
            lambda _progress: read(),
            on_done=lambda result: self._done(show, result),
            on_error=self._failed,
        )

    def _done(self, show: Show, result: Any) -> None:
        if not isValid(self):
            return  # the screen closed while its read was running
        self._running = None
        try:
            show(result)
        finally:
            QTimer.singleShot(0, self._next)

    def _failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._running = None
        if isinstance(exc, ReceptionError):  # e.g. the database went away: the banner says so
            log.info("a live reload could not read: %s", exc)
        else:
            log.error("a live reload failed", exc_info=exc)
        QTimer.singleShot(0, self._next)


@contextmanager
def keep_view(widget: QWidget) -> Iterator[None]:
    """Keep the scroll position of every list, table and scroll area in ``widget`` across a
    re-fill (a model reset scrolls a view back to the top)."""
    areas = widget.findChildren(QAbstractScrollArea)
    if isinstance(widget, QAbstractScrollArea):
        areas.append(widget)
    kept = [
        (area, area.verticalScrollBar().value(), area.horizontalScrollBar().value())
        for area in areas
    ]
    yield
    for area, vertical, horizontal in kept:
        if isinstance(area, QAbstractItemView):
            area.doItemsLayout()  # the scroll bars' new range, before the old value is set
        area.verticalScrollBar().setValue(vertical)
        area.horizontalScrollBar().setValue(horizontal)
