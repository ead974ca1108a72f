"""The free-slot search: the earliest times an officer (and, if needed, a room) is free."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from reception_app.domain.appointments.availability import (
    BusyIndex,
    Officer,
    Room,
    RoomNeeds,
    conflicting,
    working_windows,
)
from reception_app.domain.calendar import OfficeCalendar

SEARCH_DAYS = 120
"""How far ahead the slot search looks (calendar days) before giving up."""

_ONE_DAY = timedelta(days=1)


class PartOfDay(StrEnum):
    ANY = "any"
    MORNING = "morning"
    AFTERNOON = "afternoon"


NOON = time(12, 0)


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
    search = _DaySearch(calendar, query, officer_busy, room_busy, rooms, earliest)
    day = max(earliest.date(), query.first_day or earliest.date())
    found: list[FreeSlot] = []
    for _ in range(SEARCH_DAYS):
        if query.last_day is not None and day > query.last_day:
            break
        by_start = search.slots_on(day)
        for start in sorted(by_start):
            found.append(by_start[start])
            if len(found) == query.count:
                return found
        day += _ONE_DAY
    return found


@dataclass(frozen=True, slots=True)
class _DaySearch:
    """One slot search, a day at a time."""

    calendar: OfficeCalendar
    query: SlotQuery
    officer_busy: Mapping[int, BusyIndex]
    room_busy: Mapping[int, BusyIndex]
    rooms: Sequence[Room]
    """The rooms that suit the booking, smallest first (none when no room is needed)."""
    earliest: datetime

    def slots_on(self, day: date) -> dict[datetime, FreeSlot]:
        """The first candidate's slot at each free start time of ``day`` (unsorted)."""
        calendar, query, rooms, earliest = self.calendar, self.query, self.rooms, self.earliest
        by_start: dict[datetime, FreeSlot] = {}
        opening = calendar.opening_intervals(day)
        if not opening:
            return by_start
        length = timedelta(minutes=query.minutes)
        empty = BusyIndex()
        room_windows = {r.room_id: working_windows(calendar, day, opening, r.hours) for r in rooms}
        for officer in query.officers:
            if officer.absent_on(day):
                continue
            busy = self.officer_busy.get(officer.staff_id, empty)
            for w_start, w_end in working_windows(calendar, day, opening, officer.pattern):
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
                    room = _free_room(start, end, rooms, room_windows, self.room_busy, empty)
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
        return by_start


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


def _grid(calendar: OfficeCalendar, day: date, start: datetime, step: int) -> Iterable[datetime]:
    midnight = datetime.combine(day, time())
    offset = (start.replace(tzinfo=None) - midnight) // timedelta(minutes=1)
    k = -(-offset // step) * step
    while k < 24 * 60:
        yield calendar.to_local(midnight + timedelta(minutes=k))
        k += step
