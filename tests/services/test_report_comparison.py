"""Issue 13 point 15: each figure beside the previous period's and a year earlier's."""

from __future__ import annotations

from datetime import date

from reception_app.documents.report_pdf import report_pdf_bytes
from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.services.report_service import ReportService
from tests.documents.pdf_checks import read_pdf, squash
from tests.services.test_report_service import add_visits, utc

MONDAY, FRIDAY, YEAR_AGO = date(2026, 11, 23), date(2026, 11, 20), date(2025, 11, 24)


def _served(day: date, hour: int, wait: int) -> dict:  # type: ignore[type-arg]
    return dict(
        day=day,
        status="served",
        checked_in_at=utc(day, hour, 0),
        called_at=utc(day, hour, wait),
        finished_at=utc(day, hour, 50),
    )


def test_a_day_is_compared_with_the_previous_open_day_and_the_same_weekday_a_year_ago(
    services: AppServices, manager: StaffMember
) -> None:
    add_visits(services, _served(MONDAY, 10, 4), _served(MONDAY, 11, 8))
    add_visits(services, _served(FRIDAY, 10, 6))
    add_visits(
        services, _served(YEAR_AGO, 10, 2), _served(YEAR_AGO, 11, 2), _served(YEAR_AGO, 12, 2)
    )
    reports = ReportService(services.context, "hellesdon", manager)
    report = reports.daily(MONDAY)
    compared = report.compared
    assert compared.previous_label == "Friday 20 November 2026"  # not the empty Sunday
    assert compared.year_label == "Monday 24 November 2025"
    assert report.section("walk_ins").figures[0].text == "2"
    assert compared.of("walk_ins", "arrivals") == ("1", "3")
    assert compared.of("walk_ins", "mean_wait") == ("6.0 min", "2.0 min")
    text = squash(" ".join(read_pdf(report_pdf_bytes(report)).pages))
    assert "Previous period (Friday 20 November 2026)" in text
    assert "A year earlier (Monday 24 November 2025)" in text
    assert "Compared with the previous period (Friday 20 November 2026)" in text
    # Before the office's first records there is nothing to compare with: '-', not zeros.
    early = reports.daily(YEAR_AGO)
    assert early.compared.of("walk_ins", "arrivals") == ("-", "-")
    assert reports.daily(MONDAY, waits_only=True).compared.present is False


def test_a_long_range_is_not_compared(services: AppServices, manager: StaffMember) -> None:
    add_visits(services, _served(MONDAY, 10, 4), _served(date(2026, 8, 3), 10, 4))
    reports = ReportService(services.context, "hellesdon", manager)
    assert reports.report(date(2026, 8, 3), MONDAY).compared.present is False
    week = reports.report(date(2026, 11, 16), date(2026, 11, 22))
    assert week.compared.previous_label == "9 Nov 2026 to 15 Nov 2026"
