"""The warning shown with a walk-in's ticket: closed, past closing time, or no desk on duty."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from reception_app.domain.closing_time import closing_warning, runs_past_closing

NOW = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)
CLOSES = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Status:
    is_open: bool = True
    reason_closed: str = ""
    local_now: datetime = NOW
    closes_at: datetime | None = CLOSES


def _warning(status: Status, wait: float | None = 10, callable_today: bool = True) -> str:
    return closing_warning(
        status, wait_minutes=wait, callable_today=callable_today, service_name="Planning"
    )


def test_a_short_wait_on_an_open_day_needs_no_warning() -> None:
    assert _warning(Status()) == ""
    assert _warning(Status(), wait=None) == ""


def test_reaching_closing_time_counts_as_past_it() -> None:
    assert not runs_past_closing(NOW, 29.9, CLOSES)
    assert runs_past_closing(NOW, 30, CLOSES)
    assert not runs_past_closing(NOW, 10_000, None)
    assert _warning(Status(), wait=30) == (
        "The wait runs past closing time (16:00): they may not be seen today. Offer an "
        "appointment on another day first."
    )


def test_closed_says_why_when_known() -> None:
    assert _warning(Status(is_open=False, reason_closed="weekend")) == (
        "The office is closed (weekend). Offer an appointment on another day before asking "
        "them to wait."
    )
    assert _warning(Status(is_open=False)).startswith("The office is closed. Offer")


def test_no_desk_on_duty_for_the_rest_of_the_day() -> None:
    assert _warning(Status(), callable_today=False) == (
        "No desk that handles Planning is on duty for the rest of today: they will not be seen "
        "today. Offer an appointment on another day first."
    )
    # Past closing is said first: it is the stronger reason.
    assert _warning(Status(), wait=45, callable_today=False).startswith("The wait runs past")
    assert NOW + timedelta(minutes=45) > CLOSES
