"""Tests for the deadline engine: every clock kind, pauses, statuses and the due_dates API."""

from __future__ import annotations

import time as clock
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.deadlines import DeadlineEngine, add_months, due_dates, engine_for
from reception_app.domain.offices import shipped_profile
from reception_app.domain.standards import CHANNELS, ClockKind, ClockRule

LONDON = ZoneInfo("Europe/London")
WD = ClockKind.WORKING_DAYS
STAT = ClockKind.STATUTORY_WORKING_DAYS
HOURS = ClockKind.HOURS_MON_FRI
MONTHS = ClockKind.CALENDAR_MONTHS

FOI = ClockRule(STAT, 20)
SAR = ClockRule(MONTHS, 1)
ACK_72H = ClockRule(HOURS, 72)
SHUTDOWN = [date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)]  # Christmas week


@pytest.fixture
def engine() -> DeadlineEngine:
    return DeadlineEngine.from_profile(shipped_profile("hellesdon"))


def engine_with(calendar: OfficeCalendar) -> DeadlineEngine:
    """Hellesdon's standards on a calendar built for the test."""
    return DeadlineEngine(calendar, shipped_profile("hellesdon").standards)


# --- working days -----------------------------------------------------------------------------


def test_friday_saturday_and_sunday_receipt_share_a_deadline(engine: DeadlineEngine) -> None:
    # Day 0 is the day of receipt whatever it is; Mon 9 March 2026 is day 1, Fri 13 day 5.
    rule = ClockRule(WD, 5)
    for received in (date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 8)):
        assert engine.compute(rule, received) == date(2026, 3, 13)
    assert engine.compute(rule, datetime(2026, 3, 6, 23, 59)) == date(2026, 3, 13)


def test_received_on_a_bank_holiday(engine: DeadlineEngine) -> None:
    # Mon 25 May 2026 is the Spring Bank Holiday: day 1 is Tue 26, day 5 is Mon 1 June.
    assert engine.compute(ClockRule(WD, 1), date(2026, 5, 25)) == date(2026, 5, 26)
    assert engine.compute(ClockRule(WD, 5), date(2026, 5, 25)) == date(2026, 6, 1)
    # "By the end of the next working day" from Friday 22 May skips the holiday too.
    assert engine.compute(ClockRule(WD, 1), date(2026, 5, 22)) == date(2026, 5, 26)


def test_working_days_across_christmas_2027(engine: DeadlineEngine) -> None:
    # Thu 23 Dec 2027: Fri 24 (1), then Sat 25, Sun 26, Mon 27 and Tue 28 (substitutes) off,
    # Wed 29 (2), Thu 30 (3), Fri 31 (4), Mon 3 Jan 2028 is New Year's substitute, Tue 4 (5).
    assert engine.compute(ClockRule(WD, 5), date(2027, 12, 23)) == date(2028, 1, 4)


def test_aware_receipt_uses_the_local_date(engine: DeadlineEngine) -> None:
    next_day = ClockRule(WD, 1)
    # Thu 22 Oct 2026 23:30 UTC is Fri 23 Oct 00:30 BST: day 0 is Friday -> Mon 26 October.
    assert engine.compute(next_day, datetime(2026, 10, 22, 23, 30, tzinfo=UTC)) == date(
        2026, 10, 26
    )
    # Mon 26 Oct 23:30 UTC is still Monday (GMT again) -> Tue 27 October.
    assert engine.compute(next_day, datetime(2026, 10, 26, 23, 30, tzinfo=UTC)) == date(
        2026, 10, 27
    )
    # Mon 30 Mar 2026 23:30 UTC is Tue 31 Mar 00:30 BST -> Wed 1 April.
    assert engine.compute(next_day, datetime(2026, 3, 30, 23, 30, tzinfo=UTC)) == date(2026, 4, 1)
    # Thu 26 Mar 2026 23:30 UTC is still Thursday (GMT) -> Fri 27 March.
    assert engine.compute(next_day, datetime(2026, 3, 26, 23, 30, tzinfo=UTC)) == date(2026, 3, 27)


def test_closure_days_push_office_working_day_clocks() -> None:
    engine = engine_with(OfficeCalendar(closure_days=SHUTDOWN))
    # Thu 24 Dec 2026: 25 and 28 bank holidays, 29-31 shut, 1 Jan bank holiday -> Mon 4 Jan.
    assert engine.compute(ClockRule(WD, 1), date(2026, 12, 24)) == date(2027, 1, 4)
    # FOI is statutory: the shutdown still counts. Tue 29 (1), Wed 30 (2), Thu 31 (3).
    assert engine.compute(ClockRule(STAT, 3), date(2026, 12, 24)) == date(2026, 12, 31)


# --- statutory working days (FOI, EIR) --------------------------------------------------------


def test_foi_skips_st_patricks_day_but_the_office_does_not(engine: DeadlineEngine) -> None:
    # Received Mon 2 March 2026. 3-16 March is 10 working days; Tue 17 March is a Northern Irish
    # bank holiday, so the statutory 20th is Tue 31 March; the English office's 20th is Mon 30.
    assert engine.compute(FOI, date(2026, 3, 2)) == date(2026, 3, 31)
    assert engine.compute(ClockRule(WD, 20), date(2026, 3, 2)) == date(2026, 3, 30)


def test_foi_skips_scotlands_one_off_day(engine: DeadlineEngine) -> None:
    # Received Mon 1 June 2026; Mon 15 June is Scotland-only. Statutory: 2-12 June = 9, 16-30
    # June = 11 -> Tue 30 June. Office (15 June counts): Mon 29 June.
    assert engine.compute(FOI, date(2026, 6, 1)) == date(2026, 6, 30)
    assert engine.compute(ClockRule(WD, 20), date(2026, 6, 1)) == date(2026, 6, 29)


def test_foi_skips_scottish_summer_holiday(engine: DeadlineEngine) -> None:
    # Fri 31 July 2026 -> Mon 3 Aug is Scotland's summer holiday -> statutory day 1 is Tue 4.
    assert engine.compute(ClockRule(STAT, 1), date(2026, 7, 31)) == date(2026, 8, 4)
    assert engine.compute(ClockRule(WD, 1), date(2026, 7, 31)) == date(2026, 8, 3)


def test_foi_skips_the_twelfth_of_july_substitute(engine: DeadlineEngine) -> None:
    # 12 July 2026 is a Sunday; Northern Ireland takes Mon 13 July. Fri 10 July -> Tue 14.
    assert engine.compute(ClockRule(STAT, 1), date(2026, 7, 10)) == date(2026, 7, 14)
    assert engine.compute(ClockRule(WD, 1), date(2026, 7, 10)) == date(2026, 7, 13)


def test_eir_extended_is_forty_statutory_working_days(engine: DeadlineEngine) -> None:
    # From Mon 2 March 2026: the 20th is Tue 31 March; April loses Good Friday 3 and Easter
    # Monday 6, so 1, 2, 7-10, 13-17, 20-24, 27-30 are days 21-40 -> Thu 30 April.
    assert engine.eir_extended(date(2026, 3, 2)) == date(2026, 4, 30)


# --- 72 hours, Monday to Friday ---------------------------------------------------------------


def test_72_hours_mid_week(engine: DeadlineEngine) -> None:
    # Tue 10 March 2026 09:15: three full working days later is Fri 13 March 09:15.
    assert engine.compute(ACK_72H, datetime(2026, 3, 10, 9, 15)) == datetime(2026, 3, 13, 9, 15)


def test_72_hours_from_friday_afternoon(engine: DeadlineEngine) -> None:
    # Fri 13 March 14:00: Fri 10 h, Mon 24 h (34), Tue 24 h (58), Wed 14 h -> Wed 18 March 14:00.
    assert engine.compute(ACK_72H, datetime(2026, 3, 13, 14, 0)) == datetime(2026, 3, 18, 14, 0)


def test_72_hours_from_the_weekend_start_on_monday(engine: DeadlineEngine) -> None:
    # Sat 14 or Sun 15 March: counting starts Mon 16 00:00; Mon, Tue, Wed -> Thu 19 March 00:00.
    for received in (datetime(2026, 3, 14, 11, 0), datetime(2026, 3, 15, 23, 59)):
        assert engine.compute(ACK_72H, received) == datetime(2026, 3, 19, 0, 0)


def test_72_hours_across_a_bank_holiday_monday(engine: DeadlineEngine) -> None:
    # Fri 22 May 2026 14:00: Fri 10 h, Mon 25 is a bank holiday, Tue 24 h (34), Wed 24 h (58),
    # Thu 14 h -> Thu 28 May 14:00.
    assert engine.compute(ACK_72H, datetime(2026, 5, 22, 14, 0)) == datetime(2026, 5, 28, 14, 0)


def test_72_hours_ending_exactly_at_midnight(engine: DeadlineEngine) -> None:
    # Wed 11 March 2026 00:00: Wed, Thu, Fri -> Sat 14 March 00:00, i.e. the end of Friday.
    due = engine.compute(ACK_72H, datetime(2026, 3, 11, 0, 0))
    assert due == datetime(2026, 3, 14, 0, 0)
    assert due is not None and engine.due_day(due) == date(2026, 3, 13)


def test_72_hours_from_a_bare_date_starts_at_midnight(engine: DeadlineEngine) -> None:
    assert engine.compute(ACK_72H, date(2026, 3, 10)) == datetime(2026, 3, 13, 0, 0)


def test_72_hours_counts_wall_clock_hours_over_the_spring_change(engine: DeadlineEngine) -> None:
    # Fri 27 March 2026 14:00 GMT: Fri 10 h, Mon 30 and Tue 31 (58), Wed 1 April 14 h ->
    # Wed 1 April 14:00 local, which is BST: 13:00 UTC. Aware in, aware (office zone) out.
    due = engine.compute(ACK_72H, datetime(2026, 3, 27, 14, 0, tzinfo=UTC))
    assert isinstance(due, datetime)
    assert due == datetime(2026, 4, 1, 13, 0, tzinfo=UTC)
    assert due.tzinfo is not None and due.utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    "received",
    [
        datetime(2026, 3, 29, 0, 30),  # naive local, before the change
        datetime(2026, 3, 29, 1, 30),  # naive local, a time that does not exist
        datetime(2026, 3, 29, 2, 30),  # naive local, after the change
        datetime(2026, 3, 28, 23, 30, tzinfo=UTC),  # Sat 23:30 GMT
        datetime(2026, 3, 29, 0, 30, tzinfo=UTC),  # Sun 00:30 GMT
        datetime(2026, 3, 29, 1, 30, tzinfo=UTC),  # Sun 02:30 BST
    ],
)
def test_72_hours_received_around_the_spring_change(
    engine: DeadlineEngine, received: datetime
) -> None:
    # Every one of these is a weekend day locally: counting starts Mon 30 March 00:00 and runs
    # Mon, Tue, Wed -> Thu 2 April 00:00 BST (Wed 1 April 23:00 UTC).
    due = engine.compute(ACK_72H, received)
    assert isinstance(due, datetime)
    if received.tzinfo is None:
        assert due == datetime(2026, 4, 2, 0, 0)
    else:
        assert due == datetime(2026, 4, 1, 23, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "received",
    [
        datetime(2026, 10, 25, 0, 30),
        datetime(2026, 10, 25, 1, 30),  # naive local, a time that happens twice
        datetime(2026, 10, 25, 2, 30),
        datetime(2026, 10, 24, 23, 30, tzinfo=UTC),  # Sun 00:30 BST (Saturday in UTC)
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # Sun 01:30 BST
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),  # Sun 01:30 GMT
        datetime(2026, 10, 25, 2, 30, tzinfo=UTC),  # Sun 02:30 GMT
    ],
)
def test_72_hours_received_around_the_autumn_change(
    engine: DeadlineEngine, received: datetime
) -> None:
    # All Sunday locally: counting starts Mon 26 Oct 00:00 -> Thu 29 Oct 00:00 GMT (= UTC).
    due = engine.compute(ACK_72H, received)
    if received.tzinfo is None:
        assert due == datetime(2026, 10, 29, 0, 0)
    else:
        assert due == datetime(2026, 10, 29, 0, 0, tzinfo=UTC)


def test_72_hours_aware_receipt_just_after_local_midnight(engine: DeadlineEngine) -> None:
    # Thu 4 June 2026 23:30 UTC is Fri 5 June 00:30 BST: Fri 23.5 h, Mon 24 (47.5), Tue 24
    # (71.5), Wed 0.5 h -> Wed 10 June 00:30 BST = Tue 9 June 23:30 UTC.
    due = engine.compute(ACK_72H, datetime(2026, 6, 4, 23, 30, tzinfo=UTC))
    assert due == datetime(2026, 6, 9, 23, 30, tzinfo=UTC)


# --- one calendar month (UK GDPR subject access) ----------------------------------------------


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # ICO examples.
        (date(2024, 1, 1), date(2024, 2, 1)),
        # 25 Dec 2024 (Wed) and 26 Dec (Thu) are bank holidays -> Fri 27 December.
        (date(2024, 11, 25), date(2024, 12, 27)),
        # Leap year: no 31 February -> the last day, Tue 29 Feb 2028.
        (date(2028, 1, 31), date(2028, 2, 29)),
        (date(2028, 2, 29), date(2028, 3, 29)),
        # No 31 April -> Thu 30 April 2026.
        (date(2026, 3, 31), date(2026, 4, 30)),
        # No 30 Feb 2026 -> Sat 28 Feb -> Mon 2 March.
        (date(2026, 1, 30), date(2026, 3, 2)),
        # 28 Feb 2027 is a Sunday -> Mon 1 March.
        (date(2027, 1, 31), date(2027, 3, 1)),
        # 31 Jan 2027 is a Sunday -> Mon 1 February.
        (date(2026, 12, 31), date(2027, 2, 1)),
        # 3 April 2026 is Good Friday; Sat, Sun, Easter Monday -> Tue 7 April.
        (date(2026, 3, 3), date(2026, 4, 7)),
        # Friday and Saturday receipt: 6 April is Easter Monday -> Tue 7; 7 April is a Tuesday.
        (date(2026, 3, 6), date(2026, 4, 7)),
        (date(2026, 3, 7), date(2026, 4, 7)),
        # Received on a bank holiday (Mon 25 May 2026) still counts from that day.
        (date(2026, 5, 25), date(2026, 6, 25)),
        # Sat 25 Dec 2027; Sun 26, Mon 27 and Tue 28 (substitutes) -> Wed 29 December.
        (date(2027, 11, 25), date(2027, 12, 29)),
        # Sat 2 Jan 2027 -> Mon 4 Jan, a Scottish holiday but an English working day.
        (date(2026, 12, 2), date(2027, 1, 4)),
    ],
)
def test_one_calendar_month(engine: DeadlineEngine, received: date, due: date) -> None:
    assert engine.compute(SAR, received) == due


def test_sar_uses_the_local_day_of_receipt(engine: DeadlineEngine) -> None:
    # Tue 30 June 2026 23:30 UTC is Wed 1 July 00:30 BST: 1 August is a Saturday -> Mon 3 Aug
    # (Scotland's summer holiday, but not England's). The UTC date would have given Thu 30 July.
    assert engine.compute(SAR, datetime(2026, 6, 30, 23, 30, tzinfo=UTC)) == date(2026, 8, 3)


def test_sar_is_not_pushed_by_office_closure_days() -> None:
    engine = engine_with(OfficeCalendar(closure_days=SHUTDOWN))
    # Sun 29 Nov 2026 -> Tue 29 Dec, a closure day: the statutory date stands.
    assert engine.compute(SAR, date(2026, 11, 29)) == date(2026, 12, 29)
    # Sat 28 Nov -> Mon 28 Dec is the Boxing Day substitute -> Tue 29 Dec (closure, not moved).
    assert engine.compute(SAR, date(2026, 11, 28)) == date(2026, 12, 29)


def test_sar_is_moved_by_an_extra_bank_holiday() -> None:
    engine = engine_with(OfficeCalendar(extra_bank_holidays=[date(2026, 6, 8)]))
    # Fri 8 May 2026 -> Mon 8 June, an extra bank holiday -> Tue 9 June.
    assert engine.compute(SAR, date(2026, 5, 8)) == date(2026, 6, 9)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # 28 Feb 2027 is a Sunday -> Mon 1 March.
        (date(2026, 11, 30), date(2027, 3, 1)),
        # 31 Jan 2026 is a Saturday -> Mon 2 February.
        (date(2025, 10, 31), date(2026, 2, 2)),
        # 1 April 2024 is Easter Monday -> Tue 2 April.
        (date(2024, 1, 1), date(2024, 4, 2)),
    ],
)
def test_sar_extended_is_three_months(engine: DeadlineEngine, received: date, due: date) -> None:
    assert engine.sar_extended(received) == due


def test_add_months() -> None:
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)


# --- pauses -----------------------------------------------------------------------------------


def test_sar_clarification_pause(engine: DeadlineEngine) -> None:
    # Received Mon 2 March 2026 -> 2 April. Clarification asked Thu 5 March, answered Thu 12:
    # 7 days paused -> Thu 9 April.
    assert engine.compute(SAR, date(2026, 3, 2), [(date(2026, 3, 5), date(2026, 3, 12))]) == date(
        2026, 4, 9
    )


def test_sar_pause_lands_on_good_friday_and_rolls_again(engine: DeadlineEngine) -> None:
    # One day paused: 2 April + 1 = Fri 3 April (Good Friday) -> Tue 7 April.
    pause = [(date(2026, 3, 5), date(2026, 3, 6))]
    assert engine.compute(SAR, date(2026, 3, 2), pause) == date(2026, 4, 7)


def test_answer_on_the_day_asked_pauses_nothing(engine: DeadlineEngine) -> None:
    pause = [(date(2026, 3, 5), date(2026, 3, 5))]
    assert engine.compute(SAR, date(2026, 3, 2), pause) == date(2026, 4, 2)


def test_overlapping_pauses_count_each_day_once(engine: DeadlineEngine) -> None:
    # 6-12 March and 11-14 March together are 6-14 March: 9 days. 2 April + 9 = Sat 11 April
    # -> Mon 13 April.
    pauses = [(date(2026, 3, 5), date(2026, 3, 12)), (date(2026, 3, 10), date(2026, 3, 14))]
    assert engine.compute(SAR, date(2026, 3, 2), pauses) == date(2026, 4, 13)


def test_pause_after_the_deadline_gives_no_more_time(engine: DeadlineEngine) -> None:
    pause = [(date(2026, 4, 10), date(2026, 4, 20))]
    assert engine.compute(SAR, date(2026, 3, 2), pause) == date(2026, 4, 2)
    # FOI due Tue 31 March; a fees notice on 1 April cannot extend it.
    assert engine.compute(FOI, date(2026, 3, 2), [(date(2026, 4, 1), date(2026, 4, 10))]) == date(
        2026, 3, 31
    )


def test_foi_fees_notice_pause(engine: DeadlineEngine) -> None:
    # Received Mon 2 March 2026, due Tue 31 March. Fees notice Thu 5 March, fee received Tue 10:
    # Fri 6, Mon 9 and Tue 10 (3 statutory working days) do not count. From 31 March: Wed 1 (+1),
    # Thu 2 (+2), Good Friday and Easter Monday skipped, Tue 7 April (+3).
    pause = [(date(2026, 3, 5), date(2026, 3, 10))]
    assert engine.compute(FOI, date(2026, 3, 2), pause) == date(2026, 4, 7)


def test_pause_before_receipt_only_counts_after_it(engine: DeadlineEngine) -> None:
    # Paused 27 Feb - 3 March but received 2 March: only Tue 3 March is lost -> Wed 1 April.
    pause = [(date(2026, 2, 26), date(2026, 3, 3))]
    assert engine.compute(FOI, date(2026, 3, 2), pause) == date(2026, 4, 1)


def test_pause_on_an_office_working_day_clock(engine: DeadlineEngine) -> None:
    # Letter received Mon 2 March 2026, 10 working days -> Mon 16 March. Paused Tue 3 and Wed 4
    # -> two more: Tue 17 (St Patrick's Day is an English working day), Wed 18 March.
    pause = [(date(2026, 3, 2), date(2026, 3, 4))]
    assert engine.due_dates_for("letter", date(2026, 3, 2), pause) == {"respond": date(2026, 3, 18)}


def test_pause_on_the_hours_clock(engine: DeadlineEngine) -> None:
    # Tue 10 March 2026 09:15, Wed 11 paused: Tue 14.75 h, Thu 24 (38.75), Fri 24 (62.75),
    # Mon 9.25 h -> Mon 16 March 09:15.
    pause = [(date(2026, 3, 10), date(2026, 3, 11))]
    due = engine.compute(ACK_72H, datetime(2026, 3, 10, 9, 15), pause)
    assert due == datetime(2026, 3, 16, 9, 15)


def test_backwards_pause_is_refused(engine: DeadlineEngine) -> None:
    with pytest.raises(ValueError, match="cannot end .* before it starts"):
        engine.compute(SAR, date(2026, 3, 2), [(date(2026, 3, 12), date(2026, 3, 5))])


def test_agreed_clock_has_no_date(engine: DeadlineEngine) -> None:
    assert engine.compute(ClockRule(ClockKind.AGREED), date(2026, 3, 2)) is None


# --- status and "due soon" --------------------------------------------------------------------


def test_status_wording(engine: DeadlineEngine) -> None:
    due = date(2026, 12, 16)  # a Wednesday
    assert engine.status(due, date(2026, 12, 16)) == "due today"
    # After Fri 11: Mon 14, Tue 15, Wed 16.
    assert engine.status(due, date(2026, 12, 11)) == "in 3 working days"
    assert engine.status(due, date(2026, 12, 15)) == "in 1 working day"
    assert engine.status(due, date(2026, 12, 17)) == "overdue by 1 working day"
    assert engine.status(due, date(2026, 12, 18)) == "overdue by 2 working days"
    # Due Fri 18, checked Sat 19: late, but no working day has gone by.
    assert engine.status(date(2026, 12, 18), date(2026, 12, 19)) == (
        "overdue (by less than a working day)"
    )
    # Due Tue 29 Dec, checked Thu 24: 25 and 28 are bank holidays -> one working day left.
    assert engine.status(date(2026, 12, 29), date(2026, 12, 24)) == "in 1 working day"


def test_status_of_an_hours_deadline(engine: DeadlineEngine) -> None:
    ack = datetime(2026, 12, 7, 10, 0)
    assert engine.status(ack, date(2026, 12, 7)) == "due today"
    assert engine.status(ack, date(2026, 12, 3)) == "in 2 working days"  # Fri 4, Mon 7
    # Runs out Thu 19 March 00:00 = end of Wed 18.
    midnight = datetime(2026, 3, 19, 0, 0)
    assert engine.status(midnight, date(2026, 3, 18)) == "due today"
    assert engine.status(midnight, date(2026, 3, 19)) == "overdue by 1 working day"
    # Aware deadlines are read in office time: 23:30 UTC on 9 June is 00:30 BST on 10 June.
    assert engine.status(datetime(2026, 6, 9, 23, 30, tzinfo=UTC), date(2026, 6, 10)) == "due today"


def test_status_of_a_statutory_date_inside_a_shutdown() -> None:
    engine = engine_with(OfficeCalendar(closure_days=SHUTDOWN))
    # FOI due Wed 30 Dec; on Thu 24 there is no office working day left before it.
    assert (
        engine.status(date(2026, 12, 30), date(2026, 12, 24)) == "due before the next working day"
    )
    assert engine.is_due_soon(date(2026, 12, 30), date(2026, 12, 24))


def test_is_due_soon(engine: DeadlineEngine) -> None:
    due = date(2026, 12, 16)
    assert engine.is_due_soon(due, date(2026, 12, 16))  # today
    assert engine.is_due_soon(due, date(2026, 12, 15))  # next working day
    assert not engine.is_due_soon(due, date(2026, 12, 14))  # two working days away
    assert not engine.is_due_soon(due, date(2026, 12, 17))  # overdue, not "soon"
    assert engine.is_due_soon(date(2026, 12, 14), date(2026, 12, 11))  # Fri -> Mon
    # Thu 2 April 2026: the next working day is Tue 7 April (Easter).
    assert engine.is_due_soon(date(2026, 4, 7), date(2026, 4, 2))


# --- due_dates: the public API ----------------------------------------------------------------

RECEIVED = datetime(2026, 12, 2, 10, 0)  # Wednesday 2 December 2026, 10:00 local
# Office working days after it: Thu 3 (1), Fri 4 (2), Mon 7 (3), Tue 8 (4), Wed 9 (5), ...,
# Wed 16 (10), ..., Thu 24 (16); 25 and 28 Dec are bank holidays; Tue 29 (17), Wed 30 (18),
# Thu 31 (19); 1 Jan 2027 a bank holiday; Mon 4 Jan (20).
# Statutory: as above, but Mon 4 Jan 2027 is Scotland's New Year substitute -> Tue 5 Jan (20).
# 72 h: Wed 14 h, Thu 24 (38), Fri 24 (62), weekend skipped, Mon 10 h -> Mon 7 Dec 10:00.
# SAR: Sat 2 Jan 2027 -> Mon 4 Jan.
D = date
COMMON = {
    "foi": {"respond": D(2027, 1, 5)},
    "eir": {"respond": D(2027, 1, 5)},
    "sar": {"respond": D(2027, 1, 4)},
    "complaint": {"acknowledge": D(2026, 12, 9), "respond": D(2027, 1, 4)},
}
ACK = datetime(2026, 12, 7, 10, 0)
EXPECTED: dict[str, dict[str, dict[str, date]]] = {
    "hellesdon": {
        "email": {"acknowledge": ACK, "respond": D(2026, 12, 7), "final": D(2026, 12, 16)},
        "online_form": {"acknowledge": ACK, "final": D(2026, 12, 16)},
        "social_media": {"acknowledge": ACK, "final": D(2026, 12, 16)},
        "letter": {"respond": D(2026, 12, 16)},
        "voicemail": {"respond": D(2026, 12, 3)},
        "callback": {"respond": D(2026, 12, 3)},
        "phone_unresolved": {},  # agreed with the customer: no fixed date
        "web_chat_unresolved": {},
        **COMMON,
    },
    "north-norfolk": {
        "email": {"acknowledge": D(2026, 12, 3), "respond": D(2026, 12, 9)},
        "online_form": {"acknowledge": D(2026, 12, 3), "respond": D(2026, 12, 9)},
        "social_media": {"acknowledge": D(2026, 12, 3), "respond": D(2026, 12, 9)},
        "letter": {"acknowledge": D(2026, 12, 3), "respond": D(2026, 12, 9)},
        "voicemail": {"respond": D(2026, 12, 3)},
        "callback": {"respond": D(2026, 12, 3)},
        "phone_unresolved": {"respond": D(2026, 12, 3)},
        "web_chat_unresolved": {"respond": D(2026, 12, 3)},
        **COMMON,
    },
}


def test_expected_table_covers_every_channel() -> None:
    for office in EXPECTED.values():
        assert set(office) == set(CHANNELS)


@pytest.mark.parametrize(
    ("office", "channel"),
    [(office, channel) for office in EXPECTED for channel in CHANNELS],
)
def test_due_dates_for_every_office_and_channel(office: str, channel: str) -> None:
    result = due_dates(office, channel, RECEIVED)
    assert result == EXPECTED[office][channel]
    for value in result.values():
        # Only the hours clock gives a time; naive in, naive out.
        assert isinstance(value, datetime) == (value == ACK)


def test_due_dates_with_an_aware_receipt() -> None:
    # December is GMT, so 10:00 UTC is 10:00 local; the acknowledgement comes back aware.
    result = due_dates("hellesdon", "email", RECEIVED.replace(tzinfo=UTC))
    ack = result["acknowledge"]
    assert isinstance(ack, datetime) and ack.tzinfo is not None
    assert ack == datetime(2026, 12, 7, 10, 0, tzinfo=LONDON)
    assert result["respond"] == date(2026, 12, 7)


def test_due_dates_unknown_office() -> None:
    with pytest.raises(ValueError, match="hellesdon, north-norfolk"):
        due_dates("norwich", "email", RECEIVED)


def test_due_dates_unknown_channel() -> None:
    with pytest.raises(ValueError, match="valid channels: email, online_form"):
        due_dates("hellesdon", "fax", RECEIVED)


def test_engines_are_built_once_per_office() -> None:
    assert engine_for("hellesdon") is engine_for("hellesdon")
    assert engine_for("hellesdon") is not engine_for("north-norfolk")


def test_counting_is_fast_once_the_year_is_cached(engine: DeadlineEngine) -> None:
    # Guards against rebuilding holiday tables per call (milliseconds each): a thousand
    # 20-working-day counts must take well under a second.
    engine.compute(FOI, date(2026, 3, 2))
    started = clock.perf_counter()
    for _ in range(1000):
        engine.compute(FOI, date(2026, 3, 2))
        engine.compute(ClockRule(WD, 20), date(2026, 3, 2))
    assert clock.perf_counter() - started < 0.5


def test_a_clock_can_start_after_the_day_of_receipt() -> None:
    """``starts_on``: e.g. the day proof of identity arrived for a subject access request."""
    engine = engine_for("hellesdon")
    received = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)
    assert engine.compute(SAR, received, starts_on=date(2026, 11, 30)) == date(2026, 12, 30)
    assert engine.compute(SAR, received, starts_on=date(2026, 11, 20)) == date(2026, 12, 24)
    assert engine.sar_extended(received, starts_on=date(2026, 11, 30)) == date(2027, 3, 1)
    assert engine.eir_extended(received, starts_on=date(2026, 11, 30)) == engine.compute(
        ClockRule(STAT, 40), date(2026, 11, 30)
    )
    assert engine.due_dates_for("foi", received, starts_on=date(2026, 11, 30)) == {
        "respond": date(2026, 12, 30)
    }
    # An hours clock starts at 00:00 that day (Mon 30 Nov 00:00 + 72 h = Thu 3 Dec 00:00).
    due = engine.compute(ACK_72H, received, starts_on=date(2026, 11, 30))
    assert due == datetime(2026, 12, 3, 0, 0, tzinfo=ZoneInfo("Europe/London"))


def test_an_hours_deadline_is_overdue_from_its_moment() -> None:
    engine = engine_for("hellesdon")
    due = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    today = date(2026, 11, 27)
    before, after = (
        datetime(2026, 11, 27, 8, 59, tzinfo=UTC),
        datetime(2026, 11, 27, 9, 0, tzinfo=UTC),
    )
    assert not engine.is_overdue(due, today, before) and engine.is_overdue(due, today, after)
    assert not engine.is_overdue(due, today)  # without a moment: the end of the day
    assert engine.status(due, today, before) == "due today"
    assert engine.status(due, today, after) == "overdue"
    assert engine.is_due_soon(due, today, before) and not engine.is_due_soon(due, today, after)
    assert engine.is_overdue(date(2026, 11, 26), today) and not engine.is_overdue(
        today, today, after
    )
