"""Free appointment slots worked by hand on Hellesdon's hours (09:30-16:00, Monday to Friday)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.slots import DeskAvailability, Slot, next_free_slots

LONDON = ZoneInfo("Europe/London")
WEEKDAY_HOURS = {d: ((time(9, 30), time(16, 0)),) for d in range(5)}
ANY_DESK = (DeskAvailability("R1"),)


@pytest.fixture
def calendar() -> OfficeCalendar:
    return OfficeCalendar(region="ENG", opening_hours=WEEKDAY_HOURS)


def _starts(slots: list[Slot]) -> list[str]:
    return [f"{s.start:%a %d %b %H:%M}" for s in slots]


def test_first_slots_come_an_hour_after_now_on_the_quarter_hour(calendar: OfficeCalendar) -> None:
    now = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)  # Tuesday, 10:30 GMT in London
    slots = next_free_slots(calendar, now, 8, ANY_DESK)
    assert _starts(slots) == ["Tue 24 Nov 11:30", "Tue 24 Nov 11:45", "Tue 24 Nov 12:00"]
    first = slots[0]
    assert first.start.tzinfo is not None and first.start.utcoffset() == timedelta(0)
    assert str(first.start.tzinfo) == "Europe/London"
    assert first.end - first.start == timedelta(minutes=8) and first.desk_key == "R1"


def test_notice_is_rounded_up_to_the_grid_and_a_slot_must_end_by_closing(
    calendar: OfficeCalendar,
) -> None:
    now = datetime(2026, 11, 24, 14, 31, tzinfo=UTC)  # +60 -> 15:31 -> 15:45 first
    slots = next_free_slots(calendar, now, 15, ANY_DESK)
    # 15:45-16:00 fits exactly; the next ones roll to Wednesday morning.
    assert _starts(slots) == ["Tue 24 Nov 15:45", "Wed 25 Nov 09:30", "Wed 25 Nov 09:45"]
    assert _starts(next_free_slots(calendar, now, 20, ANY_DESK))[0] == "Wed 25 Nov 09:30"


def test_late_afternoon_rolls_to_the_next_working_day(calendar: OfficeCalendar) -> None:
    now = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)
    slots = next_free_slots(calendar, now, 8, ANY_DESK)
    assert _starts(slots) == ["Wed 25 Nov 09:30", "Wed 25 Nov 09:45", "Wed 25 Nov 10:00"]


def test_christmas_bank_holidays_and_the_weekend_are_skipped(calendar: OfficeCalendar) -> None:
    # 24 Dec 2026 is a Thursday; 25 Dec (Fri) and 28 Dec (Mon, Boxing Day substitute) are bank
    # holidays in England and 26-27 Dec the weekend, so the next slot is Tuesday 29 December.
    assert date(2026, 12, 24).weekday() == 3
    assert calendar.is_bank_holiday(date(2026, 12, 25))
    assert calendar.is_bank_holiday(date(2026, 12, 28))
    assert not calendar.is_bank_holiday(date(2026, 12, 29))
    now = datetime(2026, 12, 24, 15, 50, tzinfo=UTC)
    slots = next_free_slots(calendar, now, 10, ANY_DESK)
    assert _starts(slots) == ["Tue 29 Dec 09:30", "Tue 29 Dec 09:45", "Tue 29 Dec 10:00"]


def test_closure_days_are_skipped() -> None:
    calendar = OfficeCalendar(opening_hours=WEEKDAY_HOURS, closure_days=[date(2026, 11, 25)])
    now = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)
    assert _starts(next_free_slots(calendar, now, 8, ANY_DESK))[0] == "Thu 26 Nov 09:30"


def test_a_desk_that_does_not_handle_the_service_is_ignored(calendar: OfficeCalendar) -> None:
    now = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)
    clerk = DeskAvailability("CL", frozenset({"burials"}))
    window = DeskAvailability("R1", frozenset({"general"}), {1: ((time(13, 0), time(14, 0)),)})
    slots = next_free_slots(calendar, now, 8, [clerk, window], service="general")
    assert _starts(slots) == ["Tue 24 Nov 13:00", "Tue 24 Nov 13:15", "Tue 24 Nov 13:30"]
    assert {s.desk_key for s in slots} == {"R1"}
    assert next_free_slots(calendar, now, 8, [clerk], service="general") == []
    assert _starts(next_free_slots(calendar, now, 8, [clerk], service="burials"))[0] == (
        "Tue 24 Nov 11:30"
    )


def test_duties_restrict_times_and_a_weekday_without_duty_has_none(
    calendar: OfficeCalendar,
) -> None:
    # Staffed Tuesday 13:00-13:30 and Thursday from 08:00 (before opening) to 10:00.
    desk = DeskAvailability(
        "R1", None, {1: ((time(13, 0), time(13, 30)),), 3: ((time(8, 0), time(10, 0)),)}
    )
    now = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)
    slots = next_free_slots(calendar, now, 10, [desk], count=4)
    # 13:15-13:25 fits; 13:30 does not; Wednesday has no duty; Thursday starts at opening.
    assert _starts(slots) == [
        "Tue 24 Nov 13:00",
        "Tue 24 Nov 13:15",
        "Thu 26 Nov 09:30",
        "Thu 26 Nov 09:45",
    ]


def test_two_desks_give_distinct_start_times_to_the_first_desk(calendar: OfficeCalendar) -> None:
    now = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)
    late = DeskAvailability("B", None, {1: ((time(11, 45), time(16, 0)),)})
    slots = next_free_slots(calendar, now, 8, [late, DeskAvailability("A")])
    assert _starts(slots) == ["Tue 24 Nov 11:30", "Tue 24 Nov 11:45", "Tue 24 Nov 12:00"]
    assert [s.desk_key for s in slots] == ["A", "B", "B"]


def test_notice_step_and_british_summer_time(calendar: OfficeCalendar) -> None:
    now = datetime(2026, 6, 2, 9, 0, tzinfo=UTC)  # 10:00 BST on a Tuesday
    slots = next_free_slots(
        calendar, now, 30, ANY_DESK, minimum_notice=timedelta(0), step_minutes=30
    )
    assert _starts(slots) == ["Tue 02 Jun 10:00", "Tue 02 Jun 10:30", "Tue 02 Jun 11:00"]
    assert slots[0].start == datetime(2026, 6, 2, 10, 0, tzinfo=LONDON)


def test_no_desks_no_hours_and_bad_arguments() -> None:
    now = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)
    assert next_free_slots(OfficeCalendar(), now, 8, ANY_DESK) == []
    calendar = OfficeCalendar(opening_hours=WEEKDAY_HOURS)
    assert next_free_slots(calendar, now, 8, []) == []
    assert next_free_slots(calendar, now, 8, ANY_DESK, count=0) == []
    with pytest.raises(ValueError):
        next_free_slots(calendar, now.replace(tzinfo=None), 8, ANY_DESK)
    with pytest.raises(ValueError):
        next_free_slots(calendar, now, 0, ANY_DESK)
