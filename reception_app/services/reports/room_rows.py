"""The interview rooms section's rows: the period's room bookings and the office's opening hours."""

from __future__ import annotations

import functools
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import BindParameter, Executable, Row, bindparam, select
from sqlalchemy.orm import Session

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.reports import RoomBookingRow, rooms_section
from reception_app.persistence.appointment_records import RoomBookingRecord
from reception_app.persistence.records import InterviewRoomRecord
from reception_app.services.reports.section_part import Part


@functools.cache
def _statements() -> dict[str, Executable]:
    office_id: BindParameter[int] = bindparam("office_id")
    begin: BindParameter[datetime] = bindparam("begin")
    finish: BindParameter[datetime] = bindparam("finish")
    b = RoomBookingRecord
    return {
        "rooms": select(b.id, InterviewRoomRecord.name, b.starts_at, b.ends_at, b.status, b.purpose)
        .join(InterviewRoomRecord, InterviewRoomRecord.id == b.room_id)
        .where(b.office_id == office_id, b.starts_at >= begin, b.starts_at < finish),
        "room_names": select(InterviewRoomRecord.name).where(
            InterviewRoomRecord.office_id == office_id, InterviewRoomRecord.active
        ),
    }


def rooms_part(
    session: Session,
    office: Row[Any],
    calendar: OfficeCalendar,
    start: date,
    end: date,
    begin: datetime,
    finish: datetime,
) -> Part:
    rows = [
        RoomBookingRow(id=r[0], room=r[1], starts_at=r[2], ends_at=r[3], status=r[4], purpose=r[5])
        for r in session.connection().execute(
            _statements()["rooms"], {"office_id": office.id, "begin": begin, "finish": finish}
        )
    ]
    rooms = list(
        session.connection().scalars(_statements()["room_names"], {"office_id": office.id})
    )
    open_hours = 0.0
    day = start
    while day <= end:
        for opens, closes in calendar.opening_intervals(day):
            open_hours += (closes - opens).total_seconds() / 3600
        day += timedelta(days=1)
    section, extra = rooms_section(rows, rooms, open_hours, calendar)
    return section, extra, {}
