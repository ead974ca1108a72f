"""Shared parts of the windows the public sees (kiosk, display): large text, no personal details."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from reception_app.domain.changes import Topic
from reception_app.services.container import AppServices
from reception_app.ui.changes import ChangeHub
from reception_app.ui.live import LiveReload, Reading, Show
from reception_app.ui.text import describe_status
from reception_app.ui.theme import scaled_font

log = logging.getLogger(__name__)

CLOCK_MS = 60_000
"""What the clock alone changes (open or closed now, the waits) is read again this often; what
other desks change arrives through the change hub within a second (``listen``)."""
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
        refresh_ms: int = CLOCK_MS,
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
        self.hub: ChangeHub | None = None
        self.live = LiveReload(self.live_reading, lambda _t: self.refresh(), self)
        self._timer = QTimer(self)
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(lambda: self.live.request(self.topics))
        self._timer.start()

    topics: frozenset[Topic] = frozenset({Topic.SETTINGS})
    """What the screen shows: a change to one of these re-reads it (``listen``)."""

    def listen(self, hub: ChangeHub) -> None:
        """Re-read when ``hub`` reports a change to the screen's topics; say so while the
        database cannot be reached (``connection_changed``)."""
        self.hub = hub
        hub.changed.connect(self._heard)
        hub.connection_changed.connect(self.connection_changed)

    def _heard(self, topics: frozenset[Topic]) -> None:
        if topics & self.topics:
            self.live.request(topics)

    def live_reading(self, topics: frozenset[Topic]) -> tuple[Reading, Show] | None:
        """(read off the GUI thread, show on it), or None to ``refresh`` on the GUI thread."""
        return None

    def connection_changed(self, up: bool) -> None:
        """The database stopped (False) or started again (True) answering."""

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
