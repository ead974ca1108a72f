"""The Appointments page's "Services" tab: what can be booked, its usual length and needs."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidgetItem, QWidget

from reception_app.domain.offices import OfficeProfile, ServiceProfile
from reception_app.ui.panels.read_only_table import ReadOnlyTable


def service_cells(service: ServiceProfile) -> tuple[str, str, str, str]:
    return (
        service.name,
        f"{service.default_minutes} minutes",
        "Yes" if service.needs_room else "No",
        service.team or "—",
    )


class AppointmentServicesPanel(ReadOnlyTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            ["Service", "Usual length", "Needs a private room", "Team"],
            "Services and their usual length",
            0,
            parent=parent,
        )

    def show_services(self, profile: OfficeProfile) -> None:
        """The services the office offers now (withdrawn ones are not listed)."""
        offered = [s for s in profile.services if s.active]
        self.setRowCount(len(offered))
        for index, service in enumerate(offered):
            for column, text in enumerate(service_cells(service)):
                self.setItem(index, column, QTableWidgetItem(text))
