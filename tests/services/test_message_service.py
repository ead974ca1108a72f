"""Messages for colleagues: taking, the inbox, call-backs, reassigning, confidentiality, escalation."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from reception_app.domain.errors import PermissionDenied, ValidationError
from reception_app.domain.messages import (
    CONFIDENTIAL_TEXT,
    CallbackOutcome,
    MessageDraft,
    MessageStatus,
    Urgency,
)
from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from tests.conftest import FixedClock

Staff = dict[str, StaffMember]


def _draft(**fields: object) -> MessageDraft:
    values: dict[str, object] = {
        "caller_name": "Mrs Ana Nowak",
        "subject": "Planning application 26/0412",
        "body": "Please ring about the hedge <b>before</b> Friday & bring the plans 🌳",
        "caller_phone": "01603301751",
    }
    values.update(fields)
    return MessageDraft(**values)  # type: ignore[arg-type]


def test_a_message_is_stored_exactly_as_typed_with_the_call_back_due_next_working_day(
    services: AppServices, colleagues: Staff
) -> None:
    rita, tom = colleagues["Rita"], colleagues["Tom"]
    taken = services.messages().take(
        rita,
        _draft(recipient_id=tom.id, caller_phone_other="+44 7911 123456", best_time="after 2pm"),
    )
    assert taken.caller_phone == "01603 301751"
    assert taken.caller_phone_other == "07911 123456"
    assert taken.body == "Please ring about the hedge <b>before</b> Friday & bring the plans 🌳"
    assert taken.due_on == date(2026, 11, 25)  # Hellesdon: end of the next working day
    assert taken.recipient_name == "Tom Reed" and taken.taken_by_name == "Rita Desk"
    assert taken.recipient_phone == "01603 301753"  # for the call-back confirmation letter
    assert services.messages().callback_due() == date(2026, 11, 25)


def test_bad_input_names_the_field_and_nothing_is_saved(
    services: AppServices, colleagues: Staff
) -> None:
    rita, tom, gone = colleagues["Rita"], colleagues["Tom"], colleagues["Gone"]
    messages = services.messages()
    cases = [
        (_draft(recipient_id=tom.id, caller_phone="12345"), "caller_phone"),
        (_draft(recipient_id=tom.id, caller_email="not-an-email"), "caller_email"),
        (_draft(recipient_id=gone.id), "recipient"),
        (_draft(), "recipient"),
        (_draft(recipient_id=tom.id, body="x" * 5001), "body"),
        (_draft(recipient_id=tom.id, caller_phone="", caller_email=""), "caller_phone"),
        (_draft(recipient_id=tom.id, subject="  "), "subject"),
        (_draft(recipient_team="Nobody here"), "recipient"),
    ]
    for draft, field in cases:
        with pytest.raises(ValidationError) as caught:
            messages.take(rita, draft)
        assert caught.value.field == field, draft
    with pytest.raises(ValidationError, match="Gone Away no longer works here"):
        messages.take(rita, _draft(recipient_id=gone.id))
    assert messages.list_messages(rita, "open") == []
    # Without a call-back, no phone is needed and no deadline is set.
    quiet = messages.take(
        rita, _draft(recipient_id=tom.id, caller_phone="", callback_expected=False)
    )
    assert quiet.due_on is None


def test_inbox_unread_read_and_team_messages(services: AppServices, colleagues: Staff) -> None:
    rita, tom, priya = colleagues["Rita"], colleagues["Tom"], colleagues["Priya"]
    messages = services.messages()
    for_tom = messages.take(rita, _draft(recipient_id=tom.id))
    for_team = messages.take(rita, _draft(recipient_team="Planning", subject="Team query"))
    assert {m.id for m in messages.inbox(tom)} == {for_tom.id, for_team.id}
    assert {m.id for m in messages.inbox(priya)} == {for_team.id}
    count, newest = messages.unread(tom)
    assert count == 2 and newest is not None and newest.id == for_team.id
    with pytest.raises(PermissionDenied):
        messages.mark_read(rita, for_tom.id)
    assert messages.mark_read(tom, for_tom.id).read_at is not None
    assert messages.unread(tom)[0] == 1
    assert messages.mark_read(tom, for_tom.id, read=False).is_unread


def test_call_back_attempts_are_logged_and_close_the_message(
    services: AppServices, colleagues: Staff, clock: FixedClock
) -> None:
    rita, tom = colleagues["Rita"], colleagues["Tom"]
    messages = services.messages()
    taken = messages.take(rita, _draft(recipient_id=tom.id, urgency=Urgency.URGENT))
    after = messages.record_callback(tom, taken.id, CallbackOutcome.NO_ANSWER, "rang twice")
    assert after.is_open and after.read_at is not None
    with pytest.raises(ValidationError) as caught:
        messages.record_callback(tom, taken.id, CallbackOutcome.LEFT_VOICEMAIL, close=True)
    assert caught.value.field == "close"
    clock.now = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
    done = messages.record_callback(tom, taken.id, CallbackOutcome.SPOKE, "sorted", close=True)
    assert done.status is MessageStatus.CLOSED
    assert [a.outcome for a in done.attempts] == [CallbackOutcome.NO_ANSWER, CallbackOutcome.SPOKE]
    assert done.attempts[0].note == "rang twice" and done.attempts[1].staff_name == "Tom Reed"
    with pytest.raises(ValidationError, match="already closed"):
        messages.close(tom, taken.id, "again")
    assert [m.id for m in messages.list_messages(rita, "closed")] == [taken.id]


def test_closing_without_a_call_back_needs_a_reason(
    services: AppServices, colleagues: Staff
) -> None:
    rita, tom = colleagues["Rita"], colleagues["Tom"]
    messages = services.messages()
    taken = messages.take(rita, _draft(recipient_id=tom.id))
    with pytest.raises(ValidationError) as caught:
        messages.close(tom, taken.id)
    assert caught.value.field == "note"
    assert (
        messages.close(tom, taken.id, "Caller rang back and spoke to me").status
        is MessageStatus.CLOSED
    )


def test_reassign_keeps_the_due_date_and_refuses_an_inactive_colleague(
    services: AppServices, colleagues: Staff
) -> None:
    rita, tom, olu, gone = (
        colleagues["Rita"],
        colleagues["Tom"],
        colleagues["Olu"],
        colleagues["Gone"],
    )
    messages = services.messages()
    taken = messages.take(rita, _draft(recipient_id=tom.id))
    messages.mark_read(tom, taken.id)
    with pytest.raises(ValidationError) as caught:
        messages.reassign(tom, taken.id, gone.id)
    assert caught.value.field == "recipient"
    moved = messages.reassign(tom, taken.id, olu.id, note="Olu covers hedges")
    assert moved.recipient_name == "Olu Jones" and moved.is_unread
    assert moved.due_on == taken.due_on
    assert [m.id for m in messages.inbox(olu)] == [taken.id] and messages.inbox(tom) == []
    to_team = messages.reassign(olu, taken.id, None, "Planning")
    assert to_team.for_whom == "Planning team"


def test_confidential_text_only_for_the_recipient_and_managers(
    services: AppServices, colleagues: Staff
) -> None:
    rita, tom, priya, margaret = (
        colleagues["Rita"],
        colleagues["Tom"],
        colleagues["Priya"],
        colleagues["Margaret"],
    )
    messages = services.messages()
    secret = messages.take(rita, _draft(recipient_id=tom.id, confidential=True))
    # Even the person who took it sees only who it is for once it is saved.
    assert secret.redacted and secret.body == CONFIDENTIAL_TEXT
    assert secret.subject == "Confidential message" and secret.caller_name == "Mrs Ana Nowak"
    assert not messages.get(tom, secret.id).redacted
    assert messages.get(margaret, secret.id).body.startswith("Please ring")
    for other in (rita, priya):
        seen = messages.get(other, secret.id)
        assert seen.redacted and "hedge" not in seen.body and "Planning" not in seen.subject
        assert all("hedge" not in m.body for m in messages.list_messages(other, "open"))
    with pytest.raises(PermissionDenied):
        messages.record_callback(rita, secret.id, CallbackOutcome.SPOKE)
    with pytest.raises(PermissionDenied):
        messages.reassign(priya, secret.id, priya.id)


def test_overdue_messages_escalate_to_the_team_lead_or_managers(
    services: AppServices, colleagues: Staff, clock: FixedClock
) -> None:
    rita, tom, olu, priya, margaret = (
        colleagues["Rita"],
        colleagues["Tom"],
        colleagues["Olu"],
        colleagues["Priya"],
        colleagues["Margaret"],
    )
    messages = services.messages()
    for_tom = messages.take(rita, _draft(recipient_id=tom.id))
    for_olu = messages.take(rita, _draft(recipient_id=olu.id))  # no team: managers
    for_priya = messages.take(rita, _draft(recipient_id=priya.id))  # the lead: managers
    messages.take(rita, _draft(recipient_id=tom.id, callback_expected=False))
    assert [m.id for m in messages.list_messages(rita, "due_today")] == []
    clock.now = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    assert len(messages.list_messages(rita, "due_today")) == 3
    assert messages.list_messages(rita, "overdue") == []
    clock.now = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    overdue = {m.id: m for m in messages.list_messages(rita, "overdue")}
    assert set(overdue) == {for_tom.id, for_olu.id, for_priya.id}
    assert overdue[for_tom.id].escalated_to == ("Priya Shah",)
    assert overdue[for_olu.id].escalated_to == ("Margaret Clerk",)
    assert overdue[for_priya.id].escalated_to == ("Margaret Clerk",)
    assert [m.id for m in messages.escalated_to(priya)] == [for_tom.id]
    assert {m.id for m in messages.escalated_to(margaret)} == {for_olu.id, for_priya.id}
    assert [m.id for m in messages.list_messages(rita, "open", recipient_id=tom.id)][
        0
    ] == for_tom.id
    assert {m.id for m in messages.list_messages(rita, "overdue", team="Planning")} == {
        for_tom.id,
        for_priya.id,
    }
    messages.record_callback(tom, for_tom.id, CallbackOutcome.SPOKE, close=True)
    assert for_tom.id not in {m.id for m in messages.list_messages(rita, "escalated")}


def test_escalation_goes_by_staff_id_not_by_name(
    services: AppServices, colleagues: Staff, manager: StaffMember, clock: FixedClock
) -> None:
    """Two colleagues called Priya Shah: only the Planning lead sees Tom's overdue message."""
    from reception_app.domain.people import Role

    rita, tom, priya = colleagues["Rita"], colleagues["Tom"], colleagues["Priya"]
    namesake = services.staff.save_staff(
        manager,
        "hellesdon",
        StaffMember(0, "pshah2", "Priya Shah", Role.OFFICER, "Housing", True, "01603 301759"),
    )
    messages = services.messages()
    for_tom = messages.take(rita, _draft(recipient_id=tom.id))
    clock.now = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    (overdue,) = messages.list_messages(rita, "overdue")
    assert overdue.escalated_to == ("Priya Shah",) and overdue.escalated_to_ids == (priya.id,)
    assert [m.id for m in messages.escalated_to(priya)] == [for_tom.id]
    assert messages.escalated_to(namesake) == []


def test_a_call_back_due_at_a_time_of_day_is_overdue_from_that_moment(
    services: AppServices, colleagues: Staff, manager: StaffMember, clock: FixedClock
) -> None:
    from reception_app.domain.standards import ChannelStandard, ClockKind, ClockRule

    services.office.set_standard(
        ChannelStandard("callback", respond=ClockRule(ClockKind.HOURS_MON_FRI, 24)), manager
    )
    rita, tom, priya = colleagues["Rita"], colleagues["Tom"], colleagues["Priya"]
    messages = services.messages()
    taken = messages.take(rita, _draft(recipient_id=tom.id))  # Tue 24 Nov 10:30
    assert taken.due_at == datetime(2026, 11, 25, 10, 30, tzinfo=UTC)
    assert taken.due_on == date(2026, 11, 25)
    clock.now = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)  # due in half an hour
    assert [m.id for m in messages.list_messages(rita, "due_today")] == [taken.id]
    assert messages.list_messages(rita, "overdue") == []
    clock.now = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)  # half an hour late, same day
    assert messages.list_messages(rita, "due_today") == []
    (late,) = messages.list_messages(rita, "overdue")
    assert late.id == taken.id and late.escalated_to_ids == (priya.id,)
    assert late.is_overdue(date(2026, 11, 25), clock.now)
    assert not late.is_overdue(date(2026, 11, 25), datetime(2026, 11, 25, 10, 0, tzinfo=UTC))
    assert [m.id for m in messages.escalated_to(priya)] == [taken.id]
    assert messages.get(rita, taken.id).is_escalated


def test_north_norfolk_call_back_is_one_working_day_over_a_weekend(
    services: AppServices, manager: StaffMember, clock: FixedClock
) -> None:
    services.office.set_active_office("north-norfolk", manager)
    clock.now = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # Friday
    assert services.messages().callback_due() == date(2026, 11, 30)


def test_a_message_linked_to_a_contact_shows_the_contact_s_current_name(
    services: AppServices, colleagues: Staff
) -> None:
    from reception_app.domain.people import Contact
    from reception_app.services.contact_service import ContactService

    rita, tom = colleagues["Rita"], colleagues["Tom"]
    contacts = services.contacts()
    ana = contacts.save(Contact(None, "Ana Nowak", phone="01603 301751"), rita)
    messages = services.messages()
    taken = messages.take(
        rita, _draft(recipient_id=tom.id, caller_name="Ana Nowak", contact_id=ana.id)
    )
    assert taken.contact_id == ana.id
    # The contact is corrected later: the list shows the name as it is now.
    contacts.save(Contact(ana.id, "Anna Nowak-Smith", phone="01603 301751"), rita)
    assert [m.caller_name for m in messages.list_messages(rita, "open")] == ["Anna Nowak-Smith"]
    assert messages.get(rita, taken.id).caller_name == "Anna Nowak-Smith"
    # Not linked: the name as typed.
    plain = messages.take(rita, _draft(recipient_id=tom.id, caller_name="Bob <b>Smith</b>"))
    assert messages.get(rita, plain.id).caller_name == "Bob <b>Smith</b>"
    # A contact of another office, or one that does not exist, is refused next to the finder.
    elsewhere = ContactService(services.context, "north-norfolk").save(
        Contact(None, "Someone Else"), rita
    )
    for contact_id in (elsewhere.id, 999_999):
        with pytest.raises(ValidationError, match="not on this office's contact list") as caught:
            messages.take(rita, _draft(recipient_id=tom.id, contact_id=contact_id))
        assert caught.value.field == "contact_id"
    assert len(messages.list_messages(rita, "open")) == 2
