"""The walk-in visits of a period, read a month at a time so progress moves and Cancel works.

Days are office-local: a visit belongs to the day its ticket was issued (``ticket_day``), which is
also what the (office, day, ticket) unique index is ordered by, so a day's visits are one index
range however many years are stored.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import Executable, bindparam, select
from sqlalchemy.orm import Session, aliased

from reception_app.domain.errors import Cancelled
from reception_app.domain.reports import VisitRow
from reception_app.persistence.records import DeskRecord, ServiceRecord, StaffRecord, VisitRecord

Progress = Callable[[int, int], bool]
"""(done, total) -> keep going? False cancels."""

CHUNK_DAYS = 31
"""A long range is read a month at a time so progress moves and Cancel is honoured."""


def visit_rows(
    session: Session, office_id: int, start: date, end: date, progress: Progress | None
) -> list[VisitRow]:
    base = _visits_query()
    chunks: list[tuple[date, date]] = []
    day = start
    while day <= end:
        last = min(day + timedelta(days=CHUNK_DAYS - 1), end)
        chunks.append((day, last))
        day = last + timedelta(days=1)
    rows: list[VisitRow] = []
    for done, (first, last) in enumerate(chunks):
        if progress is not None and not progress(done, len(chunks)):
            raise Cancelled("The report was cancelled.")
        result = session.connection().execute(
            base, {"office_id": office_id, "first": first, "last": last}
        )
        rows.extend(
            VisitRow(
                id=r[0],
                ticket=r[1],
                day=r[2],
                service=r[3],
                status=r[4],
                checked_in_at=r[5],
                called_at=r[6],
                served_at=r[7],
                finished_at=r[8],
                desk=r[9] or "",
                officer=r[10] or "",
                announced_wait_minutes=r[11],
                resolved_first_contact=r[12],
                kind=r[13],
            )
            for r in result
        )
    if progress is not None and not progress(len(chunks), len(chunks)):
        raise Cancelled("The report was cancelled.")
    return rows


@functools.cache
def _visits_query() -> Executable:
    """The walk-ins of an office between two local days, with service, desk and officer names.

    Built once: constructing a statement with aliases costs more than running it for a day.
    """
    desk = aliased(DeskRecord)
    staff = aliased(StaffRecord)
    v = VisitRecord
    return (
        select(
            v.id,
            v.ticket,
            v.ticket_day,
            ServiceRecord.name,
            v.status,
            v.checked_in_at,
            v.called_at,
            v.served_at,
            v.finished_at,
            desk.name,
            staff.full_name,
            v.announced_wait_minutes,
            v.resolved_first_contact,
            v.kind,
        )
        .join(ServiceRecord, ServiceRecord.id == v.service_id)
        .outerjoin(desk, desk.id == v.desk_id)
        .outerjoin(staff, staff.id == v.called_by)
        .where(
            v.office_id == bindparam("office_id"),
            v.ticket_day >= bindparam("first"),
            v.ticket_day <= bindparam("last"),
            v.kind == "walk_in",
        )
    )
