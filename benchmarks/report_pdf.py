"""The managers' report as PDF for one day and for a month: time and pages, against bare
ReportLab drawing the same figures in the same run.

- app:  documents.report_pdf.report_pdf_bytes for North Norfolk's sample history (25 working
        days from the demo-data generator in a real SQLite file): the summary page, the hourly
        charts, every section's tables with repeated headers and the two-row rule, the trend for
        the month, "Page x of y", in clear print (12 pt) and large print (18 pt).
- bare: the same figures (domain.reports.summary_rows, one line each: section, figure,
        breakdown, value) drawn with drawString on landscape A4 pages in the same embedded face
        and size, wrapped with simpleSplit, "Page n" on each page: no charts, no tables.

The report is made on a worker thread at the desk; the goal is that a month in large print
takes well under a second (there is no ratio goal: the bare side draws no chart or table).

    .venv/bin/python benchmarks/report_pdf.py [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pypdf import PdfReader  # noqa: E402
from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.lib.utils import simpleSplit  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from reception_app.documents.fonts import REGULAR, register_fonts  # noqa: E402
from reception_app.documents.report_pdf import report_pdf_bytes  # noqa: E402
from reception_app.domain.reports import Report, summary_rows  # noqa: E402
from tests.documents.sample_reports import sample_reports  # noqa: E402


def bare_report(report: Report, size: float) -> bytes:
    buffer = io.BytesIO()
    page_size = landscape(A4)
    canvas = Canvas(buffer, pagesize=page_size, initialFontName=REGULAR, initialFontSize=size)
    margin = 15 * mm
    leading = size * 1.3
    y = page_size[1] - margin - size
    page = 1
    canvas.setFont(REGULAR, size)
    for row in summary_rows(report):
        for part in simpleSplit(" | ".join(row), REGULAR, size, page_size[0] - 2 * margin):
            if y < margin + 2 * leading:
                canvas.drawString(margin, margin, f"Page {page}")
                canvas.showPage()
                canvas.setFont(REGULAR, size)
                page += 1
                y = page_size[1] - margin - size
            canvas.drawString(margin, y, part)
            y -= leading
    canvas.drawString(margin, margin, f"Page {page}")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each; the median is shown")
    args = parser.parse_args()
    register_fonts()
    with tempfile.TemporaryDirectory() as folder:
        samples = sample_reports(Path(folder))
    print(f"Report PDF, median of {args.runs} runs (app, then bare ReportLab, same figures):")
    worst = 0.0
    for name, report in (("one day", samples.day), ("a month", samples.month)):
        for large in (False, True):
            app_times, bare_times = [], []
            for _ in range(args.runs):
                start = time.perf_counter()
                pdf = report_pdf_bytes(report, large_print=large)
                app_times.append(time.perf_counter() - start)
                start = time.perf_counter()
                bare = bare_report(report, 18 if large else 12)
                bare_times.append(time.perf_counter() - start)
            app, base = statistics.median(app_times), statistics.median(bare_times)
            worst = max(worst, app)
            print(
                f"  {name:8s} {'large' if large else 'clear'}: app {app * 1000:6.0f} ms, "
                f"{pages(pdf):2d} pages | bare {base * 1000:5.0f} ms, {pages(bare):2d} pages"
            )
    print(f"  slowest: {worst * 1000:.0f} ms (goal: under 1000 ms)")
    return 0 if worst < 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
