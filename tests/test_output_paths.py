"""Where commands may write, and who may read what they write (issue 12, Files)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reception_app.domain.errors import ValidationError
from reception_app.output_paths import check_output_path
from reception_app.paths import AppPaths
from tests.conftest import CLI
from tests.test_cli_acting import EXTRA, prepared  # noqa: F401 - the fixture

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes and devices are POSIX")


def refused(path: Path, paths: AppPaths, database: Path | None = None) -> str:
    with pytest.raises(ValidationError) as caught:
        check_output_path(path, paths, database)
    text = str(caught.value)
    assert text.count(". ") == 0 and text.endswith("."), text  # one sentence
    return text


def test_new_names_in_existing_folders_and_ordinary_files_are_accepted(
    tmp_path: Path, paths: AppPaths
) -> None:
    assert check_output_path(tmp_path / "new.pdf", paths) == tmp_path / "new.pdf"
    (tmp_path / "old.pdf").write_bytes(b"x")
    assert check_output_path(tmp_path / "old.pdf", paths) == tmp_path / "old.pdf"


@posix_only
def test_folders_devices_pipes_missing_folders_and_dead_links_are_refused(
    tmp_path: Path, paths: AppPaths
) -> None:
    assert "is a folder" in refused(tmp_path, paths)
    assert "is a device" in refused(Path("/dev/null"), paths)
    os.mkfifo(tmp_path / "pipe")
    assert "is a pipe" in refused(tmp_path / "pipe", paths)
    assert "does not exist" in refused(tmp_path / "nowhere" / "x.pdf", paths)
    (tmp_path / "dead").symlink_to(tmp_path / "gone")
    assert "link to a file that does not exist" in refused(tmp_path / "dead", paths)
    (tmp_path / "to-null").symlink_to("/dev/null")
    assert "is a device" in refused(tmp_path / "to-null", paths)


@posix_only
def test_the_apps_own_files_are_refused_by_name_link_or_hard_link(
    tmp_path: Path, paths: AppPaths
) -> None:
    db = tmp_path / "office" / "reception.sqlite3"
    db.parent.mkdir()
    db.write_bytes(b"db")
    (db.parent / "backups" / "reception").mkdir(parents=True)
    paths.log_dir.mkdir(parents=True)
    paths.config_dir.mkdir(parents=True)
    own = [
        db,
        db.with_name("reception.sqlite3-wal"),
        db.with_name("reception.sqlite3-shm"),
        db.parent / "backups" / "reception" / "mine.sqlite3",
        paths.log_file,
        paths.log_dir / "reception.log.1",
        paths.machine_settings_file,
        paths.private_settings_file,
        paths.default_database,
    ]
    for path in own:
        assert "one of Reception's own files" in refused(path, paths, db), path
    (tmp_path / "soft.pdf").symlink_to(db)
    os.link(db, tmp_path / "hard.pdf")
    for path in (tmp_path / "soft.pdf", tmp_path / "hard.pdf"):
        assert "one of Reception's own files" in refused(path, paths, db), path


@posix_only
def test_commands_refuse_the_database_and_its_wal_and_write_nothing(
    prepared: Path,  # noqa: F811
    tmp_path: Path,
    paths: AppPaths,
    cli: CLI,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = prepared.read_bytes()
    wal = prepared.with_name(prepared.name + "-wal")
    wal_before = wal.read_bytes() if wal.exists() else None
    sets = [f"--set={n}={EXTRA[n]}" for n in ("about", "received_date", "response_date")]
    attempts = [
        ["letter", "acknowledgement", "--record", "contact:1", "--out", str(prepared), *sets],
        ["report", "daily", "--date", "2026-11-24", "--out", str(paths.log_dir / "r.csv")],
        ["backup", "--to", str(wal), "--force"],
        ["backup", "--to", "/dev/null", "--force"],
        ["backup", "--to", str(prepared.parent / "backups" / "reception" / "b.sqlite3")],
    ]
    for argv in attempts:
        capsys.readouterr()
        assert cli(argv) == 1, argv
        err = capsys.readouterr().err.strip()
        assert err.startswith("reception-app: ") and "\n" not in err, err
    assert prepared.read_bytes() == before
    assert (wal.read_bytes() if wal.exists() else None) == wal_before
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@posix_only
def test_files_made_by_a_command_are_owner_only_whatever_the_umask(
    prepared: Path,  # noqa: F811
    tmp_path: Path,
    paths: AppPaths,
) -> None:
    os.chmod(prepared, 0o644)  # as an older version left it
    db_url = f"sqlite:///{prepared}"
    sets = [f"--set={n}={EXTRA[n]}" for n in ("about", "received_date", "response_date")]
    commands = [
        ["backup"],
        [
            "letter",
            "acknowledgement",
            "--record",
            "contact:1",
            "--out",
            str(tmp_path / "l.pdf"),
            *sets,
        ],
    ]
    for argv in commands:
        result = subprocess.run(
            [sys.executable, "-m", "reception_app", "--db", db_url, *argv],
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=lambda: os.umask(0o022),
        )
        assert result.returncode == 0, result.stderr
    backups = prepared.parent / "backups" / "reception"
    files = [prepared, tmp_path / "l.pdf", paths.log_file, *backups.iterdir()]
    files += [p for p in prepared.parent.iterdir() if p.name.startswith("reception.sqlite3-")]
    for path in files:
        wanted = 0o700 if path.is_dir() else 0o600  # the folder of who has it open
        assert stat.S_IMODE(path.stat().st_mode) == wanted, path
    assert stat.S_IMODE(backups.stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.log_dir.stat().st_mode) == 0o700
