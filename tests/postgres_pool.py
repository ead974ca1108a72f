"""PostgreSQL databases for the tests, reused: a test gets a copy of a template database, and
once it is over the copy is emptied and filled again with the template's rows, on a thread of
its own, for a later test.

``CREATE DATABASE ... TEMPLATE`` copies about 9 MB of files (most of them the system
catalogues every database has) and ``DROP DATABASE`` deletes them again: about 65 ms of the
server's time per test, most of it in the kernel. Putting the template's rows back takes about
10 ms. A copy whose schema, grants or settings a test changed is dropped rather than reused,
and so is one that could not be put back (the server stopped, say): each test still starts on
a database exactly like a new copy of its template.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import psycopg
from psycopg import sql

from tests.postgres_server import PostgresServer

REUSED = ("migrated", "seeded", "managed", "colleagues")
"""Templates whose copies are reused; others (a sample history's) are copied and dropped."""

_names = itertools.count(1)

SCHEMA_FINGERPRINT = """
SELECT md5(string_agg(part, E'\\n' ORDER BY part)) FROM (
    SELECT 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' '
        || coalesce(c.relacl::text, '') || ' ' || coalesce((
            SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' '
                || a.attnotnull::text || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), ''),
                ', ' ORDER BY a.attnum)
            FROM pg_attribute a
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '') AS part
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
    UNION ALL
    SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' '
        || pg_get_constraintdef(oid) FROM pg_constraint
    WHERE connamespace NOT IN (SELECT oid FROM pg_namespace
                               WHERE nspname IN ('pg_catalog', 'information_schema'))
    UNION ALL
    SELECT 'index ' || pg_get_indexdef(indexrelid) FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
    UNION ALL
    SELECT 'function ' || p.oid::regprocedure::text FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    UNION ALL
    SELECT 'trigger ' || tgrelid::regclass::text || ' ' || tgname FROM pg_trigger
    WHERE NOT tgisinternal
    UNION ALL
    SELECT 'schema ' || nspname || ' ' || coalesce(nspacl::text, '') FROM pg_namespace
    WHERE nspname NOT LIKE 'pg\\_temp%' AND nspname NOT LIKE 'pg\\_toast\\_temp%'
    UNION ALL
    SELECT 'extension ' || extname FROM pg_extension
    UNION ALL
    SELECT 'database ' || coalesce(datacl::text, '') || ' ' || coalesce((
        SELECT string_agg(array_to_string(setconfig, ','), ';') FROM pg_db_role_setting
        WHERE setdatabase = d.oid), '')
    FROM pg_database d WHERE datname = current_database()
) AS parts
"""
"""One hash of everything about a database besides its rows that a test could change."""


@dataclass(frozen=True)
class _Snapshot:
    """A template's rows (binary COPY, by table), its sequences' positions and its schema's
    fingerprint, read off the first copy made (never off the template itself: a connection
    to it would make another session's ``CREATE DATABASE ... TEMPLATE`` fail)."""

    tables: tuple[str, ...]
    rows: dict[str, bytes]
    sequences: dict[str, tuple[int, bool]]
    fingerprint: str


class DatabasePool:
    """Copies of the templates for one server, made and put back on one thread."""

    def __init__(self, server: PostgresServer) -> None:
        self.server = server
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-pool")
        self._ready: dict[str, list[Future[str | None]]] = {}
        self._snapshots: dict[str, _Snapshot] = {}

    def take(self, template: str) -> str:
        """A database like a new copy of ``template``; for a reused template, one more is
        made (or put back) ahead, so the next test seldom waits."""
        waiting = self._ready.setdefault(template, [])
        name = None
        while waiting and name is None:
            name = waiting.pop(0).result()
        if name is None:
            name = self._thread.submit(self._make, template).result()
        if template in REUSED and not waiting:
            waiting.append(self._thread.submit(self._make, template))
        return name

    def give_back(self, template: str, name: str) -> None:
        """The test using ``name`` is over: put it back for another (or drop it)."""
        if template in REUSED:
            self._ready.setdefault(template, []).append(
                self._thread.submit(self._put_back, template, name)
            )
        else:
            self._thread.submit(self.server.drop_database, name).result()

    # --- on the pool's thread ---------------------------------------------------------------

    def _connect(self, name: str) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(host=str(self.server.socket_dir), user=self.server.user, dbname=name)

    def _make(self, template: str) -> str:
        name = f"pool{os.getpid()}_{next(_names)}"
        self.server.create_database(name, template=template)
        if template in REUSED and template not in self._snapshots:
            self._snapshots[template] = self._snapshot(name)
        return name

    def _snapshot(self, name: str) -> _Snapshot:
        with self._connect(name) as connection:
            tables = tuple(
                str(row[0])
                for row in connection.execute(
                    "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename)"
                    " FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
                )
            )
            rows: dict[str, bytes] = {}
            for table in tables:
                data = bytearray()
                with connection.cursor().copy(f"COPY {table} TO STDOUT (FORMAT binary)") as copy:
                    for chunk in copy:
                        data += chunk
                if connection.execute(f"SELECT EXISTS (SELECT FROM {table})").fetchone() == (True,):
                    rows[table] = bytes(data)
            sequences = {}
            for (sequence,) in connection.execute(
                "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename)"
                " FROM pg_sequences WHERE schemaname = 'public'"
            ):
                found = connection.execute(f"SELECT last_value, is_called FROM {sequence}")
                last_value, is_called = found.fetchone() or (1, False)
                sequences[str(sequence)] = (int(str(last_value)), bool(is_called))
            fingerprint = str((connection.execute(SCHEMA_FINGERPRINT).fetchone() or ("",))[0])
        return _Snapshot(tables, rows, sequences, fingerprint)

    def _put_back(self, template: str, name: str) -> str | None:
        """``name`` emptied and refilled with ``template``'s rows; None when it was dropped
        instead (its schema changed, or it could not be put back)."""
        try:
            self._end_sessions(name)
            snapshot = self._snapshots[template]
            with self._connect(name) as connection:
                found = connection.execute(SCHEMA_FINGERPRINT).fetchone()
                if found is None or found[0] != snapshot.fingerprint:
                    raise LookupError(f"the test changed the schema of {name}")
                connection.execute("SET session_replication_role = replica")  # no FK checks
                for table in snapshot.tables:
                    connection.execute(f"DELETE FROM {table}")
                for table, data in snapshot.rows.items():
                    with connection.cursor().copy(
                        f"COPY {table} FROM STDIN (FORMAT binary)"
                    ) as copy:
                        copy.write(data)
                if snapshot.sequences:
                    connection.execute(
                        sql.SQL("SELECT {}").format(
                            sql.SQL(", ").join(
                                sql.SQL("setval({}, {}, {})").format(
                                    sql.Literal(sequence), sql.Literal(value), sql.Literal(called)
                                )
                                for sequence, (value, called) in snapshot.sequences.items()
                            )
                        )
                    )
            return name
        except (psycopg.Error, LookupError, TimeoutError):
            with contextlib.suppress(psycopg.Error):
                self.server.drop_database(name)
            return None

    def _end_sessions(self, name: str) -> None:
        """End every session a test left on ``name`` (a desk process, a listener), as
        ``DROP DATABASE ... WITH (FORCE)`` would."""
        with psycopg.connect(
            host=str(self.server.socket_dir),
            user=self.server.user,
            dbname="postgres",
            autocommit=True,
        ) as admin:
            ending = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s"
            admin.execute(ending, (name,))
            deadline = time.monotonic() + 10
            while admin.execute(
                "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE datname = %s)", (name,)
            ).fetchone() == (True,):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"sessions on {name} did not end")
                time.sleep(0.005)
