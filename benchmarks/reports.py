"""Managers' reports on five years of visits, against a hand-written SQL aggregate in the same run.

Builds a real SQLite file (migrated like the app's) holding about 250,000 walk-in visits over
five years of North Norfolk working days, then times the reports on it. The visits are written
by a bulk insert through the sqlite3 module (the sample-data generator's ORM path would take
minutes for 250,000) but have the same shape as the generator's rows
(services/demo_data.py ``_day_of_visits``): each visitor's service, the first free desk that
handles that service, lognormal handling times around the service's usual length, served a
minute after the call, announced waits within 30%, 30% of those waiting over 25 minutes leaving,
85% resolved at first contact and the rest passed to an officer with a target date. On top of
that: arrivals peak at lunchtime, the officer who called is recorded (so the by-officer
breakdown has rows) and 1% of tickets are cancelled. Then it times:

- ``ReportService.daily`` for one day (median of ``--runs``), the figures the page and the
  scheduled task show: counts, wait mean / median / 90th percentile / longest, share within the
  target, announced-versus-actual error, first-contact resolution, by hour, service, desk and
  officer, the standards section;
- ``ReportService.report`` for one year (365 days);
- the baseline: the same figures computed by hand-written SQL (window functions for the median
  and the nearest-rank 90th percentile) through a plain sqlite3 connection, for the same day
  and the same year. The script checks that both give the same numbers.

Goal: the daily summary under 100 ms and within 2x of the baseline.

    .venv/bin/python benchmarks/reports.py [--visits 250000] [--runs 25]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reception_app.domain.calendar import OfficeCalendar  # noqa: E402
from reception_app.domain.people import COMMAND_LINE, Role, StaffMember  # noqa: E402
from reception_app.persistence.database import open_database  # noqa: E402
from reception_app.persistence.engine import sqlite_url  # noqa: E402
from reception_app.services.container import AppServices  # noqa: E402
from reception_app.services.report_service import ReportService  # noqa: E402

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
OFFICE = "north-norfolk"
TARGET = 15


def _stamp(at: datetime) -> str:
    # SQLAlchemy's SQLite DateTime text format (UTC, naive), as UTCDateTime stores it.
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def build(path: Path, visits: int, seed: int, span_days: int = 5 * 365) -> tuple[int, list[date]]:
    """Migrate a new database, seed the offices and staff, bulk-insert the visits over the
    ``span_days`` calendar days before NOW (benchmarks/retention.py scales it down)."""
    database = open_database(sqlite_url(path), backup_dir=None, now=NOW)
    services = AppServices.create(database, lambda: NOW)
    services.office.seed_shipped_profiles()
    manager = services.staff.create_first_manager(
        OFFICE, "Bench Manager", "bench", "bench-password", "bench-password"
    )
    services.office.set_active_office(OFFICE, manager)
    for i in range(6):
        services.staff.save_staff(
            manager,
            OFFICE,
            StaffMember(id=0, username=f"officer{i}", full_name=f"Officer {i}", role=Role.OFFICER),
        )
    calendar = services.office.calendar(OFFICE)
    database.dispose()

    days = _working_days(calendar, NOW.date() - timedelta(days=1), span_days)
    per_day = visits / len(days)
    connection = sqlite3.connect(path)
    office_id = connection.execute("SELECT id FROM offices WHERE key = ?", (OFFICE,)).fetchone()[0]
    services_rows = connection.execute(
        "SELECT id, ticket_prefix, default_minutes FROM services WHERE office_id = ? AND active",
        (office_id,),
    ).fetchall()
    desks = [
        r[0]
        for r in connection.execute(
            "SELECT id FROM desks WHERE office_id = ? AND active", (office_id,)
        )
    ]
    # The desks that call each service, as in the generator (all desks if none is set up).
    every_service = {
        r[0]
        for r in connection.execute(
            "SELECT id FROM desks WHERE office_id = ? AND active AND handles_all_services",
            (office_id,),
        )
    }
    pairs = {
        (r[0], r[1]) for r in connection.execute("SELECT desk_id, service_id FROM desk_services")
    }
    able = {
        s[0]: [d for d in desks if d in every_service or (d, s[0]) in pairs] or desks
        for s in services_rows
    }
    staff = [
        r[0] for r in connection.execute("SELECT id FROM staff WHERE office_id = ?", (office_id,))
    ]
    officers = [
        r[0]
        for r in connection.execute(
            "SELECT id FROM staff WHERE office_id = ? AND role = 'officer'", (office_id,)
        )
    ] or staff
    rng = random.Random(seed)
    columns = (
        "office_id, ticket, ticket_prefix, ticket_number, ticket_day, service_id, contact_id, "
        "display_name, private_room, interpreter_language, hearing_loop, wheelchair_access, "
        "large_print, note, kind, status, checked_in_at, called_at, served_at, finished_at, "
        "desk_id, called_by, announced_wait_minutes, resolved_first_contact, "
        "follow_up_officer_id, follow_up_target, position"
    )
    sql = f"INSERT INTO visits ({columns}) VALUES ({', '.join('?' * 27)})"
    batch: list[tuple[Any, ...]] = []
    total = 0
    carry = 0.0
    for day in days:
        open_at, close_at = (
            calendar.opening_intervals(day)[0][0],
            calendar.opening_intervals(day)[-1][1],
        )
        span = (close_at - open_at).total_seconds() / 60
        carry += per_day * rng.uniform(0.6, 1.4)
        count, carry = int(carry), carry - int(carry)
        numbers: dict[str, int] = {}
        free = {d: open_at for d in desks}
        # Arrivals through the day with a lunchtime peak (a third of the day's visitors come
        # around 12:30 office time), as in benchmarks/wait_estimates.py's simulation.
        noon = (datetime.combine(day, dtime(12, 30), calendar.zone) - open_at).total_seconds() / 60
        minutes = sorted(
            min(span - 20, max(0.0, rng.gauss(noon, 45)))
            if rng.random() < 1 / 3
            else rng.uniform(0, span - 20)
            for _ in range(count)
        )
        for position, minute in enumerate(minutes):
            service_id, prefix, usual = rng.choice(services_rows)
            numbers[prefix] = numbers.get(prefix, 0) + 1
            arrived = open_at + timedelta(minutes=minute)
            desk = min(able[service_id], key=lambda d: free[d])
            called = max(arrived, free[desk]) + timedelta(seconds=rng.randint(20, 90))
            wait = (called - arrived).total_seconds() / 60
            announced = round(max(0.0, wait * rng.uniform(0.7, 1.3)), 1)
            called_at: datetime | None
            resolved: bool | None
            status, called_at, finished_at = "served", called, None
            served_at: datetime | None = called + timedelta(minutes=1)
            desk_id, called_by, resolved = desk, rng.choice(staff), rng.random() < 0.85
            follow_up, target = None, None
            if wait > 25 and rng.random() < 0.3:
                status, called_at, served_at, desk_id, called_by, resolved = (
                    "left",
                    None,
                    None,
                    None,
                    None,
                    None,
                )
                finished_at = arrived + timedelta(minutes=wait * 0.6)
            elif rng.random() < 0.01:
                status, called_at, served_at, desk_id, called_by, resolved = (
                    "cancelled",
                    None,
                    None,
                    None,
                    None,
                    None,
                )
                finished_at = arrived + timedelta(minutes=1)
            else:
                finished_at = called + timedelta(
                    minutes=1 + max(1.0, rng.lognormvariate(0, 0.45) * usual)
                )
                free[desk] = finished_at
                if not resolved:
                    follow_up = rng.choice(officers)
                    target = (day + timedelta(days=rng.randint(2, 10))).isoformat()
            batch.append(
                (
                    office_id,
                    f"{prefix}{numbers[prefix]:03d}",
                    prefix,
                    numbers[prefix],
                    day.isoformat(),
                    service_id,
                    None,
                    rng.choice(("Amelia", "Łukasz", "Zoë", "Siobhán", "Priya"))
                    if rng.random() < 0.8
                    else "anonymous",
                    0,
                    "",
                    0,
                    0,
                    0,
                    "",
                    "walk_in",
                    status,
                    _stamp(arrived),
                    called_at and _stamp(called_at),
                    served_at and _stamp(served_at),
                    finished_at and _stamp(finished_at),
                    desk_id,
                    called_by,
                    announced,
                    None if resolved is None else int(resolved),
                    follow_up,
                    target,
                    float(position),
                )
            )
        if len(batch) >= 20_000:
            connection.executemany(sql, batch)
            total += len(batch)
            batch.clear()
    connection.executemany(sql, batch)
    total += len(batch)
    connection.commit()
    connection.close()
    _other_sections(path, office_id, days, staff, [r[0] for r in services_rows], calendar, rng)
    connection = sqlite3.connect(path)
    connection.execute("ANALYZE")
    connection.close()
    return total, days


def _other_sections(
    path: Path,
    office_id: int,
    days: list[date],
    staff: list[int],
    services: list[int],
    calendar: OfficeCalendar,
    rng: random.Random,
) -> None:
    """A few appointments, room bookings, letters and call-back messages each working day."""
    from sqlalchemy import create_engine, insert

    from reception_app.persistence.appointment_records import AppointmentRecord, RoomBookingRecord
    from reception_app.persistence.correspondence_records import CorrespondenceRecord, MessageRecord
    from reception_app.persistence.records import InterviewRoomRecord

    engine = create_engine(sqlite_url(path))
    with engine.begin() as connection:
        rooms = list(
            connection.execute(
                InterviewRoomRecord.__table__.select()
                .with_only_columns(InterviewRoomRecord.id)
                .where(InterviewRoomRecord.office_id == office_id)
            ).scalars()
        )
        appointments, bookings, letters, messages = [], [], [], []
        today = NOW.date()
        for day in days:
            open_at = calendar.opening_intervals(day)[0][0].astimezone(UTC)
            for _ in range(6):
                start = open_at + timedelta(minutes=15 * rng.randint(0, 26))
                roll = rng.random()
                row = dict(
                    office_id=office_id,
                    customer_name="Sample",
                    service_id=rng.choice(services),
                    staff_id=rng.choice(staff),
                    starts_at=start,
                    ends_at=start + timedelta(minutes=30),
                    arrived_at=None,
                    seen_at=None,
                    delay_told_at=None,
                )
                if roll < 0.08:
                    row["status"] = "no_show"
                elif roll < 0.15:
                    row["status"] = "cancelled"
                else:
                    arrived = start + timedelta(minutes=rng.uniform(-10, 5))
                    seen = max(start, arrived) + timedelta(minutes=rng.expovariate(1 / 4))
                    row |= dict(
                        status="seen",
                        arrived_at=arrived,
                        seen_at=seen,
                        delay_told_at=start + timedelta(minutes=5)
                        if (seen - start).total_seconds() > 300 and rng.random() < 0.7
                        else None,
                    )
                appointments.append(row)
            for room in rooms:
                start = open_at + timedelta(minutes=30 * rng.randint(0, 12))
                bookings.append(
                    dict(
                        office_id=office_id,
                        room_id=room,
                        starts_at=start,
                        ends_at=start + timedelta(minutes=rng.choice((30, 60, 90))),
                    )
                )
            for _ in range(3):
                received = open_at + timedelta(minutes=rng.randint(0, 400))
                due = calendar.add_working_days(day, 5)
                roll = rng.random()
                answered = (
                    None
                    if roll < 0.03 and due >= today - timedelta(days=60)
                    else received + timedelta(days=rng.uniform(0, 9 if roll > 0.85 else 6))
                )
                letters.append(
                    dict(
                        office_id=office_id,
                        channel=rng.choice(("letter", "email", "online_form")),
                        received_at=received,
                        logged_at=received,
                        from_name="Sample",
                        subject="Sample",
                        owner_id=rng.choice(staff),
                        respond_due_on=due,
                        responded_at=answered,
                        closed_at=answered,
                        next_due_on=None if answered else due,
                    )
                )
                taken = open_at + timedelta(minutes=rng.randint(0, 400))
                due_on = calendar.add_working_days(day, 1)
                closed = (
                    None
                    if rng.random() < 0.02 and due_on >= today - timedelta(days=30)
                    else taken + timedelta(hours=rng.uniform(0, 30))
                )
                messages.append(
                    dict(
                        office_id=office_id,
                        taken_at=taken,
                        recipient_id=rng.choice(staff),
                        caller_name="Sample",
                        subject="Call back",
                        due_on=due_on,
                        status="closed" if closed else "open",
                        closed_at=closed,
                    )
                )
        connection.execute(insert(AppointmentRecord), appointments)
        connection.execute(insert(RoomBookingRecord), bookings)
        connection.execute(insert(CorrespondenceRecord), letters)
        connection.execute(insert(MessageRecord), messages)
    engine.dispose()


def _working_days(calendar: OfficeCalendar, last: date, span: int) -> list[date]:
    first = last - timedelta(days=span)
    return [
        first + timedelta(days=i)
        for i in range(span + 1)
        if calendar.opening_intervals(first + timedelta(days=i))
    ]


# --- the baseline: the same figures in hand-written SQL ---------------------------------------

WAITS = """
WITH v AS (
    SELECT v.*, s.name AS service, d.name AS desk,
           (julianday(COALESCE(v.called_at, CASE WHEN v.status = 'left' THEN v.finished_at END,
                               MIN(:cutoff, :now)))
            - julianday(v.checked_in_at)) * 1440.0 AS wait
    FROM visits v JOIN services s ON s.id = v.service_id LEFT JOIN desks d ON d.id = v.desk_id
    WHERE v.office_id = :office AND v.ticket_day BETWEEN :start AND :end
      AND v.kind = 'walk_in' AND v.status != 'cancelled'
), r AS (
    SELECT wait, ROW_NUMBER() OVER (ORDER BY wait) AS rn, COUNT(*) OVER () AS n FROM v
)
SELECT
    (SELECT COUNT(*) FROM v),
    (SELECT SUM(status = 'served') FROM v),
    (SELECT SUM(status = 'left') FROM v),
    (SELECT AVG(wait) FROM v),
    (SELECT AVG(wait) FROM r WHERE rn IN ((n + 1) / 2, (n + 2) / 2)),
    (SELECT wait FROM r WHERE rn = (n * 9 + 9) / 10),
    (SELECT MAX(wait) FROM v),
    (SELECT SUM(called_at IS NOT NULL AND wait <= :target) FROM v),
    (SELECT SUM(called_at IS NOT NULL OR wait > :target) FROM v),
    (SELECT AVG(wait - announced_wait_minutes) FROM v
      WHERE called_at IS NOT NULL AND announced_wait_minutes IS NOT NULL),
    (SELECT AVG(ABS(wait - announced_wait_minutes)) FROM v
      WHERE called_at IS NOT NULL AND announced_wait_minutes IS NOT NULL),
    (SELECT SUM(resolved_first_contact) FROM v WHERE status = 'served'),
    (SELECT COUNT(resolved_first_contact) FROM v WHERE status = 'served')
"""

GROUPED = """
WITH v AS (
    SELECT v.*, s.name AS service, d.name AS desk, st.full_name AS officer,
           CAST(strftime('%H', v.checked_in_at, 'localtime') AS INTEGER) AS hour_utc,
           (julianday(COALESCE(v.called_at, CASE WHEN v.status = 'left' THEN v.finished_at END,
                               MIN(:cutoff, :now)))
            - julianday(v.checked_in_at)) * 1440.0 AS wait
    FROM visits v JOIN services s ON s.id = v.service_id LEFT JOIN desks d ON d.id = v.desk_id
    LEFT JOIN staff st ON st.id = v.called_by
    WHERE v.office_id = :office AND v.ticket_day BETWEEN :start AND :end
      AND v.kind = 'walk_in' AND v.status != 'cancelled'
), r AS (
    SELECT {key} AS k, wait, ROW_NUMBER() OVER (PARTITION BY {key} ORDER BY wait) AS rn,
           COUNT(*) OVER (PARTITION BY {key}) AS n FROM v WHERE {key} IS NOT NULL
)
SELECT {key}, COUNT(*), SUM(status = 'served'), SUM(status = 'left'), AVG(wait), MAX(wait),
       (SELECT AVG(wait) FROM r WHERE r.k = v.{key} AND rn IN ((n + 1) / 2, (n + 2) / 2)),
       (SELECT wait FROM r WHERE r.k = v.{key} AND rn = (n * 9 + 9) / 10),
       SUM(called_at IS NOT NULL AND wait <= :target), SUM(called_at IS NOT NULL OR wait > :target),
       SUM(CASE WHEN status = 'served' THEN resolved_first_contact END),
       AVG(CASE WHEN status = 'served' THEN (julianday(finished_at) - julianday(COALESCE(served_at, called_at))) * 1440.0 END)
FROM v WHERE {key} IS NOT NULL GROUP BY {key} ORDER BY {key}
"""


OTHERS = {
    "appointments": """
        WITH a AS (
            SELECT a.*, (julianday(seen_at) - julianday(MAX(starts_at, COALESCE(arrived_at, starts_at))))
                        * 1440.0 AS delay
            FROM appointments a WHERE office_id = :office AND starts_at >= :begin AND starts_at < :finish
        )
        SELECT SUM(status != 'cancelled'), SUM(status != 'cancelled' AND seen_at IS NOT NULL),
               SUM(status != 'cancelled' AND delay <= :late), AVG(CASE WHEN status != 'cancelled' THEN delay END),
               MAX(CASE WHEN status != 'cancelled' THEN delay END), SUM(status = 'no_show'),
               SUM(status != 'cancelled' AND delay > :late AND delay_told_at IS NOT NULL)
        FROM a""",
    "rooms": """
        SELECT r.name, COUNT(b.id), SUM((julianday(b.ends_at) - julianday(b.starts_at)) * 24.0)
        FROM room_bookings b JOIN interview_rooms r ON r.id = b.room_id
        WHERE b.office_id = :office AND b.starts_at >= :begin AND b.starts_at < :finish
          AND b.status = 'booked'
        GROUP BY r.name ORDER BY r.name""",
    "letters": """
        SELECT channel, COUNT(*),
               SUM(COALESCE(responded_at, closed_at) IS NOT NULL
                   AND date(COALESCE(responded_at, closed_at)) <= respond_due_on),
               SUM(COALESCE(responded_at, closed_at) IS NOT NULL OR :today > respond_due_on)
        FROM correspondence WHERE office_id = :office AND received_at >= :begin AND received_at < :finish
        GROUP BY channel""",
    "messages": """
        SELECT COUNT(*), SUM(closed_at IS NOT NULL AND date(closed_at) <= due_on),
               SUM(closed_at IS NOT NULL OR :today > due_on)
        FROM messages WHERE office_id = :office AND callback_expected
          AND taken_at >= :begin AND taken_at < :finish""",
    "overdue": """
        SELECT COUNT(*), MIN(next_due_on) FROM correspondence
        WHERE office_id = :office AND closed_at IS NULL AND next_due_on < :today
        UNION ALL
        SELECT COUNT(*), MIN(due_on) FROM messages
        WHERE office_id = :office AND callback_expected AND status = 'open' AND due_on < :today""",
}


def baseline(
    connection: sqlite3.Connection,
    office_id: int,
    start: date,
    end: date,
    cutoff: str,
    waits_only: bool = False,
) -> dict[str, Any]:
    """The report's figures by SQL alone (the cut-off is the closing time of a single day)."""
    params = {
        "office": office_id,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "cutoff": cutoff,
        "now": _stamp(NOW),
        "target": TARGET,
    }
    out: dict[str, Any] = {"totals": connection.execute(WAITS, params).fetchone()}
    for key in ("service", "desk", "officer"):
        out[key] = connection.execute(GROUPED.format(key=key), params).fetchall()
    # Hours are office-local: SQLite has no zone database, so the hour is taken from the UTC
    # time shifted by the day's offset, given by the caller (as a hand-written report would).
    out["hour"] = connection.execute(
        GROUPED.format(key="hour_utc").replace("'localtime'", ":shift"),
        {**params, "shift": f"{int(_offset_hours(start))} hours"},
    ).fetchall()
    if waits_only:
        return out
    begin, finish = (
        _stamp(datetime.combine(d, datetime.min.time(), OfficeCalendar().zone))
        for d in (start, end + timedelta(days=1))
    )
    others = {
        **params,
        "begin": begin,
        "finish": finish,
        "late": 5,
        "today": NOW.date().isoformat(),
    }
    for key, sql in OTHERS.items():
        out[key] = connection.execute(sql, others).fetchall()
    return out


def _offset_hours(day: date) -> float:
    cal = OfficeCalendar()
    noon = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    offset = cal.to_local(noon).utcoffset()
    return offset.total_seconds() / 3600 if offset else 0.0


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def paired(
    ours: Callable[[], Any], theirs: Callable[[], Any], runs: int
) -> tuple[float, Any, float, Any]:
    """Median times of two functions run alternately, so a busy machine slows both alike."""
    a: list[float] = []
    b: list[float] = []
    mine = base = None
    for _ in range(runs):
        start = time.perf_counter()
        mine = ours()
        a.append(time.perf_counter() - start)
        start = time.perf_counter()
        base = theirs()
        b.append(time.perf_counter() - start)
    return statistics.median(a), mine, statistics.median(b), base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=250_000)
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        os.environ["RECEPTION_HOME"] = folder
        path = Path(folder) / "bench.sqlite3"
        start = time.perf_counter()
        total, days = build(path, args.visits, args.seed)
        built = time.perf_counter() - start
        size = path.stat().st_size / 1e6
        print(
            f"Built {total:,} visits over {len(days):,} working days ({days[0]} to {days[-1]}) "
            f"in {built:.1f} s; file {size:.0f} MB"
        )

        database = open_database(sqlite_url(path), backup_dir=None, now=NOW)
        services = AppServices.create(database, lambda: NOW)
        reports = ReportService(services.context, OFFICE, COMMAND_LINE)
        connection = sqlite3.connect(path)
        office_id = connection.execute(
            "SELECT id FROM offices WHERE key = ?", (OFFICE,)
        ).fetchone()[0]
        calendar = services.office.calendar(OFFICE)

        day = days[-40]
        close = calendar.opening_intervals(day)[-1][1]
        reports.daily(day)  # warm: imports, holiday tables, statement cache
        ours_waits, waits_report, base_waits, _ = paired(
            lambda: reports.daily(day, waits_only=True),
            lambda: baseline(connection, office_id, day, day, _stamp(close), waits_only=True),
            args.runs,
        )
        ours_day, report, base_day, base = paired(
            lambda: reports.daily(
                day, compare=False
            ),  # like for like: the baseline compares nothing
            lambda: baseline(connection, office_id, day, day, _stamp(close)),
            args.runs,
        )
        _check(report, base)

        year_start, year_end = days[-1] - timedelta(days=364), days[-1]
        ours_year, year_report = timed(lambda: reports.report(year_start, year_end), 3)
        # Over a range the cut-off only matters to visitors never called (none in this data).
        base_year, year_base = timed(
            lambda: baseline(connection, office_id, year_start, year_end, _stamp(NOW)), 3
        )
        totals = year_base["totals"]
        assert totals[0] == year_report.walk_ins.arrivals, (
            totals[0],
            year_report.walk_ins.arrivals,
        )
        connection.close()
        database.dispose()

    print(
        f"\nOne day, {day} ({report.walk_ins.arrivals} walk-ins), median of {args.runs} runs each:"
    )
    print("                                      ours   hand-written SQL   ratio")
    print(
        f"  wait summary (walk-ins)        {ours_waits * 1000:7.1f} ms   {base_waits * 1000:7.1f} ms"
        f"      {ours_waits / base_waits:5.2f}"
    )
    print(
        f"  whole daily report             {ours_day * 1000:7.1f} ms   {base_day * 1000:7.1f} ms"
        f"      {ours_day / base_day:5.2f}"
    )
    print("  (goal: under 100 ms and at most 2.0 times the baseline)")
    print(
        f"\nOne year {year_start} to {year_end} ({year_report.walk_ins.arrivals:,} walk-ins), median of 3:"
    )
    print(f"  ReportService.report     {ours_year * 1000:7.0f} ms")
    print(f"  hand-written SQL         {base_year * 1000:7.0f} ms")
    print(f"  ratio                    {ours_year / base_year:7.2f}")
    for name, mine, theirs in (
        ("wait summary", ours_waits, base_waits),
        ("whole daily report", ours_day, base_day),
    ):
        met = mine < 0.100 and mine / theirs <= 2.0
        print(f"Goal for the {name}: {'met' if met else 'NOT met'}.")


def _check(report: Any, base: dict[str, Any]) -> None:
    """Both ways must give the same figures (to 0.001 minute: julianday() rounds to a few ms)."""
    w = report.walk_ins
    t = base["totals"]
    ours = (
        w.arrivals,
        w.served,
        w.left,
        w.waits.mean,
        w.waits.median,
        w.waits.p90,
        w.waits.longest,
        w.within_target.met,
        w.within_target.total,
        w.announced.mean_error,
        w.announced.mean_absolute_error,
        w.first_contact.met,
        w.first_contact.total,
    )
    for a, b in zip(ours, t, strict=True):
        assert (a is None and b is None) or abs((a or 0) - (b or 0)) < 1e-3, (ours, t)
    for kind, groups in (("service", w.by_service), ("desk", w.by_desk), ("officer", w.by_officer)):
        rows = {r[0]: r for r in base[kind]}
        for g in groups:
            r = rows[g.label]
            assert (g.arrivals, g.served, g.left) == tuple(r[1:4]), (kind, g.label)
            assert abs((g.waits.mean or 0) - r[4]) < 1e-3 and abs((g.waits.p90 or 0) - r[7]) < 1e-3
    hours = {f"{r[0]:02d}": r[1] for r in base["hour"]}
    assert {g.key: g.arrivals for g in w.by_hour if g.arrivals} == hours, (hours,)
    appointments = {f.key: f.value for f in report.section("appointments").figures}
    booked, seen, on_time, mean, worst, no_shows, told = base["appointments"][0]
    assert (appointments["booked"], appointments["seen"], appointments["no_shows"]) == (
        booked,
        seen,
        no_shows,
    )
    assert abs((appointments["mean_delay"] or 0) - (mean or 0)) < 1e-3
    rooms = report.section("rooms").tables[0].rows
    assert {r[0]: r[1] for r in rooms if r[1] != "0"} == {r[0]: str(r[1]) for r in base["rooms"]}
    overdue = sum(r[0] for r in base["overdue"])
    assert report.section("correspondence").figures[2].value == overdue, (overdue,)


if __name__ == "__main__":
    main()
