"""Today's line about this desk: who is at it now (ticket, name, needs, note) or why nobody is."""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from reception_app.domain.visits import Visit
from reception_app.ui.models.queue_table_model import texted_words
from reception_app.ui.theme import scaled_font


class AtDeskLabel(QLabel):
    """'Now at your desk: G008 Ann (called 10:30). Needs: Loop, Large print. Note: ...'
    The needs come first after the name: the hearing loop must be on before they sit down."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Visitor at your desk")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # the name and note are typed text
        self.setFont(scaled_font(self.font(), 1.15, bold=True))

    def show_desk(
        self, desk_key: str, visit: Visit | None, paused: bool, zone: tzinfo | None
    ) -> None:
        if not desk_key:
            self.setText("Choose this PC's desk to call visitors.")
            return
        if visit is None:
            self.setText("Nobody at your desk." + (" The desk is paused." if paused else ""))
            return
        called = visit.called_at
        when = f" (called {called.astimezone(zone):%H:%M})" if called else ""
        parts = [f"Now at your desk: {visit.ticket} {visit.display_name}{when}."]
        needs = visit.needs.words()
        if needs:
            parts.append(f"Needs: {', '.join(needs)}.")
        if visit.note:
            parts.append(f"Note: {visit.note}")
        texted = texted_words(visit.texted)
        if texted:
            parts.append(f"{texted}.")
        self.setText(" ".join(parts))
