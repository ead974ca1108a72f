"""Whether a walk-in can be seen today, what they are told instead, and the wait a public
screen may promise (issue 13 point 1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.closing_time import (
    FULL_TODAY,
    NotSeenToday,
    NotToday,
    WalkInVerdict,
    not_today_headline,
    opening_now,
    runs_past_closing,
    typical_wait,
    visitor_headline,
    why_not_today,
)
from reception_app.domain.offices import shipped_profile

NOW = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)
CLOSES = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Status:
    is_open: bool = True
    reason_closed: str = ""
    local_now: datetime = NOW
    closes_at: datetime | None = CLOSES


def test_a_short_wait_on_an_open_day_can_be_seen_today() -> None:
    assert why_not_today(Status(), wait_minutes=10, desk_found=True) is None


def test_reaching_closing_time_counts_as_past_it() -> None:
    assert not runs_past_closing(NOW, 29.9, CLOSES)
    assert runs_past_closing(NOW, 30, CLOSES)
    assert runs_past_closing(NOW, float("inf"), CLOSES)
    assert not runs_past_closing(NOW, 10_000, None)
    assert why_not_today(Status(), wait_minutes=30, desk_found=True) is NotToday.PAST_CLOSING
    assert why_not_today(Status(), wait_minutes=None, desk_found=True) is NotToday.PAST_CLOSING


def test_closed_comes_first_whatever_the_wait() -> None:
    # The bug: closed, the estimator says 0 minutes ("they will be called now").
    closed = Status(is_open=False, reason_closed="weekend", closes_at=None)
    assert why_not_today(closed, wait_minutes=0, desk_found=False) is NotToday.CLOSED
    verdict = WalkInVerdict(NotToday.CLOSED, NOW, "Call 999", reason_closed="weekend")
    assert not verdict.seen_today
    assert not_today_headline(verdict, "Planning") == (
        "The office is closed (weekend): no ticket was issued."
    )
    assert visitor_headline(verdict) == "Sorry, we are closed"
    assert str(NotSeenToday(verdict, "Planning")).startswith("The office is closed")


def test_no_desk_on_duty_for_the_rest_of_the_day() -> None:
    assert why_not_today(Status(), wait_minutes=10, desk_found=False) is NotToday.NO_DESK
    # Past closing is said first: it is the stronger reason.
    assert why_not_today(Status(), wait_minutes=45, desk_found=False) is NotToday.PAST_CLOSING
    assert NOW + timedelta(minutes=45) > CLOSES
    verdict = WalkInVerdict(NotToday.NO_DESK, None, "")
    assert "No desk that handles Planning" in not_today_headline(verdict, "Planning")
    assert visitor_headline(verdict) == "Sorry, nobody can see you about this today"


def test_opening_now_says_why_the_office_is_closed() -> None:
    profile = shipped_profile("hellesdon")
    calendar = OfficeCalendar.from_profile(profile)
    saturday = opening_now(profile, calendar, datetime(2026, 11, 28, 12, 0, tzinfo=UTC))
    assert not saturday.is_open and saturday.reason_closed == "weekend"
    evening = opening_now(profile, calendar, datetime(2026, 11, 24, 18, 30, tzinfo=UTC))
    assert evening.reason_closed == "outside opening hours" and evening.closes_at is None
    christmas = opening_now(profile, calendar, datetime(2026, 12, 25, 11, 0, tzinfo=UTC))
    assert "Christmas Day" in christmas.reason_closed
    open_now = opening_now(profile, calendar, NOW)
    assert open_now.is_open and open_now.closes_at == CLOSES


def test_the_public_wait_never_promises_what_cannot_happen() -> None:
    assert typical_wait([], waiting=0) == "no wait"
    # Five people waiting are never "no wait", even when the first is about to be called.
    assert typical_wait([0.0, 0.5, 1.0, 1.0, 1.5], waiting=5) == "under 5 minutes"
    assert typical_wait([3.0], waiting=1) == "under 5 minutes"
    assert typical_wait([4.0, 11.0, 40.0], waiting=3) == "about 10 minutes"
    # Nobody waiting can be seen today: that is said, not a wait.
    assert typical_wait([], waiting=4) == FULL_TODAY
    assert typical_wait([float("inf")], waiting=1) == FULL_TODAY
