"""Each figure beside the same figure for the previous period and a year earlier.

Previous period: for a day, the office's previous day with opening hours (up to a fortnight
back), so a Monday is compared with the Friday before, not with an empty Sunday; for a range,
the same number of days just before it. A year earlier: 52 weeks (364 days) before, so a day
is compared with the same weekday.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.reports.figures import Section, long_date, short_date

A_YEAR = timedelta(days=364)
NOT_COMPARED = frozenset(
    {
        "correspondence:overdue_now",
        "correspondence:oldest_overdue",
        "walk_ins:at_desk",
        "walk_ins:still_waiting",
    }
)
"""Figures about the moment the report is made, not its period: the same for every period,
so they are not set beside other periods (left blank)."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """The texts of the other periods' figures, by ``section_key:figure_key``."""

    previous_label: str = ""
    year_label: str = ""
    previous: Mapping[str, str] = field(default_factory=dict)
    year_earlier: Mapping[str, str] = field(default_factory=dict)

    def of(self, section_key: str, figure_key: str) -> tuple[str, str]:
        """('4.1 min', '-') for the previous period and a year earlier; '-' when not known."""
        key = f"{section_key}:{figure_key}"
        if key in NOT_COMPARED:
            return "", ""
        return self.previous.get(key, "-"), self.year_earlier.get(key, "-")

    @property
    def present(self) -> bool:
        return bool(self.previous_label or self.year_label)


def previous_period(start: date, end: date, calendar: OfficeCalendar) -> tuple[date, date]:
    if start == end:
        day = start - timedelta(days=1)
        for _ in range(14):
            if calendar.is_open_day(day):
                return day, day
            day -= timedelta(days=1)
        return start - timedelta(days=1), start - timedelta(days=1)
    length = end - start
    return start - length - timedelta(days=1), start - timedelta(days=1)


def year_earlier(start: date, end: date) -> tuple[date, date]:
    return start - A_YEAR, end - A_YEAR


def period_label(start: date, end: date) -> str:
    if start == end:
        return long_date(start)
    return f"{short_date(start)} to {short_date(end)}"


def figure_texts(sections: tuple[Section, ...]) -> dict[str, str]:
    """Every figure's text by ``section_key:figure_key`` (sections whose records exist)."""
    return {f"{s.key}:{f.key}": f.text for s in sections if s.available for f in s.figures}
