"""The report's charts, drawn straight on the canvas so that no two labels can collide.

Bars run horizontally, one row per category: the category's name wraps in a column of its own
at the left, each bar has its value written at its end (0% included, "none to count" where
there is nothing), and a target is a dashed line labelled above the bars. The trend is a line
chart whose date labels are thinned until each has room. Every text is horizontal and in the
embedded face at the report's text size or larger.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.platypus import Flowable

from reception_app.documents.fonts import BOLD, REGULAR
from reception_app.documents.report_style import PrintSize
from reception_app.documents.text_runs import measure
from reception_app.domain.reports import Report

BAR = colors.HexColor("#1f5f99")
BAR_2 = colors.HexColor("#7a9cc6")
TARGET = colors.HexColor("#b3261e")
AXIS = colors.HexColor("#595959")
GRID = colors.HexColor("#d0d0d0")


def nice_max(value: float) -> float:
    """A round top for an axis holding ``value`` (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return float(step * magnitude)
    return float(10 * magnitude)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    text: str
    """What is written at the bar's end, e.g. '87% (26 of 30)'."""


class BarChart(Flowable):  # type: ignore[misc]  # ReportLab has no type stubs
    """A titled horizontal bar chart that takes the width it is given and as much height as
    its rows need."""

    def __init__(
        self,
        title: str,
        bars: Sequence[Bar],
        size: PrintSize,
        *,
        value_max: float | None = None,
        target: float | None = None,
        target_label: str = "",
    ) -> None:
        super().__init__()
        self.title = title
        self.bars = list(bars)
        self.size = size
        self.value_max = value_max
        self.target = target
        self.target_label = target_label
        self.width = 0.0
        self.height = 0.0

    # -- geometry -------------------------------------------------------------------------------

    def _layout(self, width: float) -> None:
        s = self.size
        text = measure(REGULAR, s.small)
        self.leading = s.small * 1.25
        self.title_lines = measure(BOLD, s.body).wrap(self.title, width)
        widest = max((text.width(w) for b in self.bars for w in b.label.split()), default=0.0)
        full = max((text.width(b.label) for b in self.bars), default=0.0)
        self.value_width = max((text.width(b.text) for b in self.bars), default=0.0) + s.small
        # Labels take what they need up to what leaves the bars a quarter of the width.
        room = max(width * 0.25, width - self.value_width - width * 0.25)
        self.label_width = min(max(widest, min(full, room)), width * 0.5)
        self.labels = [text.wrap(b.label, self.label_width) for b in self.bars]
        self.x0 = self.label_width + s.small * 0.6
        self.plot_width = max(width - self.x0 - self.value_width, width * 0.2)
        self.bar_height = s.small * 1.1
        self.rows = [
            max(len(lines) * self.leading, self.bar_height) + s.small * 0.5 for lines in self.labels
        ]
        values = [b.value or 0.0 for b in self.bars]
        self.top = self.value_max or nice_max(max([*values, self.target or 0.0]) * 1.05)
        self.head = len(self.title_lines) * s.body * 1.3 + s.small * 0.4
        if self.target is not None:
            self.head += self.leading  # the target's label, above the bars
        self.width = width
        self.height = self.head + sum(self.rows) + s.small * 0.3

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._layout(availWidth)
        return self.width, self.height

    def _x(self, value: float) -> float:
        return self.x0 + self.plot_width * min(value, self.top) / self.top

    # -- drawing --------------------------------------------------------------------------------

    def draw(self) -> None:
        canvas = self.canv
        s = self.size
        y = self.height
        canvas.setFillColor(colors.black)
        canvas.setFont(BOLD, s.body)
        for line in self.title_lines:
            y -= s.body * 1.3
            canvas.drawString(0, y + s.body * 0.3, line)
        y = self.height - self.head
        plot_top, plot_bottom = y, y - sum(self.rows)
        canvas.setStrokeColor(AXIS)
        canvas.setLineWidth(1)
        canvas.line(self.x0, plot_top, self.x0, plot_bottom)
        for bar, lines, row in zip(self.bars, self.labels, self.rows, strict=True):
            self._draw_row(bar, lines, y, row)
            y -= row
        if self.target is not None:
            self._draw_target(plot_top, plot_bottom)

    def _draw_row(self, bar: Bar, lines: list[str], y: float, row: float) -> None:
        canvas, s = self.canv, self.size
        middle = y - row / 2
        canvas.setFillColor(colors.black)
        canvas.setFont(REGULAR, s.small)
        first = middle + (len(lines) - 1) * self.leading / 2 - s.small * 0.35
        for n, line in enumerate(lines):
            canvas.drawString(0, first - n * self.leading, line)
        end = self.x0
        if bar.value:
            end = self._x(bar.value)
            canvas.setFillColor(BAR)
            canvas.rect(self.x0, middle - self.bar_height / 2, end - self.x0, self.bar_height, 0, 1)
        canvas.setFillColor(colors.black)
        canvas.drawString(end + s.small * 0.4, middle - s.small * 0.35, bar.text)

    def _draw_target(self, plot_top: float, plot_bottom: float) -> None:
        canvas, s = self.canv, self.size
        x = self._x(self.target or 0.0)
        canvas.saveState()
        canvas.setStrokeColor(TARGET)
        canvas.setLineWidth(2)
        canvas.setDash(6, 3)
        canvas.line(x, plot_top + self.leading * 0.2, x, plot_bottom)
        canvas.restoreState()
        canvas.setFillColor(TARGET)
        canvas.setFont(BOLD, s.small)
        label_width = measure(BOLD, s.small).width(self.target_label)
        left = min(max(x - label_width / 2, self.x0), self.width - label_width)
        canvas.drawString(left, plot_top + self.leading * 0.35, self.target_label)
        canvas.setFillColor(colors.black)


class TrendChart(Flowable):  # type: ignore[misc]
    """Mean and 90th-percentile wait over a range, with the target; the date labels under the
    axis are thinned so each has room."""

    def __init__(self, report: Report, size: PrintSize, height: float) -> None:
        super().__init__()
        self.report = report
        self.size = size
        self.chart_height = height
        self.width = 0.0
        self.height = height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return self.width, self.height

    def draw(self) -> None:
        canvas, s, report = self.canv, self.size, self.report
        text = measure(REGULAR, s.small)
        title = "Waits over the period (minutes): mean (dark line), 90th percentile (light line)"
        title_lines = measure(BOLD, s.body).wrap(title, self.width)
        canvas.setFont(BOLD, s.body)
        y = self.height
        for line in title_lines:
            y -= s.body * 1.3
            canvas.drawString(0, y + s.body * 0.3, line)
        points = report.trend
        values = [v for p in points for v in (p.mean_wait, p.p90_wait) if v is not None]
        top = nice_max(max([*values, float(report.target_wait_minutes)]) * 1.05)
        target_label = f"target {report.target_wait_minutes} min"
        left = text.width(f"{top:g}") + s.small * 0.6
        right = self.width - measure(BOLD, s.small).width(target_label) - s.small * 0.6
        bottom = s.small * 2.2
        plot_top = y - s.small
        self._axes(left, right, bottom, plot_top, top)
        xs = [left + (right - left) * (i + 0.5) / len(points) for i in range(len(points))]

        def at(v: float) -> float:
            return bottom + (plot_top - bottom) * v / top

        for series, colour, width in (("mean_wait", BAR, 2.5), ("p90_wait", BAR_2, 2.0)):
            canvas.setStrokeColor(colour)
            canvas.setFillColor(colour)
            canvas.setLineWidth(width)
            previous = None
            for x, p in zip(xs, points, strict=True):
                v = getattr(p, series)
                if v is None:
                    previous = None
                    continue
                if previous is not None:
                    canvas.line(previous[0], previous[1], x, at(v))
                canvas.circle(x, at(v), width * 1.2, 0, 1)
                previous = (x, at(v))
        self._labels(xs, bottom)
        target_y = at(float(report.target_wait_minutes))
        canvas.saveState()
        canvas.setStrokeColor(TARGET)
        canvas.setLineWidth(2)
        canvas.setDash(6, 3)
        canvas.line(left, target_y, right, target_y)
        canvas.restoreState()
        canvas.setFillColor(TARGET)
        canvas.setFont(BOLD, s.small)
        canvas.drawString(right + s.small * 0.3, target_y - s.small * 0.35, target_label)
        canvas.setFillColor(colors.black)

    def _axes(self, left: float, right: float, bottom: float, top_y: float, top: float) -> None:
        canvas, s = self.canv, self.size
        canvas.setFont(REGULAR, s.small)
        canvas.setFillColor(colors.black)
        steps = 4 if top_y - bottom > 8 * s.small else 2
        for k in range(steps + 1):
            y = bottom + (top_y - bottom) * k / steps
            canvas.setStrokeColor(GRID if k else AXIS)
            canvas.setLineWidth(0.6 if k else 1)
            canvas.line(left, y, right, y)
            canvas.drawRightString(left - s.small * 0.3, y - s.small * 0.35, f"{top * k / steps:g}")
        canvas.setStrokeColor(AXIS)
        canvas.setLineWidth(1)
        canvas.line(left, bottom, left, top_y)

    def _labels(self, xs: list[float], bottom: float) -> None:
        """Every k-th point's label under the axis, k the smallest that gives each room."""
        canvas, s = self.canv, self.size
        text = measure(REGULAR, s.small)
        labels = [p.label for p in self.report.trend]
        spacing = (xs[1] - xs[0]) if len(xs) > 1 else self.width
        widest = max((text.width(label) for label in labels), default=0.0) + s.small
        every = max(1, math.ceil(widest / spacing))
        canvas.setFillColor(colors.black)
        canvas.setFont(REGULAR, s.small)
        for i, (x, label) in enumerate(zip(xs, labels, strict=True)):
            if i % every == 0:
                w = text.width(label)
                left = min(max(x - w / 2, 0.0), self.width - w)
                canvas.drawString(left, bottom - s.small * 1.4, label)
