"""`restore` (issue 12): refused while a screen has the database open, and only after the
candidate passed every check; a refused restore changes nothing."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reception_app.paths import AppPaths
from tests.conftest import CLI
from tests.test_cli import _count, _prepared

KIOSK = """
import sys
from datetime import UTC, datetime
from reception_app.persistence.database import open_database
from reception_app.persistence.engine import sqlite_url
from reception_app.persistence.presence import set_screen
set_screen("the kiosk")
db = open_database(sqlite_url(sys.argv[1]), backup_dir=None, now=datetime.now(UTC))
print("open", flush=True)
sys.stdin.readline()
db.dispose()
"""


def _backup(cli: CLI, tmp_path: Path) -> Path:
    saved = tmp_path / "saved.sqlite3"
    assert cli(["backup", "--to", str(saved)]) == 0
    return saved


def test_refused_while_the_kiosk_has_it_open_then_allowed_once_closed(
    paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli: CLI
) -> None:
    db_file = _prepared(paths)
    saved = _backup(cli, tmp_path)
    assert cli(["demo-data", "--days", "1"]) == 0
    before = db_file.read_bytes()
    kiosk = subprocess.Popen(
        [sys.executable, "-c", KIOSK, str(db_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert kiosk.stdout is not None and kiosk.stdout.readline().strip() == "open"
        capsys.readouterr()
        assert cli(["restore", str(saved), "--yes"]) == 1
        err = capsys.readouterr().err
        assert f"open in the kiosk (process {kiosk.pid})" in err and "close" in err
        assert db_file.read_bytes() == before
        assert not list(paths.backup_dir.glob("before-restore-*"))
    finally:
        kiosk.kill()  # ended without tidying up: its lock goes with it
        kiosk.wait(timeout=30)
    assert cli(["restore", str(saved), "--yes"]) == 0, capsys.readouterr().err


def _stamp_only(path: Path, revision: str) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    connection.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    connection.commit()
    connection.close()
    return path


def test_a_file_with_only_a_version_stamp_is_refused(
    paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli: CLI
) -> None:
    db_file = _prepared(paths)
    before = db_file.read_bytes()
    stamp = _stamp_only(tmp_path / "stamp.sqlite3", "0005")
    assert cli(["restore", str(stamp), "--yes"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.endswith("not restored.") and "Traceback" not in err, err
    assert db_file.read_bytes() == before
    # `check` on such a file says so in words, not with a traceback
    assert cli(["--db", f"sqlite:///{stamp}", "check"]) == 1
    out = capsys.readouterr()
    assert "PROBLEM:" in out.out and "Traceback" not in out.err


def test_a_backup_missing_a_column_is_refused(
    paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli: CLI
) -> None:
    db_file = _prepared(paths)
    saved = _backup(cli, tmp_path)
    connection = sqlite3.connect(saved)
    connection.execute("ALTER TABLE contacts DROP COLUMN notify_by")
    connection.commit()
    connection.close()
    staff = _count(db_file, "staff")
    before = db_file.read_bytes()
    capsys.readouterr()
    assert cli(["restore", str(saved), "--yes"]) == 1
    err = capsys.readouterr().err
    assert "does not have the tables and columns" in err and "notify_by" in err, err
    assert db_file.read_bytes() == before and _count(db_file, "staff") == staff


def test_a_backup_whose_office_is_incomplete_fails_the_apps_own_check(
    paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli: CLI
) -> None:
    _prepared(paths)
    saved = _backup(cli, tmp_path)
    connection = sqlite3.connect(saved)
    connection.execute('UPDATE offices SET opening_hours = \'{"monday": "all day"}\'')
    connection.commit()
    connection.close()
    capsys.readouterr()
    assert cli(["restore", str(saved), "--yes"]) == 1
    assert "failed the app's own check" in capsys.readouterr().err
