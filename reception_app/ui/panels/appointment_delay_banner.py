"""The Today page's red prompt: a customer with an appointment has waited past their time.

They must be told why and when they will be seen (North Norfolk's standard).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from reception_app.domain.appointments import Appointment


class AppointmentDelayBanner(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = QLabel()
        self.banner.setAccessibleName("Appointments running late")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)  # customers' names
        self.banner.setProperty("role", "error")
        self.banner.setWordWrap(True)
        self.button = QPushButton("&Tell them why (F8)")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.banner, 1)
        row.addWidget(self.button)
        self.hide()

    def show_late(self, late: Sequence[Appointment], now: datetime, zone: tzinfo | None) -> None:
        """The first of ``late`` (and how many more); hidden when nobody is late."""
        if not late:
            self.hide()
            return
        first = late[0]
        due = first.delay_new_time or first.start
        minutes = int((now - due).total_seconds() // 60)
        told = " again (past the time they were told)" if first.delay_new_time else ""
        more = f" (and {len(late) - 1} more)" if len(late) > 1 else ""
        self.banner.setText(
            f"{first.customer_name} ({first.ticket}) was due at "
            f"{due.astimezone(zone):%H:%M} with {first.officer_name} and has waited "
            f"{minutes} min past it{more}: tell them why and when they will be seen{told}."
        )
        self.show()
