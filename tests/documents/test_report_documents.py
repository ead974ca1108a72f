"""Report PDF and CSV read back: the same figures, large print, metadata, no partial files."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from pypdf import PdfReader

from reception_app.documents.report_csv import (
    summary_csv,
    visits_csv,
    write_atomically,
    write_report_csv,
)
from reception_app.documents.report_pdf import report_pdf_bytes, write_report_pdf
from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.domain.reports import Report, VisitRow, build_report, unavailable_section
from tests.documents.pdf_checks import font_names

CAL = OfficeCalendar("ENG", {d: ((time(9, 30), time(16, 0)),) for d in range(5)})
DAY = date(2026, 11, 24)


def at(hh: int, mm: int) -> datetime:
    return datetime.combine(DAY, time(hh, mm), UTC)


def sample(day: date = DAY, rows: list[VisitRow] | None = None) -> Report:
    if rows is None:
        rows = [
            VisitRow(
                1,
                "A001",
                DAY,
                "Allotments <b>&amp;</b> plots",
                "served",
                at(9, 40),
                called_at=at(9, 52),
                finished_at=at(10, 0),
                desk="Reception window",
                officer="Zoë Łukasz",
                announced_wait_minutes=10.0,
                resolved_first_contact=True,
            ),
            VisitRow(2, "G001", DAY, "General enquiry", "left", at(10, 0), finished_at=at(10, 30)),
            VisitRow(3, "G002", DAY, "General enquiry", "waiting", at(15, 40)),
        ]
    return build_report(
        office_name="Hellesdon Parish Council",
        calendar=CAL,
        start=day,
        end=day,
        rows=rows,
        target_wait_minutes=15,
        now=datetime(2026, 11, 25, 9, tzinfo=UTC),
        extra_sections=[unavailable_section("rooms", "Interview rooms", "Coming later.")],
    )


def _text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def _sizes(reader: PdfReader) -> set[float]:
    sizes: set[float] = set()

    def visitor(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes.add(round(size * tm[3] * cm[3], 1))

    for page in reader.pages:
        page.extract_text(visitor_text=visitor)
    return sizes


def test_pdf_has_the_figures_metadata_and_escaped_text() -> None:
    reader, text = _text(report_pdf_bytes(sample()))
    assert reader.metadata is not None
    assert reader.metadata.title.startswith("Walk-in waits and service standards: Hellesdon")
    assert "/Lang" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    flat = " ".join(text.split())
    for expected in (
        "Tuesday 24 November 2026",
        "3 walk-in visitors; 1 served, 1 left without being seen",
        "Mean wait 20.7 min",  # (12 + 30 + 20 until closing) / 3
        "Called within the 15-minute target 33% (1 of 3)",
        "Resolved at the first point of contact 100% (1 of 1)",
        "Allotments <b>&amp;</b> plots",  # shown as typed, never obeyed as markup
        "Zoë Łukasz",
        "Not available yet",
        "Service standards",
        "Page 1",
    ):
        assert expected in flat, expected


def test_large_print_is_at_least_16_point() -> None:
    reader, _ = _text(report_pdf_bytes(sample(), large_print=True))
    sizes = _sizes(reader)
    assert min(sizes) >= 16, sizes
    clear, _ = _text(report_pdf_bytes(sample()))
    assert min(_sizes(clear)) >= 11


def test_a_day_without_office_hours_says_so_in_the_pdf() -> None:
    _, text = _text(report_pdf_bytes(sample(date(2026, 12, 25), rows=[])))
    flat = " ".join(text.split())
    assert "No office hours on Friday 25 December 2026: Christmas Day (bank holiday)." in flat
    assert "Mean wait" not in flat


def test_csv_summary_and_visits() -> None:
    report = sample()
    summary = list(csv.reader(io.StringIO(summary_csv(report).decode("utf-8-sig"))))
    assert summary[0] == [
        "Section",
        "Figure",
        "Breakdown",
        "Value (as shown)",
        "Count",
        "Minutes",
        "Percent (%)",
        "Met (count)",
        "Out of (count)",
        "Previous period (as shown)",
        "A year earlier (as shown)",
    ]
    # Issue 13 point 15: each number in its own column, the unit in the header.
    assert ["Walk-in visitors", "Mean wait", "", "20.7 min", "", "20.7", "", "", ""] in [
        r[:9] for r in summary
    ]
    assert ["Walk-in visitors", "By service: Walk-ins", "General enquiry", "2", "2"] in [
        r[:5] for r in summary
    ]
    shares = [r for r in summary if r[3].endswith(")") and "% (" in r[3]]
    assert shares and all(r[6] and r[7] and r[8] for r in shares)
    assert all(float(r[5]) >= 0 for r in summary[1:] if r[5])  # a spreadsheet can sum them
    visits = list(csv.reader(io.StringIO(visits_csv(report).decode("utf-8-sig"))))
    assert visits[0][:3] == ["Ticket", "Day", "Service"]
    assert visits[1] == [
        "A001",
        "2026-11-24",
        "Allotments <b>&amp;</b> plots",
        "09:40",
        "09:52",
        "10:00",
        "12.0",
        "called",
        "yes",
        "10.0",
        "2.0",
        "served",
        "Reception window",
        "Zoë Łukasz",
        "yes",
    ]
    assert visits[3][:9] == [
        "G002",
        "2026-11-24",
        "General enquiry",
        "15:40",
        "",
        "",
        "20.0",
        "still waiting",
        "no",
    ]


def test_files_are_written_whole_and_bad_paths_refused(tmp_path: Path) -> None:
    report = sample()
    assert write_report_csv(report, tmp_path / "day.csv") == [
        tmp_path / "day.csv",
        tmp_path / "day-visits.csv",
    ]
    assert write_report_pdf(report, tmp_path / "day.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(ValidationError, match="does not exist"):
        write_report_pdf(report, tmp_path / "missing" / "day.pdf")
    with pytest.raises(ValidationError, match="must end with .pdf"):
        write_report_pdf(report, tmp_path / "day.txt")
    with pytest.raises(ValidationError, match="is a folder"):
        write_report_csv(report, tmp_path / "folder.csv") if (
            tmp_path / "folder.csv"
        ).mkdir() is None else None
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "day-visits.csv",
        "day.csv",
        "day.pdf",
        "folder.csv",
    ]


def test_a_failure_half_way_leaves_no_partial_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    old = tmp_path / "summary.csv"
    old.write_text("the previous report")

    def fails(handle: object) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(ReceptionError, match="No space left on device"):
        write_atomically(
            [(old, lambda f: f.write(b"new")), (tmp_path / "summary-visits.csv", fails)]
        )
    assert old.read_text() == "the previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.csv"]

    def crashes(handle: object) -> None:
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        write_atomically([(tmp_path / "x.pdf", crashes)])
    assert [p.name for p in tmp_path.iterdir()] == ["summary.csv"]


def test_only_the_embedded_face_is_in_the_pdf_charts_and_tables_included() -> None:
    """Tables and charts set their own default font (Helvetica, not embedded) unless told."""
    for large_print in (False, True):
        names = font_names(report_pdf_bytes(sample(), large_print=large_print))
        assert names == {"AtkinsonHyperlegibleNext-Regular", "AtkinsonHyperlegibleNext-Bold"}


def test_page_one_says_which_standards_were_met_or_missed() -> None:
    """Issue 13 point 15: each channel's standard at a glance on the summary page."""
    from dataclasses import replace

    from reception_app.documents.report_summary import standards_at_a_glance
    from reception_app.domain.reports import Share
    from reception_app.domain.reports.standards import ChannelLine

    report = replace(
        sample(),
        channels=(
            ChannelLine("email", "Email", "", Share(3, 3), 0),
            ChannelLine("letter", "Letter", "", Share(1, 2), 1),
            ChannelLine("foi", "Freedom of Information", "", Share(0, 0), 0),
        ),
    )
    assert standards_at_a_glance(report) == "Standards met: Email; missed: Letter (2 late)."
