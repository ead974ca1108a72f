"""`reception-app report daily|range`: files for a scheduled task, clear messages for bad input."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from pypdf import PdfReader

from reception_app.paths import AppPaths
from reception_app.persistence.database import open_database
from reception_app.persistence.engine import sqlite_url
from reception_app.seams import Seams
from reception_app.services.container import AppServices
from tests.conftest import CLI, FIXED_NOW, TEST_HASHER, FixedClock
from tests.databases import copy_sqlite_template
from tests.services.test_report_service import add_visits

DAY = date(2026, 3, 16)  # a Monday, well before the real today


def _at(day: date, hh: int, mm: int) -> datetime:
    return datetime.combine(day, time(hh, mm), UTC)


@pytest.fixture
def prepared(paths: AppPaths) -> Path:
    copy_sqlite_template("seeded", paths.default_database)  # migrated and seeded once
    database = open_database(sqlite_url(paths.default_database), backup_dir=None, now=FIXED_NOW)
    services = AppServices.create(database, seams=Seams(FixedClock(), TEST_HASHER))
    services.office.seed_shipped_profiles()
    member = services.staff.create_first_manager(
        "hellesdon", "Sam Manager", "sam", "a long password", "a long password"
    )
    services.office.set_active_office("hellesdon", member)
    add_visits(
        services,
        dict(
            day=DAY,
            status="served",
            checked_in_at=_at(DAY, 10, 0),
            called_at=_at(DAY, 10, 6),
            finished_at=_at(DAY, 10, 20),
        ),
        dict(day=DAY, status="left", checked_in_at=_at(DAY, 11, 0), finished_at=_at(DAY, 11, 30)),
    )
    database.dispose()
    return paths.default_database


def test_daily_pdf_and_csv(
    prepared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli: CLI
) -> None:
    out = tmp_path / "summary.pdf"
    assert cli(["report", "daily", "--date", "2026-03-16", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"Wrote {out}"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Monday 16 March 2026" in text and "2 walk-in visitors; 1 served, 1 left" in text
    csv_out = tmp_path / "summary.csv"
    assert cli(["report", "daily", "--date", "2026-03-16", "--out", str(csv_out)]) == 0
    rows = list(csv.reader(io.StringIO(csv_out.read_text(encoding="utf-8-sig"))))
    assert ["Walk-in visitors", "Mean wait", "", "18.0 min"] in [r[:4] for r in rows]
    visits = (tmp_path / "summary-visits.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(visits) == 3


def test_range_and_large_print(prepared: Path, tmp_path: Path, cli: CLI) -> None:
    out = tmp_path / "march.pdf"
    args = ["report", "range", "--from", "2026-03-16", "--to", "2026-03-31", "--out", str(out)]
    assert cli([*args, "--large-print"]) == 0
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Monday 16 March 2026 to Tuesday 31 March 2026" in text
    assert "Over the period" in text


def test_a_bst_change_sunday_says_no_office_hours(
    prepared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli: CLI
) -> None:
    out = tmp_path / "sunday.csv"
    assert cli(["report", "daily", "--date", "2026-03-29", "--out", str(out)]) == 0
    assert "No office hours on Sunday 29 March 2026: weekend." in capsys.readouterr().out
    assert ["Report", "No office hours", "2026-03-29", "weekend"] in [
        r[:4] for r in csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")))
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["range", "--from", "2026-03-20", "--to", "2026-03-16"], "is before the start date"),
        (["daily", "--date", "2099-01-01"], "is in the future"),
        (["daily", "--date", "2026-03-02"], "records begin on Monday 16 March 2026"),
    ],
)
def test_bad_dates_give_one_clear_line_and_no_file(
    prepared: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
    cli: CLI,
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "r.pdf"
    assert cli(["report", *args, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("reception-app: ") and message in err and "Traceback" not in err
    assert list(folder.iterdir()) == []


def test_bad_output_paths_and_dates(
    prepared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli: CLI
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    assert (
        cli(["report", "daily", "--date", "2026-03-16", "--out", str(folder / "no" / "r.pdf")]) == 1
    )
    assert "does not exist" in capsys.readouterr().err
    assert cli(["report", "daily", "--date", "2026-03-16", "--out", str(folder / "r.docx")]) == 1
    assert "must end with .pdf or .csv" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        cli(["report", "daily", "--date", "16/03/2026", "--out", str(folder / "r.pdf")])
    assert exc.value.code == 2
    assert "'16/03/2026' is not a date; write it as YYYY-MM-DD" in capsys.readouterr().err
    assert list(folder.iterdir()) == []


def test_wrong_office_folder_and_unwritable_place_say_what_is_wrong(
    prepared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli: CLI
) -> None:
    """Issue 13 point 16: each refusal names its real cause."""
    out = str(tmp_path / "r.csv")
    assert (
        cli(["report", "daily", "--date", "2026-03-16", "--office", "nowhere", "--out", out]) == 1
    )
    err = capsys.readouterr().err
    assert "There is no office 'nowhere': use --office hellesdon or north-norfolk." in err
    assert "No office has been chosen" not in err
    assert cli(["report", "daily", "--date", "2026-03-16", "--out", "."]) == 1
    err = capsys.readouterr().err
    assert ". is a folder; give a file name ending .pdf or .csv" in err and "''" not in err
    if Path("/proc/self").is_dir():
        assert cli(["report", "daily", "--date", "2026-03-16", "--out", "/proc/x.csv"]) == 1
        err = capsys.readouterr().err
        assert "Files cannot be saved in that place" in err and "disk space" not in err


def test_write_problems_follow_their_cause() -> None:
    import errno

    from reception_app.domain.errors import write_problem

    assert "Free some disk space" in write_problem(OSError(errno.ENOSPC, "No space left"))
    for code in (errno.EACCES, errno.ENOENT, errno.EROFS):
        assert "disk space" not in write_problem(OSError(code, "x"))
