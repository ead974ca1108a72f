"""Reports on sample history in a real SQLite file: a day and a month of North Norfolk's demo
data (walk-ins, appointments, rooms, call-backs and correspondence), for the layout check and
the report benchmark."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from reception_app.domain.reports import Report
from reception_app.persistence.database import open_database
from reception_app.persistence.engine import sqlite_url
from reception_app.services.container import AppServices

NOW = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)
"""Tuesday 24 November 2026: the sample history ends the day before."""
DAY = date(2026, 11, 23)
MONTH = (date(2026, 10, 26), date(2026, 11, 23))


@dataclass(frozen=True)
class SampleReports:
    day: Report
    month: Report


def sample_reports(folder: Path, days: int = 25) -> SampleReports:
    """``days`` working days of sample data for North Norfolk, then its reports for the last
    day and for the four weeks up to it."""
    database = open_database(
        sqlite_url(folder / "reports.sqlite3"), backup_dir=folder / "backups", now=NOW
    )
    try:
        services = AppServices.create(database, lambda: NOW)
        services.office.seed_shipped_profiles()
        manager = services.staff.create_first_manager(
            "north-norfolk", "Margaret Clerk", "mclerk", "sample-password", "sample-password"
        )
        services.office.set_active_office("north-norfolk", manager)
        services.demo.fill("north-norfolk", days, seed=3)
        reports = services.reports(manager)
        return SampleReports(reports.daily(DAY), reports.report(*MONTH))
    finally:
        database.dispose()
