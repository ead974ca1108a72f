"""The step a letter records on the correspondence it was written from: an acknowledgement
letter acknowledges, an answering letter answers, with the letter as the evidence.

Called inside the transaction that records the letter as sent, so the letter and the step are
saved together or not at all (one click for one thing)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from reception_app.domain.correspondence import reference
from reception_app.domain.deadlines import DeadlineEngine
from reception_app.persistence.correspondence_records import CorrespondenceRecord
from reception_app.persistence.events import log_event
from reception_app.persistence.records import OfficeRecord
from reception_app.services.correspondence_service.clocks import open_pause, pauses, recompute


def record_letter_step(
    session: Session,
    office: OfficeRecord,
    engine: DeadlineEngine,
    *,
    item_id: int,
    step: str,
    letter_id: int,
    letter_title: str,
    at: datetime,
    today: date,
    staff_id: int | None,
) -> bool:
    """Record ``step`` ("acknowledge" or "respond") on correspondence ``item_id`` because the
    letter ``letter_id`` was sent. True when the step was recorded; False when there was
    nothing to record (already done, closed, another office's, or a paused clock for a reply)."""
    record = session.get(CorrespondenceRecord, item_id)
    if record is None or record.office_id != office.id or record.closed_at is not None:
        return False
    if step == "acknowledge":
        if record.acknowledged_at is not None:
            return False
        record.acknowledged_at, record.acknowledged_by_id = at, staff_id
        record.acknowledged_letter_id = letter_id
        action, done = "correspondence_acknowledged", "acknowledged"
    elif step == "respond":
        if record.responded_at is not None or open_pause(session, record) is not None:
            return False
        record.responded_at, record.responded_by_id = at, staff_id
        record.responded_letter_id = letter_id
        if record.acknowledged_at is None:  # the answer tells them it arrived, too
            record.acknowledged_at, record.acknowledged_by_id = at, staff_id
            record.acknowledged_letter_id = letter_id
        action, done = "correspondence_responded", "responded"
    else:
        raise ValueError(f"unknown step {step!r}")
    session.flush()
    recompute(record, engine, pauses(session, record), today)
    log_event(
        session,
        at=at,
        action=action,
        entity="correspondence",
        entity_id=record.id,
        office_id=office.id,
        staff_id=staff_id,
        summary=f"{reference(record.channel, record.id)} {done} by letter '{letter_title}'",
        details={"letter_id": letter_id},
    )
    return True
