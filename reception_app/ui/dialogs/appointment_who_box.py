"""The booking dialog's "Who and what" box: the customer, the service, the officer and where.

The customer is found or typed; then the service, the officer, where the appointment takes
place, the people and their needs, and notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from reception_app.domain.appointments import PLACE_LABELS, Appointment, Place, RoomNeeds
from reception_app.domain.errors import ReceptionError
from reception_app.domain.offices import ServiceProfile
from reception_app.domain.people import Contact
from reception_app.ui.dialogs.appointment_contact_search import AppointmentContactSearch
from reception_app.ui.forms import FieldErrors
from reception_app.ui.widgets import TextBox

if TYPE_CHECKING:
    from reception_app.ui.desk_state import DeskState

ANY_OFFICER = "Any officer of the team"
FIRST_ROOM = "First suitable room"


class AppointmentWhoBox(QGroupBox):
    """``moving``: the box of a move, where only the officer can change (see ``load``)."""

    def __init__(self, state: DeskState, errors: FieldErrors, *, moving: bool) -> None:
        super().__init__("Who and what")
        self._state = state
        self._errors = errors
        self._moving = moving
        self.contact: Contact | None = None
        self.profiles = {s.key: s for s in state.services.office.profile().services if s.active}
        self.finder = AppointmentContactSearch(state, errors)
        self._build_fields()
        self.form = self._build_form()
        self.setLayout(self.form)

    def _build_fields(self) -> None:
        self.customer = QLineEdit()
        self.customer.setPlaceholderText("Or type the customer's name")
        self.service = QComboBox()
        for profile in self.profiles.values():
            self.service.addItem(profile.name, profile.key)
        self.officer = QComboBox()
        self.place = QComboBox()
        for place, label in PLACE_LABELS.items():
            self.place.addItem(label, place.value)
        self.home_address = TextBox(3)
        self.home_address.setPlaceholderText("Address for the home visit (one line each)")
        self.room = QComboBox()
        self.room.addItem(FIRST_ROOM, None)
        for room in self._state.services.rooms().rooms():
            self.room.addItem(f"{room.name} ({room.features()})", room.id)
        self.people = QSpinBox()
        self.people.setRange(1, 50)
        self.people.setValue(2)
        self.people.setToolTip("Everyone in the room, the officer included.")
        self.interpreter_language = QLineEdit()
        self.interpreter_language.setPlaceholderText("Language; empty if not needed")
        self.hearing_loop = QCheckBox("&Hearing loop")
        self.wheelchair_access = QCheckBox("&Wheelchair access")
        self.large_print = QCheckBox("Lar&ge print")
        self.notes = TextBox(2)
        self.notes.setPlaceholderText("What it is about, what to bring")

    def _build_form(self) -> QFormLayout:
        errors = self._errors
        who = QFormLayout()
        errors.add_row(who, "&Find contact:", "contact_search", self.finder)
        self.finder.line.setAccessibleName("Find contact")
        errors.add_row(who, "&Customer:", "customer", self.customer)
        errors.add_row(who, "&Service:", "service", self.service)
        errors.add_row(who, "&Officer:", "officer", self.officer)
        errors.add_row(who, "&Place:", "place", self.place)
        self.place_hint = QLabel()
        self.place_hint.setProperty("role", "hint")
        self.place_hint.setWordWrap(True)
        who.addRow("", self.place_hint)
        who.setRowVisible(self.place_hint, False)
        errors.add_row(who, "Add&ress:", "home_address", self.home_address)
        errors.add_row(who, "Room:", "room", self.room)
        errors.add_row(who, "P&eople:", "people", self.people)
        errors.add_row(who, "&Interpreter:", "interpreter_language", self.interpreter_language)
        checks = QWidget()
        checks_grid = QGridLayout(checks)
        checks_grid.setContentsMargins(0, 0, 0, 0)
        checks_grid.addWidget(self.hearing_loop, 0, 0)
        checks_grid.addWidget(self.wheelchair_access, 0, 1)
        checks_grid.addWidget(self.large_print, 1, 0)
        checks_grid.setColumnStretch(2, 1)
        who.addRow("Needs:", checks)
        errors.add_row(who, "&Notes:", "notes", self.notes)
        return who

    # --- reading ------------------------------------------------------------------------------

    def service_key(self) -> str | None:
        key = self.service.currentData()
        return str(key) if key is not None else None

    def staff_id(self) -> int | None:
        """The officer chosen (None: any officer of the team)."""
        staff = self.officer.currentData()
        return int(staff) if staff is not None else None

    def place_value(self) -> Place:
        return Place(str(self.place.currentData() or Place.DESK.value))

    def room_id(self) -> int | None:
        """The room chosen, when the appointment is in a room (None: the first suitable one)."""
        room = self.room.currentData()
        return int(room) if room is not None and self.place_value() is Place.ROOM else None

    def room_needs(self) -> RoomNeeds:
        return RoomNeeds(
            people=self.people.value(),
            hearing_loop=self.hearing_loop.isChecked(),
            wheelchair_access=self.wheelchair_access.isChecked(),
        )

    def contact_id(self) -> int | None:
        """The linked contact, unless the name was typed over since."""
        name = self.customer.text().strip()
        return (
            self.contact.id if self.contact is not None and name == self.contact.full_name else None
        )

    # --- what follows from a choice -----------------------------------------------------------

    def service_changed(self) -> ServiceProfile | None:
        """Fill the officers of the service's team (keeping the one chosen) and fix Place to a
        room for a service that always needs one; returns the service chosen."""
        key = self.service_key()
        keep = self.officer.currentData()
        self.officer.clear()
        self.officer.addItem(ANY_OFFICER, None)
        if key is None:
            return None
        try:
            officers = self._state.services.appointments().officers(key)
        except ReceptionError as exc:
            self._errors.show(exc, "officer")
            officers = []
        for officer in officers:
            team = f" ({officer.team})" if officer.team else ""
            self.officer.addItem(f"{officer.name}{team}", officer.staff_id)
        if keep is not None:
            self.choose_officer(int(keep))
        return self.profiles[key]

    def fix_place(self, profile: ServiceProfile) -> None:
        """A service that needs a room is always booked into one (the service takes a room
        whatever Place says), so Place is fixed to the room and says why."""
        if profile.needs_room:
            self.place.setCurrentIndex(self.place.findData(Place.ROOM.value))
        self.place.setEnabled(not profile.needs_room and not self._moving)
        self.place_hint.setText(
            f"{profile.name} is always booked in an interview room." if profile.needs_room else ""
        )
        self.place.setToolTip(self.place_hint.text())
        self.form.setRowVisible(self.place_hint, profile.needs_room)

    def choose_officer(self, staff_id: int) -> None:
        index = self.officer.findData(staff_id)
        if index >= 0:
            self.officer.setCurrentIndex(index)

    def place_changed(self, *_: object) -> None:
        """Only the address of a home visit, or the room of a room, is asked for."""
        place = self.place_value()
        for widget, show in (
            (self.home_address, place is Place.HOME),
            (self.room, place is Place.ROOM),
        ):
            row = widget.parentWidget()  # the field and its error line
            if row is not None:
                self.form.setRowVisible(row, show)

    def use_contact(self, contact: Contact) -> None:
        """Link the customer to a contact and tick the needs recorded for them."""
        self.contact = contact
        self.customer.setText(contact.full_name)
        needs = contact.needs
        self.hearing_loop.setChecked(self.hearing_loop.isChecked() or needs.hearing_loop)
        self.wheelchair_access.setChecked(
            self.wheelchair_access.isChecked() or needs.wheelchair_access
        )
        self.large_print.setChecked(
            self.large_print.isChecked() or "Large print" in " ".join(needs.labels())
        )
        if needs.interpreter_language and not self.interpreter_language.text():
            self.interpreter_language.setText(needs.interpreter_language)
        if needs.private_room and self.place_value() is Place.DESK:
            self.place.setCurrentIndex(self.place.findData(Place.ROOM.value))
        if contact.address and not self.home_address.toPlainText().strip():
            self.home_address.setPlainText("\n".join([*contact.address, contact.postcode]).strip())
        self.finder.matches.hide()
        self.finder.say(f"Linked to contact {contact.full_name}.")

    def load(self, appointment: Appointment) -> None:
        """Show the appointment being moved; everything but the officer is fixed."""
        self.customer.setText(appointment.customer_name)
        self.place.setCurrentIndex(self.place.findData(appointment.place.value))
        if appointment.room_id is not None:
            self.room.setCurrentIndex(max(0, self.room.findData(appointment.room_id)))
        self.home_address.setPlainText(appointment.home_address)
        self.people.setValue(appointment.people)
        self.interpreter_language.setText(appointment.interpreter_language)
        self.hearing_loop.setChecked(appointment.hearing_loop)
        self.wheelchair_access.setChecked(appointment.wheelchair_access)
        self.large_print.setChecked(appointment.large_print)
        self.notes.setPlainText(appointment.notes)
        for widget in (
            self.finder.line,
            self.customer,
            self.service,
            self.place,
            self.home_address,
            self.room,
            self.people,
            self.interpreter_language,
            self.hearing_loop,
            self.wheelchair_access,
            self.large_print,
            self.notes,
        ):
            widget.setEnabled(False)
        self.finder.note.setText(
            f"Moving {appointment.customer_name}'s appointment: choose a new time, length or "
            "officer. To change anything else, cancel it and book again."
        )
        self.finder.note.show()
