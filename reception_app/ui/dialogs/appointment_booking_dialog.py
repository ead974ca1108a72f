"""Book (or move) an appointment: who, what, with whom, where, needs, and when, with free times.

Reusable: the Today page opens it preset with a service and a chosen slot,
``BookAppointmentDialog(state, parent, service_key="burials", slot=slot, contact_id=7)``;
after ``exec()``, ``appointment`` is what was saved (None if nothing was). The two halves are
appointment_who_box.py ("Who and what") and appointment_when_box.py ("When").
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.appointments import Appointment, BookingRefused, FreeSlot, Place
from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.domain.people import Contact
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.dialogs.appointment_when_box import (
    AppointmentWhenBox,
    local_datetime,
    slot_text,
)
from reception_app.ui.dialogs.appointment_who_box import AppointmentWhoBox
from reception_app.ui.forms import FieldErrors
from reception_app.ui.widgets.fit_window import FRAME, available_area

if TYPE_CHECKING:
    from reception_app.services.appointment_service import BookingRequest
    from reception_app.ui.desk_state import DeskState

__all__ = ["BookAppointmentDialog", "local_datetime", "slot_text"]

SLOTS_SHOWN = 8

FIELD_OF = {"end": "minutes", "contact_id": "customer", "contact": "customer", "new_time": "start"}
"""Service field names shown beside another field of this form."""


class BookAppointmentDialog(QDialog):
    def __init__(
        self,
        state: DeskState,
        parent: QWidget | None = None,
        *,
        service_key: str | None = None,
        slot: FreeSlot | None = None,
        contact_id: int | None = None,
        name: str = "",
        staff_id: int | None = None,
        day: date | None = None,
        at: time | None = None,
        appointment: Appointment | None = None,
    ) -> None:
        """``appointment`` given: the dialog moves it (only time, length and officer change)."""
        super().__init__(parent)
        fit_when_shown(self)
        self._state = state
        self._moving = appointment
        self.appointment: Appointment | None = None
        self.alternatives: list[FreeSlot] = []
        self._zone: ZoneInfo = state.services.appointments().calendar().zone
        self.setWindowTitle("Move an appointment" if appointment else "Book an appointment")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

        self.errors = FieldErrors()
        self.who = AppointmentWhoBox(state, self.errors, moving=appointment is not None)
        self.when = AppointmentWhenBox(self.errors)
        self._name_fields()
        self.buttons = QDialogButtonBox()
        self.book_button = QPushButton("Mo&ve" if appointment else "&Book")
        self.book_button.setDefault(True)
        self.buttons.addButton(self.book_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.book_button.clicked.connect(self.book)
        self.buttons.rejected.connect(self.reject)

        columns = QHBoxLayout()
        columns.addWidget(self.who, 1)
        columns.addWidget(self.when, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)
        # Room for both columns, but never wider than the screen (large text on 1366 pixels).
        wanted = self.fontMetrics().averageCharWidth() * 165
        screen = available_area()
        self.setMinimumWidth(wanted if screen is None else min(wanted, screen.width() - FRAME))

        self.who.finder.picked.connect(self._picked)
        self.service.currentIndexChanged.connect(self._service_changed)
        self.place.currentIndexChanged.connect(self.who.place_changed)
        self.find_button.clicked.connect(self.find_free_times)
        self.when.slot_chosen.connect(self._slot_chosen)
        self._chain()
        self._preset(service_key, slot, contact_id, name, staff_id, day, at)

    def _name_fields(self) -> None:
        """The fields by the names callers and tests have always used."""
        who, when = self.who, self.when
        self.find_contact, self.matches = who.finder.line, who.finder.matches
        self.contact_note = who.finder.note
        self.customer, self.service, self.officer = who.customer, who.service, who.officer
        self.place, self.place_hint = who.place, who.place_hint
        self.home_address, self.room, self.people = who.home_address, who.room, who.people
        self.interpreter_language, self.notes = who.interpreter_language, who.notes
        self.hearing_loop, self.wheelchair_access = who.hearing_loop, who.wheelchair_access
        self.large_print = who.large_print
        self.day, self.at, self.minutes = when.day, when.at, when.minutes
        self.alternatives_label, self.alternatives_box = (
            when.alternatives_label,
            when.alternatives_box,
        )
        self.part_of_day, self.search_from = when.part_of_day, when.search_from
        self.find_button, self.slots, self.slots_note = (
            when.find_button,
            when.slots,
            when.slots_note,
        )

    def _preset(
        self,
        service_key: str | None,
        slot: FreeSlot | None,
        contact_id: int | None,
        name: str,
        staff_id: int | None,
        day: date | None,
        at: time | None,
    ) -> None:
        """Today, an hour on; then what the caller chose (a move: the appointment as it is)."""
        now = self._state.services.context.clock().astimezone(self._zone)
        self.when.set_day(now.date())
        # An hour on, on the quarter hour: the usual minimum notice (the service checks it).
        soon = now + timedelta(minutes=60 + (-now.minute) % 15)
        self.at.setTime(QTime(soon.hour, soon.minute))
        appointment = self._moving
        if appointment is not None:
            service_key = appointment.service_key
            staff_id = None if appointment.any_officer else appointment.staff_id
        if service_key is not None and self.service.findData(service_key) >= 0:
            self.service.setCurrentIndex(self.service.findData(service_key))
        self._service_changed()
        if staff_id is not None:
            self.who.choose_officer(staff_id)
        if appointment is not None:
            self._load(appointment)
        elif contact_id is not None:
            try:
                self.who.use_contact(self._state.services.contacts().get(contact_id))
            except ReceptionError as exc:
                self.errors.show(exc, "customer")
        if name and appointment is None:
            self.customer.setText(name)
        if day is not None:
            self.when.set_day(day)
        if at is not None:
            self.when.set_time(at)
        if slot is not None:
            self.use_slot(slot)
        self.who.place_changed()

    def _chain(self) -> None:
        order = [
            self.find_contact,
            self.matches,
            self.customer,
            self.service,
            self.officer,
            self.place,
            self.home_address,
            self.room,
            self.people,
            self.interpreter_language,
            self.hearing_loop,
            self.wheelchair_access,
            self.large_print,
            self.notes,
            self.day,
            self.at,
            self.minutes,
            self.part_of_day,
            self.search_from,
            self.find_button,
            self.slots,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _load(self, appointment: Appointment) -> None:
        start = appointment.start.astimezone(self._zone)
        self.who.load(appointment)
        self.when.set_day(start.date())
        self.when.set_time(start.time())
        self.minutes.setValue(appointment.minutes)
        self.when.minutes_touched = True

    # --- reference data -----------------------------------------------------------------------

    @property
    def contact(self) -> Contact | None:
        """The contact the customer is linked to."""
        return self.who.contact

    def service_key(self) -> str | None:
        return self.who.service_key()

    def place_value(self) -> Place:
        return self.who.place_value()

    def _service_changed(self, *_: object) -> None:
        profile = self.who.service_changed()
        if profile is None:
            return
        if not self.when.minutes_touched:
            self.when.set_minutes(profile.default_minutes, by_hand=False)
        self.who.fix_place(profile)

    def _picked(self, contact: Contact) -> None:
        self.who.use_contact(contact)
        self.service.setFocus()

    # --- times --------------------------------------------------------------------------------

    def start(self) -> datetime:
        return self.when.start(self._zone)

    def find_free_times(self) -> None:
        """Fill the list with the next free times for what is chosen."""
        self.slots.clear()
        key = self.service_key()
        if key is None:
            self.errors.show("Choose a service first.", "service")
            return
        room = self.room.currentData() if self.place_value() is Place.ROOM else None
        try:
            found = self._state.services.appointments().free_slots(
                key,
                staff_id=self.who.staff_id(),
                part_of_day=self.when.part_of_day_value(),
                first_day=self.when.search_first_day(),
                count=SLOTS_SHOWN,
                minutes=self.minutes.value(),
                place=self.place_value(),
                room_needs=self.who.room_needs(),
                room_id=int(room) if room is not None else None,
                exclude_appointment=self._moving.id if self._moving else None,
            )
        except ReceptionError as exc:
            self.errors.show(exc)
            return
        self.when.show_slots(found, self._zone)

    def slot_texts(self) -> list[str]:
        return self.when.slot_texts()

    def _slot_chosen(self, slot: FreeSlot) -> None:
        self.use_slot(slot)
        self.book_button.setFocus()

    def use_slot(self, slot: FreeSlot) -> None:
        """Fill in the date and time (and the room, if one was named) from a free slot."""
        self.when.use_slot(slot, self._zone)
        self.errors.clear()

    # --- booking ------------------------------------------------------------------------------

    def book(self) -> None:
        self.when.clear_alternatives()
        self.errors.clear()
        key = self.service_key()
        if key is None:
            self.errors.show("No service takes appointments; add one in Settings.", "service")
            return
        try:
            if self._moving is not None:
                self.appointment = self._state.services.appointments().reschedule(
                    self._state.actor,
                    self._moving.id,
                    self.start(),
                    minutes=self.minutes.value(),
                    staff_id=self.who.staff_id(),
                )
            else:
                self.appointment = self._state.services.appointments().book(
                    self._state.actor, self._request(key)
                )
        except BookingRefused as refused:
            self._refused(refused)
            return
        except ValidationError as error:
            self._show_error(error, FIELD_OF.get(error.field or "", error.field))
            return
        except ReceptionError as error:
            self.errors.show(error)
            return
        self.accept()

    def _show_error(self, error: ReceptionError, field: str | None) -> None:
        """Next to its field; at the top when that field's row is hidden (say a room refusal
        while Place is not a room), so a message is never shown where nobody can see it."""
        widget = {"room": self.room, "home_address": self.home_address}.get(field or "")
        row = widget.parentWidget() if widget is not None else None
        if row is not None and row.isHidden():
            self.errors.show(str(error))  # a plain message goes to the top
        else:
            self.errors.show(error, field)

    def _request(self, key: str) -> BookingRequest:
        # Imported when first used: the window opens before the data layer (see app.py).
        from reception_app.services.appointment_service import BookingRequest

        who = self.who
        return BookingRequest(
            service_key=key,
            start=self.start(),
            minutes=self.minutes.value(),
            staff_id=who.staff_id(),
            contact_id=who.contact_id(),
            customer_name=self.customer.text().strip(),
            place=self.place_value(),
            room_id=who.room_id(),
            home_address=self.home_address.toPlainText(),
            people=self.people.value(),
            interpreter_language=self.interpreter_language.text(),
            hearing_loop=self.hearing_loop.isChecked(),
            wheelchair_access=self.wheelchair_access.isChecked(),
            large_print=self.large_print.isChecked(),
            notes=self.notes.toPlainText(),
        )

    def _refused(self, refused: BookingRefused) -> None:
        self._show_error(refused, FIELD_OF.get(refused.field or "", refused.field))
        self.alternatives = list(refused.alternatives)
        self.when.offer_alternatives(self.alternatives, self._zone, self._use_alternative)
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def alternative_buttons(self) -> list[QPushButton]:
        return self.when.alternative_buttons()

    def _use_alternative(self, slot: FreeSlot) -> None:
        self.use_slot(slot)
        self.when.clear_alternatives()
        self.book_button.setFocus()

    def error_text(self, field: str) -> str:
        return self.errors.message_for(field)
