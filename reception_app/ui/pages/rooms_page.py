"""Rooms: the room board (rooms across, time down, the day's bookings and free gaps), booking a
room on its own or again and again, a private room right now, and freeing rooms.

Keys: Ctrl+N book a room, F8 private room now, Ctrl+Shift+N repeat booking, Ctrl+Delete cancel
the chosen booking, Ctrl+Shift+R release rooms held for customers who have not come;
Alt+Left / Alt+Right / Alt+Home change the day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import ReceptionError
from reception_app.domain.offices import RoomProfile
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.room_booking_dialog import RoomBookingDialog
from reception_app.ui.dialogs.room_repeat_dialog import RoomRepeatDialog
from reception_app.ui.pages.page import Page
from reception_app.ui.text import describe_status, when
from reception_app.ui.timeline import (
    DayNavigator,
    TimelineBlock,
    TimelineColumn,
    TimelineGrid,
    minute_of,
    row_bounds,
    spans_of,
)

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from reception_app.services.room_service import RoomBooking

ROOM_HEADERS = ("Room", "Capacity", "Features", "Set-up buffer", "Location")
BOOKING_HEADERS = ("Time", "Room", "For", "People", "Status")

ROOMS_NOTE = (
    "Offer a private room to anyone discussing personal matters or who asks for one. A room is "
    "never double-booked, and its set-up buffer is kept free between bookings to get it ready."
)


def room_features(room: RoomProfile) -> str:
    """'Hearing loop, wheelchair access, screen', or 'None listed'."""
    words = [
        name
        for name, present in (
            ("hearing loop", room.hearing_loop),
            ("wheelchair access", room.wheelchair_access),
            ("screen", room.screen),
        )
        if present
    ]
    return ", ".join(words).capitalize() if words else "None listed"


def room_cells(room: RoomProfile) -> tuple[str, ...]:
    return (
        room.name,
        f"{room.capacity} {'person' if room.capacity == 1 else 'people'}",
        room_features(room),
        f"{room.buffer_minutes} minutes" if room.buffer_minutes else "None",
        room.location or "—",
    )


def booking_status(booking: RoomBooking) -> str:
    if booking.appointment_id is None:
        return "Room booking" + (" (repeating)" if booking.series else "")
    return "Appointment: customer here" if booking.customer_arrived else "Appointment"


def _table(headers: tuple[str, ...], name: str, stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    rows = table.verticalHeader()
    # A long location wraps (large text) instead of being cut off.
    rows.setMinimumSectionSize(rows.defaultSectionSize())
    rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class RoomsPage(Page):
    title = "Rooms"

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self._zone: ZoneInfo | None = None
        self._calendar: OfficeCalendar | None = None
        self._bookings: list[RoomBooking] = []
        self._started = False
        self.today_title = self.heading("", 1.2)
        self.today_detail = QLabel()
        self.today_detail.setWordWrap(True)

        self.navigator = DayNavigator()
        nav = QHBoxLayout()
        nav.addWidget(self.navigator)
        nav.addStretch(1)
        self.board_title = self.heading("", 1.1)
        self.board_title.setAccessibleName("Day shown")

        self._actions: list[tuple[str, str, str, Callable[[], None]]] = [
            ("book_button", "&Book a room (Ctrl+N)", "Ctrl+N", self.book_room),
            ("now_button", "Private room &now (F8)", "F8", self.private_room_now),
            (
                "repeat_button",
                "R&epeat booking (Ctrl+Shift+N)",
                "Ctrl+Shift+N",
                self.repeat_booking,
            ),
            ("cancel_button", "&Cancel booking (Ctrl+Del)", "Ctrl+Delete", self.cancel_booking),
            (
                "release_button",
                "Re&lease no-shows (Ctrl+Shift+R)",
                "Ctrl+Shift+R",
                self.release_no_shows,
            ),
        ]
        actions = QHBoxLayout()
        for attribute, text, keys, slot in self._actions:
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            setattr(self, attribute, button)
            actions.addWidget(button)
            QShortcut(QKeySequence(keys), self, slot)
        actions.addStretch(1)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Room messages")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        self.board = TimelineGrid()
        self.board.setAccessibleName("Room board")
        self.board_scroll = QScrollArea()
        self.board_scroll.setWidget(self.board)
        self.board_scroll.setWidgetResizable(True)
        self.board_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.bookings = _table(BOOKING_HEADERS, "Room bookings of the day", 2)
        self.rooms = _table(ROOM_HEADERS, "Interview rooms", len(ROOM_HEADERS) - 1)
        self.rooms.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.note = QLabel(ROOMS_NOTE)
        self.note.setWordWrap(True)
        self.note.setProperty("role", "hint")
        rooms_tab = QWidget()
        rooms_column = QVBoxLayout(rooms_tab)
        rooms_column.addWidget(self.rooms, 1)
        rooms_column.addWidget(self.note)
        self.lists = QTabWidget()
        self.lists.setAccessibleName("Room lists")
        self.lists.addTab(self.bookings, "Bookin&gs")
        self.lists.addTab(rooms_tab, "&Interview rooms")

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.board_scroll)
        splitter.addWidget(self.lists)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading("Rooms"))
        layout.addWidget(self.card(self.today_title, self.today_detail))
        layout.addLayout(nav)
        layout.addWidget(self.board_title)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        self.navigator.day_changed.connect(lambda _day: self.refresh_board())
        self.board.block_chosen.connect(self._block_chosen)
        self.board.free_cell_activated.connect(self._free_cell)
        self.bookings.itemSelectionChanged.connect(self._row_chosen)

    # --- reading ------------------------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        assert self._zone is not None, "refresh() first"
        return self._zone

    def refresh(self) -> None:
        office = self.state.services.office
        profile = office.profile()
        status = office.status()
        self._calendar = OfficeCalendar.from_profile(profile)
        self._zone = self._calendar.zone
        now = status.local_now
        self.navigator.set_today(now.date())
        if not self._started:
            self._started = True
            self.navigator.set_day(now.date(), quiet=True)
        intervals = self._calendar.opening_intervals(now.date())
        day = f"{now:%A} {now.day} {now:%B}"
        if intervals:
            hours = ", ".join(f"{a:%H:%M}–{b:%H:%M}" for a, b in intervals)
            self.today_title.setText(f"Today, {day}: rooms can be used {hours}")
            if status.is_open:
                detail = f"The office is open now, until {status.closes_at:%H:%M}."
            elif now < intervals[0][0]:
                detail = f"The office opens {when(intervals[0][0], now)}."
            else:
                detail = (
                    "The office has closed for today. Rooms can next be used "
                    f"{when(status.next_opening, now)}."
                    if status.next_opening
                    else "The office has closed for today."
                )
        else:
            headline, _ = describe_status(status)
            self.today_title.setText(
                f"Today, {day}: no rooms ({headline[0].lower()}{headline[1:]})"
            )
            detail = (
                f"Rooms can next be used {when(status.next_opening, now)}."
                if status.next_opening
                else "No opening hours are set: a manager adds them in Settings."
            )
        self.today_detail.setText(detail)

        rooms = [r for r in profile.rooms if r.active]
        self.rooms.setRowCount(len(rooms))
        for row, room in enumerate(rooms):
            for column, text in enumerate(room_cells(room)):
                self.rooms.setItem(row, column, QTableWidgetItem(text))
        self.note.setText(
            ROOMS_NOTE
            if rooms
            else "This office has no interview rooms listed: a manager adds them in Settings."
        )
        self.refresh_board()

    def shown_day(self) -> date:
        return self.navigator.day()

    def refresh_board(self, select_id: int | None = None) -> None:
        if self._calendar is None:
            return
        keep = select_id if select_id is not None else self.selected_booking_id()
        day = self.shown_day()
        service = self.state.services.rooms()
        try:
            rooms = service.rooms()
            self._bookings = service.board(day)
        except ReceptionError as exc:
            self._say(str(exc), error=True)
            return
        opening = spans_of(self._calendar.opening_intervals(day))
        columns = [TimelineColumn(r.id, r.name, opening, r.features()) for r in rooms]
        blocks: list[TimelineBlock] = []
        for booking in self._bookings:
            start = minute_of(booking.start, day, self.zone)
            end = minute_of(booking.end, day, self.zone)
            if booking.buffer_minutes:
                for key, a, b in (
                    ("before", start - booking.buffer_minutes, start),
                    ("after", end, end + booking.buffer_minutes),
                ):
                    blocks.append(
                        TimelineBlock(
                            ("buffer", booking.id, key),
                            booking.room_id,
                            max(a, 0),
                            min(b, 24 * 60),
                            "Set-up",
                            kind="buffer",
                            selectable=False,
                        )
                    )
            blocks.append(
                TimelineBlock(
                    booking.id,
                    booking.room_id,
                    start,
                    end,
                    booking.purpose,
                    f"{booking.people} people · {booking_status(booking)}",
                    kind="arrived"
                    if booking.customer_arrived
                    else ("booked" if booking.appointment_id else "other"),
                )
            )
        first, last = row_bounds(columns)
        now = self.state.services.context.clock().astimezone(self.zone)
        message = ""
        if not opening:
            message = self._closed_text(day)
        elif not rooms:
            message = "This office has no interview rooms: a manager adds them in Settings."
        self.board.set_data(
            columns,
            blocks,
            first=first,
            last=last,
            message=message,
            now=now.hour * 60 + now.minute if now.date() == day else None,
        )
        intervals = self._calendar.opening_intervals(day)
        hours = ", ".join(f"{a:%H:%M}–{b:%H:%M}" for a, b in intervals)
        self.board_title.setText(
            f"{day:%A} {day.day} {day:%B %Y}: "
            + (f"open {hours}" if intervals else self._closed_text(day))
            + f"; {len(self._bookings)} booking{'s' if len(self._bookings) != 1 else ''}"
        )
        self._fill_bookings(day)
        if keep is not None:
            self.select_booking(keep)

    def _closed_text(self, day: date) -> str:
        assert self._calendar is not None
        holiday = self._calendar.bank_holiday_name(day)
        if holiday:
            return f"Closed (bank holiday): {holiday}"
        if self._calendar.is_closure_day(day):
            return "Closed: office closure day"
        return "Closed"

    def _fill_bookings(self, day: date) -> None:
        self.bookings.blockSignals(True)
        self.bookings.setRowCount(len(self._bookings))
        for row, booking in enumerate(self._bookings):
            start, end = booking.start.astimezone(self.zone), booking.end.astimezone(self.zone)
            cells = (
                f"{start:%H:%M}-{end:%H:%M}",
                booking.room_name,
                booking.purpose,
                str(booking.people),
                booking_status(booking),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, booking.id)
                self.bookings.setItem(row, column, item)
        self.bookings.blockSignals(False)

    def booking_rows(self) -> list[list[str]]:
        return [
            [_cell(self.bookings, r, c) for c in range(self.bookings.columnCount())]
            for r in range(self.bookings.rowCount())
        ]

    # --- choosing -----------------------------------------------------------------------------

    def selected_booking_id(self) -> int | None:
        row = self.bookings.currentRow()
        if row >= 0 and self.bookings.selectionModel().isRowSelected(row):
            item = self.bookings.item(row, 0)
            value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
            if isinstance(value, int):
                return value
        key = self.board.selected()
        return key if isinstance(key, int) else None

    def selected_booking(self) -> RoomBooking | None:
        booking_id = self.selected_booking_id()
        return next((b for b in self._bookings if b.id == booking_id), None)

    def select_booking(self, booking_id: int) -> None:
        for row in range(self.bookings.rowCount()):
            item = self.bookings.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == booking_id:
                self.bookings.blockSignals(True)
                self.bookings.selectRow(row)
                self.bookings.blockSignals(False)
                self.board.select(booking_id)
                return

    def _block_chosen(self, key: object) -> None:
        if isinstance(key, int):
            self.select_booking(key)

    def _row_chosen(self) -> None:
        booking_id = self.selected_booking_id()
        if booking_id is not None:
            self.board.select(booking_id)

    def _free_cell(self, column: object, minute: int) -> None:
        if isinstance(column, int):
            self.book_room(room_id=column, at=time(minute // 60, minute % 60))

    # --- messages -----------------------------------------------------------------------------

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("role", "error" if error else "")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setVisible(bool(text))

    @property
    def message_text(self) -> str:
        return self.message.text() if not self.message.isHidden() else ""

    def _changed(self, select_id: int | None = None) -> None:
        self.refresh_board(select_id)
        self.state.data_changed.emit()

    def _span(self, booking: RoomBooking) -> str:
        start, end = booking.start.astimezone(self.zone), booking.end.astimezone(self.zone)
        return f"{start:%a} {start.day} {start:%b} {start:%H:%M}-{end:%H:%M}"

    # --- actions ------------------------------------------------------------------------------

    def booking_dialog(
        self, *, room_id: int | None = None, at: time | None = None
    ) -> RoomBookingDialog:
        return RoomBookingDialog(self.state, self, room_id=room_id, day=self.shown_day(), at=at)

    def repeat_dialog(self) -> RoomRepeatDialog:
        return RoomRepeatDialog(self.state, self, day=self.shown_day())

    def book_room(self, *, room_id: int | None = None, at: time | None = None) -> None:
        self._say("")
        dialog = self.booking_dialog(room_id=room_id, at=at)
        if dialog.exec() and dialog.bookings:
            booking = dialog.bookings[0]
            self._show_day_of(booking)
            self._say(f"Booked: {booking.room_name}, {self._span(booking)} ({booking.purpose}).")

    def repeat_booking(self) -> None:
        self._say("")
        dialog = self.repeat_dialog()
        if dialog.exec() and dialog.bookings:
            first = dialog.bookings[0]
            skipped = len(dialog.plan) - len(dialog.bookings)
            self._show_day_of(first)
            self._say(
                f"Booked {first.room_name} on {len(dialog.bookings)} dates from "
                f"{self._span(first)}"
                + (
                    f"; {skipped} clashing date{'s' if skipped != 1 else ''} skipped."
                    if skipped
                    else "."
                )
            )

    def _show_day_of(self, booking: RoomBooking) -> None:
        self.navigator.set_day(booking.start.astimezone(self.zone).date(), quiet=True)
        self._changed(booking.id)

    def private_room_now(self) -> None:
        """One key: the smallest suitable room free from now is booked at once."""
        self._say("")
        try:
            booking = self.state.services.rooms().private_room_now(self.state.actor)
        except ReceptionError as exc:
            self._say(f"Private room now: {exc}", error=True)
            return
        self.navigator.set_day(booking.start.astimezone(self.zone).date(), quiet=True)
        self._changed(booking.id)
        room = next(
            (r for r in self.state.services.rooms().rooms() if r.id == booking.room_id), None
        )
        where = f" ({room.location})" if room is not None and room.location else ""
        self._say(
            f"{booking.room_name}{where} is yours until "
            f"{booking.end.astimezone(self.zone):%H:%M}. Cancel the booking when you finish early."
        )

    def confirm(self, title: str, question: str) -> bool:
        """Ask a yes/no question (tests replace this method)."""
        answer = QMessageBox.question(
            self,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def cancel_booking(self) -> None:
        booking = self.selected_booking()
        if booking is None:
            self._say("Choose a booking on the board or in the list first.", error=True)
            return
        if not self.confirm(
            "Cancel room booking",
            f"Cancel {booking.room_name}, {self._span(booking)} ({booking.purpose})?",
        ):
            return
        try:
            self.state.services.rooms().cancel(self.state.actor, booking.id)
        except ReceptionError as exc:
            self._say(f"Cancel booking: {exc}", error=True)
            return
        self._changed()
        self._say(f"Cancelled: {booking.room_name}, {self._span(booking)}.")

    def release_no_shows(self) -> None:
        try:
            released = self.state.services.rooms().release_no_shows(self.state.actor)
        except ReceptionError as exc:
            self._say(f"Release no-shows: {exc}", error=True)
            return
        self._changed()
        if not released:
            self._say("No room is held for a customer who is late past the grace period.")
            return
        lines = "; ".join(f"{b.room_name} {self._span(b)} ({b.purpose})" for b in released)
        self._say(
            f"Released {len(released)} room booking{'s' if len(released) != 1 else ''}: {lines}."
        )


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""
