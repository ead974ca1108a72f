"""Engine and session set-up: the only place that knows which database product is in use."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from reception_app.domain.errors import ReceptionError

SQLITE_BUSY_TIMEOUT_MS = 10_000

URL_HELP = (
    "Use sqlite:///C:/path/to/reception.sqlite3 (a file on this computer) or "
    "postgresql+psycopg://user:password@server/reception (a shared server)."
)


class DatabaseError(ReceptionError):
    """The database cannot be reached or used; the message says what to do."""


def parse_database_url(text: str) -> URL:
    """Check a --db / RECEPTION_DB_URL value; DatabaseError in plain English if malformed."""
    try:
        url = make_url(text.strip())
    except ArgumentError:
        raise DatabaseError(f"The database address '{text}' is not valid. {URL_HELP}") from None
    backend = url.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseError(
            f"The database address '{text}' uses '{backend}', which Reception does not support. "
            f"{URL_HELP}"
        )
    if backend == "sqlite" and url.database in (None, "", ":memory:"):
        raise DatabaseError(
            f"The database address '{text}' does not name a file. "
            "Reception keeps its data in a file so nothing is lost when it closes. " + URL_HELP
        )
    return url


def sqlite_url(path: Path) -> URL:
    return URL.create("sqlite+pysqlite", database=str(path))


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for any other database."""
    if url.get_backend_name() != "sqlite" or not url.database:
        return None
    return Path(url.database)


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
    # These pragmas do not persist in the file, so they are set on every new connection.
    # isolation_level=None lets SQLAlchemy's BEGIN below control transactions itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _sqlite_on_begin(conn: Any) -> None:
    # A unit of work that writes starts with BEGIN IMMEDIATE: it takes the write lock at the
    # start, so two desks writing at once wait for each other (busy timeout) instead of one
    # failing half-way with "database is locked". Reads use a plain (deferred) BEGIN and never
    # wait for a writer in WAL mode.
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def _sqlite_read_only_on_connect(
    dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry
) -> None:
    dbapi_connection.isolation_level = None
    dbapi_connection.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")


def make_engine(url: URL | str, *, echo: bool = False, read_only: bool = False) -> Engine:
    """Create the engine for ``url`` with the settings its database product needs.

    ``read_only`` (SQLite) opens the file with mode=ro and sets no pragma that would write to
    it: for checking a file, never for working on it.
    """
    if isinstance(url, str):
        url = parse_database_url(url)
    backend = url.get_backend_name()
    try:
        if backend == "sqlite":
            path = sqlite_path(url)
            assert path is not None
            timeout = SQLITE_BUSY_TIMEOUT_MS / 1000
            args = {"timeout": timeout, "check_same_thread": False}
            if read_only:
                engine = create_engine(
                    "sqlite+pysqlite://",
                    echo=echo,
                    creator=lambda: sqlite3.connect(
                        f"{path.resolve().as_uri()}?mode=ro",
                        uri=True,
                        timeout=timeout,
                        check_same_thread=False,
                    ),
                )
                event.listen(engine, "connect", _sqlite_read_only_on_connect)
                return engine
            engine = create_engine(url, echo=echo, connect_args=args)
            event.listen(engine, "connect", _sqlite_on_connect)
            event.listen(engine, "begin", _sqlite_on_begin)
            return engine
        return create_engine(url, echo=echo, pool_pre_ping=True)
    except (ImportError, NoSuchModuleError) as exc:
        raise DatabaseError(
            f"Reception cannot talk to '{backend}' databases on this computer ({exc}). "
            "For PostgreSQL install the driver with: pip install 'reception-app[postgres]'."
        ) from None


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session], *, write: bool = True) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error.

    ``write=False`` marks a read-only unit of work (it may still write, but on SQLite it does
    not take the write lock up front).
    """
    with factory() as session, session.begin():
        if write:
            session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        yield session
