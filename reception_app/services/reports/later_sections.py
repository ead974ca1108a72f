"""The sections after the walk-ins: appointments, rooms, call-backs and correspondence, texts
and e-mails.

Each is shown as not available when this database does not have its tables yet.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.reports import Section, Share, unavailable_section
from reception_app.services.reports.appointment_rows import appointments_part
from reception_app.services.reports.correspondence_rows import correspondence_part
from reception_app.services.reports.notification_rows import notifications_part
from reception_app.services.reports.office_facts import local_day_bounds
from reception_app.services.reports.room_rows import rooms_part
from reception_app.services.reports.section_part import Part, Rows
from reception_app.services.reports.tables import PENDING_SECTIONS, SECTION_TABLES, tables_present


def later_sections(
    session: Session,
    office: Row[Any],
    calendar: OfficeCalendar,
    start: date,
    end: date,
    now: datetime,
) -> tuple[list[Section], Rows, dict[str, tuple[Share, int]]]:
    """Appointments, rooms, call-backs and correspondence of the period. A part whose tables
    this database does not have yet is shown as not available rather than failing."""
    begin, finish = local_day_bounds(calendar, start, end)
    sections: list[Section] = []
    extra: Rows = {}
    results: dict[str, tuple[Share, int]] = {}
    present = tables_present(session)
    readers: tuple[tuple[str, Callable[[], Part]], ...] = (
        ("appointments", lambda: appointments_part(session, office, calendar, begin, finish)),
        ("rooms", lambda: rooms_part(session, office, calendar, start, end, begin, finish)),
        (
            "correspondence",
            lambda: correspondence_part(session, office, calendar, begin, finish, now),
        ),
        ("notifications", lambda: notifications_part(session, office, calendar, begin, finish)),
    )
    for key, read in readers:
        if SECTION_TABLES[key] <= present:
            section, rows, channel_results = read()
        else:
            _key, title, why = next(p for p in PENDING_SECTIONS if p[0] == key)
            section, rows, channel_results = unavailable_section(key, title, why), {}, {}
        sections.append(section)
        extra.update(rows)
        results.update(channel_results)
    return sections, extra, results
