"""Rooms: the room board, booking a room once or again and again, and freeing rooms.

The board has rooms across, time down, the day's bookings and free gaps; a private room can
be had right now.

The board and the two lists are panels (ui/panels/room_board_panel.py, room_bookings_panel.py,
interview_rooms_panel.py); this page lays them out, keeps the board and the list on the same
booking, and owns the actions. Keys (ui/shortcuts.py): Ctrl+N book a room, F9 private room now, Ctrl+Shift+N repeat booking, Ctrl+Delete cancel
the chosen booking, Ctrl+Shift+R release rooms held for customers who have not come;
Alt+Left / Alt+Right / Alt+Home change the day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.changes import Topic
from reception_app.domain.errors import ReceptionError
from reception_app.domain.office_days import hours_text
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.room_booking_dialog import RoomBookingDialog
from reception_app.ui.dialogs.room_repeat_dialog import RoomRepeatDialog
from reception_app.ui.live import Reading, Show, keep_view
from reception_app.ui.pages.page import Page
from reception_app.ui.pages.rooms_reading import Board, RoomsView, read_board, read_rooms
from reception_app.ui.panels.interview_rooms_panel import InterviewRoomsPanel
from reception_app.ui.panels.room_board_panel import RoomBoardPanel
from reception_app.ui.panels.room_bookings_panel import RoomBookingsPanel
from reception_app.ui.shortcuts import bind, keys
from reception_app.ui.text import describe_status, when
from reception_app.ui.timeline import DayNavigator

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from reception_app.services.office_service import OfficeStatus
    from reception_app.services.room_service import RoomBooking

Action = tuple[str, str, str, Callable[[], None]]
"""(attribute of the button, its text, its key, what it does)."""


def today_text(status: OfficeStatus, calendar: OfficeCalendar) -> tuple[str, str]:
    """(title, detail) of the Today card: when rooms can be used today, and what now."""
    now = status.local_now
    intervals = calendar.opening_intervals(now.date())
    day = f"{now:%A} {now.day} {now:%B}"
    if not intervals:
        headline, _ = describe_status(status)
        detail = (
            f"Rooms can next be used {when(status.next_opening, now)}."
            if status.next_opening
            else "No opening hours are set: a manager adds them in Settings."
        )
        return f"Today, {day}: no rooms ({headline[0].lower()}{headline[1:]})", detail
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
    return f"Today, {day}: rooms can be used {hours_text(intervals)}", detail


class RoomsPage(Page):
    title = "Rooms"
    topics = frozenset({Topic.ROOMS, Topic.APPOINTMENTS, Topic.SETTINGS})

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self._zone: ZoneInfo | None = None
        self._calendar: OfficeCalendar | None = None
        self._bookings: list[RoomBooking] = []
        self._started = False
        self._shown: date | None = None
        """The day whose board is shown."""
        self._select_next: int | None = None
        """The booking to choose when the next live read arrives (the one just made)."""
        self.today_title = self.heading("", 1.2)
        self.today_detail = QLabel()
        self.today_detail.setWordWrap(True)
        self.navigator = DayNavigator()
        nav = QHBoxLayout()
        nav.addWidget(self.navigator)
        nav.addStretch(1)
        self.board_title = self.heading("", 1.1)
        self.board_title.setAccessibleName("Day shown")
        actions = self._build_actions()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Room messages")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # quotes a booking's purpose
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        splitter = self._build_views()

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

    def _build_actions(self) -> QHBoxLayout:
        """A button and a key per action."""
        self._actions: list[Action] = [
            ("book_button", "&Book a room", "new", self.book_room),
            ("now_button", "Private room &now", "room_now", self.private_room_now),
            ("repeat_button", "R&epeat booking", "repeat_booking", self.repeat_booking),
            ("cancel_button", "&Cancel booking", "cancel_booking", self.cancel_booking),
            ("release_button", "Re&lease no-shows", "release_no_shows", self.release_no_shows),
        ]
        actions = QHBoxLayout()
        for attribute, text, name, slot in self._actions:
            button = QPushButton(f"{text} ({keys(name)})")
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            setattr(self, attribute, button)
            actions.addWidget(button)
            bind(self, name, slot, text.replace("&", ""))
        actions.addStretch(1)
        return actions

    def _build_views(self) -> QSplitter:
        """The board above; the day's bookings and the rooms in tabs below."""
        self.board_scroll = RoomBoardPanel()
        self.board = self.board_scroll.grid
        self.bookings = RoomBookingsPanel()
        self.rooms_tab = InterviewRoomsPanel()
        self.rooms, self.note = self.rooms_tab.rooms, self.rooms_tab.note
        self.lists = QTabWidget()
        self.lists.setAccessibleName("Room lists")
        self.lists.addTab(self.bookings, "Bookin&gs")
        self.lists.addTab(self.rooms_tab, "&Interview rooms")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.board_scroll)
        splitter.addWidget(self.lists)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        return splitter

    # --- reading ------------------------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        assert self._zone is not None, "refresh() first"
        return self._zone

    def refresh(self) -> None:
        self._show_view(read_rooms(self.state.services, self._looking()))

    def live_reading(self, topics: frozenset[Topic]) -> tuple[Reading, Show] | None:
        """The office and the board of the day in view, off the GUI thread."""
        services, day = self.state.services, self._looking()

        def read() -> RoomsView:
            return read_rooms(services, day)

        def show(view: RoomsView) -> None:
            with keep_view(self):
                self._show_view(view, stale=day != self._looking())

        return read, show

    def _looking(self) -> date | None:
        return self.shown_day() if self._started else None

    def _show_view(self, view: RoomsView, *, stale: bool = False) -> None:
        """Show what was read; ``stale``: the desk moved to another day meanwhile (its own read
        showed that), so only the office is shown."""
        self._calendar = view.calendar
        self._zone = view.calendar.zone
        now = view.status.local_now
        self.navigator.set_today(now.date())
        if not self._started:
            self._started = True
            self.navigator.set_day(now.date(), quiet=True)
        title, detail = today_text(view.status, view.calendar)
        self.today_title.setText(title)
        self.today_detail.setText(detail)
        self.rooms_tab.show_rooms(view.profile.rooms)
        if view.problem:
            self._say(view.problem, error=True)
        elif view.board is not None and not stale:
            keep, self._select_next = self._select_next or self.selected_booking_id(), None
            self._show_board(view.board, keep)

    def shown_day(self) -> date:
        return self.navigator.day()

    def refresh_board(self, select_id: int | None = None) -> None:
        if self._calendar is None:
            return
        keep = select_id if select_id is not None else self.selected_booking_id()
        try:
            board = read_board(self.state.services, self.shown_day())
        except ReceptionError as exc:
            self._say(str(exc), error=True)
            return
        self._show_board(board, keep)

    def _show_board(self, board: Board, keep: int | None) -> None:
        assert self._calendar is not None
        day = self._shown = board.day
        self._bookings = board.bookings
        intervals = self._calendar.opening_intervals(day)
        self.board_scroll.show_day(
            day,
            intervals,
            board.rooms,
            self._bookings,
            self.zone,
            board.now,
            self._closed_text(day),
        )
        count = len(self._bookings)
        self.board_title.setText(
            f"{day:%A} {day.day} {day:%B %Y}: "
            + (f"open {hours_text(intervals)}" if intervals else self._closed_text(day))
            + f"; {count} booking{'s' if count != 1 else ''}"
        )
        self.bookings.show_bookings(self._bookings, self.zone)
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

    def booking_rows(self) -> list[list[str]]:
        return self.bookings.rows_text()

    # --- choosing -----------------------------------------------------------------------------

    def selected_booking_id(self) -> int | None:
        chosen = self.bookings.chosen_id()
        if chosen is not None:
            return chosen
        key = self.board.selected()
        return key if isinstance(key, int) else None

    def selected_booking(self) -> RoomBooking | None:
        booking_id = self.selected_booking_id()
        return next((b for b in self._bookings if b.id == booking_id), None)

    def select_booking(self, booking_id: int) -> None:
        if self.bookings.select_booking(booking_id):
            self.board.select(booking_id)

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
        """After an action: live, the change hub's notice of it re-reads the board once (off the
        GUI thread); otherwise, or when the action moved the board to another day, read here."""
        if self.state.live and self.shown_day() == self._shown:
            self._select_next = select_id
        else:
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
