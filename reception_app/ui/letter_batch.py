"""Print many letters as one job, or save them as PDFs to a folder, with progress and Cancel.

The work runs off the UI thread.

Printing: letters are made, then printed, then recorded, all on a worker; Cancel or a printer
error at any point leaves every letter unsent. Saving: letters are made, then each is written to
the folder (through a temporary name, so no half-written file is left) and the ones written are
recorded; Cancel while they are being made records nothing, Cancel or a full disk while they are
being written stops there and records exactly the files written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QProgressDialog, QWidget

from reception_app.domain.errors import Cancelled, ReceptionError
from reception_app.domain.people import StaffMember
from reception_app.ui.letter_printing import prepare_printer, print_pdfs
from reception_app.ui.workers import ProgressCallback, run_with_progress

if TYPE_CHECKING:
    from reception_app.services.letter_service import BatchSaved, LetterRequest, LetterService

PRINT = "print"
SAVE_PDFS = "pdf"
NOT_POSTAL = "no postal address: save it as a PDF to attach to the e-mail reply"


class PrintStopped(ReceptionError):
    """Cancel was pressed after some letters had gone to the printer (nothing recorded)."""


class BatchResult:
    """What a finished batch did: letters recorded, and how many await braille transcription."""

    def __init__(
        self,
        ids: list[int],
        awaiting_braille: int,
        braille_files: list[Path],
        skipped: Sequence[tuple[LetterRequest, str]] = (),
    ) -> None:
        self.ids = ids
        self.awaiting_braille = awaiting_braille
        self.braille_files = braille_files
        self.skipped = list(skipped)

    def message(self) -> str:
        text = f"{len(self.ids)} letter{'s' if len(self.ids) != 1 else ''} printed and recorded as sent."
        if self.braille_files:
            text += f" {len(self.braille_files)} braille file(s) saved in {self.braille_files[0].parent}."
        if self.awaiting_braille:
            text += (
                f" {self.awaiting_braille} braille letter(s) could not be made on this computer "
                "(liblouis is not installed) and are recorded as awaiting braille transcription."
            )
        return text + skipped_text(self.skipped)


def skipped_text(skipped: Sequence[tuple[LetterRequest, str]]) -> str:
    """' 2 letters were left out and not recorded: correspondence:4 (no postal address); ...'"""
    if not skipped:
        return ""
    listed = "; ".join(
        f"{request.source} ({reason.rstrip('.')})" for request, reason in skipped[:5]
    )
    more = f"; and {len(skipped) - 5} more" if len(skipped) > 5 else ""
    n = len(skipped)
    return f" {n} letter{'s were' if n != 1 else ' was'} left out and not recorded: {listed}{more}."


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
        skipped: list[tuple[LetterRequest, str]] = []
        made = letters.produce_batch(
            requests, actor, lambda done, _n: progress(done, total), skipped
        )
        produced = [p for p in made if p.draft.content.postal]
        skipped.extend((p.draft.request, NOT_POSTAL) for p in made if not p.draft.content.postal)
        try:
            print_pdfs(
                printer,
                [p.pdf for p in produced],
                lambda done: progress(len(requests) + done, total),
            )
        except Cancelled as exc:
            # Pages already went to the printer: say so, with what was left out and why.
            raise PrintStopped(f"{exc}{skipped_text(skipped)}") from None
        files = [letters.save_braille(p, braille_folder) for p in produced]
        ids = letters.record_sent(produced, actor, "printed", [str(f or "") for f in files])
        waiting = sum(1 for p in produced if p.status == "awaiting_braille")
        return BatchResult(ids, waiting, [f for f in files if f is not None], skipped)

    return run_with_progress(
        parent,
        f"Making and printing {len(requests)} letters...",
        work,
        on_done,
        on_error,
        on_cancel,
    )


def saved_message(result: BatchSaved, folder: Path) -> str:
    """What a batch saved to a folder did, in plain words."""
    n = len(result.ids)
    text = f"{n} letter{'s' if n != 1 else ''} saved as PDF{'s' if n != 1 else ''} in {folder}"
    text += " and recorded as sent." if n else "."
    if result.stopped:
        text = (
            f"Stopped after {n} of {result.total} letters: {text} "
            "The others were not saved and are not marked as sent."
        )
    if result.problem:
        text += f" {result.problem}"
    return text


def save_batch_to(
    parent: QWidget | None,
    letters: LetterService,
    requests: Sequence[LetterRequest],
    actor: StaffMember | None,
    folder: Path,
    on_done: Callable[[BatchSaved], None],
    on_error: Callable[[BaseException], None],
    on_cancel: Callable[[], None],
) -> QProgressDialog:
    """Make ``requests``, write each as a PDF (BRF beside braille ones) in ``folder`` and record
    the files written, on a worker; progress runs 0..2n (make, then write)."""
    n = len(requests)
    total = 2 * n

    def work(progress: ProgressCallback) -> BatchSaved:
        skipped: list[tuple[LetterRequest, str]] = []
        produced = letters.produce_batch(
            requests, actor, lambda done, _n: progress(done, total), skipped
        )
        saved = letters.save_batch(produced, folder, actor, lambda done: progress(n + done, total))
        if skipped:
            saved = dataclasses.replace(
                saved, problem=(saved.problem + skipped_text(skipped)).strip()
            )
        return saved

    return run_with_progress(
        parent,
        f"Making {n} letters and saving them in {folder}...",
        work,
        on_done,
        on_error,
        on_cancel,
    )


def choose_output(parent: QWidget | None, count: int) -> str | None:
    """Ask whether to print the letters or save them as PDFs: PRINT, SAVE_PDFS or None."""
    box = QMessageBox(parent)
    box.setWindowTitle("Letters due today")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(
        f"{count} letter{'s are' if count != 1 else ' is'} due today. Print "
        f"{'them' if count != 1 else 'it'}, or save {'them' if count != 1 else 'it'} as PDF "
        "files in a folder (to print later or send by email)?"
    )
    print_button = box.addButton("&Print...", QMessageBox.ButtonRole.AcceptRole)
    save_button = box.addButton("Save as P&DFs to a folder...", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(print_button)
    box.exec()
    clicked = box.clickedButton()
    if clicked is print_button:
        return PRINT
    if clicked is save_button:
        return SAVE_PDFS
    return None


def choose_folder(parent: QWidget | None) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, "Save the letters in this folder")
    return Path(name) if name else None


def print_batch(
    parent: QWidget,
    letters: LetterService,
    requests: Sequence[LetterRequest],
    actor: StaffMember | None,
    braille_folder: Path,
    *,
    how: str | None = None,
    folder: Path | None = None,
    report: Callable[[str], None] | None = None,
) -> QProgressDialog | None:
    """Print the batch or save it as PDFs to a folder, then tell the person how it went.

    ``how`` (PRINT or SAVE_PDFS) and ``folder`` skip the questions when the caller knows;
    ``report`` shows the outcome (e.g. in the page's status line) instead of a message box."""

    def say(text: str, warning: bool = False) -> None:
        if report is not None:
            report(text)
        elif warning:
            QMessageBox.warning(parent, "Reception", text)
        else:
            QMessageBox.information(parent, "Reception", text)

    if not requests:
        say("No letters are due today.")
        return None
    how = how or choose_output(parent, len(requests))
    if how == SAVE_PDFS:
        folder = folder or choose_folder(parent)
        if folder is None:
            return None
        return _save_and_say(parent, letters, requests, actor, folder, say)
    if how != PRINT:
        return None
    return _print_and_say(parent, letters, requests, actor, braille_folder, say)


Say = Callable[[str, bool], None]
"""Tell the person how it went: (text, whether it is a warning)."""


def _save_and_say(
    parent: QWidget,
    letters: LetterService,
    requests: Sequence[LetterRequest],
    actor: StaffMember | None,
    folder: Path,
    say: Say,
) -> QProgressDialog:
    def saved(result: BatchSaved) -> None:
        say(saved_message(result, folder), bool(result.problem))

    def save_failed(exc: BaseException) -> None:
        text = str(exc) if isinstance(exc, ReceptionError) else f"Saving failed: {exc}."
        say(f"{text} No letter was marked as sent.", True)

    return save_batch_to(
        parent,
        letters,
        requests,
        actor,
        folder,
        saved,
        save_failed,
        lambda: say("Saving was cancelled. No letter was saved or marked as sent.", False),
    )


def _print_and_say(
    parent: QWidget,
    letters: LetterService,
    requests: Sequence[LetterRequest],
    actor: StaffMember | None,
    braille_folder: Path,
    say: Say,
) -> QProgressDialog | None:
    """Ask for the printer (nothing happens if the person cancels), then print the batch."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, f"Letters ({len(requests)})")
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print {len(requests)} letters")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None

    def done(result: BatchResult) -> None:
        say(result.message(), False)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, PrintStopped):
            say(str(exc), True)
            return
        text = str(exc) if isinstance(exc, ReceptionError) else f"Printing failed: {exc}."
        say(f"{text} No letter was marked as sent.", True)

    def cancelled() -> None:
        say("Printing was cancelled. No letter was marked as sent.", False)

    return print_batch_to(
        parent, letters, requests, actor, printer, braille_folder, done, failed, cancelled
    )
