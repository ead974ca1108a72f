"""The desk's one event filter on the whole application: every dialog fitted as it is shown,
and the time of the last key press, click, mouse move, wheel turn or touch, for the idle lock.

One filter, not one per purpose, and cheap: Qt calls an application filter for every event of
every widget, and each call into Python costs a few microseconds whatever the filter does. A
modal dialog over the desk alone sends 3,500 widgets "blocked" and then "unblocked" (two
filters made opening and closing a dialog take ~30 ms rather than ~2 ms). The filter tests the
event's class first, which costs less than reading its type."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QInputEvent, QShowEvent
from PySide6.QtWidgets import QDialog

from reception_app.ui.widgets.fit_window import fit_shown_dialog

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
"""What counts as someone using the desk."""


class ApplicationEvents(QObject):
    """Installed once on the application and owned by it (a filter owned by a window that is
    gone would be called after its death)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last_input = time.monotonic()
        """``time.monotonic()`` of the last input of any kind in ``ACTIVITY``."""

    @classmethod
    def install(cls, application: QCoreApplication) -> ApplicationEvents:
        """The application's filter, installed on first use."""
        found = application.findChild(cls)
        if found is None:
            found = cls(application)
            application.installEventFilter(found)
        return found

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if isinstance(event, QInputEvent):
            if event.type() in ACTIVITY:
                self.last_input = time.monotonic()
        elif isinstance(event, QShowEvent) and isinstance(watched, QDialog):
            fit_shown_dialog(watched)
        return False
