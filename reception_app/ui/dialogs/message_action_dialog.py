"""Act on a message: record a call-back attempt, pass it to a colleague, or close it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QLabel, QWidget

from reception_app.domain.errors import ValidationError
from reception_app.domain.messages import CallbackOutcome, Message
from reception_app.domain.people import StaffMember
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.widgets.field_errors import FieldErrors
from reception_app.ui.widgets.form_parts import form_column, growing_form, save_cancel
from reception_app.ui.widgets.recipient_combo import chosen_recipient, recipient_combo
from reception_app.ui.widgets.text_box import TextBox

CALLBACK, REASSIGN, CLOSE = "callback", "reassign", "close"
TITLES = {
    CALLBACK: "Record a call-back",
    REASSIGN: "Pass the message on",
    CLOSE: "Close the message",
}
SAVE_TEXTS = {CALLBACK: "&Record", REASSIGN: "&Pass on", CLOSE: "&Close message"}


class MessageActionDialog(QDialog):
    """``mode`` is CALLBACK, REASSIGN or CLOSE; ``save`` receives the dialog and does the work
    (a service call) returning the updated Message, which is kept in ``message``."""

    def __init__(
        self,
        mode: str,
        message: Message,
        save: Callable[[MessageActionDialog], Message],
        staff: Sequence[StaffMember] = (),
        teams: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        fit_when_shown(self)
        self.mode = mode
        self._save = save
        self.message: Message | None = None
        self.setWindowTitle(TITLES[mode])
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.errors = FieldErrors()
        form = growing_form()
        about = QLabel(
            f"Message #{message.id} for {message.for_whom} from {message.caller_name}"
            + (f", {message.caller_phone}" if message.caller_phone else "")
        )
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(about)

        self.outcome = QComboBox()
        for outcome in CallbackOutcome:
            self.outcome.addItem(outcome.label, outcome.value)
        self.close_too = QCheckBox("&Close the message (the caller has been answered)")
        self.recipient = recipient_combo(staff, teams, "Pass to", exclude_id=message.recipient_id)
        self.note = TextBox(3)
        self._add_rows(form)

        buttons, self.save_button = save_cancel(self, SAVE_TEXTS[mode], self.save)
        form_column(self, self.errors, form, buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def _add_rows(self, form: QFormLayout) -> None:
        """The step's own fields, then the note every step takes."""
        if self.mode == CALLBACK:
            self.errors.add_row(form, "&Outcome:", "outcome", self.outcome)
            self.errors.add_row(form, "", "close", self.close_too)
            self.close_too.setAccessibleName("Close the message")
            self.outcome.currentIndexChanged.connect(self._outcome_changed)
            self._outcome_changed()
        elif self.mode == REASSIGN:
            self.errors.add_row(form, "Pass &to:", "recipient", self.recipient)
            self.recipient.setAccessibleName("Pass to")
        self.errors.add_row(form, "&Note:", "note", self.note)
        self.note.setAccessibleName("Note")

    def _outcome_changed(self) -> None:
        reached = CallbackOutcome(self.outcome.currentData()).reaches_caller
        self.close_too.setEnabled(reached)
        self.close_too.setChecked(reached)

    @property
    def outcome_value(self) -> CallbackOutcome:
        return CallbackOutcome(self.outcome.currentData())

    @property
    def note_text(self) -> str:
        return self.note.toPlainText()

    @property
    def close_message(self) -> bool:
        return self.close_too.isEnabled() and self.close_too.isChecked()

    def recipient_value(self) -> tuple[int | None, str]:
        chosen = chosen_recipient(self.recipient)
        if chosen is None:
            raise ValidationError("Choose the colleague or team to pass it to.", "recipient")
        return chosen

    def save(self) -> None:
        def run() -> None:
            self.message = self._save(self)

        if self.errors.attempt(run):
            self.accept()
