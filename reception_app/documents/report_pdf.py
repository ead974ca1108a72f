"""A managers' report as PDF (ReportLab platypus and graphics), in clear or large print.

Landscape A4 so breakdown tables fit; left-aligned text in the embedded sans-serif face; large
print is 18 pt with bold headings, and every chart's numbers are also in a table beside it.
Written to a temporary file and renamed, so a failure never leaves a partial PDF.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from reception_app.documents.fonts import BOLD, REGULAR, EmbeddedFontCanvas, register_fonts
from reception_app.documents.report_csv import check_output, write_atomically
from reception_app.domain.reports import (
    FigureTable,
    Report,
    Section,
    long_date,
    percent_text,
)

LANGUAGE = "en-GB"
PAGE = landscape(A4)
BAR = colors.HexColor("#1f5f99")
BAR_2 = colors.HexColor("#7a9cc6")
TARGET = colors.HexColor("#b3261e")
GRID = colors.HexColor("#8a8a8a")
TITLE = "Walk-in waits and service standards"


@dataclass(frozen=True)
class PrintSize:
    body: float
    small: float
    heading: float
    title: float

    @property
    def leading(self) -> float:
        return round(self.body * 1.3, 1)


CLEAR = PrintSize(body=12, small=11, heading=15, title=20)
LARGE = PrintSize(body=18, small=16, heading=22, title=28)


def _m(text: str) -> str:
    return escape(text)


class _Styles:
    def __init__(self, size: PrintSize) -> None:
        common: dict[str, Any] = {
            "fontName": REGULAR,
            "fontSize": size.body,
            "leading": size.leading,
            "alignment": TA_LEFT,
            "spaceAfter": size.body * 0.5,
        }
        self.body = ParagraphStyle("body", **common)
        self.cell = ParagraphStyle(
            "cell",
            **{**common, "fontSize": size.small, "leading": size.small * 1.25, "spaceAfter": 0},
        )
        self.head_cell = ParagraphStyle(
            "head_cell",
            **{
                **common,
                "fontName": BOLD,
                "fontSize": size.small,
                "leading": size.small * 1.25,
                "spaceAfter": 0,
            },
        )
        self.heading = ParagraphStyle(
            "heading",
            **{
                **common,
                "fontName": BOLD,
                "fontSize": size.heading,
                "leading": size.heading * 1.3,
                "spaceBefore": size.body,
                "keepWithNext": 1,
            },
        )
        self.title = ParagraphStyle(
            "title",
            **{**common, "fontName": BOLD, "fontSize": size.title, "leading": size.title * 1.25},
        )


def _table(
    rows: Sequence[Sequence[str]], styles: _Styles, widths: Sequence[float] | None = None
) -> Table:
    data = [
        [Paragraph(_m(cell), styles.head_cell if r == 0 else styles.cell) for cell in row]
        for r, row in enumerate(rows)
    ]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                # Tables set their cells' font (Helvetica, not embedded) even for paragraphs.
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6edf5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _split_table(table: FigureTable, styles: _Styles, width: float, large: bool) -> list[Flowable]:
    """A breakdown, whole in clear print; in large print as two narrower tables (counts, waits)."""
    if not table.rows:
        return [Paragraph(_m(f"{table.title}: none in this period."), styles.body)]
    headers, rows = table.headers, table.rows
    if not large or len(headers) < 10:
        first = width * (0.2 if len(headers) > 4 else 0.3)
        rest = (width - first) / (len(headers) - 1)
        return [_table([headers, *rows], styles, [first] + [rest] * (len(headers) - 1))]
    counts = [0, 1, 2, 3, 8, 9]
    waits = [0, 4, 5, 6, 7] + ([10] if len(headers) > 10 else [])
    out: list[Flowable] = []
    for columns in (counts, waits):
        part = [[row[i] for i in columns] for row in [headers, *rows]]
        first = width * 0.3
        rest = (width - first) / (len(columns) - 1)
        out += [_table(part, styles, [first] + [rest] * (len(columns) - 1)), Spacer(1, 6)]
    return out


# --- charts ----------------------------------------------------------------------------------


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return float(step * magnitude)
    return float(10 * magnitude)


def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    size: PrintSize,
    width: float,
    *,
    target: float | None = None,
    target_label: str = "",
    value_max: float | None = None,
    unit: str = "",
) -> Drawing:
    """Bars with an optional horizontal target line, sized for the print size."""
    height = 75 * mm if size is CLEAR else 120 * mm
    drawing = _drawing(width, height)
    drawing.add(String(0, height - size.body, title, fontName=BOLD, fontSize=size.body))
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm + size.small * 1.5, size.small * 3.2
    chart.width = width - chart.x - 10
    chart.height = height - chart.y - size.body * 2.6
    clean = [v if v is not None else 0.0 for v in values] or [0.0]
    chart.data = [clean]
    top = value_max or _nice_max(max([*clean, target or 0.0]) * 1.1)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = top / 5
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = size.small
    chart.valueAxis.labelTextFormat = "%g" + unit.replace("%", "%%")
    chart.categoryAxis.categoryNames = list(labels) or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = size.small
    chart.categoryAxis.labels.boxAnchor = "n"
    if len(labels) > 8:
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%g" if len(labels) <= 12 else None
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = size.small
    chart.barLabels.nudge = size.small * 0.6
    drawing.add(chart)
    if target is not None:
        _target_line(
            drawing, chart, chart.y + chart.height * min(target, top) / top, target_label, size
        )
    return drawing


def _drawing(width: float, height: float) -> Drawing:
    """A chart drawing that starts in the embedded face (ReportLab's default is Helvetica,
    which it does not embed)."""
    drawing = Drawing(width, height)
    drawing.initialFontName = REGULAR
    return drawing


def _target_line(drawing: Drawing, chart: Any, y: float, label: str, size: PrintSize) -> None:
    """The dashed target line across ``chart`` at ``y``, labelled at its right end on a white
    backing so the label stays readable where it crosses a bar."""
    drawing.add(
        Line(
            chart.x,
            y,
            chart.x + chart.width,
            y,
            strokeColor=TARGET,
            strokeWidth=2,
            strokeDashArray=[6, 3],
        )
    )
    right = chart.x + chart.width
    text_width = stringWidth(label, BOLD, size.small)
    drawing.add(
        Rect(
            right - text_width - 2,
            y + 1,
            text_width + 4,
            size.small * 1.15,
            fillColor=colors.white,
            strokeColor=None,
        )
    )
    drawing.add(
        String(
            right,
            y + 3,
            label,
            fontName=BOLD,
            fontSize=size.small,
            fillColor=TARGET,
            textAnchor="end",
        )
    )


def trend_chart(report: Report, size: PrintSize, width: float) -> Drawing:
    """Mean and 90th-percentile wait over the range, with the target line."""
    height = 75 * mm if size is CLEAR else 120 * mm
    drawing = _drawing(width, height)
    drawing.add(
        String(
            0,
            height - size.body,
            "Waits over the period (min): mean (dark), 90th percentile (light)",
            fontName=BOLD,
            fontSize=size.body,
        )
    )
    points = report.trend
    chart = HorizontalLineChart()
    chart.x, chart.y = 12 * mm + size.small * 1.5, size.small * 3.5
    chart.width = width - chart.x - 10
    chart.height = height - chart.y - size.body * 2.6
    means = [p.mean_wait for p in points]
    p90s = [p.p90_wait for p in points]
    chart.data = [means, p90s]
    top = _nice_max(
        max([v for v in means + p90s if v is not None] + [float(report.target_wait_minutes)]) * 1.1
    )
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, top / 5
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = size.small
    every = max(1, math.ceil(len(points) / (10 if size is CLEAR else 7)))
    chart.categoryAxis.categoryNames = [
        p.label if i % every == 0 else "" for i, p in enumerate(points)
    ]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = size.small
    chart.categoryAxis.labels.angle = 30
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.lines[0].strokeColor, chart.lines[0].strokeWidth = BAR, 2.5
    chart.lines[1].strokeColor, chart.lines[1].strokeWidth = BAR_2, 2
    drawing.add(chart)
    y = chart.y + chart.height * report.target_wait_minutes / top
    _target_line(drawing, chart, y, f"target {report.target_wait_minutes} min", size)
    return drawing


def standards_met(report: Report) -> tuple[list[str], list[float | None]]:
    """What the 'standards met' chart shows: walk-ins within target, then each channel with
    results; without correspondence yet, the walk-in target by service."""
    labels = ["Walk-ins (target wait)"]
    values = [_pct(report.walk_ins.within_target.fraction)]
    with_results = [c for c in report.channels if c.answered.total]
    if with_results:
        labels += [c.name for c in with_results]
        values += [_pct(c.answered.fraction) for c in with_results]
    else:
        for group in report.walk_ins.by_service:
            labels.append(group.label)
            values.append(_pct(group.within_target.fraction))
    return labels, values


def _pct(fraction: float | None) -> float | None:
    return None if fraction is None else round(fraction * 100, 1)


# --- the document ----------------------------------------------------------------------------


def _section(section: Section, styles: _Styles, width: float, large: bool) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(60 * mm), Paragraph(_m(section.title), styles.heading)]
    if not section.available:
        story.append(Paragraph(_m(f"Not available yet. {section.note}"), styles.body))
        return story
    if section.note:
        story.append(Paragraph(_m(section.note), styles.body))
    if section.figures:
        # Notes about clicking belong to the screen, not to paper.
        rows = [("Figure", "Value", "Notes")] + [
            (f.label, f.text, "" if f.note.startswith("click") else f.note) for f in section.figures
        ]
        story.append(_table(rows, styles, [width * 0.38, width * 0.22, width * 0.4]))
    for table in section.tables:
        story.append(
            Paragraph(
                _m(table.title),
                ParagraphStyle(
                    "sub",
                    parent=styles.heading,
                    fontSize=styles.body.fontSize,
                    leading=styles.body.leading,
                ),
            )
        )
        story += _split_table(table, styles, width, large)
    return story


def report_story(report: Report, large_print: bool, width: float) -> list[Flowable]:
    size = LARGE if large_print else CLEAR
    styles = _Styles(size)
    local = report.calendar.to_local(report.generated_at)
    story: list[Flowable] = [
        Paragraph(_m(f"{TITLE}: {report.office_name}"), styles.title),
        Paragraph(_m(report.period_text), styles.heading),
        Paragraph(
            _m(
                f"Made {long_date(local.date())} at {local:%H:%M} (UK time). "
                f"Target wait {report.target_wait_minutes} minutes. "
                f"{report.open_days} day{'s' if report.open_days != 1 else ''} with office hours."
                + (" The period includes today: figures so far." if report.partial else "")
            ),
            styles.body,
        ),
    ]
    if report.no_office_hours:
        story.append(Paragraph(f"<b>{_m(report.closed_reason())}</b>", styles.body))
        story += _section(report.section("standards"), styles, width, large_print)
        return story
    closed = [d for d in report.days if not d.open]
    if closed and not report.single_day and len(closed) <= 12:
        story.append(
            Paragraph(
                _m(
                    "No office hours: "
                    + "; ".join(f"{d.day:%a} {d.day.day} {d.day:%b}: {d.reason}" for d in closed)
                    + "."
                ),
                styles.body,
            )
        )
    elif closed and report.single_day:
        story.append(
            Paragraph(
                f"<b>{_m(report.closed_reason())}</b> Visits recorded that day are still shown.",
                styles.body,
            )
        )
    walk = report.walk_ins
    story.append(Paragraph(_m("At a glance"), styles.heading))
    story.append(
        Paragraph(
            _m(
                f"{walk.arrivals} walk-in visitor{'s' if walk.arrivals != 1 else ''}; "
                f"{walk.served} served, {walk.left} left without being seen. "
                f"Called within the target: {walk.within_target.text()}. "
                f"Resolved at first contact: {walk.first_contact.text()}."
            ),
            styles.body,
        )
    )
    hours = walk.by_hour
    labels = [g.key for g in hours]
    chart_width = width if large_print else width / 2 - 6 * mm
    charts: list[Flowable] = [
        bar_chart(
            "Mean wait by hour of arrival (minutes)",
            labels,
            [None if g.waits.mean is None else round(g.waits.mean, 1) for g in hours],
            size,
            chart_width,
            target=float(report.target_wait_minutes),
            target_label=f"target {report.target_wait_minutes} min",
        ),
        bar_chart(
            "Arrivals by hour", labels, [float(g.arrivals) for g in hours], size, chart_width
        ),
    ]
    met_labels, met_values = standards_met(report)
    charts.append(
        bar_chart(
            "Standards met (% within standard)",
            met_labels,
            met_values,
            size,
            chart_width,
            value_max=100,
            unit="%",
        )
    )
    if len(report.trend) > 1:
        charts.append(trend_chart(report, size, chart_width))
    if large_print:
        for chart in charts:
            story += [KeepTogether([chart]), Spacer(1, size.body)]
    else:
        # Two charts a row in clear print; large print gives each the full width.
        for i in range(0, len(charts), 2):
            pair = charts[i : i + 2]
            grid = Table([pair], colWidths=[width / 2] * len(pair), hAlign="LEFT")
            grid.setStyle(
                TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ]
                )
            )
            story += [grid, Spacer(1, size.body)]
    for section in report.sections:
        story += _section(section, styles, width, large_print)
    if len(report.trend) > 1:
        story.append(Paragraph(_m("Over the period"), styles.heading))
        rows = [
            ("From", "To", "Days open", "Walk-ins", "Mean wait", "90th percentile", "Within target")
        ]
        rows += [
            (
                p.start.isoformat(),
                p.end.isoformat(),
                str(p.open_days),
                str(p.arrivals),
                "-" if p.mean_wait is None else f"{p.mean_wait:.1f} min",
                "-" if p.p90_wait is None else f"{p.p90_wait:.1f} min",
                percent_text(p.within_target.fraction),
            )
            for p in report.trend
        ]
        story.append(_table(rows, styles))
    return story


def report_pdf_bytes(report: Report, *, large_print: bool = False) -> bytes:
    register_fonts()
    size = LARGE if large_print else CLEAR
    buffer = io.BytesIO()
    margin = 15 * mm
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin + size.body * 1.5,
        title=f"{TITLE}: {report.office_name}, {report.period_text}",
        author=report.office_name,
        subject="Managers' report",
        creator="Reception",
        lang=LANGUAGE,
    )

    def page_number(canvas: Canvas, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, size.body)
        canvas.drawString(margin, margin, f"Page {document.page}")
        canvas.drawRightString(
            PAGE[0] - margin, margin, f"{report.office_name}: {report.period_text}"
        )
        canvas.restoreState()

    story = report_story(report, large_print, doc.width)
    doc.build(
        story,
        onFirstPage=page_number,
        onLaterPages=page_number,
        canvasmaker=EmbeddedFontCanvas,
    )
    return buffer.getvalue()


def write_report_pdf(report: Report, path: Path, *, large_print: bool = False) -> Path:
    """Write the PDF to ``path`` (checked first; renamed into place only when complete)."""
    check_output(path, (".pdf",))
    data = report_pdf_bytes(report, large_print=large_print)
    write_atomically([(path, lambda f: f.write(data))])
    return path
