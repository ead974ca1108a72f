"""Qt table model over the waiting visitors (Visit values) in calling order."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo
from typing import Any

from PySide6.QtCore import Qt

from reception_app.domain.notifications import OutboxStatus
from reception_app.domain.visits import Visit, VisitKind, VisitNeeds
from reception_app.ui.models.row_table_model import RowTableModel
from reception_app.ui.text import wait_range


def needs_words(needs: VisitNeeds) -> list[str]:
    """Short words for the queue table: ['Room', 'Polish interpreter', 'Loop', ...]."""
    return needs.words()


def texted_words(status: str) -> str:
    """'Texted', 'Text waiting', 'Text failed' for a visit's newest text ('' for none)."""
    if not status:
        return ""
    return {
        OutboxStatus.QUEUED: "Text waiting",
        OutboxStatus.SENDING: "Text waiting",
        OutboxStatus.SENT: "Texted",
        OutboxStatus.DELIVERED: "Texted",
        OutboxStatus.FAILED: "Text failed",
        OutboxStatus.CANCELLED: "Not texted",
    }.get(OutboxStatus(status), "")


class QueueTableModel(RowTableModel[Visit]):
    """Rows are the waiting Visits in the order given (the service's calling order);
    ``VisitRole`` gives the row's Visit back, so it works unchanged through a proxy."""

    TICKET, SERVICE, WAITED, ESTIMATE, NEEDS, NOTE, TEXT = range(7)
    HEADERS = ("Ticket", "Service", "Waited", "Called in", "Needs", "Note", "Text")
    VisitRole = RowTableModel.RowRole

    def __init__(
        self,
        visits: Sequence[Visit] = (),
        now: datetime | None = None,
        zone: tzinfo = UTC,
        parent: Any = None,
    ) -> None:
        super().__init__(visits, parent)
        self._now = now or datetime.now(UTC)
        self._zone = zone

    def _tooltip(self, visit: Visit, column: int) -> str | None:
        if column == self.TICKET:
            local = visit.checked_in_at.astimezone(self._zone)
            return f"{visit.display_name}, checked in at {local:%H:%M}"
        if column == self.NOTE and visit.note:
            return visit.note
        if column == self.TEXT and visit.texted:
            return f"Their mobile's newest text: {OutboxStatus(visit.texted).label.lower()}"
        return None

    def _alignment(self, column: int) -> int | None:
        if column == self.WAITED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def visit_at(self, row: int) -> Visit:
        return self._rows[row]

    def row_of(self, ticket: str) -> int | None:
        """The row showing ``ticket``, or None if it is not waiting."""
        return next((r for r, v in enumerate(self._rows) if v.ticket == ticket), None)

    def tickets(self) -> list[str]:
        return [v.ticket for v in self._rows]

    # --- changing -----------------------------------------------------------------------------

    def set_visits(
        self, visits: Sequence[Visit], now: datetime, zone: tzinfo | None = None
    ) -> None:
        """Replace every row (a re-read of the queue at ``now``)."""
        self._now = now
        if zone is not None:
            self._zone = zone
        self.set_rows(visits)

    def _text(self, visit: Visit, column: int) -> str:
        if column == self.TICKET:
            if visit.kind is VisitKind.APPOINTMENT:
                booked = visit.booked_at or visit.checked_in_at
                return f"{visit.ticket} (appt {booked.astimezone(self._zone):%H:%M})"
            return visit.ticket
        if column == self.SERVICE:
            return visit.service_name + ("" if visit.service_active else " (withdrawn)")
        if column == self.WAITED:
            return f"{int(visit.waited_minutes(self._now))} min"
        if column == self.ESTIMATE:
            due = visit.due_at
            if due is not None:
                clock = f"{due.astimezone(self._zone):%H:%M}"
                if visit.promised_at is not None:  # told why and when (F8): that time shows
                    return f"by {clock} (told)" if due > self._now else f"told {clock}: overdue"
                return "due now" if due <= self._now else f"at {clock} (booked)"
            if not visit.callable_today:
                return "not today"
            return wait_range(visit.estimate_minutes)
        if column == self.NEEDS:
            return ", ".join(needs_words(visit.needs))
        if column == self.NOTE:
            return visit.note
        if column == self.TEXT:
            return texted_words(visit.texted)
        return ""
