"""A column of fields that scrolls up and down, never sideways, and is never narrower than
what it holds."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout, QScrollArea, QWidget


def scrolling_column(layout: QLayout, min_width: int) -> QScrollArea:
    """``layout`` in a scroll area at least ``min_width`` wide: it cannot scroll sideways, so
    it is as wide as its widest row needs (the letter options were cut off at large text)."""
    column = QWidget()
    column.setLayout(layout)
    column.setMinimumWidth(min_width)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(column)
    bar = scroll.verticalScrollBar().sizeHint().width()
    needed = max(column.minimumWidth(), column.minimumSizeHint().width())
    scroll.setMinimumWidth(needed + bar + 2 * scroll.frameWidth())
    return scroll
