"""The office facts a report needs: its row, calendar, desk rules and first day with records."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import BindParameter, Executable, Row, bindparam, func, select
from sqlalchemy.orm import Session

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import NotFoundError
from reception_app.domain.offices import parse_hours
from reception_app.domain.settings import SETTINGS
from reception_app.persistence.appointment_records import AppointmentRecord, RoomBookingRecord
from reception_app.persistence.correspondence_records import CorrespondenceRecord, MessageRecord
from reception_app.persistence.records import (
    DayOffRecord,
    OfficeRecord,
    SettingRecord,
    VisitRecord,
)
from reception_app.services.reports.tables import SECTION_TABLES, tables_present


@functools.cache
def _statements() -> dict[str, Executable]:
    """The office's queries, built once (see walk_in_rows._visits_query)."""
    office_id: BindParameter[int] = bindparam("office_id")
    o = OfficeRecord
    return {
        "office": select(
            o.id, o.key, o.name, o.timezone, o.bank_holiday_region, o.opening_hours, o.standards
        ).where(o.key == bindparam("key")),
        "days_off": select(DayOffRecord.day, DayOffRecord.kind, DayOffRecord.reason).where(
            DayOffRecord.office_id == office_id
        ),
        "setting": select(SettingRecord.value).where(
            SettingRecord.key == bindparam("key"), SettingRecord.office_id == office_id
        ),
    }


def office_row(session: Session, office_key: str) -> Row[Any]:
    """The office facts a report needs (a plain row: the whole record costs more to load)."""
    office = (
        session.connection().execute(_statements()["office"], {"key": office_key}).one_or_none()
    )
    if office is None:
        raise NotFoundError(f"There is no office '{office_key}' in this database.")
    return office


def days_off(session: Session, office_id: int) -> Sequence[Row[Any]]:
    """The office's closure days and extra bank holidays (day, kind, reason)."""
    return session.connection().execute(_statements()["days_off"], {"office_id": office_id}).all()


def office_calendar(office: Row[Any], days_off: Sequence[Any]) -> OfficeCalendar:
    return OfficeCalendar(
        region=office.bank_holiday_region,
        opening_hours=parse_hours(office.opening_hours, f"office {office.key} hours"),
        closure_days=[d.day for d in days_off if d.kind == "closure"],
        extra_bank_holidays={d.day: d.reason for d in days_off if d.kind == "bank_holiday"},
        timezone=office.timezone,
    )


def setting(session: Session, key: str, office_id: int) -> int:
    """A per-office desk rule of domain.settings.SETTINGS, or its default (as read_setting)."""
    value = session.connection().scalar(
        _statements()["setting"], {"key": key, "office_id": office_id}
    )
    return SETTINGS[key].default if value is None else int(value)


def local_day_bounds(calendar: OfficeCalendar, start: date, end: date) -> tuple[datetime, datetime]:
    """UTC instants of 00:00 office time on ``start`` and on the day after ``end`` (half-open);
    on a clock-change day the local day is 23 or 25 hours long."""
    zone = calendar.zone
    begin = datetime.combine(start, time(0), zone).astimezone(UTC)
    finish = datetime.combine(end + timedelta(days=1), time(0), zone).astimezone(UTC)
    return begin, finish


def first_day(session: Session, office: Row[Any]) -> date | None:
    """The office-local day of its earliest visit, appointment, room booking, call-back
    message or piece of correspondence: an office that so far has only letters can still
    report on them. Tables this database does not have yet are left out."""
    row = (
        session.connection()
        .execute(_first_day_query(tables_present(session)), {"office_id": office.id})
        .one()
    )
    first_visit, *stamps = row
    zone = ZoneInfo(office.timezone)
    days = [first_visit] + [at.astimezone(zone).date() for at in stamps if at is not None]
    return min((d for d in days if d is not None), default=None)


@functools.cache
def _first_day_query(present: frozenset[str]) -> Executable:
    """The earliest record of each kind a report covers, one column each (visits first, as a
    day; the others as instants), in one statement built once per set of tables present."""
    office_id: BindParameter[int] = bindparam("office_id")
    earliest: list[Any] = [
        select(func.min(VisitRecord.ticket_day))
        .where(VisitRecord.office_id == office_id)
        .scalar_subquery()
    ]
    if SECTION_TABLES["appointments"] <= present:
        a = AppointmentRecord
        earliest.append(
            select(func.min(a.starts_at)).where(a.office_id == office_id).scalar_subquery()
        )
    if SECTION_TABLES["rooms"] <= present:
        b = RoomBookingRecord
        earliest.append(
            select(func.min(b.starts_at)).where(b.office_id == office_id).scalar_subquery()
        )
    if SECTION_TABLES["correspondence"] <= present:
        c, m = CorrespondenceRecord, MessageRecord
        earliest.append(
            select(func.min(c.received_at)).where(c.office_id == office_id).scalar_subquery()
        )
        earliest.append(
            select(func.min(m.taken_at))
            .where(m.office_id == office_id, m.callback_expected)
            .scalar_subquery()
        )
    return select(*earliest)
