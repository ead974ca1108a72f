"""What the Rooms page shows, read in one go (on a worker thread when live: ui/live.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import ReceptionError
from reception_app.domain.offices import OfficeProfile
from reception_app.services.container import AppServices
from reception_app.services.office_service import OfficeStatus
from reception_app.services.room_views import RoomBooking, RoomInfo


@dataclass(frozen=True)
class Board:
    """The room board of one day."""

    day: date
    rooms: list[RoomInfo]
    bookings: list[RoomBooking]
    now: datetime


@dataclass(frozen=True)
class RoomsView:
    profile: OfficeProfile
    status: OfficeStatus
    calendar: OfficeCalendar
    board: Board | None
    """None: the service refused (``problem`` says why)."""
    problem: str = ""


def read_board(services: AppServices, day: date) -> Board:
    """The rooms and the day's bookings (raises the service's refusal)."""
    service = services.rooms()
    rooms = service.rooms()
    return Board(day, rooms, service.board(day), services.context.clock())


def read_rooms(services: AppServices, day: date | None) -> RoomsView:
    """The office, whether it is open, and the board of ``day`` (None: today). Touches no
    widget: safe on a worker thread."""
    office = services.office
    profile = office.profile()
    status = office.status()
    calendar = OfficeCalendar.from_profile(profile)
    try:
        board = read_board(services, day or status.local_now.date())
    except ReceptionError as exc:
        return RoomsView(profile, status, calendar, None, str(exc))
    return RoomsView(profile, status, calendar, board)
