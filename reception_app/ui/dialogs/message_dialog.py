"""Take a message for a colleague or a team, keyboard first.

Type-ahead for whom, phone numbers and email checked as they are typed, the call-back deadline
shown before saving.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from reception_app.domain.errors import ValidationError
from reception_app.domain.messages import BODY_MAX, Message, MessageDraft, Urgency
from reception_app.domain.people import Contact, StaffMember
from reception_app.domain.validation import check_email, check_phone
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.shortcuts import bind
from reception_app.ui.widgets.contact_finder import ContactFinder
from reception_app.ui.widgets.contact_lookup import ContactLookup
from reception_app.ui.widgets.fit_window import fit_window
from reception_app.ui.widgets.form_parts import form_column, growing_form, save_cancel
from reception_app.ui.widgets.linked_contact import (
    LinkedContact,
    fill_from_contact,
    guess_contact,
    phone_digits,
)
from reception_app.ui.widgets.live_check import LiveCheck
from reception_app.ui.widgets.live_field_errors import LiveFieldErrors
from reception_app.ui.widgets.recipient_combo import chosen_recipient, recipient_combo
from reception_app.ui.widgets.text_box import TextBox

# Imported from here before they moved to ui/widgets/ (the check-in dialog still does).
__all__ = ["ContactFinder", "ContactLookup", "MessageDialog", "TakeMessage", "guess_contact"]

TakeMessage = Callable[[MessageDraft], Message]


class MessageDialog(LinkedContact, QDialog):
    """``save`` stores the draft (MessageService.take bound); after ``exec()`` succeeds,
    ``message`` is the saved Message. Ctrl+Enter saves from anywhere in the form."""

    link_noun = "the message"

    def __init__(
        self,
        staff: Sequence[StaffMember],
        teams: Sequence[str],
        due_text: str,
        save: TakeMessage,
        parent: QWidget | None = None,
        contacts: ContactLookup | None = None,
        texts_on: bool = False,
    ) -> None:
        """``texts_on``: the office texts, so the caller can be sent a confirmation."""
        super().__init__(parent)
        fit_when_shown(self)
        self.setWindowTitle("Take a message")
        self._texts_on = texts_on
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self._save = save
        self._due_text = due_text
        self.message: Message | None = None
        self.contact: Contact | None = None
        """The stored contact the caller was linked to (dropped if the name is typed over)."""
        self._filled: dict[QLineEdit, str] = {}

        self.recipient = recipient_combo(staff, teams, "For")
        lookup = contacts or ContactLookup.near(parent)
        self.finder = (
            ContactFinder(lookup, self._new_contact_details) if lookup is not None else None
        )
        self._build_fields()
        self.errors = LiveFieldErrors()
        form = self._build_form()
        # Kept on the dialog: a checker nobody refers to would be collected and go quiet.
        self.live_checks = [
            LiveCheck(self.errors, "caller_phone", self.caller_phone, check_phone),
            LiveCheck(self.errors, "caller_phone_other", self.caller_phone_other, check_phone),
            LiveCheck(self.errors, "caller_email", self.caller_email, check_email),
        ]
        self.buttons, self.save_button = save_cancel(self, "&Save message", self.save)
        self.save_button.setToolTip("Save (Ctrl+Enter)")
        for name in ("save_dialog", "save_dialog_keypad"):
            bind(self, name, self.save)
        form_column(self, self.errors, form, self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

        self.body.textChanged.connect(self._count)
        self.callback.toggled.connect(self._show_due)
        self.caller_name.textEdited.connect(self._name_edited)
        self._count()
        self._show_due()
        self._set_tab_order()
        self.recipient.setFocus()

    # --- building -------------------------------------------------------------------------------

    def _build_fields(self) -> None:
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
        self.confidential = QCheckBox("Confi&dential: only the recipient and managers can read it")
        self.callback = QCheckBox("The caller &expects a call back")
        self.callback.setChecked(True)
        self.text_confirmation = QCheckBox(
            "Te&xt them a confirmation of when they will be called back (they agreed; "
            "the phone above must be a mobile)"
        )
        self.due = QLabel()
        self.due.setWordWrap(True)
        self.due.setAccessibleName("Call back by")

    def _build_form(self) -> QFormLayout:
        form = growing_form()
        add = self.errors.add_row
        add(form, "&For:", "recipient", self.recipient)
        self.recipient.setAccessibleName("For")
        if self.finder is not None:
            add(form, "F&ind contact:", "contact_id", self.finder)
            self.finder.setAccessibleName("Find contact")
            self.finder.picked.connect(self.use_contact)
        add(form, "Caller's &name:", "caller_name", self.caller_name)
        add(form, "&Phone:", "caller_phone", self.caller_phone)
        add(form, "&Other phone:", "caller_phone_other", self.caller_phone_other)
        add(form, "E&mail:", "caller_email", self.caller_email)
        add(form, "&Best time to call:", "best_time", self.best_time)
        add(form, "Subjec&t:", "subject", self.subject)
        add(form, "Mess&age:", "body", self.body)
        form.addRow("", self.body_count)
        form.addRow("", self.urgent)
        form.addRow("", self.confidential)
        add(form, "", "close", self.callback)
        self.callback.setAccessibleName("The caller expects a call back")
        form.addRow("Call back by:", self.due)
        if self._texts_on:
            add(form, "", "text_confirmation", self.text_confirmation)
        return form

    def _set_tab_order(self) -> None:
        order: list[QWidget] = [self.recipient]
        if self.finder is not None:
            order += [self.finder.line, self.finder.new_button, self.finder.matches]
        order += [
            self.caller_name,
            self.caller_phone,
            self.caller_phone_other,
            self.caller_email,
            self.best_time,
            self.subject,
            self.body,
            self.urgent,
            self.confidential,
            self.callback,
            *([self.text_confirmation] if self._texts_on else []),
            self.buttons,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # --- the caller as a stored contact -------------------------------------------------------------

    def use_contact(self, contact: Contact) -> None:
        """Link the message to ``contact`` and fill in their details where nothing was typed;
        a different number typed before keeps its place and theirs goes to "Other phone"."""
        assert self.finder is not None
        self.contact = contact
        self.caller_name.setText(contact.full_name)
        typed = self.caller_phone.text().strip()
        kept_phone = bool(
            contact.phone
            and typed
            and typed != self._filled.get(self.caller_phone)
            and phone_digits(typed) != phone_digits(contact.phone)
        )
        phone_box = self.caller_phone_other if kept_phone else self.caller_phone
        fill_from_contact(
            contact,
            [(phone_box, contact.phone), (self.caller_email, contact.email)],
            self._filled,
        )
        self.errors.hide_one("contact_id")
        self.errors.hide_one("caller_name")
        # A message stays next to what the person typed wrong; what came from the contact is right.
        for field, box in (
            ("caller_phone", self.caller_phone),
            ("caller_phone_other", self.caller_phone_other),
            ("caller_email", self.caller_email),
        ):
            if box.text().strip() and box.text().strip() == self._filled.get(box):
                self.errors.hide_one(field)
        note = f"Linked to the contact {contact.full_name}."
        if kept_phone and self.caller_phone_other.text().strip() != contact.phone:
            note += f" Their stored number is {contact.phone}."
        elif kept_phone:
            note += " Their stored number is in Other phone."
        self.finder.say(note)
        fit_window(self, shrink=True)
        after = self.caller_phone if not self.caller_phone.text().strip() else self.best_time
        after.setFocus(Qt.FocusReason.OtherFocusReason)

    def _linked_boxes(self) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
        return self.caller_name, self.caller_phone, self.caller_email

    def _count(self) -> None:
        n = len(self.body.toPlainText())
        self.body_count.setText(f"{n} of {BODY_MAX} characters")
        self.body_count.setProperty("role", "error" if n > BODY_MAX else "hint")
        self.body_count.style().polish(self.body_count)

    def _show_due(self) -> None:
        self.due.setText(self._due_text if self.callback.isChecked() else "No call-back wanted")
        self.text_confirmation.setEnabled(self.callback.isChecked())
        if not self.callback.isChecked():
            self.text_confirmation.setChecked(False)

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
            contact_id=self.contact_id,
            text_confirmation=self._texts_on and self.text_confirmation.isChecked(),
        )

    def save(self) -> None:
        def run() -> None:
            self.message = self._save(self.draft())

        if self.errors.attempt(run):
            self.accept()
