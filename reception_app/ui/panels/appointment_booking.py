"""Booking from the Appointments page: a new appointment, moving one and cancelling one.

A new appointment comes from Ctrl+N or a free cell of the timeline; the chosen one is moved
with Ctrl+R and cancelled with Ctrl+Delete; each is followed by what the desk reads out.
"""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING

from reception_app.domain.appointments import Appointment
from reception_app.ui.dialogs.appointment_booking_dialog import BookAppointmentDialog
from reception_app.ui.dialogs.appointment_cancel_dialog import CancelAppointmentDialog
from reception_app.ui.notify_words import on_its_way

if TYPE_CHECKING:
    from reception_app.ui.pages.appointments_page import AppointmentsPage


class AppointmentBooking:
    """The page's booking actions; the page says what happened and keeps the day shown."""

    def __init__(self, page: AppointmentsPage) -> None:
        self.page = page

    def booking_dialog(
        self,
        *,
        staff_id: int | None = None,
        day: date | None = None,
        at: time | None = None,
        appointment: Appointment | None = None,
    ) -> BookAppointmentDialog:
        return BookAppointmentDialog(
            self.page.state, self.page, staff_id=staff_id, day=day, at=at, appointment=appointment
        )

    def new_appointment(
        self, *, staff_id: int | None = None, day: date | None = None, at: time | None = None
    ) -> None:
        dialog = self.booking_dialog(staff_id=staff_id, day=day or self.page.shown_day(), at=at)
        if dialog.exec() and dialog.appointment is not None:
            self._booked(dialog.appointment, "Booked")

    def book_at(self, column: object, minute: int) -> None:
        """A free time was clicked: book there (with that officer, on that day)."""
        page = self.page
        if page.week_view:
            day = column if isinstance(column, date) else page.shown_day()
            staff = page.week_officer.currentData()
            staff_id = int(staff) if staff is not None else None
        else:
            day = page.shown_day()
            staff_id = column if isinstance(column, int) else None
        self.new_appointment(staff_id=staff_id, day=day, at=time(minute // 60, minute % 60))

    def _booked(self, appointment: Appointment, verb: str) -> None:
        page = self.page
        day = appointment.start.astimezone(page.zone).date()
        if not page.week_view or day not in page.week_days():
            page.navigator.set_day(day, quiet=True)
        page.changed(appointment.id)
        where = appointment.where()
        page.say(
            f"{verb}: {appointment.customer_name}, {appointment.service_name} with "
            f"{appointment.officer_name}, {page.when(appointment)} ({where})."
            + self._on_its_way(appointment.id)
        )

    def _on_its_way(self, appointment_id: int) -> str:
        return on_its_way(self.page.state.services, "appointment", appointment_id)

    def reschedule(self) -> None:
        page = self.page
        appointment = page.need_selection("move")
        if appointment is None:
            return
        if not appointment.is_open:
            page.say("Only a booked appointment can be moved.", error=True)
            return
        dialog = self.booking_dialog(appointment=appointment)
        if dialog.exec() and dialog.appointment is not None:
            self._booked(dialog.appointment, "Moved")
            if dialog.appointment.start != appointment.start:
                page.letter_offer.offer_change(appointment, "appointment_changed", page.zone)

    def cancel_appointment(self) -> None:
        page = self.page
        appointment = page.need_selection("cancel")
        if appointment is None:
            return
        dialog = CancelAppointmentDialog(page.state, appointment, page.when(appointment), page)
        if dialog.exec() and dialog.appointment is not None:
            page.changed(appointment.id)
            page.say(
                f"Cancelled: {appointment.customer_name}, {page.when(appointment)}."
                + self._on_its_way(appointment.id)
            )
            page.letter_offer.offer_change(appointment, "appointment_cancelled", page.zone)
