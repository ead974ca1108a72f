"""Qt table model over walk-in follow-ups (FollowUp values) with their agreed target dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from reception_app.domain.correspondence import FollowUp
from reception_app.ui.models.correspondence_list_model import CorrespondenceListModel
from reception_app.ui.models.correspondence_table_model import DueTexts
from reception_app.ui.text import day_text

_LAST = date.max.toordinal()


class CorrespondenceFollowUpModel(CorrespondenceListModel[FollowUp]):
    TICKET, VISIT_DAY, VISITOR, SERVICE, OFFICER, TARGET, STATUS = range(7)
    HEADERS = ("Ticket", "Visit", "Visitor", "Service", "Officer", "Agreed target", "Status")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.due = DueTexts()

    def _cells(self, item: FollowUp) -> tuple[str, ...]:
        return (
            item.ticket,
            day_text(item.visit_day),
            item.visitor,
            item.service_name,
            item.officer_name or "—",
            self.due.text(item.target_on)
            if item.is_open
            else day_text(item.target_on)
            if item.target_on
            else "—",
            "Open" if item.is_open else f"Done: {item.close_note}",
        )

    def _sort_key(self, item: FollowUp, cells: list[str | None]) -> tuple[Any, ...]:
        keys: list[Any] = [(c or "").casefold() for c in cells]
        keys[self.VISIT_DAY] = item.visit_day.toordinal()
        keys[self.TARGET] = item.target_on.toordinal() if item.target_on else _LAST
        return tuple(keys)

    def _emphasis(self, item: FollowUp) -> bool:
        return item.is_open and self.due.overdue(item.target_on)
