"""Reading the event log: who did what, when (the log itself is written by each use-case)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from reception_app.persistence.engine import transaction
from reception_app.persistence.records import EventRecord
from reception_app.services.context import ServiceContext


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


class EventService:
    def __init__(self, context: ServiceContext) -> None:
        self._factory = context.session_factory

    def recent(
        self, limit: int = 200, since: datetime | None = None, staff_id: int | None = None
    ) -> list[LoggedEvent]:
        """The newest ``limit`` entries (by time), optionally since a time or by one person."""
        with transaction(self._factory, write=False) as session:
            query = select(EventRecord).options(selectinload(EventRecord.staff))
            if since is not None:
                query = query.where(EventRecord.at >= since)
            if staff_id is not None:
                query = query.where(EventRecord.staff_id == staff_id)
            query = query.order_by(EventRecord.at.desc(), EventRecord.id.desc()).limit(limit)
            return [
                LoggedEvent(
                    id=e.id,
                    at=e.at,
                    staff_id=e.staff_id,
                    staff_name=e.staff.full_name if e.staff else "System",
                    action=e.action,
                    entity=e.entity,
                    entity_id=e.entity_id,
                    summary=e.summary,
                )
                for e in session.scalars(query)
            ]

    def count_since(self, since: datetime) -> int:
        with transaction(self._factory, write=False) as session:
            return int(
                session.scalar(
                    select(func.count()).select_from(EventRecord).where(EventRecord.at >= since)
                )
                or 0
            )
