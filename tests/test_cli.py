"""The command line: version, help, demo data, backup, restore, check, and bad input."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reception_app import __version__
from reception_app.paths import AppPaths
from reception_app.persistence.database import open_database
from reception_app.persistence.engine import sqlite_url
from reception_app.seams import Seams
from reception_app.services.container import AppServices
from tests.conftest import CLI, FIXED_NOW, TEST_HASHER, FixedClock
from tests.databases import copy_sqlite_template


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "reception_app", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_version_and_help_through_python_m_and_the_console_script() -> None:
    result = _run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"Reception {__version__}"
    result = _run("--help")
    assert result.returncode == 0
    for command in ("kiosk", "display", "demo-data", "backup", "restore", "check", "--db"):
        assert command in result.stdout
    script = Path(sys.executable).with_name("reception-app")
    assert subprocess.run([script, "--version"], capture_output=True, text=True).stdout.strip() == (
        f"Reception {__version__}"
    )


def _prepared(paths: AppPaths) -> Path:
    copy_sqlite_template("seeded", paths.default_database)  # migrated and seeded once
    database = open_database(
        sqlite_url(paths.default_database), backup_dir=paths.backup_dir, now=FIXED_NOW
    )
    services = AppServices.create(database, seams=Seams(FixedClock(), TEST_HASHER))
    services.office.seed_shipped_profiles()
    member = services.staff.create_first_manager(
        "north-norfolk", "Sam Manager", "sam", "a long password", "a long password"
    )
    services.office.set_active_office("north-norfolk", member)
    database.dispose()
    return paths.default_database


def _count(path: Path, table: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        connection.close()


def test_demo_data_is_deterministic_with_a_seed(
    paths: AppPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cli: CLI,
) -> None:
    first = _prepared(paths)
    assert cli(["demo-data", "--days", "5", "--seed", "7"]) == 0
    out = capsys.readouterr().out
    assert "5 working days" in out and "reception-demo" in out
    names = (
        sqlite3.connect(first)
        .execute("SELECT full_name, postcode FROM contacts ORDER BY id")
        .fetchall()
    )
    assert names
    monkeypatch.setenv("RECEPTION_HOME", str(tmp_path / "second"))
    second = _prepared(AppPaths.from_environment())
    assert cli(["demo-data", "--days", "5", "--seed", "7"]) == 0
    again = (
        sqlite3.connect(second)
        .execute("SELECT full_name, postcode FROM contacts ORDER BY id")
        .fetchall()
    )
    assert names == again


def test_backup_check_and_restore_round_trip(
    paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli: CLI
) -> None:
    db_file = _prepared(paths)
    backup_file = tmp_path / "saved.sqlite3"
    assert cli(["backup", "--to", str(backup_file)]) == 0
    assert "Backed up to" in capsys.readouterr().out
    staff_before = _count(db_file, "staff")
    assert cli(["demo-data", "--days", "2"]) == 0
    assert _count(db_file, "staff") > staff_before

    assert cli(["check"]) == 0
    out = capsys.readouterr().out
    assert "integrity check" in out and "up to date" in out and "All checks passed." in out

    assert cli(["restore", str(backup_file)]) == 2  # no terminal to confirm: asks for --yes
    assert _count(db_file, "staff") > staff_before
    assert cli(["restore", str(backup_file), "--yes"]) == 0
    assert "kept in" in capsys.readouterr().out
    assert _count(db_file, "staff") == staff_before
    assert list(paths.backup_dir.glob("before-restore-*.sqlite3"))


def test_restore_refuses_a_file_that_is_not_a_reception_backup(
    paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli: CLI
) -> None:
    db_file = _prepared(paths)
    before = db_file.read_bytes()
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database")
    assert cli(["restore", str(junk), "--yes"]) == 1
    assert "not a database" in capsys.readouterr().err
    assert db_file.read_bytes() == before


def test_malformed_db_url_gives_one_clear_message(
    capsys: pytest.CaptureFixture[str], cli: CLI
) -> None:
    assert cli(["--db", "sqlite//nope", "check"]) == 1
    err = capsys.readouterr().err
    assert "is not valid" in err and "sqlite:///" in err and "Traceback" not in err


def test_environment_variable_chooses_the_database(
    paths: AppPaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cli: CLI,
) -> None:
    other = tmp_path / "elsewhere.sqlite3"
    monkeypatch.setenv("RECEPTION_DB_URL", f"sqlite:///{other}")
    assert cli(["check"]) == 1
    assert str(other) in capsys.readouterr().out
    assert cli(["--db", f"sqlite:///{tmp_path / 'third.sqlite3'}", "check"]) == 1
    assert "third.sqlite3" in capsys.readouterr().out


def test_check_reports_a_corrupt_file_in_plain_english(
    paths: AppPaths, capsys: pytest.CaptureFixture[str], cli: CLI
) -> None:
    db_file = _prepared(paths)
    data = bytearray(db_file.read_bytes())
    data[4096 : 4096 + 512] = b"\xff" * 512  # overwrite part of the second page
    db_file.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(str(db_file) + suffix).unlink(missing_ok=True)
    assert cli(["check"]) == 1
    out = capsys.readouterr().out
    assert "PROBLEM" in out and "Some checks failed" in out


def test_backup_never_overwrites_a_file_unless_told_to(
    paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli: CLI
) -> None:
    _prepared(paths)
    precious = tmp_path / "precious.txt"
    precious.write_text("minutes of the last meeting")
    assert cli(["backup", "--to", str(precious)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert precious.read_text() == "minutes of the last meeting"
    assert cli(["backup", "--to", str(precious), "--force"]) == 0
    assert precious.read_bytes().startswith(b"SQLite format 3")


def test_check_changes_nothing_and_names_a_foreign_file(
    paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli: CLI
) -> None:
    db_file = _prepared(paths)
    copy = tmp_path / "copy.sqlite3"
    assert cli(["backup", "--to", str(copy)]) == 0
    before = copy.read_bytes()
    assert cli(["--db", f"sqlite:///{copy}", "check"]) == 0
    assert copy.read_bytes() == before
    foreign = tmp_path / "recipes.sqlite3"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")
    connection.commit()
    connection.close()
    capsys.readouterr()
    assert cli(["--db", f"sqlite:///{foreign}", "check"]) == 1
    assert "not a Reception database" in capsys.readouterr().out
    assert db_file.exists()


@pytest.mark.parametrize("content", ["[1, 2]", '{"database_url": 5}', "not json at all"])
def test_a_damaged_machine_settings_file_falls_back_to_defaults(
    paths: AppPaths, content: str, capsys: pytest.CaptureFixture[str], cli: CLI
) -> None:
    _prepared(paths)
    paths.machine_settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.machine_settings_file.write_text(content)
    assert cli(["check"]) == 0
    assert str(paths.default_database) in capsys.readouterr().out
    assert paths.machine_settings_file.read_text() == content  # left for IT to look at


def test_sample_data_is_not_mixed_into_a_real_office_by_accident(
    paths: AppPaths, capsys: pytest.CaptureFixture[str], cli: CLI
) -> None:
    db_file = _prepared(paths)
    assert cli(["demo-data", "--days", "2"]) == 0
    staff = _count(db_file, "staff")
    assert cli(["demo-data", "--days", "2"]) == 1
    assert "already has staff or contacts" in capsys.readouterr().err
    assert _count(db_file, "staff") == staff
    assert cli(["demo-data", "--days", "2", "--force"]) == 0
    assert _count(db_file, "staff") > staff
    # The real manager exists, so the sample manager cannot sign in with the published password.
    connection = sqlite3.connect(db_file)
    rows = connection.execute(
        "SELECT username FROM staff WHERE role = 'manager' AND password_hash IS NOT NULL"
    ).fetchall()
    connection.close()
    assert rows == [("sam",)]
