"""Who a command acts as (issue 12): "the command line" in the log unless ``--staff USER`` is
given, and then only once that person has typed their password on a terminal. Real processes:
one with no terminal (refused), one on a pseudo-terminal that types the password."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reception_app.domain.people import COMMAND_LINE
from reception_app.paths import AppPaths
from reception_app.persistence.database import open_database
from reception_app.persistence.engine import sqlite_url
from reception_app.seams import Seams
from reception_app.services.container import AppServices
from tests.conftest import CLI, FIXED_NOW, TEST_HASHER, FixedClock
from tests.databases import copy_sqlite_template
from tests.services.letter_fixtures import EXTRA, add_contact

PASSWORD = "a long password"


@pytest.fixture
def prepared(paths: AppPaths) -> Path:
    copy_sqlite_template("seeded", paths.default_database)  # migrated and seeded once
    database = open_database(sqlite_url(paths.default_database), backup_dir=None, now=FIXED_NOW)
    services = AppServices.create(database, seams=Seams(FixedClock(), TEST_HASHER))
    services.office.seed_shipped_profiles()
    member = services.staff.create_first_manager(
        "hellesdon", "Sam Manager", "sam", PASSWORD, PASSWORD
    )
    services.office.set_active_office("hellesdon", member)
    add_contact(services, member)
    database.dispose()
    return paths.default_database


def _log(db_file: Path) -> list[tuple[str, str, int | None]]:
    database = open_database(sqlite_url(db_file), backup_dir=None, now=FIXED_NOW)
    try:
        services = AppServices.create(database, FixedClock())
        return [(e.action, e.staff_name, e.staff_id) for e in services.events.recent(COMMAND_LINE)]
    finally:
        database.dispose()


def _command(db_file: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "reception_app",
        "--db",
        str(sqlite_url(db_file)),
        "letter",
        "acknowledgement",
        "--record",
        "contact:1",
        "--out",
        str(out),
        *[f"--set={name}={EXTRA[name]}" for name in ("about", "received_date", "response_date")],
        *extra,
    ]


def test_without_staff_the_log_names_the_command_line(
    prepared: Path, tmp_path: Path, cli: CLI
) -> None:
    assert cli(["backup", "--to", str(tmp_path / "copy.sqlite3")]) == 0
    assert cli(["report", "daily", "--date", "2026-11-24", "--out", str(tmp_path / "r.csv")]) == 0
    assert cli(_command(prepared, tmp_path / "letter.pdf")[3:]) == 0
    by_command = [e for e in _log(prepared) if e[1] == "the command line"]
    assert by_command and all(staff_id is None for _, _, staff_id in by_command)


def test_staff_without_a_terminal_is_refused_and_nothing_is_written(
    prepared: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.pdf"
    result = subprocess.run(
        _command(prepared, out, "--staff", "sam"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        start_new_session=True,  # no controlling terminal either
    )
    assert result.returncode == 1
    assert "needs that person's password typed on a terminal" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def _on_terminal(argv: list[str], answer: str) -> tuple[int, str]:
    """Run ``argv`` on a pseudo-terminal, type ``answer`` at the password prompt."""
    main, child = pty.openpty()
    process = subprocess.Popen(
        argv, stdin=child, stdout=child, stderr=child, start_new_session=True, close_fds=True
    )
    os.close(child)
    seen, typed, deadline = b"", False, time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        if not typed and b"Password for sam:" in seen:
            os.write(main, answer.encode() + b"\n")
            typed = True
        if process.poll() is not None and not ready:
            break
    os.close(main)
    return process.wait(timeout=30), seen.decode(errors="replace")


def test_staff_with_the_right_password_typed_on_a_terminal_acts_as_them(
    prepared: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.pdf"
    code, shown = _on_terminal(_command(prepared, out, "--staff", "sam"), PASSWORD)
    assert code == 0, shown
    assert PASSWORD not in shown  # not echoed
    assert out.exists()
    log = _log(prepared)
    assert ("signed_in", "Sam Manager") in [(a, n) for a, n, _ in log]
    sent = [(n, staff_id) for a, n, staff_id in log if a != "signed_in" and n == "Sam Manager"]
    assert sent and all(staff_id is not None for _, staff_id in sent)


def test_staff_with_a_wrong_password_is_refused_and_logged(prepared: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    code, shown = _on_terminal(_command(prepared, out, "--staff", "sam"), "not the password")
    assert code == 1 and "not right" in shown and not out.exists()
    assert "sign_in_failed" in [a for a, _, _ in _log(prepared)]
