"""Shift: a rota or working-pattern line with real times instead of 'HH:MM' text."""

from __future__ import annotations

from datetime import time

import pytest

from reception_app.domain.shifts import Shift


def test_a_shift_reads_and_writes_the_stored_text() -> None:
    shift = Shift.from_text(0, "09:30", "12:30")
    assert shift == Shift(0, time(9, 30), time(12, 30))
    assert (shift.start_text, shift.end_text, shift.span_text) == ("09:30", "12:30", "09:30-12:30")
    with pytest.raises(ValueError):
        Shift.from_text(0, "half nine", "12:30")


def test_shifts_sort_by_day_then_time_and_cover_their_start_but_not_their_end() -> None:
    lines = [Shift.from_text(1, "09:00", "10:00"), Shift.from_text(0, "13:15", "16:00")]
    lines.append(Shift.from_text(0, "09:30", "12:30"))
    assert [s.span_text for s in sorted(lines)] == ["09:30-12:30", "13:15-16:00", "09:00-10:00"]
    morning = lines[2]
    assert morning.covers(time(9, 30)) and morning.covers(time(12, 29, 59))
    assert not morning.covers(time(12, 30)) and not morning.covers(time(9, 29, 59))
    assert len({Shift.from_text(0, "09:30", "12:30"), morning}) == 1  # usable as a key
