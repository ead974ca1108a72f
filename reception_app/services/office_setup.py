"""Managers' edits of the office set-up: its details, opening hours, closure days, services,
desks and interview rooms, each checked before anything is saved."""

from __future__ import annotations

import dataclasses
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.errors import NotFoundError, ValidationError
from reception_app.domain.offices import (
    BANK_HOLIDAY_REGIONS,
    WEEKDAYS,
    DeskProfile,
    Interval,
    OfficeProfile,
    RoomProfile,
    ServiceProfile,
    parse_hours,
)
from reception_app.domain.people import StaffMember
from reception_app.domain.settings import ACTIVE_OFFICE_KEY
from reception_app.domain.validation import (
    check_email,
    check_length,
    check_phone,
    check_postcode,
    check_required,
)
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.office_repository import (
    copy_details,
    get_office,
    hours_to_json,
    profile_from_record,
)
from reception_app.persistence.records import (
    DayOffRecord,
    DeskRecord,
    InterviewRoomRecord,
    OfficeRecord,
    ServiceRecord,
)
from reception_app.persistence.settings_repository import get_setting
from reception_app.services.context import ServiceContext, actor_id
from reception_app.services.office_scoped import require_manager


class OfficeSetup:
    """Editing the office set-up (``OfficeService`` is this and the running office's reads)."""

    def __init__(self, context: ServiceContext) -> None:
        self._factory = context.session_factory
        self._clock = context.clock

    @staticmethod
    def _office(session: Session, key: str | None) -> OfficeRecord:
        """The office ``key``, or the running office, read inside the caller's transaction."""
        key = key or get_setting(session, ACTIVE_OFFICE_KEY)
        if not key:
            raise NotFoundError("No office has been chosen yet. Choose one in Settings.")
        return get_office(session, str(key))

    def update_details(self, profile: OfficeProfile, actor: StaffMember | None) -> OfficeProfile:
        """Save the office's details (name, address, contact, wording); hours, standards, desks,
        rooms and services have their own methods and are left as they are in the database."""
        require_manager(actor)
        cleaned = dataclasses.replace(
            profile,
            name=check_required(profile.name, "name", "The office name", 120),
            site=check_required(profile.site, "site", "The building name", 120),
            postcode=check_postcode(profile.postcode),
            phone=check_phone(profile.phone),
            email=check_email(profile.email),
            out_of_hours=check_required(
                profile.out_of_hours, "out_of_hours", "The out-of-hours contact", 2000
            ),
            website=check_length(profile.website.strip(), "website", "The website", 255),
            directions=check_length(profile.directions, "directions", "The directions", 5000),
            complaints_procedure=check_length(
                profile.complaints_procedure,
                "complaints_procedure",
                "The complaints procedure",
                5000,
            ),
            address=tuple(
                check_length(line.strip(), "address", "An address line", 120)
                for line in profile.address
                if line.strip()
            ),
        )
        if cleaned.bank_holiday_region not in BANK_HOLIDAY_REGIONS:
            raise ValidationError(
                "Choose the bank holidays of England, Wales, Scotland or Northern Ireland.",
                "bank_holiday_region",
            )
        if not cleaned.postcode:
            raise ValidationError("The postcode is needed.", "postcode")
        if not cleaned.phone:
            raise ValidationError("The phone number is needed.", "phone")
        if not cleaned.email:
            raise ValidationError("The email address is needed.", "email")
        if not any(line.strip() for line in cleaned.address):
            raise ValidationError("At least one address line is needed.", "address")
        with transaction(self._factory) as session:
            require_manager(actor, session)
            record = get_office(session, cleaned.key)
            copy_details(record, cleaned)
            log_event(
                session,
                at=self._clock(),
                action="updated",
                entity="office",
                entity_id=record.id,
                office_id=record.id,
                staff_id=actor_id(actor),
                summary=f"Office details of {cleaned.name} changed",
            )
            session.flush()
            return profile_from_record(record)

    def set_opening_hours(
        self, hours: dict[int, tuple[Interval, ...]], actor: StaffMember | None
    ) -> None:
        require_manager(actor)
        for weekday, spans in hours.items():
            ordered = sorted(spans)
            for start, end in ordered:
                if end <= start:
                    raise ValidationError(
                        f"{WEEKDAYS[weekday].capitalize()}: closing time must be after opening time.",
                        WEEKDAYS[weekday],
                    )
            for (_, end), (start, _) in zip(ordered, ordered[1:], strict=False):
                if start < end:
                    raise ValidationError(
                        f"{WEEKDAYS[weekday].capitalize()}: opening times overlap.",
                        WEEKDAYS[weekday],
                    )
        with transaction(self._factory) as session:
            require_manager(actor, session)
            record = self._office(session, None)
            current = parse_hours(record.opening_hours, f"office {record.key} hours")
            full = {d: tuple(sorted(hours.get(d, current.get(d, ())))) for d in range(7)}
            record.opening_hours = hours_to_json(full)
            log_event(
                session,
                at=self._clock(),
                action="updated",
                entity="office",
                entity_id=record.id,
                office_id=record.id,
                staff_id=actor_id(actor),
                summary="Opening hours changed: "
                + "; ".join(
                    f"{WEEKDAYS[d][:3].capitalize()} "
                    + (", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in full[d]) or "closed")
                    for d in range(7)
                ),
            )

    def add_day_off(self, day: date, kind: str, reason: str, actor: StaffMember | None) -> None:
        """Add a closure day ('closure') or an extra bank holiday ('bank_holiday')."""
        require_manager(actor)
        if kind not in ("closure", "bank_holiday"):
            raise ValidationError("Choose 'closure day' or 'extra bank holiday'.", "kind")
        reason = check_length(reason.strip(), "reason", "The reason", 255)
        with transaction(self._factory) as session:
            require_manager(actor, session)
            record = self._office(session, None)
            if any(d.day == day and d.kind == kind for d in record.days_off):
                raise ValidationError(f"{day:%d %B %Y} is already in the list.", "day")
            record.days_off.append(DayOffRecord(day=day, kind=kind, reason=reason.strip()))
            label = "Closure day" if kind == "closure" else "Extra bank holiday"
            log_event(
                session,
                at=self._clock(),
                action="created",
                entity="office_day_off",
                office_id=record.id,
                staff_id=actor_id(actor),
                summary=f"{label} added: {day:%a} {day.day} {day:%b %Y} {reason}".strip(),
            )

    def remove_day_off(self, day: date, kind: str, actor: StaffMember | None) -> None:
        require_manager(actor)
        with transaction(self._factory) as session:
            require_manager(actor, session)
            record = self._office(session, None)
            match = [d for d in record.days_off if d.day == day and d.kind == kind]
            if not match:
                raise NotFoundError(f"{day:%d %B %Y} is not in the list any more.")
            for item in match:
                record.days_off.remove(item)
            log_event(
                session,
                at=self._clock(),
                action="deleted",
                entity="office_day_off",
                office_id=record.id,
                staff_id=actor_id(actor),
                summary=f"Day off removed: {day:%a} {day.day} {day:%b %Y}",
            )

    def save_service(self, service: ServiceProfile, actor: StaffMember | None) -> None:
        """Add or update a service (by key)."""
        require_manager(actor)
        key = check_required(service.key, "key", "The service key", 40)
        name = check_required(service.name, "name", "The service name", 120)
        prefix = check_required(service.ticket_prefix, "ticket_prefix", "The ticket prefix", 3)
        if not prefix.isalpha():
            raise ValidationError("The ticket prefix must be letters, e.g. C.", "ticket_prefix")
        if not all(c.islower() or c.isdigit() or c == "_" for c in key):
            raise ValidationError(
                "The service key may use small letters, digits and _ only, e.g. council_tax.", "key"
            )
        if not 1 <= service.default_minutes <= 480:
            raise ValidationError("The usual length must be 1 to 480 minutes.", "default_minutes")
        with transaction(self._factory) as session:
            require_manager(actor, session)
            office = self._office(session, None)
            record = session.scalars(
                select(ServiceRecord).where(
                    ServiceRecord.office_id == office.id, ServiceRecord.key == key
                )
            ).first()
            clash = next(
                (
                    s
                    for s in office.services
                    if s.key != key and s.active and s.ticket_prefix == prefix.upper()
                ),
                None,
            )
            if clash is not None and service.active:
                raise ValidationError(
                    f"Tickets starting {prefix.upper()} are already used for {clash.name}; "
                    "choose another letter so no two visitors get the same number.",
                    "ticket_prefix",
                )
            created = record is None
            if record is None:
                record = ServiceRecord(office_id=office.id, key=key)
                session.add(record)
            record.name = name
            record.ticket_prefix = prefix.upper()
            record.default_minutes = service.default_minutes
            record.needs_room = service.needs_room
            record.team = service.team.strip()
            record.active = service.active
            session.flush()
            log_event(
                session,
                at=self._clock(),
                action="created" if created else "updated",
                entity="service",
                entity_id=record.id,
                office_id=office.id,
                staff_id=actor_id(actor),
                summary=f"Service {name} ({prefix.upper()}) saved",
            )

    def save_desk(self, desk: DeskProfile, actor: StaffMember | None) -> None:
        require_manager(actor)
        key = check_required(desk.key, "key", "The desk key", 40)
        name = check_required(desk.name, "name", "The desk name", 120)
        with transaction(self._factory) as session:
            require_manager(actor, session)
            office = self._office(session, None)
            record = next((d for d in office.desks if d.key == key), None)
            created = record is None
            if record is None:
                record = DeskRecord(key=key)
                office.desks.append(record)
            record.name = name
            record.active = desk.active
            record.handles_all_services = desk.services is None
            wanted = set(desk.services or ())
            if desk.services is not None and not wanted:
                raise ValidationError(
                    "A desk must handle at least one service (or every service).", "services"
                )
            unknown = wanted - {s.key for s in office.services}
            if unknown:
                raise ValidationError(
                    f"Unknown service(s): {', '.join(sorted(unknown))}.", "services"
                )
            record.services = [s for s in office.services if s.key in wanted]
            session.flush()
            log_event(
                session,
                at=self._clock(),
                action="created" if created else "updated",
                entity="desk",
                entity_id=record.id,
                office_id=office.id,
                staff_id=actor_id(actor),
                summary=f"Desk {name} saved",
            )

    def save_room(self, room: RoomProfile, actor: StaffMember | None) -> None:
        require_manager(actor)
        key = check_required(room.key, "key", "The room key", 40)
        name = check_required(room.name, "name", "The room name", 120)
        if not 1 <= room.capacity <= 500:
            raise ValidationError("Capacity must be between 1 and 500 people.", "capacity")
        if not 0 <= room.buffer_minutes <= 120:
            raise ValidationError("The buffer must be 0 to 120 minutes.", "buffer_minutes")
        hours: dict[int, tuple[Interval, ...]] | None = None
        if room.hours is not None:
            # The room's own times (None: whenever the office is open), checked like the
            # opening hours; each message names its weekday, the field of that day's times.
            hours = {d: tuple(sorted(room.hours.get(d, ()))) for d in range(7)}
            for weekday, spans in hours.items():
                day = WEEKDAYS[weekday]
                if any(end <= start for start, end in spans):
                    raise ValidationError(
                        f"{day.capitalize()}: the end time must be after the start time.", day
                    )
                if any(b[0] < a[1] for a, b in zip(spans, spans[1:], strict=False)):
                    raise ValidationError(f"{day.capitalize()}: the times overlap.", day)
            if not any(hours.values()):
                raise ValidationError(
                    "Give the times the room can be booked on at least one day, or choose "
                    "'Same as the office'.",
                    "hours",
                )
        with transaction(self._factory) as session:
            require_manager(actor, session)
            office = self._office(session, None)
            record = next((r for r in office.rooms if r.key == key), None)
            created = record is None
            if record is None:
                record = InterviewRoomRecord(key=key)
                office.rooms.append(record)
            record.name = name
            record.capacity = room.capacity
            record.hearing_loop = room.hearing_loop
            record.wheelchair_access = room.wheelchair_access
            record.screen = room.screen
            record.buffer_minutes = room.buffer_minutes
            record.location = room.location.strip()
            record.active = room.active
            record.hours = None if hours is None else hours_to_json(hours)
            session.flush()
            log_event(
                session,
                at=self._clock(),
                action="created" if created else "updated",
                entity="interview_room",
                entity_id=record.id,
                office_id=office.id,
                staff_id=actor_id(actor),
                summary=f"Room {name} saved",
            )
