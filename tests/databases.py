"""Which engines a test runs on, and the session's PostgreSQL server with its template databases.

Tests under tests/persistence and tests/services that use a database run twice, on a SQLite
file and on PostgreSQL; UI and command-line tests stay on SQLite. ``@pytest.mark.sqlite_only``
keeps a test about SQLite itself (files, WAL, backups) on SQLite.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy.engine import URL, Engine

from reception_app.domain.people import Role, StaffMember
from tests.postgres_pool import DatabasePool
from tests.postgres_server import PostgresServer, find_pg_bin
from tests.system_tools import require_program

if TYPE_CHECKING:
    from reception_app.services.container import AppServices

BOTH_ENGINES_UNDER = ("persistence", "services")
DATABASE_FIXTURES = {"database", "fresh_database_url", "services", "engine_name"}
_names = itertools.count(1)
SHARED_SERVER = "RECEPTION_TEST_POSTGRES_FOLDER"
"""Set by a test that runs part of the suite in a subprocess: the folder of its running server."""
TEMPLATES = ("migrated", "seeded", "managed", "colleagues")
"""The template databases of a session: the schema; with both shipped offices; with
Hellesdon's first manager and Hellesdon running (``add_first_manager``); and with Hellesdon's
colleagues too (``add_colleagues``, the ``colleagues`` fixture)."""
SHARED_TEMPLATES = "RECEPTION_TEST_TEMPLATES_FOLDER"
"""Set by the same test: the folder of its session's SQLite templates (``database_templates``),
which the subprocess's session copies rather than migrating and seeding its own."""


def parametrize_engines(metafunc: pytest.Metafunc) -> None:
    if "engine_name" not in metafunc.fixturenames:
        return
    folder = Path(str(metafunc.definition.path)).parent.name
    if folder not in BOTH_ENGINES_UNDER or metafunc.definition.get_closest_marker("sqlite_only"):
        return
    metafunc.parametrize("engine_name", ["sqlite", "postgresql"], indirect=True)


def unique_name() -> str:
    return f"t{os.getpid()}_{next(_names)}"


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One throw-away server per test session (per xdist worker), with the template databases
    'migrated', 'seeded' and 'managed' (``TEMPLATES``). A session that
    a test started in a subprocess uses its parent's server (``SHARED_SERVER`` names its folder):
    the templates are there already, and the parent stops it."""
    if find_pg_bin() is None:
        require_program("pg_ctl")  # skips here, fails in CI
    shared = os.environ.get(SHARED_SERVER)
    if shared:
        yield PostgresServer.attach(Path(shared))
        return
    global _early
    early, _early = _early, None
    server = early.result() if early is not None else PostgresServer.start()
    try:
        _make_templates(server)
        yield server
    finally:
        server.stop()


_early: Future[PostgresServer] | None = None
"""The server ``start_server_early`` is starting, until the ``postgres`` fixture takes it."""


def start_server_early(items: list[pytest.Item]) -> None:
    """Once the tests are collected: when some of them run on PostgreSQL, start the session's
    server (initdb and pg_ctl, about 2.5 s, mostly waiting) on a thread while the first tests
    run. The templates are still made by the fixture, on the main thread (Alembic's context is
    one per process)."""
    global _early
    if _early is not None or os.environ.get(SHARED_SERVER) or find_pg_bin() is None:
        return
    if any(_on_postgres(item) for item in items):
        _early = ThreadPoolExecutor(max_workers=1).submit(PostgresServer.start)


def stop_server_not_taken() -> None:
    """At the end of the session: stop an early server no test asked for."""
    global _early
    early, _early = _early, None
    if early is not None:
        early.result().stop()


def _on_postgres(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    on_postgres = callspec is not None and callspec.params.get("engine_name") == "postgresql"
    return on_postgres or "postgres" in getattr(item, "fixturenames", ())


def _make_templates(server: PostgresServer) -> None:
    from reception_app.persistence.database import open_database
    from reception_app.services.container import AppServices
    from tests.conftest import FIXED_NOW, FixedClock

    for name, seed in (("migrated", False), ("seeded", True)):
        db = open_database(server.create_database(name), backup_dir=None, now=FIXED_NOW)
        if seed:
            AppServices.create(db, FixedClock()).office.seed_shipped_profiles()
        db.dispose()
    add_first_manager(server.create_database("managed", template="seeded"))
    add_colleagues(server.create_database("colleagues", template="managed"))


_pools: dict[int, DatabasePool] = {}


def postgres_copy(server: PostgresServer, template: str) -> tuple[URL, Callable[[], None]]:
    """A database like a new copy of a template (one of ``TEMPLATES`` or a sample history's,
    see ``sample_history_templates``), and what to call once the test is over
    (tests/postgres_pool.py: the copy is put back for a later test, or dropped)."""
    pool = _pools.get(id(server))
    if pool is None or pool.server is not server:
        pool = _pools[id(server)] = DatabasePool(server)
    name = pool.take(template)
    return server.url(name), lambda: pool.give_back(template, name)


sqlite_templates: dict[str, Path] = {}
"""This session's SQLite template files by name (``TEMPLATES``), once ``database_templates``
has made them (every test asks for it, through ``isolated_home``)."""


def copy_sqlite_template(name: str, target: Path) -> Path:
    """A copy of template ``name`` at ``target``: a database as migrating a new file and
    seeding it would leave it (``open_database`` then finds its schema current)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(sqlite_templates[name], target)
    return target


_engines: dict[str, Engine] = {}


def warm_engine(url: URL) -> Engine:
    """The engine for a database at a place tests reuse (a PostgreSQL copy put back by
    ``postgres_copy``; the SQLite file in the worker's home, ``isolated_home``), kept from test
    to test as a desk keeps its own all day: its statements compiled once, its dialect asked
    about the database once. Each test ends by disposing of it, which closes its connections;
    the next opens new ones, on the file copied there afresh. (``make_engine`` is the desk's;
    nothing in the app adds to an engine once made.)"""
    from reception_app.persistence.engine import make_engine

    key = url.render_as_string(hide_password=False)
    if key not in _engines:
        _engines[key] = make_engine(url)
    return _engines[key]


def add_first_manager(url: URL) -> None:
    """Hellesdon's first manager (the ``manager`` fixture) and Hellesdon running, on a seeded
    database: what the 'managed' template adds to 'seeded'."""
    from tests.conftest import MANAGER_PASSWORD

    services = _services(url)
    manager = services.staff.create_first_manager(
        "hellesdon", "Margaret Clerk", "mclerk", MANAGER_PASSWORD, MANAGER_PASSWORD
    )
    services.office.set_active_office("hellesdon", manager)
    services.database.dispose()


COLLEAGUES = (
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
)
"""Hellesdon staff for messages and correspondence (the ``colleagues`` fixture): a Planning
team with its lead, an officer with no team, a receptionist, and someone who has left."""


def add_colleagues(url: URL) -> None:
    """``COLLEAGUES``, saved by the first manager on a copy of 'managed': what the
    'colleagues' template adds to it."""
    services = _services(url)
    save_colleagues(services)
    services.database.dispose()


def save_colleagues(services: AppServices) -> None:
    manager = next(m for m in services.staff.list_staff("hellesdon") if m.username == "mclerk")
    for member in COLLEAGUES:
        services.staff.save_staff(manager, "hellesdon", member)


def fill_sample_history(url: URL, days: int, seed: int = 3) -> None:
    """``days`` working days of sample data (seed ``seed``) on a copy of the 'managed'
    template: what ``sample_history`` copies per test."""
    services = _services(url)
    services.demo.fill("hellesdon", days, seed=seed)
    services.database.dispose()


def _services(url: URL) -> AppServices:
    from reception_app.persistence.database import Database
    from reception_app.persistence.engine import make_engine, make_session_factory
    from reception_app.seams import Seams
    from reception_app.services.container import AppServices
    from tests.conftest import FixedClock
    from tests.hashing import TEST_HASHER

    engine = make_engine(url)
    database = Database(url, engine, make_session_factory(engine))
    return AppServices.create(database, seams=Seams(FixedClock(), TEST_HASHER))
