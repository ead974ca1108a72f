"""Take a message for a colleague or a team, keyboard first: type-ahead for whom, phone numbers
and email checked as they are typed, the call-back deadline shown before saving."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.domain.messages import BODY_MAX, Message, MessageDraft, Urgency
from reception_app.domain.people import Contact, StaffMember
from reception_app.domain.validation import check_email, check_phone, check_postcode
from reception_app.ui.forms import FieldErrors
from reception_app.ui.widgets import TextBox

if TYPE_CHECKING:
    from reception_app.ui.desk_state import DeskState

TakeMessage = Callable[[MessageDraft], Message]
TEAM_PREFIX = "team:"
CONTACT_SEARCH_DELAY_MS = 250
CONTACT_SEARCH_LIMIT = 8
"""Enough to pick from while typing; more means the receptionist should type more."""


@dataclass(frozen=True)
class ContactLookup:
    """The office's contacts as the dialogs need them: ``search(text, limit)`` by name, phone
    or postcode, and ``save(contact)`` for "New contact..." (ContactService bound to the actor)."""

    search: Callable[[str, int], list[Contact]]
    save: Callable[[Contact], Contact]

    @classmethod
    def from_state(cls, state: DeskState) -> ContactLookup:
        return cls(
            search=lambda text, limit: state.services.contacts().search(text, limit=limit),
            save=lambda contact: state.services.contacts().save(contact, state.actor),
        )

    @classmethod
    def near(cls, widget: QWidget | None) -> ContactLookup | None:
        """Through the DeskState of ``widget`` or a parent (the pages keep theirs as ``state``);
        None when there is none, and the dialog then has no contact finder."""
        from reception_app.ui.desk_state import DeskState

        while widget is not None:
            state = getattr(widget, "state", None)
            if isinstance(state, DeskState):
                return cls.from_state(state)
            widget = widget.parentWidget()
        return None


class ContactFinder(QWidget):
    """Find a stored contact as you type (name, phone or postcode) and pick one: Enter picks the
    first match, Down goes into the list, Escape closes it. "New contact..." adds one, filled in
    from ``prefill()``. ``picked`` carries the Contact chosen or added.

    Enter in the box never saves the dialog: the person is choosing a contact, not finished."""

    picked = Signal(object)

    def __init__(
        self,
        lookup: ContactLookup,
        prefill: Callable[[str], Contact],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lookup, self._prefill = lookup, prefill
        self.line = QLineEdit()
        self.line.setPlaceholderText("Name, phone or postcode (optional)")
        self.line.setClearButtonEnabled(True)
        self.line.setAccessibleName("Find contact")
        self.new_button = QPushButton("Ne&w contact...")
        self.new_button.setAutoDefault(False)
        self.new_button.setToolTip("Add the caller to the contacts, filled in from what is typed")
        self.matches = QListWidget()
        self.matches.setAccessibleName("Contacts found")
        self.matches.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.matches.hide()
        self.note = QLabel()
        self.note.setProperty("role", "hint")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.new_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.matches)
        column.addWidget(self.note)
        self.setFocusProxy(self.line)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CONTACT_SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.line.textEdited.connect(lambda _text: self._timer.start())
        self.line.installEventFilter(self)
        self.matches.installEventFilter(self)
        self.matches.itemClicked.connect(self.pick)
        self.new_button.clicked.connect(self.new_contact)

    # --- keys -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        plain = not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain
        if watched is self.line:
            if enter:
                self.pick_first()
                return True
            if key == Qt.Key.Key_Down and self._list_ready():
                self.matches.setFocus(Qt.FocusReason.OtherFocusReason)
                self.matches.setCurrentRow(0)
                return True
            if key == Qt.Key.Key_Escape and not self.matches.isHidden():
                self._close_list()
                return True
        elif watched is self.matches:
            if enter:
                item = self.matches.currentItem()
                if item is not None:
                    self.pick(item)
                return True
            if key == Qt.Key.Key_Escape:
                self._close_list()
                self.line.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False

    def _list_ready(self) -> bool:
        if self._timer.isActive():
            self.search()
        return self.matches.count() > 0 and not self.matches.isHidden()

    # --- searching and picking ------------------------------------------------------------------

    def search(self) -> None:
        self._timer.stop()
        text = self.line.text().strip()
        self.matches.clear()
        if not text:
            self.matches.hide()
            return
        try:
            found = self._lookup.search(text, CONTACT_SEARCH_LIMIT)
        except ReceptionError as exc:
            self.say(f"The contacts could not be searched: {exc}", error=True)
            return
        for contact in found:
            parts = [contact.full_name, contact.phone, contact.postcode]
            item = QListWidgetItem(" · ".join(p for p in parts if p))
            item.setData(Qt.ItemDataRole.UserRole, contact)
            self.matches.addItem(item)
        self.matches.setVisible(bool(found))
        if found:
            self.note.hide()
        else:
            self.say(f"No contact matches '{text}'. Carry on without one, or add a new contact.")
        fit_window(self)

    def pick_first(self) -> None:
        if self._timer.isActive() or (self.line.text().strip() and not self.matches.count()):
            self.search()
        if self.matches.count():
            self.pick(self.matches.item(0))

    def pick(self, item: QListWidgetItem) -> None:
        contact = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(contact, Contact):
            self._close_list()
            self.picked.emit(contact)

    def _close_list(self) -> None:
        if not self.matches.isHidden():
            self.matches.hide()
            fit_window(self, shrink=True)

    def new_contact(self) -> None:
        from reception_app.ui.dialogs.contact_dialog import ContactDialog

        dialog = ContactDialog(self._lookup.save, self._prefill(self.line.text()), parent=self)
        dialog.setWindowTitle("Add a contact")
        saved = dialog.contact if dialog.exec() else None
        dialog.deleteLater()
        if saved is not None:
            self._close_list()
            self.picked.emit(saved)

    def say(self, text: str, error: bool = False) -> None:
        self.note.setText(text)
        self.note.setProperty("role", "error" if error else "hint")
        self.note.style().unpolish(self.note)
        self.note.style().polish(self.note)
        self.note.show()
        fit_window(self)


def fit_window(widget: QWidget, shrink: bool = False) -> None:
    """Let the dialog grow so a list or a note that just appeared is not squeezed or cut off;
    ``shrink`` gives back the room of a list that was closed."""
    window = widget.window()
    layout = window.layout()
    if isinstance(window, QDialog) and layout is not None:
        layout.activate()
        needed = window.sizeHint().height()
        window.resize(window.width(), needed if shrink else max(window.height(), needed))


def fill_from_contact(
    contact: Contact, boxes: Sequence[tuple[QLineEdit, str]], filled: dict[QLineEdit, str]
) -> None:
    """Put the contact's details into the boxes that are empty (or still hold what an earlier
    pick put there); anything the person typed themselves is kept. ``filled`` remembers what
    was put where."""
    for box, value in boxes:
        current = box.text().strip()
        if value and (not current or current == filled.get(box)):
            box.setText(value)
            filled[box] = value


def guess_contact(typed: str, name: str = "", phone: str = "", email: str = "") -> Contact:
    """A new contact filled in from the form and from what was typed in "Find contact": a phone
    number there goes to the phone (before the form's), a postcode to the postcode, words to the
    name when the form has none."""
    text = typed.strip()
    postcode = ""
    if text:
        digits = sum(ch.isdigit() for ch in text)
        try:
            as_postcode = check_postcode(text)
        except ValidationError:
            as_postcode = ""
        if as_postcode:
            postcode = as_postcode
        elif digits >= 6:
            phone = text  # just typed to find them: more likely theirs than the form's
        elif not digits and not name.strip():
            name = text
    return Contact(None, name.strip(), phone=phone.strip(), email=email.strip(), postcode=postcode)


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
    # An editable combo box always has a completer and a line edit (Qt makes them).
    completer = combo.completer()
    assert completer is not None
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setAccessibleName(name)
    line = combo.lineEdit()
    assert line is not None
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


def _digits(text: str) -> str:
    digits = "".join(ch for ch in text if ch.isdigit())
    return "0" + digits[2:] if text.strip().startswith("+44") else digits


class LiveCheck:
    """Check a field when the person leaves it (and again as they correct it), so a wrong
    phone number or email is explained next to the field before anything is saved."""

    def __init__(
        self,
        errors: MessageFieldErrors,
        field: str,
        box: QLineEdit,
        check: Callable[[str, str], str],
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

    @staticmethod
    def mark(widget: QWidget, invalid: bool) -> None:
        """As FieldErrors.mark, and the layout is told: the thicker "wrong" outline of the
        high-contrast style needs a taller box, or the text in it is clipped."""
        FieldErrors.mark(widget, invalid)
        widget.updateGeometry()

    def show_quietly(self, field: str, message: str) -> None:
        label = self._labels.get(field)
        if label is None:
            return
        label.setText(message)
        label.show()
        self.mark(self._inputs[field], True)
        fit_window(label)

    def hide_one(self, field: str) -> None:
        label = self._labels.get(field)
        if label is None:
            return
        label.hide()
        label.clear()
        self.mark(self._inputs[field], False)


class LinkedContact:
    """A form's link to the contact picked in its ContactFinder: kept while the name box still
    shows the contact's name, dropped (and said) when the name is typed over."""

    contact: Contact | None
    finder: ContactFinder | None
    link_noun = "it"
    """What the link is for, in "Find them again to link ...": 'the message', 'it'."""

    def _linked_boxes(self) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
        """The form's (name, phone, email) boxes."""
        raise NotImplementedError

    def _name_edited(self, text: str) -> None:
        if self.contact is not None and self.finder is not None:
            if text.strip() != self.contact.full_name:
                self.finder.say(
                    f"No longer linked to {self.contact.full_name}: the name was changed. "
                    f"Find them again to link {self.link_noun}."
                )
                self.contact = None

    def _new_contact_details(self, typed: str) -> Contact:
        name, phone, email = self._linked_boxes()
        return guess_contact(typed, name.text(), phone.text(), email.text())

    @property
    def contact_id(self) -> int | None:
        contact = self.contact
        if contact is None or self._linked_boxes()[0].text().strip() != contact.full_name:
            return None
        return contact.id


class MessageDialog(LinkedContact, QDialog):
    link_noun = "the message"

    """``save`` stores the draft (MessageService.take bound); after ``exec()`` succeeds,
    ``message`` is the saved Message. Ctrl+Enter saves from anywhere in the form."""

    def __init__(
        self,
        staff: Sequence[StaffMember],
        teams: Sequence[str],
        due_text: str,
        save: TakeMessage,
        parent: QWidget | None = None,
        contacts: ContactLookup | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Take a message")
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
        if self.finder is not None:
            self.errors.add_row(form, "F&ind contact:", "contact_id", self.finder)
            self.finder.setAccessibleName("Find contact")
            self.finder.picked.connect(self.use_contact)
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
        self.caller_name.textEdited.connect(self._name_edited)
        self._count()
        self._show_due()
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
            self.buttons,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.recipient.setFocus()

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
            and _digits(typed) != _digits(contact.phone)
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
        )

    def save(self) -> None:
        def run() -> None:
            self.message = self._save(self.draft())

        if self.errors.attempt(run):
            self.accept()
