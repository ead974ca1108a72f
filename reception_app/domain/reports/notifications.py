"""The texts and e-mails section: how many were sent, delivered and failed in the period.

One row per notification queued in the period (test messages left out). *Sent* counts those
that reached Notify (it gave them an id), whatever happened after; *delivered* and *failed* are
where they stand now (a failure includes one Notify refused); *waiting* and *not sent* (dropped:
consent withdrawn, too late to be useful, switched off) complete the count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.notifications import Channel, NotificationKind, OutboxStatus
from reception_app.domain.reports.figures import Figure, FigureTable, Section, local_time

NOTIFICATION_HEADERS = ("Message", "By", "Day", "Queued at", "Where it stands", "Why")

KIND_TITLES = {
    NotificationKind.NEARLY_UP: "Nearly your turn",
    NotificationKind.CALLED: "Called to a desk",
    NotificationKind.APPOINTMENT_CONFIRMED: "Appointment confirmed",
    NotificationKind.APPOINTMENT_REMINDER: "Appointment reminder",
    NotificationKind.APPOINTMENT_MOVED: "Appointment moved",
    NotificationKind.APPOINTMENT_CANCELLED: "Appointment cancelled",
    NotificationKind.APPOINTMENT_LATE: "Appointment running late",
    NotificationKind.HOME_VISIT_LATE: "Home visit running late",
    NotificationKind.CORRESPONDENCE_RECEIVED: "Letter or e-mail received",
    NotificationKind.HOLDING_RESPONSE: "Holding response",
    NotificationKind.MESSAGE_TAKEN: "Message taken",
    NotificationKind.TEST: "Test",
}


@dataclass(frozen=True, slots=True)
class NotificationRow:
    id: int
    kind: NotificationKind
    channel: Channel
    status: OutboxStatus
    reached_notify: bool
    created_at: datetime
    problem: str = ""


def _count(rows: Sequence[NotificationRow]) -> tuple[int, int, int, int, int]:
    sent = sum(1 for r in rows if r.reached_notify)
    delivered = sum(1 for r in rows if r.status is OutboxStatus.DELIVERED)
    failed = sum(1 for r in rows if r.status is OutboxStatus.FAILED)
    waiting = sum(1 for r in rows if not r.status.finished and r.status is not OutboxStatus.SENT)
    dropped = sum(1 for r in rows if r.status is OutboxStatus.CANCELLED)
    return sent, delivered, failed, waiting, dropped


def _cells(row: NotificationRow, calendar: OfficeCalendar) -> tuple[str, ...]:
    return (
        KIND_TITLES.get(row.kind, row.kind.value),
        row.channel.label,
        f"{calendar.to_local(row.created_at):%a %d %b %Y}",
        local_time(calendar, row.created_at),
        row.status.label,
        row.problem,
    )


def notifications_section(
    rows: Sequence[NotificationRow], calendar: OfficeCalendar
) -> tuple[Section, dict[str, tuple[tuple[str, ...], ...]]]:
    """Sent, delivered and failed (with the records behind each), and the same by message."""
    rows = [r for r in rows if r.kind is not NotificationKind.TEST]
    sent, delivered, failed, waiting, dropped = _count(rows)
    groups = {
        "notifications:sent": [r for r in rows if r.reached_notify],
        "notifications:delivered": [r for r in rows if r.status is OutboxStatus.DELIVERED],
        "notifications:failed": [r for r in rows if r.status is OutboxStatus.FAILED],
    }
    extra: dict[str, tuple[tuple[str, ...], ...]] = {
        "headers:notifications": (NOTIFICATION_HEADERS,),
        **{key: tuple(_cells(r, calendar) for r in found) for key, found in groups.items()},
    }
    figures = (
        Figure("notifications_sent", "Sent to Notify", str(sent), sent, "notifications:sent"),
        Figure(
            "notifications_delivered",
            "Delivered",
            str(delivered),
            delivered,
            "notifications:delivered",
        ),
        Figure(
            "notifications_failed",
            "Failed (wrong number, bounced, refused)",
            str(failed),
            failed,
            "notifications:failed",
        ),
        Figure("notifications_waiting", "Still waiting to be sent", str(waiting), waiting),
        Figure(
            "notifications_dropped", "Not sent (consent withdrawn, too late)", str(dropped), dropped
        ),
    )
    table_rows, selectors = [], []
    for kind in NotificationKind:
        mine = [r for r in rows if r.kind is kind]
        if not mine:
            continue
        k_sent, k_delivered, k_failed, _, _ = _count(mine)
        table_rows.append((KIND_TITLES[kind], str(k_sent), str(k_delivered), str(k_failed)))
        selectors.append(f"notifications:kind:{kind.value}")
        extra[f"notifications:kind:{kind.value}"] = tuple(_cells(r, calendar) for r in mine)
    table = FigureTable(
        "notifications",
        "By message",
        ("Message", "Sent", "Delivered", "Failed"),
        tuple(table_rows),
        tuple(selectors),
    )
    note = "" if rows else "No texts or e-mails were queued in the period."
    return Section("notifications", "Texts and e-mails", figures, (table,), note), extra
