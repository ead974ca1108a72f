"""A timeline grid and the day navigator above it; the pages import everything from here.

Columns of officers, rooms or days across, time of day down, bookings as blocks.
"""

from reception_app.ui.timeline.day_navigator import DayNavigator
from reception_app.ui.timeline.geometry import (
    Span,
    TimelineBlock,
    TimelineColumn,
    clock,
    minute_of,
    row_bounds,
    spans_of,
)
from reception_app.ui.timeline.timeline_area import TimelineArea
from reception_app.ui.timeline.timeline_grid import TimelineGrid
from reception_app.ui.timeline.timeline_painter import BLOCK_COLOURS

__all__ = [
    "BLOCK_COLOURS",
    "DayNavigator",
    "Span",
    "TimelineBlock",
    "TimelineArea",
    "TimelineColumn",
    "TimelineGrid",
    "clock",
    "minute_of",
    "row_bounds",
    "spans_of",
]
