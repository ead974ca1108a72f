"""What the Correspondence page's lists show, read in one go on a worker thread when another
desk changed them (ui/live.py): the log with its view counts, the walk-in follow-ups, the
feedback and, for a manager, the incidents. The office, the staff and the deadline calendar
are read when the page is shown (none of them changes with these topics)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from reception_app.domain.correspondence import CorrespondenceItem, FollowUp
from reception_app.domain.errors import ReceptionError
from reception_app.domain.feedback import Feedback, Incident
from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.ui.models.correspondence_list_model import PreparedRows

T = TypeVar("T")

LogRows = tuple[dict[str, int], PreparedRows[CorrespondenceItem], CorrespondenceItem | None]
"""The view counts, the log's rows and the chosen item in full."""

Prepare = Callable[[Sequence[CorrespondenceItem]], PreparedRows[CorrespondenceItem]]
"""The log model's ``prepare``: the rows' texts worked out without touching the model."""


@dataclass(frozen=True)
class Lists:
    """What each list is filtered on when the read starts."""

    log_view: str
    owner: int | None
    channel: str | None
    done_too: bool
    """The follow-ups done already are shown too."""
    feedback_view: str
    actor: StaffMember | None
    manager: bool
    chosen: int | None
    """The log item chosen (read in full for its details)."""


@dataclass(frozen=True)
class Read(Generic[T]):
    """One list: its rows, or why they could not be read."""

    rows: T | None
    problem: str = ""


@dataclass(frozen=True)
class CorrespondenceView:
    lists: Lists
    log: Read[LogRows]
    follow_ups: Read[list[FollowUp]]
    feedback: Read[list[Feedback]]
    incidents: Read[list[Incident]]


def _read(work: Callable[[], T]) -> Read[T]:
    try:
        return Read(work())
    except ReceptionError as exc:
        return Read(None, str(exc))


def read_lists(services: AppServices, lists: Lists, prepare: Prepare) -> CorrespondenceView:
    """Every list of the page. Touches no widget: safe on a worker thread."""
    log = services.correspondence()
    feedback = services.feedback()

    def log_rows() -> LogRows:
        counts = log.counts()
        rows = prepare(log.list_items(lists.log_view, lists.owner, lists.channel))
        chosen = None
        if lists.chosen is not None and any(item.id == lists.chosen for item in rows.rows):
            chosen = log.get(lists.chosen)
        return counts, rows, chosen

    incidents: Read[list[Incident]] = Read(None)
    if lists.manager:
        incidents = _read(lambda: feedback.incidents(lists.actor))
    return CorrespondenceView(
        lists,
        _read(log_rows),
        _read(lambda: log.follow_ups(lists.done_too)),
        _read(lambda: feedback.list_feedback(lists.feedback_view)),
        incidents,
    )
