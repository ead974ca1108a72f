"""Open the database the safe way: check it, back it up, migrate it, then hand out sessions."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from reception_app.file_modes import make_private
from reception_app.migrations import HEAD_REVISION
from reception_app.persistence import backup, presence
from reception_app.persistence.connection_errors import (
    DatabaseUnavailable,
    check_server_version,
    explain,
)
from reception_app.persistence.engine import (
    DatabaseError,
    make_engine,
    make_session_factory,
    sqlite_path,
)
from reception_app.persistence.presence import Presence

log = logging.getLogger(__name__)


@dataclass
class Database:
    """An open, migrated database."""

    url: URL
    engine: Engine
    session_factory: sessionmaker[Session]
    startup_backup: Path | None = None
    presence: Presence | None = None
    """This process's mark that it has the SQLite file open (restore refuses meanwhile)."""

    @property
    def file(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def description(self) -> str:
        path = self.file
        return str(path) if path else self.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()
        if self.presence is not None:
            self.presence.release()
            self.presence = None


def _check_sqlite_location(path: Path) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(
            f"Reception cannot create the folder {folder} for its database ({exc.strerror}). "
            "Choose a folder you can write to with --db or the RECEPTION_DB_URL setting."
        ) from None
    if path.exists():
        if path.is_dir():
            raise DatabaseError(
                f"{path} is a folder, not a database file. Choose a file with --db."
            )
        if not os.access(path, os.R_OK):
            raise DatabaseError(
                f"Reception cannot read the database file {path}. Ask IT to give your account "
                "read and write access to it; nothing has been changed."
            )
        if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
            raise DatabaseError(
                f"The database {path} or its folder is read-only. Reception must write to it to "
                "save your work; ask IT for write access or copy it somewhere writable."
            )
        if path.stat().st_size > 0:
            problems = backup.check_sqlite_file(path)
            if problems:
                raise DatabaseError(
                    f"The file {path} is damaged or is not a Reception database "
                    f"(SQLite says: {problems[0]}). Nothing has been changed. Restore a backup "
                    "with 'reception-app restore FILE' or choose another file with --db."
                )
    elif not os.access(folder, os.W_OK):
        raise DatabaseError(
            f"Reception cannot write to the folder {folder}, so it cannot create its database "
            "there. Choose a folder you can write to with --db or RECEPTION_DB_URL."
        )


def current_revision(engine: Engine) -> str | None:
    """The schema revision stamped in the database, or None for a new or foreign database."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _check_stamp(path: Path, stamp: backup.FileStamp) -> None:
    if stamp.is_foreign:
        raise DatabaseError(
            f"The file {path} is not a Reception database (it has other tables and no Reception "
            "version stamp). Nothing has been changed; choose another file with --db."
        )
    if stamp.revision is not None and stamp.revision != HEAD_REVISION:
        from reception_app.persistence import migrations  # Alembic only when needed

        if stamp.revision not in migrations.known_revisions():
            raise migrations.NewerDatabaseError(
                f"The database {path} was last used by a newer version of Reception (schema "
                f"{stamp.revision}). Install the newer version to open it; nothing has been changed."
            )


def open_database(
    url: URL,
    *,
    backup_dir: Path | None,
    now: datetime,
    migrate: bool = True,
    on_wait: Callable[[str], None] | None = None,
) -> Database:
    """Check, back up (SQLite), migrate and open ``url``; DatabaseError in plain English.

    ``on_wait`` is told when another desk is upgrading the same database and this one waits.
    """
    path = sqlite_path(url)
    startup_backup = None
    if path is not None:
        _check_sqlite_location(path)
        if path.exists() and path.stat().st_size > 0:
            # Read-only first: a foreign or newer file is refused with not one byte changed
            # (opening it through the engine would switch it to WAL) and is never backed up
            # into the rotation.
            _check_stamp(path, backup.read_stamp(path))
        if backup_dir is not None:
            try:
                startup_backup = backup.automatic_backup(path, backup_dir, now)
            except backup.BackupError as exc:
                raise DatabaseError(
                    f"{exc} Reception backs up the database before it starts; free some disk "
                    "space or check the backups folder, then try again."
                ) from None
    engine = make_engine(url)  # raises DatabaseError for a missing driver
    try:
        with engine.connect() as connection:
            check_server_version(connection)
        if path is not None:  # files an older version (or SQLite) made readable by all
            for own in (path, *(path.with_name(path.name + e) for e in ("-wal", "-shm"))):
                make_private(own)
        if migrate and current_revision(engine) != HEAD_REVISION:
            from reception_app.persistence import migrations  # Alembic only when needed

            state = migrations.schema_state(engine)
            if not state.is_current and not state.is_empty and startup_backup is None and path:
                log.warning("upgrading %s without a start-up backup", path)
            migrations.upgrade(engine, on_wait)
    except (OperationalError, sqlite3.OperationalError, ImportError) as exc:
        engine.dispose()
        if path is None:
            raise DatabaseUnavailable(explain(exc, url)) from None
        raise DatabaseError(
            f"Reception could not open the database {path}: {getattr(exc, 'orig', exc)}."
        ) from None
    except Exception:
        engine.dispose()
        raise
    marked = presence.announce(path) if path is not None else None
    return Database(url, engine, make_session_factory(engine), startup_backup, marked)
