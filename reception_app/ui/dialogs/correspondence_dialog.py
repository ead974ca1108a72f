"""Log a piece of correspondence, its due dates shown before it is saved.

Channel, received, from, subject, owner; the acknowledge, respond and final dates are shown as
they will be set.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from reception_app.domain.correspondence import (
    STEP_LABELS,
    CorrespondenceDraft,
    CorrespondenceItem,
    Deadlines,
)
from reception_app.domain.deadlines import DeadlineEngine
from reception_app.domain.errors import ReceptionError
from reception_app.domain.people import Contact, StaffMember
from reception_app.domain.standards import CHANNELS
from reception_app.domain.validation import check_email, check_phone
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.shortcuts import bind
from reception_app.ui.text import due_text
from reception_app.ui.widgets.contact_finder import ContactFinder
from reception_app.ui.widgets.contact_lookup import ContactLookup
from reception_app.ui.widgets.date_fields import (
    date_edit,
    date_of,
    date_time_edit,
    local_to_qt,
    qt_to_local,
)
from reception_app.ui.widgets.fit_window import fit_window
from reception_app.ui.widgets.form_parts import form_column, growing_form, save_cancel
from reception_app.ui.widgets.linked_contact import LinkedContact, fill_from_contact
from reception_app.ui.widgets.live_check import LiveCheck
from reception_app.ui.widgets.live_field_errors import LiveFieldErrors
from reception_app.ui.widgets.staff_combo import staff_combo
from reception_app.ui.widgets.text_box import TextBox

Preview = Callable[[str, datetime], Deadlines]
LogItem = Callable[[CorrespondenceDraft], CorrespondenceItem]


def deadline_lines(engine: DeadlineEngine, deadlines: Deadlines, now: datetime) -> str:
    """'Acknowledge: Fri 27 Nov 2026 at 10:30 (in 3 working days)' and so on, one per clock."""
    lines = []
    for name, due in deadlines.clocks().items():
        label = "Extended" if name == "extended" else STEP_LABELS[name]
        lines.append(f"{label}: {due_text(engine, due, now)}")
    return "\n".join(lines) or "No fixed clock: agree a target date with the customer below."


class CorrespondenceDialog(LinkedContact, QDialog):
    """``preview`` gives the due dates for a channel and received time; ``save`` logs the draft.
    After ``exec()`` succeeds, ``item`` is the logged CorrespondenceItem."""

    def __init__(
        self,
        engine: DeadlineEngine,
        now: datetime,
        staff: Sequence[StaffMember],
        owner_id: int | None,
        preview: Preview,
        save: LogItem,
        parent: QWidget | None = None,
        contacts: ContactLookup | None = None,
    ) -> None:
        super().__init__(parent)
        fit_when_shown(self)
        self.setWindowTitle("Log correspondence")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self._engine, self._now, self._zone = engine, now, now.tzinfo or engine.calendar.zone
        self._preview, self._save = preview, save
        self.item: CorrespondenceItem | None = None
        self.contact: Contact | None = None
        """The stored contact it is from (dropped if the name is typed over)."""
        self._filled: dict[QLineEdit, str] = {}

        self._build_fields(staff, owner_id, contacts or ContactLookup.near(parent))
        self.errors = LiveFieldErrors()
        self._form = self._build_form()
        self.live_checks = [
            LiveCheck(self.errors, "from_email", self.from_email, check_email),
            LiveCheck(self.errors, "from_phone", self.from_phone, check_phone),
        ]
        buttons, self.save_button = save_cancel(self, "&Log it", self.save)
        self.save_button.setToolTip("Log it (Ctrl+Enter)")
        for name in ("save_dialog", "save_dialog_keypad"):
            bind(self, name, self.save)
        form_column(self, self.errors, self._form, buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)

        self.channel.currentIndexChanged.connect(self.recalculate)
        self.received.dateTimeChanged.connect(self.recalculate)
        self.now_button.clicked.connect(
            lambda: self.received.setDateTime(local_to_qt(self._now, self._zone))
        )
        self.from_name.textEdited.connect(self._name_edited)
        self.recalculate()
        self._set_tab_order(buttons)
        self.channel.setFocus()

    # --- building -------------------------------------------------------------------------------

    def _build_fields(
        self, staff: Sequence[StaffMember], owner_id: int | None, lookup: ContactLookup | None
    ) -> None:
        self.channel = QComboBox()
        for key, name in CHANNELS.items():
            self.channel.addItem(name, key)
        self.received = date_time_edit(local_to_qt(self._now, self._zone))
        self.now_button = QPushButton("&Now")
        self.now_button.setAutoDefault(False)
        self.finder = (
            ContactFinder(lookup, self._new_contact_details) if lookup is not None else None
        )
        self.from_name = QLineEdit()
        self.from_email = QLineEdit()
        self.from_phone = QLineEdit()
        self.subject = QLineEdit()
        self.owner = staff_combo(staff, "Owner (named contact)", "Choose the officer")
        if owner_id is not None:
            self.owner.setCurrentIndex(max(0, self.owner.findData(owner_id)))
        self.target = date_edit(self._now.date(), "Target agreed with the customer")
        self.summary = TextBox(4)
        self.due = QLabel()
        self.due.setWordWrap(True)
        self.due.setAccessibleName("Due dates")
        self.due.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _build_form(self) -> QFormLayout:
        form = growing_form()
        add = self.errors.add_row
        add(form, "&Channel:", "channel", self.channel)
        received_row = QWidget()
        row = QHBoxLayout(received_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.received, 1)
        row.addWidget(self.now_button)
        add(form, "&Received:", "received_at", received_row)
        self.received.setAccessibleName("Received")
        if self.finder is not None:
            add(form, "F&ind contact:", "contact_id", self.finder)
            self.finder.setAccessibleName("Find contact")
            self.finder.picked.connect(self.use_contact)
        add(form, "&From:", "from_name", self.from_name)
        add(form, "E&mail:", "from_email", self.from_email)
        add(form, "&Phone:", "from_phone", self.from_phone)
        add(form, "&Subject:", "subject", self.subject)
        add(form, "&Owner:", "owner", self.owner)
        self.target_error = add(form, "&Agreed target:", "target_on", self.target)
        add(form, "Summar&y:", "summary", self.summary)
        form.addRow("Due:", self.due)
        return form

    def _set_tab_order(self, buttons: QWidget) -> None:
        order: list[QWidget] = [self.channel, self.received, self.now_button]
        if self.finder is not None:
            order += [self.finder.line, self.finder.new_button, self.finder.matches]
        order += [
            self.from_name,
            self.from_email,
            self.from_phone,
            self.subject,
            self.owner,
            self.target,
            self.summary,
            buttons,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # --- who it is from, as a stored contact --------------------------------------------------------

    def use_contact(self, contact: Contact) -> None:
        """Link the item to ``contact``; their email and phone fill the boxes left empty."""
        assert self.finder is not None
        self.contact = contact
        self.from_name.setText(contact.full_name)
        fill_from_contact(
            contact,
            [(self.from_email, contact.email), (self.from_phone, contact.phone)],
            self._filled,
        )
        self.errors.hide_one("contact_id")
        self.errors.hide_one("from_name")
        # A message stays next to what the person typed wrong; what came from the contact is right.
        for field, box in (("from_email", self.from_email), ("from_phone", self.from_phone)):
            if box.text().strip() and box.text().strip() == self._filled.get(box):
                self.errors.hide_one(field)
        self.finder.say(f"Linked to the contact {contact.full_name}.")
        fit_window(self, shrink=True)
        self.subject.setFocus(Qt.FocusReason.OtherFocusReason)

    def _linked_boxes(self) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
        return self.from_name, self.from_phone, self.from_email

    @property
    def channel_key(self) -> str:
        return str(self.channel.currentData())

    def received_at(self) -> datetime:
        return qt_to_local(self.received.dateTime(), self._zone)

    def recalculate(self) -> None:
        received = self.received_at()
        try:
            deadlines = self._preview(self.channel_key, received)
        except (ReceptionError, ValueError) as exc:
            self.due.setText(str(exc))
            return
        text = deadline_lines(self._engine, deadlines, self._now)
        if received > self._now:
            text = "This is in the future: it cannot be logged until it has arrived.\n" + text
        self.due.setText(text)
        no_clock = not deadlines.clocks()
        self.target.setEnabled(no_clock)
        row = self.target.parentWidget()  # the box add_row put the field and its error line in
        assert row is not None
        self._form.setRowVisible(row, no_clock)
        # The dates may take more lines than before: grow so none is cut off.
        layout = self.layout()
        if layout is not None:
            layout.activate()
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def draft(self) -> CorrespondenceDraft:
        owner = self.owner.currentData()
        deadlines_missing = not self.target.isEnabled()
        return CorrespondenceDraft(
            channel=self.channel_key,
            received_at=self.received_at(),
            from_name=self.from_name.text(),
            subject=self.subject.text(),
            owner_id=int(owner) if owner is not None else None,
            summary=self.summary.toPlainText(),
            from_email=self.from_email.text(),
            from_phone=self.from_phone.text(),
            target_on=None if deadlines_missing else date_of(self.target),
            contact_id=self.contact_id,
        )

    def save(self) -> None:
        def run() -> None:
            self.item = self._save(self.draft())

        if self.errors.attempt(run):
            self.accept()
