"""The timeline grid widget: columns (officers, rooms or days) across, time down, blocks.

Open time is plain, closed time is hatched, free gaps are the plain cells between blocks (where
things go: geometry.py; how they look: timeline_painter.py). Mouse: click a block to choose it,
click a free cell to book there. Keyboard: arrows move the cursor cell, Enter/Space on a block
chooses it and on a free cell asks to book there, Home/End jump to the first/last row.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import replace

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from reception_app.ui.timeline.geometry import (
    TimelineBlock,
    TimelineColumn,
    TimelineGeometry,
    clock,
    fit_rows,
)
from reception_app.ui.timeline.timeline_painter import TimelinePainter

_MOVES: dict[int, tuple[int, int]] = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
    Qt.Key.Key_PageUp: (0, -4),
    Qt.Key.Key_PageDown: (0, 4),
}
"""Cursor moves: (columns, rows)."""
_ACTIVATE = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


class TimelineGrid(QWidget):
    block_chosen = Signal(object)
    """A block was clicked or chosen with the keyboard: its key."""
    block_activated = Signal(object)
    """A block was double-clicked (or Enter pressed on it): its key."""
    free_cell_activated = Signal(object, int)
    """A free cell was clicked or Enter pressed on it: (column key, start minute)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self._message = ""
        self._now: int | None = None
        self._selected: Hashable | None = None
        self._cursor = (0, 0)  # (column index, row index)
        self._geometry = TimelineGeometry()

    # --- data ---------------------------------------------------------------------------------

    def set_data(
        self,
        columns: Sequence[TimelineColumn],
        blocks: Sequence[TimelineBlock],
        *,
        first: int = 9 * 60,
        last: int = 17 * 60,
        step: int = 15,
        message: str = "",
        now: int | None = None,
    ) -> None:
        """Replace what is shown. ``first``/``last`` bound the rows (they grow to fit every
        block); ``message`` is written across a closed day; ``now`` draws the current time."""
        shown = tuple(b for b in blocks if b.end > b.start)
        first, last = fit_rows(shown, first, last, step)
        self._geometry = replace(
            self._geometry,
            columns=tuple(columns),
            blocks=shown,
            first=first,
            last=last,
            step=step,
        )
        self._message = message
        self._now = now
        if self._selected is not None and self._selected not in {b.key for b in shown}:
            self._selected = None
        column, row = self._cursor
        self._cursor = (min(column, max(0, len(columns) - 1)), min(row, self.row_count() - 1))
        self._measure()
        self.updateGeometry()
        self.update()

    @property
    def columns(self) -> list[TimelineColumn]:
        return list(self._geometry.columns)

    @property
    def blocks(self) -> list[TimelineBlock]:
        return list(self._geometry.blocks)

    @property
    def message(self) -> str:
        return self._message

    def row_count(self) -> int:
        return self._geometry.row_count()

    def selected(self) -> Hashable | None:
        return self._selected

    def select(self, key: Hashable | None) -> None:
        """Choose a block by key (None: no block); moves the cursor onto it."""
        self._selected = key
        geo = self._geometry
        block = geo.block(key)
        if block is not None:
            self._cursor = (geo.column_index(block.column), geo.row_of(block.start))
        self.update()

    def put_cursor_at(self, minute: int) -> None:
        """The keyboard cursor to the row of ``minute`` (clamped to the rows shown)."""
        self._cursor = (self._cursor[0], self._geometry.row_of(minute))
        self.update()

    def cursor_cell(self) -> tuple[int, int]:
        """(column index, row index) of the keyboard cursor."""
        return self._cursor

    def y_of(self, minute: int) -> int:
        """The pixel row of ``minute``, clamped to the grid."""
        geo = self._geometry
        return geo.y(max(geo.first, min(geo.last, minute)))

    def blocks_in(self, column: Hashable) -> list[TimelineBlock]:
        return [b for b in self._geometry.blocks if b.column == column]

    def is_open(self, column: Hashable, minute: int) -> bool:
        return self._geometry.is_open(column, minute)

    # --- geometry -----------------------------------------------------------------------------

    def _measure(self) -> None:
        """Row height, time gutter, header and the column width the titles need, from the font."""
        metrics = self.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(c.title) for c in self._geometry.columns), default=100
        )
        self._geometry = replace(
            self._geometry,
            row=max(22, int(metrics.lineSpacing() * 1.5)),
            gutter=metrics.horizontalAdvance("00:00") + 16,
            header=metrics.lineSpacing() * 2 + 10,
            natural_column=max(130, min(260, widest + 20)),
        )

    def geometry_now(self) -> TimelineGeometry:
        """Where everything is at the widget's present width."""
        return self._geometry.at_width(self.width())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        self._measure()
        return QSize(*self._geometry.size_hint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = self.sizeHint()
        return QSize(self._geometry.minimum_width(), hint.height())

    def block_rect(self, key: Hashable) -> QRect:
        """Where a block is drawn (empty when it is not shown)."""
        box = self.geometry_now().block_box(key)
        return QRect() if box is None else QRect(*box)

    def cell_point(self, column: Hashable, minute: int) -> QPoint:
        """The centre of the cell of ``column`` at ``minute`` (for tests and tooltips)."""
        return QPoint(*self.geometry_now().cell_centre(column, minute))

    # --- input --------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        point = event.position().toPoint()
        block, column, row = self.geometry_now().hit(point.x(), point.y())
        if column is None or row is None:
            return None
        self._cursor = (column, row)
        if block is not None:
            self._choose(block)
        else:
            self._selected = None
            self.update()
            self._free_cell(column, row)
        return None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        point = event.position().toPoint()
        block, _column, _row = self.geometry_now().hit(point.x(), point.y())
        if block is not None and block.selectable:
            self.block_activated.emit(block.key)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        key = event.key()
        column, row = self._cursor
        columns = len(self._geometry.columns)
        if key in _MOVES and columns:
            dx, dy = _MOVES[key]
            column = max(0, min(columns - 1, column + dx))
            row = max(0, min(self.row_count() - 1, row + dy))
        elif key == Qt.Key.Key_Home:
            row = 0
        elif key == Qt.Key.Key_End:
            row = self.row_count() - 1
        elif key in _ACTIVATE and columns:
            self._activate(column, row, enter=key != Qt.Key.Key_Space)
            return
        else:
            super().keyPressEvent(event)
            return
        self._cursor = (column, row)
        block = self._geometry.block_at(column, row)
        if block is not None:
            self._choose(block)
        else:
            self.update()
        self._announce()

    def _activate(self, column: int, row: int, *, enter: bool) -> None:
        """Enter or Space on the cursor cell: a block is chosen (Enter also activates it); a free
        cell asks to book there."""
        block = self._geometry.block_at(column, row)
        if block is not None:
            self._choose(block)
            if enter:
                self.block_activated.emit(block.key)
        else:
            self._free_cell(column, row)

    def _choose(self, block: TimelineBlock) -> None:
        if not block.selectable:
            return
        self._selected = block.key
        self.update()
        self.block_chosen.emit(block.key)

    def _free_cell(self, column: int, row: int) -> None:
        geo = self._geometry
        self.free_cell_activated.emit(geo.columns[column].key, geo.minute_of_row(row))

    def _announce(self) -> None:
        """What the cursor is on, for screen readers and the tooltip."""
        geo = self._geometry
        if not geo.columns:
            return
        column, row = self._cursor
        col = geo.columns[column]
        minute = geo.minute_of_row(row)
        block = geo.block_at(column, row)
        if block is not None:
            text = f"{col.title}, {clock(block.start)}-{clock(block.end)}: {block.title}"
        elif geo.is_open(col.key, minute):
            text = f"{col.title}, {clock(minute)}: free (Enter to book)"
        else:
            text = f"{col.title}, {clock(minute)}: closed"
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    def cursor_text(self) -> str:
        self._announce()
        return self.accessibleDescription()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        super().focusInEvent(event)
        self._announce()
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        super().focusOutEvent(event)
        self.update()

    # --- painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        TimelinePainter(painter, self.geometry_now(), self.palette(), self.fontMetrics()).paint(
            self.rect(),
            selected=self._selected,
            cursor=self._cursor if self.hasFocus() else None,
            now=self._now,
            message=self._message,
        )
        painter.end()
