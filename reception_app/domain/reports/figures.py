"""What every report section is made of, and how the report writes numbers, times and dates.

Shares, wait statistics, figures, tables and sections; minutes, percentages and dates in words.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from reception_app.domain.calendar import OfficeCalendar

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class Share:
    """``met`` out of ``total``; no fraction when nothing counted."""

    met: int = 0
    total: int = 0

    @property
    def fraction(self) -> float | None:
        return self.met / self.total if self.total else None

    def text(self) -> str:
        """'87% (26 of 30)' or 'none to count'."""
        if not self.total:
            return "none to count"
        return f"{percent_text(self.fraction)} ({self.met} of {self.total})"


@dataclass(frozen=True, slots=True)
class WaitStats:
    """Waits in minutes: how many, mean, median, 90th percentile (nearest rank) and longest."""

    count: int = 0
    mean: float | None = None
    median: float | None = None
    p90: float | None = None
    longest: float | None = None

    @classmethod
    def of(cls, waits: Iterable[float]) -> WaitStats:
        values = sorted(waits)
        if not values:
            return cls()
        return cls(
            count=len(values),
            mean=math.fsum(values) / len(values),
            median=statistics.median(values),
            p90=nearest_rank(values, 90),
            longest=values[-1],
        )


@dataclass(frozen=True, slots=True)
class Figure:
    """One number with its words, and the selector of the records behind it ('' for none)."""

    key: str
    label: str
    text: str
    value: float | None = None
    selector: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class FigureTable:
    """A breakdown table: header, rows of text, and one selector per row."""

    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    selectors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the report; ``available`` is False when its records do not exist yet."""

    key: str
    title: str
    figures: tuple[Figure, ...] = ()
    tables: tuple[FigureTable, ...] = ()
    note: str = ""
    available: bool = True


def unavailable_section(key: str, title: str, why: str) -> Section:
    """A section whose records are not in this version's database yet."""
    return Section(key, title, note=why, available=False)


# --- numbers, times and dates ----------------------------------------------------------------


def nearest_rank(sorted_values: Sequence[float], percentile: float) -> float:
    """The nearest-rank percentile of values already sorted ascending: the value at rank
    ceil(p/100 * n) (1-based). Always one of the values; the 100th is the largest."""
    if not sorted_values:
        raise ValueError("no values")
    if not 0 < percentile <= 100:
        raise ValueError(f"percentile must be above 0 and at most 100, not {percentile}")
    rank = math.ceil(percentile / 100 * len(sorted_values))
    return sorted_values[max(rank, 1) - 1]


def minutes_between(start: datetime, end: datetime) -> float:
    return max((end - start).total_seconds() / 60.0, 0.0)


def minutes_text(value: float | None) -> str:
    """'7.5 min'; '-' for none."""
    if value is None:
        return "-"
    return f"{value:.1f} min"


def signed_minutes_text(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:+.1f} min"


def percent_text(fraction: float | None) -> str:
    if fraction is None:
        return "-"
    return f"{fraction * 100:.0f}%"


def long_date(d: date) -> str:
    """'Tuesday 24 November 2026'."""
    return f"{WEEKDAY_NAMES[d.weekday()]} {d.day} {d:%B %Y}"


def short_date(d: date) -> str:
    """'24 Nov 2026'."""
    return f"{d.day} {d:%b %Y}"


def days_of(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def local_time(calendar_zone: OfficeCalendar, at: datetime | None) -> str:
    return "" if at is None else f"{calendar_zone.to_local(at):%H:%M}"
