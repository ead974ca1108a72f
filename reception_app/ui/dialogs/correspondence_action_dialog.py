"""The dialog for one step on a logged item or a walk-in follow-up.

The steps: holding response, pause or resume the clock, extension, response, close, pass to
another officer, or a walk-in follow-up done.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QLabel, QWidget

from reception_app.domain.correspondence import PAUSE_REASONS_BY_CHANNEL, PauseReason
from reception_app.domain.extensions import EXTENSION_HINTS
from reception_app.domain.people import StaffMember
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.widgets.date_fields import date_edit, date_of
from reception_app.ui.widgets.field_errors import FieldErrors
from reception_app.ui.widgets.form_parts import form_column, growing_form, save_cancel
from reception_app.ui.widgets.staff_combo import staff_combo
from reception_app.ui.widgets.text_box import TextBox

HOLDING, PAUSE, RESUME, EXTEND, RESPOND, CLOSE, REASSIGN, FOLLOW_UP = (
    "holding",
    "pause",
    "resume",
    "extend",
    "respond",
    "close",
    "reassign",
    "follow_up",
)
TITLES = {
    HOLDING: "Holding response sent",
    PAUSE: "Pause the clock",
    RESUME: "Resume the clock",
    EXTEND: "Extend the deadline",
    RESPOND: "Response sent",
    CLOSE: "Close",
    REASSIGN: "Pass to another officer",
    FOLLOW_UP: "Follow-up done",
}
NOTE_LABELS = {RESPOND: "&How it was answered:", CLOSE: "&Note:", FOLLOW_UP: "&What was done:"}
"""The label of the note for the steps that take only a note."""


class CorrespondenceActionDialog(QDialog):
    """``save`` receives the dialog and makes the service call; a refusal is shown next to its
    field and the dialog stays open with everything typed."""

    def __init__(
        self,
        mode: str,
        about: str,
        today: date,
        save: Callable[[CorrespondenceActionDialog], object],
        *,
        channel: str = "",
        staff: Sequence[StaffMember] = (),
        owner_id: int | None = None,
        asked_on: date | None = None,
        preview: Callable[[CorrespondenceActionDialog], str] | None = None,
        limit_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        fit_when_shown(self)
        self.mode = mode
        self._save = save
        self._preview = preview
        self._limit_text = limit_text
        self.result_value: object = None
        self.setWindowTitle(TITLES[mode])
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.errors = FieldErrors()
        form = growing_form()
        heading = QLabel(about)
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(heading)

        self._build_fields(today, channel, staff, owner_id, asked_on)
        self._add_rows(form, channel, asked_on)
        for box, name in ((self.reason, "Reason"), (self.note, "Note")):
            if not box.accessibleName():
                box.setAccessibleName(name)

        buttons, self.save_button = save_cancel(self, "&Save", self.save)
        form_column(self, self.errors, form, buttons)
        wide = 76 if mode in (HOLDING, EXTEND) else 64  # the limit and its question
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * wide)
        self._watch_preview()

    def _watch_preview(self) -> None:
        """The new deadline, shown before saving and again after every change of a field."""
        if self._preview is None:
            return
        for edit in (self.asked_on, self.answered_on):
            edit.dateChanged.connect(self.update_preview)
        self.answered.toggled.connect(self.update_preview)
        self.pause_reason.currentIndexChanged.connect(self.update_preview)
        self.update_preview()

    def update_preview(self) -> None:
        if self._preview is not None:
            self.preview_label.setText(self._preview(self))

    # --- building -------------------------------------------------------------------------------

    def _build_fields(
        self,
        today: date,
        channel: str,
        staff: Sequence[StaffMember],
        owner_id: int | None,
        asked_on: date | None,
    ) -> None:
        self.reason = TextBox(3)
        self.note = TextBox(3)
        self.expected = date_edit(today, "Expected date")
        self.contact = staff_combo(staff, "Named contact")
        if owner_id is not None:
            self.contact.setCurrentIndex(max(0, self.contact.findData(owner_id)))
        self.pause_reason = QComboBox()
        for key in PAUSE_REASONS_BY_CHANNEL.get(channel, ()):
            self.pause_reason.addItem(PauseReason(key).label, key)
        self.pause_reason.setAccessibleName("Waiting for")
        self.asked_on = date_edit(today, "Asked on")
        self.answered = QCheckBox("The answer has &already arrived")
        self.answered_on = date_edit(today, "Answered on")
        self.told_on = date_edit(today, "Told on")
        self.beyond_limit = QCheckBox("Tell the customer this &later date")
        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_label.setProperty("role", "hint")
        self.preview_label.setAccessibleName("New deadline")
        if asked_on is not None:
            self.answered_on.setMinimumDate(self.answered_on.date().addDays(-3650))

    def _add_rows(self, form: QFormLayout, channel: str, asked_on: date | None) -> None:
        """The fields the step asks for (only those)."""
        add, mode = self.errors.add_row, self.mode
        if mode == HOLDING:
            add(form, "&Why it is late:", "reason", self.reason)
            add(form, "&Expected by:", "expected_on", self.expected)
            add(form, "Named &contact:", "contact", self.contact)
            if self._limit_text:
                limit = QLabel(self._limit_text)
                limit.setProperty("role", "hint")
                form.addRow(limit)
            form.addRow("", self.beyond_limit)
        elif mode == PAUSE:
            add(form, "&Waiting for:", "reason", self.pause_reason)
            add(form, "&Asked on:", "asked_on", self.asked_on)
            form.addRow("", self.answered)
            add(form, "A&nswered on:", "answered_on", self.answered_on)
            add(form, "&Note:", "note", self.note)
            self.answered_on.setEnabled(False)
            self.answered.toggled.connect(self.answered_on.setEnabled)
            form.addRow(self.preview_label)
        elif mode == RESUME:
            if asked_on is not None:
                form.addRow(QLabel(f"Asked on {asked_on:%A %d %B %Y}."))
            add(form, "A&nswered on:", "answered_on", self.answered_on)
            form.addRow(self.preview_label)
        elif mode == EXTEND:
            hint = QLabel(EXTENSION_HINTS.get(channel, ""))
            hint.setWordWrap(True)
            hint.setProperty("role", "hint")
            form.addRow(hint)
            form.addRow(self.preview_label)
            add(form, "&Reason:", "reason", self.reason)
            if channel == "sar":
                add(form, "Person &told on:", "told_on", self.told_on)
        elif mode == REASSIGN:
            add(form, "&New owner:", "owner", self.contact)
            self.contact.setAccessibleName("New owner")
        else:  # RESPOND, CLOSE, FOLLOW_UP
            add(form, NOTE_LABELS[mode], "note", self.note)

    # --- values ---------------------------------------------------------------------------------

    @property
    def reason_text(self) -> str:
        return self.reason.toPlainText()

    @property
    def note_text(self) -> str:
        return self.note.toPlainText()

    @property
    def expected_on(self) -> date:
        return date_of(self.expected)

    @property
    def contact_id(self) -> int | None:
        value = self.contact.currentData()
        return int(value) if value is not None else None

    @property
    def pause_reason_key(self) -> str:
        return str(self.pause_reason.currentData())

    @property
    def asked_on_date(self) -> date:
        return date_of(self.asked_on)

    @property
    def answered_on_date(self) -> date | None:
        if self.mode == PAUSE and not self.answered.isChecked():
            return None
        return date_of(self.answered_on)

    @property
    def told_on_date(self) -> date | None:
        return date_of(self.told_on) if self.told_on.parent() is not None else None

    @property
    def beyond_limit_ok(self) -> bool:
        return self.beyond_limit.isChecked()

    def save(self) -> None:
        def run() -> None:
            self.result_value = self._save(self)

        if self.errors.attempt(run):
            self.accept()
