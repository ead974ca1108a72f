"""The audit page (issue 12): managers filter the event log by person, member of staff, record
and date, and export what they found as CSV. Managers only, checked here on every call."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session, selectinload

from reception_app.domain.audit import AuditFilter, AuditRow, audit_csv
from reception_app.domain.people import StaffMember
from reception_app.file_modes import write_file_private
from reception_app.persistence.appointment_records import AppointmentRecord
from reception_app.persistence.correspondence_records import (
    CorrespondenceRecord,
    FeedbackRecord,
    IncidentRecord,
    MessageRecord,
)
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.letter_records import LetterRecord
from reception_app.persistence.records import EventRecord, VisitRecord
from reception_app.services.context import ServiceContext, actor_id
from reception_app.services.event_service import logged_event
from reception_app.services.office_scoped import require_manager

LONDON = ZoneInfo("Europe/London")
READ_AUDIT = "read the audit log"
AUDIT_LIMIT = 5000
"""Most rows one search shows or exports (the newest first); narrow the filter for older ones."""

HELD_FOR_A_PERSON: dict[str, Any] = {
    "visit": VisitRecord,
    "appointment": AppointmentRecord,
    "message": MessageRecord,
    "correspondence": CorrespondenceRecord,
    "feedback": FeedbackRecord,
    "incident": IncidentRecord,
    "letter": LetterRecord,
}
"""Log entities whose records name a contact (``contact_id``): 'about this person' covers them."""


class AuditService:
    def __init__(self, context: ServiceContext) -> None:
        self._factory = context.session_factory
        self._clock = context.clock

    def search(self, actor: StaffMember | None, wanted: AuditFilter) -> list[AuditRow]:
        """The newest AUDIT_LIMIT entries that match ``wanted``, newest first."""
        wanted = wanted.checked()
        with transaction(self._factory, write=False) as session:
            require_manager(actor, session, READ_AUDIT)
            return self._rows(session, wanted)

    def export_csv(self, actor: StaffMember | None, wanted: AuditFilter, path: Path) -> int:
        """Write the matching entries to ``path`` (readable by its owner only); the export
        itself is logged. Returns how many rows were written."""
        wanted = wanted.checked()
        with transaction(self._factory) as session:
            require_manager(actor, session, READ_AUDIT)
            rows = self._rows(session, wanted)
            partial = path.with_name(path.name + ".partial")
            try:
                write_file_private(partial, audit_csv(rows))
                partial.replace(path)
            finally:
                partial.unlink(missing_ok=True)
            log_event(
                session,
                at=self._clock(),
                action="exported",
                entity="event_log",
                staff_id=actor_id(actor),
                summary=f"Audit log exported: {len(rows)} entries ({describe(wanted)})",
            )
        return len(rows)

    def _rows(self, session: Session, wanted: AuditFilter) -> list[AuditRow]:
        query = _filtered(session, select(EventRecord), wanted)
        query = query.options(selectinload(EventRecord.staff))
        query = query.order_by(EventRecord.at.desc(), EventRecord.id.desc()).limit(AUDIT_LIMIT)
        rows = []
        for record in session.scalars(query):
            e = logged_event(record)
            rows.append(AuditRow(e.at, e.staff_name, e.action, e.entity, e.entity_id, e.summary))
        return rows


def _filtered(session: Session, query: Select[Any], wanted: AuditFilter) -> Select[Any]:
    if wanted.staff_id is not None:
        query = query.where(EventRecord.staff_id == wanted.staff_id)
    if wanted.entity:
        query = query.where(EventRecord.entity == wanted.entity)
    if wanted.entity_id is not None:
        query = query.where(EventRecord.entity_id == wanted.entity_id)
    if wanted.start is not None:
        query = query.where(EventRecord.at >= _utc(wanted.start, 0))
    if wanted.end is not None:
        query = query.where(EventRecord.at < _utc(wanted.end, 1))
    if wanted.contact_id is not None:
        about = [and_(EventRecord.entity == "contact", EventRecord.entity_id == wanted.contact_id)]
        for entity, model in HELD_FOR_A_PERSON.items():
            ids = select(model.id).where(model.contact_id == wanted.contact_id)
            about.append(and_(EventRecord.entity == entity, EventRecord.entity_id.in_(ids)))
        query = query.where(or_(*about))
    return query


def _utc(day: Any, days_after: int) -> datetime:
    local = datetime.combine(day + timedelta(days=days_after), time(0), tzinfo=LONDON)
    return local.astimezone(UTC)


def describe(wanted: AuditFilter) -> str:
    parts = []
    if wanted.staff_id is not None:
        parts.append(f"staff {wanted.staff_id}")
    if wanted.contact_id is not None:
        parts.append(f"contact {wanted.contact_id}")
    if wanted.entity:
        parts.append(f"{wanted.entity} {wanted.entity_id or ''}".strip())
    if wanted.start or wanted.end:
        parts.append(f"{wanted.start or '…'} to {wanted.end or '…'}")
    return ", ".join(parts) or "everything"
