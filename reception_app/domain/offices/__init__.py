"""Office profiles: the council-specific facts (hours, desks, rooms, services, standards) as data.

Profiles ship as TOML files in ``resources/offices/``; the app copies them into the database on
first start and edits are saved there. ``parse_profile`` turns a TOML mapping into an
``OfficeProfile`` and names any missing or malformed field.

One module per part: ``profile`` (the dataclasses), ``parsing`` (reading and checking a
profile) and ``shipped`` (the profiles that come with the app). Every public name is
re-exported here.
"""

from reception_app.domain.offices.parsing import (
    BUFFER_MINUTES_RANGE,
    CAPACITY_RANGE,
    DEFAULT_MINUTES_RANGE,
    KEY_LENGTH,
    LONG_TEXT_LENGTH,
    NAME_LENGTH,
    OFFICE_TEXT_LENGTHS,
    REQUIRED_OFFICE_FIELDS,
    TICKET_PREFIX_LENGTH,
    load_profile_text,
    parse_hours,
    parse_interval,
    parse_profile,
)
from reception_app.domain.offices.profile import (
    BANK_HOLIDAY_REGIONS,
    WEEKDAYS,
    DayOff,
    DeskProfile,
    Interval,
    OfficeProfile,
    RoomProfile,
    ServiceProfile,
)
from reception_app.domain.offices.shipped import shipped_profile, shipped_profile_keys

__all__ = [
    "BANK_HOLIDAY_REGIONS",
    "BUFFER_MINUTES_RANGE",
    "CAPACITY_RANGE",
    "DEFAULT_MINUTES_RANGE",
    "DayOff",
    "DeskProfile",
    "Interval",
    "KEY_LENGTH",
    "LONG_TEXT_LENGTH",
    "NAME_LENGTH",
    "OFFICE_TEXT_LENGTHS",
    "OfficeProfile",
    "REQUIRED_OFFICE_FIELDS",
    "RoomProfile",
    "ServiceProfile",
    "TICKET_PREFIX_LENGTH",
    "WEEKDAYS",
    "load_profile_text",
    "parse_hours",
    "parse_interval",
    "parse_profile",
    "shipped_profile",
    "shipped_profile_keys",
]
