"""Office and statutory calendars: bank holidays, working days and opening hours (DOMAIN.md 2)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
from dateutil.easter import easter
from holidays.countries.united_kingdom import UnitedKingdom

from reception_app.domain.offices import OfficeProfile

Interval = tuple[time, time]
"""An opening interval in office local time, start inclusive, end exclusive."""

REGIONS: tuple[str, ...] = tuple(UnitedKingdom.subdivisions)
"""Bank-holiday regions the holidays package knows: ENG, NIR, SCT, WLS."""

EXTRA_BANK_HOLIDAY = "Extra bank holiday"
"""Name shown for an extra bank holiday given without a reason."""

_ONE_DAY = timedelta(days=1)
# A year and a bit: covers an office that shuts for a long refurbishment, and an office whose only
# opening day is a yearly one, without looping for ever when it has no hours at all.
_SEARCH_DAYS = 400
_NO_HOURS: Mapping[int, tuple[Interval, ...]] = MappingProxyType({})


@functools.cache
def _region_holidays(region: str, year: int) -> Mapping[date, str]:
    """Bank holidays of one UK region in one year, substitute and one-off days included.

    Cached across calendars: the package data is the same for every office and building it costs
    milliseconds. Keyed by year on the strength that UK substitute days never cross a year end
    (the latest is 28 December, the earliest substitute for New Year is in January).
    """
    # country_holidays is the typed entry point; "GB" is the same class as holidays.UK.
    return MappingProxyType(dict(holidays.country_holidays("GB", subdiv=region, years=year)))


@functools.cache
def _statutory_days_off(year: int) -> frozenset[date]:
    """Days that are not statutory working days for a reason other than the weekend.

    ``holidays.UK()`` without a subdivision returns only the days common to all four nations, so
    the union is taken region by region. Christmas Day and Good Friday are named in FOIA s.10(6)
    itself (in England they are common-law holidays, not bank holidays), so they are added
    explicitly rather than trusting how the package classifies them.
    """
    days: set[date] = set()
    for region in REGIONS:
        days.update(_region_holidays(region, year))
    days.add(date(year, 12, 25))
    days.add(easter(year) - timedelta(days=2))  # Good Friday (Gregorian Easter)
    return frozenset(days)


class OfficeCalendar:
    """One office's calendar: its bank-holiday region, closure days, time zone and opening hours.

    Two kinds of working day are kept apart: the *office* working day (Monday to Friday, not a
    bank holiday of the office's region, not a closure day) used for the council's own service
    standards, and the *statutory* working day of FOIA s.10(6) used for FOI and EIR, which excludes
    a bank holiday anywhere in the UK but ignores the office's own closure days.

    Immutable once built; holiday look-ups are cached per year, so counting working days after
    the first call for a year costs microseconds.
    """

    __slots__ = (
        "_closures",
        "_extra",
        "_hours",
        "_office_off",
        "_region",
        "_statutory_off",
        "_timezone",
        "_zone",
    )

    def __init__(
        self,
        region: str = "ENG",
        opening_hours: Mapping[int, Iterable[Interval]] = _NO_HOURS,
        closure_days: Iterable[date] = (),
        extra_bank_holidays: Iterable[date] | Mapping[date, str] = (),
        timezone: str = "Europe/London",
    ) -> None:
        """Build a calendar; ValueError names a bad region, time zone or opening interval.

        ``opening_hours`` maps a weekday (0 = Monday) to intervals in office local time.
        ``extra_bank_holidays`` may be a mapping of date to the name to show for it.
        """
        if region not in REGIONS:
            raise ValueError(
                f"unknown bank-holiday region {region!r}; valid regions: {', '.join(REGIONS)}"
            )
        try:
            zone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {timezone!r}; use a name like Europe/London"
            ) from None
        self._region = region
        self._timezone = timezone
        self._zone = zone
        self._hours = MappingProxyType(_checked_hours(opening_hours))
        self._closures = frozenset(_plain_date(d) for d in closure_days)
        if isinstance(extra_bank_holidays, Mapping):
            extra = {
                _plain_date(d): name or EXTRA_BANK_HOLIDAY
                for d, name in extra_bank_holidays.items()
            }
        else:
            extra = {_plain_date(d): EXTRA_BANK_HOLIDAY for d in extra_bank_holidays}
        self._extra: Mapping[date, str] = MappingProxyType(extra)
        self._office_off: dict[int, frozenset[date]] = {}
        self._statutory_off: dict[int, frozenset[date]] = {}

    @classmethod
    def from_profile(cls, profile: OfficeProfile) -> OfficeCalendar:
        """The calendar of an office profile (extra bank holidays keep their reasons as names)."""
        return cls(
            region=profile.bank_holiday_region,
            opening_hours=profile.opening_hours,
            closure_days=[d.day for d in profile.closure_days],
            extra_bank_holidays={d.day: d.reason for d in profile.extra_bank_holidays},
            timezone=profile.timezone,
        )

    def __repr__(self) -> str:
        return (
            f"OfficeCalendar(region={self._region!r}, timezone={self._timezone!r}, "
            f"closure_days={len(self._closures)}, extra_bank_holidays={len(self._extra)})"
        )

    # --- read-only facts -----------------------------------------------------------------------

    @property
    def region(self) -> str:
        return self._region

    @property
    def timezone(self) -> str:
        return self._timezone

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    @property
    def opening_hours(self) -> Mapping[int, tuple[Interval, ...]]:
        return self._hours

    @property
    def closure_days(self) -> frozenset[date]:
        return self._closures

    @property
    def extra_bank_holidays(self) -> Mapping[date, str]:
        return self._extra

    # --- time zone -----------------------------------------------------------------------------

    def to_local(self, at: datetime) -> datetime:
        """``at`` as an aware datetime in the office zone; a naive ``at`` is office local time.

        The round trip through UTC turns a wall-clock time that does not exist (01:30 on the
        spring-forward Sunday) into the real moment it stands for.
        """
        aware = at.replace(tzinfo=self._zone) if at.tzinfo is None else at
        return aware.astimezone(UTC).astimezone(self._zone)

    def local_date(self, at: date) -> date:
        """The office-local calendar date of ``at`` (a date is returned unchanged)."""
        if isinstance(at, datetime):
            return at.date() if at.tzinfo is None else at.astimezone(self._zone).date()
        return at

    # --- bank holidays and working days --------------------------------------------------------

    def is_bank_holiday(self, d: date) -> bool:
        """A bank holiday of the office region (substitute and one-off days too) or an extra one."""
        d = self.local_date(d)
        return d in self._extra or d in _region_holidays(self._region, d.year)

    def bank_holiday_name(self, d: date) -> str | None:
        """The holiday's name, e.g. 'Boxing Day (observed)'; None on an ordinary day."""
        d = self.local_date(d)
        return _region_holidays(self._region, d.year).get(d) or self._extra.get(d)

    def is_closure_day(self, d: date) -> bool:
        """One of the office's own closure days (e.g. a Christmas shutdown)."""
        return self.local_date(d) in self._closures

    def is_office_working_day(self, d: date) -> bool:
        """Monday to Friday, not a bank holiday of the office region, not an extra bank holiday,
        not a closure day."""
        return self._office_working(self.local_date(d))

    def is_statutory_working_day(self, d: date) -> bool:
        """FOIA s.10(6): not a weekend, Christmas Day, Good Friday or a bank holiday anywhere in
        the UK, nor an extra bank holiday. The office's closure days still count."""
        return self._statutory_working(self.local_date(d))

    def add_working_days(self, start: date, n: int, statutory: bool = False) -> date:
        """The nth working day after ``start``; ``start`` is day 0 whether or not it is a working
        day. A negative ``n`` counts back to the |n|th working day before ``start``."""
        day = self.local_date(start)
        is_working = self._checker(statutory)
        step = _ONE_DAY if n >= 0 else -_ONE_DAY
        remaining = abs(n)
        while remaining:
            day += step
            if is_working(day):
                remaining -= 1
        return day

    def working_days_between(self, a: date, b: date, statutory: bool = False) -> int:
        """Working days after ``a`` up to and including ``b``; negative when ``b`` is before ``a``
        (then minus the working days after ``b`` up to and including ``a``)."""
        a, b = self.local_date(a), self.local_date(b)
        if b < a:
            return -self.working_days_between(b, a, statutory)
        is_working = self._checker(statutory)
        count = 0
        day = a
        while day < b:
            day += _ONE_DAY
            if is_working(day):
                count += 1
        return count

    def next_working_day_on_or_after(self, d: date, statutory: bool = False) -> date:
        """``d`` itself if it is a working day, otherwise the first working day after it."""
        day = self.local_date(d)
        return day if self._checker(statutory)(day) else self.add_working_days(day, 1, statutory)

    def next_working_day_after(self, d: date, statutory: bool = False) -> date:
        """The first working day strictly after ``d``."""
        return self.add_working_days(d, 1, statutory)

    def _checker(self, statutory: bool) -> Callable[[date], bool]:
        return self._statutory_working if statutory else self._office_working

    def _office_working(self, d: date) -> bool:
        if d.weekday() >= 5:
            return False
        off = self._office_off.get(d.year)
        if off is None:
            off = self._office_off[d.year] = (
                frozenset(_region_holidays(self._region, d.year))
                | {x for x in self._extra if x.year == d.year}
                | {x for x in self._closures if x.year == d.year}
            )
        return d not in off

    def _statutory_working(self, d: date) -> bool:
        if d.weekday() >= 5:
            return False
        off = self._statutory_off.get(d.year)
        if off is None:
            off = self._statutory_off[d.year] = _statutory_days_off(d.year) | {
                x for x in self._extra if x.year == d.year
            }
        return d not in off

    # --- opening hours -------------------------------------------------------------------------

    def is_open_day(self, d: date) -> bool:
        """The office opens on ``d``: it has hours that weekday and ``d`` is neither a bank
        holiday nor a closure day."""
        return bool(self.opening_intervals(d))

    def opening_intervals(self, d: date) -> list[tuple[datetime, datetime]]:
        """The day's opening intervals as aware datetimes in the office zone; empty when closed.

        Weekend hours, if the profile has any (a Saturday surgery), are honoured here even though
        the weekend never counts as an office working day for deadlines: opening the door and
        running a service clock are different questions.
        """
        day = self.local_date(d)
        spans = self._hours.get(day.weekday(), ())
        if not spans or self.is_bank_holiday(day) or day in self._closures:
            return []
        return [(self._at(day, start), self._at(day, end)) for start, end in spans]

    def is_open(self, at: datetime) -> bool:
        """Whether the office is open at ``at`` (aware, or naive meaning office local time)."""
        return self._current_interval(at) is not None

    def closing_time(self, at: datetime) -> datetime | None:
        """When the opening the office is in at ``at`` ends (back-to-back intervals run on);
        None when closed. Aware in the office zone, or naive local if ``at`` was naive."""
        current = self._current_interval(at)
        return None if current is None else _like(at, current[1])

    def next_opening(self, at: datetime) -> datetime | None:
        """Start of the first opening interval that begins strictly after ``at``, searching about
        400 days ahead; None if the office never opens. Aware in the office zone, or naive local
        if ``at`` was naive."""
        if not any(self._hours.values()):
            return None
        local = self.to_local(at)
        instant = local.astimezone(UTC)
        day = local.date()
        for _ in range(_SEARCH_DAYS):
            for start, _end in self.opening_intervals(day):
                if start.astimezone(UTC) > instant:
                    return _like(at, start)
            day += _ONE_DAY
        return None

    def _current_interval(self, at: datetime) -> tuple[datetime, datetime] | None:
        local = self.to_local(at)
        instant = local.astimezone(UTC)
        intervals = self.opening_intervals(local.date())
        for index, (start, end) in enumerate(intervals):
            if start.astimezone(UTC) <= instant < end.astimezone(UTC):
                for next_start, next_end in intervals[index + 1 :]:
                    if next_start != end:
                        break
                    end = next_end
                return start, end
        return None

    def _at(self, day: date, wall: time) -> datetime:
        return self.to_local(datetime.combine(day, wall))


def _checked_hours(
    opening_hours: Mapping[int, Iterable[Interval]],
) -> dict[int, tuple[Interval, ...]]:
    hours: dict[int, tuple[Interval, ...]] = {}
    for weekday, spans in opening_hours.items():
        if weekday not in range(7):
            raise ValueError(
                f"opening hours weekday must be 0 (Monday) to 6 (Sunday), not {weekday!r}"
            )
        ordered = tuple(sorted(spans))
        for start, end in ordered:
            if end <= start:
                raise ValueError(
                    f"opening interval {start:%H:%M}-{end:%H:%M} ends before it starts"
                )
        for (_, end), (start, _) in zip(ordered, ordered[1:], strict=False):
            if start < end:
                raise ValueError(f"opening intervals overlap on weekday {weekday}")
        hours[weekday] = ordered
    return hours


def _plain_date(d: date) -> date:
    # A datetime compares unequal to the same date, so a stray one would never match.
    return d.date() if isinstance(d, datetime) else d


def _like(template: datetime, result: datetime) -> datetime:
    """``result`` (aware, office zone) made naive local when the caller passed a naive time."""
    return result.replace(tzinfo=None) if template.tzinfo is None else result
