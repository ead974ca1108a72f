"""Whether a walk-in can still be seen today (DOMAIN.md 4): the office is open, a desk for
their service is on duty to call them, and their wait ends before closing time. The check-in
service, the desk's check-in dialog, the kiosk and the display all follow this one rule."""

from __future__ import annotations

import enum
import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from reception_app.domain.errors import ReceptionError

if TYPE_CHECKING:
    from reception_app.domain.calendar import OfficeCalendar
    from reception_app.domain.offices import OfficeProfile


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


@dataclass(frozen=True, slots=True)
class OpeningState:
    """``OpeningNow`` worked out from the office's profile and calendar."""

    is_open: bool
    reason_closed: str
    local_now: datetime
    closes_at: datetime | None


def opening_now(profile: OfficeProfile, calendar: OfficeCalendar, now: datetime) -> OpeningState:
    """Open or closed at ``now`` and, when closed, why in a few words ('weekend',
    'Christmas Day (bank holiday)', 'office closed: Christmas shutdown', 'outside opening
    hours')."""
    local_now = calendar.to_local(now)
    if calendar.is_open(local_now):
        return OpeningState(True, "", local_now, calendar.closing_time(local_now))
    today = local_now.date()
    holiday = calendar.bank_holiday_name(today)
    closure = next((d for d in profile.closure_days if d.day == today), None)
    if holiday:
        reason = f"{holiday} (bank holiday)"
    elif closure:
        reason = f"office closed: {closure.reason or 'closure day'}"
    elif today.weekday() >= 5:
        reason = "weekend"
    else:
        reason = "outside opening hours"
    return OpeningState(False, reason, local_now, None)


class NotToday(enum.StrEnum):
    """Why a walk-in cannot be seen today."""

    CLOSED = "closed"
    PAST_CLOSING = "past_closing"
    NO_DESK = "no_desk"


@dataclass(frozen=True, slots=True)
class WalkInVerdict:
    """The rule's answer. ``why_not`` is None when they can be seen today (a ticket may be
    issued); otherwise the desk and kiosk lead with ``next_opening``, the out-of-hours contact
    and appointments on another day, and no ticket is issued."""

    why_not: NotToday | None
    next_opening: datetime | None
    out_of_hours: str
    reason_closed: str = ""
    closes_at: datetime | None = None

    @property
    def seen_today(self) -> bool:
        return self.why_not is None


class NotSeenToday(ReceptionError):
    """Check-in refused: the visitor cannot be seen today. ``verdict`` says why and what to
    offer instead (the next opening, the out-of-hours contact)."""

    def __init__(self, verdict: WalkInVerdict, service_name: str) -> None:
        super().__init__(not_today_headline(verdict, service_name))
        self.verdict = verdict
        self.service_name = service_name


def runs_past_closing(now: datetime, wait_minutes: float, closes_at: datetime | None) -> bool:
    """Whether a wait of ``wait_minutes`` from ``now`` reaches closing time. The estimator stops at
    closing time when no desk is left, so reaching it counts."""
    if closes_at is None:
        return False
    if not math.isfinite(wait_minutes):
        return True
    return now + timedelta(minutes=wait_minutes) >= closes_at


def why_not_today(
    status: OpeningNow, *, wait_minutes: float | None, desk_found: bool
) -> NotToday | None:
    """None when a walk-in joining now can be seen today; otherwise the strongest reason
    (closed, then past closing, then no desk on duty for the rest of the day)."""
    if not status.is_open:
        return NotToday.CLOSED
    if wait_minutes is None or runs_past_closing(status.local_now, wait_minutes, status.closes_at):
        return NotToday.PAST_CLOSING
    if not desk_found:  # the desks' rota ends before the office closes
        return NotToday.NO_DESK
    return None


def not_today_headline(verdict: WalkInVerdict, service_name: str) -> str:
    """What the desk reads first when no ticket can be issued (one or two sentences)."""
    if verdict.why_not is NotToday.CLOSED:
        why = f" ({verdict.reason_closed})" if verdict.reason_closed else ""
        return f"The office is closed{why}: no ticket was issued."
    if verdict.why_not is NotToday.PAST_CLOSING:
        closes = f" ({verdict.closes_at:%H:%M})" if verdict.closes_at else ""
        return (
            f"The wait runs past closing time{closes}: they cannot be seen today, so no "
            "ticket was issued."
        )
    if verdict.why_not is NotToday.NO_DESK:
        return (
            f"No desk that handles {service_name} is on duty for the rest of today: "
            "no ticket was issued."
        )
    return ""


def visitor_headline(verdict: WalkInVerdict) -> str:
    """The same, as the kiosk says it to the visitor."""
    if verdict.why_not is NotToday.CLOSED:
        return "Sorry, we are closed"
    if verdict.why_not is NotToday.NO_DESK:
        return "Sorry, nobody can see you about this today"
    return "Sorry, the wait today runs past our closing time"


NO_WAIT = "no wait"
FULL_TODAY = "nobody else can be seen today: please ask at the desk about another day"


def typical_wait(estimates: Iterable[float | None], *, waiting: int) -> str:
    """The wait a public screen may promise for the queue as it stands.

    ``estimates`` are the minutes of the waiting visitors who can still be seen today (the
    others are left out: a wait that cannot happen is never promised); ``waiting`` counts
    everyone waiting. 'no wait' only when nobody waits; with people waiting at least
    'under 5 minutes'; when none of them can be seen today, that is said instead."""
    finite = [m for m in estimates if m is not None and math.isfinite(m)]
    if waiting <= 0:
        return NO_WAIT
    if not finite:
        return FULL_TODAY
    median = statistics.median(finite)
    if median < 5:
        return "under 5 minutes"
    return f"about {int(5 * round(median / 5))} minutes"
