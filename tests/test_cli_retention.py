"""`reception-app retention run [--dry-run]`, `retention hold`, and the daily run at start-up."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reception_app.app import start_daily_retention
from reception_app.domain.people import COMMAND_LINE
from reception_app.paths import AppPaths
from reception_app.persistence.database import open_database
from reception_app.persistence.engine import sqlite_url, transaction
from reception_app.persistence.records import EventRecord, VisitRecord
from reception_app.seams import Seams
from reception_app.services.container import AppServices
from tests.conftest import CLI, FIXED_NOW, TEST_HASHER, FixedClock


def _services(paths: AppPaths) -> AppServices:
    database = open_database(sqlite_url(paths.default_database), backup_dir=None, now=FIXED_NOW)
    return AppServices.create(database, seams=Seams(FixedClock(), TEST_HASHER))


@pytest.fixture(scope="module")
def prepared_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both offices, Sam the manager, Hellesdon running with 60 working days of sample data:
    loaded once for the module (about 1.5 s), copied per test."""
    template = tmp_path_factory.mktemp("retention-cli") / "reception.sqlite3"
    database = open_database(sqlite_url(template), backup_dir=None, now=FIXED_NOW)
    services = AppServices.create(database, seams=Seams(FixedClock(), TEST_HASHER))
    services.office.seed_shipped_profiles()
    member = services.staff.create_first_manager(
        "hellesdon", "Sam Manager", "sam", "a long password", "a long password"
    )
    services.office.set_active_office("hellesdon", member)
    services.demo.fill("hellesdon", 60, seed=2)
    services.database.dispose()
    assert not template.with_name(template.name + "-wal").exists()
    return template


@pytest.fixture
def prepared(prepared_template: Path, paths: AppPaths) -> Path:
    paths.default_database.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(prepared_template, paths.default_database)
    return paths.default_database


def _named_visits(paths: AppPaths) -> int:
    services = _services(paths)
    try:
        with transaction(services.database.session_factory, write=False) as session:
            query = select(func.count()).where(VisitRecord.purged_at.is_not(None))
            return int(session.scalar(query) or 0)
    finally:
        services.database.dispose()


def test_a_dry_run_prints_counts_per_kind_and_changes_nothing(
    prepared: Path, paths: AppPaths, cli: CLI, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["retention", "run", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Would remove personal details" in out
    assert "walk-in visits: " in out and "contacts removed: " in out
    assert "nothing was changed" in out
    assert _named_visits(paths) == 0

    assert cli(["retention", "run"]) == 0
    out = capsys.readouterr().out
    assert "Recorded in the event log" in out
    assert _named_visits(paths) > 0


def test_a_hold_on_a_record_that_is_not_there_is_one_sentence_and_exit_1(
    prepared: Path, cli: CLI, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["retention", "hold", "contact:99999"]) == 1
    assert "There is no contact 99999." in capsys.readouterr().err
    assert cli(["retention", "hold", "desk:1"]) == 1
    assert "cannot be held" in capsys.readouterr().err
    assert cli(["retention", "hold", "contact:1"]) == 0
    assert cli(["retention", "hold", "contact:1", "--off"]) == 0


def test_the_daily_run_at_start_up_runs_off_the_gui_thread_once_a_day(
    prepared: Path, paths: AppPaths
) -> None:
    services = _services(paths)
    try:
        start_daily_retention(services).join(timeout=60)
        start_daily_retention(services).join(timeout=60)
        with transaction(services.database.session_factory, write=False) as session:
            runs = session.scalar(select(func.count()).where(EventRecord.action == "retention_run"))
        assert runs == 1
    finally:
        services.database.dispose()
    assert _named_visits(paths) > 0


def test_person_export_and_erase_from_the_command_line(
    prepared: Path, paths: AppPaths, cli: CLI, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "person.zip"
    assert cli(["person", "export", "1", "--out", str(out)]) == 0
    assert out.is_file() and "records and 0 letter files" in capsys.readouterr().out
    assert cli(["person", "export", "99999", "--out", str(tmp_path / "x.zip")]) == 1
    assert "There is no contact 99999" in capsys.readouterr().err
    assert cli(["person", "export", "1", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "must end with .zip" in capsys.readouterr().err
    services = _services(paths)
    try:
        people = services.person_data()
        free = next(c for c in range(1, 60) if not people.erasure_plan(COMMAND_LINE, c).blockers)
        busy = next(c for c in range(1, 60) if people.erasure_plan(COMMAND_LINE, c).blockers)
    finally:
        services.database.dispose()
    assert cli(["person", "erase", str(free)]) == 1  # no terminal to confirm on
    assert "Add --yes" in capsys.readouterr().err
    assert cli(["person", "erase", str(busy), "--yes"]) == 1
    assert "Nothing was erased: " in capsys.readouterr().err
    assert cli(["person", "erase", str(free), "--yes"]) == 0
    assert "This removes" in capsys.readouterr().out
    assert cli(["person", "export", str(free), "--out", str(out)]) == 1


def test_with_staff_the_run_is_logged_as_that_manager_and_a_receptionist_is_refused(
    prepared: Path, paths: AppPaths, seams: Seams, capsys: pytest.CaptureFixture[str]
) -> None:
    from dataclasses import replace

    from reception_app.cli import main
    from reception_app.domain.people import Role, StaffMember

    services = _services(paths)
    manager = services.staff.find_active("hellesdon", "sam")
    services.staff.save_staff(
        manager,
        "hellesdon",
        StaffMember(0, "rita", "Rita Desk", Role.RECEPTIONIST, "Front desk"),
        password="a long password",
    )
    services.database.dispose()
    typed = replace(seams, ask_password=lambda _prompt: "a long password")

    assert main(["retention", "run", "--dry-run", "--staff", "rita"], typed) == 1
    assert "Only a manager" in capsys.readouterr().err
    assert main(["retention", "run", "--staff", "sam"], typed) == 0
    services = _services(paths)
    try:
        with transaction(services.database.session_factory, write=False) as session:
            run = session.scalars(
                select(EventRecord).where(EventRecord.action == "retention_run")
            ).one()
            assert run.staff_id == manager.id
    finally:
        services.database.dispose()
