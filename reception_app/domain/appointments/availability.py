"""Who and what can be booked, and the one conflict rule.

``conflicting`` is used both by the slot search and by the service that saves a booking inside
its write transaction, so the list a receptionist picks from and the check that guards the
database can never disagree.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from reception_app.domain.calendar import OfficeCalendar

_ONE_DAY = timedelta(days=1)


_ZERO = timedelta(0)


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


def working_windows(
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
