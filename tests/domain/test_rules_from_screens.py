"""Rules that used to sit in the screens, now said once in the domain: which steps a logged
item allows, who can be escalated as serious, whose a message is, team leads, user names."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from reception_app.domain.correspondence import (
    STEPS,
    ClockPause,
    CorrespondenceItem,
    CorrespondenceStatus,
    Deadlines,
    PauseReason,
    available_steps,
)
from reception_app.domain.feedback import FeedbackKind
from reception_app.domain.messages import Message
from reception_app.domain.people import Role, StaffMember, suggest_username, team_lead_text

AT = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)


def _item(channel: str, **fields: object) -> CorrespondenceItem:
    base = CorrespondenceItem(
        1, channel, AT, "Ana", "Hedge", 2, "Tom Reed", Deadlines(), CorrespondenceStatus.OPEN
    )
    return replace(base, **fields)  # type: ignore[arg-type]


# --- correspondence steps ------------------------------------------------------------------------


def test_a_new_letter_can_be_acknowledged_answered_closed_or_passed_on() -> None:
    assert available_steps(_item("letter")) == {
        "acknowledge",
        "holding",
        "respond",
        "close",
        "reassign",
    }


def test_a_new_subject_access_request_can_also_be_paused_and_extended() -> None:
    assert available_steps(_item("sar")) == set(STEPS) - {"resume"}


def test_a_paused_request_can_be_resumed_but_not_answered_or_paused_again() -> None:
    paused = _item(
        "foi",
        status=CorrespondenceStatus.PAUSED,
        pauses=(ClockPause(1, PauseReason.FEE, date(2026, 11, 24)),),
    )
    steps = available_steps(paused)
    assert "resume" in steps and "holding" in steps and "extend" in steps
    assert "respond" not in steps and "pause" not in steps


def test_an_answered_request_can_only_be_closed_or_passed_on() -> None:
    answered = _item("eir", acknowledged_at=AT, responded_at=AT)
    assert available_steps(answered) == {"close", "reassign"}


def test_one_extension_only_and_nothing_once_closed() -> None:
    extended = _item("sar", extension_reason="Complex: three sets of records")
    assert "extend" not in available_steps(extended)
    assert "pause" in available_steps(extended)
    assert available_steps(_item("sar", closed_at=AT)) == frozenset()


# --- feedback ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "serious"),
    [
        (FeedbackKind.COMPLIMENT, False),
        (FeedbackKind.COMMENT, False),
        (FeedbackKind.CONCERN, True),
        (FeedbackKind.COMPLAINT, True),
    ],
)
def test_only_a_concern_or_a_complaint_can_be_serious(kind: FeedbackKind, serious: bool) -> None:
    assert kind.can_be_serious is serious


# --- messages and staff --------------------------------------------------------------------------


def _member(member_id: int, name: str, team: str = "", lead: bool = False) -> StaffMember:
    return StaffMember(member_id, name.split()[0].lower(), name, Role.OFFICER, team, lead)


PRIYA = _member(1, "Priya Shah", "Planning", lead=True)
TOM = _member(2, "Tom Reed", "Planning")
OLU = _member(3, "Olu Jones")
SAM = _member(4, "Sam Lee", "Planning", lead=True)


def _message(recipient_id: int | None, team: str = "") -> Message:
    return Message(1, AT, "Rita Desk", recipient_id, "", team, "Ana", "Bins", "")


def test_a_message_is_for_its_recipient_or_for_every_member_of_its_team() -> None:
    assert _message(TOM.id).is_for(TOM)
    assert not _message(TOM.id).is_for(PRIYA)  # a colleague in the same team
    assert _message(None, "Planning").is_for(TOM) and _message(None, "Planning").is_for(PRIYA)
    assert not _message(None, "Planning").is_for(OLU)
    assert not _message(None, "").is_for(OLU)  # no team is nobody's team
    assert not _message(TOM.id).is_for(None)


def test_the_team_lead_column_names_whom_to_pass_a_message_to() -> None:
    staff = [PRIYA, TOM, OLU]
    assert team_lead_text(TOM, staff) == "Priya Shah"
    assert team_lead_text(PRIYA, staff) == "Leads this team"
    assert team_lead_text(OLU, staff) == "—"
    assert team_lead_text(TOM, [TOM]) == "None named"
    assert team_lead_text(TOM, [PRIYA, TOM, SAM]) == "Priya Shah, Sam Lee"


@pytest.mark.parametrize(
    ("name", "username"),
    [
        ("Sam O'Neill", "soneill"),
        ("Priya  Fitzgerald-Hughes", "pfitzgeraldhughes"),
        ("Zoë Brown", "zbrown"),
        ("Siobhán Ní Bhriain", "sbhriain"),
        ("Cher", "cher"),
        ("", ""),
    ],
)
def test_a_user_name_is_suggested_from_the_first_initial_and_surname(
    name: str, username: str
) -> None:
    assert suggest_username(name) == username
