"""Write one letter from a record: choose, fill in, preview, then print or save it as PDF.

It is recorded as sent only once the print or the save worked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.domain.letters import (
    LARGE_SIZES,
    STANDARD_SIZES,
    LetterFormat,
    PrintSpec,
    past_date_message,
)
from reception_app.domain.people import StaffMember
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.letter_printing import (
    PrintOutcome,
    page_images,
    prepare_printer,
    print_and_record,
)
from reception_app.ui.shortcuts import bind
from reception_app.ui.widgets.field_errors import FieldErrors
from reception_app.ui.widgets.letter_preview import LetterPreview
from reception_app.ui.widgets.placeholder_field import placeholder_field, placeholder_label
from reception_app.ui.widgets.scrolling_column import scrolling_column
from reception_app.ui.workers import ProgressCallback, run_with_progress, start_job

if TYPE_CHECKING:
    from reception_app.services.letter_service import (
        LetterRequest,
        LetterService,
        LetterSource,
        ProducedLetter,
    )
    from reception_app.ui.desk_state import DeskState

log = logging.getLogger(__name__)

PREVIEW_DELAY_MS = 400
"""Pause after typing before the preview is made again."""
PREVIEW_DPI = 80


class LetterDialog(QDialog):
    """One letter from one record. ``sent`` holds the recorded letter ids after a print or save."""

    def __init__(
        self,
        letters: LetterService,
        source: LetterSource,
        preferred: PrintSpec,
        actor: StaffMember | None,
        braille_folder: Path,
        customer_name: str = "",
        parent: QWidget | None = None,
        *,
        template_key: str | None = None,
        prefill: Mapping[str, str] | None = None,
        extra_buttons: Sequence[tuple[str, Callable[[], None]]] = (),
    ) -> None:
        """``template_key`` is the letter chosen at first (the desk can change it); ``prefill``
        types values the desk already knows into the fields the record leaves empty (e.g. the
        time an appointment had before it moved); ``extra_buttons`` are (text, slot) pairs
        added beside Print."""
        super().__init__(parent)
        fit_when_shown(self)
        self.setWindowTitle(
            f"Write a letter to {customer_name[:60]}" if customer_name else "Write a letter"
        )
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self._letters = letters
        self._source = source
        self._actor = actor
        self._braille_folder = braille_folder
        self.produced: ProducedLetter | None = None
        self.sent: list[int] = []
        self._generation = 0
        self._jobs: list[Any] = []
        self._value_edits: dict[str, QLineEdit] = {}
        self._prefill = dict(prefill or {})

        left_scroll = self._build_left(letters, source, preferred, template_key)
        self.preview = LetterPreview(PREVIEW_DPI)
        self.pages, self.pages_layout = self.preview.pages, self.preview.pages_layout
        preview_label = QLabel("Pre&view:")
        preview_label.setBuddy(self.preview)
        right = QVBoxLayout()
        right.addWidget(preview_label)
        right.addWidget(self.preview, 1)
        buttons = self._build_buttons(extra_buttons)

        columns = QHBoxLayout()
        columns.addWidget(left_scroll, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self._connect()
        self._set_ready(False)
        self._fit_screen()
        self._template_changed()

    # --- building -------------------------------------------------------------------------------

    def _build_left(
        self,
        letters: LetterService,
        source: LetterSource,
        preferred: PrintSpec,
        template_key: str | None,
    ) -> QScrollArea:
        """The choices, the fields the record leaves empty and the note, scrolling if need be."""
        self.template = QComboBox()
        for template in letters.templates(source.kind):
            self.template.addItem(template.title, template.key)
        if template_key is not None and self.template.findData(template_key) >= 0:
            self.template.setCurrentIndex(self.template.findData(template_key))
        self.format = QComboBox()
        for fmt in LetterFormat:
            self.format.addItem(fmt.label, fmt.value)
        self.format.setCurrentIndex(self.format.findData(preferred.format.value))
        self.point_size = QComboBox()
        self._fill_sizes(preferred.size)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setProperty("role", "hint")

        self.errors = FieldErrors()
        self.value_errors = FieldErrors()
        choice = QFormLayout()
        self.errors.add_row(choice, "&Letter:", "template", self.template)
        self.errors.add_row(choice, "&Format:", "format", self.format)
        self.errors.add_row(choice, "Si&ze (points):", "size", self.point_size)
        self.values_form = QFormLayout()
        # Labels above their fields: the descriptions are long and the fields need the width.
        self.values_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.values_box = QWidget()
        self.values_box.setLayout(self.values_form)
        self.values_title = QLabel("Fill in what the record does not hold:")
        self.values_title.setWordWrap(True)

        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName("About this letter")
        for problem in letters.template_problems():
            self.errors.show(f"A letter template cannot be used: {problem}")

        left = QVBoxLayout()
        left.addWidget(self.errors.general)
        left.addLayout(choice)
        left.addWidget(self.description)
        left.addWidget(self.values_title)
        left.addWidget(self.values_box)
        left.addWidget(self.note)
        left.addStretch(1)
        return scrolling_column(left, self.fontMetrics().averageCharWidth() * 44)

    def _build_buttons(
        self, extra_buttons: Sequence[tuple[str, Callable[[], None]]]
    ) -> QHBoxLayout:
        """The caller's own buttons on the left; Print, Save as PDF and Close on the right."""
        self.print_button = QPushButton("&Print... (Ctrl+P)")
        self.save_button = QPushButton("&Save as PDF... (Ctrl+S)")
        self.close_button = QPushButton("Close")
        buttons = QHBoxLayout()
        self.extra_buttons: list[QPushButton] = []
        for text, slot in extra_buttons:
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.extra_buttons.append(button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        return buttons

    def _fit_screen(self) -> None:
        """As large as a desk's screen allows, up to 1100 by 800."""
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.resize(min(1100, area.width() - 40), min(800, area.height() - 60))

    def _connect(self) -> None:
        self.template.currentIndexChanged.connect(self._template_changed)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.point_size.currentIndexChanged.connect(lambda _i: self.refresh_preview())
        self.print_button.clicked.connect(self.print_letter)
        self.save_button.clicked.connect(self.save_letter)
        self.close_button.clicked.connect(self.reject)
        bind(self, "print", self.print_letter, "Print the letter")
        bind(self, "save_file", self.save_letter, "Save the letter as a PDF")

    # --- choices --------------------------------------------------------------------------------

    def _fill_sizes(self, chosen: int) -> None:
        fmt = LetterFormat(self.format.currentData() or "standard")
        sizes = LARGE_SIZES if fmt is LetterFormat.LARGE_PRINT else STANDARD_SIZES
        self.point_size.blockSignals(True)
        self.point_size.clear()
        for size in sizes:
            self.point_size.addItem(f"{size} pt", size)
        index = self.point_size.findData(chosen)
        self.point_size.setCurrentIndex(
            index
            if index >= 0
            else self.point_size.findData(18 if fmt is LetterFormat.LARGE_PRINT else 14)
        )
        self.point_size.blockSignals(False)

    def _format_changed(self) -> None:
        self._fill_sizes(int(self.point_size.currentData() or 0))
        self.refresh_preview()

    def _template_changed(self) -> None:
        key = self.template.currentData()
        while self.values_form.rowCount():
            self.values_form.removeRow(0)
        self._value_edits.clear()
        self.value_errors = FieldErrors()  # the old rows' widgets are gone with them
        if key is None:
            self.values_title.hide()
            self.note.setText("No letter can be written from this record.")
            return
        template = self._letters.template(key)
        self.description.setText(template.description)
        try:
            missing = self._letters.missing(self._request({}), self._actor)
            # A promised date the record holds but that is already past gets a field too,
            # filled with the record's date, so the desk can type one still to come.
            past = self._letters.past_dates(self._request({}), self._actor)
        except ReceptionError as exc:
            self.errors.show(exc)
            missing, past = [], {}
        fields = {name: self._prefill.get(name, "") for name in missing}
        fields.update({n: self._prefill.get(n, v) for n, v in past.items() if n not in fields})
        for name, text in fields.items():
            edit = placeholder_field(text, name)
            edit.textChanged.connect(lambda _t: self._timer.start())
            self.value_errors.add_row(self.values_form, placeholder_label(name), name, edit)
            self._value_edits[name] = edit
        self.values_title.setText(
            "Fill in what the record does not hold"
            + (", and check the dates" if past else "")
            + ":"
            if missing
            else "Check the dates:"
        )
        self.values_title.setVisible(bool(fields))
        self.refresh_preview()

    def _request(self, extra: dict[str, str] | None = None) -> LetterRequest:
        from reception_app.services.letter_service import LetterRequest

        values = extra if extra is not None else {k: e.text() for k, e in self._value_edits.items()}
        return LetterRequest(
            self.template.currentData() or "",
            self._source,
            LetterFormat(self.format.currentData() or "standard"),
            int(self.point_size.currentData() or 0) or None,
            values,
        )

    def set_value(self, name: str, text: str) -> None:
        """Type ``text`` into the field for placeholder ``name`` (tests, and callers that know it)."""
        if name in self._value_edits:
            self._value_edits[name].setText(text)

    # --- preview --------------------------------------------------------------------------------

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def refresh_preview(self) -> None:
        """Make the letter and its page images on a worker; the newest request wins."""
        self._timer.stop()
        if self.template.currentData() is None:
            return
        self._generation += 1
        generation = self._generation
        self.produced = None
        self._set_ready(False)
        self.errors.clear()
        self.value_errors.clear()
        request = self._request()
        letters, actor = self._letters, self._actor

        def work(_progress: ProgressCallback) -> tuple[ProducedLetter, list[Any]]:
            produced = letters.prepare(request, actor)
            return produced, page_images(produced.pdf, PREVIEW_DPI)

        def done(result: tuple[ProducedLetter, list[Any]]) -> None:
            if generation == self._generation:
                self._show_preview(*result)

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self.preview.show_pages([])
            if isinstance(exc, ValidationError) and exc.field == "values":
                empty = [n for n, e in self._value_edits.items() if not e.text().strip()]
                for name in empty:
                    self.value_errors.show("Fill this in for this letter.", name)
                self.note.setText("The preview appears once every field above is filled in.")
            elif isinstance(exc, ReceptionError):
                self.errors.show(exc)
                self.note.setText("")
            else:
                self.errors.show(f"The letter could not be made: {exc}")

        job = start_job(work, done, failed)
        self._jobs = [*self._jobs[-7:], job]  # keep running jobs' signals alive

    def _show_preview(self, produced: ProducedLetter, images: list[Any]) -> None:
        self.produced = produced
        self.preview.show_pages(images)
        draft = produced.draft
        for name, value in draft.past_dates.items():
            if draft.letter_date is not None:
                message = past_date_message(name, value, draft.letter_date)
                if name in self._value_edits:
                    self.value_errors.show(message, name)
                else:
                    self.errors.show(message)
        spec = produced.draft.spec
        pages = len(images)
        text = f"{spec.label}: {pages} page{'s' if pages != 1 else ''}."
        if spec.format is LetterFormat.BRAILLE:
            text += (
                " " + produced.braille_note
                if produced.braille_note
                else " A braille file (BRF, 40 cells by 25 lines) is made with it."
            )
        if produced.unprintable_note:
            text += " " + produced.unprintable_note
        self.note.setText(text)
        self._set_ready(True)

    # --- print and save -------------------------------------------------------------------------

    def print_letter(self) -> None:
        if self.produced is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, self.produced.draft.content.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the letter")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self.note.setText("Printing was cancelled. The letter is not marked as sent.")
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> QWidget:
        """Print on a worker with progress; record the letter once the printer took it."""
        produced = self.produced
        assert produced is not None
        letters, actor, folder = self._letters, self._actor, self._braille_folder
        prepare_printer(printer, produced.draft.content.title)

        def work(progress: ProgressCallback) -> PrintOutcome:
            return print_and_record(letters, produced, actor, folder, printer, progress)

        def done(result: PrintOutcome) -> None:
            ids, brf, problem = result
            if not ids:
                self.errors.show(
                    "The letter printed, but it could not be recorded as sent "
                    f"({problem}). The record does not show it: post the printed copy and "
                    "note on the record that it was sent."
                )
                self.note.setText("Printed, not recorded as sent.")
                return
            self.sent += ids
            message = "Printed and recorded as sent."
            if brf is not None:
                message += f" The braille file is in {brf}."
            elif problem:
                message += " " + problem
            elif produced.braille_note:
                message = "Printed. " + produced.braille_note
            self.note.setText(message)

        return run_with_progress(
            self, "Printing the letter...", work, done, self._failed, self._cancelled
        )

    def save_letter(self) -> None:
        if self.produced is None:
            return
        suggested = f"{self.produced.draft.template.key}.pdf"
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the letter as PDF", suggested, "PDF files (*.pdf)"
        )
        if name:
            self.save_to(Path(name if name.lower().endswith(".pdf") else name + ".pdf"))

    def save_to(self, path: Path) -> bool:
        """Write the PDF (and the BRF beside it) and record it; False with a message on failure."""
        produced = self.produced
        if produced is None:
            return False
        try:
            written = self._letters.write_files(produced, path)
        except (OSError, ReceptionError) as exc:  # ReceptionError: one of the app's own files
            self.errors.show(
                f"The letter could not be saved to {path}: {str(getattr(exc, 'strerror', None) or exc).rstrip('.')}. Nothing was marked as sent."
            )
            return False
        try:
            ids = self._letters.record_sent([produced], self._actor, "pdf", [str(path)])
        except Exception as exc:
            log.exception(
                "%s saved to %s but not recorded as sent", produced.draft.content.title, path
            )
            self._letters.discard_files(written)  # not recorded: no file that looks sent
            self.errors.show(
                f"The letter could not be recorded as sent ({exc}), so the file was not kept. "
                "Try again."
            )
            return False
        self.sent += ids
        names = " and ".join(p.name for p in written)
        self.note.setText(
            f"Saved {names} in {path.parent} and recorded as sent. " + produced.braille_note
        )
        return True

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ReceptionError):
            self.errors.show(exc)
        else:
            self.errors.show(f"Printing failed: {exc}. Nothing was marked as sent.")

    def _cancelled(self) -> None:
        self.note.setText("Printing was cancelled. The letter is not marked as sent.")


def letter_dialog_for(
    state: DeskState,
    source: LetterSource,
    template_key: str | None = None,
    parent: QWidget | None = None,
    *,
    prefill: Mapping[str, str] | None = None,
    extra_buttons: Sequence[tuple[str, Callable[[], None]]] = (),
) -> LetterDialog:
    """The letter dialog for any record (appointment, correspondence, message, contact): the
    customer's preferred format applied, signed by the person signed in. ReceptionError when
    the record is gone or no office is chosen."""
    letters = state.services.letters()
    preferred, name = letters.preferred(source)
    return LetterDialog(
        letters,
        source,
        preferred,
        state.actor,
        state.paths.data_dir / "braille",
        name,
        parent,
        template_key=template_key,
        prefill=prefill,
        extra_buttons=extra_buttons,
    )
