"""Finding free appointment times: who can be booked for a service, and the slot search that
honours opening hours, patterns, absences, bookings, rooms and the minimum notice."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.appointments import (
    FreeSlot,
    PartOfDay,
    Place,
    RoomNeeds,
    SlotQuery,
    free_slots,
)
from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import ReceptionError
from reception_app.persistence.engine import transaction
from reception_app.persistence.records import OfficeRecord, ServiceRecord, StaffRecord
from reception_app.persistence.settings_repository import read_setting
from reception_app.services.appointment_service.views import (
    BookingRequest,
    OfficerInfo,
    room_needs,
    service_by_key,
)
from reception_app.services.booking_support import (
    BOOKABLE_ROLES,
    active_rooms,
    calendar_for,
    candidate_staff,
    officer_busy,
    officers_from,
    room_busy,
    room_from,
    zone_of,
)
from reception_app.services.office_scoped import OfficeScoped

SEARCH_WINDOWS = (2, 14, 120)
"""Days of bookings loaded per round of the slot search: most searches end in the first week."""


class SlotSearch(OfficeScoped):
    """Officers and free slots (``AppointmentService`` is made of this and its siblings)."""

    def officers(self, service_key: str | None = None) -> list[OfficerInfo]:
        """Who appointments can be booked with (for a service: its team)."""
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            if service_key is None:
                rows = session.scalars(
                    select(StaffRecord)
                    .where(
                        StaffRecord.office_id == office.id,
                        StaffRecord.active.is_(True),
                        StaffRecord.role.in_(BOOKABLE_ROLES),
                    )
                    .order_by(StaffRecord.full_name)
                ).all()
            else:
                rows = candidate_staff(
                    session, office, service_by_key(session, office, service_key)
                )
            return [OfficerInfo(r.id, r.full_name, r.team, r.role) for r in rows]

    def calendar(self) -> OfficeCalendar:
        with transaction(self._factory, write=False) as session:
            return calendar_for(self._office(session))

    def free_slots(
        self,
        service_key: str,
        *,
        staff_id: int | None = None,
        part_of_day: PartOfDay = PartOfDay.ANY,
        first_day: date | None = None,
        last_day: date | None = None,
        count: int = 5,
        minutes: int | None = None,
        place: Place | None = None,
        room_needs: RoomNeeds | None = None,
        room_id: int | None = None,
        exclude_appointment: int | None = None,
    ) -> list[FreeSlot]:
        """The next free slots for a service, honouring opening hours, bank holidays, closure
        days, each officer's pattern and absences, existing bookings, room availability (when
        the service or place needs a room) and the minimum notice. An inactive service has none."""
        now = self._clock()
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            service = service_by_key(session, office, service_key)
            if not service.active:
                return []
            return self._search(
                session,
                office,
                service,
                now,
                staff_id=staff_id,
                part_of_day=part_of_day,
                first_day=first_day,
                last_day=last_day,
                count=count,
                minutes=minutes or service.default_minutes,
                needs_room=place is Place.ROOM or (place is None and service.needs_room),
                room_needs=room_needs or RoomNeeds(),
                room_id=room_id,
                exclude_appointment=exclude_appointment,
            )

    def _search(
        self,
        session: Session,
        office: OfficeRecord,
        service: ServiceRecord,
        now: datetime,
        *,
        staff_id: int | None,
        part_of_day: PartOfDay,
        first_day: date | None,
        last_day: date | None,
        count: int,
        minutes: int,
        needs_room: bool,
        room_needs: RoomNeeds,
        room_id: int | None = None,
        exclude_appointment: int | None = None,
    ) -> list[FreeSlot]:
        calendar = calendar_for(office)
        notice = timedelta(minutes=read_setting(session, "minimum_notice_minutes", office.id))
        officers = officers_from(session, _candidates(session, office, service, staff_id))
        rooms = [room_from(r) for r in active_rooms(office) if room_id in (None, r.id)]
        after = now + notice
        zone = zone_of(office)
        start_day = max(after.astimezone(zone).date(), first_day or date.min)
        found: list[FreeSlot] = []
        for days in SEARCH_WINDOWS:
            window_end_day = start_day + timedelta(days=days)
            if last_day is not None:
                window_end_day = min(window_end_day, last_day)
            lo = datetime.combine(start_day, time(), zone)
            hi = datetime.combine(window_end_day + timedelta(days=1), time(), zone)
            query = SlotQuery(
                minutes=minutes,
                officers=officers,
                after=after,
                count=count,
                needs_room=needs_room,
                rooms=rooms,
                room_needs=room_needs,
                part_of_day=part_of_day,
                first_day=start_day,
                last_day=window_end_day,
            )
            found = free_slots(
                calendar,
                query,
                officer_busy(
                    session,
                    [o.staff_id for o in officers],
                    lo,
                    hi,
                    exclude_appointment=exclude_appointment,
                ),
                room_busy(session, [r.room_id for r in rooms], lo, hi),
            )
            if len(found) >= count or (last_day is not None and window_end_day >= last_day):
                break
        return found

    def _alternatives(self, request: BookingRequest, exclude: int | None = None) -> list[FreeSlot]:
        """Three free times near the one asked for, on either side of it, in time order."""
        day = request.start.astimezone(self.calendar().zone).date()
        options = {
            "staff_id": request.staff_id,
            "minutes": request.minutes,
            "place": request.place,
            "room_needs": room_needs(request),
            "exclude_appointment": exclude,
        }
        try:
            later = self.free_slots(request.service_key, first_day=day, count=12, **options)  # type: ignore[arg-type]
            earlier = self.free_slots(
                request.service_key,
                first_day=day - timedelta(days=3),
                last_day=day - timedelta(days=1),
                count=200,
                **options,  # type: ignore[arg-type]
            )[-3:]
        except ReceptionError:
            return []
        # Both sides of the time asked for: the latest free time before it and the first two
        # after it (topped up from the other side when one side has fewer).
        before = [s for s in earlier + later if s.start < request.start]
        after = [s for s in later if s.start > request.start]
        take_before = max(1, 3 - len(after))
        chosen = before[-take_before:] + after[: 3 - min(take_before, len(before))]
        return sorted(chosen, key=lambda s: s.start)[:3]


def _candidates(
    session: Session, office: OfficeRecord, service: ServiceRecord, staff_id: int | None
) -> list[StaffRecord]:
    """The service's team, or the one officer asked for (even from outside the team)."""
    staff = candidate_staff(session, office, service)
    if staff_id is not None:
        staff = [s for s in staff if s.id == staff_id]
        if not staff:
            member = session.get(StaffRecord, staff_id)
            if member is not None and member.active and member.role in BOOKABLE_ROLES:
                staff = [member]
    return staff
