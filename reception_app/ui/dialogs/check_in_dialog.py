"""Check in a walk-in: who, which service, their needs; then the ticket and the honest wait."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.closing_time import closing_warning
from reception_app.domain.errors import ReceptionError
from reception_app.domain.notifications import WHERE_TO_SET_UP, Channel
from reception_app.domain.people import Contact, ContactNeeds, PreferredFormat
from reception_app.domain.visits import Visit, VisitNeeds
from reception_app.services.queue import CheckInRequest
from reception_app.ui.dialogs.message_dialog import ContactFinder, ContactLookup, guess_contact
from reception_app.ui.forms import FieldErrors
from reception_app.ui.text import slot_day, slots_for_desk, wait_range
from reception_app.ui.theme import scaled_font

if TYPE_CHECKING:
    from reception_app.domain.appointments import Appointment, FreeSlot
    from reception_app.ui.desk_state import DeskState
    from reception_app.ui.dialogs.appointment_booking_dialog import BookAppointmentDialog


class CheckInDialog(QDialog):
    """After ``exec()``, ``visit`` is the checked-in Visit (None if nobody was checked in).

    The dialog stays open after checking in so the receptionist can read the ticket and the
    wait out to the visitor; ``result_text`` and ``warning_text`` hold what is shown."""

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check in a visitor")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self._state = state
        self.visit: Visit | None = None
        self.contact: Contact | None = None

        self._build_fields(state)
        self.errors = FieldErrors()
        form, needs_box, note_form = self._build_form()
        self._build_result()
        self._build_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general)
        layout.addLayout(form)
        layout.addWidget(needs_box)
        layout.addLayout(note_form)
        self._result = QVBoxLayout()
        for widget in (self.ticket, self.wait_line, self.slots_line, self.slot_box, self.warning):
            self._result.addWidget(widget)
        layout.addLayout(self._result)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 76)

    def _build_fields(self, state: DeskState) -> None:
        """Who (typed, or a contact found), the service, their needs and a note."""
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText("Leave blank for anonymous")
        # The same finder as the message dialog: type-ahead search and "New contact...".
        self.finder = ContactFinder(ContactLookup.from_state(state), self._new_contact_details)
        self.finder.picked.connect(self.use_contact)
        self.finder.new_button.setText("N&ew contact...")  # Alt+W is Wheelchair access here
        self.find_contact = self.finder.line
        self.matches = self.finder.matches
        self.matches.itemActivated.connect(self.finder.pick)  # a double-click picks too
        self.contact_note = self.finder.note
        self.service = QComboBox()
        for service in state.services.office.profile().services:
            if service.active:
                self.service.addItem(service.name, service.key)
        self.private_room = QCheckBox("Private &room")
        self.hearing_loop = QCheckBox("&Hearing loop")
        self.wheelchair_access = QCheckBox("&Wheelchair access")
        self.large_print = QCheckBox("Lar&ge print")
        self.interpreter_language = QLineEdit()
        self.interpreter_language.setPlaceholderText("Language; empty if not needed")
        self.note = QLineEdit()
        self.note.setPlaceholderText("e.g. brought a letter about a burial plot")
        # A mobile only where the office texts: giving it is their consent for this visit.
        self.texts_on = Channel.SMS in state.services.notifications().channels()
        self.mobile = QLineEdit()
        self.mobile.setPlaceholderText("07700 900123; empty for no texts")
        self.mobile.setAccessibleName("Mobile for texts about their turn")
        self.mobile.setToolTip(
            "A text when they are nearly at the front and when they are called, "
            "so they can wait outside. Only if they agree."
        )

    def _build_form(self) -> tuple[QFormLayout, QGroupBox, QFormLayout]:
        """(who and what, the needs box, the note), each field with its error line."""
        form = QFormLayout()
        self.errors.add_row(form, "&Name:", "display_name", self.display_name)
        self.errors.add_row(form, "&Find contact:", "contact_id", self.finder)
        self.find_contact.setAccessibleName("Find contact")
        self.errors.add_row(form, "&Service:", "service", self.service)

        needs_box = QGroupBox("Needs")
        grid = QVBoxLayout(needs_box)
        row1 = QHBoxLayout()
        row1.addWidget(self.private_room)
        row1.addWidget(self.hearing_loop)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        row2.addWidget(self.wheelchair_access)
        row2.addWidget(self.large_print)
        row2.addStretch(1)
        grid.addLayout(row1)
        grid.addLayout(row2)
        interpreter_form = QFormLayout()
        self.errors.add_row(
            interpreter_form, "&Interpreter:", "interpreter_language", self.interpreter_language
        )
        grid.addLayout(interpreter_form)
        note_form = QFormLayout()
        self.errors.add_row(note_form, "N&ote:", "note", self.note)
        if self.texts_on:
            self.errors.add_row(note_form, "Mo&bile for texts:", "mobile", self.mobile)
        else:
            not_set_up = QLabel(WHERE_TO_SET_UP)
            not_set_up.setWordWrap(True)
            not_set_up.setProperty("role", "hint")
            note_form.addRow("Texts:", not_set_up)
        return form, needs_box, note_form

    def _build_result(self) -> None:
        """Hidden until checked in: the ticket, the wait, the times to offer, any warning."""
        self.ticket = QLabel()
        self.ticket.setAccessibleName("Ticket number")
        self.ticket.setFont(scaled_font(self.font(), 2.4, bold=True))
        self.ticket.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ticket.hide()
        self.wait_line = QLabel()
        self.wait_line.setAccessibleName("Ticket and wait")
        self.wait_line.setWordWrap(True)
        self.wait_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.wait_line.hide()
        self.warning = QLabel()
        self.warning.setProperty("role", "error")
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.slots_line = QLabel()
        self.slots_line.setAccessibleName("Appointment times to offer")
        self.slots_line.setWordWrap(True)
        self.slots_line.setTextFormat(Qt.TextFormat.PlainText)
        self.slots_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.slots_line.hide()
        # One click books the offered time (the booking dialog opens filled in).
        self.slot_box = QWidget()
        self.slot_buttons_layout = QHBoxLayout(self.slot_box)
        self.slot_buttons_layout.setContentsMargins(0, 0, 0, 0)
        self.slot_buttons_layout.addWidget(QLabel("Book instead:"))
        self.slot_box.hide()
        self.slot_buttons: list[QPushButton] = []
        self.booked: Appointment | None = None

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox()
        self.check_in_button = QPushButton("&Check in")
        self.check_in_button.setDefault(True)
        self.buttons.addButton(self.check_in_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.check_in_button.clicked.connect(self.check_in)
        self.close_button.clicked.connect(self._close)

    # --- finding a contact ----------------------------------------------------------------------

    def search_contacts(self) -> None:
        self.finder.search()

    def _new_contact_details(self, typed: str) -> Contact:
        """ "New contact..." starts from what is typed: the name, what was searched for (a phone
        number or postcode) and the needs already ticked."""
        contact = guess_contact(typed, self.display_name.text())
        needs = ContactNeeds(
            preferred_format=(
                PreferredFormat.LARGE_PRINT
                if self.large_print.isChecked()
                else PreferredFormat.STANDARD
            ),
            hearing_loop=self.hearing_loop.isChecked(),
            interpreter_language=self.interpreter_language.text().strip(),
            wheelchair_access=self.wheelchair_access.isChecked(),
            private_room=self.private_room.isChecked(),
        )
        return dataclasses.replace(contact, needs=needs)

    def use_contact(self, contact: Contact) -> None:
        """Link the visitor to a contact found or just added, and tick their recorded needs."""
        self.contact = contact
        self.display_name.setText(contact.full_name)
        needs = contact.needs
        self.private_room.setChecked(self.private_room.isChecked() or needs.private_room)
        self.hearing_loop.setChecked(self.hearing_loop.isChecked() or needs.hearing_loop)
        self.wheelchair_access.setChecked(
            self.wheelchair_access.isChecked() or needs.wheelchair_access
        )
        self.large_print.setChecked(
            self.large_print.isChecked() or "Large print" in " ".join(needs.labels())
        )
        if needs.interpreter_language and not self.interpreter_language.text():
            self.interpreter_language.setText(needs.interpreter_language)
        # They agreed to texts on their record: their mobile is offered (the desk may clear it).
        if self.texts_on and contact.notify_by is Channel.SMS and not self.mobile.text():
            self.mobile.setText(contact.phone)
        self.finder.say(f"Linked to contact {contact.full_name}.")
        self.service.setFocus()

    # --- checking in ------------------------------------------------------------------------------

    def check_in(self) -> None:
        if self.visit is not None:
            return
        service_key = self.service.currentData()
        if service_key is None:
            self.errors.show("No service is offered at the desk; add one in Settings.", "service")
            return
        name = self.display_name.text().strip()
        contact_id = (
            self.contact.id if self.contact is not None and name == self.contact.full_name else None
        )

        def run() -> None:
            needs = VisitNeeds(
                private_room=self.private_room.isChecked(),
                interpreter_language=self.interpreter_language.text(),
                hearing_loop=self.hearing_loop.isChecked(),
                wheelchair_access=self.wheelchair_access.isChecked(),
                large_print=self.large_print.isChecked(),
            )
            request = CheckInRequest(
                str(service_key),
                name,
                contact_id,
                needs,
                self.note.text(),
                mobile=self.mobile.text() if self.texts_on else "",
            )
            self.visit = self._state.services.queue().check_in(self._state.actor, request)

        if self.errors.attempt(run) and self.visit is not None:
            self._show_ticket(self.visit)

    def _show_ticket(self, visit: Visit) -> None:
        wait = wait_range(visit.announced_wait_minutes, "minutes")
        told = "they will be called now" if wait == "now" else f"the wait is {wait}"
        self.ticket.setText(visit.ticket)
        self.ticket.show()
        texts = (
            " We will text them when they are nearly at the front." if self.mobile.text() else ""
        )
        self.wait_line.setText(
            f"Ticket {visit.ticket}: {visit.display_name} for {visit.service_name}; {told}.{texts}"
        )
        self.wait_line.setTextFormat(Qt.TextFormat.PlainText)
        self.wait_line.show()
        self.warning.setText(self._closing_warning(visit))
        self.warning.setVisible(bool(self.warning.text()))
        self.slots_line.setText(self._slots_text(visit))
        self.slots_line.setVisible(bool(self.slots_line.text()))
        self._fill_slot_buttons(visit)
        # Closed, or a wait past closing: the desk reads the warning and the times first.
        order = (
            (self.warning, self.slots_line, self.slot_box, self.ticket, self.wait_line)
            if self.warning.text()
            else (self.ticket, self.wait_line, self.slots_line, self.slot_box, self.warning)
        )
        for label in order:
            self._result.removeWidget(label)
        for label in order:
            self._result.addWidget(label)
        for widget in (
            self.display_name,
            self.finder,
            self.service,
            self.private_room,
            self.hearing_loop,
            self.wheelchair_access,
            self.large_print,
            self.interpreter_language,
            self.note,
            self.mobile,
        ):
            widget.setEnabled(False)
        self.check_in_button.hide()
        # The same button, renamed: swapping in a new one lost it to the garbage collector
        # when the check-in came from Enter (the old wrapper went, taking the new button along).
        self.close_button.setText("Close")
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def _slots_text(self, visit: Visit) -> str:
        try:
            self._slots = self._state.services.queue().alternative_slots(visit.service_key)
        except ReceptionError:
            self._slots = []
            return ""
        return slots_for_desk(self._slots)

    def _fill_slot_buttons(self, visit: Visit) -> None:
        for button in self.slot_buttons:
            self.slot_buttons_layout.removeWidget(button)
            button.deleteLater()
        self.slot_buttons = []
        stretch = self.slot_buttons_layout.itemAt(self.slot_buttons_layout.count() - 1)
        if stretch is not None and stretch.spacerItem() is not None:
            self.slot_buttons_layout.removeItem(stretch)
        for number, slot in enumerate(getattr(self, "_slots", []), start=1):
            local = slot.start
            button = QPushButton(f"&{number}  {slot_day(local)} {local:%H:%M}")
            button.setToolTip(f"Book {visit.service_name} with {slot.officer} at this time")
            button.clicked.connect(lambda _checked=False, s=slot: self.book_slot(s))
            self.slot_buttons_layout.addWidget(button)
            self.slot_buttons.append(button)
        self.slot_buttons_layout.addStretch(1)
        self.slot_box.setVisible(bool(self.slot_buttons))

    def booking_dialog(self, slot: FreeSlot) -> BookAppointmentDialog:
        from reception_app.ui.dialogs.appointment_booking_dialog import BookAppointmentDialog

        assert self.visit is not None
        contact = self.contact
        return BookAppointmentDialog(
            self._state,
            self,
            service_key=self.visit.service_key,
            slot=slot,
            contact_id=contact.id if contact is not None else None,
            name="" if contact is not None else self.display_name.text().strip(),
        )

    def book_slot(self, slot: FreeSlot) -> None:
        """Book the offered time instead of waiting: the ticket is withdrawn once it is booked."""
        if self.visit is None:
            return
        dialog = self.booking_dialog(slot)
        dialog.exec()
        if dialog.appointment is None:
            return
        self.booked = dialog.appointment
        local = self.booked.start.astimezone(slot.start.tzinfo)
        note = f"Booked {slot_day(local)} at {local:%H:%M} with {self.booked.officer_name}."
        try:
            self._state.services.queue().withdraw(
                self._state.actor, self.visit.ticket, "booked an appointment instead"
            )
            note += f" Ticket {self.visit.ticket} withdrawn from the queue."
        except ReceptionError as exc:
            note += f" The ticket stays in the queue: {exc}"
        self.slots_line.setText(note)
        self.slot_box.hide()

    def _closing_warning(self, visit: Visit) -> str:
        """'' normally; what to tell the visitor when the office is closed or the wait runs on
        past closing time, so an appointment can be offered first."""
        try:
            status = self._state.services.office.status()
        except ReceptionError:
            return ""
        return closing_warning(
            status,
            wait_minutes=visit.announced_wait_minutes,
            callable_today=visit.callable_today,
            service_name=visit.service_name,
        )

    @property
    def result_text(self) -> str:
        return self.wait_line.text() if not self.wait_line.isHidden() else ""

    @property
    def slots_text(self) -> str:
        return self.slots_line.text() if not self.slots_line.isHidden() else ""

    @property
    def warning_text(self) -> str:
        return self.warning.text() if not self.warning.isHidden() else ""

    def _close(self) -> None:
        if self.visit is not None:
            self.accept()
        else:
            self.reject()
