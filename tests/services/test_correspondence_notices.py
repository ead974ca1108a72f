"""The writer of a letter or e-mail hears by e-mail (or text) that it arrived, with the reference,
the named contact and the reply date; a holding response goes by e-mail in the letter's words."""

from __future__ import annotations

from datetime import UTC, date, datetime

from reception_app.domain.correspondence import CorrespondenceDraft
from reception_app.domain.notifications import Channel, NotificationKind
from reception_app.domain.people import Contact, StaffMember
from reception_app.services.container import AppServices
from tests.notify_fixtures import NotifyOffice

Staff = dict[str, StaffMember]


def _logged(services: AppServices, colleagues: Staff, contact: Contact) -> int:
    draft = CorrespondenceDraft(
        channel="letter",
        received_at=datetime(2026, 11, 24, 9, 0, tzinfo=UTC),
        from_name=contact.full_name,
        subject="The hedge on Woodview Road",
        owner_id=colleagues["Tom"].id,
        contact_id=contact.id,
    )
    return services.correspondence().log(colleagues["Rita"], draft).id


def _kinds(services: AppServices, item_id: int) -> list[NotificationKind]:
    return [n.kind for n in services.notifications().about("correspondence", item_id)]


def test_acknowledged_and_held_by_e_mail_with_the_reference_contact_and_dates(
    services: AppServices, colleagues: Staff, notify: NotifyOffice
) -> None:
    ann = services.contacts().save(
        Contact(None, "Ann Lee", email="ann@example.org", notify_by=Channel.EMAIL),
        colleagues["Rita"],
    )
    item_id = _logged(services, colleagues, ann)
    assert _kinds(services, item_id) == [], "logging alone sends nothing"
    log = services.correspondence()
    item = log.acknowledge(colleagues["Tom"], item_id)
    log.send_holding_response(
        colleagues["Tom"], item_id, "We are waiting for the surveyor", date(2026, 12, 8)
    )
    assert _kinds(services, item_id) == [
        NotificationKind.CORRESPONDENCE_RECEIVED,
        NotificationKind.HOLDING_RESPONSE,
    ]
    assert services.notifications().sender(per_second=0).step().sent == 2
    received, holding = notify.standin.received
    assert received.recipient == "ann@example.org"
    assert item.reference in received.subject
    assert f"Your reference: {item.reference}" in received.body
    assert "You can expect a reply by: Tuesday 8 December 2026" in received.body
    assert "Tom" in received.body and "tom@hellesdon-pc.gov.uk" in received.body
    # The holding letter's words: its headings, the reason, the date and the named contact.
    assert "Why we need more time" in holding.body
    assert "We are waiting for the surveyor" in holding.body
    assert "reply in full by Tuesday 8 December 2026" in holding.body
    assert holding.body.rstrip().endswith("Hellesdon Parish Council")
    assert item.reference in holding.subject


def test_a_writer_who_chose_texts_gets_the_acknowledgement_by_text_and_no_holding_text(
    services: AppServices, colleagues: Staff, notify: NotifyOffice
) -> None:
    ben = services.contacts().save(
        Contact(None, "Ben Roe", phone="07700 900456", notify_by=Channel.SMS), colleagues["Rita"]
    )
    item_id = _logged(services, colleagues, ben)
    log = services.correspondence()
    log.acknowledge(colleagues["Tom"], item_id)
    log.send_holding_response(
        colleagues["Tom"], item_id, "Waiting for the surveyor", date(2026, 12, 8)
    )
    assert _kinds(services, item_id) == [NotificationKind.CORRESPONDENCE_RECEIVED]
    services.notifications().sender(per_second=0).step()
    (text,) = notify.standin.received
    assert "reference LT-" in text.body and "reply by Tuesday 8 December 2026" in text.body


def test_no_consent_nothing_sent(
    services: AppServices, colleagues: Staff, notify: NotifyOffice
) -> None:
    cat = services.contacts().save(
        Contact(None, "Cat Day", email="cat@example.org"), colleagues["Rita"]
    )
    item_id = _logged(services, colleagues, cat)
    services.correspondence().acknowledge(colleagues["Tom"], item_id)
    assert _kinds(services, item_id) == []
