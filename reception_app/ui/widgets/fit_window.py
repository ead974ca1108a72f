"""Let a dialog grow (or shrink back) when a message or a list inside it appears or goes."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget


def fit_window(widget: QWidget, shrink: bool = False) -> None:
    """Let the dialog around ``widget`` grow so a list or a note that just appeared is not
    squeezed or cut off; ``shrink`` gives back the room of a list that was closed."""
    window = widget.window()
    layout = window.layout()
    if isinstance(window, QDialog) and layout is not None:
        layout.activate()
        needed = window.sizeHint().height()
        window.resize(window.width(), needed if shrink else max(window.height(), needed))
