"""A bold heading that follows the application's text size."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel

from reception_app.ui.theme import scaled_font


class Heading(QLabel):
    """A bold heading that stays a fixed factor larger than the application font, even when the
    person switches to larger text while the page is open."""

    def __init__(self, text: str, factor: float = 1.2) -> None:
        super().__init__(text)
        self._factor = factor
        self.setProperty("role", "heading")
        self.setWordWrap(True)
        self._rescale(QApplication.font())
        # The application's signal, not ApplicationFontChange: Qt does not deliver that event
        # to widgets whose font was set explicitly, which every heading's is.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.fontChanged.connect(self._rescale)

    def _rescale(self, font: QFont) -> None:
        self.setFont(scaled_font(font, self._factor, bold=True))
