"""The daily report for a day and for a month, clear and large print, through the layout check
(report_check.py), and the check's faults shown on reports drawn wrong with bare ReportLab."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from reception_app.documents.fonts import BOLD, REGULAR, register_fonts
from reception_app.documents.report_pdf import report_pdf_bytes
from tests.documents.layout_check import assert_clean, read
from tests.documents.report_check import MARGIN, report_problems
from tests.documents.sample_reports import SampleReports, sample_reports


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> SampleReports:
    return sample_reports(Path(tmp_path_factory.mktemp("reports")))


@pytest.mark.parametrize("period", ["day", "month"])
@pytest.mark.parametrize("large_print", [False, True], ids=["clear", "large"])
def test_the_report_passes_the_layout_check(
    reports: SampleReports, period: str, large_print: bool
) -> None:
    report = reports.day if period == "day" else reports.month
    pdf = report_pdf_bytes(report, large_print=large_print)
    assert_clean(report_problems(pdf, large_print), f"{period}, large print {large_print}")


def test_the_summary_is_page_one_and_the_detail_follows(reports: SampleReports) -> None:
    for large_print in (False, True):
        doc = read(report_pdf_bytes(reports.day, large_print=large_print))
        first = " ".join(ln.text for ln in doc.pages[0].lines)
        assert "Key figure" in first and "Standards met" in first
        assert "Walk-ins by hour" in " ".join(ln.text for ln in doc.pages[1].lines[:2])


# --- the check can fail: reports drawn wrong with bare ReportLab -----------------------------


def bare_report(story: Callable[[], list[Flowable]], numbered: bool = True) -> bytes:
    """Plain platypus (Table, Paragraph, PageBreak) in the embedded face, "Page x of y" from a
    first pass that counts the pages."""
    register_fonts()
    total = 0
    for _ in range(2):
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=landscape(A4),
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + 22,
            initialFontName=REGULAR,
        )

        def number(canvas: Canvas, document: object, total: int = total) -> None:
            canvas.setFont(REGULAR, 12)
            text = f"Page {canvas.getPageNumber()} of {total}" if numbered else "Page 1"
            canvas.drawString(MARGIN, MARGIN, text)

        doc.build(
            story(),
            onFirstPage=number,
            onLaterPages=number,
            canvasmaker=functools.partial(Canvas, initialFontName=REGULAR, initialFontSize=12),
        )
        total = doc.page
    return buffer.getvalue()


STYLE = ParagraphStyle("body", fontName=REGULAR, fontSize=12, leading=15)
BOLD_STYLE = ParagraphStyle("heading", fontName=BOLD, fontSize=15, leading=19)


def rows_table(n: int, repeat: int = 1) -> Table:
    data = [["Hour", "Walk-ins"]] + [[f"{9 + i}:00", str(i)] for i in range(n)]
    out = Table(data, repeatRows=repeat, colWidths=[200, 200], hAlign="LEFT")
    out.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("FONTNAME", (0, 0), (-1, 0), BOLD),
                ("FONTSIZE", (0, 0), (-1, -1), 12),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ]
        )
    )
    return out


def summary_then(*detail: Flowable) -> list[Flowable]:
    return [
        Paragraph("Summary", BOLD_STYLE),
        Paragraph("The key figures.", STYLE),
        PageBreak(),
        Paragraph("Walk-ins by hour", BOLD_STYLE),
        *detail,
    ]


class Labels(Flowable):  # type: ignore[misc]
    """Chart labels as the old chart set them: at an angle, or crowded into one line."""

    def __init__(self, angle: float = 0.0, size: float = 12.0) -> None:
        super().__init__()
        self.angle, self.size, self.width, self.height = angle, size, 400, 60

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(REGULAR, self.size)
        for n, label in enumerate(
            ("Walk-ins (target wait)", "Voicemail", "Call-back (message for a colleague)")
        ):
            canvas.saveState()
            canvas.translate(n * 70, 20)
            canvas.rotate(self.angle)
            canvas.drawString(0, 0, label)
            canvas.restoreState()


def _lone_row() -> bytes:
    """A plain Table pushed down until one row is carried alone to the next page (found by
    counting the rows on the last page, not by the check)."""
    for push in range(200, 480, 4):
        pdf = bare_report(lambda push=push: summary_then(Spacer(1, push), rows_table(6)))
        last = read(pdf).pages[-1]
        if sum(1 for ln in last.lines if ln.text.endswith(":00") or ":00 " in ln.text) == 1:
            return pdf
    raise AssertionError("no push leaves one row alone")


REPORT_CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    "overlapping chart labels": (lambda: bare_report(lambda: summary_then(Labels())), "overlaps"),
    "slanted chart labels": (
        lambda: bare_report(lambda: summary_then(Labels(30))),
        "not horizontal",
    ),
    "text below 12 pt": (lambda: bare_report(lambda: summary_then(Labels(size=9))), "is 9 pt"),
    "font not embedded": (
        lambda: bare_report(
            lambda: summary_then(Paragraph("Helvetica", ParagraphStyle("h", fontName="Helvetica")))
        ),
        "font Helvetica is not embedded",
    ),
    "no 'of y'": (
        lambda: bare_report(lambda: summary_then(rows_table(3)), numbered=False),
        "has no 'Page x of y'",
    ),
    "one row alone": (_lone_row, "alone"),
    "header not repeated": (
        lambda: bare_report(lambda: summary_then(Spacer(1, 300), rows_table(12, repeat=0))),
        "without its header",
    ),
    "heading at the foot": (
        lambda: bare_report(
            lambda: summary_then(
                rows_table(3), Paragraph("By service", BOLD_STYLE), PageBreak(), rows_table(3)
            )
        ),
        "ends with the heading",
    ),
    "avoidable half-empty page": (
        lambda: bare_report(
            lambda: summary_then(
                rows_table(3), PageBreak(), rows_table(3), Spacer(1, 20), rows_table(3)
            )
        ),
        "% empty, and the",
    ),
    "summary over two pages": (
        lambda: bare_report(
            lambda: [
                Paragraph("Summary", BOLD_STYLE),
                rows_table(40),
                PageBreak(),
                Paragraph("Walk-ins by hour", BOLD_STYLE),
            ]
        ),
        "the summary runs on to page 2",
    ),
}


def test_a_report_drawn_right_with_bare_reportlab_passes() -> None:
    pdf = bare_report(lambda: summary_then(rows_table(3), Spacer(1, 20), rows_table(30)))
    assert report_problems(pdf, large_print=False) == []


@pytest.mark.parametrize("case", list(REPORT_CASES))
def test_each_kind_of_bad_report_is_caught(case: str) -> None:
    make, expected = REPORT_CASES[case]
    found = " | ".join(report_problems(make(), large_print=False))
    assert expected in found, found
