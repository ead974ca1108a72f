"""Letters from appointments, correspondence and messages: the builders read the real rows."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from reception_app.domain.errors import NotFoundError
from reception_app.domain.people import StaffMember
from reception_app.persistence.appointment_records import AppointmentRecord
from reception_app.persistence.correspondence_records import CorrespondenceRecord, MessageRecord
from reception_app.persistence.engine import transaction
from reception_app.persistence.office_repository import get_office
from reception_app.services.container import AppServices
from reception_app.services.letter_service import LetterRequest, LetterSource
from tests.documents.pdf_checks import read_pdf, squash
from tests.services.letter_fixtures import add_contact


def _text(pdf: bytes) -> str:
    return squash(" ".join(read_pdf(pdf).pages))


def test_an_appointment_confirmation_is_filled_from_the_appointment(
    services: AppServices, manager: StaffMember
) -> None:
    contact = add_contact(services, manager)
    with transaction(services.context.session_factory) as session:
        office = get_office(session, "hellesdon")
        record = AppointmentRecord(
            office_id=office.id,
            contact_id=contact.id,
            customer_name=contact.full_name,
            service_id=office.services[1].id,
            staff_id=manager.id,
            starts_at=datetime(2026, 12, 3, 10, 30, tzinfo=UTC),
            ends_at=datetime(2026, 12, 3, 11, 0, tzinfo=UTC),
        )
        session.add(record)
        session.flush()
        appointment_id = record.id
    letter = services.letters().prepare(
        LetterRequest("appointment_confirmation", LetterSource("appointment", appointment_id)),
        manager,
    )
    text = _text(letter.pdf)
    for expected in (
        "Thursday 3 December 2026",
        "Time: 10:30",
        "About: Allotments",
        "You will see: Margaret Clerk",
        "12 Woodview Road",
        f"A-{appointment_id:05d}",
    ):
        assert expected in text


def test_correspondence_and_messages_fill_their_letters(
    services: AppServices, manager: StaffMember
) -> None:
    contact = add_contact(services, manager)
    received = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    with transaction(services.context.session_factory) as session:
        office = get_office(session, "hellesdon")
        item = CorrespondenceRecord(
            office_id=office.id,
            channel="foi",
            received_at=received,
            logged_at=received,
            contact_id=contact.id,
            from_name=contact.full_name,
            subject="allotment rents for 2027",
            owner_id=manager.id,
            acknowledge_due_on=date(2026, 11, 24),
            respond_due_on=date(2026, 12, 21),
            final_due_on=date(2026, 12, 21),
        )
        message = MessageRecord(
            office_id=office.id,
            taken_at=received,
            caller_name=contact.full_name,
            caller_phone="0161 496 0123",
            contact_id=contact.id,
            subject="a missed bin",
            recipient_id=manager.id,
            due_on=date(2026, 11, 25),
            due_at=datetime(2026, 11, 25, 14, 0, tzinfo=UTC),
        )
        session.add_all([item, message])
        session.flush()
        item_id, message_id = item.id, message.id
    letters = services.letters()
    due = letters.due_today()
    assert [(r.template_key, r.source) for r in due] == [
        ("information_request_acknowledgement", LetterSource("correspondence", item_id))
    ]
    foi = letters.prepare(due[0], manager)
    text = _text(foi.pdf)
    assert "Your Freedom of Information request" in text
    assert "Freedom of Information Act 2000" in text and "Monday 21 December 2026" in text
    letters.record_sent([foi], manager, "printed")
    assert letters.due_today() == []  # recorded: not due again
    callback = letters.prepare(
        LetterRequest("callback_confirmation", LetterSource("message", message_id)), manager
    )
    text = _text(callback.pdf)
    assert "Wednesday 25 November 2026 at about 14:00" in text and "0161 496 0123" in text
    with pytest.raises(NotFoundError):
        letters.prepare(LetterRequest("acknowledgement", LetterSource("message", 999)), manager)


def test_an_acknowledgement_letter_acknowledges_with_the_letter_as_evidence(
    services: AppServices, colleagues: dict[str, StaffMember], tmp_path: Path
) -> None:
    """Issue 13 point 4: one letter, one step; the batch and a single letter alike."""
    from reception_app.domain.correspondence import CorrespondenceDraft

    rita, tom = colleagues["Rita"], colleagues["Tom"]
    log = services.correspondence()
    received = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)  # acknowledgement due Mon 23 Nov
    contact = add_contact(services, rita)
    emails = [
        log.log(
            rita,
            CorrespondenceDraft(
                channel="email",
                received_at=received,
                from_name=f"Customer {n}",
                from_email=f"c{n}@example.co.uk",
                subject="A hedge",
                owner_id=tom.id,
                contact_id=contact.id,
            ),
        )
        for n in range(3)
    ]
    assert all(e.next_step == "acknowledge" for e in emails)
    letters = services.letters()
    due = letters.due_today()
    assert {r.source.id for r in due} == {e.id for e in emails}
    batch = letters.produce_batch(due[:2], rita)
    saved = letters.save_batch(batch, tmp_path / "batch", rita)
    for item_id, letter_id in zip([r.source.id for r in due[:2]], saved.ids, strict=True):
        item = log.get(item_id)
        assert item.acknowledged_at is not None and item.next_step == "respond"
        assert item.acknowledged_letter_id == letter_id
    single = letters.prepare(due[2], rita)
    (letter_id,) = letters.record_sent([single], rita, "printed")
    item = log.get(due[2].source.id)
    assert item.next_step == "respond" and item.acknowledged_letter_id == letter_id
    assert letters.due_today() == []
    # A second acknowledgement letter does not acknowledge again (the first one is the evidence).
    again = letters.prepare(due[2], rita)
    letters.record_sent([again], rita, "printed")
    assert log.get(due[2].source.id).acknowledged_letter_id == letter_id


def test_an_answering_letter_records_the_response_unless_the_clock_is_paused(
    services: AppServices, colleagues: dict[str, StaffMember], tmp_path: Path
) -> None:
    """Issue 13 point 4: a template that ``records = "respond"`` answers the item (and so
    acknowledges it too), with the letter as evidence; not while the clock is paused."""
    from reception_app.domain.correspondence import CorrespondenceDraft
    from reception_app.services.letter_service import LetterService

    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "answer.toml").write_text(
        'title = "Our answer"\nrecords = "respond"\nsubject = "Your request"\n'
        'body = "Dear {customer_name},\\n\\nHere is our answer about {about}."\n',
        encoding="utf-8",
    )
    rita, tom = colleagues["Rita"], colleagues["Tom"]
    log = services.correspondence()
    contact = add_contact(services, rita)

    def logged(channel: str) -> int:
        draft = CorrespondenceDraft(
            channel=channel,
            received_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
            from_name="Łukasz Nowak",
            subject="the hedge",
            owner_id=tom.id,
            contact_id=contact.id,
        )
        return log.log(rita, draft).id

    letters = LetterService(services.context, "hellesdon", template_dir=folder)
    item_id, sar_id = logged("letter"), logged("sar")
    log.pause_clock(tom, sar_id, "clarification", date(2026, 11, 23))
    for source_id in (item_id, sar_id):
        answer = letters.prepare(LetterRequest("answer", LetterSource("correspondence", source_id)))
        letters.record_sent([answer], tom, "printed")
    answered = log.get(item_id)
    assert answered.responded_at is not None and answered.responded_letter_id is not None
    assert answered.acknowledged_letter_id == answered.responded_letter_id
    assert answered.next_step == "final" or answered.next_step == ""
    paused = log.get(sar_id)
    assert paused.responded_at is None and paused.open_pause is not None
