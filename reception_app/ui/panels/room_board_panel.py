"""The Rooms page's board: a column per room, time down, the day's bookings and the time now.

Each booking has its set-up buffer drawn either side.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from reception_app.ui.timeline import (
    TimelineArea,
    TimelineBlock,
    TimelineColumn,
    minute_of,
    row_bounds,
    spans_of,
)

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from reception_app.services.room_service import RoomBooking, RoomInfo

NO_ROOMS = "This office has no interview rooms: a manager adds them in Settings."


def booking_status(booking: RoomBooking) -> str:
    if booking.appointment_id is None:
        return "Room booking" + (" (repeating)" if booking.series else "")
    return "Appointment: customer here" if booking.customer_arrived else "Appointment"


def room_blocks(bookings: Sequence[RoomBooking], day: date, zone: ZoneInfo) -> list[TimelineBlock]:
    """A block per booking, with its set-up buffer before and after (not selectable)."""
    blocks: list[TimelineBlock] = []
    for booking in bookings:
        start = minute_of(booking.start, day, zone)
        end = minute_of(booking.end, day, zone)
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
    return blocks


class RoomBoardPanel(TimelineArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Room board", parent)

    def show_day(
        self,
        day: date,
        opening: Sequence[tuple[datetime, datetime]],
        rooms: Sequence[RoomInfo],
        bookings: Sequence[RoomBooking],
        zone: ZoneInfo,
        now: datetime,
        closed: str,
    ) -> None:
        """``opening``: the day's opening intervals; ``closed``: why, when there are none."""
        now = now.astimezone(zone)
        spans = spans_of(opening)
        columns = [TimelineColumn(r.id, r.name, spans, r.features()) for r in rooms]
        first, last = row_bounds(columns)
        now_minute = now.hour * 60 + now.minute if now.date() == day else None
        message = ""
        if not spans:
            message = closed
        elif not rooms:
            message = NO_ROOMS
        self.grid.set_data(
            columns,
            room_blocks(bookings, day, zone),
            first=first,
            last=last,
            message=message,
            now=now_minute,
        )
        self.opened(day, now_minute)
