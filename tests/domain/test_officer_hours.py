"""An officer's working spans on a day: opening hours inside their pattern, or all of them."""

from __future__ import annotations

from reception_app.domain.officer_hours import (
    NOT_WORKING,
    away_note,
    clock_minutes,
    intersect,
    officer_spans,
)
from reception_app.domain.shifts import Shift

OPEN = ((9 * 60 + 30, 16 * 60),)


def test_no_pattern_means_whenever_the_office_is_open() -> None:
    assert officer_spans(1, OPEN, []) == (OPEN, "")


def test_a_pattern_limits_the_day_and_a_day_without_lines_is_off() -> None:
    pattern = [
        Shift.from_text(1, "13:00", "16:30"),
        Shift.from_text(1, "08:00", "10:00"),
        Shift.from_text(2, "09:30", "12:30"),
    ]
    assert officer_spans(1, OPEN, pattern) == (((570, 600), (780, 960)), "")
    assert officer_spans(3, OPEN, pattern) == ((), NOT_WORKING)


def test_a_closed_day_leaves_nothing_to_work() -> None:
    assert officer_spans(1, (), [Shift.from_text(1, "13:00", "16:00")]) == ((), "")


def test_intersect_and_clock_minutes() -> None:
    assert clock_minutes("09:05") == 545
    assert intersect([(0, 100)], [(50, 60), (90, 200), (300, 400)]) == ((50, 60), (90, 100))
    assert intersect([(0, 10)], [(10, 20)]) == ()


def test_away_note() -> None:
    assert away_note("") == "Away"
    assert away_note("Training") == "Away: Training"
