"""SQLite backups through the backup API (never a file copy of an open database), and rotation."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reception_app.domain.errors import ReceptionError
from reception_app.file_modes import make_private

BACKUP_SUFFIX = ".sqlite3"
AUTO_PREFIX = "auto-"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
STAMP_FORMAT = "%Y%m%d-%H%M%S"


class BackupError(ReceptionError):
    """A backup or restore could not be made; the message says why."""


def _open_readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def check_sqlite_file(path: Path) -> list[str]:
    """Problems found by SQLite's own integrity check (empty list: the file is sound)."""
    try:
        connection = _open_readonly(path)
    except sqlite3.Error as exc:
        return [f"cannot open the file ({exc})"]
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
        problems = [str(r[0]) for r in rows if r[0] != "ok"]
        problems += [
            f"row {r[1]} of table {r[0]} points at a missing {r[2]} record"
            for r in connection.execute("PRAGMA foreign_key_check").fetchall()
        ]
        return problems
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        connection.close()


@dataclass(frozen=True)
class FileStamp:
    """What a SQLite file says about itself, read without changing a byte."""

    revision: str | None
    tables: frozenset[str]

    @property
    def is_foreign(self) -> bool:
        """Tables but no Reception version stamp: some other program's database."""
        return self.revision is None and bool(self.tables - {"alembic_version"})


def read_stamp(path: Path) -> FileStamp:
    """The schema revision and table names of ``path``, opened read-only."""
    connection = _open_readonly(path)
    try:
        tables = frozenset(
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
        revision = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = str(row[0]) if row else None
        return FileStamp(revision, tables)
    finally:
        connection.close()


def copy_database(
    source: Path, target: Path, progress: Callable[[int, int], None] | None = None
) -> Path:
    """Copy ``source`` to ``target`` with the SQLite backup API, atomically (temp file + rename)."""
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        src = _open_readonly(source)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(
                    dst,
                    pages=1024,
                    progress=(lambda _status, remaining, total: progress(total - remaining, total))
                    if progress
                    else None,
                )
                dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
            finally:
                dst.close()
        finally:
            src.close()
        make_private(partial)  # a backup holds everyone's personal data
        partial.replace(target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"Could not back up {source} to {target}: {exc}.") from None
    return target


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken: datetime


def list_automatic_backups(folder: Path) -> list[BackupFile]:
    """Automatic backups in ``folder``, newest first."""
    found = []
    if not folder.is_dir():
        return []
    for path in folder.glob(f"{AUTO_PREFIX}*{BACKUP_SUFFIX}"):
        stamp = path.name.removeprefix(AUTO_PREFIX).removesuffix(BACKUP_SUFFIX)
        try:
            found.append(BackupFile(path, datetime.strptime(stamp, STAMP_FORMAT)))
        except ValueError:
            continue  # not one of ours; leave it alone
    return sorted(found, key=lambda b: b.taken, reverse=True)


def backups_to_keep(backups: list[BackupFile]) -> set[Path]:
    """The newest backup of each of the last 7 days and of each of the last 4 ISO weeks."""
    keep: set[Path] = set()
    days: list[object] = []
    weeks: list[object] = []
    for backup in backups:  # newest first, so the first seen per day/week is its newest
        day = backup.taken.date()
        week = backup.taken.isocalendar()[:2]
        if day not in days and len(days) < KEEP_DAILY:
            days.append(day)
            keep.add(backup.path)
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.append(week)
            keep.add(backup.path)
    return keep


def automatic_backup(database: Path, folder: Path, now: datetime) -> Path | None:
    """Back up ``database`` into ``folder`` and prune old automatic backups."""
    if not database.exists() or database.stat().st_size == 0:
        return None
    target = folder / f"{AUTO_PREFIX}{now.strftime(STAMP_FORMAT)}{BACKUP_SUFFIX}"
    copy_database(database, target)
    backups = list_automatic_backups(folder)
    keep = backups_to_keep(backups)
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
    return target


def restore_database(source: Path, database: Path) -> None:
    """Replace the contents of ``database`` with ``source`` through the backup API."""
    problems = check_sqlite_file(source)
    if problems:
        raise BackupError(
            f"{source} cannot be restored because it is damaged or not a database: {problems[0]}."
        )
    try:
        src = _open_readonly(source)
        try:
            dst = sqlite3.connect(database, timeout=10)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise BackupError(f"Could not restore {source} into {database}: {exc}.") from None
