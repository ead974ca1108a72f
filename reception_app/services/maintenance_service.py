"""Backup, restore and health checks of the database, for the command line and Settings."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from reception_app.domain.errors import ReceptionError
from reception_app.persistence import backup
from reception_app.persistence.engine import make_engine, sqlite_path
from reception_app.persistence.office_repository import profile_from_record
from reception_app.persistence.records import OfficeRecord
from reception_app.services.restore_check import check_candidate, refuse_while_open


@dataclass
class CheckReport:
    """What ``reception-app check`` found, as sentences for a person."""

    ok: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


def _require_sqlite(url: URL, what: str) -> Path:
    path = sqlite_path(url)
    if path is None:
        raise ReceptionError(
            f"{what} works on a SQLite database file. For PostgreSQL use the server's own "
            "backups (pg_dump) as set up by IT."
        )
    return path


def backup_now(
    url: URL, target: Path | None, backup_dir: Path, now: datetime, overwrite: bool = False
) -> Path:
    """Back up to ``target``, or to a dated file in the backups folder; an existing ``target``
    is replaced only with ``overwrite``."""
    path = _require_sqlite(url, "Backup")
    if not path.exists():
        raise ReceptionError(f"There is no database at {path} to back up yet.")
    if target is None:
        target = backup_dir / f"manual-{now.strftime(backup.STAMP_FORMAT)}{backup.BACKUP_SUFFIX}"
    if target.exists() and target.resolve() == path.resolve():
        raise ReceptionError("The backup file cannot be the database itself.")
    if target.exists() and not overwrite:
        raise ReceptionError(
            f"{target} already exists and was left as it is. Choose another file name, or add "
            "--force to replace it."
        )
    return backup.copy_database(path, target)


def restore_from(url: URL, source: Path, backup_dir: Path, now: datetime) -> Path | None:
    """Replace the database with ``source``; the current database is backed up first.

    Returns the safety backup of what was replaced (None when there was nothing yet).
    """
    path = _require_sqlite(url, "Restore")
    if not source.is_file():
        raise ReceptionError(f"There is no file {source} to restore from.")
    refuse_while_open(path)
    check_candidate(source)
    refuse_while_open(path)  # the checks take a moment: a screen may have started meanwhile
    safety = None
    if path.exists() and path.stat().st_size > 0:
        safety = backup.copy_database(
            path,
            backup_dir
            / f"before-restore-{now.strftime(backup.STAMP_FORMAT)}{backup.BACKUP_SUFFIX}",
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    backup.restore_database(source, path)
    return safety


def check_database(url: URL) -> CheckReport:
    """Every check, in plain English; a database too broken to read is a problem, not a crash."""
    try:
        return _check_database(url)
    except (SQLAlchemyError, sqlite3.Error) as exc:
        report = CheckReport()
        detail = str(getattr(exc, "orig", exc)).splitlines()[0]
        report.problems.append(f"The database could not be read as a Reception database: {detail}.")
        return report


def _check_database(url: URL) -> CheckReport:
    report = CheckReport()
    path = sqlite_path(url)
    if path is not None:
        if not path.exists():
            report.problems.append(
                f"There is no database at {path} yet; start the app to create it."
            )
            return report
        problems = backup.check_sqlite_file(path)
        if problems:
            report.problems += [f"SQLite integrity check: {p}." for p in problems[:10]]
            return report
        report.ok.append(f"The database file {path} passed SQLite's integrity check.")
        if backup.read_stamp(path).is_foreign:
            report.problems.append(
                f"{path} is not a Reception database: it has other tables and no Reception "
                "version stamp, so Reception will not open it."
            )
            return report
    engine = make_engine(url, read_only=True)
    try:
        from reception_app.persistence import migrations  # Alembic is slow to import

        state = migrations.schema_state(engine)
        if state.is_empty:
            report.problems.append("The database is empty: start the app once to set it up.")
            return report
        if state.is_newer:
            report.problems.append(
                f"The database was written by a newer version of Reception (schema {state.current})."
            )
            return report
        if state.is_current:
            report.ok.append(f"The database structure is up to date (schema {state.head}).")
        else:
            report.problems.append(
                f"The database structure is at schema {state.current}; this version of Reception "
                f"will upgrade it to {state.head} (after a backup) when it next starts."
            )
            return report
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                mode = connection.execute(text("PRAGMA journal_mode")).scalar()
                report.ok.append(f"Journal mode is {str(mode).upper()}, foreign keys are checked.")
            offices = connection.execute(select(OfficeRecord.key)).scalars().all()
        with Session(engine) as session:
            for record in session.scalars(select(OfficeRecord)):
                try:
                    profile_from_record(record)
                    report.ok.append(f"Office profile '{record.key}' ({record.name}) is complete.")
                except ReceptionError as exc:
                    report.problems.append(f"Office profile '{record.key}': {exc}")
                except ValueError as exc:
                    report.problems.append(f"Office profile '{record.key}': {exc}")
        if not offices:
            report.problems.append("No office profile is loaded yet; start the app to choose one.")
    finally:
        engine.dispose()
    return report
