"""Shared fixtures: every test gets its own folders (RECEPTION_HOME) and a real SQLite file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from reception_app.domain.people import StaffMember  # noqa: E402
from reception_app.paths import AppPaths  # noqa: E402
from reception_app.persistence.database import Database, open_database  # noqa: E402
from reception_app.persistence.engine import sqlite_url  # noqa: E402
from reception_app.services.container import AppServices  # noqa: E402

FIXED_NOW = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)
"""Tuesday 24 November 2026, 10:30 in London (GMT): both offices are open."""

MANAGER_PASSWORD = "correct horse"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    """Point every user folder at a temp dir so tests never touch real settings or data."""
    home = tmp_path / "home"
    monkeypatch.setenv("RECEPTION_HOME", str(home))
    monkeypatch.delenv("RECEPTION_DB_URL", raising=False)
    return AppPaths.from_environment()


@pytest.fixture
def paths(isolated_home: AppPaths) -> AppPaths:
    return isolated_home


@pytest.fixture
def database(paths: AppPaths) -> Iterator[Database]:
    db = open_database(
        sqlite_url(paths.default_database), backup_dir=paths.backup_dir, now=FIXED_NOW
    )
    yield db
    db.dispose()


class FixedClock:
    """A clock the test can move."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def services(database: Database, clock: FixedClock) -> AppServices:
    """Services on a migrated database with both shipped offices; Hellesdon is running."""
    app_services = AppServices.create(database, clock)
    app_services.office.seed_shipped_profiles()
    return app_services


@pytest.fixture
def manager(services: AppServices) -> StaffMember:
    member = services.staff.create_first_manager(
        "hellesdon", "Margaret Clerk", "mclerk", MANAGER_PASSWORD, MANAGER_PASSWORD
    )
    services.office.set_active_office("hellesdon", member)
    return member


@pytest.fixture
def colleagues(services: AppServices, manager: StaffMember) -> dict[str, StaffMember]:
    """Hellesdon staff for messages and correspondence: a Planning team with its lead, an officer
    with no team, a receptionist, and someone who has left. Keyed by first name."""
    from reception_app.domain.people import Role

    people = [
        StaffMember(
            0,
            "pshah",
            "Priya Shah",
            Role.OFFICER,
            "Planning",
            True,
            "01603 301752",
            "priya@hellesdon-pc.gov.uk",
        ),
        StaffMember(
            0,
            "treed",
            "Tom Reed",
            Role.OFFICER,
            "Planning",
            False,
            "01603 301753",
            "tom@hellesdon-pc.gov.uk",
        ),
        StaffMember(0, "ojones", "Olu Jones", Role.OFFICER, "", False, "01603 301754"),
        StaffMember(0, "rdesk", "Rita Desk", Role.RECEPTIONIST, "Front desk"),
        StaffMember(0, "gaway", "Gone Away", Role.OFFICER, "Planning", active=False),
    ]
    saved = {
        p.full_name.split()[0]: services.staff.save_staff(manager, "hellesdon", p) for p in people
    }
    saved["Margaret"] = manager
    return saved
