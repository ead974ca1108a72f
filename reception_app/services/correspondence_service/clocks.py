"""The correspondence clocks: which items are due soon or overdue (as SQL conditions), the
pauses that stop a clock, and the due dates stored on each record after every change."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import and_, not_, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from reception_app.domain.correspondence import (
    ClockPause,
    Deadlines,
    PauseReason,
    compute_deadlines,
    next_step,
)
from reception_app.domain.deadlines import DeadlineEngine
from reception_app.domain.extensions import extension_applies
from reception_app.persistence.correspondence_records import (
    CorrespondencePauseRecord,
    CorrespondenceRecord,
)

VIEWS = ("open", "due_soon", "overdue", "paused", "closed", "all")
CLOSED_LIST_DAYS = 90
"""The 'closed' view shows what was closed in the last 90 days."""


def due_value(on: date | None, at: datetime | None) -> date | datetime | None:
    return at if at is not None else on


def _next_due_moment_passed(now: datetime) -> ColumnElement[bool]:
    """The next step runs on an hours clock whose moment has come (``now`` or before).

    The record keeps the due moment per clock (``*_due_at``); the next step says which clock
    is next ("respond" with an extension is a date only). Never NULL, so it can be negated.
    """
    c = CorrespondenceRecord
    return or_(
        and_(
            c.next_step == "acknowledge",
            c.acknowledge_due_at.is_not(None),
            c.acknowledge_due_at <= now,
        ),
        and_(
            c.next_step == "respond",
            c.extended_due_on.is_(None),
            c.respond_due_at.is_not(None),
            c.respond_due_at <= now,
        ),
        and_(c.next_step == "final", c.final_due_at.is_not(None), c.final_due_at <= now),
    )


def overdue_condition(today: date, now: datetime) -> ColumnElement[bool]:
    """Open items whose next step is late: its day is over, or its due moment has come."""
    c = CorrespondenceRecord
    return and_(
        c.closed_at.is_(None),
        c.next_due_on.is_not(None),
        or_(c.next_due_on < today, _next_due_moment_passed(now)),
    )


def due_soon_condition(today: date, soon: date, now: datetime) -> ColumnElement[bool]:
    """Open items due today or on the next working day and not already late."""
    c = CorrespondenceRecord
    return and_(
        c.closed_at.is_(None),
        c.next_due_on >= today,
        c.next_due_on <= soon,
        not_(_next_due_moment_passed(now)),
    )


def record_deadlines(
    record: CorrespondenceRecord,
    engine: DeadlineEngine,
    pauses: Sequence[ClockPause],
    today: date,
) -> Deadlines:
    """The item's clocks; an extension counts only if it was taken by the original deadline
    (``extension_applies``), so one recorded late never hides a late reply."""
    deadlines = compute_deadlines(
        engine,
        record.channel,
        record.received_at,
        pauses,
        today,
        extended=record.extended_at is not None,
        target=record.target_on,
    )
    if record.extended_at is not None and deadlines.extended is not None:
        original = engine.due_day(deadlines.respond) if deadlines.respond is not None else None
        if not extension_applies(engine.calendar.local_date(record.extended_at), original):
            deadlines = replace(deadlines, extended=None)
    return deadlines


def recompute(
    record: CorrespondenceRecord,
    engine: DeadlineEngine,
    pauses: Sequence[ClockPause],
    today: date,
) -> Deadlines:
    """Store the due dates of ``record`` and its next step (used after every change)."""
    deadlines = record_deadlines(record, engine, pauses, today)
    for name in ("acknowledge", "respond", "final"):
        value = getattr(deadlines, name)
        setattr(record, f"{name}_due_on", engine.due_day(value) if value is not None else None)
        setattr(record, f"{name}_due_at", value if isinstance(value, datetime) else None)
    record.extended_due_on = deadlines.extended
    step = next_step(
        deadlines,
        acknowledged=record.acknowledged_at is not None,
        responded=record.responded_at is not None,
        closed=record.closed_at is not None,
        paused=any(p.is_open for p in pauses),
    )
    record.next_step = step[0] if step else ""
    record.next_due_on = engine.due_day(step[1]) if step else None
    return deadlines


def pauses(session: Session, record: CorrespondenceRecord) -> list[ClockPause]:
    """Every pause of ``record``'s clock, oldest first."""
    return [
        ClockPause(
            id=p.id,
            reason=PauseReason(p.reason),
            asked_on=p.asked_on,
            answered_on=p.answered_on,
            note=p.note,
        )
        for p in session.scalars(
            select(CorrespondencePauseRecord)
            .where(CorrespondencePauseRecord.correspondence_id == record.id)
            .order_by(CorrespondencePauseRecord.asked_on, CorrespondencePauseRecord.id)
        )
    ]


def open_pause(session: Session, record: CorrespondenceRecord) -> CorrespondencePauseRecord | None:
    """The pause still waiting for its answer, if the clock is stopped now."""
    return session.scalars(
        select(CorrespondencePauseRecord).where(
            CorrespondencePauseRecord.correspondence_id == record.id,
            CorrespondencePauseRecord.answered_on.is_(None),
        )
    ).first()
