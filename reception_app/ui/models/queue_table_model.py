"""Qt table model over the waiting visitors (Visit values) in calling order."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from reception_app.domain.visits import Visit, VisitKind, VisitNeeds
from reception_app.ui.text import wait_range

_Index = QModelIndex | QPersistentModelIndex


def needs_words(needs: VisitNeeds) -> list[str]:
    """Short words for the queue table: ['Room', 'Polish interpreter', 'Loop', ...]."""
    words = []
    if needs.private_room:
        words.append("Room")
    if needs.interpreter_language:
        words.append(f"{needs.interpreter_language} interpreter")
    if needs.hearing_loop:
        words.append("Loop")
    if needs.wheelchair_access:
        words.append("Wheelchair")
    if needs.large_print:
        words.append("Large print")
    return words


class QueueTableModel(QAbstractTableModel):
    """Rows are the waiting Visits in the order given (the service's calling order);
    ``VisitRole`` gives the row's Visit back, so it works unchanged through a proxy."""

    TICKET, SERVICE, WAITED, ESTIMATE, NEEDS, NOTE = range(6)
    HEADERS = ("Ticket", "Service", "Waited", "Called in", "Needs", "Note")
    VisitRole = Qt.ItemDataRole.UserRole + 1

    def __init__(
        self,
        visits: Sequence[Visit] = (),
        now: datetime | None = None,
        zone: tzinfo = UTC,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._visits: list[Visit] = list(visits)
        self._now = now or datetime.now(UTC)
        self._zone = zone

    # --- reading ------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._visits)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._visits):
            return None
        visit = self._visits[index.row()]
        column = index.column()
        if role == self.VisitRole:
            return visit
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(visit, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.TICKET:
                local = visit.checked_in_at.astimezone(self._zone)
                return f"{visit.display_name}, checked in at {local:%H:%M}"
            if column == self.NOTE and visit.note:
                return visit.note
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.WAITED,):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def visit_at(self, row: int) -> Visit:
        return self._visits[row]

    def row_of(self, ticket: str) -> int | None:
        """The row showing ``ticket``, or None if it is not waiting."""
        return next((r for r, v in enumerate(self._visits) if v.ticket == ticket), None)

    def tickets(self) -> list[str]:
        return [v.ticket for v in self._visits]

    # --- changing -----------------------------------------------------------------------------

    def set_visits(
        self, visits: Sequence[Visit], now: datetime, zone: tzinfo | None = None
    ) -> None:
        """Replace every row (a re-read of the queue at ``now``)."""
        self.beginResetModel()
        self._visits = list(visits)
        self._now = now
        if zone is not None:
            self._zone = zone
        self.endResetModel()

    def _text(self, visit: Visit, column: int) -> str:
        if column == self.TICKET:
            if visit.kind is VisitKind.APPOINTMENT:
                # The booked time comes with the appointments issue; until then the arrival time.
                local = visit.checked_in_at.astimezone(self._zone)
                return f"{visit.ticket} (appt, in {local:%H:%M})"
            return visit.ticket
        if column == self.SERVICE:
            return visit.service_name + ("" if visit.service_active else " (withdrawn)")
        if column == self.WAITED:
            return f"{int(visit.waited_minutes(self._now))} min"
        if column == self.ESTIMATE:
            return wait_range(visit.estimate_minutes)
        if column == self.NEEDS:
            return ", ".join(needs_words(visit.needs))
        if column == self.NOTE:
            return visit.note
        return ""
