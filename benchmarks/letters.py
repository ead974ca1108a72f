"""Large-print letters per second through the app's pipeline, against bare ReportLab, same run.

- app:  LetterService.produce_batch for N contacts (read each contact and the office from a
        real SQLite file, fill the acknowledgement template, escape, lay out with platypus in
        18 pt Atkinson Hyperlegible Next with "Page x of y"), then record_sent for the batch.
- bare: the same lines of text (taken from the app's letters before timing) drawn straight on
        a ReportLab canvas in the same embedded font and size, wrapped with simpleSplit, one
        page number per page: no database, no templating, no escaping, no platypus.

Goal: the app within 1.3x of bare ReportLab (ratio app/bare time <= 1.3; issue 14).

    .venv/bin/python benchmarks/letters.py [--letters 500] [--size 18] [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.utils import simpleSplit  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from reception_app.documents.fonts import BOLD, REGULAR, register_fonts  # noqa: E402
from reception_app.domain.letters import LetterFormat, PrintSpec, letter_lines  # noqa: E402
from reception_app.domain.people import Contact  # noqa: E402
from reception_app.persistence.database import open_database  # noqa: E402
from reception_app.persistence.engine import sqlite_url  # noqa: E402
from reception_app.services.container import AppServices  # noqa: E402
from reception_app.services.letter_service import (  # noqa: E402
    LetterRequest,
    LetterSource,
)

NOW = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)
GOAL = 1.3
"""App time at most this many times bare ReportLab's (issue 14; 2.0 before)."""
NAMES = ["Zoë Adams", "Łukasz Nowak", "Siobhán O'Neill", "Gwenllïan ap Ŵyn", "A & B <b> Smith"]
EXTRA = {
    "about": "the hedge on Woodview Road",
    "received_date": "Monday 23 November 2026",
    "response_date": "Tuesday 22 December 2026",
}


def bare_letter(lines: list[str], bold: set[str], spec: PrintSpec) -> bytes:
    """The same text drawn on a canvas (headings in the bold face, as in the letter): wrap,
    new page when full, page numbers."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    width, height = A4
    usable = width - 2 * spec.margin
    y = height - spec.margin - spec.size
    page = 1
    canvas.setFont(REGULAR, spec.size)
    for line in lines:
        face = BOLD if line in bold else REGULAR
        canvas.setFont(face, spec.size)
        parts = simpleSplit(line, face, spec.size, usable) if line else [""]
        for part in parts:
            if y < spec.margin + spec.leading:
                canvas.drawString(spec.margin, spec.margin - spec.leading, f"Page {page}")
                canvas.showPage()
                canvas.setFont(REGULAR, spec.size)
                page += 1
                y = height - spec.margin - spec.size
            canvas.setFont(face, spec.size)
            canvas.drawString(spec.margin, y, part)
            y -= spec.leading
    canvas.drawString(spec.margin, spec.margin - spec.leading, f"Page {page}")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def profile_batch(letters: object, requests: list[LetterRequest], manager: object) -> None:
    """One more batch under cProfile: the functions with the most time of their own, and the
    share of the batch spent drafting, laying out, drawing and writing the PDF."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    letters.produce_batch(requests, manager)  # type: ignore[attr-defined]
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values())  # type: ignore[attr-defined]
    print("\nwhere the app's time goes (cProfile, one batch; cumulative share of the batch):")
    wanted = {
        "produce_batch": "the whole batch",
        "_draft": "drafting (database, template, values)",
        "render_letter_pdf": "the PDF of each letter (all below)",
        "layout_letter": "laying out (wrapping, page breaks)",
        "draw_runs": "drawing the lines on the canvas",
        "save": "writing the PDF (fonts subset, compression)",
    }
    for (file, _line, name), row in stats.stats.items():  # type: ignore[attr-defined]
        label = wanted.get(name)
        if label and ("reception_app" in file or name == "save" and "canvas" in file):
            print(f"  {label:48s} {100 * row[3] / total:5.1f}% of the batch")
    stats.sort_stats("tottime").print_stats(12)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=500)
    parser.add_argument("--size", type=int, default=18)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is kept")
    parser.add_argument(
        "--profile", action="store_true", help="also print where the app's time goes (cProfile)"
    )
    args = parser.parse_args()
    register_fonts()

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        database = open_database(sqlite_url(root / "b.sqlite3"), backup_dir=root / "bk", now=NOW)
        services = AppServices.create(database, lambda: NOW)
        services.office.seed_shipped_profiles()
        manager = services.staff.create_first_manager(
            "hellesdon", "Margaret Clerk", "mclerk", "bench-password", "bench-password"
        )
        services.office.set_active_office("hellesdon", manager)
        contacts = services.contacts()
        requests = []
        for i in range(args.letters):
            saved = contacts.save(
                Contact(
                    id=None,
                    full_name=f"{NAMES[i % len(NAMES)]} {i}",
                    address=(f"{i} Woodview Road", "Hellesdon", "Norwich"),
                    postcode="NR6 5QB",
                ),
                manager,
            )
            requests.append(
                LetterRequest(
                    "acknowledgement",
                    LetterSource("contact", saved.id or 0),
                    LetterFormat.LARGE_PRINT,
                    args.size,
                    EXTRA,
                )
            )
        letters = services.letters()
        letters.templates()  # read the template files once, as a running desk has

        app_times, bare_times = [], []
        produced = letters.produce_batch(requests, manager)
        texts = [
            (
                letter_lines(p.draft.content),
                {
                    p.draft.content.letterhead[0],
                    p.draft.content.subject,
                    *(b.text for b in p.draft.content.blocks if b.kind == "heading"),
                },
            )
            for p in produced
        ]
        spec = produced[0].draft.spec
        for _ in range(args.repeat):
            start = time.perf_counter()
            batch = letters.produce_batch(requests, manager)
            letters.record_sent(batch, manager, "pdf")
            app_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            for lines, bold in texts:
                bare_letter(lines, bold, spec)
            bare_times.append(time.perf_counter() - start)
        if args.profile:
            profile_batch(letters, requests, manager)
        database.dispose()

    app, bare = min(app_times), min(bare_times)
    n = args.letters
    print(f"{n} large-print letters at {args.size} pt (best of {args.repeat}):")
    print(f"  app pipeline : {n / app:7.1f} letters/s  ({app:.2f} s)")
    print(f"  bare ReportLab: {n / bare:7.1f} letters/s  ({bare:.2f} s)")
    print(f"  ratio app/bare time: {app / bare:.2f} (goal <= {GOAL:.2f})")
    print(
        f"  median of runs: app {statistics.median(app_times):.2f} s, bare {statistics.median(bare_times):.2f} s"
    )
    return 0 if app / bare <= GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
