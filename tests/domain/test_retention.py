"""The retention schedule worked by hand (DOMAIN.md 9)."""

from __future__ import annotations

from datetime import date

import pytest

from reception_app.domain.errors import ValidationError
from reception_app.domain.retention import (
    Period,
    RecordKind,
    Schedule,
    Unit,
    backup_survival_text,
    correspondence_kind,
    is_due,
    parse_period,
)


def test_the_defaults_are_domain_md_section_9() -> None:
    schedule = Schedule.default()
    assert {k: schedule.period(k).text for k in RecordKind} == {
        RecordKind.WALK_IN: "30 days",
        RecordKind.APPOINTMENT: "90 days",
        RecordKind.MESSAGE: "6 months",
        RecordKind.CORRESPONDENCE: "2 years",
        RecordKind.INFORMATION_REQUEST: "3 years",
        RecordKind.COMPLAINT: "6 years",
        RecordKind.INCIDENT: "3 years",
    }


def test_cutoffs_count_back_from_today() -> None:
    schedule = Schedule.default()
    today = date(2026, 11, 24)
    assert schedule.cutoff(RecordKind.WALK_IN, today) == date(2026, 10, 25)
    assert schedule.cutoff(RecordKind.MESSAGE, today) == date(2026, 5, 24)
    assert schedule.cutoff(RecordKind.COMPLAINT, today) == date(2020, 11, 24)


def test_months_from_a_long_month_end_on_the_shorter_months_last_day() -> None:
    assert Period(6, Unit.MONTHS).before(date(2026, 8, 31)) == date(2026, 2, 28)
    assert Period(1, Unit.YEARS).before(date(2028, 2, 29)) == date(2027, 2, 28)
    assert Period(13, Unit.MONTHS).before(date(2026, 1, 15)) == date(2024, 12, 15)


def test_the_schedule_round_trips_and_ignores_broken_entries() -> None:
    schedule = Schedule.default().with_period(RecordKind.WALK_IN, Period(14, Unit.DAYS))
    assert Schedule.from_json(schedule.to_json()) == schedule
    broken = Schedule.from_json({"walk_in": {"amount": "x"}, "nonsense": {}, "message": 3})
    assert broken == Schedule.default()
    assert Schedule.from_json(None) == Schedule.default()


@pytest.mark.parametrize("text", ["0 days", "101 years", "days", "six months", "3 weeks"])
def test_bad_periods_are_refused_in_plain_words(text: str) -> None:
    with pytest.raises(ValidationError, match="period|unit"):
        parse_period(text)


def test_periods_are_typed_as_people_write_them() -> None:
    assert parse_period(" 1 year ") == Period(1, Unit.YEARS)
    assert parse_period("18 Months") == Period(18, Unit.MONTHS)
    assert Period(1, Unit.YEARS).text == "1 year"


def test_correspondence_follows_its_channel() -> None:
    assert correspondence_kind("foi") is RecordKind.INFORMATION_REQUEST
    assert correspondence_kind("sar") is RecordKind.INFORMATION_REQUEST
    assert correspondence_kind("complaint") is RecordKind.COMPLAINT
    assert correspondence_kind("email") is RecordKind.CORRESPONDENCE


def test_the_run_is_due_once_a_day() -> None:
    assert is_due(None, date(2026, 11, 24))
    assert is_due(date(2026, 11, 23), date(2026, 11, 24))
    assert not is_due(date(2026, 11, 24), date(2026, 11, 24))


def test_backups_say_how_long_they_keep_personal_data() -> None:
    assert "about 34 days" in backup_survival_text(7, 4)
