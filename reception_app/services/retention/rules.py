"""What retention clears in each table, and when a record is due (DOMAIN.md 9).

One ``Rule`` per kind of record: the columns holding personal details and the blank each gets,
the record's last action, and the conditions that keep it (an open clock, an open complaint, a
manager's legal hold on it or on its contact). The anonymous facts the reports read (times,
services, desks, statuses, channels, due dates) are never in ``clear``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, func, not_, or_, select, true

from reception_app.domain.retention import (
    COMPLAINT_CHANNELS,
    INFORMATION_REQUEST_CHANNELS,
    RecordKind,
    Schedule,
)
from reception_app.persistence.appointment_records import AppointmentRecord, RoomBookingRecord
from reception_app.persistence.correspondence_records import (
    CorrespondencePauseRecord,
    CorrespondenceRecord,
    FeedbackRecord,
    HoldingResponseRecord,
    IncidentRecord,
    MessageCallbackRecord,
    MessageRecord,
    VisitFollowUpRecord,
)
from reception_app.persistence.letter_records import LetterRecord
from reception_app.persistence.notification_records import NotificationRecord
from reception_app.persistence.records import ContactRecord, VisitRecord

FINISHED_NOTIFICATIONS = ("sent", "delivered", "failed", "cancelled")


@dataclass(frozen=True)
class Cutoffs:
    """Per kind: the office-local cutoff day and the UTC moment that day starts."""

    days: Mapping[RecordKind, date]
    moments: Mapping[RecordKind, datetime]


@dataclass(frozen=True)
class Child:
    model: Any
    parent_column: str
    clear: Mapping[str, Any]


@dataclass(frozen=True)
class Rule:
    key: str
    """The name counted in dry runs and the audit entry, e.g. 'walk-in visits'."""
    kind: RecordKind
    model: Any
    last_action: Callable[[], Any]
    by_day: bool
    """``last_action`` is an office-local date (else a UTC moment)."""
    clear: Mapping[str, Any]
    keep_when: Callable[[], list[ColumnElement[bool]]] = lambda: []
    """Conditions a due record must also meet (no open clock, no open complaint)."""
    children: tuple[Child, ...] = ()
    source_kind: str = ""
    """The kind its letters and notifications name it by ('' for none)."""
    has_contact: bool = True

    def due(self, office_id: int, cutoffs: Cutoffs) -> ColumnElement[bool]:
        """The SQL condition: this office's records of this rule whose personal details go."""
        m = self.model
        limit = cutoffs.days[self.kind] if self.by_day else cutoffs.moments[self.kind]
        conditions = [
            m.office_id == office_id,
            m.purged_at.is_(None),
            m.legal_hold == false(),
            self.last_action() < limit,
            *self.keep_when(),
        ]
        if self.has_contact:
            conditions.append(or_(m.contact_id.is_(None), not_(_contact_held(m.contact_id))))
        return and_(*conditions)


def _contact_held(column: Any) -> ColumnElement[bool]:
    return exists().where(ContactRecord.id == column, ContactRecord.legal_hold == true())


def _follow_up_closed() -> list[ColumnElement[bool]]:
    v = VisitRecord
    closed = exists().where(VisitFollowUpRecord.visit_id == v.id)
    return [or_(v.follow_up_officer_id.is_(None), closed)]


def _closed(model: Any) -> Callable[[], list[ColumnElement[bool]]]:
    return lambda: [model.closed_at.is_not(None)]


def _channels(kind: RecordKind) -> Callable[[], list[ColumnElement[bool]]]:
    c = CorrespondenceRecord
    special = INFORMATION_REQUEST_CHANNELS | COMPLAINT_CHANNELS

    def conditions() -> list[ColumnElement[bool]]:
        closed = c.closed_at.is_not(None)
        if kind is RecordKind.INFORMATION_REQUEST:
            return [closed, c.channel.in_(sorted(INFORMATION_REQUEST_CHANNELS))]
        if kind is RecordKind.COMPLAINT:
            return [closed, c.channel.in_(sorted(COMPLAINT_CHANNELS))]
        return [closed, c.channel.not_in(sorted(special))]

    return conditions


def _feedback_settled() -> list[ColumnElement[bool]]:
    f = FeedbackRecord
    complaint_open = exists().where(
        CorrespondenceRecord.id == f.complaint_id, CorrespondenceRecord.closed_at.is_(None)
    )
    return [f.status.in_(("shared", "resolved_informally", "closed")), not_(complaint_open)]


_CORRESPONDENCE_CLEAR = {
    "from_name": "",
    "from_email": "",
    "from_phone": "",
    "contact_id": None,
    "subject": "",
    "summary": "",
    "extension_reason": "",
    "response_note": "",
    "close_note": "",
}
_CORRESPONDENCE_CHILDREN = (
    Child(CorrespondencePauseRecord, "correspondence_id", {"note": ""}),
    Child(HoldingResponseRecord, "correspondence_id", {"reason": ""}),
)


def _correspondence_rule(key: str, kind: RecordKind) -> Rule:
    return Rule(
        key,
        kind,
        CorrespondenceRecord,
        lambda: CorrespondenceRecord.closed_at,
        False,
        _CORRESPONDENCE_CLEAR,
        _channels(kind),
        _CORRESPONDENCE_CHILDREN,
        "correspondence",
    )


RULES: tuple[Rule, ...] = (
    Rule(
        "walk-in visits",
        RecordKind.WALK_IN,
        VisitRecord,
        lambda: VisitRecord.ticket_day,
        True,
        {
            "display_name": "anonymous",
            "contact_id": None,
            "note": "",
            "notify_mobile": "",
            "interpreter_language": "",
        },
        _follow_up_closed,
        (Child(VisitFollowUpRecord, "visit_id", {"note": ""}),),
        "visit",
    ),
    Rule(
        "appointments",
        RecordKind.APPOINTMENT,
        AppointmentRecord,
        lambda: AppointmentRecord.ends_at,
        False,
        {
            "customer_name": "",
            "contact_id": None,
            "home_address": "",
            "notes": "",
            "cancel_reason": "",
            "delay_reason": "",
            "interpreter_language": "",
        },
        children=(Child(RoomBookingRecord, "appointment_id", {"purpose": ""}),),
        source_kind="appointment",
    ),
    Rule(
        "room bookings",
        RecordKind.APPOINTMENT,
        RoomBookingRecord,
        lambda: RoomBookingRecord.ends_at,
        False,
        {"purpose": ""},
        lambda: [RoomBookingRecord.appointment_id.is_(None)],
        has_contact=False,
    ),
    Rule(
        "phone messages",
        RecordKind.MESSAGE,
        MessageRecord,
        lambda: MessageRecord.closed_at,
        False,
        {
            "caller_name": "",
            "caller_phone": "",
            "caller_phone_other": "",
            "caller_email": "",
            "contact_id": None,
            "best_time": "",
            "subject": "",
            "body": "",
            "close_note": "",
        },
        lambda: [MessageRecord.status == "closed", MessageRecord.closed_at.is_not(None)],
        (Child(MessageCallbackRecord, "message_id", {"note": ""}),),
        "message",
    ),
    _correspondence_rule("correspondence", RecordKind.CORRESPONDENCE),
    _correspondence_rule("information requests", RecordKind.INFORMATION_REQUEST),
    _correspondence_rule("complaints", RecordKind.COMPLAINT),
    Rule(
        "feedback",
        RecordKind.COMPLAINT,
        FeedbackRecord,
        lambda: func.coalesce(
            FeedbackRecord.closed_at, FeedbackRecord.shared_at, FeedbackRecord.received_at
        ),
        False,
        {
            "from_name": "",
            "from_phone": "",
            "from_email": "",
            "contact_id": None,
            "details": "",
            "outcome": "",
        },
        _feedback_settled,
    ),
    Rule(
        "incidents",
        RecordKind.INCIDENT,
        IncidentRecord,
        lambda: IncidentRecord.occurred_at,
        False,
        {
            "person": "",
            "contact_id": None,
            "staff_involved": "",
            "description": "",
            "action_taken": "",
            "police_reference": "",
            "police_not_told_reason": "",
        },
    ),
)


@dataclass(frozen=True)
class ContactRule:
    """Letters written from a contact itself follow the correspondence period; a contact no
    kept record refers to (and unchanged for the walk-in period) is removed."""

    referring: tuple[Any, ...] = field(
        default=(
            VisitRecord,
            AppointmentRecord,
            MessageRecord,
            CorrespondenceRecord,
            FeedbackRecord,
            IncidentRecord,
            LetterRecord,
            NotificationRecord,
        )
    )

    def letters_due(self, office_id: int, cutoffs: Cutoffs) -> ColumnElement[bool]:
        letter = LetterRecord
        return and_(
            letter.office_id == office_id,
            letter.source_kind == "contact",
            letter.sent_at < cutoffs.moments[RecordKind.CORRESPONDENCE],
            or_(letter.file_name != "", letter.contact_id.is_not(None)),
            or_(letter.contact_id.is_(None), not_(_contact_held(letter.contact_id))),
        )

    def removable(self, office_id: int, cutoffs: Cutoffs) -> ColumnElement[bool]:
        c = ContactRecord
        refs = [exists().where(model.contact_id == c.id) for model in self.referring]
        return and_(
            c.office_id == office_id,
            c.legal_hold == false(),
            c.updated_at < cutoffs.moments[RecordKind.WALK_IN],
            *[not_(ref) for ref in refs],
        )


CONTACTS = ContactRule()


def cutoffs_for(schedule: Schedule, today: date, to_utc: Callable[[date], datetime]) -> Cutoffs:
    days = {kind: schedule.cutoff(kind, today) for kind in RecordKind}
    return Cutoffs(days, {kind: to_utc(day) for kind, day in days.items()})


def due_ids(rule: Rule, office_id: int, cutoffs: Cutoffs) -> Any:
    return select(rule.model.id).where(rule.due(office_id, cutoffs)).order_by(rule.model.id)
