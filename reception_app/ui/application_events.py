"""Dialogs fitted as they show, and the time of the last key press, click, mouse move, wheel
turn or touch for the idle lock, with no event filter on the whole application.

Qt calls an application filter for every event of every widget, and each call into Python
costs about 3 us whatever the filter does: a modal dialog over the desk sends its ~3,500
widgets "blocked" and then "unblocked", so such a filter made opening and closing a dialog
cost 10-30 ms. Instead each dialog carries a filter of its own (``fit_when_shown``, called by
its constructor), and input is watched on the windows (``QWindow``): every key press and
mouse event from the system reaches a window before the widget in it, and a window sees only
its own few events."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QInputEvent, QShowEvent, QWindow
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


class InputWatch(QObject):
    """On every top-level window of the application: the time of the last input.

    Windows are looked for again whenever the focus moves to another window, a dialog shows,
    and just after any input (a list that drops down opens a window of its own)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last_input = time.monotonic()
        """``time.monotonic()`` of the last input of any kind in ``ACTIVITY``."""
        self._look_again = QTimer(self)
        self._look_again.setSingleShot(True)
        self._look_again.setInterval(0)
        self._look_again.timeout.connect(self.watch_windows)

    @classmethod
    def of(cls, application: QCoreApplication) -> InputWatch:
        """The application's watch, made on first use and owned by it (a filter owned by a
        window that is gone would be called after its death)."""
        found = application.findChild(cls)
        if found is None:
            found = cls(application)
            if isinstance(application, QGuiApplication):
                application.focusWindowChanged.connect(found.watch_windows)
            found.watch_windows()
        return found

    def watch_windows(self, *_focus: object) -> None:
        for window in QGuiApplication.topLevelWindows():
            self.watch(window)

    def watch(self, window: QWindow | None) -> None:
        if window is not None and not window.property(_WATCHED):
            window.setProperty(_WATCHED, True)
            window.installEventFilter(self)

    def look_again(self) -> None:
        """Watch the windows that have appeared, once control is back in the event loop."""
        self._look_again.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if isinstance(event, QInputEvent) and event.type() in ACTIVITY:
            self.last_input = time.monotonic()
            self.look_again()
        return False


_WATCHED = "reception_input_watched"


class _DialogFitter(QObject):
    """On each dialog (not the application): fits it as it is shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if isinstance(event, QShowEvent) and isinstance(watched, QDialog):
            fit_shown_dialog(watched)
            application = QCoreApplication.instance()
            if application is not None:
                watch = InputWatch.of(application)
                watch.watch(watched.windowHandle())
                watch.look_again()  # the windows it opens as it shows
        return False


def fit_when_shown(dialog: QDialog) -> None:
    """``dialog`` grows to the height its wrapped text needs each time it is shown, and the
    idle lock watches its window. Every dialog of the desk calls this in its constructor."""
    application = QCoreApplication.instance()
    if application is None:
        return
    fitter = application.findChild(_DialogFitter)
    if fitter is None:
        fitter = _DialogFitter(application)
    dialog.installEventFilter(fitter)
