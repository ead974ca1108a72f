"""Retention purge of N years of sample data, with a desk writing all the while (issue 12).

Builds a real SQLite file: the walk-in visits of benchmarks/reports.py (about 250,000 over five
years, bulk-inserted, first names on 80%), its appointments, room bookings, messages and
correspondence, and on top the sample-data generator's history over the same working days
(contacts linked to visits, appointments, messages, correspondence, feedback and incidents).
Then, with the default schedule (DOMAIN.md 9):

- the report figures of each past year (and of the last 30 days before the walk-in cut-off),
- a dry run (counts per kind),
- the real run, while a "desk" thread saves a small change every 20 ms and times how long each
  save waits for the database,
- the same report figures again: they must be equal, or the script exits 1.

It prints the time, rows changed per kind, the longest write transaction the purge held (aim:
under 200 ms) and the desk's longest wait.

    .venv/bin/python benchmarks/retention.py [--years 5] [--visits-per-year 50000]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reports import NOW, OFFICE, build  # noqa: E402

from reception_app.domain.people import COMMAND_LINE  # noqa: E402
from reception_app.domain.retention import RecordKind, Schedule  # noqa: E402
from reception_app.persistence.database import open_database  # noqa: E402
from reception_app.persistence.engine import sqlite_url, transaction  # noqa: E402
from reception_app.persistence.settings_repository import put_setting  # noqa: E402
from reception_app.services.container import AppServices  # noqa: E402
from reception_app.services.report_service import ReportService  # noqa: E402
from reception_app.services.retention import RetentionService  # noqa: E402


def _figures(report: Any) -> tuple[Any, ...]:
    return (
        report.days,
        report.walk_ins,
        report.outcomes,
        report.trend,
        report.channels,
        report.sections,
    )


def _periods(first: date, today: date) -> list[tuple[date, date]]:
    """Each whole year back from yesterday, then the month just past the walk-in cut-off."""
    periods = []
    end = today - timedelta(days=1)
    while end - timedelta(days=364) >= first:
        periods.append((end - timedelta(days=364), end))
        end -= timedelta(days=365)
    cutoff = Schedule.default().cutoff(RecordKind.WALK_IN, today)
    periods.append((cutoff - timedelta(days=30), cutoff - timedelta(days=1)))
    return periods


class Desk(threading.Thread):
    """A desk saving a small change every 20 ms; records how long each save took."""

    def __init__(self, services: AppServices) -> None:
        super().__init__(name="desk", daemon=True)
        self._factory = services.database.session_factory
        self.waits: list[float] = []
        self.stop = threading.Event()

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            begun = time.perf_counter()
            with transaction(self._factory) as session:
                put_setting(session, "benchmark_desk_heartbeat", n)
            self.waits.append(time.perf_counter() - begun)
            n += 1
            time.sleep(0.02)


def _print_counts(title: str, result: Any) -> None:
    print(f"\n{title}")
    for key, count in result.counts.items():
        print(f"  {key:>22}: {count:>8,}")


def _compare(
    periods: list[tuple[date, date]], before: list[tuple[Any, ...]], after: list[tuple[Any, ...]]
) -> bool:
    print("\nReport figures before and after, per period:")
    same = True
    for (a, b), old, new in zip(periods, before, after, strict=True):
        match = old == new
        same &= match
        walk = new[1]
        print(
            f"  {a} to {b}: {walk.arrivals:>7,} walk-ins, mean wait "
            f"{walk.waits.mean or 0:.1f} min -> {'the same' if match else 'DIFFERENT'}"
        )
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--visits-per-year", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, default=400, help="records per write transaction")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        os.environ["RECEPTION_HOME"] = folder
        path = Path(folder) / "bench.sqlite3"
        started = time.perf_counter()
        visits, days = build(path, args.visits_per_year * args.years, args.seed, 365 * args.years)
        database = open_database(sqlite_url(path), backup_dir=None, now=NOW)
        services = AppServices.create(database, lambda: NOW)
        summary = services.demo.fill(OFFICE, min(len(days), 3000), seed=args.seed)
        with sqlite3.connect(path) as connection:  # statistics of the whole history
            connection.execute("ANALYZE")
        print(
            f"Built {visits + summary.visits:,} visits, {summary.contacts:,} contacts and the rest "
            f"of {args.years} years' sample history ({days[0]} to {days[-1]}) in "
            f"{time.perf_counter() - started:.0f} s; file {path.stat().st_size / 1e6:.0f} MB"
        )
        reports = ReportService(services.context, OFFICE, COMMAND_LINE)
        retention = RetentionService(services.context, OFFICE, batch_size=args.batch)
        periods = _periods(days[0], reports.today())
        begun = time.perf_counter()
        before = [_figures(reports.report(a, b)) for a, b in periods]
        print(f"Reports for {len(periods)} periods read in {time.perf_counter() - begun:.1f} s")

        dry = retention.run(COMMAND_LINE, dry_run=True)
        _print_counts(f"Dry run ({dry.seconds:.1f} s), would remove personal details from:", dry)

        desk = Desk(services)
        desk.start()
        result = retention.run(COMMAND_LINE)
        desk.stop.set()
        desk.join()
        _print_counts(f"Real run: {result.seconds:.1f} s, rows changed per kind:", result)
        print(
            f"Longest write transaction held by the purge: "
            f"{result.longest_write_seconds * 1000:.0f} ms, a batch of {result.longest_write_kind} "
            f"of up to {args.batch} (aim: under 200 ms)"
        )
        waits = sorted(desk.waits)
        print(
            f"Desk saves during the run: {len(waits)}, median "
            f"{statistics.median(waits) * 1000:.1f} ms, longest {waits[-1] * 1000:.0f} ms"
        )

        after = [_figures(reports.report(a, b)) for a, b in periods]
        same = _compare(periods, before, after)
        database.dispose()
    print("\nAll figures match." if same else "\nFIGURES CHANGED: retention broke a report.")
    return 0 if same and dry.counts == result.counts else 1


if __name__ == "__main__":
    raise SystemExit(main())
