"""Appointments and interview-room bookings: the conflict rule and the free-slot search (issue 4).

Pure functions over aware datetimes and an ``OfficeCalendar``; nothing here reads a clock or a
database. The one conflict rule, ``conflicting``, is used both by the slot search and by the
service that saves a booking inside its write transaction, so the list a receptionist picks from
and the check that guards the database can never disagree.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import ValidationError

SEARCH_DAYS = 120
"""How far ahead the slot search looks (calendar days) before giving up."""

_ONE_DAY = timedelta(days=1)
_ZERO = timedelta(0)


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


class PartOfDay(StrEnum):
    ANY = "any"
    MORNING = "morning"
    AFTERNOON = "afternoon"


NOON = time(12, 0)


@dataclass(frozen=True, slots=True)
class Busy:
    """Time a person or room is taken: aware datetimes; ``ref`` says by what (for messages)."""

    start: datetime
    end: datetime
    ref: str = ""


def conflicting(
    start: datetime, end: datetime, busy: Iterable[Busy], buffer: timedelta = _ZERO
) -> list[Busy]:
    """The bookings that ``[start, end)`` clashes with, keeping ``buffer`` clear on both sides.

    Two bookings of a room with a 10-minute buffer must be at least 10 minutes apart; with no
    buffer, back-to-back bookings (one ends 10:30, the next starts 10:30) are fine.
    """
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("booking times must be aware datetimes")
    return [b for b in busy if start < b.end + buffer and b.start < end + buffer]


@dataclass(frozen=True, slots=True)
class Officer:
    """Someone appointments can be booked with.

    ``pattern`` maps a weekday (0 = Monday) to working intervals in office local time; None
    means whenever the office is open; a weekday missing from the mapping is a day off.
    ``absences`` are inclusive (first day, last day) ranges.
    """

    staff_id: int
    name: str
    pattern: Mapping[int, tuple[tuple[time, time], ...]] | None = None
    absences: tuple[tuple[date, date], ...] = ()

    def absent_on(self, day: date) -> bool:
        return any(first <= day <= last for first, last in self.absences)


@dataclass(frozen=True, slots=True)
class Room:
    """An interview room a booking may need. ``hours`` None: the office's opening hours."""

    room_id: int
    name: str
    capacity: int
    buffer: timedelta = _ZERO
    hearing_loop: bool = False
    wheelchair_access: bool = False
    screen: bool = False
    hours: Mapping[int, tuple[tuple[time, time], ...]] | None = None

    def suits(self, needs: RoomNeeds) -> bool:
        return (
            self.capacity >= needs.people
            and (self.hearing_loop or not needs.hearing_loop)
            and (self.wheelchair_access or not needs.wheelchair_access)
            and (self.screen or not needs.screen)
        )


@dataclass(frozen=True, slots=True)
class RoomNeeds:
    people: int = 2
    """Everyone in the room, the officer included."""
    hearing_loop: bool = False
    wheelchair_access: bool = False
    screen: bool = False


@dataclass(frozen=True, slots=True)
class FreeSlot:
    """A bookable time: aware datetimes in the office zone, with whom and (if needed) where."""

    start: datetime
    end: datetime
    staff_id: int
    officer: str
    room_id: int | None = None
    room: str = ""


@dataclass(frozen=True, slots=True)
class SlotQuery:
    """What the desk asks for. ``officers`` are the candidates (one, or the whole team)."""

    minutes: int
    officers: Sequence[Officer]
    after: datetime
    """No slot starts before this (already includes the minimum notice)."""
    count: int = 5
    needs_room: bool = False
    rooms: Sequence[Room] = ()
    room_needs: RoomNeeds = field(default_factory=RoomNeeds)
    part_of_day: PartOfDay = PartOfDay.ANY
    first_day: date | None = None
    last_day: date | None = None
    step_minutes: int = 15


class BusyIndex:
    """Bookings per resource, sorted by start, for fast per-day lookups."""

    __slots__ = ("_items", "_starts")

    def __init__(self, busy: Iterable[Busy] = ()) -> None:
        self._items = sorted(busy, key=lambda b: b.start)
        self._starts = [b.start for b in self._items]

    def around(self, start: datetime, end: datetime, margin: timedelta = _ZERO) -> list[Busy]:
        """Bookings that may touch ``[start - margin, end + margin)``.

        Bookings are never longer than a day, so looking one day back is enough.
        """
        lo = bisect.bisect_left(self._starts, start - margin - _ONE_DAY)
        hi = bisect.bisect_left(self._starts, end + margin)
        return [b for b in self._items[lo:hi] if b.end + margin > start]

    def __len__(self) -> int:
        return len(self._items)


def free_slots(
    calendar: OfficeCalendar,
    query: SlotQuery,
    officer_busy: Mapping[int, BusyIndex],
    room_busy: Mapping[int, BusyIndex],
) -> list[FreeSlot]:
    """The ``query.count`` earliest free slots, each with a distinct start time.

    A slot lies on the ``step_minutes`` grid of the local day, starts no earlier than
    ``query.after``, sits wholly inside one opening interval of an open day (bank holidays and
    closure days have none), inside the officer's working pattern, not on a day of absence,
    clear of the officer's bookings and, when a room is needed, in a suitable room that is open
    and clear of that room's bookings by the room's buffer. Officers are tried in the given
    order, then rooms smallest first, so the first candidate gets the slot.
    """
    if query.after.tzinfo is None:
        raise ValueError("'after' must be an aware datetime")
    if query.minutes <= 0 or query.step_minutes <= 0:
        raise ValueError("slot length and step must be positive minutes")
    if query.count <= 0 or not query.officers:
        return []
    rooms: list[Room] = []
    if query.needs_room:
        rooms = sorted((r for r in query.rooms if r.suits(query.room_needs)), key=_room_order)
        if not rooms:
            return []
    earliest = calendar.to_local(query.after)
    length = timedelta(minutes=query.minutes)
    day = max(earliest.date(), query.first_day or earliest.date())
    found: list[FreeSlot] = []
    empty = BusyIndex()
    for _ in range(SEARCH_DAYS):
        if query.last_day is not None and day > query.last_day:
            break
        opening = calendar.opening_intervals(day)
        if opening:
            by_start: dict[datetime, FreeSlot] = {}
            room_windows = {r.room_id: _windows(calendar, day, opening, r.hours) for r in rooms}
            for officer in query.officers:
                if officer.absent_on(day):
                    continue
                busy = officer_busy.get(officer.staff_id, empty)
                for w_start, w_end in _windows(calendar, day, opening, officer.pattern):
                    day_busy = busy.around(w_start, w_end)
                    for start in _grid(calendar, day, w_start, query.step_minutes):
                        end = start + length
                        if end > w_end:
                            break
                        if start < earliest or start in by_start:
                            continue
                        if not _in_part(start, query.part_of_day):
                            continue
                        if conflicting(start, end, day_busy):
                            continue
                        room = _free_room(start, end, rooms, room_windows, room_busy, empty)
                        if query.needs_room and room is None:
                            continue
                        by_start[start] = FreeSlot(
                            start,
                            end,
                            officer.staff_id,
                            officer.name,
                            room.room_id if room else None,
                            room.name if room else "",
                        )
            for start in sorted(by_start):
                found.append(by_start[start])
                if len(found) == query.count:
                    return found
        day += _ONE_DAY
    return found


def _room_order(room: Room) -> tuple[int, int]:
    return (room.capacity, room.room_id)


def _free_room(
    start: datetime,
    end: datetime,
    rooms: Sequence[Room],
    windows: Mapping[int, list[tuple[datetime, datetime]]],
    room_busy: Mapping[int, BusyIndex],
    empty: BusyIndex,
) -> Room | None:
    for room in rooms:
        if not any(w0 <= start and end <= w1 for w0, w1 in windows[room.room_id]):
            continue
        nearby = room_busy.get(room.room_id, empty).around(start, end, room.buffer)
        if not conflicting(start, end, nearby, room.buffer):
            return room
    return None


def _in_part(start: datetime, part: PartOfDay) -> bool:
    if part is PartOfDay.MORNING:
        return start.time() < NOON
    if part is PartOfDay.AFTERNOON:
        return start.time() >= NOON
    return True


def _windows(
    calendar: OfficeCalendar,
    day: date,
    opening: list[tuple[datetime, datetime]],
    pattern: Mapping[int, tuple[tuple[time, time], ...]] | None,
) -> list[tuple[datetime, datetime]]:
    """The parts of the day's opening intervals inside a working pattern (None: all of them)."""
    if pattern is None:
        return opening
    windows: list[tuple[datetime, datetime]] = []
    for p_start, p_end in pattern.get(day.weekday(), ()):
        a = calendar.to_local(datetime.combine(day, p_start))
        b = calendar.to_local(datetime.combine(day, p_end))
        for o_start, o_end in opening:
            s, e = max(a, o_start), min(b, o_end)
            if s < e:
                windows.append((s, e))
    return windows


def _grid(calendar: OfficeCalendar, day: date, start: datetime, step: int) -> Iterable[datetime]:
    midnight = datetime.combine(day, time())
    offset = (start.replace(tzinfo=None) - midnight) // timedelta(minutes=1)
    k = -(-offset // step) * step
    while k < 24 * 60:
        yield calendar.to_local(midnight + timedelta(minutes=k))
        k += step


# --- checking one booking ---------------------------------------------------------------------


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
    windows = _windows(calendar, day, calendar.opening_intervals(day), officer.pattern)
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
    windows = _windows(calendar, day, calendar.opening_intervals(day), room.hours)
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


# --- repeat bookings --------------------------------------------------------------------------


class Repeat(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"


def repeat_starts(first: datetime, repeat: Repeat, occurrences: int) -> list[datetime]:
    """Start times of a repeating booking at the same local wall-clock time (across BST)."""
    if occurrences < 1 or occurrences > 104:
        raise ValidationError("A repeat booking has between 1 and 104 occurrences.", "occurrences")
    if first.tzinfo is None:
        raise ValueError("'first' must be aware")
    step = {Repeat.DAILY: 1, Repeat.WEEKLY: 7, Repeat.FORTNIGHTLY: 14}[repeat]
    zone = first.tzinfo
    wall = first.replace(tzinfo=None)
    return [(wall + timedelta(days=step * i)).replace(tzinfo=zone) for i in range(occurrences)]


def utc(at: datetime) -> datetime:
    return at.astimezone(UTC)


# --- what the desk sees -----------------------------------------------------------------------


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
    arrived, have not been called, and are ``prompt_after_minutes`` past the booked time (or
    past the new time they were last told)."""
    late = late_by(appointment, now)
    return late is not None and late >= prompt_after_minutes


class BookingRefused(ValidationError):
    """A booking that breaks a rule, with the nearest valid times to offer instead."""

    def __init__(
        self, message: str, field: str | None = None, alternatives: Sequence[FreeSlot] = ()
    ) -> None:
        super().__init__(message, field)
        self.alternatives = list(alternatives)
