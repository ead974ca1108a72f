"""Shared parts of the windows the public sees (kiosk, display): large text, no personal details."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from reception_app.services.container import AppServices
from reception_app.ui.text import describe_status
from reception_app.ui.theme import scaled_font

log = logging.getLogger(__name__)

REFRESH_MS = 15_000
ASK_AT_DESK = "Please ask at the desk"

BLACK = "#000000"
YELLOW = "#FFD400"
WHITE = "#FFFFFF"

STYLE = f"""
QWidget {{ background: {BLACK}; color: {WHITE}; }}
QPushButton {{
    background: {YELLOW}; color: {BLACK}; border: 4px solid {WHITE}; border-radius: 14px;
    padding: 12px 24px; font-weight: bold;
}}
QPushButton:pressed {{ background: {WHITE}; }}
QPushButton[role="secondary"] {{ background: {BLACK}; color: {YELLOW}; border: 4px solid {YELLOW}; }}
QPushButton[role="secondary"]:pressed {{ background: #333333; }}
"""


class PublicScreen(QWidget):
    """A black, high-contrast window showing the office name and whether it is open.

    Subclasses add their own content below ``office_name``; ``headline`` and ``detail`` say
    whether the office is open (hidden by subclasses that say it their own way).
    """

    def __init__(
        self,
        services: AppServices,
        title: str,
        parent: QWidget | None = None,
        refresh_ms: int = REFRESH_MS,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(title)
        self.setStyleSheet(STYLE)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.office_name = self._label(2.6, bold=True)
        self.office_name.setStyleSheet(f"color: {YELLOW};")
        self.headline = self._label(3.0, bold=True)
        self.detail = self._label(2.5)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(40, 24, 40, 24)
        self.layout_.setSpacing(12)
        self.layout_.addWidget(self.office_name)
        self.layout_.addWidget(self.headline)
        self.layout_.addWidget(self.detail)
        self._timer = QTimer(self)
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def _label(self, factor: float, bold: bool = False, text: str = "") -> QLabel:
        label = QLabel(text)
        label.setFont(scaled_font(self.font(), factor, bold))
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _button(self, text: str, factor: float = 2.8, secondary: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.setFont(scaled_font(self.font(), factor, bold=True))
        button.setMinimumHeight(96)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if secondary:
            button.setProperty("role", "secondary")
        return button

    def refresh(self) -> None:
        try:
            status = self.services.office.status()
        except Exception:
            log.exception("Public screen could not read the office status")
            self.headline.setText(ASK_AT_DESK)
            self.detail.setText("")
            return
        self.office_name.setText(status.office_name)
        headline, detail = describe_status(status)
        self.headline.setText(headline)
        self.detail.setText(detail if not status.is_open else "")
