"""Interview rooms and their bookings as the board, the booking dialogs and the repeat plan
show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reception_app.persistence.appointment_records import RoomBookingRecord
from reception_app.persistence.records import InterviewRoomRecord


@dataclass(frozen=True, slots=True)
class RoomInfo:
    id: int
    key: str
    name: str
    capacity: int
    hearing_loop: bool
    wheelchair_access: bool
    screen: bool
    buffer_minutes: int
    location: str

    def features(self) -> str:
        parts = [f"seats {self.capacity}"]
        if self.hearing_loop:
            parts.append("hearing loop")
        if self.wheelchair_access:
            parts.append("wheelchair access")
        if self.screen:
            parts.append("screen")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class RoomBooking:
    id: int
    room_id: int
    room_name: str
    start: datetime
    end: datetime
    purpose: str
    people: int
    status: str
    appointment_id: int | None
    series: str | None
    buffer_minutes: int
    customer_arrived: bool | None = None
    """For an appointment's booking: whether the customer has arrived (None: not one)."""


@dataclass(frozen=True, slots=True)
class PlannedOccurrence:
    """One date of a repeat booking, as shown before confirming: ``clash`` explains a conflict."""

    start: datetime
    end: datetime
    clash: str = ""

    @property
    def free(self) -> bool:
        return not self.clash


def room_info(room: InterviewRoomRecord) -> RoomInfo:
    return RoomInfo(
        room.id,
        room.key,
        room.name,
        room.capacity,
        room.hearing_loop,
        room.wheelchair_access,
        room.screen,
        room.buffer_minutes,
        room.location,
    )


def room_booking(record: RoomBookingRecord) -> RoomBooking:
    appointment = record.appointment
    return RoomBooking(
        id=record.id,
        room_id=record.room_id,
        room_name=record.room.name,
        start=record.starts_at,
        end=record.ends_at,
        purpose=record.purpose,
        people=record.people,
        status=record.status,
        appointment_id=record.appointment_id,
        series=record.series,
        buffer_minutes=record.room.buffer_minutes,
        customer_arrived=None if appointment is None else appointment.status != "booked",
    )
