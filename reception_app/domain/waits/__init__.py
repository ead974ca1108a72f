"""Walk-in wait estimator: minutes until each waiting ticket is called (DOMAIN.md 4).

``snapshot`` the typed input and output, ``json_form`` the JSON form ``estimate_waits`` reads,
``handling`` what each service takes, ``simulation`` the desks working through the queue.
"""

from __future__ import annotations

from collections.abc import Mapping

from reception_app.domain.waits.handling import handling_time
from reception_app.domain.waits.json_form import parse_snapshot, snapshot_to_json
from reception_app.domain.waits.simulation import forecast
from reception_app.domain.waits.snapshot import (
    DEFAULT_SETTINGS,
    Appointment,
    CurrentService,
    Desk,
    QueueSnapshot,
    TicketForecast,
    WaitingTicket,
    WaitSettings,
    merge_shifts,
)

__all__ = [
    "DEFAULT_SETTINGS",
    "Appointment",
    "CurrentService",
    "Desk",
    "QueueSnapshot",
    "TicketForecast",
    "WaitSettings",
    "WaitingTicket",
    "estimate",
    "estimate_waits",
    "forecast",
    "handling_time",
    "merge_shifts",
    "parse_snapshot",
    "snapshot_to_json",
]


def estimate(
    snapshot: QueueSnapshot, settings: WaitSettings = DEFAULT_SETTINGS
) -> dict[str, float]:
    """Predicted minutes from ``snapshot.now`` until each waiting ticket is called."""
    return {f.ticket: f.minutes for f in forecast(snapshot, settings)}


def estimate_waits(
    snapshot: Mapping[str, object], settings: WaitSettings = DEFAULT_SETTINGS
) -> dict[str, float]:
    """Predicted minutes from ``now`` until each waiting ticket is called, by ticket.

    ``snapshot`` is JSON-compatible (times ISO 8601, office-local, no zone)::

        {"now": "2027-03-15T10:12:00",
         "waiting": [{"ticket": "C014", "service": "council_tax",
                      "checked_in": "2027-03-15T10:01:00"}],            # in calling order
         "desks": [{"desk": "D1",
                    "busy": {"service": "housing", "started": "2027-03-15T10:05:00",
                             "booked_minutes": null},                 # null busy: idle
                    "shifts": [["2027-03-15T09:30:00", "2027-03-15T12:30:00"]],
                    "services": null}],                               # null: every service
         "appointments": [{"desk": "D1", "start": "2027-03-15T10:30:00", "minutes": 20}],
         "history": {"council_tax": [7.5, 6.0, 9.2]}}                 # oldest first

    A ticket no desk can call before the last shift ends gets the minutes to that end (see
    ``forecast``). ValueError names the first malformed or missing field.
    """
    return estimate(parse_snapshot(snapshot), settings)
