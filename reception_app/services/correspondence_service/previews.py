"""What a clock pause, its answer or an extension would make the deadlines, shown in the
dialog before anything is saved (read only), and the check an extension must pass."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from reception_app.domain.correspondence import (
    ClockPause,
    Deadlines,
    channel_can_extend,
    check_pause,
    compute_deadlines,
)
from reception_app.domain.deadlines import DeadlineEngine
from reception_app.domain.errors import ValidationError
from reception_app.domain.extensions import check_extension
from reception_app.persistence.correspondence_records import CorrespondenceRecord
from reception_app.persistence.engine import transaction
from reception_app.services.correspondence_service.clocks import (
    open_pause,
    pauses,
    record_deadlines,
)
from reception_app.services.correspondence_service.views import CorrespondenceBase


def check_extendable(
    session: Session, record: CorrespondenceRecord, engine: DeadlineEngine, today: date
) -> date | None:
    """The original deadline's day, once an extension is known to be allowed now."""
    if not channel_can_extend(record.channel):
        raise ValidationError(
            "Only subject access, FOI and EIR requests can be extended.", "reason"
        )
    if record.extended_at is not None:
        raise ValidationError("It has already been extended.", "reason")
    if record.responded_at is not None:
        raise ValidationError("It has already been answered.", "reason")
    respond = record_deadlines(record, engine, pauses(session, record), today).respond
    original = engine.due_day(respond) if respond is not None else None
    check_extension(original, today)
    return original


class Previews(CorrespondenceBase):
    """Deadlines as they would be; each method is one read-only transaction."""

    def preview_extension(self, item_id: int) -> date:
        """The extended deadline the extension would give; ValidationError when it is not
        allowed (the message the dialog shows before the clerk types a reason)."""
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            record = self._record(session, office, item_id)
            engine, today = self._engine(office), self._today(office)
            check_extendable(session, record, engine, today)
            deadlines = compute_deadlines(
                engine,
                record.channel,
                record.received_at,
                pauses(session, record),
                today,
                extended=True,
                target=record.target_on,
            )
            assert deadlines.extended is not None
            return deadlines.extended

    def preview_pause(
        self, item_id: int, reason: str, asked_on: date, answered_on: date | None
    ) -> Deadlines:
        """The deadlines with this pause (an open one counts as answered today)."""
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            record = self._record(session, office, item_id)
            engine, today = self._engine(office), self._today(office)
            received_on = engine.calendar.local_date(record.received_at)
            chosen = check_pause(record.channel, reason, asked_on, answered_on, received_on, today)
            added = ClockPause(0, chosen, asked_on, answered_on)
            return record_deadlines(record, engine, [*pauses(session, record), added], today)

    def preview_resume(self, item_id: int, answered_on: date) -> Deadlines:
        """The deadlines once the open pause is answered on ``answered_on``."""
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            record = self._record(session, office, item_id)
            engine, today = self._engine(office), self._today(office)
            current = open_pause(session, record)
            if current is None:
                raise ValidationError("The clock is not paused.", "answered_on")
            received_on = engine.calendar.local_date(record.received_at)
            check_pause(
                record.channel, current.reason, current.asked_on, answered_on, received_on, today
            )
            changed = [
                replace(p, answered_on=answered_on) if p.id == current.id else p
                for p in pauses(session, record)
            ]
            return record_deadlines(record, engine, changed, today)
