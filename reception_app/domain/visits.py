"""Visits at the front desk: statuses, tickets and what the queue screens show (DOMAIN.md 4)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

ANONYMOUS = "anonymous"


class VisitStatus(enum.StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    SERVED = "served"
    LEFT = "left"
    CANCELLED = "cancelled"

    @property
    def is_active(self) -> bool:
        """Still in the building and not finished: waiting, called or being served."""
        return self in (VisitStatus.WAITING, VisitStatus.CALLED, VisitStatus.SERVING)

    @property
    def at_desk(self) -> bool:
        """Called to a desk (on the way there or being served)."""
        return self in (VisitStatus.CALLED, VisitStatus.SERVING)


class VisitKind(enum.StrEnum):
    WALK_IN = "walk_in"
    APPOINTMENT = "appointment"


def format_ticket(prefix: str, number: int) -> str:
    """'C', 14 -> 'C014': at least three digits so tickets line up on the display."""
    if not prefix or not prefix.isalpha():
        raise ValueError(f"ticket prefix must be letters ({prefix!r})")
    if number < 1:
        raise ValueError(f"ticket number must be at least 1 ({number!r})")
    return f"{prefix.upper()}{number:03d}"


def public_name(name: str) -> str:
    """The name public screens may show: the first word only (never a surname), or 'anonymous'."""
    words = name.split()
    return words[0][:120] if words else ANONYMOUS


NAME_JOINERS = (" ", "-", "'")
"""What may join the parts of a first name typed at the kiosk: "Mary Ann", "Anne-Marie", "O'Neill"."""


def typed_first_name(typed: str) -> str:
    """A first name typed in capitals on the kiosk's keys, as people write it: "MARY ANN" ->
    "Mary Ann", "O'BRIEN" -> "O'Brien". Joiners at either end or doubled are dropped."""
    parts: list[str] = []
    word = ""
    for char in typed:
        if char in NAME_JOINERS:
            if word:
                parts.append(word)
                word = ""
            if parts and parts[-1] not in NAME_JOINERS:
                parts.append(char)
        else:
            word += char
    if word:
        parts.append(word)
    while parts and parts[-1] in NAME_JOINERS:
        parts.pop()
    return "".join(p if p in NAME_JOINERS else p[:1].upper() + p[1:].lower() for p in parts)


@dataclass(frozen=True, slots=True)
class VisitNeeds:
    """Specific requirements to meet for this visit (Hellesdon 5.2)."""

    private_room: bool = False
    interpreter_language: str = ""
    hearing_loop: bool = False
    wheelchair_access: bool = False
    large_print: bool = False
    bsl: bool = False
    """A British Sign Language interpreter."""
    braille: bool = False

    @property
    def any(self) -> bool:
        return (
            self.private_room
            or bool(self.interpreter_language)
            or self.hearing_loop
            or self.wheelchair_access
            or self.large_print
            or self.bsl
            or self.braille
        )

    def words(self) -> list[str]:
        """Short words for the screens: ['Room', 'Polish interpreter', 'Loop', ...]."""
        return [
            word
            for on, word in (
                (self.private_room, "Room"),
                (bool(self.interpreter_language), f"{self.interpreter_language} interpreter"),
                (self.bsl, "BSL interpreter"),
                (self.hearing_loop, "Loop"),
                (self.wheelchair_access, "Wheelchair"),
                (self.large_print, "Large print"),
                (self.braille, "Braille"),
            )
            if on
        ]


@dataclass(frozen=True, slots=True)
class Visit:
    """A visitor from check-in to the end of the visit. Times are aware, in UTC."""

    id: int
    ticket: str
    ticket_day: date
    service_key: str
    service_name: str
    service_active: bool
    """False when the service was withdrawn after check-in: the visit is still seen."""
    display_name: str
    contact_id: int | None
    needs: VisitNeeds
    note: str
    kind: VisitKind
    status: VisitStatus
    checked_in_at: datetime
    position: float
    called_at: datetime | None = None
    served_at: datetime | None = None
    finished_at: datetime | None = None
    desk_key: str | None = None
    called_by: int | None = None
    announced_wait_minutes: float | None = None
    resolved_first_contact: bool | None = None
    follow_up_officer_id: int | None = None
    follow_up_target: date | None = None
    estimate_minutes: float | None = None
    """Current predicted minutes until called (waiting visits listed by the queue only)."""
    booked_at: datetime | None = None
    """For an arrived appointment: the booked time (they are called then, ahead of walk-ins)."""
    callable_today: bool = True
    """False when no desk that handles the service is on duty long enough to call them today."""
    promised_at: datetime | None = None
    """For an arrived appointment running late: the new time the desk told them (F8)."""
    texted: str = ""
    """Where the newest text to their check-in mobile stands ('' none): an ``OutboxStatus``
    value, so the desk and the display can show that the visitor was texted."""

    @property
    def due_at(self) -> datetime | None:
        """When an arrived appointment is due to be seen: the time last told, else the booked
        time; None for a walk-in."""
        return self.promised_at or self.booked_at

    def waited_minutes(self, now: datetime) -> float:
        """Minutes from check-in until called, or until ``now`` while still waiting."""
        end = self.called_at or self.finished_at or now
        return max((end - self.checked_in_at).total_seconds() / 60.0, 0.0)
