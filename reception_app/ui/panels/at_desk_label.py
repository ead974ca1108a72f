"""Today's line about this desk: who is at it now (ticket, name, needs, note) or why nobody is."""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from reception_app.domain.visits import Visit
from reception_app.ui.models.queue_table_model import texted_words
from reception_app.ui.theme import scaled_font


def at_desk_label(font: QFont) -> QLabel:
    """The label the line goes in: bold, a little larger than ``font``, wrapping."""
    label = QLabel()
    label.setAccessibleName("Visitor at your desk")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # the name and note are typed text
    label.setFont(scaled_font(font, 1.15, bold=True))
    return label


def at_desk_text(desk_key: str, visit: Visit | None, paused: bool, zone: tzinfo | None) -> str:
    """'Now at your desk: G008 Ann (called 10:30). Needs: Loop, Large print. Note: ...'
    The needs come straight after the name: the hearing loop must be on before they sit."""
    if not desk_key:
        return "Choose this PC's desk to call visitors."
    if visit is None:
        return "Nobody at your desk." + (" The desk is paused." if paused else "")
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
    return " ".join(parts)
