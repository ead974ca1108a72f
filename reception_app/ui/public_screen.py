"""Shared parts of the windows the public sees (kiosk, display): large text, no personal details."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reception_app.domain.errors import ReceptionError
from reception_app.services.container import AppServices
from reception_app.ui.text import describe_status
from reception_app.ui.theme import scaled_font

REFRESH_MS = 15_000


class PublicScreen(QWidget):
    """A black, high-contrast window showing the office name and whether it is open."""

    def __init__(self, services: AppServices, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(title)
        self.setStyleSheet("background: black; color: white;")
        self.office_name = self._label(2.6, bold=True)
        self.headline = self._label(3.2, bold=True)
        self.detail = self._label(1.6)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(48, 48, 48, 48)
        self.layout_.addWidget(self.office_name)
        self.layout_.addWidget(self.headline)
        self.layout_.addWidget(self.detail)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def _label(self, factor: float, bold: bool = False) -> QLabel:
        label = QLabel()
        label.setFont(scaled_font(self.font(), factor, bold))
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def refresh(self) -> None:
        try:
            status = self.services.office.status()
        except ReceptionError as exc:
            self.headline.setText("Please ask at the desk")
            self.detail.setText(str(exc))
            return
        self.office_name.setText(status.office_name)
        headline, detail = describe_status(status)
        self.headline.setText(headline)
        self.detail.setText(detail if not status.is_open else "")
