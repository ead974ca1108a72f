"""What to tell a walk-in before they wait: the office is closed, or the wait runs past closing."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol


class OpeningNow(Protocol):
    """The office's state at the moment of check-in (services' OfficeStatus has these)."""

    @property
    def is_open(self) -> bool: ...
    @property
    def reason_closed(self) -> str: ...
    @property
    def local_now(self) -> datetime: ...
    @property
    def closes_at(self) -> datetime | None: ...


def runs_past_closing(now: datetime, wait_minutes: float, closes_at: datetime | None) -> bool:
    """Whether a wait of ``wait_minutes`` from ``now`` reaches closing time. The estimator stops at
    closing time when no desk is left, so reaching it counts."""
    return closes_at is not None and now + timedelta(minutes=wait_minutes) >= closes_at


def closing_warning(
    status: OpeningNow, *, wait_minutes: float | None, callable_today: bool, service_name: str
) -> str:
    """'' normally; what to tell a visitor just checked in when the office is closed, their wait
    runs on past closing time, or no desk for their service is on duty for the rest of the day,
    so an appointment on another day can be offered first."""
    if not status.is_open:
        why = f" ({status.reason_closed})" if status.reason_closed else ""
        return (
            f"The office is closed{why}. Offer an appointment on another day before "
            "asking them to wait."
        )
    if runs_past_closing(status.local_now, wait_minutes or 0.0, status.closes_at):
        assert status.closes_at is not None
        return (
            f"The wait runs past closing time ({status.closes_at:%H:%M}): they may not be "
            "seen today. Offer an appointment on another day first."
        )
    if not callable_today:  # the desks' rota ends before the office closes
        return (
            f"No desk that handles {service_name} is on duty for the rest of today: "
            "they will not be seen today. Offer an appointment on another day first."
        )
    return ""
