"""Where everything goes on a timeline grid, in pixels: pure Python, testable without a window.

Times are minutes after local midnight of the day shown, so none of this knows about time zones:
the pages convert to the office's local time first (``minute_of``, ``spans_of``).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from typing import NamedTuple

from reception_app.domain.officer_hours import Span

__all__ = [
    "Box",
    "Span",
    "TimelineBlock",
    "TimelineColumn",
    "TimelineGeometry",
    "clock",
    "fit_rows",
    "lanes_of",
    "minute_of",
    "row_bounds",
    "spans_of",
]


def clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@dataclass(frozen=True, slots=True)
class TimelineColumn:
    key: Hashable
    title: str
    open_spans: tuple[Span, ...] = ()
    note: str = ""
    """Shown under the title, e.g. 'Away' or 'Closed: Christmas Day'."""


@dataclass(frozen=True, slots=True)
class TimelineBlock:
    key: Hashable
    column: Hashable
    start: int
    end: int
    title: str
    detail: str = ""
    kind: str = "booked"
    selectable: bool = True


class Box(NamedTuple):
    """A rectangle as Qt's QRect(x, y, width, height) means it (the grid turns it into one)."""

    x: int
    y: int
    width: int
    height: int

    def contains(self, px: int, py: int) -> bool:
        """As QRect.contains(point): edges included, a negative size counted from the far edge."""
        return _within(px, self.x, self.width) and _within(py, self.y, self.height)


def _within(value: int, start: int, size: int) -> bool:
    end = start + size - 1
    low, high = (end, start) if end < start - 1 else (start, end)
    return low <= value <= high


def fit_rows(blocks: Sequence[TimelineBlock], first: int, last: int, step: int) -> Span:
    """(first, last) grown to whole steps around every block, and at least one step long."""
    for block in blocks:
        first = min(first, block.start - block.start % step)
        last = max(last, block.end + (-block.end) % step)
    return first, max(last, first + step)


def lanes_of(blocks: Sequence[TimelineBlock], column: Hashable) -> dict[Hashable, tuple[int, int]]:
    """(lane, lanes) per block key: side-by-side lanes for blocks of ``column`` that overlap (a
    buffer next to a booking never does)."""
    ordered = sorted(
        (b for b in blocks if b.column == column and b.kind != "buffer"),
        key=lambda b: (b.start, b.end),
    )
    lanes: dict[Hashable, tuple[int, int]] = {}
    group: list[TimelineBlock] = []
    group_end = -1
    ends: list[int] = []

    def close() -> None:
        for b in group:
            lanes[b.key] = (lanes[b.key][0], len(ends))

    for block in ordered:
        if block.start >= group_end and group:
            close()
            group, ends = [], []
        lane = next((i for i, end in enumerate(ends) if end <= block.start), None)
        if lane is None:
            ends.append(block.end)
            lane = len(ends) - 1
        else:
            ends[lane] = block.end
        lanes[block.key] = (lane, 1)
        group.append(block)
        group_end = max(group_end, block.end)
    if group:
        close()
    return lanes


@dataclass(frozen=True, slots=True)
class TimelineGeometry:
    """What is shown (columns, blocks, the rows from ``first`` to ``last`` every ``step``
    minutes) and the sizes measured from the font, at a widget ``width``."""

    columns: tuple[TimelineColumn, ...] = ()
    blocks: tuple[TimelineBlock, ...] = ()
    first: int = 9 * 60
    last: int = 17 * 60
    step: int = 15
    gutter: int = 60
    """Width of the time labels on the left."""
    header: int = 40
    """Height of the column titles and notes."""
    row: int = 24
    natural_column: int = 150
    """The width a column would like (its title fits), for the size hint."""
    width: int = 0

    def at_width(self, width: int) -> TimelineGeometry:
        return self if width == self.width else replace(self, width=width)

    # --- sizes --------------------------------------------------------------------------------

    def row_count(self) -> int:
        return max(1, (self.last - self.first) // self.step)

    def size_hint(self) -> tuple[int, int]:
        return (
            self.gutter + self.natural_column * max(1, len(self.columns)) + 2,
            self.header + self.row * self.row_count() + 2,
        )

    def minimum_width(self) -> int:
        return self.gutter + 120

    def column_width(self) -> int:
        count = max(1, len(self.columns))
        return max(80, (self.width - self.gutter - 2) // count)

    def y(self, minute: int) -> int:
        return self.header + round((minute - self.first) * self.row / self.step)

    def x(self, column: int) -> int:
        return self.gutter + column * self.column_width()

    def bottom(self) -> int:
        return self.y(self.last)

    # --- finding things -----------------------------------------------------------------------

    def row_of(self, minute: int) -> int:
        return max(0, min(self.row_count() - 1, (minute - self.first) // self.step))

    def minute_of_row(self, row: int) -> int:
        return self.first + row * self.step

    def column_index(self, key: Hashable) -> int:
        return next((i for i, c in enumerate(self.columns) if c.key == key), 0)

    def block(self, key: Hashable | None) -> TimelineBlock | None:
        if key is None:
            return None
        return next((b for b in self.blocks if b.key == key), None)

    def is_open(self, column: Hashable, minute: int) -> bool:
        col = next((c for c in self.columns if c.key == column), None)
        return col is not None and any(a <= minute < b for a, b in col.open_spans)

    def block_at(self, column: int, row: int) -> TimelineBlock | None:
        """The block (not a buffer) in the cell of column index ``column`` and ``row``."""
        if not self.columns:
            return None
        key = self.columns[column].key
        minute = self.minute_of_row(row)
        return next(
            (
                b
                for b in self.blocks
                if b.column == key
                and b.kind != "buffer"
                and b.start < minute + self.step
                and b.end > minute
            ),
            None,
        )

    def block_box(self, key: Hashable) -> Box | None:
        """Where a block is drawn (None when it is not shown)."""
        block = self.block(key)
        if block is None:
            return None
        lane, count = lanes_of(self.blocks, block.column).get(block.key, (0, 1))
        lane_width = (self.column_width() - 8) // count
        return Box(
            self.x(self.column_index(block.column)) + 4 + lane * lane_width,
            self.y(block.start) + 1,
            lane_width - 2,
            max(self.y(block.end) - self.y(block.start) - 2, 6),
        )

    def buffer_box(self, block: TimelineBlock) -> Box:
        """A set-up buffer is drawn across its whole column, behind the bookings."""
        return Box(
            self.x(self.column_index(block.column)) + 4,
            self.y(block.start),
            self.column_width() - 8,
            max(self.y(block.end) - self.y(block.start), 2),
        )

    def cell_centre(self, column: Hashable, minute: int) -> tuple[int, int]:
        """The centre of the cell of ``column`` at ``minute``."""
        return (
            self.x(self.column_index(column)) + self.column_width() // 2,
            self.y(minute - (minute - self.first) % self.step) + self.row // 2,
        )

    def hit(self, px: int, py: int) -> tuple[TimelineBlock | None, int | None, int | None]:
        """(block, column index, row index) under the point; Nones outside the cells."""
        for block in reversed(self.blocks):
            box = self.block_box(block.key)
            if block.kind != "buffer" and box is not None and box.contains(px, py):
                return block, self.column_index(block.column), self.row_of(block.start)
        if px < self.gutter or py < self.header or not self.columns:
            return None, None, None
        column = (px - self.gutter) // self.column_width()
        row = (py - self.header) // self.row
        if column >= len(self.columns) or row >= self.row_count():
            return None, None, None
        return None, column, row


# --- times as minutes: helpers the pages share ------------------------------------------------


def minute_of(moment: datetime, day: date, zone: tzinfo) -> int:
    """Minutes after local midnight of ``day`` (clamped to the day) for an aware datetime."""
    local = moment.astimezone(zone)
    if local.date() < day:
        return 0
    if local.date() > day:
        return 24 * 60
    return local.hour * 60 + local.minute


def spans_of(intervals: Sequence[tuple[datetime, datetime]]) -> tuple[Span, ...]:
    """Local opening intervals (aware, office zone) as minute spans."""
    return tuple((a.hour * 60 + a.minute, b.hour * 60 + b.minute) for a, b in intervals)


def row_bounds(columns: Sequence[TimelineColumn], default: Span = (9 * 60, 17 * 60)) -> Span:
    """Whole hours around every column's open time (``default`` when all are closed)."""
    starts = [a for c in columns for a, _ in c.open_spans]
    ends = [b for c in columns for _, b in c.open_spans]
    if not starts:
        return default
    return (min(starts) // 60 * 60, -(-max(ends) // 60) * 60)
