"""Backups through the SQLite API, their rotation, and opening bad databases safely."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from reception_app.persistence import backup
from reception_app.persistence.database import open_database
from reception_app.persistence.engine import DatabaseError, sqlite_url
from reception_app.persistence.migrations import NewerDatabaseError

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def _open(path: Path, backups: Path, now: datetime = NOW):  # type: ignore[no-untyped-def]
    return open_database(sqlite_url(path), backup_dir=backups, now=now)


def test_rotation_keeps_newest_of_last_7_days_and_last_4_weeks() -> None:
    start = datetime(2026, 9, 1, 8, 0)
    taken = [start + timedelta(days=d, hours=h) for d in range(60) for h in (0, 5)]
    files = [backup.BackupFile(Path(f"auto-{t:%Y%m%d-%H%M%S}.sqlite3"), t) for t in taken]
    files.sort(key=lambda b: b.taken, reverse=True)
    keep = backup.backups_to_keep(files)
    kept = sorted((b.taken for b in files if b.path in keep), reverse=True)
    last_day = start + timedelta(days=59)
    # Newest of each of the last 7 days (13:00 backups).
    daily = [(last_day - timedelta(days=d)).replace(hour=13) for d in range(7)]
    assert all(t in kept for t in daily)
    # Newest of each of the last 4 ISO weeks: Sunday 13:00 except the current week.
    weeks = {t.isocalendar()[:2] for t in kept}
    assert len(weeks) == 4
    assert len(kept) == len(
        set(daily) | {max(t for t in kept if t.isocalendar()[:2] == w) for w in weeks}
    )


def test_open_backs_up_and_prunes_automatically(tmp_path: Path) -> None:
    db_file, backups = tmp_path / "r.sqlite3", tmp_path / "backups"
    _open(db_file, backups).dispose()  # new file: nothing to back up yet
    assert backup.list_automatic_backups(backups) == []
    for day in range(20):
        _open(db_file, backups, NOW + timedelta(days=day)).dispose()
    kept = backup.list_automatic_backups(backups)
    assert 7 <= len(kept) <= 11
    assert kept[0].taken == (NOW + timedelta(days=19)).replace(tzinfo=None)
    assert backup.check_sqlite_file(kept[0].path) == []
    connection = sqlite3.connect(kept[0].path)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone() is not None
    connection.close()


def test_a_corrupt_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    db_file = tmp_path / "broken.sqlite3"
    junk = b"this is a spreadsheet, not a database" * 200
    db_file.write_bytes(junk)
    with pytest.raises(DatabaseError, match="damaged or is not a Reception database") as error:
        _open(db_file, tmp_path / "backups")
    assert "restore" in str(error.value)
    assert db_file.read_bytes() == junk
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())


def test_a_database_from_a_newer_version_is_refused_unchanged(tmp_path: Path) -> None:
    db_file = tmp_path / "newer.sqlite3"
    database = _open(db_file, tmp_path / "backups")
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    database.dispose()
    before = db_file.read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer version of Reception"):
        _open(db_file, tmp_path / "backups")
    assert db_file.read_bytes() == before


def test_a_foreign_sqlite_file_is_not_taken_over(tmp_path: Path) -> None:
    db_file = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(db_file)
    connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    connection.commit()
    connection.close()
    before = db_file.read_bytes()
    with pytest.raises(DatabaseError, match="not a Reception database"):
        _open(db_file, tmp_path / "backups")
    assert db_file.read_bytes() == before  # not even switched to WAL
    assert not (tmp_path / "backups").exists()  # and never put into the backup rotation


def test_a_data_folder_that_cannot_be_created_is_explained(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(DatabaseError, match="cannot create the folder"):
        _open(blocker / "reception.sqlite3", tmp_path / "backups")
    assert blocker.read_text() == "a file where the folder should be"


def test_copy_database_is_atomic_and_restorable(tmp_path: Path) -> None:
    source = tmp_path / "s.sqlite3"
    database = _open(source, tmp_path / "b")
    database.dispose()
    target = backup.copy_database(source, tmp_path / "copy.sqlite3")
    assert not (tmp_path / "copy.sqlite3.partial").exists()
    assert backup.check_sqlite_file(target) == []
    with pytest.raises(backup.BackupError):
        backup.copy_database(tmp_path / "missing.sqlite3", tmp_path / "never.sqlite3")
    assert not (tmp_path / "never.sqlite3").exists()


def test_a_newer_database_in_rollback_journal_mode_keeps_every_byte(tmp_path: Path) -> None:
    db_file = tmp_path / "newer-delete.sqlite3"
    database = _open(db_file, tmp_path / "b")
    database.dispose()
    connection = sqlite3.connect(db_file)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("UPDATE alembic_version SET version_num = '0002abc'")
    connection.commit()
    connection.close()
    before = db_file.read_bytes()
    with pytest.raises(NewerDatabaseError):
        _open(db_file, tmp_path / "b")
    assert db_file.read_bytes() == before


def test_each_database_rotates_only_its_own_backups(tmp_path: Path) -> None:
    from reception_app.paths import backup_folder_for

    first, second = tmp_path / "first.sqlite3", tmp_path / "second.sqlite3"
    for day in range(10):
        for db_file in (first, second):
            _open(db_file, backup_folder_for(db_file), NOW + timedelta(days=day)).dispose()
    for db_file in (first, second):
        kept = backup.list_automatic_backups(backup_folder_for(db_file))
        assert len(kept) >= 7
        assert all(backup.read_stamp(b.path).revision for b in kept)
    assert backup_folder_for(first) != backup_folder_for(second)


def test_a_missing_database_driver_is_explained(tmp_path: Path) -> None:
    from reception_app.persistence.engine import parse_database_url

    with pytest.raises(DatabaseError, match="pip install"):
        open_database(
            parse_database_url("postgresql+nosuchdriver://u@localhost/reception"),
            backup_dir=None,
            now=NOW,
        )
