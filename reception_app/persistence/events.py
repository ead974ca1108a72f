"""The append-only event log: writing entries, and refusing to change or delete them."""

from __future__ import annotations

from contextvars import ContextVar
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from reception_app.persistence.records import EventRecord

ACTING_AS: ContextVar[str | None] = ContextVar("acting_as", default=None)
"""Who acts when no staff member does, e.g. "the command line": kept in the entry's details
("by") so the log names it instead of "System"."""


def log_event(
    session: Session,
    *,
    at: datetime,
    action: str,
    entity: str,
    entity_id: int | None = None,
    staff_id: int | None = None,
    office_id: int | None = None,
    summary: str = "",
    details: dict[str, Any] | None = None,
) -> EventRecord:
    """Add one entry to the log inside the caller's transaction (so both commit or neither).

    ``at`` comes from the use-case's clock, so a test's fixed clock and the log agree.
    """
    record = EventRecord(
        at=at,
        action=action,
        entity=entity,
        entity_id=entity_id,
        staff_id=staff_id,
        office_id=office_id,
        summary=summary,
        details=_with_actor(details or {}, staff_id),
    )
    session.add(record)
    return record


def _with_actor(details: dict[str, Any], staff_id: int | None) -> dict[str, Any]:
    acting = ACTING_AS.get()
    if staff_id is None and acting and "by" not in details:
        return {**details, "by": acting}
    return details


@event.listens_for(Session, "before_flush")
def _refuse_event_changes(session: Session, _context: object, _instances: object) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, EventRecord) and (obj in session.deleted or session.is_modified(obj)):
            raise ValueError("The event log is append-only: entries cannot be changed or deleted.")
