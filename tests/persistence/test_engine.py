"""Engine set-up: SQLite pragmas on every connection, and plain-English URL errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from reception_app.persistence.engine import (
    DatabaseError,
    make_engine,
    parse_database_url,
    sqlite_url,
)


def test_every_connection_gets_wal_full_sync_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "p.sqlite3"))
    seen = []
    with engine.connect() as first, engine.connect() as second:  # two pool connections
        for connection in (first, second):
            seen.append(
                (
                    connection.execute(text("PRAGMA journal_mode")).scalar(),
                    connection.execute(text("PRAGMA synchronous")).scalar(),
                    connection.execute(text("PRAGMA foreign_keys")).scalar(),
                    connection.execute(text("PRAGMA busy_timeout")).scalar(),
                )
            )
    engine.dispose()
    assert seen == [("wal", 2, 1, 10_000)] * 2  # synchronous 2 is FULL


@pytest.mark.parametrize(
    ("text_url", "expected"),
    [
        ("not a url", "is not valid"),
        ("mysql://u@h/db", "does not support"),
        ("sqlite://", "does not name a file"),
        ("sqlite:///:memory:", "does not name a file"),
    ],
)
def test_bad_database_urls_are_explained(text_url: str, expected: str) -> None:
    with pytest.raises(DatabaseError, match=expected) as error:
        parse_database_url(text_url)
    assert "sqlite:///" in str(error.value)  # says what a good address looks like


def test_postgres_and_sqlite_urls_are_accepted() -> None:
    assert (
        parse_database_url("postgresql+psycopg://u@server/reception").get_backend_name()
        == "postgresql"
    )
    assert parse_database_url("sqlite:////tmp/x.sqlite3").database == "/tmp/x.sqlite3"
