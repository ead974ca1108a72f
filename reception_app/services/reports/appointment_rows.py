"""The appointments section's rows: every appointment starting in the period."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from sqlalchemy import BindParameter, Executable, Row, bindparam, select
from sqlalchemy.orm import Session

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.reports import AppointmentRow, appointments_section
from reception_app.persistence.appointment_records import AppointmentRecord
from reception_app.persistence.records import ServiceRecord, StaffRecord
from reception_app.services.reports.office_facts import setting
from reception_app.services.reports.section_part import Part


@functools.cache
def _appointments_query() -> Executable:
    office_id: BindParameter[int] = bindparam("office_id")
    begin: BindParameter[datetime] = bindparam("begin")
    finish: BindParameter[datetime] = bindparam("finish")
    a = AppointmentRecord
    return (
        select(
            a.id,
            a.starts_at,
            a.ends_at,
            a.status,
            ServiceRecord.name,
            StaffRecord.full_name,
            a.arrived_at,
            a.seen_at,
            a.delay_told_at,
        )
        .join(ServiceRecord, ServiceRecord.id == a.service_id)
        .join(StaffRecord, StaffRecord.id == a.staff_id)
        .where(a.office_id == office_id, a.starts_at >= begin, a.starts_at < finish)
    )


def appointments_part(
    session: Session,
    office: Row[Any],
    calendar: OfficeCalendar,
    begin: datetime,
    finish: datetime,
) -> Part:
    rows = [
        AppointmentRow(
            id=r[0],
            starts_at=r[1],
            ends_at=r[2],
            status=r[3],
            service=r[4],
            officer=r[5],
            arrived_at=r[6],
            seen_at=r[7],
            delay_told_at=r[8],
        )
        for r in session.connection().execute(
            _appointments_query(),
            {"office_id": office.id, "begin": begin, "finish": finish},
        )
    ]
    late = setting(session, "appointment_late_prompt_minutes", office.id)
    section, extra = appointments_section(rows, late, calendar)
    return section, extra, {}
