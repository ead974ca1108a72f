"""The suite never depends on the day it runs: a sample of it, run with the machine's clock set
to awkward moments years ahead (faketime moves the clock of every library, Qt and SQLite too).

Every test uses the fixed clock of tests/conftest.py; a code path that reads the real clock
instead shows up here as a failure on one of these days.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.databases import SHARED_SERVER, SHARED_TEMPLATES
from tests.postgres_server import PostgresServer
from tests.system_tools import require_program

ROOT = Path(__file__).resolve().parent.parent

MOMENTS = {  # UTC, the machine's time zone in the run below
    "a winter weekday": "2029-01-16 10:15:00",
    "a bank holiday (summer bank holiday 2030)": "2030-08-26 11:00:00",
    "the Sunday the clocks go forward (just after 01:00)": "2031-03-30 01:05:00",
    "31 December, half an hour before midnight": "2032-12-31 23:30:00",
}

SAMPLE = [  # what reads 'today' most: letters' dates, deadlines, the queue, the command line
    "tests/test_cli_letter.py",
    "tests/services/test_message_service.py::test_a_message_is_stored_exactly_as_typed_with_the_call_back_due_next_working_day",
    "tests/services/test_message_service.py::test_overdue_messages_escalate_to_the_team_lead_or_managers",
    "tests/ui/test_today_queue.py::test_check_in_call_serve_and_follow_up",
    "tests/ui/test_today_queue.py::test_check_in_dialog_shows_three_times_to_come_back",
    "tests/test_cli.py::test_backup_check_and_restore_round_trip",
    # background threads' timed waits (a timed Event.wait never ended under faketime)
    "tests/persistence/test_changes.py::test_another_process_hears_a_change_within_a_second",
    "tests/ui/test_live_screens.py::test_another_desk_s_check_in_shows_on_today_within_a_second_read_once",
]


def _run_at(
    faketime: str, moment: str, home: Path, server: PostgresServer, templates: Path
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
    env.update(TZ="UTC", QT_QPA_PLATFORM="offscreen", RECEPTION_HOME=str(home))
    env[SHARED_SERVER] = str(server.folder)  # the app's clock is faked; the server has no part
    env[SHARED_TEMPLATES] = str(templates)  # migrated and seeded at FIXED_NOW, as they would be
    command = [faketime, "-f", f"@{moment}", sys.executable, "-m", "pytest", "-q"]
    command += ["-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:randomly", *SAMPLE]
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.mark.parametrize("moment", MOMENTS.values(), ids=MOMENTS.keys())
def test_a_sample_of_the_suite_passes_on_awkward_days_years_ahead(
    moment: str, tmp_path: Path, postgres: PostgresServer, database_templates: dict[str, Path]
) -> None:
    """One run per moment (so the runs spread over the suite's workers), each using this
    session's PostgreSQL server rather than starting one under the faked clock, and copies of
    its SQLite templates."""
    faketime = require_program("faketime")
    templates = database_templates["migrated"].parent
    run = _run_at(faketime, moment, tmp_path / "home", postgres, templates)
    assert run.returncode == 0, f"--- {moment} UTC ---\n{run.stdout[-3000:]}{run.stderr[-2000:]}"
    # the sample ran, rather than being collected away
    assert " passed" in run.stdout and "error" not in run.stdout.splitlines()[-1]
