"""What the Today page's queue shows, read in one go (on a worker thread when live: ui/live.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reception_app.domain.appointments import Appointment
from reception_app.domain.errors import ReceptionError
from reception_app.domain.notifications import Channel
from reception_app.domain.visits import Visit
from reception_app.services.container import AppServices
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
    texts_on: bool = False
    """The office sends texts (the queue's Text column is shown)."""


def read_queue(services: AppServices, queue: QueueService, desk_key: str) -> QueueView:
    """The waiting visitors, who is at which desk, whether ``desk_key`` is paused and the
    late-appointment prompts. Touches no widget: safe on a worker thread."""
    waiting = queue.waiting()
    at_desks = queue.at_desks()
    paused = bool(desk_key) and desk_key in queue.paused_desks()
    try:
        late = services.appointments().delay_prompts()
    except ReceptionError:
        late = []
    texts_on = Channel.SMS in services.notifications().channels()
    return QueueView(waiting, at_desks, paused, late, services.context.clock(), texts_on)
