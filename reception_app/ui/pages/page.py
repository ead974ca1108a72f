"""Base class of the screens in the sidebar: a title, a refresh that re-reads the database."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QWidget

from reception_app.domain.changes import Topic
from reception_app.ui.desk_state import DeskState
from reception_app.ui.live import Reading, Show, keep_view
from reception_app.ui.widgets.card import card
from reception_app.ui.widgets.heading import Heading


class Page(QWidget):
    """A sidebar screen. Every subclass defines ``refresh()``, which re-reads everything it shows
    from the database (other desks may have changed it); the main window calls it on show."""

    title = "Page"
    topics: frozenset[Topic] = frozenset()
    """What the page shows: a change to one of these (at any desk) re-reads it while it is in
    view (ui/live.py); a page not in view is re-read when it is shown."""

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setAccessibleName(self.title)

    def refresh(self) -> None:
        """Re-read everything the page shows from the database."""
        raise NotImplementedError(f"{type(self).__name__} must define refresh()")

    def live_reading(self, topics: frozenset[Topic]) -> tuple[Reading, Show] | None:
        """How to re-read after a change to ``topics`` off the GUI thread: (read, show), or
        None to re-read with ``live_refresh`` on the GUI thread."""
        return None

    def live_refresh(self, topics: frozenset[Topic]) -> None:
        """Re-read on the GUI thread, keeping the scroll positions (the chosen rows and any
        typed text are kept by each page's refresh)."""
        with keep_view(self):
            self.refresh()

    def heading(self, text: str, factor: float = 1.5) -> QLabel:
        """A bold heading ``factor`` times the body text; it follows later text-size changes."""
        return Heading(text, factor)

    @staticmethod
    def card(*widgets: QWidget) -> QFrame:
        """The widgets in a frame drawn as a card (ui.widgets.card)."""
        return card(*widgets)
