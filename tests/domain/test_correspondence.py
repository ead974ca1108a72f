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
    pause = ClockPause(1, PauseReason.CLARIFICATION, date(2026, 11, 25))
    on_the_day = compute_deadlines(engine, "sar", RECEIVED, [pause], today=date(2026, 11, 25))
    later = compute_deadlines(engine, "sar", RECEIVED, [pause], today=date(2026, 11, 30))
    assert on_the_day.respond == date(2026, 12, 24)
    # 26-30 Nov do not count: 24 Dec + 5 = 29 Dec (25, 26/28 Dec are bank holidays).
    assert later.respond == date(2026, 12, 29)
    identity = ClockPause(2, PauseReason.IDENTITY, date(2026, 11, 25))
    waiting = compute_deadlines(engine, "sar", RECEIVED, [identity], today=date(2026, 11, 30))
    assert waiting.respond == date(2026, 12, 30)


def test_proof_of_identity_starts_the_sar_clock() -> None:
    """DOMAIN.md 2: received Tue 24 Nov 2026, identity asked 25 Nov and received Mon 30 Nov:
    one calendar month from 30 Nov is Wed 30 Dec (adding the 5 waiting days gave 29 Dec)."""
    engine = engine_for("hellesdon")
    identity = ClockPause(1, PauseReason.IDENTITY, date(2026, 11, 25), date(2026, 11, 30))
    due = compute_deadlines(engine, "sar", RECEIVED, [identity], today=date(2026, 12, 1))
    assert due.respond == date(2026, 12, 30)
    extended = compute_deadlines(engine, "sar", RECEIVED, [identity], extended=True)
    # Three months from 30 Nov: Sun 28 Feb 2027, moved to Mon 1 Mar.
    assert extended.extended == date(2027, 3, 1)
    # A clarification asked after the identity arrived still stops the (new) clock.
    clarification = ClockPause(2, PauseReason.CLARIFICATION, date(2026, 12, 2), date(2026, 12, 4))
    both = compute_deadlines(engine, "sar", RECEIVED, [identity, clarification])
    # 3 and 4 Dec do not count: 30 Dec + 2 = Fri 1 Jan (bank holiday) -> Mon 4 Jan.
    assert both.respond == date(2027, 1, 4)


def test_foi_and_eir_waits() -> None:
    """FOI/EIR: a clarification starts the 20 working days afresh (FOIA s.10(6)(b), EIR reg.
    9(4)); a fees notice only leaves the waiting days out (FOIA s.10(2))."""
    engine = engine_for("hellesdon")
    asked, answered = date(2026, 11, 25), date(2026, 11, 30)
    plain = compute_deadlines(engine, "foi", RECEIVED)
    # Statutory days skip Mon 30 Nov (St Andrew's Day, Scotland): Wed 23 Dec.
    assert plain.respond == date(2026, 12, 23)
    for channel in ("foi", "eir"):
        clarified = ClockPause(1, PauseReason.CLARIFICATION, asked, answered)
        # Day 0 is Mon 30 Nov; the 20 statutory working days skip 25 and 28 Dec: Wed 30 Dec.
        assert compute_deadlines(engine, channel, RECEIVED, [clarified]).respond == date(
            2026, 12, 30
        )
        fee = ClockPause(2, PauseReason.FEE, asked, answered)
        # 26-30 Nov left out (26 and 27 Nov are working days): 23 Dec + 2 = Tue 29 Dec.
        assert compute_deadlines(engine, channel, RECEIVED, [fee]).respond == date(2026, 12, 29)


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
