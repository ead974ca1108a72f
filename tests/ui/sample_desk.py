"""A desk full of sample data for the tests that walk every page: the demo history plus a few
messages, feedback and incidents for the manager, and optionally a very long name."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from reception_app.domain.feedback import FeedbackDraft, FeedbackKind, IncidentDraft, IncidentKind
from reception_app.domain.messages import MessageDraft
from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices

LONG_NAME = ("Maria-Fernanda Oyelaran-Whitcombe " * 16)[:500].strip()
"""A 500-character name: the fit checks must see it wrap or elide, never overflow."""


def fill_sample_desk(
    services: AppServices, manager: StaffMember, *, long_text: bool = False
) -> None:
    """Sample history (three working days) and a few items on every list the manager reads."""
    services.demo.fill("hellesdon", 3, seed=5)
    caller = LONG_NAME if long_text else "Ana Nowak"
    start = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    for n, subject in enumerate(
        ("Hedge height", "Bins not emptied", "Parking permit", "Allotment")
    ):
        services.messages().take(
            manager,
            MessageDraft(
                f"{caller} {n}" if not long_text else caller,
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
                kind, "phone", start - timedelta(hours=n), f"Feedback {n}", from_name=caller
            ),
        )
    for n, incident in enumerate(
        (IncidentKind.VERBAL_ABUSE, IncidentKind.OTHER, IncidentKind.OTHER)
    ):
        services.feedback().record_incident(
            manager,
            IncidentDraft(start - timedelta(hours=n + 1), incident, f"Incident {n}", person=caller),
        )
