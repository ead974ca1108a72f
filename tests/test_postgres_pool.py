"""The tests' reused PostgreSQL databases (tests/postgres_pool.py): a copy put back is like a
new copy of its template, rows, sequences and all, and one whose schema a test changed is
dropped rather than handed to another test."""

from __future__ import annotations

import psycopg
import pytest

from tests.postgres_pool import DatabasePool
from tests.postgres_server import PostgresServer


def _connect(server: PostgresServer, name: str, **options: object) -> psycopg.Connection:  # type: ignore[type-arg]
    return psycopg.connect(host=str(server.socket_dir), user=server.user, dbname=name, **options)


def _contents(server: PostgresServer, name: str) -> dict[str, object]:
    """Every table's rows in their stored order, and every sequence's next value."""
    listed = "SELECT quote_ident({0}) FROM {1} WHERE schemaname = 'public'"
    read = {
        listed.format("tablename", "pg_tables"): "SELECT * FROM {}",
        listed.format("sequencename", "pg_sequences"): "SELECT nextval('{}')",
    }
    found: dict[str, object] = {}
    with _connect(server, name) as connection:
        for names, query in read.items():
            for (each,) in connection.execute(names).fetchall():
                found[each] = connection.execute(query.format(each)).fetchall()
    return found


def _exists(server: PostgresServer, name: str) -> bool:
    with _connect(server, "postgres") as connection:
        row = connection.execute(
            "SELECT EXISTS (SELECT FROM pg_database WHERE datname = %s)", (name,)
        )
        return row.fetchone() == (True,)


def _take_until(pool: DatabasePool, wanted: str, tries: int = 4) -> str | None:
    for _ in range(tries):
        if pool.take("seeded") == wanted:
            return wanted
    return None


def test_a_copy_put_back_is_like_a_new_copy(postgres: PostgresServer) -> None:
    pool = DatabasePool(postgres)
    name = pool.take("seeded")
    postgres.create_database("pool_reference", template="seeded")
    try:
        expected = _contents(postgres, "pool_reference")
        with _connect(postgres, name) as connection:
            connection.execute("DELETE FROM settings")
            connection.execute(
                "INSERT INTO event_log (at, action, entity, summary, details)"
                " VALUES (now(), 'created', 'office', 'a test wrote this', '{}')"
            )
            connection.execute("UPDATE offices SET name = 'Renamed'")
        left_open = _connect(postgres, name, autocommit=True)  # a desk that never closed
        pool.give_back("seeded", name)
        assert _take_until(pool, name) == name, "the copy was not reused"
        with pytest.raises(psycopg.OperationalError):  # ended, as DROP ... WITH (FORCE) would
            left_open.execute("SELECT 1")
        assert _contents(postgres, name) == expected
    finally:
        postgres.drop_database("pool_reference")


@pytest.mark.parametrize(
    "change",
    [
        "CREATE TABLE added_by_a_test (note text)",
        "ALTER TABLE offices ADD COLUMN added_by_a_test text",
        "CREATE INDEX added_by_a_test ON offices (name)",
        "GRANT SELECT ON offices TO PUBLIC",
        "ALTER DATABASE \"{name}\" SET work_mem = '8MB'",
    ],
)
def test_a_copy_whose_schema_a_test_changed_is_dropped(
    postgres: PostgresServer, change: str
) -> None:
    pool = DatabasePool(postgres)
    name = pool.take("seeded")
    with _connect(postgres, name) as connection:
        connection.execute(change.format(name=name).encode())
    pool.give_back("seeded", name)
    assert _take_until(pool, name) is None
    assert not _exists(postgres, name)
