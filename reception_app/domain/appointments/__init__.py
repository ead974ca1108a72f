"""Appointments and interview-room bookings: the conflict rule and the free-slot search (issue 4).

Pure functions over aware datetimes and an ``OfficeCalendar``; nothing here reads a clock or a
database. The one conflict rule, ``conflicting``, is used both by the slot search and by the
service that saves a booking inside its write transaction, so the list a receptionist picks from
and the check that guards the database can never disagree.

One module per part: ``appointment`` (what the desk sees), ``availability`` (officers, rooms,
their bookings and the conflict rule), ``slots`` (the free-slot search), ``checks`` (checking
one booking) and ``repeats`` (repeat bookings). Every public name is re-exported here.
"""

from reception_app.domain.appointments.appointment import (
    OPEN_STATUSES,
    PLACE_LABELS,
    Appointment,
    AppointmentStatus,
    Place,
    late_by,
    needs_delay_prompt,
)
from reception_app.domain.appointments.availability import (
    Busy,
    BusyIndex,
    Officer,
    Room,
    RoomNeeds,
    conflicting,
)
from reception_app.domain.appointments.checks import (
    BookingRefused,
    check_officer_available,
    check_room_open,
    check_room_suits,
    check_times,
    describe_clash,
)
from reception_app.domain.appointments.repeats import Repeat, repeat_starts, utc
from reception_app.domain.appointments.slots import (
    NOON,
    SEARCH_DAYS,
    FreeSlot,
    PartOfDay,
    SlotQuery,
    free_slots,
)

__all__ = [
    "Appointment",
    "AppointmentStatus",
    "BookingRefused",
    "Busy",
    "BusyIndex",
    "FreeSlot",
    "NOON",
    "OPEN_STATUSES",
    "Officer",
    "PLACE_LABELS",
    "PartOfDay",
    "Place",
    "Repeat",
    "Room",
    "RoomNeeds",
    "SEARCH_DAYS",
    "SlotQuery",
    "check_officer_available",
    "check_room_open",
    "check_room_suits",
    "check_times",
    "conflicting",
    "describe_clash",
    "free_slots",
    "late_by",
    "needs_delay_prompt",
    "repeat_starts",
    "utc",
]
