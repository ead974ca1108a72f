"""Tests for OfficeCalendar: bank holidays, office and statutory working days, opening hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.offices import shipped_profile

LONDON = ZoneInfo("Europe/London")
WEEKDAY_HOURS = {wd: ((time(9, 30), time(16, 0)),) for wd in range(5)}


@pytest.fixture
def eng() -> OfficeCalendar:
    return OfficeCalendar("ENG", WEEKDAY_HOURS)


@pytest.fixture
def hellesdon() -> OfficeCalendar:
    return OfficeCalendar.from_profile(shipped_profile("hellesdon"))


# --- the holidays package data the rules rely on ---------------------------------------------


def test_package_data_for_scotland_2026_includes_the_one_off_day() -> None:
    sct = holidays.country_holidays("GB", subdiv="SCT", years=2026)  # = holidays.UK(...)
    assert date(2026, 6, 15) in sct  # one-off (World Cup), needs holidays >= 0.91
    assert date(2026, 8, 3) in sct  # Scottish summer bank holiday: first Monday of August
    assert date(2026, 1, 2) in sct
    assert date(2026, 4, 6) not in sct  # no Easter Monday in Scotland


def test_uk_without_subdivision_is_only_the_common_days() -> None:
    # The trap DOMAIN.md warns about: neither Easter Monday (not in Scotland) nor 17 March.
    common = holidays.country_holidays("GB", years=2026)
    assert date(2026, 4, 6) not in common
    assert date(2026, 3, 17) not in common


# --- bank holidays of the office region -------------------------------------------------------


def test_bank_holiday_names_include_substitute_days(eng: OfficeCalendar) -> None:
    # 2027: Christmas Day is a Saturday, Boxing Day a Sunday -> Mon 27 and Tue 28 substitutes.
    assert eng.bank_holiday_name(date(2027, 12, 27)) == "Christmas Day (observed)"
    assert eng.bank_holiday_name(date(2027, 12, 28)) == "Boxing Day (observed)"
    assert eng.is_bank_holiday(date(2027, 12, 25))
    assert eng.bank_holiday_name(date(2027, 12, 29)) is None
    assert not eng.is_bank_holiday(date(2027, 12, 29))


def test_one_off_english_holidays_2022(eng: OfficeCalendar) -> None:
    assert eng.bank_holiday_name(date(2022, 6, 3)) == "Platinum Jubilee of Elizabeth II"
    assert eng.bank_holiday_name(date(2022, 9, 19)) == "State Funeral of Queen Elizabeth II"
    assert eng.is_bank_holiday(date(2022, 6, 2))  # the moved Spring Bank Holiday
    assert not eng.is_bank_holiday(date(2022, 5, 30))  # its usual Monday was a working day


def test_extra_bank_holiday_is_a_bank_holiday_with_its_reason() -> None:
    cal = OfficeCalendar(extra_bank_holidays={date(2026, 6, 8): "Royal occasion"})
    assert cal.is_bank_holiday(date(2026, 6, 8))
    assert cal.bank_holiday_name(date(2026, 6, 8)) == "Royal occasion"
    plain = OfficeCalendar(extra_bank_holidays=[date(2026, 6, 8)])
    assert plain.bank_holiday_name(date(2026, 6, 8)) == "Extra bank holiday"


def test_region_is_checked() -> None:
    with pytest.raises(ValueError, match="ENG, NIR, SCT, WLS"):
        OfficeCalendar("UK")


def test_time_zone_is_checked() -> None:
    with pytest.raises(ValueError, match="Europe/London"):
        OfficeCalendar(timezone="Europe/Narnia")


def test_overlapping_opening_hours_are_refused() -> None:
    with pytest.raises(ValueError, match="overlap"):
        OfficeCalendar(opening_hours={0: ((time(9), time(12)), (time(11), time(13)))})


# --- office working days ----------------------------------------------------------------------


def test_office_working_days_in_a_plain_week(eng: OfficeCalendar) -> None:
    # Mon 9 - Fri 13 March 2026 work; Sat 14 and Sun 15 do not.
    days = [date(2026, 3, 9) + timedelta(days=i) for i in range(7)]
    assert [eng.is_office_working_day(d) for d in days] == [True] * 5 + [False] * 2


def test_easter_is_skipped(eng: OfficeCalendar) -> None:
    # Good Friday 3 April, Easter Monday 6 April 2026: the day after Thu 2 April is Tue 7 April.
    assert eng.add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_christmas_2027_substitute_days(eng: OfficeCalendar) -> None:
    # Fri 24 Dec 2027 -> Sat, Sun, Mon 27 (sub), Tue 28 (sub) skipped -> Wed 29 December.
    assert eng.add_working_days(date(2027, 12, 24), 1) == date(2027, 12, 29)


def test_christmas_2022_substitute_day(eng: OfficeCalendar) -> None:
    # 2022: 25 Dec is a Sunday; Mon 26 is Boxing Day, Tue 27 the Christmas substitute.
    # Fri 23 Dec -> Wed 28 December.
    assert eng.add_working_days(date(2022, 12, 23), 1) == date(2022, 12, 28)


def test_new_year_2022_substitute(eng: OfficeCalendar) -> None:
    # 1 Jan 2022 is a Saturday: England's substitute is Mon 3 Jan, so Fri 31 Dec 2021 -> Tue 4.
    assert eng.add_working_days(date(2021, 12, 31), 1) == date(2022, 1, 4)


def test_add_zero_working_days_is_the_day_itself(eng: OfficeCalendar) -> None:
    assert eng.add_working_days(date(2026, 3, 7), 0) == date(2026, 3, 7)  # a Saturday


def test_add_working_days_backwards(eng: OfficeCalendar) -> None:
    # Tue 7 April 2026 minus one working day skips Easter Monday and Good Friday -> Thu 2 April.
    assert eng.add_working_days(date(2026, 4, 7), -1) == date(2026, 4, 2)


def test_add_working_days_accepts_an_aware_datetime(eng: OfficeCalendar) -> None:
    # Mon 30 Mar 2026 23:30 UTC is Tue 31 Mar 00:30 BST: day 0 is Tuesday, day 1 Wed 1 April.
    received = datetime(2026, 3, 30, 23, 30, tzinfo=UTC)
    assert eng.add_working_days(received, 1) == date(2026, 4, 1)


def test_working_days_between_is_signed(eng: OfficeCalendar) -> None:
    # After Fri 11 Dec 2026 up to Wed 16 Dec: Mon 14, Tue 15, Wed 16 = 3.
    assert eng.working_days_between(date(2026, 12, 11), date(2026, 12, 16)) == 3
    assert eng.working_days_between(date(2026, 12, 16), date(2026, 12, 11)) == -3
    assert eng.working_days_between(date(2026, 12, 16), date(2026, 12, 16)) == 0
    # After Thu 24 Dec up to Tue 29 Dec: 25, 26, 27 and 28 are off -> only Tue 29.
    assert eng.working_days_between(date(2026, 12, 24), date(2026, 12, 29)) == 1


def test_next_working_day_on_or_after_and_after(eng: OfficeCalendar) -> None:
    assert eng.next_working_day_on_or_after(date(2026, 3, 9)) == date(2026, 3, 9)  # a Monday
    assert eng.next_working_day_on_or_after(date(2026, 3, 7)) == date(2026, 3, 9)  # Sat -> Mon
    assert eng.next_working_day_after(date(2026, 3, 9)) == date(2026, 3, 10)
    # Sat 4 April 2026 -> Easter Monday is off -> Tue 7 April.
    assert eng.next_working_day_on_or_after(date(2026, 4, 4)) == date(2026, 4, 7)


# --- statutory working days (FOIA s.10(6)) ----------------------------------------------------


def test_scottish_days_are_statutory_holidays_but_not_office_ones(eng: OfficeCalendar) -> None:
    scottish_only = [
        date(2026, 1, 2),  # New Year Holiday
        date(2026, 6, 15),  # one-off 2026 day
        date(2026, 8, 3),  # Summer Bank Holiday, first Monday of August
        date(2025, 12, 1),  # St Andrew's Day (30 Nov 2025 is a Sunday) substitute
        date(2027, 1, 4),  # 2 Jan 2027 is a Saturday: New Year Holiday substitute
    ]
    for day in scottish_only:
        assert eng.is_office_working_day(day), day
        assert not eng.is_statutory_working_day(day), day


def test_northern_irish_days_are_statutory_holidays_but_not_office_ones(
    eng: OfficeCalendar,
) -> None:
    ni_only = [
        date(2026, 3, 17),  # St Patrick's Day (Tue)
        date(2026, 7, 13),  # 12 July 2026 is a Sunday: Battle of the Boyne substitute
        date(2027, 7, 12),  # Battle of the Boyne (Mon)
        date(2024, 3, 18),  # 17 March 2024 is a Sunday: St Patrick's substitute
    ]
    for day in ni_only:
        assert eng.is_office_working_day(day), day
        assert not eng.is_statutory_working_day(day), day


def test_easter_monday_is_statutory_holiday_although_not_in_scotland(eng: OfficeCalendar) -> None:
    assert not eng.is_statutory_working_day(date(2026, 4, 6))
    assert not eng.is_statutory_working_day(date(2026, 4, 3))  # Good Friday


def test_scottish_office_calendar_differs_from_english() -> None:
    sct = OfficeCalendar("SCT")
    assert not sct.is_office_working_day(date(2026, 8, 3))  # Scottish summer holiday
    assert sct.is_office_working_day(date(2026, 8, 31))  # English late summer holiday
    assert sct.is_office_working_day(date(2026, 4, 6))  # Easter Monday


def test_statutory_count_skips_scottish_new_year_2022(eng: OfficeCalendar) -> None:
    # Fri 31 Dec 2021: Mon 3 Jan 2022 (everywhere) and Tue 4 Jan (Scotland) are off -> Wed 5.
    assert eng.add_working_days(date(2021, 12, 31), 1, statutory=True) == date(2022, 1, 5)
    assert eng.add_working_days(date(2021, 12, 31), 1) == date(2022, 1, 4)


def test_closure_days_are_office_holidays_but_statutory_working_days() -> None:
    shutdown = [date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)]
    cal = OfficeCalendar(closure_days=shutdown)
    assert cal.is_closure_day(date(2026, 12, 30))
    assert not cal.is_office_working_day(date(2026, 12, 30))
    assert cal.is_statutory_working_day(date(2026, 12, 30))
    assert not cal.is_bank_holiday(date(2026, 12, 30))
    # Thu 24 Dec 2026: office -> 25, 28 bank holidays, 29-31 shut, 1 Jan bank holiday -> Mon 4 Jan.
    assert cal.add_working_days(date(2026, 12, 24), 1) == date(2027, 1, 4)
    # Statutory: 25 Dec and 28 Dec (Boxing Day substitute) off -> Tue 29 Dec.
    assert cal.add_working_days(date(2026, 12, 24), 1, statutory=True) == date(2026, 12, 29)


def test_extra_bank_holidays_apply_to_both_calendars() -> None:
    cal = OfficeCalendar(extra_bank_holidays=[date(2026, 6, 8)])  # a made-up Monday
    # Fri 5 June 2026 -> Mon 8 off -> Tue 9 on both calendars.
    assert cal.add_working_days(date(2026, 6, 5), 1) == date(2026, 6, 9)
    assert cal.add_working_days(date(2026, 6, 5), 1, statutory=True) == date(2026, 6, 9)


def test_caches_do_not_leak_between_calendars() -> None:
    # Two calendars for the same years: one's closure days must not close the other.
    closed = OfficeCalendar(closure_days=[date(2026, 5, 5)])
    open_ = OfficeCalendar()
    assert not closed.is_office_working_day(date(2026, 5, 5))
    assert open_.is_office_working_day(date(2026, 5, 5))


# --- opening hours ----------------------------------------------------------------------------


def test_hellesdon_intervals_carry_the_right_offset(hellesdon: OfficeCalendar) -> None:
    # Fri 27 March 2026 is GMT (+00:00); Mon 30 March, after the change, BST (+01:00).
    [(start, end)] = hellesdon.opening_intervals(date(2026, 3, 27))
    assert start.utcoffset() == timedelta(0)
    assert (start.time(), end.time()) == (time(9, 30), time(16))
    [(start, end)] = hellesdon.opening_intervals(date(2026, 3, 30))
    assert start.utcoffset() == timedelta(hours=1)
    assert start.astimezone(UTC) == datetime(2026, 3, 30, 8, 30, tzinfo=UTC)
    # Mon 26 October 2026, after the change back: GMT again.
    [(start, _)] = hellesdon.opening_intervals(date(2026, 10, 26))
    assert start.utcoffset() == timedelta(0)


def test_no_intervals_on_weekend_bank_holiday_or_closure_day() -> None:
    cal = OfficeCalendar(opening_hours=WEEKDAY_HOURS, closure_days=[date(2026, 12, 29)])
    assert cal.opening_intervals(date(2026, 3, 28)) == []  # Saturday
    assert cal.opening_intervals(date(2026, 4, 3)) == []  # Good Friday
    assert cal.opening_intervals(date(2026, 12, 29)) == []  # closure day
    assert not cal.is_open_day(date(2026, 12, 29))
    assert cal.is_open_day(date(2026, 12, 30))


def test_intervals_on_the_spring_change_day() -> None:
    # A (hypothetical) Sunday night service, 00:30-03:30 on Sun 29 March 2026: clocks go from
    # 01:00 GMT to 02:00 BST, so it opens at 00:30 GMT, closes at 03:30 BST and lasts 2 hours.
    cal = OfficeCalendar(opening_hours={6: ((time(0, 30), time(3, 30)),)})
    [(start, end)] = cal.opening_intervals(date(2026, 3, 29))
    assert start.astimezone(UTC) == datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    assert end.astimezone(UTC) == datetime(2026, 3, 29, 2, 30, tzinfo=UTC)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=2)
    # 01:30 UTC is 02:30 BST: open. 03:00 UTC is 04:00 BST: closed.
    assert cal.is_open(datetime(2026, 3, 29, 1, 30, tzinfo=UTC))
    assert not cal.is_open(datetime(2026, 3, 29, 3, 0, tzinfo=UTC))


def test_intervals_on_the_autumn_change_day() -> None:
    # Sun 25 October 2026: 00:30 BST (23:30 UTC the day before) to 03:30 GMT: 4 real hours.
    cal = OfficeCalendar(opening_hours={6: ((time(0, 30), time(3, 30)),)})
    [(start, end)] = cal.opening_intervals(date(2026, 10, 25))
    assert start.astimezone(UTC) == datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    assert end.astimezone(UTC) == datetime(2026, 10, 25, 3, 30, tzinfo=UTC)
    # Both 01:30s (00:30 UTC in BST and 01:30 UTC in GMT) are inside.
    assert cal.is_open(datetime(2026, 10, 25, 0, 30, tzinfo=UTC))
    assert cal.is_open(datetime(2026, 10, 25, 1, 30, tzinfo=UTC))
    # 23:00 UTC on Saturday is 00:00 BST on Sunday: not yet open.
    assert not cal.is_open(datetime(2026, 10, 24, 23, 0, tzinfo=UTC))


def test_is_open_converts_aware_times(hellesdon: OfficeCalendar) -> None:
    # Mon 30 March 2026 (BST): 08:45 UTC is 09:45 local, open; 08:15 UTC is 09:15, not yet.
    assert hellesdon.is_open(datetime(2026, 3, 30, 8, 45, tzinfo=UTC))
    assert not hellesdon.is_open(datetime(2026, 3, 30, 8, 15, tzinfo=UTC))
    # Fri 27 March (GMT): UTC and local agree.
    assert hellesdon.is_open(datetime(2026, 3, 27, 9, 45, tzinfo=UTC))
    # Naive means local time; the end is exclusive.
    assert hellesdon.is_open(datetime(2026, 3, 30, 9, 30))
    assert not hellesdon.is_open(datetime(2026, 3, 30, 16, 0))


def test_next_opening_across_the_change_weekend(hellesdon: OfficeCalendar) -> None:
    # Fri 27 March 2026 16:30 GMT: next opening Mon 30 March 09:30 BST (08:30 UTC).
    aware = hellesdon.next_opening(datetime(2026, 3, 27, 16, 30, tzinfo=UTC))
    assert aware == datetime(2026, 3, 30, 8, 30, tzinfo=UTC)
    assert (
        aware is not None and aware.tzinfo is not None and aware.utcoffset() == timedelta(hours=1)
    )
    naive = hellesdon.next_opening(datetime(2026, 3, 27, 16, 30))
    assert naive == datetime(2026, 3, 30, 9, 30)


def test_next_opening_before_opening_same_day_and_over_easter(hellesdon: OfficeCalendar) -> None:
    assert hellesdon.next_opening(datetime(2026, 3, 30, 8, 0)) == datetime(2026, 3, 30, 9, 30)
    # Thu 2 April 2026 after closing: Good Friday, weekend and Easter Monday -> Tue 7 April.
    assert hellesdon.next_opening(datetime(2026, 4, 2, 17, 0)) == datetime(2026, 4, 7, 9, 30)


def test_next_opening_while_open_is_the_next_interval(hellesdon: OfficeCalendar) -> None:
    assert hellesdon.next_opening(datetime(2026, 3, 30, 10, 0)) == datetime(2026, 3, 31, 9, 30)


def test_next_opening_is_none_for_an_office_that_never_opens() -> None:
    assert OfficeCalendar().next_opening(datetime(2026, 3, 30, 10, 0)) is None


def test_closing_time(hellesdon: OfficeCalendar) -> None:
    assert hellesdon.closing_time(datetime(2026, 3, 30, 10, 0)) == datetime(2026, 3, 30, 16, 0)
    closes = hellesdon.closing_time(datetime(2026, 3, 30, 9, 0, tzinfo=UTC))  # 10:00 BST
    assert closes == datetime(2026, 3, 30, 15, 0, tzinfo=UTC)
    assert hellesdon.closing_time(datetime(2026, 3, 30, 17, 0)) is None


def test_closing_time_runs_on_over_back_to_back_intervals() -> None:
    cal = OfficeCalendar(opening_hours={0: ((time(9), time(12)), (time(12), time(17)))})
    assert cal.closing_time(datetime(2026, 3, 30, 10, 0)) == datetime(2026, 3, 30, 17, 0)


def test_lunch_break_is_closed() -> None:
    cal = OfficeCalendar(opening_hours={0: ((time(9), time(12)), (time(13), time(17)))})
    assert not cal.is_open(datetime(2026, 3, 30, 12, 30))
    assert cal.next_opening(datetime(2026, 3, 30, 12, 30)) == datetime(2026, 3, 30, 13, 0)
    assert cal.closing_time(datetime(2026, 3, 30, 10, 0)) == datetime(2026, 3, 30, 12, 0)


def test_saturday_hours_open_the_door_but_are_not_a_working_day() -> None:
    cal = OfficeCalendar(opening_hours={5: ((time(9), time(12)),)})
    assert cal.is_open(datetime(2026, 3, 28, 10, 0))
    assert not cal.is_office_working_day(date(2026, 3, 28))


def test_from_profile_reads_hours_and_region(hellesdon: OfficeCalendar) -> None:
    assert hellesdon.region == "ENG"
    assert hellesdon.timezone == "Europe/London"
    assert hellesdon.opening_hours[0] == ((time(9, 30), time(16)),)
    assert hellesdon.opening_hours[5] == ()
