"""A caller who agrees gets a text that their message was taken and by when they will be called
back; written with the message, sent by the real client to the stand-in."""

from __future__ import annotations

import pytest

from reception_app.domain.errors import ValidationError
from reception_app.domain.messages import MessageDraft
from reception_app.domain.notifications import Channel, NotificationKind
from reception_app.domain.people import Contact, StaffMember
from reception_app.services.container import AppServices
from tests.notify_fixtures import NotifyOffice

Staff = dict[str, StaffMember]


def _draft(tom: StaffMember, **fields: object) -> MessageDraft:
    values: dict[str, object] = {
        "caller_name": "Mrs Ana Nowak",
        "subject": "Planning application 26/0412",
        "caller_phone": "07700 900123",
        "recipient_id": tom.id,
    }
    values.update(fields)
    return MessageDraft(**values)  # type: ignore[arg-type]


def test_the_caller_is_texted_by_when_they_will_be_called_back(
    services: AppServices, colleagues: Staff, notify: NotifyOffice
) -> None:
    taken = services.messages().take(
        colleagues["Rita"], _draft(colleagues["Tom"], text_confirmation=True)
    )
    (queued,) = services.notifications().about("message", taken.id)
    assert queued.kind is NotificationKind.MESSAGE_TAKEN
    services.notifications().sender(per_second=0).step()
    (text,) = notify.standin.received
    assert text.recipient == "+447700900123"
    assert text.body == (
        "Hellesdon Parish Council: we have passed on your message. We will call you back by "
        "the end of the day on Wednesday 25 November."
    )
    assert "Tom" not in text.body and "Planning" not in text.body, "nothing about the message"


def test_a_landline_cannot_take_the_text_and_nothing_is_saved(
    services: AppServices, colleagues: Staff, notify: NotifyOffice
) -> None:
    messages = services.messages()
    with pytest.raises(ValidationError, match="needs their mobile number") as caught:
        messages.take(
            colleagues["Rita"],
            _draft(colleagues["Tom"], caller_phone="01603 301751", text_confirmation=True),
        )
    assert caught.value.field == "caller_phone"
    assert messages.list_messages(colleagues["Rita"]) == []


def test_without_the_callers_agreement_only_a_contact_who_chose_it_hears(
    services: AppServices, colleagues: Staff, notify: NotifyOffice
) -> None:
    messages = services.messages()
    plain = messages.take(colleagues["Rita"], _draft(colleagues["Tom"]))
    assert services.notifications().about("message", plain.id) == []
    ann = services.contacts().save(
        Contact(None, "Ann Lee", email="ann@example.org", notify_by=Channel.EMAIL),
        colleagues["Rita"],
    )
    linked = messages.take(colleagues["Rita"], _draft(colleagues["Tom"], contact_id=ann.id))
    (queued,) = services.notifications().about("message", linked.id)
    assert queued.channel is Channel.EMAIL and queued.recipient == "ann@example.org"
