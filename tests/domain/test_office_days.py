"""The coming days the Appointments page lists: working days with hours, days off with why."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.office_days import (
    ComingDay,
    closed_reason,
    coming_days,
    hours_text,
    week_day_text,
)
from reception_app.domain.offices import DayOff, OfficeProfile, shipped_profile


@pytest.fixture
def hellesdon() -> OfficeProfile:
    return shipped_profile("hellesdon")


def _calendar(profile: OfficeProfile) -> OfficeCalendar:
    return OfficeCalendar.from_profile(profile)


def test_ten_working_days_with_the_weekend_as_one_row(hellesdon: OfficeProfile) -> None:
    rows = coming_days(_calendar(hellesdon), hellesdon, date(2026, 11, 24))
    working = [r for r in rows if r.working]
    assert len(working) == 10
    assert working[0] == ComingDay(date(2026, 11, 24), date(2026, 11, 24), True, "09:30–16:00")
    assert ComingDay(date(2026, 11, 28), date(2026, 11, 29), False, "Closed: weekend") in rows
    assert rows[-1].first == date(2026, 12, 7)


def test_a_closure_day_gives_its_reason_and_one_more_day_is_listed(
    hellesdon: OfficeProfile,
) -> None:
    profile = replace(hellesdon, closure_days=(DayOff(date(2026, 11, 26), "Staff training"),))
    rows = coming_days(_calendar(profile), profile, date(2026, 11, 24))
    assert (
        ComingDay(date(2026, 11, 26), date(2026, 11, 26), False, "Closed: Staff training") in rows
    )
    assert sum(r.working for r in rows) == 10
    assert rows[-1].first == date(2026, 12, 8)


def test_christmas_names_each_bank_holiday(hellesdon: OfficeProfile) -> None:
    calendar = _calendar(hellesdon)
    assert closed_reason(calendar, hellesdon, date(2026, 12, 25)) == (
        "Closed (bank holiday): Christmas Day"
    )
    rows = coming_days(calendar, hellesdon, date(2026, 12, 23))
    texts = [r.text for r in rows if not r.working]
    assert "Closed (bank holiday): Boxing Day (observed)" in texts
    # Different reasons on consecutive days never share a row.
    assert all(r.first == r.last for r in rows if "bank holiday" in r.text)


def test_a_closure_day_without_a_reason_and_a_weekend_opening(hellesdon: OfficeProfile) -> None:
    saturday = date(2026, 11, 28)
    profile = replace(
        hellesdon,
        closure_days=(DayOff(date(2026, 11, 27)),),
        opening_hours={**hellesdon.opening_hours, 5: ((time(10), time(12)),)},
    )
    calendar = _calendar(profile)
    assert closed_reason(calendar, profile, date(2026, 11, 27)) == "Closed: office closure day"
    assert closed_reason(calendar, profile, saturday) == (
        "Open 10:00–12:00 (weekend opening, not a working day)"
    )


def test_hours_text_joins_intervals() -> None:
    day = date(2026, 11, 24)
    intervals = [
        (datetime.combine(day, time(9, 30)), datetime.combine(day, time(12, 30))),
        (datetime.combine(day, time(13, 15)), datetime.combine(day, time(16))),
    ]
    assert hours_text(intervals) == "09:30–12:30, 13:15–16:00"
    assert hours_text([]) == ""


def test_the_days_of_this_week_as_the_today_page_lists_them(hellesdon: OfficeProfile) -> None:
    profile = replace(
        hellesdon,
        closure_days=(DayOff(date(2026, 12, 23), "Staff training"), DayOff(date(2026, 12, 24))),
    )
    calendar = _calendar(profile)
    assert week_day_text(calendar, profile, date(2026, 12, 22)) == "09:30-16:00"
    assert week_day_text(calendar, profile, date(2026, 12, 23)) == "Closed (Staff training)"
    assert week_day_text(calendar, profile, date(2026, 12, 24)) == "Closed (closure day)"
    assert week_day_text(calendar, profile, date(2026, 12, 25)) == "Closed (Christmas Day)"
    assert week_day_text(calendar, profile, date(2026, 12, 27)) == "Closed"
