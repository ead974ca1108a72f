"""The council's retention schedule (DOMAIN.md 9): how long each kind of record keeps its
personal details, counted from the record's last action. Pure Python: no I/O.

A record whose last action fell on a day *before* ``cutoff(today)`` loses its personal details;
the anonymous facts (times, services, desks, outcomes, waits, channels, clocks) stay.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from reception_app.domain.errors import ValidationError

SCHEDULE_SETTING = "retention_schedule"
"""The per-office setting holding the schedule as ``Schedule.to_json()``."""
LAST_RUN_SETTING = "retention_last_run"
"""The per-office setting holding the office-local date of the last real run (ISO text)."""


class Unit(StrEnum):
    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"


class RecordKind(StrEnum):
    """One row of the schedule (DOMAIN.md 9)."""

    WALK_IN = "walk_in"
    APPOINTMENT = "appointment"
    MESSAGE = "message"
    CORRESPONDENCE = "correspondence"
    INFORMATION_REQUEST = "information_request"
    COMPLAINT = "complaint"
    INCIDENT = "incident"

    @property
    def label(self) -> str:
        return KIND_LABELS[self][0]

    @property
    def counted_from(self) -> str:
        return KIND_LABELS[self][1]

    @property
    def kept(self) -> str:
        return KIND_LABELS[self][2]


KIND_LABELS: dict[RecordKind, tuple[str, str, str]] = {
    RecordKind.WALK_IN: (
        "Walk-in visits",
        "the visit's day",
        "day, times, service, desk, waits, outcome",
    ),
    RecordKind.APPOINTMENT: (
        "Appointments and room bookings",
        "the appointment",
        "times, service, place, on time or late, no-show",
    ),
    RecordKind.MESSAGE: (
        "Phone messages and call-backs",
        "closing",
        "channel, deadline, met or missed",
    ),
    RecordKind.CORRESPONDENCE: (
        "Correspondence (email, letters, forms)",
        "closing",
        "channel, clocks, met or missed",
    ),
    RecordKind.INFORMATION_REQUEST: (
        "FOI, EIR and subject access requests",
        "closing",
        "channel, clocks, extensions, met or missed",
    ),
    RecordKind.COMPLAINT: ("Complaints and feedback", "closing", "kind, outcome, clocks"),
    RecordKind.INCIDENT: (
        "Incidents (aggressive or abusive behaviour)",
        "the incident",
        "kind, date",
    ),
}

INFORMATION_REQUEST_CHANNELS = frozenset({"foi", "eir", "sar"})
COMPLAINT_CHANNELS = frozenset({"complaint"})


def correspondence_kind(channel: str) -> RecordKind:
    """Which schedule row a piece of correspondence of ``channel`` follows."""
    if channel in INFORMATION_REQUEST_CHANNELS:
        return RecordKind.INFORMATION_REQUEST
    if channel in COMPLAINT_CHANNELS:
        return RecordKind.COMPLAINT
    return RecordKind.CORRESPONDENCE


MAX_YEARS = 100


@dataclass(frozen=True, slots=True)
class Period:
    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise ValidationError("A retention period must be a whole number.", "amount")
        limit = {Unit.DAYS: MAX_YEARS * 366, Unit.MONTHS: MAX_YEARS * 12, Unit.YEARS: MAX_YEARS}
        if not 1 <= self.amount <= limit[Unit(self.unit)]:
            raise ValidationError(
                f"A retention period must be between 1 and {limit[Unit(self.unit)]} {self.unit}.",
                "amount",
            )

    def before(self, day: date) -> date:
        """``day`` moved back by this period (the 31st of a shorter month becomes its last day)."""
        if self.unit == Unit.DAYS:
            return day - timedelta(days=self.amount)
        months = self.amount * (12 if self.unit == Unit.YEARS else 1)
        index = day.year * 12 + day.month - 1 - months
        year, month = divmod(index, 12)
        last = calendar.monthrange(year, month + 1)[1]
        return date(year, month + 1, min(day.day, last))

    def days_at_most(self) -> int:
        """The longest this period can be, in days (for sums such as 'plus backups')."""
        return {Unit.DAYS: 1, Unit.MONTHS: 31, Unit.YEARS: 366}[self.unit] * self.amount

    @property
    def text(self) -> str:
        unit = self.unit.value if self.amount != 1 else self.unit.value[:-1]
        return f"{self.amount} {unit}"


DEFAULTS: dict[RecordKind, Period] = {
    RecordKind.WALK_IN: Period(30, Unit.DAYS),
    RecordKind.APPOINTMENT: Period(90, Unit.DAYS),
    RecordKind.MESSAGE: Period(6, Unit.MONTHS),
    RecordKind.CORRESPONDENCE: Period(2, Unit.YEARS),
    RecordKind.INFORMATION_REQUEST: Period(3, Unit.YEARS),
    RecordKind.COMPLAINT: Period(6, Unit.YEARS),
    RecordKind.INCIDENT: Period(3, Unit.YEARS),
}


@dataclass(frozen=True, slots=True)
class Schedule:
    """One period per kind of record; kinds never set use the DOMAIN.md defaults."""

    periods: Mapping[RecordKind, Period]

    @classmethod
    def default(cls) -> Schedule:
        return cls(dict(DEFAULTS))

    def period(self, kind: RecordKind) -> Period:
        return self.periods.get(kind, DEFAULTS[kind])

    def cutoff(self, kind: RecordKind, today: date) -> date:
        """Records whose last action was on a day before this lose their personal details."""
        return self.period(kind).before(today)

    def with_period(self, kind: RecordKind, period: Period) -> Schedule:
        return Schedule({**self.periods, kind: period})

    def to_json(self) -> dict[str, dict[str, Any]]:
        return {
            kind.value: {"amount": self.period(kind).amount, "unit": self.period(kind).unit.value}
            for kind in RecordKind
        }

    @classmethod
    def from_json(cls, value: object) -> Schedule:
        """The schedule stored in settings; unknown or broken entries fall back to defaults."""
        periods: dict[RecordKind, Period] = dict(DEFAULTS)
        if isinstance(value, dict):
            for key, item in value.items():
                try:
                    periods[RecordKind(key)] = Period(int(item["amount"]), Unit(item["unit"]))
                except (ValueError, KeyError, TypeError, ValidationError):
                    continue
        return cls(periods)


def parse_period(text: str) -> Period:
    """'30 days', '6 months', '2 years' (as typed in Settings or on the command line)."""
    parts = text.strip().lower().split()
    if len(parts) != 2 or not parts[0].isdigit():
        raise ValidationError(
            f"'{text}' is not a period: write a number and days, months or years, e.g. '6 months'.",
            "amount",
        )
    unit = parts[1] if parts[1].endswith("s") else parts[1] + "s"
    try:
        return Period(int(parts[0]), Unit(unit))
    except ValueError:
        raise ValidationError(
            f"'{parts[1]}' is not a unit: use days, months or years.", "unit"
        ) from None


def is_due(last_run: date | None, today: date) -> bool:
    """The daily run is due when it has not run yet today (office-local)."""
    return last_run is None or last_run < today


def backup_survival_text(keep_daily: int, keep_weekly: int) -> str:
    """How long personal data removed from the database can still be read in backups."""
    longest = keep_weekly * 7 + 6
    return (
        f"Backups keep the newest copy of each of the last {keep_daily} days and of each of the "
        f"last {keep_weekly} weeks in which the app was started, then are deleted. Personal "
        f"details removed here can therefore survive in backups for about {longest} days "
        "when the app starts every working day, longer if it is rarely started. Copies made with "
        "'reception-app backup --to' are not rotated: delete them yourself."
    )
