"""One appointment as the screens and letters see it: its status, place and lateness."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    ARRIVED = "arrived"
    SEEN = "seen"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


OPEN_STATUSES = (AppointmentStatus.BOOKED.value, AppointmentStatus.ARRIVED.value)
"""Appointments that still hold their officer's (and room's) time."""


class Place(StrEnum):
    DESK = "desk"
    ROOM = "room"
    PHONE = "phone"
    HOME = "home"


PLACE_LABELS = {
    Place.DESK: "At the office desk",
    Place.ROOM: "In an interview room",
    Place.PHONE: "Phone call",
    Place.HOME: "Home visit",
}


@dataclass(frozen=True, slots=True)
class Appointment:
    """One appointment as the screens and letters see it; times are aware (UTC)."""

    id: int
    customer_name: str
    contact_id: int | None
    service_key: str
    service_name: str
    staff_id: int
    officer_name: str
    any_officer: bool
    start: datetime
    end: datetime
    place: Place
    room_id: int | None = None
    room_name: str = ""
    room_location: str = ""
    home_address: str = ""
    people: int = 2
    interpreter_language: str = ""
    hearing_loop: bool = False
    wheelchair_access: bool = False
    large_print: bool = False
    notes: str = ""
    status: AppointmentStatus = AppointmentStatus.BOOKED
    cancel_reason: str = ""
    arrived_at: datetime | None = None
    seen_at: datetime | None = None
    ticket: str | None = None
    delay_reason: str = ""
    delay_new_time: datetime | None = None
    delay_told_at: datetime | None = None

    @property
    def minutes(self) -> int:
        return int((self.end - self.start) / timedelta(minutes=1))

    @property
    def is_open(self) -> bool:
        return self.status.value in OPEN_STATUSES

    def where(self) -> str:
        """Where it happens, in a few words."""
        if self.place is Place.ROOM:
            return self.room_name or "Interview room"
        if self.place is Place.HOME:
            return "Home visit" + (
                f": {self.home_address.splitlines()[0]}" if self.home_address else ""
            )
        return PLACE_LABELS[self.place]

    def needs_text(self) -> str:
        parts = []
        if self.interpreter_language:
            parts.append(f"{self.interpreter_language} interpreter")
        if self.hearing_loop:
            parts.append("hearing loop")
        if self.wheelchair_access:
            parts.append("wheelchair access")
        if self.large_print:
            parts.append("large print")
        return ", ".join(parts)


def late_by(appointment: Appointment, now: datetime) -> float | None:
    """Minutes an arrived, not yet seen visitor has waited past their booked (or re-announced)
    time; None when they are not waiting or not yet due."""
    if appointment.status is not AppointmentStatus.ARRIVED or appointment.seen_at is not None:
        return None
    due = appointment.delay_new_time or appointment.start
    if now <= due:
        return None
    return (now - due) / timedelta(minutes=1)


def needs_delay_prompt(appointment: Appointment, now: datetime, prompt_after_minutes: int) -> bool:
    """The desk must tell the visitor why they are waiting and when they will be seen: they
    arrived, have not been called, and are ``prompt_after_minutes`` past the booked time, or
    past the new time they were last told at all (a promise is not given a grace period)."""
    late = late_by(appointment, now)
    if late is None:
        return False
    if appointment.delay_new_time is not None:  # the time they were told has passed: at once
        return late > 0
    return late >= prompt_after_minutes
