"""The event log is append-only in the ORM and in the database itself."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError as SADatabaseError

from reception_app.persistence.database import Database
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.records import EventRecord


def _one_event(database: Database) -> int:
    with transaction(database.session_factory) as session:
        record = log_event(
            session,
            at=datetime.now(UTC),
            action="created",
            entity="contact",
            entity_id=1,
            summary="x",
        )
        session.flush()
        return record.id


def test_orm_refuses_to_change_or_delete_an_entry(database: Database) -> None:
    event_id = _one_event(database)
    with pytest.raises(ValueError, match="append-only"):
        with transaction(database.session_factory) as session:
            session.get(EventRecord, event_id).summary = "rewritten"  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="append-only"):
        with transaction(database.session_factory) as session:
            session.delete(session.get(EventRecord, event_id))
    with transaction(database.session_factory) as session:
        assert session.scalar(select(EventRecord.summary).where(EventRecord.id == event_id)) == "x"


def test_database_triggers_refuse_raw_sql_changes(database: Database) -> None:
    event_id = _one_event(database)
    for statement in ("UPDATE event_log SET summary = 'y'", "DELETE FROM event_log"):
        with pytest.raises(SADatabaseError, match="append-only"):
            with database.engine.begin() as connection:
                connection.execute(text(statement))
    with database.engine.connect() as connection:
        assert (
            connection.execute(
                text("SELECT summary FROM event_log WHERE id = :id"), {"id": event_id}
            ).scalar()
            == "x"
        )


def test_time_is_stored_as_aware_utc(database: Database) -> None:
    event_id = _one_event(database)
    with transaction(database.session_factory) as session:
        at = session.get(EventRecord, event_id).at  # type: ignore[union-attr]
    assert at.tzinfo is not None and at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
