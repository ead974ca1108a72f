"""Hearing other processes' changes: PostgreSQL LISTEN/NOTIFY, SQLite ``PRAGMA data_version``.

A ``ChangeFeed`` runs one background thread with its own connection. On PostgreSQL it waits
for the NOTIFY every write transaction sends; on SQLite it asks ``PRAGMA data_version`` (a
counter in shared memory, no disk read) every ``poll_seconds``. Either way it then reads the
change log since the last row it saw, so a notice missed while away is never lost. It also
tells when the database stops answering and when it answers again (then everything is reloaded).
Callbacks run on the feed's thread: the UI hands them to the GUI thread (ui/changes.py).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

from reception_app.domain.changes import Change
from reception_app.pauses import STEP_SECONDS, pause
from reception_app.persistence.changes import CHANNEL

log = logging.getLogger(__name__)

OnChanges = Callable[[list[Change]], None]
OnConnection = Callable[[bool], None]
"""True: the database answers (again); False: it stopped answering."""

RECONNECT_SECONDS = 2.0
QUIET_CHECK_SECONDS = 1.0
"""On PostgreSQL: after this long with no notice, make sure the server is still there."""


class ChangeFeed:
    def __init__(
        self,
        url: URL,
        on_changes: OnChanges,
        on_connection: OnConnection | None = None,
        poll_seconds: float = 0.2,
    ) -> None:
        self._url = url
        self._on_changes = on_changes
        self._on_connection = on_connection or (lambda _up: None)
        self._poll = poll_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_id: int | None = None
        """The newest change row handed to ``on_changes`` (or there at the first connection);
        None until then."""
        self.connected = False

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="change-feed", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    # --- the loop ---------------------------------------------------------------------------

    def _run(self) -> None:
        postgres = self._url.get_backend_name() == "postgresql"
        while not self._stop.is_set():
            try:
                if postgres:
                    self._listen_postgres()
                else:
                    self._poll_sqlite()
            except Exception as exc:  # noqa: BLE001 - any failure: say so, then try again
                log.info("change feed lost the database: %s", exc)
                self._set_connected(False)
                pause(self._stop, RECONNECT_SECONDS)

    def _set_connected(self, up: bool) -> None:
        if up != self.connected:
            self.connected = up
            self._on_connection(up)

    def _deliver(self, rows: list[tuple[Any, Any]]) -> None:
        changes = [Change(int(i), Change.topics_from_text(str(t))) for i, t in rows]
        if changes:
            self._on_changes(changes)
            self.last_id = changes[-1].id  # after: every change up to it has been handed over

    def _connected_at(self, newest: int | None) -> None:
        """A (re)connection: start from the newest row, or catch up on what was missed."""
        newest = newest or 0
        if self.last_id is not None and newest > self.last_id:
            log.info("change feed caught up %d changes", newest - self.last_id)
        if self.last_id is None:
            self.last_id = newest
        self._set_connected(True)

    def _poll_sqlite(self) -> None:
        path = self._url.database
        assert path
        # mode=rw: a file that has gone (its folder unreachable) is an error, not a new file.
        uri = f"{Path(path).resolve().as_uri()}?mode=rw"
        # Autocommit, and every statement read to its end: a statement left open would hold a
        # read transaction, and data_version would then never change.
        connection = sqlite3.connect(
            uri, uri=True, timeout=5, check_same_thread=False, isolation_level=None
        )

        def one(sql: str) -> Any:
            return connection.execute(sql).fetchall()[0][0]

        try:
            self._connected_at(one("SELECT MAX(id) FROM change_log"))
            self._deliver(self._since_sqlite(connection))
            version = one("PRAGMA data_version")
            while not pause(self._stop, self._poll):
                os.stat(path)  # gone or unreachable: OSError, and the loop says so
                now = one("PRAGMA data_version")
                if now != version:
                    version = now
                    self._deliver(self._since_sqlite(connection))
        finally:
            connection.close()

    def _since_sqlite(self, connection: sqlite3.Connection) -> list[tuple[Any, Any]]:
        return connection.execute(
            "SELECT id, topics FROM change_log WHERE id > ? ORDER BY id", (self.last_id or 0,)
        ).fetchall()

    def _listen_postgres(self) -> None:
        import psycopg

        conninfo = self._url.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f"LISTEN {CHANNEL}")
            newest = connection.execute("SELECT MAX(id) FROM change_log").fetchone()
            self._connected_at(newest[0] if newest else None)
            self._deliver(self._since_postgres(connection))
            quiet_since = time.monotonic()
            while not self._stop.is_set():
                # Short waits, as in pauses.pause: a stop is noticed within STEP_SECONDS rather
                # than after a whole quiet second (a desk closing, each live test's teardown).
                heard = False
                for _notice in connection.notifies(timeout=STEP_SECONDS, stop_after=1):
                    heard = True
                if heard:
                    self._deliver(self._since_postgres(connection))
                    quiet_since = time.monotonic()
                elif time.monotonic() - quiet_since >= QUIET_CHECK_SECONDS:
                    connection.execute("SELECT 1")  # a quiet second: is the server still there?
                    quiet_since = time.monotonic()

    def _since_postgres(self, connection: Any) -> list[tuple[Any, Any]]:
        rows = connection.execute(
            "SELECT id, topics FROM change_log WHERE id > %s ORDER BY id", (self.last_id or 0,)
        ).fetchall()
        return [(row[0], row[1]) for row in rows]
