"""What a desk's status line costs, against the same work in the same run with the office
profile built afresh every time (as before profiles were kept: persistence/office_profiles.py).

On a real SQLite file (migrated and seeded like the app's, Hellesdon running), times
``office.status()``, which the status bar asks for after every change on the desk: the median
of ``--runs`` calls after one that builds the profile, with profiles kept and then with each
built afresh; both give the same status. Goal: kept is faster, never slower.

    .venv/bin/python benchmarks/office_profile.py [--runs 300]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reception_app.domain.offices import OfficeProfile  # noqa: E402
from reception_app.persistence import office_profiles, office_repository  # noqa: E402
from reception_app.persistence.database import open_database  # noqa: E402
from reception_app.persistence.engine import sqlite_url  # noqa: E402
from reception_app.persistence.records import OfficeRecord  # noqa: E402
from reception_app.seams import Seams  # noqa: E402
from reception_app.services.container import AppServices  # noqa: E402

NOW = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)


@contextmanager
def built_every_time() -> Iterator[None]:
    """The baseline: every profile built from its records, none kept."""
    kept = office_profiles.kept_profile

    def build(record: OfficeRecord, make: Callable[[OfficeRecord], OfficeProfile]) -> OfficeProfile:
        return make(record)

    setattr(office_repository, "kept_profile", build)  # noqa: B010 - not exported
    try:
        yield
    finally:
        setattr(office_repository, "kept_profile", kept)  # noqa: B010


def _services(folder: Path, name: str) -> AppServices:
    db = open_database(sqlite_url(folder / f"{name}.sqlite3"), backup_dir=None, now=NOW)
    services = AppServices.create(db, seams=Seams(lambda: NOW))
    services.office.seed_shipped_profiles()
    manager = services.staff.create_first_manager(
        "hellesdon", "Bench Manager", "bench", "correct horse", "correct horse"
    )
    services.office.set_active_office("hellesdon", manager)
    return services


def _status_ms(services: AppServices, runs: int) -> tuple[float, str]:
    first = services.office.status()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        status = services.office.status()
        times.append((time.perf_counter() - start) * 1000)
    assert status == first
    return statistics.median(times), status.office_name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        kept = _services(folder, "kept")
        kept_ms, office = _status_ms(kept, args.runs)
        with built_every_time():
            built = _services(folder, "built")
            built_ms, _ = _status_ms(built, args.runs)
        for services in (kept, built):
            services.database.dispose()
    print(f"office.status() for {office}, median of {args.runs}:")
    print(f"  profile kept        {kept_ms:7.2f} ms")
    print(
        f"  built every time    {built_ms:7.2f} ms   (baseline; kept is {built_ms / kept_ms:.1f}x)"
    )
    if kept_ms > built_ms:
        print("GOAL MISSED: keeping the profile made status() slower")


if __name__ == "__main__":
    main()
