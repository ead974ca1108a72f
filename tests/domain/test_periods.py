"""Report periods worked by hand: weeks run Monday to Sunday, months to their last day."""

from __future__ import annotations

from datetime import date

from reception_app.domain.periods import DAY, MONTH, WEEK, period_for


def test_a_day_is_itself() -> None:
    assert period_for(DAY, date(2026, 11, 24)) == (date(2026, 11, 24), date(2026, 11, 24))


def test_a_week_runs_monday_to_sunday_whatever_day_it_is_chosen_from() -> None:
    week = (date(2026, 11, 23), date(2026, 11, 29))
    assert period_for(WEEK, date(2026, 11, 23)) == week  # the Monday
    assert period_for(WEEK, date(2026, 11, 26)) == week
    assert period_for(WEEK, date(2026, 11, 29)) == week  # the Sunday
    # Across a year's end.
    assert period_for(WEEK, date(2027, 1, 1)) == (date(2026, 12, 28), date(2027, 1, 3))


def test_a_month_ends_on_its_last_day() -> None:
    assert period_for(MONTH, date(2026, 12, 9)) == (date(2026, 12, 1), date(2026, 12, 31))
    assert period_for(MONTH, date(2026, 11, 30)) == (date(2026, 11, 1), date(2026, 11, 30))
    assert period_for(MONTH, date(2027, 2, 14)) == (date(2027, 2, 1), date(2027, 2, 28))
    assert period_for(MONTH, date(2028, 2, 29)) == (date(2028, 2, 1), date(2028, 2, 29))
