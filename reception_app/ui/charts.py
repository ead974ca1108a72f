"""Report charts with Qt's own charting (QtCharts): each bar or point opens the records behind it.

Every chart emits ``figure_chosen(selector)`` when a bar or point is clicked; the page lists the
visits for that selector. The numbers are always in a table on the page too, so nobody depends
on colour or on seeing the chart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from reception_app.domain.reports import Report

BAR = QColor("#1f5f99")
BAR_2 = QColor("#7a9cc6")
TARGET = QColor("#b3261e")


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    step = 1.0
    while step * 5 < value:
        for factor in (2.0, 2.5, 2.0):
            step *= factor
            if step * 5 >= value:
                break
    return step * 5


class ReportChart(QChartView):
    """A chart view that says which figure was clicked."""

    figure_chosen = Signal(str)
    """The selector of the records behind the bar or point clicked (see domain.reports)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart_title = title
        self._new_chart()
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName(title)
        self.setMinimumHeight(260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the figures are in the tables
        self.selectors: list[str] = []
        self.values: list[float | None] = []

    def _new_chart(self) -> QChart:
        # A fresh chart each time: axes left over from the last figures never linger.
        chart = QChart()
        chart.setTitle(self.chart_title)
        title_font = QFont(QApplication.font())
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        chart.legend().hide()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        old = self.chart()
        self.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()
        return chart

    def _reset(self) -> QChart:
        self.selectors, self.values = [], []
        return self._new_chart()

    def choose(self, index: int) -> None:
        """Act as if bar or point ``index`` was clicked."""
        if 0 <= index < len(self.selectors) and self.selectors[index]:
            self.figure_chosen.emit(self.selectors[index])

    def set_bars(
        self,
        labels: Sequence[str],
        values: Sequence[float | None],
        selectors: Sequence[str],
        *,
        target: float | None = None,
        value_max: float | None = None,
        unit: str = "",
        horizontal: bool = False,
    ) -> None:
        """Show one bar per label (missing values as 0), an optional target line across."""
        chart = self._reset()
        self.selectors = list(selectors)
        self.values = list(values)
        bars = QBarSet(self.chart_title)
        bars.setColor(BAR)
        bars.setBorderColor(BAR)
        for value in values:
            bars.append(0.0 if value is None else float(value))
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value" + unit)
        series.setLabelsPosition(
            QBarSeries.LabelsPosition.LabelsInsideEnd
            if horizontal
            else QBarSeries.LabelsPosition.LabelsOutsideEnd
        )
        bars.clicked.connect(self.choose)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(list(labels) or [""])
        values_axis = QValueAxis()
        top = value_max or _nice_max(max([v or 0.0 for v in values] + [target or 0.0]) * 1.15)
        values_axis.setRange(0, top)
        values_axis.setLabelFormat("%g" + unit.replace("%", "%%"))
        values_axis.setTickCount(6)
        category_side = Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom
        value_side = Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft
        chart.addAxis(categories, category_side)
        chart.addAxis(values_axis, value_side)
        series.attachAxis(categories)
        series.attachAxis(values_axis)
        if target is not None and labels:
            line = QLineSeries()
            line.setName(f"target {target:g}{unit or ' min'}")
            pen = QPen(TARGET)
            pen.setWidth(3)
            pen.setStyle(Qt.PenStyle.DashLine)
            line.setPen(pen)
            line.append(QPointF(-0.5, target))
            line.append(QPointF(len(labels) - 0.5, target))
            chart.addSeries(line)
            line.attachAxis(categories)
            line.attachAxis(values_axis)
            chart.legend().show()
            chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
            chart.legend().markers(series)[0].setVisible(False)

    def set_trend(self, report: Report) -> None:
        """Mean and 90th-percentile wait per day, week or month, with the target line."""
        chart = self._reset()
        points = report.trend
        self.selectors = [p.selector for p in points]
        self.values = [p.mean_wait for p in points]
        # Points sit at x = 0, 1, 2...; a label every few points, each with room to be read.
        categories = QCategoryAxis()
        categories.setRange(-0.5, max(len(points), 1) - 0.5)
        categories.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        every = max(1, math.ceil(len(points) / 6))
        for i, p in enumerate(points):
            if i % every == 0:
                short = f"{p.start.day} {p.start:%b}" if p.start == p.end else p.label
                categories.append(short if len(points) <= 62 else f"{p.start:%b %Y}", i)
        values_axis = QValueAxis()
        known = [v for p in points for v in (p.mean_wait, p.p90_wait) if v is not None]
        target = float(report.target_wait_minutes)
        values_axis.setRange(0, _nice_max(max(known + [target]) * 1.15))
        values_axis.setLabelFormat("%g")
        values_axis.setTitleText("minutes")
        values_axis.applyNiceNumbers()
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values_axis, Qt.AlignmentFlag.AlignLeft)
        for name, colour, attr in (
            ("mean wait", BAR, "mean_wait"),
            ("90th percentile", BAR_2, "p90_wait"),
        ):
            line = QLineSeries()
            line.setName(name)
            pen = QPen(colour)
            pen.setWidth(3)
            line.setPen(pen)
            line.setPointsVisible(True)
            for i, p in enumerate(points):
                value = getattr(p, attr)
                if value is not None:
                    line.append(QPointF(i, value))
            line.clicked.connect(lambda point: self.choose(round(point.x())))
            chart.addSeries(line)
            line.attachAxis(categories)
            line.attachAxis(values_axis)
        target_line = QLineSeries()
        target_line.setName(f"target {report.target_wait_minutes} min")
        pen = QPen(TARGET)
        pen.setWidth(3)
        pen.setStyle(Qt.PenStyle.DashLine)
        target_line.setPen(pen)
        target_line.append(QPointF(-0.5, target))
        target_line.append(QPointF(max(len(points), 1) - 0.5, target))
        chart.addSeries(target_line)
        target_line.attachAxis(categories)
        target_line.attachAxis(values_axis)
        chart.legend().show()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)


def waits_by_hour(chart: ReportChart, report: Report) -> None:
    hours = report.walk_ins.by_hour
    chart.set_bars(
        [g.key for g in hours],
        [None if g.waits.mean is None else round(g.waits.mean, 1) for g in hours],
        [g.selector for g in hours],
        target=float(report.target_wait_minutes),
    )


def arrivals_by_hour(chart: ReportChart, report: Report) -> None:
    hours = report.walk_ins.by_hour
    chart.set_bars(
        [g.key for g in hours], [float(g.arrivals) for g in hours], [g.selector for g in hours]
    )


def standards_by_channel(chart: ReportChart, report: Report) -> None:
    """Share within standard: walk-ins first, then each channel with results (or, before
    correspondence is recorded, the walk-in target by service)."""
    walk = report.walk_ins
    labels = ["Walk-ins"]
    values: list[float | None] = [_pct(walk.within_target.fraction)]
    selectors = ["walk_in:within_target"]
    answered = [c for c in report.channels if c.answered.total]
    if answered:
        labels += [c.name for c in answered]
        values += [_pct(c.answered.fraction) for c in answered]
        selectors += [f"channel:{c.channel}" for c in answered]
    else:
        labels += [g.label for g in walk.by_service]
        values += [_pct(g.within_target.fraction) for g in walk.by_service]
        selectors += [g.selector for g in walk.by_service]
    chart.set_bars(labels, values, selectors, value_max=100, unit="%", horizontal=True)


def _pct(fraction: float | None) -> float | None:
    return None if fraction is None else round(fraction * 100, 1)
