"""The correspondence log: log, acknowledge, holding responses, respond, close; clock pauses and
extensions for SAR, FOI and EIR; and the walk-in follow-ups with their agreed target dates.

``entries`` logs and reads the log, ``actions`` acts on an item, ``follow_ups`` keeps the
walk-in follow-ups, ``clocks`` the due dates and pauses, ``views`` what they share.
"""

from __future__ import annotations

from reception_app.services.correspondence_service.actions import Actions
from reception_app.services.correspondence_service.clocks import (
    CLOSED_LIST_DAYS,
    VIEWS,
    due_soon_condition,
    due_value,
    overdue_condition,
    recompute,
    record_deadlines,
)
from reception_app.services.correspondence_service.entries import Entries
from reception_app.services.correspondence_service.follow_ups import FollowUps
from reception_app.services.correspondence_service.previews import Previews

__all__ = [
    "CLOSED_LIST_DAYS",
    "VIEWS",
    "CorrespondenceService",
    "due_soon_condition",
    "due_value",
    "overdue_condition",
    "record_deadlines",
    "recompute",
]


class CorrespondenceService(Entries, Actions, FollowUps, Previews):
    """Correspondence of one office. Every public method is one transaction."""
