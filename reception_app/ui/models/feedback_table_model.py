"""Qt table model over compliments, comments, concerns and complaints (Feedback values)."""

from __future__ import annotations

from datetime import UTC, tzinfo
from typing import Any

from reception_app.domain.feedback import FEEDBACK_CHANNELS, Feedback
from reception_app.ui.models.correspondence_list_model import CorrespondenceListModel
from reception_app.ui.models.correspondence_table_model import local_text


class FeedbackTableModel(CorrespondenceListModel[Feedback]):
    RECEIVED, KIND, CHANNEL, FROM, ABOUT, STATUS = range(6)
    HEADERS = ("Received", "Kind", "How", "From", "About", "Status")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.zone: tzinfo = UTC

    def _cells(self, item: Feedback) -> tuple[str, ...]:
        about = ", ".join(a for a in (item.about_service, item.about_staff_name) if a)
        status = item.status.label
        if item.serious:
            status += f" · Serious: escalated to {item.escalated_to_name}"
        return (
            local_text(item.received_at, self.zone),
            item.kind.label,
            FEEDBACK_CHANNELS.get(item.channel, item.channel),
            item.from_name or "Not given",
            about or "—",
            status,
        )

    def _sort_key(self, item: Feedback, cells: list[str | None]) -> tuple[Any, ...]:
        keys: list[Any] = [(c or "").casefold() for c in cells]
        keys[self.RECEIVED] = item.received_at.timestamp()
        return tuple(keys)

    def _emphasis(self, item: Feedback) -> bool:
        return item.serious and not item.status.is_finished

    def _tooltip(self, item: Feedback, column: int) -> str | None:
        return item.details[:500]
