"""Qt table model over messages taken for colleagues (Message values)."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from reception_app.domain.messages import Message, Urgency
from reception_app.ui.models.correspondence_list_model import CorrespondenceListModel
from reception_app.ui.models.correspondence_table_model import DueTexts, local_text

if TYPE_CHECKING:
    from reception_app.domain.deadlines import DeadlineEngine

_LAST = date.max.toordinal()


def message_status(message: Message, today: date, now: datetime | None = None) -> str:
    """'Unread · Urgent · Overdue: escalated to Priya Shah · 2 attempts'."""
    parts = ["Closed" if not message.is_open else ("Unread" if message.is_unread else "Read")]
    if message.urgency is Urgency.URGENT and message.is_open:
        parts.append("Urgent")
    if message.confidential:
        parts.append("Confidential")
    if message.is_escalated:
        parts.append(f"Overdue: escalated to {', '.join(message.escalated_to)}")
    elif message.is_overdue(today, now):
        parts.append("Overdue")
    if message.attempts:
        n = len(message.attempts)
        parts.append(f"{n} call-back attempt{'s' if n != 1 else ''}")
    return " · ".join(parts)


class MessageTableModel(CorrespondenceListModel[Message]):
    TAKEN, FOR, CALLER, SUBJECT, DUE, STATUS = range(6)
    HEADERS = ("Taken", "For", "Caller", "Subject", "Call back by", "Status")
    LAZY_COLUMNS = frozenset({4})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.due = DueTexts()
        self.zone: tzinfo = UTC

    def set_context(
        self, engine: DeadlineEngine, today: date, zone: tzinfo, now: datetime | None = None
    ) -> None:
        """``now`` (aware): a call-back due at a time of day is overdue from that moment."""
        self.due = DueTexts(engine, today, now)
        self.zone = zone

    def _lazy_text(self, message: Message, column: int) -> str:
        due = message.due_at or message.due_on
        if not message.callback_expected:
            return "No call-back wanted"
        if not message.is_open:
            return "—"
        return self.due.text(due) if due is not None else "Agreed with the caller"

    def _cells(self, message: Message) -> tuple[str, ...]:
        return (
            local_text(message.taken_at, self.zone),
            message.for_whom,
            message.caller_name,
            message.subject,
            "",
            message_status(message, self.due.today, self.due.now),
        )

    def _sort_key(self, message: Message, cells: list[str | None]) -> tuple[Any, ...]:
        keys: list[Any] = [(c or "").casefold() for c in cells]
        keys[self.TAKEN] = message.taken_at.timestamp()
        keys[self.DUE] = message.due_on.toordinal() if message.due_on and message.is_open else _LAST
        return tuple(keys)

    def _emphasis(self, message: Message) -> bool:
        return message.is_unread or message.is_overdue(self.due.today, self.due.now)

    def _tooltip(self, message: Message, column: int) -> str | None:
        if column == self.SUBJECT and message.body:
            return message.body[:500]
        return None
