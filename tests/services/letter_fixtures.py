"""Contacts and values for letter tests (shared by the service, UI and CLI tests)."""

from __future__ import annotations

from reception_app.domain.people import Contact, ContactNeeds, PreferredFormat, StaffMember
from reception_app.services.container import AppServices

EXTRA = {
    "about": "the hedge on Woodview Road",
    "received_date": "Monday 23 November 2026",
    "response_date": "Tuesday 22 December 2026",
    "holding_reason": "We are waiting for a report from the tree officer.",
    "expected_date": "Friday 15 January 2027",
    "callback_date": "Wednesday 25 November 2026",
    "callback_time": "2pm",
    "callback_phone": "0161 496 0123",
    "request_type": "Freedom of Information",
    "request_law": "Freedom of Information Act 2000",
    "statutory_deadline": "Tuesday 22 December 2026",
    "appointment_date": "Thursday 3 December 2026",
    "appointment_time": "10:30",
    "appointment_service": "Allotments",
    "appointment_place": "Interview room 1, Diamond Jubilee Lodge",
    "appointment_with": "Łukasz Nowak",
    "previous_date": "Wednesday 2 December 2026",
    "previous_time": "14:00",
    "change_reason": "The officer you were due to see is unwell.",
}


def add_contact(
    services: AppServices,
    actor: StaffMember,
    name: str = "Zoë Łukasz Siobhán O'Neill",
    address: tuple[str, ...] = ("12 Woodview Road", "Hellesdon", "Norwich"),
    fmt: PreferredFormat = PreferredFormat.STANDARD,
    size: int | None = None,
) -> Contact:
    return services.contacts().save(
        Contact(
            id=None,
            full_name=name,
            phone="0161 496 0123",
            email="zoe@example.co.uk",
            address=address,
            postcode="NR6 5QB",
            needs=ContactNeeds(preferred_format=fmt, large_print_size=size),
        ),
        actor,
    )
