"""Paints a timeline grid's geometry with QPainter: closed time hatched, open time plain, blocks."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPalette, QPen

from reception_app.ui.timeline.geometry import Box, TimelineBlock, TimelineGeometry, clock

BLOCK_COLOURS = {
    "booked": ("#d6e6f7", "#1f5f99"),
    "arrived": ("#fff1c2", "#8a6100"),
    "seen": ("#d9efdc", "#0b6b2f"),
    "no_show": ("#f3d6d6", "#b00020"),
    "buffer": ("#dcdcdc", "#6f6f6f"),
    "other": ("#e8ddf3", "#5b3a87"),
}
"""(fill, outline) per kind of block; text is always black on these light fills."""

NOW_COLOUR = "#b00020"


def _rect(box: Box) -> QRect:
    return QRect(box.x, box.y, box.width, box.height)


class TimelinePainter:
    """One paint of the grid. ``metrics`` are the widget's own font metrics (titles and notes
    are elided with them, as the rows were measured with them)."""

    def __init__(
        self,
        painter: QPainter,
        geometry: TimelineGeometry,
        palette: QPalette,
        metrics: QFontMetrics,
    ) -> None:
        self.painter = painter
        self.geo = geometry
        self.metrics = metrics
        self.text_colour = palette.windowText().color()
        self.base = palette.base().color()
        self.window = palette.window()
        self.closed = palette.window().color().darker(108)
        self.highlight = palette.highlight().color()
        self.grid = QColor(self.text_colour)
        self.grid.setAlpha(60)

    def paint(
        self,
        area: QRect,
        *,
        selected: Hashable | None,
        cursor: tuple[int, int] | None,
        now: int | None,
        message: str,
        header_top: int = 0,
    ) -> None:
        """Everything, back to front; ``cursor`` (column, row) only while the grid has focus.
        The column titles are drawn last at ``header_top`` (the top of what is in view), so
        they stay in sight when the board is scrolled down to the time now."""
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self.painter.fillRect(area, self.window)
        for index in range(len(self.geo.columns)):
            self._column(index)
        self._rows()
        for block in self.geo.blocks:
            self._block(block, selected)
        if now is not None and self.geo.first <= now <= self.geo.last and self.geo.columns:
            self._now_line(now)
        if cursor is not None and self.geo.columns:
            self._cursor(*cursor)
        if message:
            self._message(message, area.width())
        if header_top > 0:
            self.painter.fillRect(QRect(0, header_top, area.width(), self.geo.header), self.window)
        for index in range(len(self.geo.columns)):
            self._title(index, header_top)

    def _column(self, index: int) -> None:
        """Closed background, then the open spans on top (the title comes last: ``_title``)."""
        painter, geo = self.painter, self.geo
        column = geo.columns[index]
        x, width, bottom = geo.x(index), geo.column_width(), geo.bottom()
        painter.fillRect(QRect(x, geo.header, width, bottom - geo.header), self.closed)
        hatch = QBrush(self.grid, Qt.BrushStyle.BDiagPattern)
        painter.fillRect(QRect(x, geo.header, width, bottom - geo.header), hatch)
        for a, b in column.open_spans:
            top, end = geo.y(max(a, geo.first)), geo.y(min(b, geo.last))
            if end > top:
                painter.fillRect(QRect(x, top, width, end - top), self.base)

    def _title(self, index: int, top: int) -> None:
        """The column's title and note, ``top`` pixels down."""
        painter, geo, metrics = self.painter, self.geo, self.metrics
        column = geo.columns[index]
        x, width = geo.x(index), geo.column_width()
        painter.setPen(self.text_colour)
        title_rect = QRect(x + 4, top + 2, width - 8, metrics.lineSpacing() + 2)
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(column.title, Qt.TextElideMode.ElideRight, width - 8),
        )
        bold.setBold(False)
        painter.setFont(bold)
        if column.note:
            painter.drawText(
                QRect(x + 4, top + 4 + metrics.lineSpacing(), width - 8, metrics.lineSpacing() + 2),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(column.note, Qt.TextElideMode.ElideRight, width - 8),
            )

    def _rows(self) -> None:
        """A line every step, a stronger one and the time every half hour; then the columns."""
        painter, geo = self.painter, self.geo
        rows, width, right = geo.row_count(), geo.column_width(), len(geo.columns)
        for row in range(rows + 1):
            minute = geo.minute_of_row(row)
            y = geo.y(minute)
            strong = minute % 30 == 0
            pen = QPen(self.grid)
            pen.setWidth(1)
            if not strong:
                pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawLine(geo.gutter, y, geo.gutter + width * right, y)
            if strong and row < rows:
                painter.setPen(self.text_colour)
                painter.drawText(
                    QRect(0, y, geo.gutter - 6, geo.row),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                    clock(minute),
                )
        painter.setPen(QPen(self.grid))
        for index in range(right + 1):
            x = geo.x(index)
            painter.drawLine(x, 0, x, geo.bottom())

    def _now_line(self, now: int) -> None:
        geo = self.geo
        pen = QPen(QColor(NOW_COLOUR))
        pen.setWidth(2)
        self.painter.setPen(pen)
        y = geo.y(now)
        self.painter.drawLine(geo.gutter, y, geo.gutter + geo.column_width() * len(geo.columns), y)

    def _cursor(self, column: int, row: int) -> None:
        geo = self.geo
        pen = QPen(self.highlight)
        pen.setWidth(2)
        pen.setStyle(Qt.PenStyle.DashLine)
        self.painter.setPen(pen)
        self.painter.setBrush(Qt.BrushStyle.NoBrush)
        y = geo.y(geo.minute_of_row(row))
        self.painter.drawRect(QRect(geo.x(column) + 1, y + 1, geo.column_width() - 3, geo.row - 2))

    def _message(self, message: str, width: int) -> None:
        """Written across the grid in a box, e.g. why the office is closed that day."""
        painter, geo = self.painter, self.geo
        painter.setPen(self.text_colour)
        font = painter.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        painter.setFont(font)
        area = QRect(geo.gutter, geo.header, width - geo.gutter, geo.bottom() - geo.header)
        box = painter.fontMetrics().boundingRect(
            area.adjusted(20, 0, -20, 0), Qt.TextFlag.TextWordWrap, message
        )
        box.moveCenter(QPoint(area.center().x(), geo.header + 3 * geo.row))
        painter.fillRect(box.adjusted(-12, -8, 12, 8), self.base)
        painter.drawRect(box.adjusted(-12, -8, 12, 8))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, message)

    def _block(self, block: TimelineBlock, selected: Hashable | None) -> None:
        painter = self.painter
        if block.kind == "buffer":
            rect = _rect(self.geo.buffer_box(block))
            fill, outline = BLOCK_COLOURS["buffer"]
            painter.fillRect(rect, QColor(fill))
            painter.fillRect(rect, QBrush(QColor(outline), Qt.BrushStyle.Dense6Pattern))
            return
        box = self.geo.block_box(block.key)
        rect = _rect(box) if box is not None else QRect()
        fill, outline = BLOCK_COLOURS.get(block.kind, BLOCK_COLOURS["other"])
        pen = QPen(QColor(outline))
        pen.setWidth(3 if block.key == selected else 1)
        painter.setPen(pen)
        painter.setBrush(QColor(fill))
        painter.drawRect(rect)
        if block.key == selected:
            inner = QPen(QColor("#000000"))
            inner.setWidth(1)
            painter.setPen(inner)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(3, 3, -3, -3))
        self._block_text(block, rect)

    def _block_text(self, block: TimelineBlock, rect: QRect) -> None:
        """The start and title in bold, then the detail while it fits."""
        painter = self.painter
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
