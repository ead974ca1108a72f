"""Free-slot search on a year of bookings: the app's search against a brute-force baseline.

One year of demo bookings for 12 officers and 4 interview rooms goes into a real SQLite file;
then the next 5 free slots are searched for a service at the office desk and for one that needs
a room, from several starting days, through AppointmentService.free_slots (the code the desk
uses, database reads included). The baseline, in the same run, walks every 15-minute grid time
and scans every booking of the year for each officer and room. Goal: a search well under 50 ms.

    .venv/bin/python benchmarks/slots.py [--days 365] [--repeats 20]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time as timer
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select  # noqa: E402

from reception_app.domain.appointments import FreeSlot  # noqa: E402
from reception_app.domain.calendar import OfficeCalendar  # noqa: E402
from reception_app.domain.people import Role, StaffMember  # noqa: E402
from reception_app.persistence.appointment_records import (  # noqa: E402
    AppointmentRecord,
    RoomBookingRecord,
)
from reception_app.persistence.database import open_database  # noqa: E402
from reception_app.persistence.engine import sqlite_url, transaction  # noqa: E402
from reception_app.persistence.office_repository import get_office  # noqa: E402
from reception_app.persistence.records import InterviewRoomRecord, ServiceRecord  # noqa: E402
from reception_app.services.booking_support import calendar_for  # noqa: E402
from reception_app.services.container import AppServices  # noqa: E402

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
STEP = timedelta(minutes=15)


def build(folder: Path, days: int, seed: int) -> tuple[AppServices, int]:
    rng = random.Random(seed)
    database = open_database(sqlite_url(folder / "slots.sqlite3"), backup_dir=folder / "b", now=NOW)
    services = AppServices.create(database, lambda: NOW)
    services.office.seed_shipped_profiles()
    manager = services.staff.create_first_manager(
        "hellesdon", "Bench Manager", "bench", "bench-password", "bench-password"
    )
    services.office.set_active_office("hellesdon", manager)
    officers = [
        services.staff.save_staff(
            manager,
            "hellesdon",
            StaffMember(0, f"officer{i}", f"Officer {i:02d}", Role.OFFICER),
            None,
        ).id
        for i in range(11)
    ] + [manager.id]
    rows: list[dict[str, object]] = []
    room_rows: list[dict[str, object]] = []
    with transaction(database.session_factory, write=True) as session:
        office = get_office(session, "hellesdon")
        for key, name, capacity in (("IR2", "Interview Room 2", 4), ("IR3", "Quiet Room", 2)):
            session.add(
                InterviewRoomRecord(
                    office_id=office.id, key=key, name=name, capacity=capacity, buffer_minutes=10
                )
            )
        session.flush()
        calendar = calendar_for(office)
        service_ids = [
            s.id
            for s in session.scalars(
                select(ServiceRecord).where(ServiceRecord.office_id == office.id)
            )
        ]
        room_ids = [
            r.id
            for r in session.scalars(
                select(InterviewRoomRecord).where(InterviewRoomRecord.office_id == office.id)
            )
        ]
        office_id = office.id
    day = NOW.astimezone(LONDON).date()
    for _ in range(days):
        for open_start, open_end in calendar.opening_intervals(day):
            for staff_id in officers:
                t = open_start
                while t + STEP <= open_end:
                    length = STEP * rng.choice((1, 2, 2, 3))
                    if t + length <= open_end and rng.random() < 0.7:  # about 70% of time booked
                        rows.append(
                            _appointment(
                                office_id, staff_id, rng.choice(service_ids), t, t + length
                            )
                        )
                        t += length
                    else:
                        t += STEP
            for room_id in room_ids:
                t = open_start
                while t + STEP * 2 <= open_end:
                    if rng.random() < 0.5:
                        end = t + STEP * 2
                        room_rows.append(
                            {
                                "office_id": office_id,
                                "room_id": room_id,
                                "starts_at": t,
                                "ends_at": end,
                                "purpose": "Demo",
                                "people": 2,
                                "status": "booked",
                                "created_at": NOW,
                            }
                        )
                        t = end + STEP
                    else:
                        t += STEP
        day += timedelta(days=1)
    with transaction(database.session_factory, write=True) as session:
        session.execute(insert(AppointmentRecord), rows)
        session.execute(insert(RoomBookingRecord), room_rows)
    return services, len(rows) + len(room_rows)


def _appointment(
    office_id: int, staff_id: int, service_id: int, a: datetime, b: datetime
) -> dict[str, object]:
    return {
        "office_id": office_id,
        "customer_name": "Demo Customer",
        "service_id": service_id,
        "staff_id": staff_id,
        "any_officer": False,
        "starts_at": a,
        "ends_at": b,
        "place": "desk",
        "home_address": "",
        "people": 2,
        "interpreter_language": "",
        "hearing_loop": False,
        "wheelchair_access": False,
        "large_print": False,
        "notes": "",
        "status": "booked",
        "cancel_reason": "",
        "delay_reason": "",
        "created_at": NOW,
        "updated_at": NOW,
    }


def brute_force(
    calendar: OfficeCalendar,
    officer_bookings: dict[int, list[tuple[datetime, datetime]]],
    room_bookings: dict[int, list[tuple[datetime, datetime]]] | None,
    after: datetime,
    minutes: int,
    count: int,
) -> list[datetime]:
    """Every grid time, every officer, every booking of the year: no index, no windows."""
    found: list[datetime] = []
    day = after.astimezone(LONDON).date()
    length = timedelta(minutes=minutes)
    buffer = timedelta(minutes=10)
    while len(found) < count:
        for open_start, open_end in calendar.opening_intervals(day):
            t = open_start
            while t + length <= open_end and len(found) < count:
                if t >= after:
                    officer_free = any(
                        all(not (t < b and a < t + length) for a, b in spans)
                        for spans in officer_bookings.values()
                    )
                    room_free = room_bookings is None or any(
                        all(not (t < b + buffer and a < t + length + buffer) for a, b in spans)
                        for spans in room_bookings.values()
                    )
                    if officer_free and room_free:
                        found.append(t)
                t += STEP
        day += timedelta(days=1)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = timer.perf_counter()
        services, bookings = build(Path(folder), args.days, args.seed)
        print(
            f"{bookings:,} bookings over {args.days} days for 12 officers and 4 rooms "
            f"(built in {timer.perf_counter() - started:.1f} s)"
        )
        appointments = services.appointments()
        with transaction(services.database.session_factory, write=False) as session:
            calendar = calendar_for(get_office(session, "hellesdon"))
            officer_bookings: dict[int, list[tuple[datetime, datetime]]] = {}
            for staff_id, a, b in session.execute(
                select(
                    AppointmentRecord.staff_id,
                    AppointmentRecord.starts_at,
                    AppointmentRecord.ends_at,
                )
            ):
                officer_bookings.setdefault(staff_id, []).append((a, b))
            room_bookings: dict[int, list[tuple[datetime, datetime]]] = {}
            for room_id, a, b in session.execute(
                select(
                    RoomBookingRecord.room_id,
                    RoomBookingRecord.starts_at,
                    RoomBookingRecord.ends_at,
                )
            ):
                room_bookings.setdefault(room_id, []).append((a, b))
        for label, service, minutes, rooms in (
            ("desk service (general, 8 min)", "general", 8, None),
            ("room service (burials, 20 min)", "burials", 20, room_bookings),
        ):
            app_times: list[float] = []
            base_times: list[float] = []
            for i in range(args.repeats):
                first_day = date(2027, 1, 4) + timedelta(days=7 * i)
                t0 = timer.perf_counter()
                slots: list[FreeSlot] = appointments.free_slots(
                    service, count=5, first_day=first_day
                )
                app_times.append(timer.perf_counter() - t0)
                after = max(NOW + timedelta(hours=1), datetime.combine(first_day, time(), LONDON))
                t0 = timer.perf_counter()
                baseline = brute_force(calendar, officer_bookings, rooms, after, minutes, 5)
                base_times.append(timer.perf_counter() - t0)
                if rooms is None and [s.start for s in slots] != baseline:
                    raise SystemExit(f"results differ on {first_day}: {slots} vs {baseline}")
            app_ms = statistics.median(app_times) * 1000
            base_ms = statistics.median(base_times) * 1000
            print(
                f"{label}: app search median {app_ms:.1f} ms (max {max(app_times) * 1000:.1f} ms); "
                f"brute force {base_ms:.1f} ms; app/baseline {app_ms / base_ms:.2f}"
            )


if __name__ == "__main__":
    main()
