"""Self-service kiosk window (full screen, no sign-in); ticket taking joins with the walk-in feature."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from reception_app.services.container import AppServices
from reception_app.ui.public_screen import PublicScreen
from reception_app.ui.theme import scaled_font


class KioskWindow(PublicScreen):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, "Reception kiosk", parent)
        self.ask = QLabel("Welcome. Please ask at the desk and we will help you.")
        self.ask.setFont(scaled_font(self.font(), 2.0, bold=True))
        self.ask.setWordWrap(True)
        self.ask.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.ask)
        self.refresh()
