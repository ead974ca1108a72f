"""Links from a record to a contact: checking the contact is one of the office's, and the
contacts' current names (shown instead of what was typed when the record was made)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.errors import ValidationError
from reception_app.persistence.records import ContactRecord, OfficeRecord


def check_contact(
    session: Session, office: OfficeRecord | int, contact_id: int, field: str
) -> None:
    """ValidationError (on ``field``) unless ``contact_id`` is a contact of this office."""
    office_id = office if isinstance(office, int) else office.id
    contact = session.get(ContactRecord, contact_id)
    if contact is None or contact.office_id != office_id:
        raise ValidationError(
            "That contact is not on this office's contact list (it may have been removed): "
            "find them again, or save without a contact.",
            field,
        )


def contact_names(
    session: Session, office: OfficeRecord | int, ids: Iterable[int | None]
) -> dict[int, str]:
    """The current full name of each of these contacts of the office (missing ones left out)."""
    office_id = office if isinstance(office, int) else office.id
    wanted = sorted({i for i in ids if i is not None})
    names: dict[int, str] = {}
    for chunk in chunks(wanted, 900):
        rows = session.execute(
            select(ContactRecord.id, ContactRecord.full_name).where(
                ContactRecord.id.in_(chunk), ContactRecord.office_id == office_id
            )
        )
        names.update((contact_id, name) for contact_id, name in rows)
    return names


def chunks(ids: list[int], size: int) -> Iterable[list[int]]:
    """``ids`` in lists of at most ``size`` (within the database's limit on bound values)."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
