"""Rooms: the private interview rooms, what each offers, and when they can be used today."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.offices import RoomProfile
from reception_app.ui.desk_state import DeskState
from reception_app.ui.pages.page import Page
from reception_app.ui.text import describe_status, when
from reception_app.ui.theme import scaled_font

ROOM_HEADERS = ("Room", "Capacity", "Features", "Set-up buffer", "Location")

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


class RoomsPage(Page):
    title = "Rooms"

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.today_title = self.heading("", 1.2)
        self.today_detail = QLabel()
        self.today_detail.setWordWrap(True)

        self.rooms = QTableWidget(0, len(ROOM_HEADERS))
        self.rooms.setHorizontalHeaderLabels(list(ROOM_HEADERS))
        self.rooms.setAccessibleName("Interview rooms")
        self.rooms.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rooms.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rooms.setAlternatingRowColors(True)
        self.rooms.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.rooms.verticalHeader().hide()
        header = self.rooms.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(ROOM_HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        rows = self.rooms.verticalHeader()
        # A long location wraps (large text) instead of being cut off.
        rows.setMinimumSectionSize(rows.defaultSectionSize())
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rooms_label = QLabel("&Interview rooms")
        rooms_label.setFont(scaled_font(self.font(), 1.2, bold=True))
        rooms_label.setBuddy(self.rooms)
        self.note = QLabel(ROOMS_NOTE)
        self.note.setWordWrap(True)
        self.note.setProperty("role", "hint")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading("Rooms"))
        layout.addWidget(self.card(self.today_title, self.today_detail))
        layout.addWidget(rooms_label)
        layout.addWidget(self.rooms)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def refresh(self) -> None:
        office = self.state.services.office
        profile = office.profile()
        status = office.status()
        calendar = OfficeCalendar.from_profile(profile)
        now = status.local_now
        intervals = calendar.opening_intervals(now.date())
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
