"""What a unit of work changed reaches this process at once and every other one within a second."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from reception_app.domain.changes import Change, Topic
from reception_app.domain.people import StaffMember
from reception_app.persistence.base import Base
from reception_app.persistence.change_feed import ChangeFeed
from reception_app.persistence.change_records import ChangeRecord
from reception_app.persistence.changes import TABLE_TOPICS, UNTRACKED, on_commit
from reception_app.persistence.database import Database
from reception_app.persistence.engine import make_engine, make_session_factory, transaction
from reception_app.persistence.records import VisitRecord
from reception_app.services.container import AppServices
from reception_app.services.queue import CheckInRequest
from tests.postgres_server import PostgresServer


def test_every_table_is_either_tracked_or_said_not_to_be() -> None:
    tables = set(Base.metadata.tables)
    assert tables - set(TABLE_TOPICS) - UNTRACKED == set()
    assert set(TABLE_TOPICS) - tables == set(), "a topic map entry for a table that is gone"


def test_a_write_logs_its_topics_once_and_a_read_logs_nothing(
    database: Database, services: AppServices, manager: StaffMember
) -> None:
    heard: list[Change] = []
    stop = on_commit(database.session_factory, heard.append)
    visit = services.queue().check_in(None, CheckInRequest("general", "Ann Lee"))
    services.queue().waiting()  # a read
    with transaction(database.session_factory) as session:  # a Core UPDATE is noticed too
        session.execute(
            update(VisitRecord).where(VisitRecord.ticket == visit.ticket).values(note="x")
        )
    stop()
    assert [c.topics for c in heard] == [frozenset({Topic.QUEUE})] * 2
    with transaction(database.session_factory, write=False) as session:
        logged = session.scalars(select(ChangeRecord).order_by(ChangeRecord.id)).all()
    assert [r.id for r in logged[-2:]] == [c.id for c in heard]
    assert logged[-1].topics == "queue"


def test_a_rolled_back_unit_of_work_announces_nothing(
    database: Database, services: AppServices, manager: StaffMember
) -> None:
    heard: list[Change] = []
    on_commit(database.session_factory, heard.append)
    with pytest.raises(RuntimeError), transaction(database.session_factory) as session:
        session.execute(update(VisitRecord).values(note="never"))
        raise RuntimeError("the desk's action failed half-way")
    assert heard == []


def _wait_for(condition: object, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def test_another_process_hears_a_change_within_a_second(
    database: Database, services: AppServices, manager: StaffMember
) -> None:
    heard: list[Change] = []
    ready = threading.Event()
    feed = ChangeFeed(database.url, heard.extend, lambda up: ready.set() if up else None)
    feed.start()
    try:
        assert ready.wait(10)
        other = make_engine(database.url)  # another desk, with connections of its own
        desk = AppServices.create(Database(database.url, other, make_session_factory(other)))
        started = time.monotonic()
        desk.office.put_setting("idle_lock_minutes", 7, manager)
        assert _wait_for(lambda: any(Topic.SETTINGS in c.topics for c in heard))
        assert time.monotonic() - started < 1.0
        other.dispose()
    finally:
        feed.stop()


def test_the_feed_says_when_the_server_goes_and_catches_up_when_it_is_back() -> None:
    from reception_app.persistence.database import open_database

    server = PostgresServer.start()
    try:
        url = server.create_database("feed")
        database = open_database(url, backup_dir=None, now=datetime(2026, 11, 24, tzinfo=UTC))
        heard: list[Change] = []
        states: list[bool] = []
        feed = ChangeFeed(url, heard.extend, states.append)
        feed.start()
        assert _wait_for(lambda: states == [True], 10)
        server.stop_server_only()
        assert _wait_for(lambda: states == [True, False], 10)
        server.restart()
        database.engine.dispose()
        with transaction(database.session_factory) as session:  # a change made meanwhile
            session.add(ChangeRecord(topics="rooms"))
        assert _wait_for(lambda: states == [True, False, True], 15)
        assert _wait_for(lambda: any(Topic.ROOMS in c.topics for c in heard), 10)
        feed.stop()
        database.dispose()
    finally:
        server.stop()
