"""Take a message for a colleague or a team, keyboard first: type-ahead for whom, phone numbers
and email checked as they are typed, the call-back deadline shown before saving."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.errors import ValidationError
from reception_app.domain.messages import BODY_MAX, Message, MessageDraft, Urgency
from reception_app.domain.people import StaffMember
from reception_app.domain.validation import check_email, check_phone
from reception_app.ui.forms import FieldErrors
from reception_app.ui.widgets import TextBox

TakeMessage = Callable[[MessageDraft], Message]
TEAM_PREFIX = "team:"


def recipient_combo(
    staff: Sequence[StaffMember], teams: Sequence[str], name: str, exclude_id: int | None = None
) -> QComboBox:
    """An editable list of active colleagues and teams; typing any part of a name narrows it."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("", None)
    for member in staff:
        if member.active and member.id != exclude_id:
            team = f" ({member.team})" if member.team else ""
            combo.addItem(f"{member.full_name}{team}", member.id)
    for team_name in teams:
        combo.addItem(f"{team_name} team (whoever picks it up)", f"{TEAM_PREFIX}{team_name}")
    completer = combo.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setAccessibleName(name)
    line = combo.lineEdit()
    line.setPlaceholderText("Type part of a name or team")
    line.setAccessibleName(name)
    return combo


def chosen_recipient(combo: QComboBox) -> tuple[int | None, str] | None:
    """(staff id, '') or (None, team) for the text in the box; None if it matches nobody."""
    text = combo.currentText().strip()
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    if index <= 0:
        return None
    value = combo.itemData(index)
    if isinstance(value, str) and value.startswith(TEAM_PREFIX):
        return None, value[len(TEAM_PREFIX) :]
    return (int(value), "") if value is not None else None


class LiveCheck:
    """Check a field when the person leaves it (and again as they correct it), so a wrong
    phone number or email is explained next to the field before anything is saved."""

    def __init__(
        self, errors: FieldErrors, field: str, box: QLineEdit, check: Callable[[str, str], str]
    ) -> None:
        self._errors, self._field, self._box, self._check = errors, field, box, check
        box.editingFinished.connect(self.on_leave)
        box.textEdited.connect(self.on_edit)

    def on_leave(self) -> None:
        try:
            cleaned = self._check(self._box.text(), self._field)
        except ValidationError as exc:
            self._errors.show_quietly(self._field, str(exc))
            return
        self._errors.hide_one(self._field)
        if cleaned and cleaned != self._box.text():
            self._box.setText(cleaned)

    def on_edit(self) -> None:
        if not self._errors.message_for(self._field):
            return
        try:
            self._check(self._box.text(), self._field)
        except ValidationError as exc:
            self._errors.show_quietly(self._field, str(exc))
        else:
            self._errors.hide_one(self._field)


class MessageFieldErrors(FieldErrors):
    """FieldErrors that can show or hide one field's message without moving the focus."""

    def show_quietly(self, field: str, message: str) -> None:
        label = self._labels.get(field)
        if label is None:
            return
        label.setText(message)
        label.show()
        self.mark(self._inputs[field], True)

    def hide_one(self, field: str) -> None:
        label = self._labels.get(field)
        if label is None:
            return
        label.hide()
        label.clear()
        self.mark(self._inputs[field], False)


class MessageDialog(QDialog):
    """``save`` stores the draft (MessageService.take bound); after ``exec()`` succeeds,
    ``message`` is the saved Message. Ctrl+Enter saves from anywhere in the form."""

    def __init__(
        self,
        staff: Sequence[StaffMember],
        teams: Sequence[str],
        due_text: str,
        save: TakeMessage,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Take a message")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self._save = save
        self._due_text = due_text
        self.message: Message | None = None

        self.recipient = recipient_combo(staff, teams, "For")
        self.caller_name = QLineEdit()
        self.caller_phone = QLineEdit()
        self.caller_phone.setPlaceholderText("e.g. 01603 301751")
        self.caller_phone_other = QLineEdit()
        self.caller_email = QLineEdit()
        self.caller_email.setPlaceholderText("name@example.co.uk")
        self.best_time = QLineEdit()
        self.best_time.setPlaceholderText("e.g. after 2 pm, not Fridays")
        self.subject = QLineEdit()
        self.body = TextBox(5)
        self.body.setAccessibleName("Message")
        self.body_count = QLabel()
        self.body_count.setProperty("role", "hint")
        self.urgent = QCheckBox("&Urgent")
        self.confidential = QCheckBox("Con&fidential: only the recipient and managers can read it")
        self.callback = QCheckBox("The caller &expects a call back")
        self.callback.setChecked(True)
        self.due = QLabel()
        self.due.setWordWrap(True)
        self.due.setAccessibleName("Call back by")

        self.errors = MessageFieldErrors()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(form, "&For:", "recipient", self.recipient)
        self.recipient.setAccessibleName("For")
        self.errors.add_row(form, "Caller's &name:", "caller_name", self.caller_name)
        self.errors.add_row(form, "&Phone:", "caller_phone", self.caller_phone)
        self.errors.add_row(form, "&Other phone:", "caller_phone_other", self.caller_phone_other)
        self.errors.add_row(form, "E&mail:", "caller_email", self.caller_email)
        self.errors.add_row(form, "&Best time to call:", "best_time", self.best_time)
        self.errors.add_row(form, "&Subject:", "subject", self.subject)
        self.errors.add_row(form, "Mess&age:", "body", self.body)
        form.addRow("", self.body_count)
        form.addRow("", self.urgent)
        form.addRow("", self.confidential)
        self.errors.add_row(form, "", "close", self.callback)
        self.callback.setAccessibleName("The caller expects a call back")
        form.addRow("Call back by:", self.due)

        # Kept on the dialog: a checker nobody refers to would be collected and go quiet.
        self.live_checks = [
            LiveCheck(self.errors, "caller_phone", self.caller_phone, check_phone),
            LiveCheck(self.errors, "caller_phone_other", self.caller_phone_other, check_phone),
            LiveCheck(self.errors, "caller_email", self.caller_email, check_email),
        ]

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save message")
        self.save_button.setToolTip("Save (Ctrl+Enter)")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

        self.body.textChanged.connect(self._count)
        self.callback.toggled.connect(self._show_due)
        self._count()
        self._show_due()
        self.recipient.setFocus()

    def _count(self) -> None:
        n = len(self.body.toPlainText())
        self.body_count.setText(f"{n} of {BODY_MAX} characters")
        self.body_count.setProperty("role", "error" if n > BODY_MAX else "hint")
        self.body_count.style().polish(self.body_count)

    def _show_due(self) -> None:
        self.due.setText(self._due_text if self.callback.isChecked() else "No call-back wanted")

    def draft(self) -> MessageDraft:
        """What is typed, as a draft; ValidationError if 'For' matches nobody."""
        chosen = chosen_recipient(self.recipient)
        if chosen is None:
            text = self.recipient.currentText().strip()
            raise ValidationError(
                f"Nobody called '{text}' works here: choose a colleague or a team from the list."
                if text
                else "Choose who the message is for: a colleague or a team.",
                "recipient",
            )
        recipient_id, team = chosen
        return MessageDraft(
            caller_name=self.caller_name.text(),
            subject=self.subject.text(),
            body=self.body.toPlainText(),
            recipient_id=recipient_id,
            recipient_team=team,
            caller_phone=self.caller_phone.text(),
            caller_phone_other=self.caller_phone_other.text(),
            caller_email=self.caller_email.text(),
            best_time=self.best_time.text(),
            urgency=Urgency.URGENT if self.urgent.isChecked() else Urgency.NORMAL,
            confidential=self.confidential.isChecked(),
            callback_expected=self.callback.isChecked(),
        )

    def save(self) -> None:
        def run() -> None:
            self.message = self._save(self.draft())

        if self.errors.attempt(run):
            self.accept()
