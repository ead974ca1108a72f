"""Schema migrations with Alembic, configured in code; backups are taken by the caller first."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import OperationalError

from reception_app.domain.errors import ReceptionError
from reception_app.persistence.engine import WRITE_LOCK_KEY


class NewerDatabaseError(ReceptionError):
    """The database was written by a newer version of Reception."""


def script_location() -> Path:
    return Path(str(resources.files("reception_app.migrations")))


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location()))
    # Date-prefixed file names keep the versions folder in the order the changes were made.
    config.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s")
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str
    has_tables: bool

    @property
    def is_empty(self) -> bool:
        return self.current is None and not self.has_tables

    @property
    def is_current(self) -> bool:
        return self.current == self.head

    @property
    def is_newer(self) -> bool:
        return self.current is not None and self.current not in known_revisions()


def _state_on(connection: Connection) -> SchemaState:
    current = MigrationContext.configure(connection).get_current_revision()
    tables = set(inspect(connection).get_table_names()) - {"alembic_version"}
    return SchemaState(current=current, head=head_revision(), has_tables=bool(tables))


def schema_state(engine: Engine) -> SchemaState:
    with engine.connect() as connection:
        return _state_on(connection)


Waiting = Callable[[str], None]
"""Told, once, in plain English, that this desk is waiting for another one."""

MIGRATION_WAIT_SECONDS = 600.0
"""A desk waits this long for another desk's upgrade (a big database takes minutes)."""


def _lock_for_upgrade(connection: Connection, on_wait: Waiting | None) -> None:
    """PostgreSQL: the advisory lock every write transaction takes, held for the whole upgrade.
    Tried without blocking first, so a desk that has to wait can say so; then waited for in the
    server, which hands it over the moment the other desk commits (desks started together
    open one after another without a polling interval between them)."""
    key = {"key": WRITE_LOCK_KEY}
    if connection.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), key).scalar():
        return
    if on_wait is not None:
        on_wait(WAITING_MESSAGE)
    wait_ms = int(MIGRATION_WAIT_SECONDS * 1000)
    connection.execute(text(f"SET LOCAL lock_timeout = {wait_ms}"))  # not the usual 15 s
    try:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), key)
    except OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) == "55P03":  # lock_timeout
            raise _waited_too_long() from None
        raise


def _waited_too_long() -> ReceptionError:
    return ReceptionError(
        "Another desk has been updating the database for over ten minutes. Check that it is "
        "still running, then start this one again; nothing has been changed here."
    )


WAITING_MESSAGE = "Another desk is updating the database. Waiting for it to finish..."


def _sqlite_is_locked(engine: Engine) -> bool:
    """True when another connection holds the file's write lock right now (asks without waiting)."""
    path = engine.url.database
    if not path:
        return False
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


def upgrade(engine: Engine, on_wait: Waiting | None = None) -> SchemaState:
    """Bring the schema to the newest revision under the write lock; refuse a database from a
    newer app. Safe when several desks start on one database at once: one upgrades, the others
    say they wait, then find it done."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            _lock_for_upgrade(connection, on_wait)
            _upgrade_on(connection)
        return schema_state(engine)
    if on_wait is not None and _sqlite_is_locked(engine):
        on_wait(WAITING_MESSAGE)
    deadline = time.monotonic() + MIGRATION_WAIT_SECONDS
    while True:  # BEGIN IMMEDIATE: the file's write lock, waited for (busy timeout) and retried
        try:
            with engine.execution_options(sqlite_begin="IMMEDIATE").begin() as connection:
                _upgrade_on(connection)
            return schema_state(engine)
        except OperationalError as exc:
            if "locked" not in str(exc.orig) and "busy" not in str(exc.orig):
                raise
            if time.monotonic() > deadline:
                raise _waited_too_long() from None


def _upgrade_on(connection: Connection) -> None:
    state = _state_on(connection)
    if state.is_newer:
        raise NewerDatabaseError(
            f"This database was last used by a newer version of Reception (schema {state.current}). "
            "Install the newer version to open it; nothing has been changed."
        )
    if state.current is None and state.has_tables:
        raise ReceptionError(
            "This database has tables but no Reception version stamp, so it is not a Reception "
            "database. Choose another file with --db; nothing has been changed."
        )
    if not state.is_current:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
