"""The call-backs and correspondence section's rows: the period's, and everything open today.

Items that came in during the period, and everything still open today whenever it came in.
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from sqlalchemy import BindParameter, Executable, Row, bindparam, func, select
from sqlalchemy.orm import Session

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.extensions import extension_applies
from reception_app.domain.reports import WorkItemRow, correspondence_section
from reception_app.persistence.correspondence_records import (
    CorrespondenceRecord,
    MessageCallbackRecord,
    MessageRecord,
)
from reception_app.services.reports.section_part import Part


@functools.cache
def _statements() -> dict[str, Executable]:
    """Letters and call-back messages, of the period and open now (built once)."""
    office_id: BindParameter[int] = bindparam("office_id")
    begin: BindParameter[datetime] = bindparam("begin")
    finish: BindParameter[datetime] = bindparam("finish")
    c, m = CorrespondenceRecord, MessageRecord
    first_call = (
        select(func.min(MessageCallbackRecord.at))
        .where(MessageCallbackRecord.message_id == m.id)
        .scalar_subquery()
    )
    letters = select(
        c.id,
        c.channel,
        c.received_at,
        c.extended_due_on,
        c.extended_at,
        c.respond_due_on,
        c.respond_due_at,
        c.final_due_on,
        c.final_due_at,
        c.target_on,
        c.responded_at,
        c.closed_at,
        c.next_due_on,
        c.next_step,
        c.acknowledge_due_at,
    ).where(c.office_id == office_id)
    messages = select(
        m.id, m.taken_at, m.due_on, m.due_at, first_call, m.closed_at, m.status
    ).where(m.office_id == office_id, m.callback_expected)
    return {
        "letters": letters.where(c.received_at >= begin, c.received_at < finish),
        "open_letters": letters.where(c.closed_at.is_(None), c.next_due_on.is_not(None)),
        "messages": messages.where(m.taken_at >= begin, m.taken_at < finish),
        "open_messages": messages.where(m.status == "open", m.due_on.is_not(None)),
    }


def _letter_item(r: Any, calendar: OfficeCalendar) -> WorkItemRow:
    """A piece of correspondence, due by its extended date, else the response, else the final
    deadline, else the date agreed with the customer. An extension taken after the original
    deadline does not count: the reply is judged against the deadline that applied when it
    fell due."""
    (
        id_,
        channel,
        received,
        extended,
        extended_at,
        respond_on,
        respond_at,
        final_on,
        final_at,
        target,
        responded,
        closed,
        next_due,
        step,
        acknowledge_at,
    ) = r
    if extended_at is not None and not extension_applies(
        calendar.to_local(extended_at).date(), respond_on
    ):
        if next_due is not None and next_due == extended:
            next_due = respond_on  # still open: overdue since the original deadline
        extended = None
    due_on, due_at = extended, None
    if due_on is None and respond_on is not None:
        due_on, due_at = respond_on, respond_at
    elif due_on is None and final_on is not None:
        due_on, due_at = final_on, final_at
    elif due_on is None:
        due_on = target
    return WorkItemRow(
        id=id_,
        kind="correspondence",
        channel=channel,
        received_at=received,
        due_on=due_on,
        due_at=due_at,
        answered_at=responded or closed,
        closed=closed is not None,
        next_due_on=next_due,
        next_due_at=_next_due_at(step, next_due, acknowledge_at, respond_at, final_at, extended),
    )


def _next_due_at(
    step: str,
    next_due: Any,
    acknowledge_at: datetime | None,
    respond_at: datetime | None,
    final_at: datetime | None,
    extended: Any,
) -> datetime | None:
    """The exact moment of the next step when its clock counts hours (as the log's
    ``_next_due_moment_passed``: a response with an extension is a date only)."""
    if next_due is None:
        return None
    if step == "acknowledge":
        return acknowledge_at
    if step == "respond":
        return respond_at if extended is None else None
    return final_at if step == "final" else None


def _message_item(r: Any) -> WorkItemRow:
    """A message wanting a call-back, answered by the first call (or by closing it)."""
    id_, taken, due_on, due_at, called, closed, status = r
    answered = min((t for t in (called, closed) if t is not None), default=None)
    return WorkItemRow(
        id=id_,
        kind="message",
        channel="callback",
        received_at=taken,
        due_on=due_on,
        due_at=due_at,
        answered_at=answered,
        closed=status != "open",
        next_due_on=due_on if status == "open" else None,
        next_due_at=due_at if status == "open" else None,
    )


def correspondence_part(
    session: Session,
    office: Row[Any],
    calendar: OfficeCalendar,
    begin: datetime,
    finish: datetime,
    now: datetime,
) -> Part:
    statements = _statements()
    run = session.connection().execute
    period = {"office_id": office.id, "begin": begin, "finish": finish}
    in_period = [_letter_item(r, calendar) for r in run(statements["letters"], period)] + [
        _message_item(r) for r in run(statements["messages"], period)
    ]
    mine = {"office_id": office.id}
    open_now = [_letter_item(r, calendar) for r in run(statements["open_letters"], mine)] + [
        _message_item(r) for r in run(statements["open_messages"], mine)
    ]
    today = calendar.to_local(now).date()
    return correspondence_section(in_period, open_now, today, now, calendar)
