"""Change a row only while its status is still what the desk saw, and log it in the same step.

Two desks can act on one visitor, appointment or message at the same moment. Reading the status,
checking it in Python and then writing lets both pass the check; here the check and the change
are one conditional UPDATE, so exactly one of them applies and the other is told it moved on.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import update
from sqlalchemy.orm import Session

from reception_app.persistence.events import log_event


class StatusRow(Protocol):
    """A record with an id, an office and a status column (visits, appointments, messages)."""

    id: Any
    office_id: Any
    status: Any


@dataclass(frozen=True, slots=True)
class Logged:
    """The event-log entry written when the change applies (and only then)."""

    action: str
    entity: str
    staff_id: int | None
    summary: str
    details: dict[str, Any] = field(default_factory=dict)


def change_if_status(
    session: Session,
    record: StatusRow,
    from_statuses: Collection[str],
    values: Mapping[str, Any],
    *,
    at: datetime,
    log: Logged | None = None,
) -> bool:
    """Set ``values`` on ``record`` only if its status is still one of ``from_statuses``, then
    write ``log`` for it; False (nothing changed, nothing logged) if another desk got there
    first. ``record`` is refreshed from the database when the change applies."""
    model: Any = type(record)
    result = session.execute(
        update(model)
        .where(model.id == record.id, model.status.in_(tuple(from_statuses)))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if int(getattr(result, "rowcount", 0)) != 1:
        return False
    session.refresh(record)
    if log is not None:
        log_change(session, record, log, at=at)
    return True


def log_change(session: Session, record: StatusRow, log: Logged, *, at: datetime) -> None:
    """Write ``log`` for ``record`` (a change made without a status condition)."""
    log_event(
        session,
        at=at,
        action=log.action,
        entity=log.entity,
        entity_id=record.id,
        office_id=record.office_id,
        staff_id=log.staff_id,
        summary=log.summary,
        details=log.details,
    )
