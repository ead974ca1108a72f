"""Queueing a notification the way a use-case does, for the outbox and sender tests."""

from __future__ import annotations

from datetime import datetime

from reception_app.domain.notifications import Channel, NotificationKind
from reception_app.persistence.engine import transaction
from reception_app.persistence.office_repository import get_office
from reception_app.services.container import AppServices
from reception_app.services.notifications import queue_notification


def queue_text(
    services: AppServices,
    mobile: str = "07700 900123",
    *,
    kind: NotificationKind = NotificationKind.CALLED,
    contact_id: int | None = None,
    expires_at: datetime | None = None,
    subject: tuple[str, int] = ("visit", 1),
) -> int:
    """Queue one text in its own write transaction; the outbox row's id."""
    with transaction(services.database.session_factory) as session:
        record = queue_notification(
            session,
            office=get_office(session, "hellesdon"),
            kind=kind,
            channel=Channel.SMS,
            address=mobile,
            values={"ticket": "G001", "desk": "Desk 1", "minutes": "about 5 minutes"},
            now=services.context.clock(),
            contact_id=contact_id,
            subject_kind=subject[0],
            subject_id=subject[1],
            expires_at=expires_at,
        )
        assert record is not None
        return record.id
