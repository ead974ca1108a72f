"""A managers' report as PDF (ReportLab platypus), in clear or large print.

Landscape A4. Page 1 is the summary (report_summary.py); the detail pages follow: the hourly
charts, then every section's figures and tables (report_tables.py) and, for a range, the trend
(report_charts.py). Left-aligned text in the embedded sans-serif face, "Page x of y" on every
page at the body size. Written to a temporary file and renamed, so a failure never leaves a
partial PDF.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from reception_app.documents.fonts import REGULAR, EmbeddedFontCanvas, register_fonts
from reception_app.documents.report_charts import Bar, BarChart, TrendChart
from reception_app.documents.report_csv import check_output, write_atomically
from reception_app.documents.report_style import CLEAR, LARGE, PrintSize, Styles
from reception_app.documents.report_summary import TITLE, channel_bars, summary_page
from reception_app.documents.report_tables import breakdown, kept, table
from reception_app.documents.text_runs import measure
from reception_app.domain.reports import Report, Section, minutes_text, percent_text
from reception_app.domain.reports.comparison import Comparison

LANGUAGE = "en-GB"
PAGE = landscape(A4)
MARGIN = 15 * mm


def _figure_table(section: Section, styles: Styles, width: float, compared: Comparison) -> Flowable:
    """Figure, value (and, when compared, the previous period's and a year earlier's), notes.
    Notes about clicking belong to the screen, not to paper."""
    if not compared.present:
        rows = [("Figure", "Value", "Notes")] + [
            (f.label, f.text, "" if f.note.startswith("click") else f.note) for f in section.figures
        ]
        return table(rows, styles, [width * 0.38, width * 0.22, width * 0.4])
    header = (
        "Figure",
        "Value",
        f"Previous period ({compared.previous_label})",
        f"A year earlier ({compared.year_label})",
        "Notes",
    )
    compared_rows = [
        (
            f.label,
            f.text,
            *compared.of(section.key, f.key),
            "" if f.note.startswith("click") else f.note,
        )
        for f in section.figures
    ]
    shares = [0.28, 0.16, 0.16, 0.16, 0.24]
    return table([header, *compared_rows], styles, [width * s for s in shares])


def _section(
    section: Section,
    styles: Styles,
    width: float,
    large: bool,
    chart: Flowable | None = None,
    compared: Comparison | None = None,
) -> list[Flowable]:
    heading = styles.para(section.title, styles.heading)
    if not section.available:
        return kept(heading, styles.para(f"Not available yet. {section.note}"), width)
    parts: list[Flowable] = []
    if section.note:
        parts.append(styles.para(section.note))
    if section.figures:
        parts.append(_figure_table(section, styles, width, compared or Comparison()))
    if chart is not None:
        parts += [Spacer(1, styles.size.body), chart]
    for figures in section.tables:
        tables = breakdown(figures, styles, width, large)
        parts += kept(styles.para(figures.title, styles.subheading), tables[0], width)
        parts += tables[1:]
    if not parts:
        return [heading]
    if isinstance(parts[0], CondPageBreak):
        # A section that starts with a kept sub-heading (no figures): keep the heading with it.
        _w, h = heading.wrap(width, 1e6)
        need = parts[0].height + h + heading.getSpaceBefore() + heading.getSpaceAfter()
        return [CondPageBreak(need), heading, *parts[1:]]
    return kept(heading, parts[0], width) + parts[1:]


def _hourly_charts(report: Report, size: PrintSize, width: float) -> Flowable:
    """Mean wait and arrivals by hour of arrival, side by side."""
    hours = report.walk_ins.by_hour
    waits = [
        Bar(f"{g.key}:00", None if g.waits.mean is None else round(g.waits.mean, 1), "")
        for g in hours
    ]
    waits = [Bar(b.label, b.value, "-" if b.value is None else f"{b.value:g} min") for b in waits]
    arrivals = [Bar(f"{g.key}:00", float(g.arrivals), str(g.arrivals)) for g in hours]
    target = float(report.target_wait_minutes)
    charts = [
        BarChart(
            "Mean wait by hour of arrival (minutes)",
            waits,
            size,
            target=target,
            target_label=f"target {report.target_wait_minutes} min",
        ),
        BarChart("Arrivals by hour", arrivals, size),
    ]
    grid = Table([charts], colWidths=[width / 2] * 2, hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8 * mm),
            ]
        )
    )
    return grid


def _trend(report: Report, styles: Styles, width: float) -> list[Flowable]:
    rows = [
        ("From", "To", "Days open", "Walk-ins", "Mean wait", "90th percentile", "Within target")
    ]
    rows += [
        (
            p.start.isoformat(),
            p.end.isoformat(),
            str(p.open_days),
            str(p.arrivals),
            minutes_text(p.mean_wait),
            minutes_text(p.p90_wait),
            percent_text(p.within_target.fraction),
        )
        for p in report.trend
    ]
    chart = TrendChart(report, styles.size, 75 * mm if styles.size is CLEAR else 110 * mm)
    out = kept(styles.para("Over the period", styles.heading), chart, width)
    return [*out, Spacer(1, styles.size.body * 0.5), table(rows, styles)]


def report_story(report: Report, large_print: bool, width: float) -> list[Flowable]:
    size = LARGE if large_print else CLEAR
    styles = Styles(size)
    story = summary_page(report, styles, width)
    if report.no_office_hours:
        return story + _section(report.section("standards"), styles, width, large_print)
    story.append(PageBreak())
    if report.walk_ins.by_hour:
        chart = _hourly_charts(report, size, width)
        story += kept(styles.para("Walk-ins by hour", styles.heading), chart, width)
    for section in report.sections:
        chart = None
        if section.key == "standards" and (bars := channel_bars(report)):
            with_results = any(c.answered.total for c in report.channels)
            title = (
                "Answered within standard, by channel (met of all counted)"
                if with_results
                else "Walk-ins called within the target wait, by service (met of all counted)"
            )
            chart = BarChart(title, bars, size, value_max=100)
        story += _section(section, styles, width, large_print, chart, report.compared)
    if len(report.trend) > 1:
        story += _trend(report, styles, width)
    return story


def _numbered_canvas(size: PrintSize, right_text: str) -> type[Canvas]:
    """A canvas that writes 'Page x of y' (and the office and period) on every page once the
    number of pages is known."""

    class NumberedCanvas(EmbeddedFontCanvas):
        initial_size = size.body

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for page in self._pages:
                self.__dict__.update(page)
                self.setFont(REGULAR, size.body)
                self.drawString(MARGIN, MARGIN, f"Page {self._pageNumber} of {total}")
                self.drawRightString(PAGE[0] - MARGIN, MARGIN, right_text)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def _footer_text(report: Report, size: PrintSize, width: float) -> str:
    """The office and period for the right of the footer, shortened until it leaves room for
    'Page 10 of 10' at the left."""
    text = measure(REGULAR, size.body)
    room = width - text.width("Page 10 of 10") - 2 * size.body
    period = report.period_text
    for candidate in (f"{report.office_name}: {period}", period, report.office_name):
        if text.width(candidate) <= room:
            return candidate
    return ""


def report_pdf_bytes(report: Report, *, large_print: bool = False) -> bytes:
    register_fonts()
    size = LARGE if large_print else CLEAR
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + size.body * 1.8,
        title=f"{TITLE}: {report.office_name}, {report.period_text}",
        author=report.office_name,
        subject="Managers' report",
        creator="Reception",
        lang=LANGUAGE,
    )
    story = report_story(report, large_print, doc.width)
    canvas = _numbered_canvas(size, _footer_text(report, size, doc.width))
    doc.build(story, canvasmaker=canvas)
    return buffer.getvalue()


def write_report_pdf(report: Report, path: Path, *, large_print: bool = False) -> Path:
    """Write the PDF to ``path`` (checked first; renamed into place only when complete)."""
    check_output(path, (".pdf",))
    data = report_pdf_bytes(report, large_print=large_print)
    write_atomically([(path, lambda f: f.write(data))])
    return path
