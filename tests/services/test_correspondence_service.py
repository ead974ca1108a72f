"""The correspondence log: due dates from the engine, actions, pauses, extensions, views,
and the walk-in follow-ups."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from reception_app.domain.correspondence import CorrespondenceDraft, CorrespondenceStatus
from reception_app.domain.errors import ValidationError
from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.services.queue import CheckInRequest
from tests.conftest import FixedClock

Staff = dict[str, StaffMember]


def _draft(owner: StaffMember, channel: str = "letter", **fields: object) -> CorrespondenceDraft:
    values: dict[str, object] = {
        "channel": channel,
        "received_at": datetime(2026, 11, 24, 9, 0, tzinfo=UTC),
        "from_name": "Łukasz Nowak",
        "subject": "Hedge <script>alert(1)</script> & 🌳",
        "owner_id": owner.id,
        "summary": "Line one\n\n  indented line two  ",
    }
    values.update(fields)
    return CorrespondenceDraft(**values)  # type: ignore[arg-type]


def test_logging_takes_the_due_dates_from_the_engine(
    services: AppServices, colleagues: Staff
) -> None:
    rita, tom = colleagues["Rita"], colleagues["Tom"]
    log = services.correspondence()
    letter = log.log(rita, _draft(tom))
    assert letter.deadlines.respond == date(2026, 12, 8)  # Hellesdon letter: 10 working days
    assert letter.next_step == "respond" and letter.next_due == date(2026, 12, 8)
    assert letter.subject == "Hedge <script>alert(1)</script> & 🌳"
    assert letter.summary == "Line one\n\n  indented line two  "
    assert letter.reference == f"LT-{letter.id:06d}"
    assert letter.owner_phone == "01603 301753" and letter.owner_email == "tom@hellesdon-pc.gov.uk"
    email = log.log(rita, _draft(tom, "email"))
    assert email.next_step == "acknowledge"
    assert email.deadlines.acknowledge == datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert email.deadlines.final == date(2026, 12, 8)
    foi = log.log(rita, _draft(tom, "foi"))
    # 20 statutory working days; St Andrew's Day (Mon 30 Nov, Scotland) does not count.
    assert foi.deadlines.respond == date(2026, 12, 23)
    assert log.preview("sar", datetime(2026, 11, 24, 9, 0, tzinfo=UTC)).respond == date(
        2026, 12, 24
    )


def test_bad_input_is_refused_next_to_its_field(services: AppServices, colleagues: Staff) -> None:
    rita, tom, gone = colleagues["Rita"], colleagues["Tom"], colleagues["Gone"]
    log = services.correspondence()
    cases = [
        (_draft(tom, received_at=datetime(2026, 11, 25, 9, 0, tzinfo=UTC)), "received_at"),
        (_draft(gone), "owner"),
        (_draft(tom, owner_id=None), "owner"),
        (_draft(tom, channel="fax"), "channel"),
        (_draft(tom, from_email="nope"), "from_email"),
        (_draft(tom, from_phone="999"), "from_phone"),
        (_draft(tom, subject=""), "subject"),
        (_draft(tom, summary="x" * 10_001), "summary"),
    ]
    for draft, field in cases:
        with pytest.raises(ValidationError) as caught:
            log.log(rita, draft)
        assert caught.value.field == field
    assert log.list_items("all") == []


def test_acknowledge_holding_response_respond_and_close(
    services: AppServices, colleagues: Staff, clock: FixedClock
) -> None:
    rita, tom, olu = colleagues["Rita"], colleagues["Tom"], colleagues["Olu"]
    log = services.correspondence()
    item = log.log(rita, _draft(tom, "email"))
    item = log.acknowledge(tom, item.id)
    assert item.status is CorrespondenceStatus.ACKNOWLEDGED and item.next_step == "respond"
    with pytest.raises(ValidationError, match="already been acknowledged"):
        log.acknowledge(tom, item.id)
    with pytest.raises(ValidationError) as caught:
        log.send_holding_response(tom, item.id, "Waiting for the surveyor", date(2026, 11, 1))
    assert caught.value.field == "expected_on"
    held = log.send_holding_response(tom, item.id, "Waiting for the surveyor", date(2026, 12, 4))
    assert held.status is CorrespondenceStatus.HOLDING
    assert held.holding_expected_on == date(2026, 12, 4)
    response = held.holding_responses[0]
    assert (response.contact_name, response.contact_phone, response.contact_email) == (
        "Tom Reed",
        "01603 301753",
        "tom@hellesdon-pc.gov.uk",
    )
    # A named contact without phone or email cannot be given to the customer.
    rita_item = log.log(rita, _draft(olu))
    with pytest.raises(ValidationError) as caught:
        log.send_holding_response(
            rita, rita_item.id, "delay", date(2026, 12, 4), colleagues["Rita"].id
        )
    assert caught.value.field == "contact"
    answered = log.respond(tom, item.id, "Replied by email")
    assert answered.status is CorrespondenceStatus.RESPONDED
    assert answered.next_step == "final" and answered.next_due == date(2026, 12, 8)
    closed = log.close(tom, item.id)
    assert closed.status is CorrespondenceStatus.CLOSED and closed.next_due is None
    with pytest.raises(ValidationError, match="already closed"):
        log.respond(tom, item.id)
    with pytest.raises(ValidationError) as caught:
        log.close(tom, rita_item.id)
    assert caught.value.field == "note"
    assert log.close(tom, rita_item.id, "Withdrawn by the customer").closed_at is not None


def test_a_sar_pause_for_identity_moves_the_deadline(
    services: AppServices, colleagues: Staff, clock: FixedClock
) -> None:
    rita, tom = colleagues["Rita"], colleagues["Tom"]
    log = services.correspondence()
    sar = log.log(rita, _draft(tom, "sar"))
    assert sar.deadlines.respond == date(2026, 12, 24)
    clock.now = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
    paused = log.pause_clock(tom, sar.id, "identity", date(2026, 11, 25))
    assert paused.status is CorrespondenceStatus.PAUSED and paused.next_due is None
    assert [i.id for i in log.list_items("paused")] == [sar.id]
    assert sar.id not in [i.id for i in log.list_items("due_soon")]
    with pytest.raises(ValidationError, match="already paused"):
        log.pause_clock(tom, sar.id, "clarification", date(2026, 11, 26))
    with pytest.raises(ValidationError) as caught:
        log.resume_clock(tom, sar.id, date(2026, 11, 24))  # ends before it starts
    assert caught.value.field == "answered_on"
    assert "before you asked" in str(caught.value)
    clock.now = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    resumed = log.resume_clock(tom, sar.id, date(2026, 11, 30))
    # The clock starts when proof of identity arrives (DOMAIN.md 2): one calendar month from
    # Mon 30 Nov is Wed 30 Dec (not 24 Dec + 5 paused days = 29 Dec).
    assert resumed.deadlines.respond == date(2026, 12, 30)
    assert resumed.status is CorrespondenceStatus.OPEN and resumed.next_due == date(2026, 12, 30)
    assert resumed.deadlines.clocks() == {"respond": date(2026, 12, 30)}
    with pytest.raises(ValidationError) as caught:
        log.pause_clock(tom, sar.id, "fee", date(2026, 11, 30))
    assert caught.value.field == "reason"
    letter = log.log(rita, _draft(tom))
    with pytest.raises(ValidationError, match="Only subject access"):
        log.pause_clock(tom, letter.id, "identity", date(2026, 11, 30))


def test_an_hours_clock_is_overdue_from_its_due_moment(
    services: AppServices, colleagues: Staff, clock: FixedClock
) -> None:
    """An email's 72-hour acknowledgement (Tue 09:00 -> Fri 09:00) is overdue from Fri 09:00,
    not only from Saturday."""
    rita, tom = colleagues["Rita"], colleagues["Tom"]
    log = services.correspondence()
    email = log.log(rita, _draft(tom, "email"))
    letter = log.log(rita, _draft(tom, received_at=datetime(2026, 11, 13, 9, 0, tzinfo=UTC)))
    assert letter.next_due == date(2026, 11, 27)  # due at the end of Friday
    clock.now = datetime(2026, 11, 27, 8, 59, tzinfo=UTC)
    assert {i.id for i in log.list_items("due_soon")} == {email.id, letter.id}
    assert log.list_items("overdue") == []
    clock.now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert [i.id for i in log.list_items("due_soon")] == [letter.id]
    assert [i.id for i in log.list_items("overdue")] == [email.id]
    counts = log.counts()
    assert (counts["due_soon"], counts["overdue"], counts["open"]) == (1, 1, 2)
    # Once acknowledged the next step is the reply, a day clock (3 working days: end of Fri).
    clock.now = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    assert log.acknowledge(tom, email.id).next_due == date(2026, 11, 27)
    assert {i.id for i in log.list_items("due_soon")} == {email.id, letter.id}
    assert log.list_items("overdue") == []


def test_extensions_with_a_reason(services: AppServices, colleagues: Staff) -> None:
    rita, tom = colleagues["Rita"], colleagues["Tom"]
    log = services.correspondence()
    sar = log.log(rita, _draft(tom, "sar"))
    with pytest.raises(ValidationError) as caught:
        log.extend(tom, sar.id, " ")
    assert caught.value.field == "reason"
    extended = log.extend(
        tom, sar.id, "Complex: records in three systems", told_on=date(2026, 11, 24)
    )
    assert extended.deadlines.extended == date(2027, 2, 24)
    assert extended.next_due == date(2027, 2, 24)
    assert extended.extension_reason == "Complex: records in three systems"
    eir = log.extend(tom, log.log(rita, _draft(tom, "eir")).id, "Complex and voluminous")
    # 40 statutory working days: Christmas, Boxing Day (28th), 1 Jan and 4 Jan (Scotland) skipped.
    assert eir.deadlines.extended == date(2027, 1, 26)
    foi = log.extend(tom, log.log(rita, _draft(tom, "foi")).id, "Public interest test")
    assert foi.deadlines.extended == eir.deadlines.extended
    with pytest.raises(ValidationError, match="Only subject access"):
        log.extend(tom, log.log(rita, _draft(tom)).id, "Busy")


def test_views_due_soon_overdue_by_owner_and_channel(
    services: AppServices, colleagues: Staff, clock: FixedClock
) -> None:
    rita, tom, olu = colleagues["Rita"], colleagues["Tom"], colleagues["Olu"]
    log = services.correspondence()
    old = log.log(rita, _draft(tom, received_at=datetime(2026, 11, 2, 9, 0, tzinfo=UTC)))
    soon = log.log(
        rita, _draft(olu, "voicemail", received_at=datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    )
    later = log.log(rita, _draft(olu, "foi"))
    assert [i.id for i in log.list_items("overdue")] == [old.id]
    assert [i.id for i in log.list_items("due_soon")] == [soon.id]
    assert [i.id for i in log.list_items("open")] == [old.id, soon.id, later.id]
    assert [i.id for i in log.list_items("open", owner_id=olu.id)] == [soon.id, later.id]
    assert [i.id for i in log.list_items("open", channel="foi")] == [later.id]
    assert log.counts() == {"open": 3, "due_soon": 1, "overdue": 1, "paused": 0}
    log.close(tom, old.id, "Duplicate")
    assert [i.id for i in log.list_items("closed")] == [old.id]
    moved = log.reassign(rita, later.id, tom.id)
    assert moved.owner_name == "Tom Reed"


def test_walk_in_follow_ups_are_listed_with_their_target_and_can_be_closed(
    services: AppServices, colleagues: Staff
) -> None:
    rita, tom = colleagues["Rita"], colleagues["Tom"]
    queue = services.queue()
    services.office.save_desk  # noqa: B018 - the shipped desks are enough
    desk = services.office.profile().desks[0].key
    visit = queue.check_in(rita, CheckInRequest("general", "Amelia Smith"))
    queue.call(rita, desk, visit.ticket)
    queue.mark_served(rita, visit.ticket, False, tom.id, date(2026, 11, 30))
    follow_ups = services.correspondence().follow_ups()
    assert len(follow_ups) == 1
    item = follow_ups[0]
    assert (item.ticket, item.visitor, item.officer_name, item.target_on) == (
        visit.ticket,
        "Amelia",
        "Tom Reed",
        date(2026, 11, 30),
    )
    with pytest.raises(ValidationError) as caught:
        services.correspondence().close_follow_up(tom, item.visit_id, "")
    assert caught.value.field == "note"
    services.correspondence().close_follow_up(tom, item.visit_id, "Rang her back")
    assert services.correspondence().follow_ups() == []
    done = services.correspondence().follow_ups(include_closed=True)[0]
    assert done.close_note == "Rang her back" and not done.is_open


def test_sample_data_fills_every_list(services: AppServices, manager: StaffMember) -> None:
    services.demo.fill("hellesdon", 30, seed=4)
    log = services.correspondence()
    assert len(log.list_items("all")) >= 30
    assert log.counts()["open"] >= 1
    messages = services.messages().list_messages(manager, "open")
    assert messages and any(
        m.attempts for m in services.messages().list_messages(manager, "closed")
    )
    assert services.feedback().list_feedback("all")
    # Older walk-in follow-ups are done; only the last few days' are still open.
    assert len(log.follow_ups()) < len(log.follow_ups(include_closed=True))


def test_an_item_linked_to_a_contact_shows_the_contact_s_current_name(
    services: AppServices, colleagues: Staff
) -> None:
    from reception_app.domain.people import Contact
    from reception_app.services.contact_service import ContactService

    rita, tom = colleagues["Rita"], colleagues["Tom"]
    contacts = services.contacts()
    ana = contacts.save(Contact(None, "Ana Nowak", email="ana@example.co.uk"), rita)
    log = services.correspondence()
    item = log.log(rita, _draft(tom, from_name="Ana Nowak", contact_id=ana.id))
    assert item.contact_id == ana.id and item.from_name == "Ana Nowak"
    contacts.save(Contact(ana.id, "Anna Nowak-Smith", email="ana@example.co.uk"), rita)
    assert [i.from_name for i in log.list_items("open")] == ["Anna Nowak-Smith"]
    assert log.get(item.id).from_name == "Anna Nowak-Smith"
    elsewhere = ContactService(services.context, "north-norfolk").save(
        Contact(None, "Someone Else"), rita
    )
    for contact_id in (elsewhere.id, 999_999):
        with pytest.raises(ValidationError, match="not on this office's contact list") as caught:
            log.log(rita, _draft(tom, contact_id=contact_id))
        assert caught.value.field == "contact_id"
    assert len(log.list_items("all")) == 1
