"""Unexpected errors: logged with their traceback, shown in a plain-English dialog, app keeps running."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from reception_app.domain.errors import ReceptionError
from reception_app.services.connection import DatabaseUnavailable

log = logging.getLogger("reception_app.errors")


UNEXPECTED = (
    "Something went wrong that Reception did not expect. Your saved work is safe; please try "
    "again, and tell IT if it happens again."
)


def plain_message(exc: BaseException) -> str:
    """What to show a person: our own errors as they are, anything else in general words."""
    return str(exc) if isinstance(exc, ReceptionError) else UNEXPECTED


class ErrorReporter(QObject):
    """Receives exceptions from any thread and shows them on the GUI thread."""

    error_raised = Signal(str, str)
    """(message for a person, technical details)."""
    connection_lost = Signal(str)
    """An action was refused because the database could not be reached (no dialog)."""

    def __init__(self, log_file: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._log_file = log_file
        self.error_raised.connect(self._show)
        self.connection_lost.connect(self._say_in_status_bar)
        self.shown: list[str] = []

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(
            args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback
        )

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        if isinstance(exc, DatabaseUnavailable):
            # Not a dialog: the banner already says so, and the person tries again later.
            log.warning("%s", exc)
            self.connection_lost.emit(str(exc))
            return
        if isinstance(exc, ReceptionError):
            log.warning("%s", exc)
            message = str(exc)
        else:
            log.error("Unexpected error\n%s", details)
            where = f" The details are in the log file {self._log_file}." if self._log_file else ""
            message = f"{UNEXPECTED}{where}"
        self.error_raised.emit(message, details)

    @Slot(str)
    def _say_in_status_bar(self, message: str) -> None:
        self.shown.append(message)
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMainWindow) and widget.isVisible():
                widget.statusBar().showMessage(message, 15_000)

    @Slot(str, str)
    def _show(self, message: str, details: str) -> None:
        self.shown.append(message)
        parent = QApplication.activeWindow()
        box = QMessageBox(parent if isinstance(parent, QWidget) else None)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Reception")
        box.setText(message)
        box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.open()  # not exec(): never start a nested event loop from an error path
