"""Print many letters as one job off the UI thread, with a progress bar and Cancel.

Letters are made, then printed, then recorded, all on a worker; Cancel or a printer error
at any point leaves every letter unsent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog, QWidget

from reception_app.domain.errors import ReceptionError
from reception_app.domain.people import StaffMember
from reception_app.ui.letter_printing import prepare_printer, print_pdfs
from reception_app.ui.workers import ProgressCallback, run_with_progress

if TYPE_CHECKING:
    from reception_app.services.letter_service import LetterRequest, LetterService


class BatchResult:
    """What a finished batch did: letters recorded, and how many await braille transcription."""

    def __init__(self, ids: list[int], awaiting_braille: int, braille_files: list[Path]) -> None:
        self.ids = ids
        self.awaiting_braille = awaiting_braille
        self.braille_files = braille_files

    def message(self) -> str:
        text = f"{len(self.ids)} letter{'s' if len(self.ids) != 1 else ''} printed and recorded as sent."
        if self.braille_files:
            text += f" {len(self.braille_files)} braille file(s) saved in {self.braille_files[0].parent}."
        if self.awaiting_braille:
            text += (
                f" {self.awaiting_braille} braille letter(s) could not be made on this computer "
                "(liblouis is not installed) and are recorded as awaiting braille transcription."
            )
        return text


def print_batch_to(
    parent: QWidget | None,
    letters: LetterService,
    requests: Sequence[LetterRequest],
    actor: StaffMember | None,
    printer: QPrinter,
    braille_folder: Path,
    on_done: Callable[[BatchResult], None],
    on_error: Callable[[BaseException], None],
    on_cancel: Callable[[], None],
) -> QProgressDialog:
    """Make, print and record ``requests`` on a worker; progress runs 0..2n (make, then print)."""
    total = 2 * len(requests)
    prepare_printer(printer, f"Letters ({len(requests)})")

    def work(progress: ProgressCallback) -> BatchResult:
        produced = letters.produce_batch(requests, actor, lambda done, _n: progress(done, total))
        print_pdfs(
            printer,
            [p.pdf for p in produced],
            lambda done: progress(len(requests) + done, total),
        )
        files = [letters.save_braille(p, braille_folder) for p in produced]
        ids = letters.record_sent(produced, actor, "printed", [str(f or "") for f in files])
        waiting = sum(1 for p in produced if p.status == "awaiting_braille")
        return BatchResult(ids, waiting, [f for f in files if f is not None])

    return run_with_progress(
        parent,
        f"Making and printing {len(requests)} letters...",
        work,
        on_done,
        on_error,
        on_cancel,
    )


def print_batch(
    parent: QWidget,
    letters: LetterService,
    requests: Sequence[LetterRequest],
    actor: StaffMember | None,
    braille_folder: Path,
) -> QProgressDialog | None:
    """Ask for the printer, then print the batch; tells the person how it went."""
    if not requests:
        QMessageBox.information(parent, "Reception", "No letters are due today.")
        return None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, f"Letters ({len(requests)})")
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print {len(requests)} letters")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None

    def done(result: BatchResult) -> None:
        QMessageBox.information(parent, "Reception", result.message())

    def failed(exc: BaseException) -> None:
        text = str(exc) if isinstance(exc, ReceptionError) else f"Printing failed: {exc}."
        QMessageBox.warning(parent, "Reception", f"{text} No letter was marked as sent.")

    def cancelled() -> None:
        QMessageBox.information(
            parent, "Reception", "Printing was cancelled. No letter was marked as sent."
        )

    return print_batch_to(
        parent, letters, requests, actor, printer, braille_folder, done, failed, cancelled
    )
