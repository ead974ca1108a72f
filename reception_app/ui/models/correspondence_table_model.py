"""Qt table model over logged correspondence (CorrespondenceItem values), fast at 50,000 rows."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo
from typing import TYPE_CHECKING, Any

from reception_app.domain.correspondence import STEP_LABELS, CorrespondenceItem
from reception_app.ui.models.correspondence_list_model import CorrespondenceListModel
from reception_app.ui.text import due_text

if TYPE_CHECKING:
    from reception_app.domain.deadlines import DeadlineEngine

_LAST = date.max.toordinal()


class DueTexts:
    """'Tue 8 Dec 2026 (in 10 working days)' for each deadline, worked out once per distinct
    date: thousands of rows share a few hundred due dates."""

    def __init__(
        self,
        engine: DeadlineEngine | None = None,
        today: date | None = None,
        now: datetime | None = None,
    ) -> None:
        """``now`` (aware): a deadline at a time of day is overdue from that moment."""
        self.engine = engine
        self.today = today or date.today()
        self.now = now
        self._cache: dict[date | datetime, str] = {}

    def text(self, due: date | datetime | None) -> str:
        if due is None:
            return "—"
        found = self._cache.get(due)
        if found is None:
            found = self._cache[due] = self._text(due)
        return found

    def _text(self, due: date | datetime) -> str:
        if self.engine is None:
            return str(due)
        # The same words as the detail pane (one rule: ``DeadlineEngine.status`` with the moment).
        now = self.now or datetime.combine(self.today, time(0), self.engine.calendar.zone)
        return due_text(self.engine, due, now)

    def overdue(self, due: date | datetime | None) -> bool:
        if due is None:
            return False
        if self.engine is not None:
            return self.engine.is_overdue(due, self.today, self.now)
        return (due if not isinstance(due, datetime) else due.date()) < self.today


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def local_text(moment: datetime, zone: tzinfo) -> str:
    """'Tue 24 Nov 2026 10:30' in office time (English names whatever the locale; without
    strftime, which costs a third of filling 50,000 rows)."""
    t = moment.astimezone(zone)
    return (
        f"{_DAYS[t.weekday()]} {t.day} {_MONTHS[t.month - 1]} {t.year} {t.hour:02d}:{t.minute:02d}"
    )


class CorrespondenceTableModel(CorrespondenceListModel[CorrespondenceItem]):
    REF, CHANNEL, RECEIVED, FROM, SUBJECT, OWNER, STEP, DUE, STATUS = range(9)
    HEADERS = (
        "Ref",
        "Channel",
        "Received",
        "From",
        "Subject",
        "Owner",
        "Next step",
        "Due",
        "Status",
    )
    LAZY_COLUMNS = frozenset({DUE})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.due = DueTexts()
        self.zone: tzinfo = UTC

    def set_context(
        self, engine: DeadlineEngine, today: date, zone: tzinfo, now: datetime | None = None
    ) -> None:
        """The calendar, day and moment the 'in N working days' texts and the overdue rows are
        worked out on (before set_rows or prepare)."""
        self.due = DueTexts(engine, today, now)
        self.zone = zone

    def _cells(self, item: CorrespondenceItem) -> tuple[str, ...]:
        status = item.status.label
        if item.holding_expected_on is not None and item.is_open:
            status += f" (expected {item.holding_expected_on.day} {item.holding_expected_on:%b})"
        return (
            item.reference,
            item.channel_name,
            local_text(item.received_at, self.zone),
            item.from_name,
            item.subject,
            item.owner_name,
            STEP_LABELS.get(item.next_step, "—") if item.next_step else "—",
            "",
            status,
        )

    def _sort_key(self, item: CorrespondenceItem, cells: list[str | None]) -> tuple[Any, ...]:
        keys: list[Any] = [(c or "").casefold() for c in cells]
        keys[self.REF] = item.id
        keys[self.RECEIVED] = item.received_at.timestamp()
        due = item.next_due
        keys[self.DUE] = (
            _LAST
            if due is None
            else (due.timestamp() / 86400 if isinstance(due, datetime) else due.toordinal())
        )
        return tuple(keys)

    def _lazy_text(self, item: CorrespondenceItem, column: int) -> str:
        return self.due.text(item.next_due)

    def _emphasis(self, item: CorrespondenceItem) -> bool:
        return item.is_open and self.due.overdue(item.next_due)

    def _tooltip(self, item: CorrespondenceItem, column: int) -> str | None:
        if column == self.SUBJECT and item.summary:
            return item.summary[:500]
        return None
