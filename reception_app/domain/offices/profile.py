"""An office profile as the rules see it: hours, days off, desks, rooms, services, standards."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time

from reception_app.domain.standards import ChannelStandard

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


BANK_HOLIDAY_REGIONS = {
    "ENG": "England",
    "WLS": "Wales",
    "SCT": "Scotland",
    "NIR": "Northern Ireland",
}


Interval = tuple[time, time]


@dataclass(frozen=True, slots=True)
class DayOff:
    """A date the office does not work, with the reason shown in Settings."""

    day: date
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ServiceProfile:
    """An enquiry type visitors come for."""

    key: str
    name: str
    ticket_prefix: str
    default_minutes: int = 10
    needs_room: bool = False
    team: str = ""
    active: bool = True


@dataclass(frozen=True, slots=True)
class DeskProfile:
    """A reception desk or officer position; ``services`` None means it handles every service."""

    key: str
    name: str
    services: tuple[str, ...] | None = None
    active: bool = True


@dataclass(frozen=True, slots=True)
class RoomProfile:
    """A private interview room."""

    key: str
    name: str
    capacity: int = 2
    hearing_loop: bool = False
    wheelchair_access: bool = False
    screen: bool = False
    buffer_minutes: int = 10
    location: str = ""
    active: bool = True
    hours: Mapping[int, tuple[Interval, ...]] | None = None
    """Weekday (0 = Monday) -> when the room can be booked, in office local time (a weekday
    with no ranges: not that day); None: whenever the office is open. Never beyond the office's
    own opening hours: bookings must fit both."""


@dataclass(frozen=True, slots=True)
class OfficeProfile:
    """Everything office-specific that the rules need. Immutable; edit with ``dataclasses.replace``."""

    key: str
    name: str
    site: str
    address: tuple[str, ...]
    postcode: str
    phone: str
    email: str
    out_of_hours: str
    opening_hours: Mapping[int, tuple[Interval, ...]]
    """Weekday (0 = Monday) -> opening intervals, in office local time."""
    timezone: str = "Europe/London"
    bank_holiday_region: str = "ENG"
    website: str = ""
    directions: str = ""
    complaints_procedure: str = ""
    closure_days: tuple[DayOff, ...] = ()
    """Days this office is closed (e.g. a Christmas shutdown); still statutory working days."""
    extra_bank_holidays: tuple[DayOff, ...] = ()
    """One-off bank holidays not yet known to the holidays package; apply to every calendar."""
    desks: tuple[DeskProfile, ...] = ()
    rooms: tuple[RoomProfile, ...] = ()
    services: tuple[ServiceProfile, ...] = ()
    standards: Mapping[str, ChannelStandard] = field(default_factory=dict)

    def standard(self, channel: str) -> ChannelStandard:
        """The standard for ``channel``; ValueError names the valid channels."""
        try:
            return self.standards[channel]
        except KeyError:
            valid = ", ".join(sorted(self.standards))
            raise ValueError(f"unknown channel {channel!r}; valid channels: {valid}") from None

    def hours_text(self, weekday: int) -> str:
        """'09:30-16:00' style text for a weekday, or 'Closed'."""
        spans = self.opening_hours.get(weekday, ())
        if not spans:
            return "Closed"
        return ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in spans)
