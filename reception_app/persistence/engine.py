"""Engine and session set-up: the only place that knows which database product is in use."""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from reception_app.domain.errors import ReceptionError

SQLITE_BUSY_TIMEOUT_MS = 10_000

URL_HELP = (
    "Use sqlite:///C:/path/to/reception.sqlite3 (a file on this computer) or "
    "postgresql+psycopg://user:password@server/reception (a shared server)."
)


POSTGRES_OPTIONS = "-c lock_timeout=15s -c idle_in_transaction_session_timeout=120s"
"""A desk waits at most 15 s per try for the write lock (transaction() tries again until
BUSY_RETRY_SECONDS), and the server ends a transaction left open for two minutes by a desk that
hung, so it cannot hold the write lock for ever."""


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


def database_file(factory: sessionmaker[Session]) -> Path | None:
    """The SQLite file ``factory``'s sessions use, or None (PostgreSQL, or no engine bound)."""
    bind = factory.kw.get("bind")
    return sqlite_path(bind.url) if isinstance(bind, Engine) else None


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
        return create_engine(
            url,
            echo=echo,
            pool_pre_ping=True,
            connect_args={"connect_timeout": 5, "options": POSTGRES_OPTIONS},
        )
    except (ImportError, NoSuchModuleError) as exc:
        raise DatabaseError(
            f"Reception cannot talk to '{backend}' databases on this computer ({exc}). "
            "For PostgreSQL install the driver with: pip install 'reception-app[postgres]'."
        ) from None


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose write transactions log what they changed (persistence/changes.py)."""
    from reception_app.persistence.changes import track_changes
    from reception_app.persistence.office_profiles import touch_changed_offices

    factory = sessionmaker(engine, expire_on_commit=False)
    touch_changed_offices(factory)
    track_changes(factory)
    return factory


WRITE_LOCK_KEY = 0x5245_4345
"""PostgreSQL advisory lock every write transaction takes first ('RECE'): one writer at a time,
on the server as in a SQLite file (docs/concurrency.md)."""
BUSY_RETRY_SECONDS = 60.0
"""How long a write transaction keeps trying for the lock before telling the person."""


class DatabaseUnavailable(DatabaseError):
    """The database server cannot be reached now (stopped, network down); trying again may work."""


LOST_CONNECTION = "Lost the connection to the office database - trying again."
"""What every screen says while the server cannot be reached (the banner and refused actions)."""


def _is_disconnect(exc: DBAPIError) -> bool:
    """The server went away or cannot be reached (SQLSTATE class 08, or SQLAlchemy saw the
    connection drop), as opposed to a statement the server refused."""
    if exc.connection_invalidated:
        return True
    code = getattr(exc.orig, "sqlstate", None) or ""
    if code.startswith("08") or code in ("57P01", "57P02", "57P03"):
        return True
    text_ = str(exc.orig).lower()
    return isinstance(exc, OperationalError) and any(
        part in text_
        for part in (
            "connection refused",
            "server closed the connection",
            "connection failed",
            "no such file or directory",
            "could not connect",
            "connection is bad",
        )
    )


def unavailable() -> DatabaseUnavailable:
    return DatabaseUnavailable(
        f"{LOST_CONNECTION} Nothing was saved; please try again in a moment."
    )


class DatabaseBusy(DatabaseError):
    """Another desk held the database for longer than BUSY_RETRY_SECONDS."""


def is_postgresql(session_or_engine: Session | Engine) -> bool:
    bind = (
        session_or_engine.get_bind()
        if isinstance(session_or_engine, Session)
        else session_or_engine
    )
    return bind.dialect.name == "postgresql"


def _is_busy(exc: OperationalError) -> bool:
    """SQLite's 'database is locked' / 'busy', or PostgreSQL's lock_timeout (55P03)."""
    code = getattr(exc.orig, "sqlstate", None)
    return code == "55P03" or "database is locked" in str(exc.orig) or "busy" in str(exc.orig)


def _flock_until(fd: int, deadline: float) -> None:
    """Take an exclusive flock on ``fd``, looking again every millisecond until ``deadline``."""
    assert fcntl is not None
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise _busy() from None
            time.sleep(0.001)


def _sqlite_turn(path: Path, deadline: float) -> int | None:
    """Queue fairly for the SQLite file's write lock (Linux and macOS): SQLite's own busy handler
    polls with sleeps of up to 100 ms, so a desk in a tight loop could take the lock again and
    again while others starved. Here a writer first passes a turnstile (a lock file it holds
    while it waits for the writer file), so one that has just finished cannot push in front of
    those already waiting. Returns the writer file's descriptor, released at commit/rollback."""
    if fcntl is None:  # Windows: SQLite's busy timeout and transaction()'s retries only
        return None
    turnstile = os.open(f"{path}-turnstile", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        _flock_until(turnstile, deadline)
        writer = os.open(f"{path}-writer", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _flock_until(writer, deadline)
        except BaseException:
            os.close(writer)
            raise
        return writer
    finally:
        os.close(turnstile)  # closing releases the turnstile for the next in line


def _release_turn(session: Session) -> None:
    fd = session.info.pop(_TURN, None)
    if fd is not None:
        os.close(fd)  # closing the descriptor releases its flock


_TURN = "reception_sqlite_turn"


def _busy() -> DatabaseBusy:
    return DatabaseBusy(
        "Another desk has been saving for over a minute, so this was not saved. "
        "Please try again; if it keeps happening, restart the desk that is stuck."
    )


def _take_write_lock(session: Session) -> None:
    """Start the unit of work as the only writer: SQLite BEGIN IMMEDIATE (in the begin event),
    PostgreSQL the advisory lock. Waiting is retried with jittered backoff until
    BUSY_RETRY_SECONDS, so "database is locked" never reaches a person."""
    if is_postgresql(session):
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
        return
    bind = session.get_bind()
    path = sqlite_path(bind.url) if isinstance(bind, Engine) else None
    if path is not None and _TURN not in session.info:
        session.info[_TURN] = _sqlite_turn(path, time.monotonic() + BUSY_RETRY_SECONDS)
    session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})


def _begin_read(session: Session) -> None:
    """A read sees one snapshot of the database from its first statement to its last."""
    if is_postgresql(session):
        session.connection(
            execution_options={"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        )


@contextmanager
def transaction(factory: sessionmaker[Session], *, write: bool = True) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error.

    A write transaction takes the database's write lock first (``_take_write_lock``), so two
    desks' read-check-write sequences never interleave on either engine; a read-only one
    (``write=False``) sees one consistent snapshot and never waits for a writer.
    """
    deadline = time.monotonic() + BUSY_RETRY_SECONDS
    delay = 0.01
    while True:
        session = factory()
        try:
            session.begin()
            if write:
                _take_write_lock(session)
            else:
                _begin_read(session)
            break
        except OperationalError as exc:
            _release_turn(session)
            session.close()
            if _is_disconnect(exc):
                raise unavailable() from None
            if not _is_busy(exc) or time.monotonic() + delay > deadline:
                if _is_busy(exc):
                    raise _busy() from None
                raise
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 1.0)
        except BaseException:
            _release_turn(session)
            session.close()
            raise
    with session:
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            _safe_rollback(session)
            if _is_disconnect(exc):
                raise unavailable() from None
            raise
        except BaseException:
            _safe_rollback(session)
            raise
        finally:
            _release_turn(session)


def _safe_rollback(session: Session) -> None:
    """Roll back; on a connection that is already gone there is nothing left to roll back."""
    try:
        session.rollback()
    except DBAPIError:
        pass
