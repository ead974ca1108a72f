"""What the Today page's queue shows, read in one go (on a worker thread when live: ui/live.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reception_app.domain.appointments import Appointment
from reception_app.domain.errors import ReceptionError
from reception_app.domain.notifications import Channel
from reception_app.domain.offices import OfficeProfile
from reception_app.domain.visits import Visit
from reception_app.services.container import AppServices
from reception_app.services.office_service import OfficeStatus
from reception_app.services.queue import QueueService


@dataclass(frozen=True)
class QueueView:
    waiting: list[Visit]
    at_desks: list[Visit]
    paused: bool
    """This PC's desk is paused."""
    late: list[Appointment]
    """Arrived customers not called within the prompt time."""
    now: datetime
    queue: QueueService
    """The service read through (a new one after a settings change: the office may differ)."""
    office: tuple[OfficeStatus, OfficeProfile] | None = None
    """Whether the office is open, its hours and desks: read after a settings change only."""
    texts_on: bool = False
    """The office sends texts (the queue's Text column is shown)."""


def read_queue(
    services: AppServices,
    queue: QueueService | None,
    desk_key: str,
    *,
    with_office: bool = False,
) -> QueueView:
    """The waiting visitors, who is at which desk, whether ``desk_key`` is paused and the
    late-appointment prompts (``with_office``: the office's status and profile too; no
    ``queue``: look the running office up again). Touches no widget: safe on a worker thread."""
    office = (services.office.status(), services.office.profile()) if with_office else None
    queue = queue or services.queue()
    waiting = queue.waiting()
    at_desks = queue.at_desks()
    paused = bool(desk_key) and desk_key in queue.paused_desks()
    try:
        late = services.appointments().delay_prompts()
    except ReceptionError:
        late = []
    texts_on = Channel.SMS in services.notifications().channels()
    return QueueView(
        waiting, at_desks, paused, late, services.context.clock(), queue, office, texts_on
    )
