"""The appointments of a day (or a week) as a table: time, customer, service, officer, status."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from reception_app.domain.appointments import Appointment, AppointmentStatus
from reception_app.ui.models.row_table_model import RowTableModel

STATUS_TEXT = {
    AppointmentStatus.BOOKED: "Booked",
    AppointmentStatus.ARRIVED: "Arrived",
    AppointmentStatus.SEEN: "Seen",
    AppointmentStatus.NO_SHOW: "Did not come",
    AppointmentStatus.CANCELLED: "Cancelled",
}


def status_text(appointment: Appointment, zone: tzinfo | None = None) -> str:
    text = STATUS_TEXT[appointment.status]
    if appointment.status is AppointmentStatus.ARRIVED and appointment.ticket:
        text += f" ({appointment.ticket})"
    if appointment.status is AppointmentStatus.ARRIVED and appointment.delay_new_time:
        # Told why and when (F8): the promised time is the one the desk keeps.
        text += f", told seen by {appointment.delay_new_time.astimezone(zone):%H:%M}"
    if appointment.status is AppointmentStatus.CANCELLED and appointment.cancel_reason:
        text += f": {appointment.cancel_reason}"
    return text


class AppointmentTableModel(RowTableModel[Appointment]):
    HEADERS = ("Time", "Customer", "Service", "Officer", "Where", "Needs", "Status")
    TIME, CUSTOMER, SERVICE, OFFICER, WHERE, NEEDS, STATUS = range(7)

    def __init__(
        self, rows: Sequence[Appointment] = (), zone: tzinfo | None = None, parent: Any = None
    ) -> None:
        super().__init__(rows, parent)
        self._zone = zone
        self._with_day = False

    def set_appointments(
        self, rows: Sequence[Appointment], zone: tzinfo | None, *, with_day: bool = False
    ) -> None:
        """Replace the rows; ``with_day`` puts the date in the time column (a week's list)."""
        self._zone = zone
        self._with_day = with_day
        self.set_rows(rows)

    def appointments(self) -> list[Appointment]:
        return list(self._rows)

    def row_of(self, appointment_id: int) -> int | None:
        return next((i for i, a in enumerate(self._rows) if a.id == appointment_id), None)

    def _text(self, row: Appointment, column: int) -> str:
        if column == self.TIME:
            start, end = row.start.astimezone(self._zone), row.end.astimezone(self._zone)
            day = f"{start:%a} {start.day} {start:%b} " if self._with_day else ""
            return f"{day}{start:%H:%M}-{end:%H:%M}"
        if column == self.CUSTOMER:
            return row.customer_name
        if column == self.SERVICE:
            return row.service_name
        if column == self.OFFICER:
            return row.officer_name + (" (any of the team)" if row.any_officer else "")
        if column == self.WHERE:
            return row.where()
        if column == self.NEEDS:
            return row.needs_text() or "—"
        if column == self.STATUS:
            return status_text(row, self._zone)
        return ""

    def _tooltip(self, row: Appointment, column: int) -> str | None:
        if column == self.WHERE and row.home_address:
            return row.home_address
        if row.notes:
            return f"Notes: {row.notes}"
        return None
