"""The Rooms page's "Interview rooms" tab: each room and the rule about offering one.

Each room's capacity, features, set-up buffer and where it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QTableWidgetItem, QVBoxLayout, QWidget

from reception_app.domain.offices import RoomProfile
from reception_app.ui.panels.read_only_table import ReadOnlyTable

ROOM_HEADERS = ("Room", "Capacity", "Features", "Set-up buffer", "Location")

ROOMS_NOTE = (
    "Offer a private room to anyone discussing personal matters or who asks for one. A room is "
    "never double-booked, and its set-up buffer is kept free between bookings to get it ready."
)
NO_ROOMS_NOTE = "This office has no interview rooms listed: a manager adds them in Settings."


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


class InterviewRoomsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rooms = ReadOnlyTable(
            ROOM_HEADERS, "Interview rooms", len(ROOM_HEADERS) - 1, single_selection=True
        )
        self.rooms.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.note = QLabel(ROOMS_NOTE)
        self.note.setWordWrap(True)
        self.note.setProperty("role", "hint")
        column = QVBoxLayout(self)
        column.addWidget(self.rooms, 1)
        column.addWidget(self.note)

    def show_rooms(self, rooms: Sequence[RoomProfile]) -> None:
        """The office's active rooms (``rooms`` as the profile lists them)."""
        shown = [r for r in rooms if r.active]
        self.rooms.setRowCount(len(shown))
        for row, room in enumerate(shown):
            for column, text in enumerate(room_cells(room)):
                self.rooms.setItem(row, column, QTableWidgetItem(text))
        self.note.setText(ROOMS_NOTE if shown else NO_ROOMS_NOTE)
