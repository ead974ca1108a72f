"""A framed card that groups a few widgets (style sheets key on role=card)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget


def card(*widgets: QWidget) -> QFrame:
    """The widgets one under the other in a frame drawn as a card."""
    frame = QFrame()
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    for widget in widgets:
        layout.addWidget(widget)
    return frame
