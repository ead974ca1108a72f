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

from reception_app.domain.closing_time import NotSeenToday, WalkInVerdict
from reception_app.domain.errors import ReceptionError
from reception_app.domain.notifications import WHERE_TO_SET_UP, Channel
from reception_app.domain.people import Contact, ContactNeeds, PreferredFormat
from reception_app.domain.visits import Visit, VisitNeeds
from reception_app.services.queue import CheckInRequest
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.dialogs.message_dialog import ContactFinder, ContactLookup, guess_contact
from reception_app.ui.forms import FieldErrors
from reception_app.ui.text import opening_lead, slot_day, slots_for_desk, wait_range
from reception_app.ui.theme import scaled_font
from reception_app.ui.widgets.fit_window import fit_window, later

if TYPE_CHECKING:
    from reception_app.domain.appointments import Appointment, FreeSlot
    from reception_app.services.appointment_service import BookingRequest
    from reception_app.ui.desk_state import DeskState


class CheckInDialog(QDialog):
    """After ``exec()``, ``visit`` is the checked-in Visit (None if nobody was checked in).

    The dialog stays open after checking in so the receptionist can read the ticket and the
    wait out to the visitor; ``result_text`` and ``warning_text`` hold what is shown."""

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fit_when_shown(self)
        self.setWindowTitle("Check in a visitor")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self._state = state
        self.visit: Visit | None = None
        self.contact: Contact | None = None

        self._build_fields(state)
        self.closed_banner = self._closed_banner()
        self.errors = FieldErrors()
        form, needs_box, note_form = self._build_form()
        self._build_result()
        self._build_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(self.closed_banner)
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

    def _closed_banner(self) -> QLabel:
        """Closed: said first, with the next opening and the out-of-hours contact, before
        anything is typed (no ticket will be issued)."""
        banner = QLabel()
        banner.setProperty("role", "error")
        banner.setWordWrap(True)
        banner.setTextFormat(Qt.TextFormat.PlainText)
        banner.setAccessibleName("The office is closed")
        try:
            status = self._state.services.office.status()
        except ReceptionError:
            status = None
        if status is None or status.is_open:
            banner.hide()
            return banner
        why = f" ({status.reason_closed})" if status.reason_closed else ""
        lead = opening_lead(status.next_opening, status.out_of_hours, status.local_now)
        banner.setText(f"The office is closed{why}: offer an appointment on another day. {lead}")
        return banner

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
        self.bsl = QCheckBox("&BSL interpreter")
        self.braille = QCheckBox("Brai&lle")
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
        row1.addWidget(self.bsl)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        row2.addWidget(self.wheelchair_access)
        row2.addWidget(self.large_print)
        row2.addWidget(self.braille)
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
                else PreferredFormat.BRAILLE
                if self.braille.isChecked()
                else PreferredFormat.STANDARD
            ),
            braille=self.braille.isChecked(),
            bsl=self.bsl.isChecked(),
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
        self.bsl.setChecked(self.bsl.isChecked() or needs.bsl)
        self.braille.setChecked(self.braille.isChecked() or "Braille" in needs.labels())
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
        contact_id = self._contact_id()
        refused: list[NotSeenToday] = []

        def run() -> None:
            request = CheckInRequest(
                str(service_key),
                name,
                contact_id,
                self.needs(),
                self.note.text(),
                mobile=self.mobile.text() if self.texts_on else "",
            )
            try:
                self.visit = self._state.services.queue().check_in(self._state.actor, request)
            except NotSeenToday as not_today:  # no ticket: lead with another day instead
                refused.append(not_today)

        if not self.errors.attempt(run):
            return
        if refused:
            self._show_not_today(refused[0])
        elif self.visit is not None:
            self._show_ticket(self.visit)

    def _contact_id(self) -> int | None:
        name = self.display_name.text().strip()
        contact = self.contact
        return contact.id if contact is not None and name == contact.full_name else None

    def needs(self) -> VisitNeeds:
        """The needs as ticked now."""
        return VisitNeeds(
            private_room=self.private_room.isChecked(),
            interpreter_language=self.interpreter_language.text(),
            hearing_loop=self.hearing_loop.isChecked(),
            wheelchair_access=self.wheelchair_access.isChecked(),
            large_print=self.large_print.isChecked(),
            bsl=self.bsl.isChecked(),
            braille=self.braille.isChecked(),
        )

    def _show_not_today(self, refused: NotSeenToday) -> None:
        """They cannot be seen today: the reason, the next opening and the out-of-hours contact
        first, then appointments on another day; no ticket was issued."""
        self.warning.setText(f"{refused}\n{self._lead(refused.verdict)}")
        self.warning.show()
        service_key = str(self.service.currentData())
        self.slots_line.setText(
            self._slots_text(service_key, "Offer an appointment on another day: ")
        )
        self.slots_line.setVisible(bool(self.slots_line.text()))
        self._fill_slot_buttons(refused.service_name)
        self._put_first((self.warning, self.slots_line, self.slot_box))
        self._finish()

    def _lead(self, verdict: WalkInVerdict) -> str:
        """'Opens tomorrow at 09:30. Out of hours: ...'."""
        try:
            now = self._state.services.office.status().local_now
        except ReceptionError:
            return f"Out of hours: {verdict.out_of_hours}"
        return opening_lead(verdict.next_opening, verdict.out_of_hours, now)

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
        self.warning.hide()
        self.slots_line.setText(self._slots_text(visit.service_key))
        self.slots_line.setVisible(bool(self.slots_line.text()))
        self._fill_slot_buttons(visit.service_name)
        self._put_first((self.ticket, self.wait_line, self.slots_line, self.slot_box))
        self._finish()

    def _put_first(self, order: tuple[QWidget, ...]) -> None:
        for widget in order:
            self._result.removeWidget(widget)
        for widget in order:
            self._result.addWidget(widget)

    def _finish(self) -> None:
        """The form is done with: the fields are read-only and Close is the default."""
        for widget in (
            self.display_name,
            self.finder,
            self.service,
            self.private_room,
            self.hearing_loop,
            self.wheelchair_access,
            self.large_print,
            self.bsl,
            self.braille,
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
        fit_window(self)
        # Again once the result, just shown, is polished by the style sheet (its fonts and
        # padding grow then): the ticket number and the times were cut in half otherwise.
        later(self, lambda: fit_window(self))

    def _slots_text(self, service_key: str, lead: str = "") -> str:
        try:
            self._slots = self._state.services.queue().alternative_slots(
                service_key, private_room=self.private_room.isChecked()
            )
        except ReceptionError:
            self._slots = []
            return ""
        text = slots_for_desk(self._slots)
        if lead and text:  # 'Or come back at: ...' -> lead + the times
            return lead + text.split(": ", 1)[1]
        return text

    def _fill_slot_buttons(self, service_name: str) -> None:
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
            button.setToolTip(f"Book {service_name} with {slot.officer} at this time")
            button.clicked.connect(lambda _checked=False, s=slot: self.book_slot(s))
            self.slot_buttons_layout.addWidget(button)
            self.slot_buttons.append(button)
        self.slot_buttons_layout.addStretch(1)
        self.slot_box.setVisible(bool(self.slot_buttons))

    def book_slot(self, slot: FreeSlot) -> None:
        """Book the offered time instead of waiting, in one step: every need ticked and the
        contact go with it, and the ticket (if one was issued) is withdrawn in the same
        transaction (``QueueService.book_instead``)."""
        ticket = self.visit.ticket if self.visit is not None else None
        request = self.booking_request(slot)

        def run() -> None:
            self.booked = self._state.services.queue().book_instead(
                self._state.actor, ticket, request, self.needs()
            )

        if not self.errors.attempt(run) or self.booked is None:
            return
        local = self.booked.start.astimezone(slot.start.tzinfo)
        note = f"Booked {slot_day(local)} at {local:%H:%M} with {self.booked.officer_name}."
        if ticket is not None:
            note += f" Ticket {ticket} withdrawn from the queue."
        self.slots_line.setText(note)
        self.slots_line.show()
        self.slot_box.hide()

    def booking_request(self, slot: FreeSlot) -> BookingRequest:
        """The booking for ``slot`` with this visitor's name, contact and needs."""
        from reception_app.domain.appointments import Place
        from reception_app.services.appointment_service import BookingRequest

        needs = self.needs()
        name = self.display_name.text().strip()
        return BookingRequest(
            service_key=str(self.service.currentData()),
            start=slot.start,
            staff_id=slot.staff_id,
            contact_id=self._contact_id(),
            customer_name=name or "Walk-in visitor",
            place=Place.ROOM if needs.private_room or slot.room_id else Place.DESK,
            room_id=slot.room_id,
            interpreter_language=needs.interpreter_language.strip(),
            hearing_loop=needs.hearing_loop,
            wheelchair_access=needs.wheelchair_access,
            large_print=needs.large_print,
            notes=self.note.text().strip(),
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
