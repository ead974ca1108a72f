"""PDF pages as images (pypdfium2) for the preview, and printing letters as one Qt print job.

QtPdf is not in the PySide6 wheels, so pages are drawn by pdfium into QImages. pdfium is not
thread-safe: every call goes through one lock. Painting on a QPrinter is allowed off the GUI
thread, so a whole batch prints from a worker.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from reception_app.domain.errors import Cancelled, ReceptionError
from reception_app.domain.people import StaffMember
from reception_app.domain.wording import counted
from reception_app.ui.workers import ProgressCallback

if TYPE_CHECKING:
    from reception_app.services.letter_service import LetterService, ProducedLetter

log = logging.getLogger(__name__)
_pdfium = threading.Lock()

PrintOutcome = tuple[list[int], Path | None, str]
"""(letter ids recorded as sent, the braille file saved or None, a problem to tell the desk)."""

PREVIEW_DPI = 96
PRINT_DPI = 300


class PrintFailed(ReceptionError):
    """The printer refused the job; nothing was recorded as sent."""


def page_images(pdf: bytes, dpi: int = PREVIEW_DPI) -> list[QImage]:
    """Every page of ``pdf`` as an RGB image at ``dpi``."""
    with _pdfium:
        document = pypdfium2.PdfDocument(pdf)
        try:
            images = []
            for index in range(len(document)):
                page = document[index]
                bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
                image = QImage(
                    bytes(bitmap.buffer),
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_RGB888,
                ).copy()  # own the pixels: the buffer is freed with the bitmap
                image.setDotsPerMeterX(round(dpi / 0.0254))
                image.setDotsPerMeterY(round(dpi / 0.0254))
                images.append(image)
                page.close()
            return images
        finally:
            document.close()


def page_count(pdf: bytes) -> int:
    with _pdfium:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def prepare_printer(printer: QPrinter, title: str) -> None:
    """A4 portrait, whole paper (the PDF carries its own margins), named job."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setDocName(title)


def print_pdfs(
    printer: QPrinter,
    pdfs: Sequence[bytes],
    keep_going: Callable[[int], bool] | None = None,
) -> int:
    """Print every page of every PDF as one job; returns the pages printed.

    ``keep_going(letters_done)`` is asked after each letter; False aborts the job and raises
    Cancelled. PrintFailed when the printer cannot start or finish the job.
    """
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(
            "The printer could not start the job. Check it is switched on and has paper, "
            "then try again. Nothing was marked as sent."
        )
    pages = 0
    dpi = min(printer.resolution(), PRINT_DPI) or PRINT_DPI
    try:
        for done, pdf in enumerate(pdfs, start=1):
            for image in page_images(pdf, dpi):
                if pages:
                    if not printer.newPage():
                        raise PrintFailed(
                            "The printer stopped part-way. Nothing was marked as sent."
                        )
                target = printer.pageLayout().fullRectPixels(printer.resolution())
                painter.drawImage(QRectF(target), image)
                pages += 1
            if keep_going is not None and not keep_going(done):
                printer.abort()
                raise Cancelled(
                    f"Printing was cancelled after {counted(done, 'letter')} of {len(pdfs)} "
                    "had gone to the printer: their pages may still come out. Nothing was "
                    "marked as sent, so every letter is still due."
                )
    finally:
        if painter.isActive():
            painter.end()
    if printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintFailed("The printer reported an error. Nothing was marked as sent.")
    return pages


def print_and_record(
    letters: LetterService,
    produced: ProducedLetter,
    actor: StaffMember | None,
    braille_folder: Path,
    printer: QPrinter,
    progress: ProgressCallback,
) -> PrintOutcome:
    """Print one letter, save its braille file beside the others, and record it as sent (on a
    worker). Once the printer has it, nothing raises: a braille file that could not be saved
    or a record that could not be written comes back as the problem, with no ids."""
    progress(0, 1)
    print_pdfs(printer, [produced.pdf], lambda done: progress(done, 1))
    # Printed: from here on a failure must not lose that, so it is caught and said.
    brf_problem = ""
    try:
        brf = letters.save_braille(produced, braille_folder)
    except OSError as exc:
        log.exception("The braille file of %s could not be saved", produced.draft.content.title)
        brf, brf_problem = None, f"The braille file could not be saved ({exc.strerror or exc})."
    try:
        ids = letters.record_sent([produced], actor, "printed", [str(brf or "")])
    except Exception as exc:
        log.exception("%s printed but not recorded as sent", produced.draft.content.title)
        if brf is not None:
            letters.discard_files([brf])
        return [], None, f"{exc}"
    return ids, brf, brf_problem
