"""Background work off the GUI thread, with a progress dialog and Cancel.

The job runs in a worker thread and must not touch widgets; it reports progress through a
callback that returns False once Cancel was pressed; the job then raises
domain.errors.Cancelled and its transaction rolls back. Success and failure come back on the GUI
thread through signals (the shape of Anki's operations).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from reception_app.domain.errors import Cancelled, ReceptionError
from reception_app.ui.application_events import fit_when_shown

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], bool]
"""(done, total) -> keep going?"""


class _Signals(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[ProgressCallback], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.cancel_requested = False

    def report(self, done: int, total: int) -> bool:
        self.signals.progressed.emit(done, total)
        return not self.cancel_requested

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn(self.report)
        except Cancelled:
            self.signals.cancelled.emit()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread to report
            if not isinstance(exc, ReceptionError):
                log.exception("background job failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


def start_job(
    fn: Callable[[ProgressCallback], Any],
    on_done: Callable[[Any], object],
    on_error: Callable[[BaseException], object],
    on_cancel: Callable[[], object] | None = None,
) -> _Job:
    """Run ``fn`` on the thread pool; the callbacks run on the GUI thread. Keep the returned
    job referenced until it finishes (its signals live on it)."""
    job = _Job(fn)
    job.signals.finished.connect(on_done)
    job.signals.failed.connect(on_error)
    job.signals.cancelled.connect(on_cancel or (lambda: None))
    QThreadPool.globalInstance().start(job)
    return job


class _JobProgressDialog(QProgressDialog):
    """A progress dialog that holds its job, so the job's signals live as long as the dialog."""

    _job: _Job | None = None


def run_with_progress(
    parent: QWidget | None,
    label: str,
    fn: Callable[[ProgressCallback], Any],
    on_done: Callable[[Any], object],
    on_error: Callable[[BaseException], object],
    on_cancel: Callable[[], object] | None = None,
) -> QProgressDialog:
    """Start ``fn`` on the thread pool with a modal progress dialog; returns the dialog."""
    dialog = _JobProgressDialog(label, "Cancel", 0, 0, parent)
    fit_when_shown(dialog)
    dialog.setWindowTitle("Reception")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    def finish(callback: Callable[..., object], *args: Any) -> None:
        dialog.close()
        callback(*args)

    job = start_job(
        fn,
        on_done=lambda result: finish(on_done, result),
        on_error=lambda exc: finish(on_error, exc),
        on_cancel=lambda: finish(on_cancel or (lambda: None)),
    )
    job.signals.progressed.connect(progressed)
    dialog.canceled.connect(lambda: setattr(job, "cancel_requested", True))
    dialog._job = job
    return dialog
