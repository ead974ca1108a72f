"""Shared fixtures: every test gets its own folders (RECEPTION_HOME) and a real SQLite file."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # The screen the desks have (1366x768), not the offscreen platform's own 800x800: what
    # fits, what a dialog is clamped to and where the window opens are judged there.
    SCREEN_FILE = Path(__file__).with_name("offscreen-1366x768.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN_FILE}"

from reception_app.domain.people import StaffMember  # noqa: E402
from reception_app.paths import AppPaths  # noqa: E402
from reception_app.persistence.database import Database, open_database  # noqa: E402
from reception_app.persistence.engine import make_session_factory, sqlite_url  # noqa: E402
from reception_app.seams import Seams  # noqa: E402
from reception_app.services.container import AppServices  # noqa: E402
from tests import databases  # noqa: E402
from tests.databases import postgres  # noqa: E402, F401 - the session's server (a fixture)
from tests.hashing import TEST_HASHER  # noqa: E402 - also imported from here
from tests.notify_fixtures import notify, notify_server, notify_standin  # noqa: E402, F401

FIXED_NOW = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)
"""Tuesday 24 November 2026, 10:30 in London (GMT): both offices are open."""

MANAGER_PASSWORD = "correct horse"


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    database_templates: dict[str, Path],
) -> AppPaths:
    """Point every user folder at a temp dir so tests never touch real settings or data: one
    folder per worker, emptied before each test, so each test's SQLite file has the same path
    and its engine can be kept warm from test to test (``databases.warm_engine``)."""
    home = tmp_path_factory.getbasetemp() / "home"
    if home.exists():
        shutil.rmtree(home)
    monkeypatch.setenv("RECEPTION_HOME", str(home))
    monkeypatch.delenv("RECEPTION_DB_URL", raising=False)
    return AppPaths.from_environment()


@pytest.fixture
def paths(isolated_home: AppPaths) -> AppPaths:
    return isolated_home


@pytest.fixture(scope="session")
def database_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Migrated once per test session (per xdist worker): an empty schema; the same with both
    shipped office profiles seeded; and that with Hellesdon's first manager (``manager``) and
    Hellesdon running. Each test gets a copy of one (migration tests still migrate from empty:
    tests/persistence/test_migrations.py)."""
    folder = tmp_path_factory.mktemp("templates")
    templates = {name: folder / f"{name}.sqlite3" for name in databases.TEMPLATES}
    shared = os.environ.get(databases.SHARED_TEMPLATES)
    if shared:  # a session a test started in a subprocess: copies of its parent's
        for template in templates.values():
            shutil.copyfile(Path(shared) / template.name, template)
        databases.sqlite_templates.update(templates)
        return templates
    empty, seeded, managed, colleagues = (templates[name] for name in databases.TEMPLATES)
    db = open_database(sqlite_url(empty), backup_dir=None, now=FIXED_NOW)
    db.dispose()
    shutil.copyfile(empty, seeded)
    db = open_database(sqlite_url(seeded), backup_dir=None, now=FIXED_NOW)
    AppServices.create(db, FixedClock()).office.seed_shipped_profiles()
    db.dispose()
    shutil.copyfile(seeded, managed)
    databases.add_first_manager(sqlite_url(managed))
    shutil.copyfile(managed, colleagues)
    databases.add_colleagues(sqlite_url(colleagues))
    for template in templates.values():
        assert not template.with_name(template.name + "-wal").exists()
    databases.sqlite_templates.update(templates)
    return templates


SAMPLE_HISTORY_DAYS = 45
"""Working days of sample data in ``sample_history``."""


@pytest.fixture(scope="session")
def sample_history_templates(
    database_templates: dict[str, Path], request: pytest.FixtureRequest
) -> Callable[[str, int, int], str]:
    """The engine's template for ``sample_history`` with ``days`` working days of seed
    ``seed`` (a SQLite file's path or a PostgreSQL database's name), filled the first time a
    test of the session asks: loading the sample data takes 1-2 s on SQLite and 2-5 s on
    PostgreSQL, copying it a tenth of that."""
    made: dict[tuple[str, int, int], str] = {}

    def template(engine_name: str, days: int, seed: int) -> str:
        key = (engine_name, days, seed)
        if key not in made:
            label = f"history_{days}_{seed}"
            if engine_name == "postgresql":
                server = request.getfixturevalue("postgres")
                name = f"{label}_{os.getpid()}"  # a subprocess's session may share the server
                url = server.create_database(name, template="managed")
            else:
                name = str(database_templates["managed"].with_name(f"{label}.sqlite3"))
                shutil.copyfile(database_templates["managed"], name)
                url = sqlite_url(Path(name))
            databases.fill_sample_history(url, days, seed)
            assert not Path(name + "-wal").exists()  # all in the file a test copies
            made[key] = name
        return made[key]

    return template


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Persistence and service tests run on both engines (tests/databases.py)."""
    databases.parametrize_engines(metafunc)


SLOWEST_FIRST = (
    "tests/ui/test_keyboard.py::test_every_page_and_dialog_has_distinct_live_mnemonics",
    "tests/ui/test_text_fits.py::test_every_page_and_dialog_fits_at_1366x768",
    "tests/ui/test_shortcuts.py::test_every_page_and_dialog_takes_its_keys_from_the_table",
    "tests/ui/test_screen_reader.py::",
    "tests/ui/test_hostile_text.py::test_no_label_on_any_page_or_dialog_interprets_typed_markup",
    "tests/test_any_date.py::",
    "tests/services/test_retention.py::test_reports_for_past_periods_are_the_same_after_a_purge",
    "tests/ui/test_main_window.py::test_look_chosen_in_settings_is_applied",
    "tests/persistence/test_changes.py::test_the_feed_says_when_the_server_goes",
)
"""The longest tests (5-25 s each, docs/benchmarks.md "Test suite"), longest first: run first,
while the many short tests fill the other worker, rather than last, when one worker would run
one of them alone at the end."""


@pytest.hookimpl(trylast=True)  # after -k/-m have deselected: only what runs counts
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        found = [i for i, start in enumerate(SLOWEST_FIRST) if item.nodeid.startswith(start)]
        return found[0] if found else len(SLOWEST_FIRST)

    items.sort(key=rank)  # stable: the rest keep pytest's order
    if not config.option.collectonly:
        databases.start_server_early(items)


def pytest_sessionfinish(session: pytest.Session) -> None:
    databases.stop_server_not_taken()


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist, hand tests out two at a time as workers free up (its default hands
    each worker a quarter of the suite up front), so the order above is the order they start."""
    if config.pluginmanager.hasplugin("xdist") and config.getoption("maxschedchunk", None) is None:
        config.option.maxschedchunk = 2


@pytest.fixture
def engine_name(request: pytest.FixtureRequest) -> str:
    """'sqlite' or 'postgresql': parametrised for persistence and service tests, else SQLite."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def database(
    paths: AppPaths,
    database_templates: dict[str, Path],
    engine_name: str,
    request: pytest.FixtureRequest,
) -> Iterator[Database]:
    """A migrated database of the test's own, copied from a template (a new file has nothing
    to back up, so the copy is opened as open_database opens a current schema): a SQLite file,
    or a database on the session's throw-away PostgreSQL server (reused by a later test once
    it is put back as the template has it: tests/postgres_pool.py)."""
    template = "seeded" if "services" in request.fixturenames else "migrated"
    if "manager" in request.fixturenames:
        template = "managed"
    if "colleagues" in request.fixturenames:
        template = "colleagues"
    if "sample_history" in request.fixturenames:
        marker = request.node.get_closest_marker("sample_history")
        days, seed = marker.args if marker else (SAMPLE_HISTORY_DAYS, 3)
        template = request.getfixturevalue("sample_history_templates")(engine_name, days, seed)
    if engine_name == "postgresql":
        server = request.getfixturevalue("postgres")
        url, done = databases.postgres_copy(server, template)
        engine = databases.warm_engine(url)
    else:
        target = paths.default_database
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(database_templates.get(template, template), target)
        url, done = sqlite_url(target), None
        engine = databases.warm_engine(url)
    db = Database(url, engine, make_session_factory(engine))
    yield db
    db.dispose()
    if done is not None:
        done()


@pytest.fixture
def fresh_database_url(
    tmp_path: Path, engine_name: str, request: pytest.FixtureRequest
) -> Iterator[URL]:
    """An empty database (nothing migrated) on the test's engine."""
    if engine_name == "postgresql":
        server = request.getfixturevalue("postgres")
        name = databases.unique_name()
        yield server.create_database(name)
        server.drop_database(name)
    else:
        yield sqlite_url(tmp_path / "fresh.sqlite3")


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
def seams(clock: FixedClock) -> Seams:
    """The fixed clock and the cheap hasher, for the command line and the desk's entry points."""
    return Seams(clock, TEST_HASHER)


CLI = Callable[[Sequence[str]], int]
"""The ``cli`` fixture: runs ``reception-app ARGS`` in this process and returns its exit code."""


@pytest.fixture
def cli(seams: Seams) -> CLI:
    """``reception-app ARGS`` in this process, on the test's clock."""
    from reception_app.cli import main

    return lambda argv: main(argv, seams)


@pytest.fixture
def services(database: Database, seams: Seams) -> AppServices:
    """Services on a migrated database with both shipped offices; Hellesdon is running."""
    app_services = AppServices.create(database, seams=seams)
    app_services.office.seed_shipped_profiles()
    return app_services


@pytest.fixture
def manager(services: AppServices) -> StaffMember:
    """Hellesdon's first manager, Margaret Clerk (``mclerk``, ``MANAGER_PASSWORD``), with
    Hellesdon running: the copied template has them already (``databases.add_first_manager``)."""
    return next(m for m in services.staff.list_staff("hellesdon") if m.username == "mclerk")


@pytest.fixture
def sample_history(services: AppServices, manager: StaffMember) -> AppServices:
    """Services on a copy of a database with Hellesdon's manager (``manager``), Hellesdon
    running and ``SAMPLE_HISTORY_DAYS`` working days of sample data (``demo.fill``, seed 3),
    filled once per session and engine (``sample_history_templates``). A module or test
    marked ``@pytest.mark.sample_history(DAYS, SEED)`` gets that many days of that seed."""
    return services


@pytest.fixture
def colleagues(services: AppServices, manager: StaffMember) -> dict[str, StaffMember]:
    """Hellesdon staff for messages and correspondence: a Planning team with its lead, an officer
    with no team, a receptionist, and someone who has left (``databases.COLLEAGUES``). Keyed by
    first name. The 'colleagues' template has them already; a sample history is given them."""
    usernames = [member.username for member in databases.COLLEAGUES]
    found = {m.username: m for m in services.staff.list_staff("hellesdon")}
    if usernames[0] not in found:
        databases.save_colleagues(services)
        found = {m.username: m for m in services.staff.list_staff("hellesdon")}
    saved = {found[u].full_name.split()[0]: found[u] for u in usernames}
    saved["Margaret"] = manager
    return saved
