"""Issue 13 point 16: one plural rule; phone numbers refused for what is actually wrong."""

from __future__ import annotations

import pytest

from reception_app.domain.errors import ValidationError
from reception_app.domain.reports.correspondence import WorkItemRow, correspondence_section
from reception_app.domain.validation import check_phone
from reception_app.domain.wording import counted


def test_counted_uses_the_singular_for_one() -> None:
    assert counted(1, "call-back") == "1 call-back"
    assert counted(0, "call-back") == "0 call-backs"
    assert counted(3, "person", "people") == "3 people"


def test_the_report_says_1_call_back() -> None:
    from datetime import UTC, date, datetime

    from reception_app.domain.deadlines import engine_for

    calendar = engine_for("hellesdon").calendar
    received = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    row = WorkItemRow(1, "message", "callback", received, date(2026, 11, 24))
    section, _extra, _results = correspondence_section(
        [row], [], date(2026, 11, 23), received, calendar
    )
    assert section.figures[0].text == "1 call-back, 0 correspondence"


def test_the_drama_range_is_a_number_and_wrong_numbers_say_why() -> None:
    assert check_phone("07700 900123") == "07700 900123"
    with pytest.raises(ValidationError, match="has 10 digits; UK numbers have 11"):
        check_phone("01603 30175")
    with pytest.raises(ValidationError, match="right number of digits, but no UK number in use"):
        check_phone("09603 301751")
