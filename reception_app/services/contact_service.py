"""Customers and contacts: find by name, phone or postcode; create and edit with checked details."""

from __future__ import annotations

import dataclasses

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from reception_app.domain.errors import NotFoundError, ValidationError
from reception_app.domain.notifications import Channel
from reception_app.domain.people import (
    LARGE_PRINT_SIZES,
    Contact,
    ContactNeeds,
    PreferredFormat,
    StaffMember,
)
from reception_app.domain.validation import (
    check_email,
    check_length,
    check_phone,
    check_postcode,
    check_required,
    check_uk_mobile,
)
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.records import ContactRecord
from reception_app.services.context import actor_id
from reception_app.services.notifications.outbox import cancel_open
from reception_app.services.office_scoped import OfficeScoped


def _like_escape(text: str) -> str:
    """Make % and _ (and the escape character itself) match literally in LIKE."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contact_from_record(record: ContactRecord) -> Contact:
    return Contact(
        id=record.id,
        full_name=record.full_name,
        phone=record.phone,
        email=record.email,
        address=tuple(line for line in record.address.split("\n") if line),
        postcode=record.postcode,
        needs=ContactNeeds(
            preferred_format=PreferredFormat(record.preferred_format),
            large_print_size=record.large_print_size,
            braille=record.braille,
            hearing_loop=record.hearing_loop,
            interpreter_language=record.interpreter_language,
            bsl=record.bsl,
            wheelchair_access=record.wheelchair_access,
            private_room=record.private_room,
        ),
        notes=record.notes,
        notify_by=Channel(record.notify_by) if record.notify_by in set(Channel) else Channel.NONE,
    )


def _check_notify_by(contact: Contact, email: str) -> None:
    """Texts need a UK mobile as the phone number, e-mails an address (plain words if not)."""
    if contact.notify_by is Channel.SMS:
        if not contact.phone.strip():
            raise ValidationError("Add their mobile number to send them texts.", "phone")
        try:
            check_uk_mobile(contact.phone, "phone")
        except ValidationError as exc:
            raise ValidationError(
                f"{exc} To keep them informed by text, the phone number must be their mobile.",
                "phone",
            ) from None
    if contact.notify_by is Channel.EMAIL and not email:
        raise ValidationError("Add an email address to keep them informed by e-mail.", "email")


def clean_contact(contact: Contact) -> Contact:
    """Check and tidy every field; ValidationError names the first field that is wrong."""
    needs = contact.needs
    if needs.large_print_size is not None and needs.large_print_size not in LARGE_PRINT_SIZES:
        raise ValidationError(
            f"Large print comes in {', '.join(map(str, LARGE_PRINT_SIZES))} point.",
            "large_print_size",
        )
    if needs.preferred_format is PreferredFormat.LARGE_PRINT and needs.large_print_size is None:
        needs = dataclasses.replace(needs, large_print_size=18)  # RNIB's recommended default
    if needs.preferred_format is PreferredFormat.BRAILLE and not needs.braille:
        needs = dataclasses.replace(needs, braille=True)
    email = check_email(contact.email)
    if needs.preferred_format is PreferredFormat.EMAIL and not email:
        raise ValidationError("Add an email address to send letters by email.", "email")
    _check_notify_by(contact, email)
    return dataclasses.replace(
        contact,
        full_name=check_required(contact.full_name, "full_name", "The name", 300),
        phone=check_phone(contact.phone),
        email=email,
        address=tuple(
            check_length(line.strip(), "address", "An address line", 200)
            for line in contact.address
            if line.strip()
        ),
        postcode=check_postcode(contact.postcode),
        needs=dataclasses.replace(
            needs,
            interpreter_language=check_length(
                needs.interpreter_language.strip(), "interpreter_language", "The language", 120
            ),
        ),
        notes=check_length(contact.notes, "notes", "The notes", 5000),
    )


class ContactService(OfficeScoped):
    """Contacts of one office. Every public method is one transaction."""

    def search(self, text: str, limit: int = 50) -> list[Contact]:
        """Contacts whose name, phone, postcode or email contains ``text``.

        Spaces are ignored in numbers and postcodes, and +44 is read as a leading 0, so
        "+44 1603 301751" finds "01603 301751". % and _ match themselves.
        """
        words = text.strip()
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            query = select(ContactRecord).where(ContactRecord.office_id == office.id)
            if words:
                compact = _like_escape("".join(words.split()).lower())
                digits = "0" + compact[3:] if compact.startswith("+44") else compact
                pattern = f"%{_like_escape(words.casefold())}%"
                query = query.where(
                    or_(
                        ContactRecord.name_key.like(pattern, escape="\\"),
                        func.replace(func.lower(ContactRecord.postcode), " ", "").like(
                            f"%{compact}%", escape="\\"
                        ),
                        func.replace(ContactRecord.phone, " ", "").like(f"%{digits}%", escape="\\"),
                        func.lower(ContactRecord.email).like(pattern, escape="\\"),
                    )
                )
            query = query.order_by(ContactRecord.full_name).limit(limit)
            return [contact_from_record(r) for r in session.scalars(query)]

    def get(self, contact_id: int) -> Contact:
        with transaction(self._factory, write=False) as session:
            record = session.get(ContactRecord, contact_id)
            if record is None:
                raise NotFoundError("That contact no longer exists.")
            return contact_from_record(record)

    def _note_consent(self, session: Session, record: ContactRecord, notify_by: Channel) -> None:
        """Record when they agreed or changed their mind; what is still queued for them by
        another channel (or at all, once they say no) is cancelled in the same transaction."""
        before = record.notify_by or Channel.NONE.value
        if before == notify_by.value:
            return
        record.notify_by = notify_by.value
        record.notify_consent_at = self._clock() if notify_by is not Channel.NONE else None
        if record.id is not None and before != Channel.NONE.value:
            reason = (
                "They withdrew their consent, so it was not sent."
                if notify_by is Channel.NONE
                else "They asked to be kept informed another way, so it was not sent."
            )
            cancel_open(session, self._clock(), reason, contact_id=record.id)

    def save(self, contact: Contact, actor: StaffMember | None) -> Contact:
        """Create (id None) or update a contact; nothing is saved if any field is wrong."""
        cleaned = clean_contact(contact)
        with transaction(self._factory) as session:
            office = self._office(session)
            if cleaned.id is None:
                record = ContactRecord(office_id=office.id)
                session.add(record)
            else:
                found = session.get(ContactRecord, cleaned.id)
                if found is None:
                    raise NotFoundError("That contact no longer exists.")
                record = found
            record.full_name = cleaned.full_name
            record.name_key = cleaned.full_name.casefold()
            record.phone = cleaned.phone
            record.email = cleaned.email
            record.address = "\n".join(cleaned.address)
            record.postcode = cleaned.postcode
            needs = cleaned.needs
            record.preferred_format = needs.preferred_format.value
            record.large_print_size = needs.large_print_size
            record.braille = needs.braille
            record.hearing_loop = needs.hearing_loop
            record.interpreter_language = needs.interpreter_language
            record.bsl = needs.bsl
            record.wheelchair_access = needs.wheelchair_access
            record.private_room = needs.private_room
            record.notes = cleaned.notes
            self._note_consent(session, record, cleaned.notify_by)
            session.flush()
            log_event(
                session,
                at=self._clock(),
                action="created" if cleaned.id is None else "updated",
                entity="contact",
                entity_id=record.id,
                office_id=office.id,
                staff_id=actor_id(actor),
                summary=f"Contact #{record.id} {'added' if cleaned.id is None else 'updated'}",
            )
            return contact_from_record(record)
