"""Book an interview room on its own: room, date, time, length, purpose, people and needs.

After ``exec()``, ``bookings`` holds what was saved (empty if nothing was). The repeat booking
dialog (room_repeat_dialog.py) builds on this form.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.appointments import RoomNeeds
from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.forms import FieldErrors

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from reception_app.services.room_service import RoomBooking, RoomInfo
    from reception_app.ui.desk_state import DeskState


FREE_TIMES_SHOWN = 3
"""Free times offered instead of a refused one, as the appointment dialog does."""
FREE_INSTEAD = "Free instead (choose one, then Book):"


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
        fit_when_shown(self)
        self._state = state
        self.bookings: list[RoomBooking] = []
        rooms = state.services.rooms()
        self._zone: ZoneInfo = rooms.calendar().zone
        self.setWindowTitle(self.window_title)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

        self._build_fields(rooms.rooms(), room_id, day, at)
        self.errors = FieldErrors()
        self.form = self._build_form()
        self._build_buttons()
        self._build_alternatives()

        self.body = QVBoxLayout(self)
        self.body.addWidget(self.errors.general)
        self.body.addLayout(self.form)
        self.extend()
        if self.alternatives.parentWidget() is not self:  # a subclass may place it itself
            self.body.addWidget(self.alternatives)
        self.body.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def _build_fields(
        self, rooms: Sequence[RoomInfo], room_id: int | None, day: date | None, at: time | None
    ) -> None:
        """The room (``room_id`` chosen), the date (``day``, else today), the time (``at``, else
        the next quarter hour), an hour long, and the purpose, people and needs."""
        self.room = QComboBox()
        for room in rooms:
            self.room.addItem(f"{room.name} ({room.features()})", room.id)
        if room_id is not None and self.room.findData(room_id) >= 0:
            self.room.setCurrentIndex(self.room.findData(room_id))
        now = self._state.services.context.clock().astimezone(self._zone)
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

    def _build_form(self) -> QFormLayout:
        form = QFormLayout()
        self.errors.add_row(form, "&Room:", "room", self.room)
        when = QWidget()
        when.setAccessibleName("Date and time")
        row = QHBoxLayout(when)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.day, 1)
        row.addWidget(self.at)
        self.errors.add_row(form, self.date_label(), "start", when)
        self.errors.add_row(form, "&Length:", "minutes", self.minutes)
        self.errors.add_row(form, "&Purpose:", "purpose", self.purpose)
        self.errors.add_row(form, "Pe&ople:", "people", self.people)
        needs = QWidget()
        grid = QGridLayout(needs)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.hearing_loop, 0, 0)
        grid.addWidget(self.wheelchair_access, 0, 1)
        grid.addWidget(self.needs_screen, 0, 2)
        grid.setColumnStretch(3, 1)
        form.addRow("Needs:", needs)
        return form

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox()
        self.book_button = QPushButton(self.book_text)
        self.book_button.setDefault(True)
        self.buttons.addButton(self.book_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.book_button.clicked.connect(self.book)
        self.buttons.rejected.connect(self.reject)

    def _build_alternatives(self) -> None:
        """Free times offered when a time is refused (filled by offer_free_times)."""
        self.alternatives = QWidget()
        self.alternatives.setAccessibleName("Free times instead")
        alternatives_row = QHBoxLayout(self.alternatives)
        alternatives_row.setContentsMargins(0, 0, 0, 0)
        self.alternatives_label = QLabel(FREE_INSTEAD)
        alternatives_row.addWidget(self.alternatives_label)
        self._alternatives_layout = QHBoxLayout()
        alternatives_row.addLayout(self._alternatives_layout)
        alternatives_row.addStretch(1)
        self.alternatives.hide()

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
        self.clear_free_times()
        room_id = self.room_id()
        if room_id is None:
            self.errors.show("This office has no interview rooms; add one in Settings.", "room")
            return
        self.errors.clear()
        try:
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
        except ValidationError as refused:
            self.errors.show(refused)
            if refused.field == "start":  # a time refused: offer the room's nearest free ones
                self.offer_free_times(self._free_times(room_id))
            return
        except ReceptionError as error:
            self.errors.show(error)
            return
        self.accept()

    # --- free times instead of a refused one --------------------------------------------------

    def _free_times(self, room_id: int) -> list[tuple[datetime, str]]:
        """(start, button text) of the room's free times nearest the one asked for."""
        try:
            found = self._state.services.rooms().free_times(
                room_id, self.start(), self.minutes.value(), FREE_TIMES_SHOWN, self.needs()
            )
        except ReceptionError:
            return []
        length = timedelta(minutes=self.minutes.value())
        return [(start, self.time_text(start, start + length)) for start in found]

    def time_text(self, start: datetime, end: datetime) -> str:
        a, b = start.astimezone(self._zone), end.astimezone(self._zone)
        return f"{a:%a} {a.day} {a:%b} {a:%H:%M}-{b:%H:%M}"

    def offer_free_times(
        self, times: list[tuple[datetime, str]], label: str = FREE_INSTEAD
    ) -> None:
        """Buttons under the refusal; a click fills in the time (Book is still pressed after a
        last look). Says so when the day has nothing free."""
        self.clear_free_times()
        for number, (start, text) in enumerate(times, start=1):
            button = QPushButton(f"&{number}  {text}")
            button.setAutoDefault(False)
            button.setAccessibleName(f"Use {text}")
            button.clicked.connect(lambda _checked=False, at=start: self.use_free_time(at))
            self._alternatives_layout.addWidget(button)
        self.alternatives_label.setText(
            label if times else "This room has no other free time that day for this length."
        )
        self.alternatives.show()
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(
            max(self.width(), self.sizeHint().width()), max(self.height(), self.sizeHint().height())
        )

    def free_time_buttons(self) -> list[QPushButton]:
        items = (
            self._alternatives_layout.itemAt(i) for i in range(self._alternatives_layout.count())
        )
        widgets = (item.widget() for item in items if item is not None)
        return [w for w in widgets if isinstance(w, QPushButton)]

    def use_free_time(self, start: datetime) -> None:
        local = start.astimezone(self._zone)
        self.day.setDate(QDate(local.year, local.month, local.day))
        self.at.setTime(QTime(local.hour, local.minute))
        self.errors.clear()
        self.clear_free_times()
        self.book_button.setFocus()

    def clear_free_times(self) -> None:
        while self._alternatives_layout.count():
            item = self._alternatives_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.alternatives.hide()

    def error_text(self, field: str) -> str:
        return self.errors.message_for(field)

    def _say_general(self, error: ReceptionError | str) -> None:
        self.errors.show(error)
