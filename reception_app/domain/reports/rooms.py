"""The interview rooms section: use per room against the office's opening hours."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.reports.figures import FigureTable, Section, local_time, percent_text


@dataclass(frozen=True, slots=True)
class RoomBookingRow:
    id: int
    room: str
    starts_at: datetime
    ends_at: datetime
    status: str
    """booked, released or cancelled: only 'booked' counts as use."""
    purpose: str = ""


ROOM_HEADERS = ("Room", "Day", "From", "To", "Hours", "Purpose")


def rooms_section(
    rows: Sequence[RoomBookingRow],
    rooms: Sequence[str],
    open_hours: float,
    calendar: OfficeCalendar,
) -> tuple[Section, dict[str, tuple[tuple[str, ...], ...]]]:
    """Use per room: bookings, hours booked and the share of the office's opening hours."""
    used = [r for r in rows if r.status == "booked"]
    table_rows = []
    selectors = []
    extra: dict[str, tuple[tuple[str, ...], ...]] = {"headers:rooms": (ROOM_HEADERS,)}
    for room in sorted({*rooms, *(r.room for r in used)}, key=str.casefold):
        mine = sorted((r for r in used if r.room == room), key=lambda r: r.starts_at)
        hours = math.fsum((r.ends_at - r.starts_at).total_seconds() / 3600 for r in mine)
        share = percent_text(hours / open_hours) if open_hours else "-"
        table_rows.append((room, str(len(mine)), f"{hours:.1f}", share))
        selectors.append(f"rooms:room:{room}")
        extra[f"rooms:room:{room}"] = tuple(
            (
                r.room,
                f"{calendar.to_local(r.starts_at):%a %d %b %Y}",
                local_time(calendar, r.starts_at),
                local_time(calendar, r.ends_at),
                f"{(r.ends_at - r.starts_at).total_seconds() / 3600:.1f}",
                r.purpose,
            )
            for r in mine
        )
    table = FigureTable(
        "rooms",
        f"Use per room ({open_hours:.1f} opening hours in the period)",
        ("Room", "Bookings", "Hours booked", "Share of opening hours"),
        tuple(table_rows),
        tuple(selectors),
    )
    return Section("rooms", "Interview rooms", tables=(table,)), extra
