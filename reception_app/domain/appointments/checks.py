"""Checking one booking: times, the officer's hours, the room's hours and needs, clashes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from reception_app.domain.appointments.availability import (
    Busy,
    Officer,
    Room,
    RoomNeeds,
    working_windows,
)
from reception_app.domain.appointments.slots import FreeSlot
from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import ValidationError

_ZERO = timedelta(0)


def check_times(
    calendar: OfficeCalendar,
    start: datetime,
    end: datetime,
    now: datetime,
    *,
    minimum_notice: timedelta = _ZERO,
    field_name: str = "start",
) -> None:
    """Refuse a booking that is in the past, ends before it starts, or is outside opening hours.

    The messages say why, in words a receptionist can repeat to the customer.
    """
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("booking times must be aware datetimes")
    if end <= start:
        raise ValidationError("The end time must be after the start time.", "end")
    if start < now:
        raise ValidationError("That time has already passed. Choose a later time.", field_name)
    if start < now + minimum_notice:
        minutes = int(minimum_notice / timedelta(minutes=1))
        raise ValidationError(
            f"Appointments need at least {_duration(minutes)} notice. Choose a later time.",
            field_name,
        )
    local_start = calendar.to_local(start)
    local_end = calendar.to_local(end)
    day = local_start.date()
    if calendar.is_bank_holiday(day):
        name = calendar.bank_holiday_name(day) or "a bank holiday"
        raise ValidationError(f"{day:%A %-d %B %Y} is {name}; the office is closed.", field_name)
    if calendar.is_closure_day(day):
        raise ValidationError(f"The office is closed on {day:%A %-d %B %Y}.", field_name)
    intervals = calendar.opening_intervals(day)
    if not intervals:
        raise ValidationError(f"The office is not open on {day:%A}s.", field_name)
    if not any(o_start <= local_start and local_end <= o_end for o_start, o_end in intervals):
        hours = ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in intervals)
        raise ValidationError(
            f"That is outside opening hours. On {day:%A %-d %B} the office is open {hours}.",
            field_name,
        )


def check_officer_available(
    officer: Officer, calendar: OfficeCalendar, start: datetime, end: datetime
) -> None:
    """Refuse a time the officer does not work or is away."""
    local_start = calendar.to_local(start)
    day = local_start.date()
    if officer.absent_on(day):
        raise ValidationError(f"{officer.name} is away on {day:%A %-d %B}.", "officer")
    if officer.pattern is None:
        return
    windows = working_windows(calendar, day, calendar.opening_intervals(day), officer.pattern)
    local_end = calendar.to_local(end)
    if not any(w0 <= local_start and local_end <= w1 for w0, w1 in windows):
        if windows:
            hours = ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in windows)
            raise ValidationError(f"{officer.name} works {hours} on {day:%A}s.", "officer")
        raise ValidationError(f"{officer.name} does not work on {day:%A}s.", "officer")


def check_room_open(room: Room, calendar: OfficeCalendar, start: datetime, end: datetime) -> None:
    if room.hours is None:
        return
    day = calendar.to_local(start).date()
    windows = working_windows(calendar, day, calendar.opening_intervals(day), room.hours)
    local_start, local_end = calendar.to_local(start), calendar.to_local(end)
    if not any(w0 <= local_start and local_end <= w1 for w0, w1 in windows):
        if not windows:
            raise ValidationError(f"{room.name} cannot be booked on {day:%A}s.", "room")
        hours = ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in windows)
        raise ValidationError(f"{room.name} can only be booked {hours} on {day:%A}s.", "room")


def check_room_suits(room: Room, needs: RoomNeeds) -> None:
    if room.capacity < needs.people:
        raise ValidationError(
            f"{room.name} seats {room.capacity}; this booking is for {needs.people} people.",
            "room",
        )
    missing = [
        label
        for wanted, has, label in (
            (needs.hearing_loop, room.hearing_loop, "a hearing loop"),
            (needs.wheelchair_access, room.wheelchair_access, "wheelchair access"),
            (needs.screen, room.screen, "a screen"),
        )
        if wanted and not has
    ]
    if missing:
        raise ValidationError(f"{room.name} does not have {' or '.join(missing)}.", "room")


def describe_clash(kind: str, clash: Sequence[Busy], calendar: OfficeCalendar) -> str:
    first = clash[0]
    a, b = calendar.to_local(first.start), calendar.to_local(first.end)
    what = f" ({first.ref})" if first.ref else ""
    return f"{kind} is already booked {a:%H:%M}-{b:%H:%M} on {a:%a %-d %b}{what}."


def _duration(minutes: int) -> str:
    """'1 hour's', '2 hours'', '30 minutes'' (as in "at least 1 hour's notice")."""
    if minutes % (24 * 60) == 0 and minutes >= 24 * 60:
        count, unit = minutes // (24 * 60), "day"
    elif minutes % 60 == 0 and minutes >= 60:
        count, unit = minutes // 60, "hour"
    else:
        count, unit = minutes, "minute"
    return f"{count} {unit}'s" if count == 1 else f"{count} {unit}s'"


class BookingRefused(ValidationError):
    """A booking that breaks a rule, with the nearest valid times to offer instead."""

    def __init__(
        self, message: str, field: str | None = None, alternatives: Sequence[FreeSlot] = ()
    ) -> None:
        super().__init__(message, field)
        self.alternatives = list(alternatives)
