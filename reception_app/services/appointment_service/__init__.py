"""Appointments: free-slot search, booking without double booking, and what happens on the day
(issue 4). Every public method is one transaction.

One module per use-case family: ``search`` (officers and free slots), ``booking`` (book and
move), ``on_the_day`` (cancel, no-show, seen, delays, the day's lists), ``officer_hours``
(working patterns and absences); ``views`` holds the request and result types they share.
"""

from __future__ import annotations

from reception_app.services.appointment_service.booking import Booking
from reception_app.services.appointment_service.officer_hours import OfficerHours
from reception_app.services.appointment_service.on_the_day import OnTheDay
from reception_app.services.appointment_service.search import SEARCH_WINDOWS
from reception_app.services.appointment_service.views import (
    MAX_MINUTES,
    Absence,
    BookingRequest,
    OfficerInfo,
    appointment_view,
)

__all__ = [
    "MAX_MINUTES",
    "SEARCH_WINDOWS",
    "Absence",
    "AppointmentService",
    "BookingRequest",
    "OfficerInfo",
    "appointment_view",
]


class AppointmentService(Booking, OnTheDay, OfficerHours):
    """Appointments of one office. Every public method is one transaction."""
