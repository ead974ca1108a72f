"""Texts to walk-ins who left a mobile at check-in: nearly their turn, and called to a desk.

Queued in the calling desk's own transaction (``queue_notification``), so a call that is
rolled back texts nobody; the background sender sends them. A text about the queue that has
not gone within ``QUEUE_TEXT_LIFETIME`` is no use any more and is dropped.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.notifications import Channel, NotificationKind
from reception_app.domain.visits import VisitStatus
from reception_app.persistence.notification_records import NotificationRecord
from reception_app.persistence.records import DeskRecord, OfficeRecord, VisitRecord
from reception_app.services.notifications.outbox import (
    cancel_open,
    office_channels,
    queue_notification,
)
from reception_app.services.queue.snapshot import build_snapshot, forecasts_by_ticket
from reception_app.services.queue.visits import local_day

QUEUE_TEXT_LIFETIME = timedelta(minutes=20)
NEARLY_UP_PLACES = 2
"""'About two visitors from the front': the first this many waiting get the text."""


def _already(session: Session, visit_id: int, kind: NotificationKind) -> bool:
    return (
        session.scalar(
            select(NotificationRecord.id).where(
                NotificationRecord.subject_kind == "visit",
                NotificationRecord.subject_id == visit_id,
                NotificationRecord.kind == kind.value,
            )
        )
        is not None
    )


def text_called(
    session: Session, office: OfficeRecord, record: VisitRecord, desk: DeskRecord, now: datetime
) -> None:
    """The visitor just called to ``desk``; then whoever is now nearly at the front."""
    if Channel.SMS not in office_channels(session, office.id):
        return
    if record.notify_mobile:
        cancel_open(
            session,
            now,
            "They were called before it went, so it was not sent.",
            subject=("visit", record.id),
            kinds=(NotificationKind.NEARLY_UP,),
        )
        queue_notification(
            session,
            office=office,
            kind=NotificationKind.CALLED,
            channel=Channel.SMS,
            address=record.notify_mobile,
            values={"ticket": record.ticket, "desk": desk.name},
            now=now,
            subject_kind="visit",
            subject_id=record.id,
            expires_at=now + QUEUE_TEXT_LIFETIME,
        )
    text_nearly_up(session, office, now)


def text_nearly_up(session: Session, office: OfficeRecord, now: datetime) -> None:
    """Text the first waiting visitors who left a mobile and have not had this text yet."""
    waiting = session.scalars(
        select(VisitRecord)
        .where(
            VisitRecord.office_id == office.id,
            VisitRecord.status == VisitStatus.WAITING.value,
            VisitRecord.ticket_day == local_day(office, now),
        )
        .order_by(VisitRecord.position)
        .limit(NEARLY_UP_PLACES)
    ).all()
    due = [
        r
        for r in waiting
        if r.notify_mobile and not _already(session, r.id, NotificationKind.NEARLY_UP)
    ]
    if not due:
        return
    forecasts = forecasts_by_ticket(build_snapshot(session, office, now))
    for record in due:
        told = forecasts.get(record.ticket)
        minutes = round(told.minutes) if told is not None else 0
        queue_notification(
            session,
            office=office,
            kind=NotificationKind.NEARLY_UP,
            channel=Channel.SMS,
            address=record.notify_mobile,
            values={"ticket": record.ticket, "minutes": f"about {max(minutes, 2)} minutes"},
            now=now,
            subject_kind="visit",
            subject_id=record.id,
            expires_at=now + QUEUE_TEXT_LIFETIME,
        )
