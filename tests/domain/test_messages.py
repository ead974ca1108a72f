"""Message rules without a database: checks, confidentiality, escalation, the call-back clock."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from reception_app.domain.deadlines import engine_for
from reception_app.domain.errors import ValidationError
from reception_app.domain.messages import (
    MessageDraft,
    callback_deadline,
    can_read_in_full,
    clean_message,
    escalation_targets,
)
from reception_app.domain.people import Role, StaffMember

LEAD = StaffMember(1, "lead", "Priya Shah", Role.OFFICER, "Planning", True)
TOM = StaffMember(2, "tom", "Tom Reed", Role.OFFICER, "Planning")
BOSS = StaffMember(3, "boss", "Margaret Clerk", Role.MANAGER)
DESK = StaffMember(4, "desk", "Rita Desk", Role.RECEPTIONIST, "Front desk")
STAFF = [LEAD, TOM, BOSS, DESK]


def test_clean_keeps_text_exactly_and_formats_phones() -> None:
    draft = MessageDraft(
        caller_name="  Seán Ó Briain ",
        subject=" Bins ",
        body="  <b>bold</b> & 😀\n\nsecond paragraph  ",
        recipient_id=2,
        caller_phone="+441603301751",
    )
    cleaned = clean_message(draft)
    assert cleaned.caller_name == "Seán Ó Briain" and cleaned.subject == "Bins"
    assert cleaned.body == "  <b>bold</b> & 😀\n\nsecond paragraph  "
    assert cleaned.caller_phone == "01603 301751"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"caller_phone": "0160"}, "caller_phone"),
        ({"caller_phone_other": "abc"}, "caller_phone_other"),
        ({"caller_email": "a@b"}, "caller_email"),
        ({"recipient_id": None}, "recipient"),
        ({"body": "é" * 5001}, "body"),
        ({"caller_name": ""}, "caller_name"),
    ],
)
def test_clean_names_the_wrong_field(fields: dict[str, object], field: str) -> None:
    values: dict[str, object] = {
        "caller_name": "Ana",
        "subject": "Bins",
        "recipient_id": 2,
        "caller_phone": "01603 301751",
    }
    values.update(fields)
    with pytest.raises(ValidationError) as caught:
        clean_message(MessageDraft(**values))  # type: ignore[arg-type]
    assert caught.value.field == field


def test_confidential_is_for_the_recipient_the_team_and_managers() -> None:
    assert can_read_in_full(TOM, 2, "")
    assert can_read_in_full(BOSS, 2, "")
    assert not can_read_in_full(LEAD, 2, "")
    assert not can_read_in_full(DESK, 2, "")
    assert can_read_in_full(LEAD, None, "Planning")
    assert not can_read_in_full(DESK, None, "Planning")
    assert not can_read_in_full(None, 2, "")


def test_escalation_goes_to_the_team_lead_else_managers() -> None:
    assert escalation_targets(TOM, "", STAFF) == [LEAD]
    assert escalation_targets(LEAD, "", STAFF) == [BOSS]
    assert escalation_targets(None, "Planning", STAFF) == [LEAD]
    assert escalation_targets(DESK, "", STAFF) == [BOSS]


def test_call_back_deadline_over_christmas() -> None:
    engine = engine_for("hellesdon")
    taken = datetime(2026, 12, 24, 15, 0, tzinfo=UTC)
    assert callback_deadline(engine, taken) == date(2026, 12, 29)
