"""Text that is not text never reaches the database (issue 12), on both engines: refused with
a message naming the character and where, whichever service the field goes through."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from reception_app.domain.errors import ValidationError
from reception_app.domain.messages import MessageDraft
from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from tests.services.letter_fixtures import add_contact

Staff = dict[str, StaffMember]


def test_contacts_refuse_nul_surrogates_and_foreign_digits(
    services: AppServices, manager: StaffMember
) -> None:
    zoe = add_contact(services, manager)
    contacts = services.contacts()
    for change, field, words in (
        (dict(email="a\x00b@c.uk"), "email", "U+0000 NUL) at character 2"),
        (dict(full_name="Zo\ud800"), "full_name", "lone surrogate"),
        (dict(postcode="NR٦ 5QB"), "postcode", "ARABIC-INDIC DIGIT SIX"),
        (dict(address=("12 Wood\x1bview Road",)), "address", "U+001B ESCAPE"),
    ):
        with pytest.raises(ValidationError) as refused:
            contacts.save(replace(zoe, **change), manager)  # type: ignore[arg-type]
        assert words in str(refused.value), str(refused.value)
        assert refused.value.field is not None and field in refused.value.field
    assert contacts.get(zoe.id or 0) == zoe  # nothing was changed


def test_a_field_no_service_checks_is_still_refused_at_the_flush(
    services: AppServices, colleagues: Staff
) -> None:
    rooms = services.rooms()
    room = services.office.profile().rooms[0]
    start = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    with pytest.raises(ValidationError, match="text-direction control character"):
        rooms.book(colleagues["Rita"], room_id_of(services, room.key), start, 30, "Meet \u202eing")


def room_id_of(services: AppServices, key: str) -> int:
    from sqlalchemy import select

    from reception_app.persistence.engine import transaction
    from reception_app.persistence.records import InterviewRoomRecord

    with transaction(services.database.session_factory, write=False) as session:
        return int(
            session.scalar(select(InterviewRoomRecord.id).where(InterviewRoomRecord.key == key))
            or 0
        )


def test_messages_keep_newlines_tabs_and_every_script(
    services: AppServices, colleagues: Staff
) -> None:
    body = "Ring back after 2pm\n\tمحمد asked twice\nשלום"
    taken = services.messages().take(
        colleagues["Rita"],
        MessageDraft(
            "محمد", "Hedge", body, recipient_id=colleagues["Priya"].id, callback_expected=False
        ),
    )
    assert taken.body == body
    with pytest.raises(ValidationError, match=r"U\+0007 BELL"):
        services.messages().take(
            colleagues["Rita"],
            MessageDraft(
                "Ann", "Bell\x07", recipient_id=colleagues["Priya"].id, callback_expected=False
            ),
        )
