"""Office records <-> domain OfficeProfile, and look-ups by key. Never commits."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.errors import NotFoundError
from reception_app.domain.offices import (
    WEEKDAYS,
    DayOff,
    DeskProfile,
    Interval,
    OfficeProfile,
    RoomProfile,
    ServiceProfile,
    parse_hours,
)
from reception_app.domain.standards import ChannelStandard
from reception_app.persistence.office_profiles import kept_profile
from reception_app.persistence.records import (
    DayOffRecord,
    DeskRecord,
    InterviewRoomRecord,
    OfficeRecord,
    ServiceRecord,
)


def hours_to_json(hours: Mapping[int, tuple[Interval, ...]]) -> dict[str, list[str]]:
    return {
        day: [f"{a:%H:%M}-{b:%H:%M}" for a, b in hours.get(i, ())] for i, day in enumerate(WEEKDAYS)
    }


def room_hours_to_json(
    hours: Mapping[int, tuple[Interval, ...]] | None,
) -> dict[str, list[str]] | None:
    """A room's own hours for its JSON column; None (the office's hours) stays None."""
    return None if hours is None else hours_to_json(hours)


def room_hours_from_json(
    data: Mapping[str, object] | None, where: str
) -> dict[int, tuple[Interval, ...]] | None:
    return None if not data else parse_hours(data, where)


def record_from_profile(profile: OfficeProfile) -> OfficeRecord:
    record = OfficeRecord(key=profile.key)
    update_record(record, profile)
    by_key: dict[str, ServiceRecord] = {}
    for s in profile.services:
        by_key[s.key] = ServiceRecord(
            key=s.key,
            name=s.name,
            ticket_prefix=s.ticket_prefix,
            default_minutes=s.default_minutes,
            needs_room=s.needs_room,
            team=s.team,
            active=s.active,
        )
        record.services.append(by_key[s.key])
    for d in profile.desks:
        record.desks.append(
            DeskRecord(
                key=d.key,
                name=d.name,
                active=d.active,
                handles_all_services=d.services is None,
                services=[by_key[k] for k in d.services or ()],
            )
        )
    for r in profile.rooms:
        record.rooms.append(
            InterviewRoomRecord(
                key=r.key,
                name=r.name,
                capacity=r.capacity,
                hearing_loop=r.hearing_loop,
                wheelchair_access=r.wheelchair_access,
                screen=r.screen,
                buffer_minutes=r.buffer_minutes,
                location=r.location,
                active=r.active,
                hours=room_hours_to_json(r.hours),
            )
        )
    for day in profile.closure_days:
        record.days_off.append(DayOffRecord(day=day.day, kind="closure", reason=day.reason))
    for day in profile.extra_bank_holidays:
        record.days_off.append(DayOffRecord(day=day.day, kind="bank_holiday", reason=day.reason))
    return record


def update_record(record: OfficeRecord, profile: OfficeProfile) -> None:
    """Copy the office-level fields, hours and standards (not desks, rooms, services, days off)."""
    copy_details(record, profile)
    record.opening_hours = hours_to_json(profile.opening_hours)
    record.standards = {ch: std.to_dict() for ch, std in profile.standards.items()}


def copy_details(record: OfficeRecord, profile: OfficeProfile) -> None:
    """Copy only the office's details: name, address, contact, region and wording."""
    record.name = profile.name
    record.site = profile.site
    record.address = list(profile.address)
    record.postcode = profile.postcode
    record.phone = profile.phone
    record.email = profile.email
    record.website = profile.website
    record.timezone = profile.timezone
    record.bank_holiday_region = profile.bank_holiday_region
    record.out_of_hours = profile.out_of_hours
    record.directions = profile.directions
    record.complaints_procedure = profile.complaints_procedure


def profile_from_record(record: OfficeRecord) -> OfficeProfile:
    """The office's profile: kept from the last time while the office is unchanged
    (persistence/office_profiles.py)."""
    return kept_profile(record, _build_profile)


def _build_profile(record: OfficeRecord) -> OfficeProfile:
    return OfficeProfile(
        key=record.key,
        name=record.name,
        site=record.site,
        address=tuple(record.address),
        postcode=record.postcode,
        phone=record.phone,
        email=record.email,
        out_of_hours=record.out_of_hours,
        opening_hours=parse_hours(record.opening_hours, f"office {record.key} hours"),
        timezone=record.timezone,
        bank_holiday_region=record.bank_holiday_region,
        website=record.website,
        directions=record.directions,
        complaints_procedure=record.complaints_procedure,
        closure_days=tuple(DayOff(d.day, d.reason) for d in record.days_off if d.kind == "closure"),
        extra_bank_holidays=tuple(
            DayOff(d.day, d.reason) for d in record.days_off if d.kind == "bank_holiday"
        ),
        services=tuple(
            ServiceProfile(
                key=s.key,
                name=s.name,
                ticket_prefix=s.ticket_prefix,
                default_minutes=s.default_minutes,
                needs_room=s.needs_room,
                team=s.team,
                active=s.active,
            )
            for s in record.services
        ),
        desks=tuple(
            DeskProfile(
                key=d.key,
                name=d.name,
                services=None if d.handles_all_services else tuple(s.key for s in d.services),
                active=d.active,
            )
            for d in record.desks
        ),
        rooms=tuple(
            RoomProfile(
                key=r.key,
                name=r.name,
                capacity=r.capacity,
                hearing_loop=r.hearing_loop,
                wheelchair_access=r.wheelchair_access,
                screen=r.screen,
                buffer_minutes=r.buffer_minutes,
                location=r.location,
                active=r.active,
                hours=room_hours_from_json(r.hours, f"office {record.key} room {r.key} hours"),
            )
            for r in record.rooms
        ),
        standards={
            ch: ChannelStandard.from_dict(ch, clocks) for ch, clocks in record.standards.items()
        },
    )


def get_office(session: Session, key: str) -> OfficeRecord:
    """The office row alone: its days off, services, desks and rooms load when first used (one
    query each; a desk's services with its desks). Most units of work need only its id and zone,
    and loading all five every time cost five statements per desk action."""
    record = session.scalars(select(OfficeRecord).where(OfficeRecord.key == key)).one_or_none()
    if record is None:
        raise NotFoundError(f"There is no office '{key}' in this database.")
    return record


def office_keys(session: Session) -> list[str]:
    return list(session.scalars(select(OfficeRecord.key).order_by(OfficeRecord.key)))
