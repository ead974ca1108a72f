"""What happens to an appointment on the day: arrived, seen, did not come, told of a delay.

From the Appointments page: arrived (F2, a ticket in the queue), seen (F4), did not come (F6),
and telling a customer waiting past their time about the delay (F9).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reception_app.domain.appointments import Appointment, AppointmentStatus, Place
from reception_app.ui.dialogs.appointment_delay_dialog import AppointmentDelayDialog

if TYPE_CHECKING:
    from reception_app.ui.pages.appointments_page import AppointmentsPage


class AppointmentDayActions:
    """Each acts on the appointment chosen on the page and says what was recorded."""

    def __init__(self, page: AppointmentsPage) -> None:
        self.page = page

    def arrived(self) -> None:
        page = self.page
        appointment = page.need_selection("check in")
        if appointment is None:
            return
        visit = page.run(
            f"{appointment.customer_name} arrived",
            lambda: page.state.services.queue().check_in_appointment(
                page.state.actor, appointment.id
            ),
        )
        if visit is None:
            return
        page.changed(appointment.id)
        ticket = getattr(visit, "ticket", "")
        page.say(
            f"Ticket {ticket}: {appointment.customer_name} for {appointment.service_name} with "
            f"{appointment.officer_name} at {appointment.start.astimezone(page.zone):%H:%M}. "
            "They are in the queue ahead of walk-ins for their officer.",
            big=True,
        )

    def _record(self, appointment: Appointment, action: str, work: Callable[[], object]) -> bool:
        """Record what happened to it; the list and the timeline show it at once."""
        if self.page.run(action, work) is None:
            return False
        self.page.changed(appointment.id)
        return True

    def seen(self) -> None:
        page = self.page
        appointment = page.need_selection("mark seen")
        if appointment is None:
            return
        appointments = page.state.services.appointments
        if self._record(
            appointment, "Seen", lambda: appointments().mark_seen(page.state.actor, appointment.id)
        ):
            page.say(f"{appointment.customer_name} has been seen.")

    def no_show(self) -> None:
        page = self.page
        appointment = page.need_selection("mark as not come")
        if appointment is None:
            return
        if not page.confirm(
            "Did not come",
            f"Mark {appointment.customer_name} ({page.when(appointment)}) as did not come? "
            "Their officer's time and any room are freed.",
        ):
            return
        appointments = page.state.services.appointments
        if self._record(
            appointment,
            "Did not come",
            lambda: appointments().mark_no_show(page.state.actor, appointment.id),
        ):
            page.say(f"{appointment.customer_name} is recorded as did not come.")

    def tell_delay(self) -> None:
        """The chosen customer if they have arrived, else the first one waiting past their time."""
        page = self.page
        appointment = page.selected_appointment()
        waiting = page.waiting
        if appointment is None or not _can_be_late(appointment):
            appointment = waiting[0] if waiting else appointment
        if appointment is None or not _can_be_late(appointment):
            page.say(
                "Choose a customer who has arrived and is waiting, or a home visit.", error=True
            )
            return
        dialog = AppointmentDelayDialog(page.state, appointment, page.zone, page)
        if dialog.exec() and dialog.appointment is not None:
            new_time = dialog.appointment.delay_new_time
            page.changed(appointment.id)
            sent = " and sent it" if dialog.send.isEnabled() and dialog.send.isChecked() else ""
            page.say(
                f"Recorded{sent}: {appointment.customer_name} was told the reason and that they "
                f"will be {'visited' if dialog.home_visit else 'seen'} by "
                f"{new_time.astimezone(page.zone):%H:%M}."
                if new_time
                else "Recorded."
            )


def _can_be_late(appointment: Appointment) -> bool:
    """Waiting in the office past their time, or a home visit still to come."""
    if appointment.place is Place.HOME:
        return appointment.status is AppointmentStatus.BOOKED
    return appointment.status is AppointmentStatus.ARRIVED
