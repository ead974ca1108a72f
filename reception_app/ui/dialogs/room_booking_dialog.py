"""Book an interview room on its own: room, date, time, length, purpose, people and needs.

After ``exec()``, ``bookings`` holds what was saved (empty if nothing was). The repeat booking
dialog (room_repeat_dialog.py) builds on this form.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.appointments import RoomNeeds
from reception_app.domain.errors import ReceptionError
from reception_app.ui.forms import FieldErrors

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from reception_app.services.room_service import RoomBooking
    from reception_app.ui.desk_state import DeskState


class RoomBookingDialog(QDialog):
    window_title = "Book a room"
    book_text = "&Book"

    def __init__(
        self,
        state: DeskState,
        parent: QWidget | None = None,
        *,
        room_id: int | None = None,
        day: date | None = None,
        at: time | None = None,
    ) -> None:
        super().__init__(parent)
        self._state = state
        self.bookings: list[RoomBooking] = []
        rooms = state.services.rooms()
        self._zone: ZoneInfo = rooms.calendar().zone
        self.setWindowTitle(self.window_title)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

        self.room = QComboBox()
        for room in rooms.rooms():
            self.room.addItem(f"{room.name} ({room.features()})", room.id)
        if room_id is not None and self.room.findData(room_id) >= 0:
            self.room.setCurrentIndex(self.room.findData(room_id))
        now = state.services.context.clock().astimezone(self._zone)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setAccessibleName("Date")
        shown = day or now.date()
        self.day.setDate(QDate(shown.year, shown.month, shown.day))
        self.at = QTimeEdit()
        self.at.setDisplayFormat("HH:mm")
        self.at.setAccessibleName("Time")
        soon = now + timedelta(minutes=(-now.minute) % 15 or 15)
        start = at or time(soon.hour, soon.minute)
        self.at.setTime(QTime(start.hour, start.minute))
        self.minutes = QSpinBox()
        self.minutes.setRange(5, 12 * 60)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(60)
        self.minutes.setSuffix(" minutes")
        self.purpose = QLineEdit()
        self.purpose.setPlaceholderText("e.g. Planning surgery, private conversation")
        self.people = QSpinBox()
        self.people.setRange(1, 50)
        self.people.setValue(2)
        self.people.setToolTip("Everyone in the room, staff included.")
        self.hearing_loop = QCheckBox("&Hearing loop")
        self.wheelchair_access = QCheckBox("&Wheelchair access")
        self.needs_screen = QCheckBox("Scr&een")

        self.errors = FieldErrors()
        self.form = QFormLayout()
        self.errors.add_row(self.form, "&Room:", "room", self.room)
        when = QWidget()
        when.setAccessibleName("Date and time")
        row = QHBoxLayout(when)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.day, 1)
        row.addWidget(self.at)
        self.errors.add_row(self.form, self.date_label(), "start", when)
        self.errors.add_row(self.form, "&Length:", "minutes", self.minutes)
        self.errors.add_row(self.form, "&Purpose:", "purpose", self.purpose)
        self.errors.add_row(self.form, "Pe&ople:", "people", self.people)
        needs = QWidget()
        grid = QGridLayout(needs)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.hearing_loop, 0, 0)
        grid.addWidget(self.wheelchair_access, 0, 1)
        grid.addWidget(self.needs_screen, 0, 2)
        grid.setColumnStretch(3, 1)
        self.form.addRow("Needs:", needs)

        self.buttons = QDialogButtonBox()
        self.book_button = QPushButton(self.book_text)
        self.book_button.setDefault(True)
        self.buttons.addButton(self.book_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.book_button.clicked.connect(self.book)
        self.buttons.rejected.connect(self.reject)

        self.body = QVBoxLayout(self)
        self.body.addWidget(self.errors.general)
        self.body.addLayout(self.form)
        self.extend()
        self.body.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def date_label(self) -> str:
        return "&Date and time:"

    def extend(self) -> None:
        """Room for a subclass to add fields before the buttons."""

    def start(self) -> datetime:
        d, t = self.day.date(), self.at.time()
        return datetime.combine(
            date(d.year(), d.month(), d.day()), time(t.hour(), t.minute()), self._zone
        )

    def room_id(self) -> int | None:
        value = self.room.currentData()
        return int(value) if value is not None else None

    def needs(self) -> RoomNeeds:
        return RoomNeeds(
            people=self.people.value(),
            hearing_loop=self.hearing_loop.isChecked(),
            wheelchair_access=self.wheelchair_access.isChecked(),
            screen=self.needs_screen.isChecked(),
        )

    def book(self) -> None:
        room_id = self.room_id()
        if room_id is None:
            self.errors.show("This office has no interview rooms; add one in Settings.", "room")
            return

        def run() -> None:
            self.bookings = [
                self._state.services.rooms().book(
                    self._state.actor,
                    room_id,
                    self.start(),
                    self.minutes.value(),
                    self.purpose.text(),
                    self.needs(),
                )
            ]

        if self.errors.attempt(run):
            self.accept()

    def error_text(self, field: str) -> str:
        return self.errors.message_for(field)

    def _say_general(self, error: ReceptionError | str) -> None:
        self.errors.show(error)
