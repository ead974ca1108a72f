"""The texts and e-mails section's rows: the notifications queued in the period."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.notifications import Channel, NotificationKind, OutboxStatus
from reception_app.domain.reports import NotificationRow, notifications_section
from reception_app.persistence.notification_records import NotificationRecord
from reception_app.services.reports.section_part import Part


def notifications_part(
    session: Session, office: Row[Any], calendar: OfficeCalendar, begin: datetime, finish: datetime
) -> Part:
    n = NotificationRecord
    found = session.execute(
        select(n.id, n.kind, n.channel, n.status, n.notify_id, n.created_at, n.problem)
        .where(
            n.office_id == office.id,
            n.kind != NotificationKind.TEST.value,
            n.created_at >= begin,
            n.created_at < finish,
        )
        .order_by(n.created_at, n.id)
    )
    rows = [
        NotificationRow(
            id=r[0],
            kind=NotificationKind(r[1]),
            channel=Channel(r[2]),
            status=OutboxStatus(r[3]),
            reached_notify=r[4] is not None,
            created_at=r[5],
            problem=r[6] or "",
        )
        for r in found
        if r[1] in set(NotificationKind)
    ]
    section, extra = notifications_section(rows, calendar)
    return section, extra, {}
