"""Repeat bookings: the start times of a booking that repeats daily, weekly or fortnightly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum

from reception_app.domain.errors import ValidationError


class Repeat(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"


def repeat_starts(first: datetime, repeat: Repeat, occurrences: int) -> list[datetime]:
    """Start times of a repeating booking at the same local wall-clock time (across BST)."""
    if occurrences < 1 or occurrences > 104:
        raise ValidationError("A repeat booking has between 1 and 104 occurrences.", "occurrences")
    if first.tzinfo is None:
        raise ValueError("'first' must be aware")
    step = {Repeat.DAILY: 1, Repeat.WEEKLY: 7, Repeat.FORTNIGHTLY: 14}[repeat]
    zone = first.tzinfo
    wall = first.replace(tzinfo=None)
    return [(wall + timedelta(days=step * i)).replace(tzinfo=zone) for i in range(occurrences)]


def utc(at: datetime) -> datetime:
    return at.astimezone(UTC)
