"""Correspondence rules without a database: next steps, pauses and extensions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from reception_app.domain.correspondence import (
    ClockPause,
    CorrespondenceDraft,
    Deadlines,
    PauseReason,
    check_pause,
    clean_correspondence,
    compute_deadlines,
    next_step,
)
from reception_app.domain.deadlines import engine_for
from reception_app.domain.errors import ValidationError

RECEIVED = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)


def test_next_step_runs_acknowledge_respond_final() -> None:
    deadlines = Deadlines(
        acknowledge=date(2026, 11, 27), respond=date(2026, 11, 27), final=date(2026, 12, 8)
    )
    state = {"acknowledged": False, "responded": False, "closed": False, "paused": False}
    assert next_step(deadlines, **state) == ("acknowledge", date(2026, 11, 27))
    assert next_step(deadlines, **{**state, "acknowledged": True}) == (
        "respond",
        date(2026, 11, 27),
    )
    assert next_step(deadlines, **{**state, "responded": True}) == ("final", date(2026, 12, 8))
    assert next_step(deadlines, **{**state, "paused": True}) is None
    assert next_step(Deadlines(target=date(2026, 12, 1)), **state) == ("target", date(2026, 12, 1))
    extended = Deadlines(respond=date(2026, 12, 24), extended=date(2027, 2, 24))
    assert next_step(extended, **state) == ("respond", date(2027, 2, 24))


def test_an_open_pause_counts_as_answered_today() -> None:
    engine = engine_for("hellesdon")
    pause = ClockPause(1, PauseReason.IDENTITY, date(2026, 11, 25))
    on_the_day = compute_deadlines(engine, "sar", RECEIVED, [pause], today=date(2026, 11, 25))
    later = compute_deadlines(engine, "sar", RECEIVED, [pause], today=date(2026, 11, 30))
    assert on_the_day.respond == date(2026, 12, 24)
    assert later.respond == date(2026, 12, 29)


def test_pause_checks() -> None:
    received, today = date(2026, 11, 24), date(2026, 11, 30)
    assert check_pause("foi", "fee", date(2026, 11, 25), None, received, today) is PauseReason.FEE
    cases = [
        ("letter", "fee", date(2026, 11, 25), None, "reason"),
        ("sar", "fee", date(2026, 11, 25), None, "reason"),
        ("sar", "identity", date(2026, 11, 20), None, "asked_on"),
        ("sar", "identity", date(2026, 12, 1), None, "asked_on"),
        ("sar", "identity", date(2026, 11, 26), date(2026, 11, 25), "answered_on"),
        ("sar", "identity", date(2026, 11, 26), date(2026, 12, 25), "answered_on"),
    ]
    for channel, reason, asked, answered, field in cases:
        with pytest.raises(ValidationError) as caught:
            check_pause(channel, reason, asked, answered, received, today)
        assert caught.value.field == field


def test_received_in_the_future_is_refused() -> None:
    draft = CorrespondenceDraft("letter", RECEIVED + timedelta(hours=1), "Ana", "Bins", 1)
    with pytest.raises(ValidationError) as caught:
        clean_correspondence(draft, RECEIVED)
    assert caught.value.field == "received_at"
    assert clean_correspondence(draft, RECEIVED + timedelta(hours=2)).subject == "Bins"
