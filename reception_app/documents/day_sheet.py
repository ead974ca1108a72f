"""The printable day sheet: one day's appointments, officer by officer (ReportLab platypus).

A4 portrait in the embedded sans-serif face at 11 pt (clear print), one section per officer
with the time, customer, service, where, needs, status and notes, so an officer can take the
sheet into the day. Written to a temporary file and renamed, so a failure never leaves a
partial PDF.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
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
from reception_app.domain.appointments import Appointment, AppointmentStatus
from reception_app.domain.wording import counted

LANGUAGE = "en-GB"
GRID = colors.HexColor("#8a8a8a")
HEAD = colors.HexColor("#e6ecf2")
STATUS = {
    AppointmentStatus.BOOKED: "Booked",
    AppointmentStatus.ARRIVED: "Arrived",
    AppointmentStatus.SEEN: "Seen",
    AppointmentStatus.NO_SHOW: "Did not come",
    AppointmentStatus.CANCELLED: "Cancelled",
}
HEADERS = ("Time", "Customer", "About", "Where", "Needs and notes", "Status")
WIDTHS = (25 * mm, 32 * mm, 30 * mm, 34 * mm, 41 * mm, 20 * mm)
"""The time column fits "09:30-09:45" on one line."""


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=13)
    return {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=18, leading=23),
        "sub": ParagraphStyle("sub", parent=body, fontSize=11, leading=15),
        "officer": ParagraphStyle(
            "officer", parent=body, fontName=BOLD, fontSize=13, leading=17, spaceBefore=8
        ),
        "head": ParagraphStyle("head", parent=body, fontName=BOLD),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _row(appointment: Appointment, zone: tzinfo, styles: dict[str, ParagraphStyle]) -> list:  # type: ignore[type-arg]
    start, end = appointment.start.astimezone(zone), appointment.end.astimezone(zone)
    where = appointment.where()
    if appointment.room_location:
        where += f" ({appointment.room_location})"
    if appointment.home_address:
        where = "Home visit: " + ", ".join(appointment.home_address.splitlines())
    needs = "; ".join(p for p in (appointment.needs_text(), appointment.notes) if p) or "-"
    status = STATUS[appointment.status]
    if appointment.ticket:
        status += f" {appointment.ticket}"
    return [
        _p(f"{start:%H:%M}-{end:%H:%M}", styles["body"]),
        _p(appointment.customer_name, styles["body"]),
        _p(appointment.service_name, styles["body"]),
        _p(where, styles["body"]),
        _p(needs, styles["body"]),
        _p(status, styles["body"]),
    ]


def _plural(n: int, word: str) -> str:
    return counted(n, word)


def _officer_table(
    rows: Sequence[Appointment], zone: tzinfo, styles: dict[str, ParagraphStyle]
) -> Table:
    table = Table(
        [[_p(h, styles["head"]) for h in HEADERS]] + [_row(a, zone, styles) for a in rows],
        colWidths=WIDTHS,
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # not Helvetica (not embedded)
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _officer_section(
    name: str, rows: Sequence[Appointment], zone: tzinfo, styles: dict[str, ParagraphStyle]
) -> list[Flowable]:
    """One officer's heading and table; a short table is kept with its heading."""
    heading = _p(f"{name}: {_plural(len(rows), 'appointment')}", styles["officer"])
    if not rows:
        return [KeepTogether([heading, _p("Nothing booked.", styles["body"])])]
    table = _officer_table(rows, zone, styles)
    if len(rows) < 8:
        return [KeepTogether([heading, Spacer(1, 2 * mm), table])]
    return [heading, table]


def _build(story: list[Flowable], title: str, office_name: str) -> bytes:
    def page_number(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 9)
        canvas.drawString(18 * mm, 10 * mm, f"{title} - page {doc.page}")
        canvas.restoreState()

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=office_name,
        lang=LANGUAGE,
    )
    document.build(
        story,
        onFirstPage=page_number,
        onLaterPages=page_number,
        canvasmaker=EmbeddedFontCanvas,
    )
    return buffer.getvalue()


def day_sheet_pdf(
    office_name: str,
    day: date,
    appointments: Sequence[Appointment],
    zone: tzinfo,
    *,
    officers: Sequence[str] = (),
    printed_at: datetime | None = None,
) -> bytes:
    """The sheet as PDF bytes. ``officers`` fixes the order of sections (and lists officers with
    no appointments); others follow in name order. Cancelled appointments are left out."""
    register_fonts()
    styles = _styles()
    shown = [a for a in appointments if a.status is not AppointmentStatus.CANCELLED]
    by_officer: dict[str, list[Appointment]] = {name: [] for name in officers}
    for appointment in sorted(shown, key=lambda a: (a.start, a.id)):
        by_officer.setdefault(appointment.officer_name, []).append(appointment)
    order = list(officers) + sorted(n for n in by_officer if n not in officers)
    title = f"Day sheet: {day:%A} {day.day} {day:%B %Y}"
    printed = f"; printed {printed_at.astimezone(zone):%d %b %Y %H:%M}" if printed_at else ""
    story: list[Flowable] = [
        _p(title, styles["title"]),
        _p(f"{office_name}. {_plural(len(shown), 'appointment')}{printed}.", styles["sub"]),
        Spacer(1, 4 * mm),
    ]
    if not shown:
        story.append(_p("No appointments are booked for this day.", styles["sub"]))
    for name in order:
        story += _officer_section(name, by_officer.get(name, []), zone, styles)
    return _build(story, title, office_name)


def write_day_sheet(
    path: Path,
    office_name: str,
    day: date,
    appointments: Sequence[Appointment],
    zone: tzinfo,
    *,
    officers: Sequence[str] = (),
    printed_at: datetime | None = None,
) -> Path:
    """Write the sheet to ``path`` (which must end .pdf, in an existing folder)."""
    check_output(path, (".pdf",))
    data = day_sheet_pdf(
        office_name, day, appointments, zone, officers=officers, printed_at=printed_at
    )
    write_atomically([(path, lambda handle: handle.write(data))])
    return path
