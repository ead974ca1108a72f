"""Reading the event log: who did what, when (the log itself is written by each use-case).

Managers read the whole log; anyone else only their own entries (PermissionDenied otherwise),
checked here whatever the screen asks for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from reception_app.domain.errors import PermissionDenied
from reception_app.domain.people import StaffMember
from reception_app.persistence.engine import transaction
from reception_app.persistence.records import EventRecord, StaffRecord
from reception_app.services.context import ServiceContext
from reception_app.services.office_scoped import require_actor, require_manager

READ_LOG = "read the whole activity log"


@dataclass(frozen=True, slots=True)
class LoggedEvent:
    id: int
    at: datetime
    staff_id: int | None
    staff_name: str
    action: str
    entity: str
    entity_id: int | None
    summary: str


def logged_event(e: EventRecord) -> LoggedEvent:
    by = (e.details or {}).get("by") if isinstance(e.details, dict) else None
    return LoggedEvent(
        id=e.id,
        at=e.at,
        staff_id=e.staff_id,
        staff_name=e.staff.full_name if e.staff else (str(by) if by else "System"),
        action=e.action,
        entity=e.entity,
        entity_id=e.entity_id,
        summary=e.summary,
    )


class EventService:
    def __init__(self, context: ServiceContext) -> None:
        self._factory = context.session_factory

    def recent(
        self,
        actor: StaffMember | None,
        limit: int = 200,
        since: datetime | None = None,
        staff_id: int | None = None,
    ) -> list[LoggedEvent]:
        """The newest ``limit`` entries (by time), optionally since a time or by one person.
        Anyone but a manager must ask for their own entries (``staff_id`` = their id)."""
        with transaction(self._factory, write=False) as session:
            _may_read(session, actor, staff_id)
            query = select(EventRecord).options(selectinload(EventRecord.staff))
            if since is not None:
                query = query.where(EventRecord.at >= since)
            if staff_id is not None:
                query = query.where(EventRecord.staff_id == staff_id)
            query = query.order_by(EventRecord.at.desc(), EventRecord.id.desc()).limit(limit)
            return [logged_event(e) for e in session.scalars(query)]

    def count_since(self, actor: StaffMember | None, since: datetime) -> int:
        """How many entries the whole log has since ``since``; managers only."""
        with transaction(self._factory, write=False) as session:
            require_manager(actor, session, READ_LOG)
            return int(
                session.scalar(
                    select(func.count()).select_from(EventRecord).where(EventRecord.at >= since)
                )
                or 0
            )


def _may_read(session: Session, actor: StaffMember | None, staff_id: int | None) -> None:
    member = require_actor(actor)
    if member.is_manager:
        require_manager(member, session, READ_LOG)
    elif staff_id != member.id:
        raise PermissionDenied(
            "Only a manager can read the whole activity log; you can read your own entries."
        )
    else:
        record = session.get(StaffRecord, member.id)
        if record is None or not record.active:
            raise PermissionDenied("Your account is no longer active; ask a manager.")
