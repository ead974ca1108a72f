"""Where a letter's words come from: one builder per kind of source record (contact,
appointment, correspondence, message), and the office's and sender's own values."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.errors import NotFoundError
from reception_app.domain.letters import PrintSpec, format_date, spec_for_customer
from reception_app.domain.people import StaffMember
from reception_app.persistence.records import ContactRecord, OfficeRecord, StaffRecord
from reception_app.services.letter_service.requests import NO_NAMED_CONTACT

Builder = Callable[[Session, OfficeRecord, int], "SourceValues"]


@dataclass(frozen=True, slots=True)
class SourceValues:
    """What a builder found on the source record: the customer and the placeholder values."""

    contact: ContactRecord | None
    values: dict[str, str]
    customer_name: str = ""
    address: tuple[str, ...] = ()
    postcode: str = ""
    large_print: bool = False
    """The record itself asks for large print (an appointment booked with that need)."""
    email: str = ""
    """Where a letter with no postal address can go as an attachment (correspondence)."""


def preferred_spec(found: SourceValues) -> PrintSpec:
    """The contact's preferred format; a record that itself asks for large print (an appointment
    booked with that need) gets large print when the contact has no other preference."""
    contact = found.contact
    fmt = contact.preferred_format if contact else "standard"
    size = contact.large_print_size if contact else None
    if found.large_print and fmt in ("standard", "email", ""):
        fmt = "large_print"
    return spec_for_customer(fmt, size)


def _one_line(lines: Sequence[str], postcode: str) -> str:
    return ", ".join([*(line for line in lines if line.strip()), postcode]).strip(", ")


def letterhead(office: OfficeRecord) -> list[str]:
    # The address on one line that wraps: in large print one line per part fills half a page.
    address = [str(line) for line in office.address]
    if office.site and (not address or address[0] != office.site):
        address.insert(0, office.site)
    lines = [office.name, _one_line(address, office.postcode)]
    if office.phone:
        lines.append(f"Phone: {office.phone}")
    if office.email:
        lines.append(f"Email: {office.email}")
    if office.website:
        lines.append(f"Website: {office.website}")
    return lines


def office_values(office: OfficeRecord) -> dict[str, str]:
    address = _one_line([str(line) for line in office.address], office.postcode)
    return {
        "office_name": office.name,
        "office_site": office.site,
        "office_address": address,
        "office_phone": office.phone,
        "office_email": office.email,
        "office_website": office.website,
        # An office with no directions written still tells the customer where it is.
        "office_directions": office.directions or f"Our address is {address}.",
        "complaints_procedure": office.complaints_procedure,
    }


def sender_values(
    session: Session, office: OfficeRecord, actor: StaffMember | None
) -> dict[str, str]:
    """The named contact (Hellesdon 5.6): the person sending the letter, with the office's
    phone and email where they have none of their own."""
    if actor is None:
        return {
            "contact_name": NO_NAMED_CONTACT,
            "contact_phone": office.phone,
            "contact_email": office.email,
        }
    record = session.get(StaffRecord, actor.id)
    name = record.full_name if record else actor.full_name
    phone = (record.phone if record else actor.phone) or office.phone
    email = (record.email if record else actor.email) or office.email
    return {"contact_name": name, "contact_phone": phone, "contact_email": email}


def _contact_source(contact: ContactRecord) -> dict[str, Any]:
    return {
        "contact": contact,
        "customer_name": contact.full_name,
        "address": tuple(line for line in contact.address.split("\n") if line.strip()),
        "postcode": contact.postcode,
    }


def _get_contact(session: Session, office: OfficeRecord, contact_id: int) -> ContactRecord:
    contact = session.get(ContactRecord, contact_id)
    if contact is None or contact.office_id != office.id:
        raise NotFoundError(f"There is no contact number {contact_id} in this office.")
    return contact


def _contact_values(session: Session, office: OfficeRecord, contact_id: int) -> SourceValues:
    contact = _get_contact(session, office, contact_id)
    values = {"customer_name": contact.full_name, "reference": f"C-{contact.id:05d}"}
    return SourceValues(values=values, **_contact_source(contact))


# Statutory requests: the name a customer knows and the law the reply follows (national, not
# council-specific, so they live here rather than in an office profile).
REQUEST_LAWS: Mapping[str, tuple[str, str]] = {
    "foi": ("Freedom of Information", "Freedom of Information Act 2000"),
    "eir": ("Environmental Information", "Environmental Information Regulations 2004"),
    "sar": ("subject access", "UK General Data Protection Regulation (right of access)"),
}


def _local(office: OfficeRecord, at: datetime) -> datetime:
    return at.astimezone(ZoneInfo(office.timezone))


def _date_text(d: date | None) -> str:
    return format_date(d) if d is not None else ""


def _named_contact(session: Session, office: OfficeRecord, staff_id: int | None) -> dict[str, str]:
    """The officer named on the record (owner or recipient), with the office's phone and email
    where they have none of their own."""
    if staff_id is None:
        return {}
    staff = session.get(StaffRecord, staff_id)
    if staff is None:
        return {}
    return {
        "contact_name": staff.full_name,
        "contact_phone": staff.phone or office.phone,
        "contact_email": staff.email or office.email,
    }


def _customer(
    session: Session, contact_id: int | None, name: str, fallback_address: str = ""
) -> dict[str, Any]:
    contact = session.get(ContactRecord, contact_id) if contact_id is not None else None
    if contact is not None:
        found = _contact_source(contact)
        found["customer_name"] = name.strip() or contact.full_name
        return found
    lines = tuple(line for line in fallback_address.split("\n") if line.strip())
    return {"contact": None, "customer_name": name, "address": lines, "postcode": ""}


def _appointment_values(
    session: Session, office: OfficeRecord, appointment_id: int
) -> SourceValues:
    from reception_app.persistence.appointment_records import AppointmentRecord

    appointment = session.get(AppointmentRecord, appointment_id)
    if appointment is None or appointment.office_id != office.id:
        raise NotFoundError(f"There is no appointment number {appointment_id} in this office.")
    starts = _local(office, appointment.starts_at)
    if appointment.place == "room" and appointment.room_booking is not None:
        room = appointment.room_booking.room
        place = ", ".join(p for p in (room.name, room.location or office.site) if p)
    elif appointment.place == "home":
        place = "At your home"
    elif appointment.place == "phone":
        place = "By phone: we will call you"
    else:
        place = f"The front desk, {office.site}" if office.site else "The front desk"
    values = {
        "customer_name": appointment.customer_name,
        "reference": f"A-{appointment.id:05d}",
        "appointment_date": format_date(starts.date()),
        "appointment_time": f"{starts:%H:%M}",
        "appointment_service": appointment.service.name,
        "appointment_place": place,
        "appointment_with": appointment.staff.full_name,
        "change_reason": appointment.cancel_reason or appointment.delay_reason,
    }
    found = _customer(
        session, appointment.contact_id, appointment.customer_name, appointment.home_address
    )
    return SourceValues(values=values, large_print=bool(appointment.large_print), **found)


def _correspondence_values(session: Session, office: OfficeRecord, item_id: int) -> SourceValues:
    from reception_app.domain.correspondence import reference as correspondence_reference
    from reception_app.persistence.correspondence_records import (
        CorrespondenceRecord,
        HoldingResponseRecord,
    )

    item = session.get(CorrespondenceRecord, item_id)
    if item is None or item.office_id != office.id:
        raise NotFoundError(f"There is no correspondence number {item_id} in this office.")
    respond = item.extended_due_on or item.respond_due_on or item.final_due_on or item.target_on
    values = {
        "customer_name": item.from_name,
        # The reference the Correspondence log shows and the customer quotes (FOI-000123).
        "reference": correspondence_reference(item.channel, item.id),
        "about": item.subject,
        "received_date": format_date(_local(office, item.received_at).date()),
        "response_date": _date_text(respond),
        "statutory_deadline": _date_text(
            item.extended_due_on or item.final_due_on or item.respond_due_on
        ),
    }
    if item.channel in REQUEST_LAWS:
        values["request_type"], values["request_law"] = REQUEST_LAWS[item.channel]
    holding = session.scalars(
        select(HoldingResponseRecord)
        .where(HoldingResponseRecord.correspondence_id == item.id)
        .order_by(HoldingResponseRecord.sent_at.desc())
        .limit(1)
    ).first()
    if holding is not None:
        values["holding_reason"] = holding.reason
        values["expected_date"] = format_date(holding.expected_on)
    values.update(_named_contact(session, office, item.owner_id))
    customer = _customer(session, item.contact_id, item.from_name)
    contact = customer["contact"]
    email = item.from_email or (contact.email if contact is not None else "")
    return SourceValues(values=values, email=email or "", **customer)


def _message_values(session: Session, office: OfficeRecord, message_id: int) -> SourceValues:
    from reception_app.persistence.correspondence_records import MessageRecord

    message = session.get(MessageRecord, message_id)
    if message is None or message.office_id != office.id:
        raise NotFoundError(f"There is no message number {message_id} in this office.")
    values = {
        "customer_name": message.caller_name,
        "reference": f"M-{message.id:05d}",
        "about": message.subject,
        "received_date": format_date(_local(office, message.taken_at).date()),
        "callback_phone": message.caller_phone,
        "callback_date": _date_text(message.due_on),
        "response_date": _date_text(message.due_on),
    }
    if message.due_at is not None:
        values["callback_time"] = f"{_local(office, message.due_at):%H:%M}"
    values.update(_named_contact(session, office, message.recipient_id))
    return SourceValues(
        values=values, **_customer(session, message.contact_id, message.caller_name)
    )


BUILDERS: Mapping[str, Builder] = {
    "contact": _contact_values,
    "appointment": _appointment_values,
    "correspondence": _correspondence_values,
    "message": _message_values,
}
"""Source kind -> the builder of its placeholder values."""
