"""The Rooms tab: the private interview rooms visitors can ask for."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reception_app.domain.offices import WEEKDAYS, OfficeProfile, RoomProfile
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.setting_dialogs import RoomDialog
from reception_app.ui.pages.settings.hours_tab import hours_text
from reception_app.ui.pages.settings.list_tab import ListTab
from reception_app.ui.pages.settings.tab import yes_no


class RoomsTab(ListTab):
    def __init__(self, state: DeskState, after_save: Callable[[], None]) -> None:
        office = state.services.office
        super().__init__(
            state,
            after_save,
            intro="Private interview rooms visitors can ask for. The gap between bookings "
            "leaves time to tidy the room. A room can be booked whenever the office is open "
            "unless it is given its own times.",
            headers=[
                "Room",
                "Seats",
                "Hearing loop",
                "Wheelchair",
                "Screen",
                "Gap",
                "Active",
                "Can be booked",
                "Where",
            ],
            noun="interview room",
            rows=_room_rows,
            dialog=lambda profile, room, parent: RoomDialog(
                lambda r: office.save_room(r, state.actor),
                [r.key for r in profile.rooms],
                room,
                parent,
                office_hours=profile.opening_hours,
            ),
        )


def room_hours_text(room: RoomProfile) -> str:
    """'Office hours', or the room's own times by day: 'Mon 09:00-12:30; Tue 09:00-12:30'."""
    if room.hours is None:
        return "Office hours"
    days = [
        f"{WEEKDAYS[d][:3].capitalize()} {hours_text(spans)}"
        for d, spans in sorted(room.hours.items())
        if spans
    ]
    return "; ".join(days) or "Never"


def _room_rows(profile: OfficeProfile) -> list[tuple[Any, Sequence[str]]]:
    return [
        (
            room,
            [
                room.name,
                str(room.capacity),
                yes_no(room.hearing_loop),
                yes_no(room.wheelchair_access),
                yes_no(room.screen),
                f"{room.buffer_minutes} min",
                yes_no(room.active),
                room_hours_text(room),
                room.location,
            ],
        )
        for room in profile.rooms
    ]
