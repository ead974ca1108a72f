"""A timeline grid: columns (officers, rooms or days) across, time of day down, bookings as blocks.

Painted with QPainter. Times are minutes after local midnight, so the widget knows nothing of
time zones: the page converts to the office's local time first. Open time is plain, closed time
is hatched, free gaps are the plain cells between blocks. Mouse: click a block to choose it,
click a free cell to book there. Keyboard: arrows move the cursor cell, Enter/Space on a block
chooses it and on a free cell asks to book there, Home/End jump to the first/last row.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import QDate, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QShortcut,
)
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

Span = tuple[int, int]
"""(start, end) in minutes after local midnight."""

BLOCK_COLOURS = {
    "booked": ("#d6e6f7", "#1f5f99"),
    "arrived": ("#fff1c2", "#8a6100"),
    "seen": ("#d9efdc", "#0b6b2f"),
    "no_show": ("#f3d6d6", "#b00020"),
    "buffer": ("#dcdcdc", "#6f6f6f"),
    "other": ("#e8ddf3", "#5b3a87"),
}
"""(fill, outline) per kind of block; text is always black on these light fills."""


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


@dataclass(slots=True)
class _Layout:
    first: int = 9 * 60
    last: int = 17 * 60
    step: int = 15
    gutter: int = 60
    header: int = 40
    row: int = 24
    column: int = 150
    rects: dict[Hashable, QRect] = field(default_factory=dict)


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
        self._columns: list[TimelineColumn] = []
        self._blocks: list[TimelineBlock] = []
        self._message = ""
        self._now: int | None = None
        self._selected: Hashable | None = None
        self._cursor = (0, 0)  # (column index, row index)
        self._layout = _Layout()

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
        self._columns = list(columns)
        self._blocks = [b for b in blocks if b.end > b.start]
        for block in self._blocks:
            first = min(first, block.start - block.start % step)
            last = max(last, block.end + (-block.end) % step)
        self._layout.first, self._layout.last, self._layout.step = (
            first,
            max(last, first + step),
            step,
        )
        self._message = message
        self._now = now
        if self._selected is not None and self._selected not in {b.key for b in self._blocks}:
            self._selected = None
        column, row = self._cursor
        self._cursor = (min(column, max(0, len(self._columns) - 1)), min(row, self.row_count() - 1))
        self._measure()
        self.updateGeometry()
        self.update()

    @property
    def columns(self) -> list[TimelineColumn]:
        return list(self._columns)

    @property
    def blocks(self) -> list[TimelineBlock]:
        return list(self._blocks)

    @property
    def message(self) -> str:
        return self._message

    def row_count(self) -> int:
        return max(1, (self._layout.last - self._layout.first) // self._layout.step)

    def selected(self) -> Hashable | None:
        return self._selected

    def select(self, key: Hashable | None) -> None:
        """Choose a block by key (None: no block); moves the cursor onto it."""
        self._selected = key
        block = self._block(key)
        if block is not None:
            self._cursor = (self._column_index(block.column), self._row_of(block.start))
        self.update()

    def blocks_in(self, column: Hashable) -> list[TimelineBlock]:
        return [b for b in self._blocks if b.column == column]

    def is_open(self, column: Hashable, minute: int) -> bool:
        col = next((c for c in self._columns if c.key == column), None)
        return col is not None and any(a <= minute < b for a, b in col.open_spans)

    # --- geometry -----------------------------------------------------------------------------

    def _measure(self) -> None:
        metrics = self.fontMetrics()
        lay = self._layout
        lay.row = max(22, int(metrics.lineSpacing() * 1.5))
        lay.gutter = metrics.horizontalAdvance("00:00") + 16
        lay.header = metrics.lineSpacing() * 2 + 10
        widest = max((metrics.horizontalAdvance(c.title) for c in self._columns), default=100)
        lay.column = max(130, min(260, widest + 20))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        self._measure()
        lay = self._layout
        return QSize(
            lay.gutter + lay.column * max(1, len(self._columns)) + 2,
            lay.header + lay.row * self.row_count() + 2,
        )

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = self.sizeHint()
        return QSize(self._layout.gutter + 120, hint.height())

    def _column_width(self) -> int:
        count = max(1, len(self._columns))
        return max(80, (self.width() - self._layout.gutter - 2) // count)

    def _y(self, minute: int) -> int:
        lay = self._layout
        return lay.header + round((minute - lay.first) * lay.row / lay.step)

    def _x(self, column: int) -> int:
        return self._layout.gutter + column * self._column_width()

    def _row_of(self, minute: int) -> int:
        lay = self._layout
        return max(0, min(self.row_count() - 1, (minute - lay.first) // lay.step))

    def _column_index(self, key: Hashable) -> int:
        return next((i for i, c in enumerate(self._columns) if c.key == key), 0)

    def _block(self, key: Hashable | None) -> TimelineBlock | None:
        if key is None:
            return None
        return next((b for b in self._blocks if b.key == key), None)

    def block_rect(self, key: Hashable) -> QRect:
        """Where a block is drawn (empty when it is not shown)."""
        block = self._block(key)
        if block is None:
            return QRect()
        index = self._column_index(block.column)
        width = self._column_width()
        lanes = self._lanes(block.column)
        lane, count = lanes.get(block.key, (0, 1))
        lane_width = (width - 8) // count
        return QRect(
            self._x(index) + 4 + lane * lane_width,
            self._y(block.start) + 1,
            lane_width - 2,
            max(self._y(block.end) - self._y(block.start) - 2, 6),
        )

    def cell_point(self, column: Hashable, minute: int) -> QPoint:
        """The centre of the cell of ``column`` at ``minute`` (for tests and tooltips)."""
        index = self._column_index(column)
        lay = self._layout
        return QPoint(
            self._x(index) + self._column_width() // 2,
            self._y(minute - (minute - lay.first) % lay.step) + lay.row // 2,
        )

    def _lanes(self, column: Hashable) -> dict[Hashable, tuple[int, int]]:
        """Side-by-side lanes for blocks that overlap (a buffer next to a booking never does)."""
        blocks = sorted(
            (b for b in self._blocks if b.column == column and b.kind != "buffer"),
            key=lambda b: (b.start, b.end),
        )
        lanes: dict[Hashable, tuple[int, int]] = {}
        group: list[TimelineBlock] = []
        group_end = -1
        ends: list[int] = []

        def close() -> None:
            for b in group:
                lanes[b.key] = (lanes[b.key][0], len(ends))

        for block in blocks:
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

    def _hit(self, point: QPoint) -> tuple[TimelineBlock | None, int | None, int | None]:
        """(block, column index, row index) under ``point``."""
        for block in reversed(self._blocks):
            if block.kind != "buffer" and self.block_rect(block.key).contains(point):
                return block, self._column_index(block.column), self._row_of(block.start)
        lay = self._layout
        if point.x() < lay.gutter or point.y() < lay.header or not self._columns:
            return None, None, None
        column = (point.x() - lay.gutter) // self._column_width()
        row = (point.y() - lay.header) // lay.row
        if column >= len(self._columns) or row >= self.row_count():
            return None, None, None
        return None, column, row

    # --- input --------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        block, column, row = self._hit(event.position().toPoint())
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
        block, _column, _row = self._hit(event.position().toPoint())
        if block is not None and block.selectable:
            self.block_activated.emit(block.key)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        key = event.key()
        column, row = self._cursor
        moves: dict[int, tuple[int, int]] = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
            Qt.Key.Key_PageUp: (0, -4),
            Qt.Key.Key_PageDown: (0, 4),
        }
        if key in moves and self._columns:
            dx, dy = moves[key]
            column = max(0, min(len(self._columns) - 1, column + dx))
            row = max(0, min(self.row_count() - 1, row + dy))
        elif key == Qt.Key.Key_Home:
            row = 0
        elif key == Qt.Key.Key_End:
            row = self.row_count() - 1
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._columns:
            block = self._block_at(column, row)
            if block is not None:
                self._choose(block)
                if key != Qt.Key.Key_Space:
                    self.block_activated.emit(block.key)
            else:
                self._free_cell(column, row)
            return
        else:
            super().keyPressEvent(event)
            return
        self._cursor = (column, row)
        block = self._block_at(column, row)
        if block is not None:
            self._choose(block)
        else:
            self.update()
        self._announce()

    def _block_at(self, column: int, row: int) -> TimelineBlock | None:
        if not self._columns:
            return None
        key = self._columns[column].key
        minute = self._layout.first + row * self._layout.step
        return next(
            (
                b
                for b in self._blocks
                if b.column == key
                and b.kind != "buffer"
                and b.start < minute + self._layout.step
                and b.end > minute
            ),
            None,
        )

    def _choose(self, block: TimelineBlock) -> None:
        if not block.selectable:
            return
        self._selected = block.key
        self.update()
        self.block_chosen.emit(block.key)

    def _free_cell(self, column: int, row: int) -> None:
        key = self._columns[column].key
        minute = self._layout.first + row * self._layout.step
        self.free_cell_activated.emit(key, minute)

    def _announce(self) -> None:
        """What the cursor is on, for screen readers and the tooltip."""
        if not self._columns:
            return
        column, row = self._cursor
        col = self._columns[column]
        minute = self._layout.first + row * self._layout.step
        block = self._block_at(column, row)
        if block is not None:
            text = f"{col.title}, {clock(block.start)}-{clock(block.end)}: {block.title}"
        elif self.is_open(col.key, minute):
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
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        lay = self._layout
        width = self._column_width()
        rows = self.row_count()
        bottom = self._y(lay.last)
        text_colour = palette.windowText().color()
        base = palette.base().color()
        closed = palette.window().color().darker(108)
        grid = QColor(text_colour)
        grid.setAlpha(60)
        painter.fillRect(self.rect(), palette.window())

        metrics = self.fontMetrics()
        for index, column in enumerate(self._columns):
            x = self._x(index)
            # Closed background, then the open spans on top, then the grid lines.
            painter.fillRect(QRect(x, lay.header, width, bottom - lay.header), closed)
            hatch = QBrush(grid, Qt.BrushStyle.BDiagPattern)
            painter.fillRect(QRect(x, lay.header, width, bottom - lay.header), hatch)
            for a, b in column.open_spans:
                top, end = self._y(max(a, lay.first)), self._y(min(b, lay.last))
                if end > top:
                    painter.fillRect(QRect(x, top, width, end - top), base)
            painter.setPen(text_colour)
            title_rect = QRect(x + 4, 2, width - 8, metrics.lineSpacing() + 2)
            bold = painter.font()
            bold.setBold(True)
            painter.setFont(bold)
            painter.drawText(
                title_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.fontMetrics().elidedText(column.title, Qt.TextElideMode.ElideRight, width - 8),
            )
            bold.setBold(False)
            painter.setFont(bold)
            if column.note:
                painter.drawText(
                    QRect(x + 4, 4 + metrics.lineSpacing(), width - 8, metrics.lineSpacing() + 2),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    metrics.elidedText(column.note, Qt.TextElideMode.ElideRight, width - 8),
                )

        # Rows: a line every step, a stronger one and the time every half hour.
        for row in range(rows + 1):
            minute = lay.first + row * lay.step
            y = self._y(minute)
            strong = minute % 30 == 0
            pen = QPen(grid)
            pen.setWidth(1)
            if not strong:
                pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawLine(lay.gutter, y, lay.gutter + width * len(self._columns), y)
            if strong and row < rows:
                painter.setPen(text_colour)
                painter.drawText(
                    QRect(0, y, lay.gutter - 6, lay.row),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                    clock(minute),
                )
        painter.setPen(QPen(grid))
        for index in range(len(self._columns) + 1):
            x = self._x(index)
            painter.drawLine(x, 0, x, bottom)

        for block in self._blocks:
            self._paint_block(painter, block)

        if self._now is not None and lay.first <= self._now <= lay.last and self._columns:
            pen = QPen(QColor("#b00020"))
            pen.setWidth(2)
            painter.setPen(pen)
            y = self._y(self._now)
            painter.drawLine(lay.gutter, y, lay.gutter + width * len(self._columns), y)

        if self.hasFocus() and self._columns:
            cursor_column, row = self._cursor
            minute = lay.first + row * lay.step
            pen = QPen(palette.highlight().color())
            pen.setWidth(2)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(
                QRect(self._x(cursor_column) + 1, self._y(minute) + 1, width - 3, lay.row - 2)
            )

        if self._message:
            painter.setPen(text_colour)
            font = painter.font()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.2)
            painter.setFont(font)
            area = QRect(lay.gutter, lay.header, self.width() - lay.gutter, bottom - lay.header)
            box = painter.fontMetrics().boundingRect(
                area.adjusted(20, 0, -20, 0), Qt.TextFlag.TextWordWrap, self._message
            )
            box.moveCenter(QPoint(area.center().x(), lay.header + 3 * lay.row))
            painter.fillRect(box.adjusted(-12, -8, 12, 8), base)
            painter.drawRect(box.adjusted(-12, -8, 12, 8))
            painter.drawText(
                box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message
            )
        painter.end()

    def _paint_block(self, painter: QPainter, block: TimelineBlock) -> None:
        index = self._column_index(block.column)
        if block.kind == "buffer":
            rect = QRect(
                self._x(index) + 4,
                self._y(block.start),
                self._column_width() - 8,
                max(self._y(block.end) - self._y(block.start), 2),
            )
            fill, outline = BLOCK_COLOURS["buffer"]
            painter.fillRect(rect, QColor(fill))
            painter.fillRect(rect, QBrush(QColor(outline), Qt.BrushStyle.Dense6Pattern))
            return
        rect = self.block_rect(block.key)
        fill, outline = BLOCK_COLOURS.get(block.kind, BLOCK_COLOURS["other"])
        pen = QPen(QColor(outline))
        pen.setWidth(3 if block.key == self._selected else 1)
        painter.setPen(pen)
        painter.setBrush(QColor(fill))
        painter.drawRect(rect)
        if block.key == self._selected:
            inner = QPen(QColor("#000000"))
            inner.setWidth(1)
            painter.setPen(inner)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(3, 3, -3, -3))
        painter.setPen(QColor("#000000"))
        metrics = painter.fontMetrics()
        inner_rect = rect.adjusted(5, 2, -4, -2)
        lines = [f"{clock(block.start)} {block.title}"]
        if block.detail:
            lines.append(block.detail)
        y = inner_rect.top()
        for number, line in enumerate(lines):
            if y + metrics.height() > inner_rect.bottom() + 3 and number > 0:
                break
            font = painter.font()
            font.setBold(number == 0)
            painter.setFont(font)
            text = painter.fontMetrics().elidedText(
                line, Qt.TextElideMode.ElideRight, inner_rect.width()
            )
            painter.drawText(
                QRect(inner_rect.left(), y, inner_rect.width(), metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            y += metrics.height()
        font = painter.font()
        font.setBold(False)
        painter.setFont(font)


# --- helpers the pages share ------------------------------------------------------------------


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


class DayNavigator(QWidget):
    """Previous day, Today, Next day and a date box; ``day_changed`` carries the new date.

    Keys (while the page is shown): Alt+Left, Alt+Right, Alt+Home; the date box takes typing."""

    day_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, step_days: int = 1) -> None:
        super().__init__(parent)
        self._step = step_days
        self.previous_button = QPushButton("◀ &Previous")
        self.previous_button.setToolTip("Previous day (Alt+Left)")
        self.today_button = QPushButton("T&oday")
        self.today_button.setToolTip("Today (Alt+Home)")
        self.next_button = QPushButton("Ne&xt ▶")
        self.next_button.setToolTip("Next day (Alt+Right)")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        self.date.setAccessibleName("Day shown")
        label = QLabel("Da&y:")
        label.setBuddy(self.date)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.previous_button, self.today_button, self.next_button, label, self.date):
            row.addWidget(widget)
        for button in (self.previous_button, self.today_button, self.next_button):
            button.setAutoDefault(False)
        self._today = date.today()
        self.previous_button.clicked.connect(lambda: self.step(-self._step))
        self.next_button.clicked.connect(lambda: self.step(self._step))
        self.today_button.clicked.connect(self.go_today)
        self.date.dateChanged.connect(self._typed)
        for keys, slot in (
            ("Alt+Left", lambda: self.step(-self._step)),
            ("Alt+Right", lambda: self.step(self._step)),
            ("Alt+Home", self.go_today),
        ):
            QShortcut(QKeySequence(keys), self, slot)

    def set_step(self, days: int) -> None:
        self._step = days
        unit = "week" if days == 7 else "day"
        self.previous_button.setToolTip(f"Previous {unit} (Alt+Left)")
        self.next_button.setToolTip(f"Next {unit} (Alt+Right)")

    def set_today(self, today: date) -> None:
        self._today = today

    def day(self) -> date:
        d = self.date.date()
        return date(d.year(), d.month(), d.day())

    def set_day(self, day: date, *, quiet: bool = False) -> None:
        self.date.blockSignals(True)
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.date.blockSignals(False)
        if not quiet:
            self.day_changed.emit(day)

    def step(self, days: int) -> None:
        self.set_day(self.day() + timedelta(days=days))

    def go_today(self) -> None:
        self.set_day(self._today)

    def _typed(self, _value: QDate) -> None:
        self.day_changed.emit(self.day())
