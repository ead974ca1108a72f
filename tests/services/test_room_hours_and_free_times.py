"""Rooms' own booking hours (Settings, the office file, the database) and the free times offered
when a room booking is refused."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from reception_app.domain.appointments import RoomNeeds
from reception_app.domain.errors import ProfileError, ValidationError
from reception_app.domain.offices import RoomProfile, parse_profile, shipped_profile
from reception_app.domain.people import StaffMember
from reception_app.persistence.office_repository import hours_to_json
from reception_app.services.container import AppServices
from reception_app.services.room_service import RoomService

MORNINGS = {d: ((time(9, 30), time(12, 30)),) for d in range(4)}
"""Monday to Thursday mornings; never on Fridays."""


LONDON = ZoneInfo("Europe/London")


def at(d: int, hh: int, mm: int = 0) -> datetime:
    """``d`` November 2026, London time (Tuesday 24th is today in the tests)."""
    return datetime(2026, 11, d, hh, mm, tzinfo=LONDON)


@pytest.fixture
def rooms(services: AppServices, manager: StaffMember) -> RoomService:
    return services.rooms()


def _room(services: AppServices, key: str) -> RoomProfile:
    return next(r for r in services.office.profile().rooms if r.key == key)


def _room_id(rooms: RoomService, key: str) -> int:
    return next(r.id for r in rooms.rooms() if r.key == key)


def test_a_rooms_hours_are_saved_read_back_and_cleared(
    services: AppServices, manager: StaffMember
) -> None:
    committee = _room(services, "CR")
    assert committee.hours is None  # the shipped rooms follow the office
    services.office.save_room(dataclasses.replace(committee, hours=MORNINGS), manager)
    saved = _room(services, "CR")
    assert saved.hours is not None
    assert saved.hours[1] == ((time(9, 30), time(12, 30)),)
    assert saved.hours[4] == ()  # a day not given cannot be booked
    services.office.save_room(dataclasses.replace(saved, hours=None), manager)
    assert _room(services, "CR").hours is None


def test_bad_room_hours_are_refused_naming_the_day(
    services: AppServices, manager: StaffMember
) -> None:
    committee = _room(services, "CR")
    overlapping = {2: ((time(9, 0), time(12, 0)), (time(11, 0), time(13, 0)))}
    with pytest.raises(ValidationError, match="Wednesday: the times overlap") as caught:
        services.office.save_room(dataclasses.replace(committee, hours=overlapping), manager)
    assert caught.value.field == "wednesday"
    with pytest.raises(ValidationError, match="at least one day") as never:
        services.office.save_room(dataclasses.replace(committee, hours={}), manager)
    assert never.value.field == "hours"
    assert _room(services, "CR").hours is None  # nothing saved


def test_the_office_file_may_give_a_room_its_own_hours() -> None:
    base = shipped_profile("hellesdon")
    data = {
        "office": {
            "key": "t",
            "name": "T",
            "site": "T",
            "address": ["1 Street"],
            "postcode": "NR6 5QB",
            "phone": "01603 301751",
            "email": "a@b.gov.uk",
            "out_of_hours": "Call 999.",
        },
        "hours": hours_to_json(base.opening_hours),
        "services": [{"key": "g", "name": "General", "ticket_prefix": "G"}],
        "desks": [{"key": "R1", "name": "Window"}],
        "rooms": [
            {"key": "A", "name": "Room A", "hours": {"monday": ["09:30-12:30"]}},
            {"key": "B", "name": "Room B"},
        ],
        "standards": {ch: std.to_dict() for ch, std in base.standards.items()},
    }
    profile = parse_profile(data, "test.toml")
    room_a, room_b = profile.rooms
    assert room_a.hours is not None and room_a.hours[0] == ((time(9, 30), time(12, 30)),)
    assert room_a.hours[1] == ()
    assert room_b.hours is None
    data["rooms"] = [{"key": "A", "name": "Room A", "hours": {"munday": ["09:30-12:30"]}}]
    with pytest.raises(ProfileError, match=r"rooms\[0\].hours: unknown day"):
        parse_profile(data, "test.toml")


def test_a_room_open_only_mornings_refuses_an_afternoon_booking_clearly(
    services: AppServices, manager: StaffMember, rooms: RoomService
) -> None:
    committee = _room(services, "CR")
    services.office.save_room(dataclasses.replace(committee, hours=MORNINGS), manager)
    room_id = _room_id(rooms, "CR")
    with pytest.raises(ValidationError) as refused:
        rooms.book(manager, room_id, at(25, 14), 60, "Planning surgery")
    assert str(refused.value).startswith(
        "Committee Room can only be booked 09:30-12:30 on Wednesdays."
    )
    assert refused.value.field == "start"
    with pytest.raises(ValidationError, match="cannot be booked on Fridays"):
        rooms.book(manager, room_id, at(27, 10), 30, "Planning surgery")
    assert rooms.board(date(2026, 11, 25)) == []
    # The morning is fine, and the free times offered stay in the morning.
    rooms.book(manager, room_id, at(25, 10), 60, "Planning surgery")
    assert [f"{t:%H:%M}" for t in rooms.free_times(room_id, at(25, 14), 60)] == [
        "11:15",
        "11:30",
    ]


def test_free_times_are_the_nearest_free_starts_by_the_buffer(
    services: AppServices, manager: StaffMember, rooms: RoomService
) -> None:
    interview = _room_id(rooms, "IR1")  # seats 3, 10-minute buffer
    rooms.book(manager, interview, at(25, 10), 60, "Meeting")  # 10:00-11:00
    # 10:30 asked for: the nearest starts clear of 10:00-11:00 by 10 minutes either side
    # (09:30-09:50 ends just the buffer before 10:00; 09:45 would not).
    assert [f"{t:%H:%M}" for t in rooms.free_times(interview, at(25, 10, 30), 20)] == [
        "09:30",
        "11:15",
        "11:30",
    ]
    # A date (no time): the earliest of the day; count is honoured.
    assert [f"{t:%H:%M}" for t in rooms.free_times(interview, date(2026, 11, 25), 20, 2)] == [
        "09:30",
        "11:15",
    ]
    # Nothing in the past (it is 10:30 on Tuesday 24 November), nothing on a closed day.
    today = rooms.free_times(interview, at(24, 9), 30)
    assert today and all(t >= at(24, 10, 30) for t in today)
    assert rooms.free_times(interview, date(2026, 11, 29), 30) == []  # a Sunday
    # A room that does not suit the needs has none to offer.
    assert rooms.free_times(interview, at(25, 14), 30, needs=RoomNeeds(people=5)) == []
    with pytest.raises(ValidationError, match="between 5 minutes"):
        rooms.free_times(interview, at(25, 14), 1)


def test_an_appointment_in_a_morning_only_room_is_refused_in_the_afternoon_with_its_hours(
    services: AppServices, manager: StaffMember, rooms: RoomService
) -> None:
    from reception_app.domain.appointments import BookingRefused, Place
    from reception_app.services.appointment_service import BookingRequest

    interview = _room(services, "IR1")
    services.office.save_room(dataclasses.replace(interview, hours=MORNINGS), manager)
    appointments = services.appointments()
    request = BookingRequest(
        "general",
        at(25, 14),
        customer_name="Ann",
        place=Place.ROOM,
        room_id=_room_id(rooms, "IR1"),
    )
    with pytest.raises(BookingRefused) as refused:
        appointments.book(manager, request)
    assert str(refused.value) == "Interview Room can only be booked 09:30-12:30 on Wednesdays."
    assert refused.value.field == "room"
    morning = appointments.book(manager, dataclasses.replace(request, start=at(25, 10)))
    assert morning.room_name == "Interview Room"
