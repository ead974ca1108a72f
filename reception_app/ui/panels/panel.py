"""Base class of the panels: one tab, board or list of a page, re-read on refresh()."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from reception_app.ui.desk_state import DeskState


class Panel(QWidget):
    """A part of a page. Every subclass defines ``refresh()``, which re-reads what it shows
    from the database; the page calls it from its own refresh (and when the panel's data
    changed)."""

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        # Drawn as a plain QWidget is (style sheets give QWidget a background, e.g. in high
        # contrast); Qt only does that by itself for QWidget, not for a subclass.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

    def refresh(self) -> None:
        """Re-read everything the panel shows from the database."""
        raise NotImplementedError(f"{type(self).__name__} must define refresh()")
