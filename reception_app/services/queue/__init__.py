"""The walk-in queue: check in, call, serve, move, desk breaks and the wait estimates (issue 3).

One module per use-case family: ``check_in`` (walk-ins), ``arrivals`` (appointments arriving),
``calling`` (calling, serving, moving), ``desks`` (breaks and the rota) and ``snapshot`` (the
typed queue snapshot the estimate reads, and the lists shown from it); ``visits`` holds what
they share. ``QueueService`` is all of them for one office.
"""

from __future__ import annotations

from reception_app.services.queue.arrivals import Arrivals
from reception_app.services.queue.calling import Calling
from reception_app.services.queue.check_in import CHECK_IN_ATTEMPTS, CheckIn, CheckInRequest
from reception_app.services.queue.desks import DeskBreaks
from reception_app.services.queue.snapshot import (
    ASSUMED_BREAK_MINUTES,
    HISTORY_DAYS,
    QueueReadings,
)

__all__ = [
    "ASSUMED_BREAK_MINUTES",
    "CHECK_IN_ATTEMPTS",
    "HISTORY_DAYS",
    "CheckInRequest",
    "QueueService",
]


class QueueService(CheckIn, Arrivals, Calling, DeskBreaks, QueueReadings):
    """Use-cases of one office's queue. Every public method is one transaction."""
