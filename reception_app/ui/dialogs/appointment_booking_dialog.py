"""Book (or move) an appointment: who, what, with whom, where, needs, and when, with free times.

Reusable: the Today page opens it preset with a service and a chosen slot,
``BookAppointmentDialog(state, parent, service_key="burials", slot=slot, contact_id=7)``;
after ``exec()``, ``appointment`` is what was saved (None if nothing was).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTime, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.appointments import (
    PLACE_LABELS,
    Appointment,
    BookingRefused,
    FreeSlot,
    PartOfDay,
    Place,
    RoomNeeds,
)
from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.domain.people import Contact
from reception_app.ui.forms import FieldErrors
from reception_app.ui.widgets import TextBox

if TYPE_CHECKING:
    from datetime import tzinfo

    from reception_app.services.appointment_service import BookingRequest
    from reception_app.ui.desk_state import DeskState

SEARCH_DELAY_MS = 250
SEARCH_LIMIT = 8
SLOTS_SHOWN = 8
ANY_OFFICER = "Any officer of the team"
FIRST_ROOM = "First suitable room"

FIELD_OF = {"end": "minutes", "contact_id": "customer", "contact": "customer", "new_time": "start"}
"""Service field names shown beside another field of this form."""


def slot_text(slot: FreeSlot, zone: tzinfo) -> str:
    """'Wed 25 Nov 09:30-09:50, Priya Shah, Interview Room'."""
    start, end = slot.start.astimezone(zone), slot.end.astimezone(zone)
    room = f", {slot.room}" if slot.room else ""
    return f"{start:%a} {start.day} {start:%b} {start:%H:%M}-{end:%H:%M}, {slot.officer}{room}"


def local_datetime(day: date, at: time, zone: tzinfo) -> datetime:
    """An aware office-local datetime (a clock time that does not exist in spring moves on)."""
    return datetime.combine(day, at, zone)


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
        self._state = state
        self._moving = appointment
        self.appointment: Appointment | None = None
        self.contact: Contact | None = None
        self.alternatives: list[FreeSlot] = []
        service = state.services.appointments()
        self._zone: ZoneInfo = service.calendar().zone
        self._profiles = {s.key: s for s in state.services.office.profile().services if s.active}
        self._minutes_touched = False
        self.setWindowTitle("Move an appointment" if appointment else "Book an appointment")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

        self.errors = FieldErrors()
        # --- who and what ---
        self.find_contact = QLineEdit()
        self.find_contact.setPlaceholderText("Name, phone or postcode")
        self.find_contact.setClearButtonEnabled(True)
        self.find_contact.setAccessibleName("Find contact")
        self.matches = QListWidget()
        self.matches.setAccessibleName("Contacts found")
        self.matches.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.matches.hide()
        self.contact_note = QLabel()
        self.contact_note.setProperty("role", "hint")
        self.contact_note.setWordWrap(True)
        self.contact_note.hide()
        self.customer = QLineEdit()
        self.customer.setPlaceholderText("Or type the customer's name")
        self.service = QComboBox()
        for profile in self._profiles.values():
            self.service.addItem(profile.name, profile.key)
        self.officer = QComboBox()
        self.place = QComboBox()
        for place, label in PLACE_LABELS.items():
            self.place.addItem(label, place.value)
        self.home_address = TextBox(3)
        self.home_address.setPlaceholderText("Address for the home visit (one line each)")
        self.room = QComboBox()
        self.room.addItem(FIRST_ROOM, None)
        for room in state.services.rooms().rooms():
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

        who = QFormLayout()
        self._who_form = who
        finder = QWidget()
        column = QVBoxLayout(finder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.find_contact)
        column.addWidget(self.matches)
        column.addWidget(self.contact_note)
        self.errors.add_row(who, "&Find contact:", "contact_search", finder)
        self.find_contact.setAccessibleName("Find contact")
        self.errors.add_row(who, "&Customer:", "customer", self.customer)
        self.errors.add_row(who, "&Service:", "service", self.service)
        self.errors.add_row(who, "&Officer:", "officer", self.officer)
        self.errors.add_row(who, "&Place:", "place", self.place)
        self.place_hint = QLabel()
        self.place_hint.setProperty("role", "hint")
        self.place_hint.setWordWrap(True)
        who.addRow("", self.place_hint)
        who.setRowVisible(self.place_hint, False)
        self.errors.add_row(who, "Add&ress:", "home_address", self.home_address)
        self.errors.add_row(who, "Roo&m:", "room", self.room)
        self.errors.add_row(who, "P&eople:", "people", self.people)
        self.errors.add_row(who, "&Interpreter:", "interpreter_language", self.interpreter_language)
        checks = QWidget()
        checks_grid = QGridLayout(checks)
        checks_grid.setContentsMargins(0, 0, 0, 0)
        checks_grid.addWidget(self.hearing_loop, 0, 0)
        checks_grid.addWidget(self.wheelchair_access, 0, 1)
        checks_grid.addWidget(self.large_print, 1, 0)
        checks_grid.setColumnStretch(2, 1)
        who.addRow("Needs:", checks)
        self.errors.add_row(who, "No&tes:", "notes", self.notes)
        who_box = QGroupBox("Who and what")
        who_box.setLayout(who)

        # --- when ---
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setAccessibleName("Date")
        self.at = QTimeEdit()
        self.at.setDisplayFormat("HH:mm")
        self.at.setAccessibleName("Time")
        self.minutes = QSpinBox()
        self.minutes.setRange(5, 480)
        self.minutes.setSingleStep(5)
        self.minutes.setSuffix(" minutes")
        when_row = QWidget()
        row = QHBoxLayout(when_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.day, 1)
        row.addWidget(self.at)
        when = QFormLayout()
        self.errors.add_row(when, "&Date and time:", "start", when_row)
        when_row.setAccessibleName("Date and time")
        self.errors.add_row(when, "&Length:", "minutes", self.minutes)

        self.alternatives_label = QLabel("Free instead (choose one, then Book):")
        self.alternatives_label.setWordWrap(True)
        self.alternatives_box = QWidget()
        self.alternatives_box.setAccessibleName("Nearest free times")
        self._alternatives_layout = QVBoxLayout(self.alternatives_box)
        self._alternatives_layout.setContentsMargins(0, 0, 0, 0)
        self.alternatives_label.hide()
        self.alternatives_box.hide()

        self.part_of_day = QComboBox()
        self.part_of_day.setAccessibleName("Part of the day")
        for label, value in (
            ("Any time", PartOfDay.ANY),
            ("Mornings", PartOfDay.MORNING),
            ("Afternoons", PartOfDay.AFTERNOON),
        ):
            self.part_of_day.addItem(label, value.value)
        self.search_from = QDateEdit()
        self.search_from.setCalendarPopup(True)
        self.search_from.setDisplayFormat("ddd d MMM yyyy")
        self.search_from.setAccessibleName("Search from")
        self.find_button = QPushButton("Find free &times")
        self.find_button.setAutoDefault(False)
        self.slots = QListWidget()
        self.slots.setAccessibleName("Free times")
        self.slots.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.slots_note = QLabel("Choose one to fill in the date and time.")
        self.slots_note.setProperty("role", "hint")
        self.slots_note.setWordWrap(True)
        search = QFormLayout()
        search.addRow(self._buddy("Pa&rt of day:", self.part_of_day), self.part_of_day)
        search.addRow(self._buddy("Fro&m:", self.search_from), self.search_from)
        search_box = QGroupBox("Free times")
        search_column = QVBoxLayout(search_box)
        search_column.addLayout(search)
        search_column.addWidget(self.find_button)
        search_column.addWidget(self.slots, 1)
        search_column.addWidget(self.slots_note)

        when_box = QGroupBox("When")
        when_column = QVBoxLayout(when_box)
        when_column.addLayout(when)
        when_column.addWidget(self.alternatives_label)
        when_column.addWidget(self.alternatives_box)
        when_column.addWidget(search_box, 1)

        self.buttons = QDialogButtonBox()
        self.book_button = QPushButton("&Move" if appointment else "&Book")
        self.book_button.setDefault(True)
        self.buttons.addButton(self.book_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.book_button.clicked.connect(self.book)
        self.buttons.rejected.connect(self.reject)

        columns = QHBoxLayout()
        columns.addWidget(who_box, 1)
        columns.addWidget(when_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 165)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_contacts)
        self.find_contact.textChanged.connect(lambda _text: self._timer.start())
        self.find_contact.returnPressed.connect(self._pick_first)
        self.matches.itemActivated.connect(self._pick)
        self.matches.itemClicked.connect(self._pick)
        self.service.currentIndexChanged.connect(self._service_changed)
        self.place.currentIndexChanged.connect(self._place_changed)
        self.minutes.valueChanged.connect(self._minutes_changed)
        self.find_button.clicked.connect(self.find_free_times)
        self.slots.itemClicked.connect(self._slot_chosen)
        self.slots.itemActivated.connect(self._slot_chosen)
        self._chain()

        # --- presets ---
        now = state.services.context.clock().astimezone(self._zone)
        self.day.setDate(QDate(now.year, now.month, now.day))
        self.search_from.setDate(QDate(now.year, now.month, now.day))
        # An hour on, on the quarter hour: the usual minimum notice (the service checks it).
        soon = now + timedelta(minutes=60 + (-now.minute) % 15)
        self.at.setTime(QTime(soon.hour, soon.minute))
        if appointment is not None:
            service_key = appointment.service_key
            staff_id = None if appointment.any_officer else appointment.staff_id
        if service_key is not None and self.service.findData(service_key) >= 0:
            self.service.setCurrentIndex(self.service.findData(service_key))
        self._service_changed()
        if staff_id is not None:
            self._choose_officer(staff_id)
        if appointment is not None:
            self._load(appointment)
        elif contact_id is not None:
            try:
                self._use_contact(state.services.contacts().get(contact_id))
            except ReceptionError as exc:
                self.errors.show(exc, "customer")
        if name and appointment is None:
            self.customer.setText(name)
        if day is not None:
            self.day.setDate(QDate(day.year, day.month, day.day))
            self.search_from.setDate(QDate(day.year, day.month, day.day))
        if at is not None:
            self.at.setTime(QTime(at.hour, at.minute))
        if slot is not None:
            self.use_slot(slot)
        self._place_changed()

    @staticmethod
    def _buddy(text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

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
        self.day.setDate(QDate(start.year, start.month, start.day))
        self.search_from.setDate(QDate(start.year, start.month, start.day))
        self.at.setTime(QTime(start.hour, start.minute))
        self.minutes.setValue(appointment.minutes)
        self._minutes_touched = True
        for widget in (
            self.find_contact,
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
        self.contact_note.setText(
            f"Moving {appointment.customer_name}'s appointment: choose a new time, length or "
            "officer. To change anything else, cancel it and book again."
        )
        self.contact_note.show()

    # --- reference data -----------------------------------------------------------------------

    def service_key(self) -> str | None:
        key = self.service.currentData()
        return str(key) if key is not None else None

    def _service_changed(self, *_: object) -> None:
        key = self.service_key()
        keep = self.officer.currentData()
        self.officer.clear()
        self.officer.addItem(ANY_OFFICER, None)
        if key is None:
            return
        try:
            officers = self._state.services.appointments().officers(key)
        except ReceptionError as exc:
            self.errors.show(exc, "officer")
            officers = []
        for officer in officers:
            team = f" ({officer.team})" if officer.team else ""
            self.officer.addItem(f"{officer.name}{team}", officer.staff_id)
        if keep is not None:
            self._choose_officer(int(keep))
        profile = self._profiles[key]
        if not self._minutes_touched:
            self.minutes.blockSignals(True)
            self.minutes.setValue(profile.default_minutes)
            self.minutes.blockSignals(False)
        # A service that needs a room is always booked into one (the service takes a room
        # whatever Place says), so Place is fixed to the room and says why.
        if profile.needs_room:
            self.place.setCurrentIndex(self.place.findData(Place.ROOM.value))
        self.place.setEnabled(not profile.needs_room and self._moving is None)
        self.place_hint.setText(
            f"{profile.name} is always booked in an interview room." if profile.needs_room else ""
        )
        self.place.setToolTip(self.place_hint.text())
        self._who_form.setRowVisible(self.place_hint, profile.needs_room)

    def _choose_officer(self, staff_id: int) -> None:
        index = self.officer.findData(staff_id)
        if index >= 0:
            self.officer.setCurrentIndex(index)

    def _minutes_changed(self, *_: object) -> None:
        self._minutes_touched = True

    def _place_changed(self, *_: object) -> None:
        place = self.place_value()
        for widget, show in (
            (self.home_address, place is Place.HOME),
            (self.room, place is Place.ROOM),
        ):
            row = widget.parentWidget()  # the field and its error line
            if row is not None:
                self._who_form.setRowVisible(row, show)

    def place_value(self) -> Place:
        return Place(str(self.place.currentData() or Place.DESK.value))

    # --- finding a contact --------------------------------------------------------------------

    def search_contacts(self) -> None:
        self._timer.stop()
        text = self.find_contact.text().strip()
        self.matches.clear()
        if not text:
            self.matches.hide()
            return
        try:
            found = self._state.services.contacts().search(text, limit=SEARCH_LIMIT)
        except ReceptionError as exc:
            self.errors.show(exc, "contact_search")
            return
        for contact in found:
            parts = [contact.full_name, contact.phone, contact.postcode]
            item = QListWidgetItem(" · ".join(p for p in parts if p))
            item.setData(Qt.ItemDataRole.UserRole, contact)
            self.matches.addItem(item)
        if found:
            self.matches.show()
        else:
            self.matches.hide()
            self._say_contact(f"No contact matches '{text}'. Type the customer's name instead.")

    def _pick_first(self) -> None:
        if self._timer.isActive():
            self.search_contacts()
        if self.matches.count():
            self._pick(self.matches.item(0))

    def _pick(self, item: QListWidgetItem) -> None:
        contact = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(contact, Contact):
            self._use_contact(contact)
            self.service.setFocus()

    def _use_contact(self, contact: Contact) -> None:
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
        self.matches.hide()
        self._say_contact(f"Linked to contact {contact.full_name}.")

    def _say_contact(self, text: str) -> None:
        self.contact_note.setText(text)
        self.contact_note.show()

    # --- times --------------------------------------------------------------------------------

    def start(self) -> datetime:
        d, t = self.day.date(), self.at.time()
        return local_datetime(
            date(d.year(), d.month(), d.day()), time(t.hour(), t.minute()), self._zone
        )

    def _room_needs(self) -> RoomNeeds:
        return RoomNeeds(
            people=self.people.value(),
            hearing_loop=self.hearing_loop.isChecked(),
            wheelchair_access=self.wheelchair_access.isChecked(),
        )

    def find_free_times(self) -> None:
        """Fill the list with the next free times for what is chosen."""
        self.slots.clear()
        key = self.service_key()
        if key is None:
            self.errors.show("Choose a service first.", "service")
            return
        staff = self.officer.currentData()
        first = self.search_from.date()
        room = self.room.currentData() if self.place_value() is Place.ROOM else None
        try:
            found = self._state.services.appointments().free_slots(
                key,
                staff_id=int(staff) if staff is not None else None,
                part_of_day=PartOfDay(str(self.part_of_day.currentData())),
                first_day=date(first.year(), first.month(), first.day()),
                count=SLOTS_SHOWN,
                minutes=self.minutes.value(),
                place=self.place_value(),
                room_needs=self._room_needs(),
                room_id=int(room) if room is not None else None,
                exclude_appointment=self._moving.id if self._moving else None,
            )
        except ReceptionError as exc:
            self.errors.show(exc)
            return
        for slot in found:
            item = QListWidgetItem(slot_text(slot, self._zone))
            item.setData(Qt.ItemDataRole.UserRole, slot)
            self.slots.addItem(item)
        self.slots_note.setText(
            "Choose one to fill in the date and time."
            if found
            else "No free time found in the next four months for these choices."
        )
        if found:
            self.slots.setCurrentRow(0)
            self.slots.setFocus()

    def slot_texts(self) -> list[str]:
        return [self.slots.item(i).text() for i in range(self.slots.count())]

    def _slot_chosen(self, item: QListWidgetItem) -> None:
        slot = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(slot, FreeSlot):
            self.use_slot(slot)
            self.book_button.setFocus()

    def use_slot(self, slot: FreeSlot) -> None:
        """Fill in the date and time (and the room, if one was named) from a free slot."""
        start = slot.start.astimezone(self._zone)
        self.day.setDate(QDate(start.year, start.month, start.day))
        self.at.setTime(QTime(start.hour, start.minute))
        minutes = int((slot.end - slot.start).total_seconds() // 60)
        if minutes != self.minutes.value():
            self.minutes.setValue(minutes)
        self.errors.clear()

    # --- booking ------------------------------------------------------------------------------

    def book(self) -> None:
        self._clear_alternatives()
        self.errors.clear()
        key = self.service_key()
        if key is None:
            self.errors.show("No service takes appointments; add one in Settings.", "service")
            return
        staff = self.officer.currentData()
        staff_id = int(staff) if staff is not None else None
        try:
            if self._moving is not None:
                self.appointment = self._state.services.appointments().reschedule(
                    self._state.actor,
                    self._moving.id,
                    self.start(),
                    minutes=self.minutes.value(),
                    staff_id=staff_id,
                )
            else:
                self.appointment = self._state.services.appointments().book(
                    self._state.actor, self._request(key, staff_id)
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

    def _request(self, key: str, staff_id: int | None) -> BookingRequest:
        # Imported when first used: the window opens before the data layer (see app.py).
        from reception_app.services.appointment_service import BookingRequest

        name = self.customer.text().strip()
        contact_id = (
            self.contact.id if self.contact is not None and name == self.contact.full_name else None
        )
        room = self.room.currentData()
        return BookingRequest(
            service_key=key,
            start=self.start(),
            minutes=self.minutes.value(),
            staff_id=staff_id,
            contact_id=contact_id,
            customer_name=name,
            place=self.place_value(),
            room_id=int(room) if room is not None and self.place_value() is Place.ROOM else None,
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
        for slot in self.alternatives:
            button = QPushButton(slot_text(slot, self._zone))
            button.setAutoDefault(False)
            button.setAccessibleName(f"Use {slot_text(slot, self._zone)}")
            button.clicked.connect(lambda _checked=False, s=slot: self._use_alternative(s))
            self._alternatives_layout.addWidget(button)
        if self.alternatives:
            self.alternatives_label.show()
            self.alternatives_box.show()
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def alternative_buttons(self) -> list[QPushButton]:
        return [
            b for b in self.alternatives_box.findChildren(QPushButton) if b.parent() is not None
        ]

    def _use_alternative(self, slot: FreeSlot) -> None:
        self.use_slot(slot)
        self._clear_alternatives()
        self.book_button.setFocus()

    def _clear_alternatives(self) -> None:
        while self._alternatives_layout.count():
            item = self._alternatives_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.alternatives_label.hide()
        self.alternatives_box.hide()

    def error_text(self, field: str) -> str:
        return self.errors.message_for(field)
