"""Qt table model over the incident log (Incident values); managers only see it."""

from __future__ import annotations

from datetime import UTC, tzinfo
from typing import Any

from reception_app.domain.feedback import Incident
from reception_app.ui.models.correspondence_list_model import CorrespondenceListModel
from reception_app.ui.models.correspondence_table_model import local_text


class IncidentTableModel(CorrespondenceListModel[Incident]):
    WHEN, KIND, PERSON, POLICE, RECORDED_BY = range(5)
    HEADERS = ("When", "What", "Who", "Police told", "Recorded by")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.zone: tzinfo = UTC

    def _cells(self, item: Incident) -> tuple[str, ...]:
        police = (
            f"Yes ({item.police_reference})"
            if item.police_told and item.police_reference
            else "Yes"
            if item.police_told
            else "No"
        )
        return (
            local_text(item.occurred_at, self.zone),
            item.kind.label,
            item.person or "—",
            police,
            item.recorded_by_name,
        )

    def _sort_key(self, item: Incident, cells: list[str | None]) -> tuple[Any, ...]:
        keys: list[Any] = [(c or "").casefold() for c in cells]
        keys[self.WHEN] = item.occurred_at.timestamp()
        return tuple(keys)

    def _emphasis(self, item: Incident) -> bool:
        return item.kind.police_expected and not item.police_told

    def _tooltip(self, item: Incident, column: int) -> str | None:
        return item.description[:500]
