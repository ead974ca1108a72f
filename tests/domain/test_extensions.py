"""The extensions the desk is told about, worked by hand on Hellesdon's calendar."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from reception_app.domain.deadlines import DeadlineEngine
from reception_app.domain.extensions import (
    EXTENSION_HINTS,
    PossibleExtension,
    possible_extension,
)
from reception_app.domain.offices import shipped_profile

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def engine() -> DeadlineEngine:
    return DeadlineEngine.from_profile(shipped_profile("hellesdon"))


def test_a_complex_subject_access_request_gets_three_calendar_months(
    engine: DeadlineEngine,
) -> None:
    # Received Tue 24 Nov 2026: three months on is Wed 24 Feb 2027, a working day.
    received = datetime(2026, 11, 24, 10, 30, tzinfo=LONDON)
    assert possible_extension(engine, "sar", received) == PossibleExtension(
        "If complex (three calendar months)", date(2027, 2, 24)
    )


def test_a_complex_and_voluminous_eir_request_gets_forty_statutory_working_days(
    engine: DeadlineEngine,
) -> None:
    # From Mon 2 March 2026: the 20th is Tue 31 March; April loses Good Friday 3 and Easter
    # Monday 6, so 1, 2, 7-10, 13-17, 20-24, 27-30 are days 21-40 -> Thu 30 April.
    received = datetime(2026, 3, 2, 9, 0, tzinfo=LONDON)
    assert possible_extension(engine, "eir", received) == PossibleExtension(
        "If complex and voluminous (40 statutory working days)", date(2026, 4, 30)
    )


@pytest.mark.parametrize("channel", ["foi", "letter", "email", "complaint", "callback"])
def test_the_calculator_offers_no_extension_for_other_channels(
    engine: DeadlineEngine, channel: str
) -> None:
    # An FOI extension depends on the public interest test: it is recorded on the item, with
    # its hint, not offered by the calculator.
    received = datetime(2026, 11, 24, 10, 30, tzinfo=LONDON)
    assert possible_extension(engine, channel, received) is None


def test_every_request_that_can_be_extended_has_a_hint_and_no_other() -> None:
    from reception_app.domain.correspondence import channel_can_extend
    from reception_app.domain.standards import CHANNELS

    assert set(EXTENSION_HINTS) == {c for c in CHANNELS if channel_can_extend(c)}
    assert "three calendar months" in EXTENSION_HINTS["sar"]
