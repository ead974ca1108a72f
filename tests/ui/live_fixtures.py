"""Fixtures for the live-screen tests: another desk on the same database (its own engine, as
another PC has), a desk window that listens for changes, and a PostgreSQL server of the test's
own that a test may stop and start again (the session's server stays up for the others)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from reception_app.persistence.change_records import ChangeRecord
from reception_app.persistence.database import Database
from reception_app.persistence.engine import make_engine, make_session_factory
from reception_app.seams import Seams
from reception_app.services.container import AppServices
from reception_app.ui.changes import ChangeHub
from reception_app.ui.desk_state import DeskState
from reception_app.ui.live import LiveReload
from reception_app.ui.live_desk import go_live
from reception_app.ui.main_window import MainWindow
from tests.postgres_server import PostgresServer, find_pg_bin
from tests.system_tools import require_program


@pytest.fixture
def another_desk(database: Database, seams: Seams) -> Iterator[AppServices]:
    """Services of a second desk: its own engine and connections on the same database."""
    engine = make_engine(database.url)
    other = AppServices.create(
        Database(database.url, engine, make_session_factory(engine)), seams=seams
    )
    yield other
    engine.dispose()


def wait_connected(qtbot, hub: ChangeHub) -> None:  # type: ignore[no-untyped-def]
    feed = hub._feed
    assert feed is not None
    qtbot.waitUntil(lambda: feed.connected, timeout=5000)


def newest_change(services: AppServices) -> int:
    """The id of the newest change logged: the one just committed. Read on an engine of its
    own, so a test counting the statements ``services`` runs does not count these."""
    engine = make_engine(services.database.url)
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.max(ChangeRecord.id))) or 0
    finally:
        engine.dispose()


def wait_told(qtbot, hub: ChangeHub, change_id: int, reload: LiveReload | None = None) -> None:  # type: ignore[no-untyped-def]
    """Until every change up to ``change_id`` has been told (the feed has read that far too)
    and ``reload``'s re-read is done: a second notice of the same change, or a second re-read,
    would have shown by then (rather than waiting a while for one that should not come)."""
    qtbot.waitUntil(
        lambda: hub.heard_up_to(change_id) and (reload is None or not reload.busy), timeout=3000
    )


@pytest.fixture
def live_window(qtbot, state: DeskState) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The desk window on Today, desk R1, hearing its own and other desks' changes."""
    state.machine.desk_key = "R1"
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    hub = go_live(window)
    wait_connected(qtbot, hub)
    yield window
    hub.stop()


@pytest.fixture(scope="module")
def own_postgres() -> Iterator[PostgresServer]:
    """A throw-away PostgreSQL server for this module only: its tests stop and restart it."""
    if find_pg_bin() is None:
        require_program("pg_ctl")  # skips here, fails in CI
    server = PostgresServer.start()
    try:
        yield server
    finally:
        server.stop()
