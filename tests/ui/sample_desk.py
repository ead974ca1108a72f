"""A desk full of sample data for the tests that walk every page: the demo history plus a few
messages, feedback and incidents for the manager, and optionally a very long name."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from reception_app.domain.feedback import FeedbackDraft, FeedbackKind, IncidentDraft, IncidentKind
from reception_app.domain.messages import MessageDraft
from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from tests.conftest import FixedClock

LONG_NAME = ("Maria-Fernanda Oyelaran-Whitcombe " * 16)[:500].strip()
"""A 500-character name: the fit checks must see it wrap or elide, never overflow."""
HOSTILE = "<b>bold</b> &amp; <font size=40>X</font><img src=/etc/passwd> محمد\u200f"
"""Markup typed as text (issue 12): every screen must show it as typed, never interpret it."""


def fill_sample_desk(
    services: AppServices,
    manager: StaffMember,
    clock: FixedClock | None = None,
    *,
    long_text: bool = False,
    hostile: bool = False,
) -> None:
    """Sample history (three working days) and a few items on every list the manager reads;
    ``hostile``: the names and texts typed are markup (HOSTILE)."""
    services.demo.fill("hellesdon", 3, seed=5)
    caller = LONG_NAME if long_text else (HOSTILE if hostile else "Ana Nowak")
    start = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    for n, subject in enumerate(
        ("Hedge height", "Bins not emptied", "Parking permit", "Allotment")
    ):
        services.messages().take(
            manager,
            MessageDraft(
                f"{caller} {n}" if not long_text else caller[:200],  # the longest it takes
                subject,
                "Please ring back",
                recipient_id=manager.id,
                caller_phone="01603 301751",
            ),
        )
    for n, kind in enumerate((FeedbackKind.CONCERN, FeedbackKind.COMPLIMENT, FeedbackKind.CONCERN)):
        services.feedback().record(
            manager,
            FeedbackDraft(
                kind, "phone", start - timedelta(hours=n), f"Feedback {n}", from_name=caller[:300]
            ),
        )
    if long_text:
        from reception_app.domain.people import Contact

        services.contacts().save(
            Contact(id=None, full_name=caller[:300], phone="01603 301751"), manager
        )
    _today_at_the_desk(services, manager, caller, clock)
    for n, incident in enumerate(
        (IncidentKind.VERBAL_ABUSE, IncidentKind.OTHER, IncidentKind.OTHER)
    ):
        services.feedback().record_incident(
            manager,
            IncidentDraft(
                start - timedelta(hours=n + 1), incident, f"Incident {n}", person=caller[:300]
            ),
        )


def _today_at_the_desk(
    services: AppServices, manager: StaffMember, caller: str, clock: FixedClock | None
) -> None:
    """Three walk-ins (one called to desk R1), and an appointment whose customer arrived; with
    ``clock``, it is then ten minutes past its start (the Today page prompts to tell them)."""
    from reception_app.domain.visits import VisitNeeds
    from reception_app.services.appointment_service import BookingRequest
    from reception_app.services.queue import CheckInRequest

    queue = services.queue()
    for n in range(3):
        needs = VisitNeeds(hearing_loop=n == 0, wheelchair_access=n == 1)
        note = caller if len(caller) > 100 else ""
        queue.check_in(
            manager, CheckInRequest("general", f"{caller} {n}"[:500], needs=needs, note=note)
        )
    queue.call_next(manager, "R1")
    booked = services.appointments().book(
        manager,
        BookingRequest(
            "general",
            datetime(2026, 11, 24, 11, 40, tzinfo=UTC),
            staff_id=manager.id,
            customer_name=caller[:300],
        ),
    )
    queue.check_in_appointment(manager, booked.id)
    if clock is not None:
        clock.now = datetime(2026, 11, 24, 11, 50, tzinfo=UTC)  # ten minutes past its start
