"""The records a manager can put on legal hold, by the name the command line and log use."""

from __future__ import annotations

from typing import Any

from reception_app.persistence.appointment_records import AppointmentRecord, RoomBookingRecord
from reception_app.persistence.correspondence_records import (
    CorrespondenceRecord,
    FeedbackRecord,
    IncidentRecord,
    MessageRecord,
)
from reception_app.persistence.records import ContactRecord, VisitRecord

HELD_KINDS: dict[str, Any] = {
    "contact": ContactRecord,
    "visit": VisitRecord,
    "appointment": AppointmentRecord,
    "room_booking": RoomBookingRecord,
    "message": MessageRecord,
    "correspondence": CorrespondenceRecord,
    "feedback": FeedbackRecord,
    "incident": IncidentRecord,
}
"""A hold on a contact holds every record linked to them."""
