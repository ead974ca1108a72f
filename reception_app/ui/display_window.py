"""'Now serving' window for a second screen (no sign-in, ticket numbers only, never names)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from reception_app.services.container import AppServices
from reception_app.ui.public_screen import PublicScreen
from reception_app.ui.theme import scaled_font


class DisplayWindow(PublicScreen):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, "Now serving", parent)
        self.now_serving = QLabel("Now serving: -")
        self.now_serving.setFont(scaled_font(self.font(), 3.0, bold=True))
        self.now_serving.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.now_serving)
        self.resize(1280, 720)
        self.refresh()
