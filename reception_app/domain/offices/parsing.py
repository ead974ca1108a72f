"""Reading a profile from TOML: every field checked, and any missing or malformed one named
with the file and the table it is in."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from datetime import date, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reception_app.domain.errors import ProfileError
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
from reception_app.domain.standards import CHANNELS, CLOCK_NAMES, ChannelStandard

REQUIRED_OFFICE_FIELDS = (
    "key",
    "name",
    "site",
    "address",
    "postcode",
    "phone",
    "email",
    "out_of_hours",
)


# Column lengths in persistence/records.py: a longer value would be cut off or refused on save.
KEY_LENGTH = 40


NAME_LENGTH = 120


LONG_TEXT_LENGTH = 255


OFFICE_TEXT_LENGTHS = {
    "key": KEY_LENGTH,
    "name": NAME_LENGTH,
    "site": NAME_LENGTH,
    "postcode": 40,
    "phone": 40,
    "email": LONG_TEXT_LENGTH,
    "website": LONG_TEXT_LENGTH,
}


TICKET_PREFIX_LENGTH = 3


# The database refuses values below these (CHECK constraints); the upper ends match the
# Settings dialogs, so a file never holds a number the dialog would silently clamp, and keep
# numbers far inside what the database can store.
CAPACITY_RANGE = (1, 500)


BUFFER_MINUTES_RANGE = (0, 120)


DEFAULT_MINUTES_RANGE = (1, 480)


_TYPE_WORDS = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    date: "a date",
}


def _req(table: Mapping[str, Any], name: str, where: str, kind: type | tuple[type, ...]) -> Any:
    if name not in table:
        raise ProfileError(f"{where}: the field '{name}' is missing.")
    value = table[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        kinds = kind if isinstance(kind, tuple) else (kind,)
        expected = " or ".join(_TYPE_WORDS.get(k, k.__name__) for k in kinds)
        raise ProfileError(f"{where}: the field '{name}' must be {expected}, not {value!r}.")
    return value


def _opt(table: Mapping[str, Any], name: str, where: str, kind: type, default: Any) -> Any:
    if name not in table:
        return default
    return _req(table, name, where, kind)


def _check_length(value: str, name: str, where: str, limit: int) -> str:
    if len(value) > limit:
        raise ProfileError(
            f"{where}: the field '{name}' is {len(value)} characters long; "
            f"keep it to {limit} or fewer."
        )
    return value


def _text(
    table: Mapping[str, Any], name: str, where: str, limit: int, default: str | None = None
) -> str:
    """A text field no longer than ``limit``; required when ``default`` is None."""
    if default is None:
        value = _req(table, name, where, str)
    else:
        value = _opt(table, name, where, str, default)
    return _check_length(value, name, where, limit)


def _key(table: Mapping[str, Any], where: str) -> str:
    """The 'key' field: required, not blank, and short enough for its column."""
    value = _text(table, "key", where, KEY_LENGTH)
    if not value.strip():
        raise ProfileError(f"{where}: the field 'key' must not be empty.")
    return value


def _number(
    table: Mapping[str, Any], name: str, where: str, default: int, allowed: tuple[int, int]
) -> int:
    """A whole-number field within ``allowed`` (inclusive)."""
    value: int = _opt(table, name, where, int, default)
    low, high = allowed
    if not low <= value <= high:
        raise ProfileError(
            f"{where}: the field '{name}' must be from {low} to {high}, not {value}."
        )
    return value


def _ticket_prefix(table: Mapping[str, Any], where: str) -> str:
    value: str = _req(table, "ticket_prefix", where, str)
    # A to Z only: the letters start the ticket numbers shown on the 'Now serving' screen.
    if len(value) > TICKET_PREFIX_LENGTH or not (value.isascii() and value.isalpha()):
        raise ProfileError(
            f"{where}: the field 'ticket_prefix' must be 1 to {TICKET_PREFIX_LENGTH} letters "
            f"(A to Z), not {value!r}."
        )
    return value


def _timezone(table: Mapping[str, Any], where: str) -> str:
    value: str = _opt(table, "timezone", where, str, "Europe/London")
    # Checked now rather than when the calendar is built, so a typo names the file.
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: some platforms raise it for a folder name such as "Europe".
        raise ProfileError(
            f"{where}: timezone '{value}' is not a time zone like Europe/London."
        ) from None
    return value


def _tables(data: Mapping[str, Any], name: str, source: str) -> list[dict[str, Any]]:
    """The ``[[name]]`` array of tables (empty if absent); ProfileError if it has another shape."""
    items = data.get(name, [])
    if not isinstance(items, list):
        raise ProfileError(f"{source} {name}: must be a list of [[{name}]] tables.")
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise ProfileError(f"{source} {name}[{i}]: must be a table.")
    return items


def _unique_keys(
    items: Iterable[ServiceProfile | DeskProfile | RoomProfile], what: str, source: str
) -> set[str]:
    keys: set[str] = set()
    for item in items:
        if item.key in keys:
            raise ProfileError(f"{source}: two {what} share a key ('{item.key}').")
        keys.add(item.key)
    return keys


def parse_interval(text: str, where: str) -> Interval:
    """'09:30-16:00' -> (time(9, 30), time(16, 0)); ProfileError if malformed or backwards."""
    try:
        start_text, end_text = text.split("-")
        start, end = time.fromisoformat(start_text.strip()), time.fromisoformat(end_text.strip())
    except ValueError:
        raise ProfileError(f"{where}: '{text}' is not a time range like 09:30-16:00.") from None
    if end <= start:
        raise ProfileError(f"{where}: '{text}' ends before it starts.")
    return (start, end)


def parse_hours(table: Mapping[str, Any], where: str) -> dict[int, tuple[Interval, ...]]:
    unknown = set(table) - set(WEEKDAYS)
    if unknown:
        raise ProfileError(
            f"{where}: unknown day(s) {', '.join(sorted(unknown))}; use monday..sunday."
        )
    hours: dict[int, tuple[Interval, ...]] = {}
    for index, day in enumerate(WEEKDAYS):
        spans = table.get(day, [])
        if not isinstance(spans, list):
            raise ProfileError(f'{where}.{day}: must be a list of ranges like ["09:30-16:00"].')
        parsed = sorted(parse_interval(str(s), f"{where}.{day}") for s in spans)
        for (_, end), (start, _) in zip(parsed, parsed[1:], strict=False):
            if start < end:
                raise ProfileError(f"{where}.{day}: opening times overlap.")
        hours[index] = tuple(parsed)
    return hours


def _room_hours(item: Mapping[str, Any], where: str) -> dict[int, tuple[Interval, ...]] | None:
    """A room's optional ``hours`` table (like [hours]); absent: the office's opening hours."""
    table = item.get("hours")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ProfileError(
            f'{where}: hours must be a table like {{ monday = ["09:30-12:30"] }}, or left out '
            "for the office's opening hours."
        )
    return parse_hours(table, f"{where}.hours")


def _days_off(items: Any, where: str) -> tuple[DayOff, ...]:
    if not isinstance(items, list):
        raise ProfileError(f"{where}: must be a list of {{ date = ..., reason = ... }} tables.")
    out = []
    for i, item in enumerate(items):
        at = f"{where}[{i}]"
        if not isinstance(item, dict):
            raise ProfileError(f"{at}: must be a table with 'date' and 'reason'.")
        raw = _req(item, "date", at, (date, str))
        try:
            day = raw if isinstance(raw, date) else date.fromisoformat(raw)
        except ValueError:
            raise ProfileError(f"{at}: '{raw}' is not a date like 2026-12-24.") from None
        reason = _check_length(str(item.get("reason", "")), "reason", at, LONG_TEXT_LENGTH)
        out.append(DayOff(day, reason))
    return tuple(sorted(out, key=lambda d: d.day))


def parse_profile(data: Mapping[str, Any], source: str = "office profile") -> OfficeProfile:
    """Build an OfficeProfile from a TOML-shaped mapping; ProfileError names what is wrong."""
    values = _office_fields(data, source)
    values.update(_calendar_fields(data, source))
    services = _services(data, source)
    desks = _desks(data, source, {s.key for s in services})
    rooms = _rooms(data, source)
    standards = _standards(data, source)
    return OfficeProfile(
        desks=tuple(desks),
        rooms=tuple(rooms),
        services=tuple(services),
        standards=standards,
        **values,
    )


def _office_fields(data: Mapping[str, Any], source: str) -> dict[str, Any]:
    """The [office] table: name, address, how to reach it, time zone, bank-holiday region."""
    office = data.get("office")
    if not isinstance(office, dict):
        raise ProfileError(f"{source}: the [office] table is missing.")
    where = f"{source} [office]"
    values: dict[str, Any] = {}
    for name in REQUIRED_OFFICE_FIELDS:
        values[name] = _req(office, name, where, list if name == "address" else str)
        if name in OFFICE_TEXT_LENGTHS:
            _check_length(values[name], name, where, OFFICE_TEXT_LENGTHS[name])
    if not values["key"].strip():
        raise ProfileError(f"{where}: the field 'key' must not be empty.")
    if not values["address"] or not all(isinstance(a, str) for a in values["address"]):
        raise ProfileError(f"{where}: 'address' must be a list of address lines.")
    values["address"] = tuple(values["address"])
    for name in ("website", "directions", "complaints_procedure"):
        values[name] = _opt(office, name, where, str, "")
        if name in OFFICE_TEXT_LENGTHS:
            _check_length(values[name], name, where, OFFICE_TEXT_LENGTHS[name])
    values["timezone"] = _timezone(office, where)
    region = _opt(office, "bank_holiday_region", where, str, "ENG")
    if region not in BANK_HOLIDAY_REGIONS:
        raise ProfileError(
            f"{where}: bank_holiday_region '{region}' is not one of {', '.join(BANK_HOLIDAY_REGIONS)}."
        )
    values["bank_holiday_region"] = region
    return values


def _calendar_fields(data: Mapping[str, Any], source: str) -> dict[str, Any]:
    """The [hours] table, the closure days and the extra bank holidays."""
    if "hours" not in data or not isinstance(data["hours"], dict):
        raise ProfileError(f"{source}: the [hours] table is missing.")
    return {
        "opening_hours": parse_hours(data["hours"], f"{source} [hours]"),
        "closure_days": _days_off(data.get("closure_days", []), f"{source} closure_days"),
        "extra_bank_holidays": _days_off(
            data.get("extra_bank_holidays", []), f"{source} extra_bank_holidays"
        ),
    }


def _services(data: Mapping[str, Any], source: str) -> list[ServiceProfile]:
    services = []
    for i, item in enumerate(_tables(data, "services", source)):
        at = f"{source} services[{i}]"
        services.append(
            ServiceProfile(
                key=_key(item, at),
                name=_text(item, "name", at, NAME_LENGTH),
                ticket_prefix=_ticket_prefix(item, at),
                default_minutes=_number(item, "default_minutes", at, 10, DEFAULT_MINUTES_RANGE),
                needs_room=_opt(item, "needs_room", at, bool, False),
                team=_text(item, "team", at, NAME_LENGTH, ""),
            )
        )
    if not services:
        raise ProfileError(f"{source}: at least one [[services]] entry is needed.")
    _unique_keys(services, "services", source)
    return services


def _desks(data: Mapping[str, Any], source: str, service_keys: set[str]) -> list[DeskProfile]:
    desks = []
    for i, item in enumerate(_tables(data, "desks", source)):
        at = f"{source} desks[{i}]"
        handled = item.get("services")
        if handled is not None:
            if not isinstance(handled, list):
                raise ProfileError(f"{at}: 'services' must be a list of service keys.")
            missing = [k for k in handled if k not in service_keys]
            if missing:
                raise ProfileError(f"{at}: unknown service(s) {', '.join(map(str, missing))}.")
            handled = tuple(handled)
        desks.append(
            DeskProfile(
                key=_key(item, at), name=_text(item, "name", at, NAME_LENGTH), services=handled
            )
        )
    if not desks:
        raise ProfileError(f"{source}: at least one [[desks]] entry is needed.")
    _unique_keys(desks, "desks", source)
    return desks


def _rooms(data: Mapping[str, Any], source: str) -> list[RoomProfile]:
    rooms = []
    for i, item in enumerate(_tables(data, "rooms", source)):
        at = f"{source} rooms[{i}]"
        rooms.append(
            RoomProfile(
                key=_key(item, at),
                name=_text(item, "name", at, NAME_LENGTH),
                capacity=_number(item, "capacity", at, 2, CAPACITY_RANGE),
                hearing_loop=_opt(item, "hearing_loop", at, bool, False),
                wheelchair_access=_opt(item, "wheelchair_access", at, bool, False),
                screen=_opt(item, "screen", at, bool, False),
                buffer_minutes=_number(item, "buffer_minutes", at, 10, BUFFER_MINUTES_RANGE),
                location=_text(item, "location", at, LONG_TEXT_LENGTH, ""),
                hours=_room_hours(item, at),
            )
        )
    _unique_keys(rooms, "rooms", source)
    return rooms


def _standards(data: Mapping[str, Any], source: str) -> dict[str, ChannelStandard]:
    """The [standards] table: every channel's clocks, each channel present."""
    standards_table = data.get("standards")
    if not isinstance(standards_table, dict):
        raise ProfileError(f"{source}: the [standards] table is missing.")
    standards = {}
    for channel, clocks in standards_table.items():
        try:
            standard = ChannelStandard.from_dict(channel, clocks)
        except ValueError as exc:
            # The message may or may not end a sentence; end it exactly once.
            raise ProfileError(f"{source} [standards.{channel}]: {str(exc).rstrip('.')}.") from None
        if not standard.clocks():
            raise ProfileError(
                f"{source} [standards.{channel}]: has no clocks; give at least one of "
                f"{', '.join(CLOCK_NAMES)}."
            )
        standards[channel] = standard
    missing_channels = [c for c in CHANNELS if c not in standards]
    if missing_channels:
        raise ProfileError(f"{source} [standards]: no standard for {', '.join(missing_channels)}.")
    return standards


def load_profile_text(text: str, source: str) -> OfficeProfile:
    """Parse TOML text into a profile; ProfileError on a syntax error or a bad field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{source}: not valid TOML ({exc}).") from None
    return parse_profile(data, source)
