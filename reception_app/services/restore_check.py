"""What restore makes sure of before it replaces anything (issue 12): nobody else has the
database open, and the candidate is wholly sound: SQLite's integrity check, a version stamp
this version knows, the whole schema (once brought up to date, on a copy) exactly what the
migrations build, and the app's own ``check``. A refused restore changes nothing."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from reception_app.domain.errors import ReceptionError
from reception_app.persistence import backup, presence
from reception_app.persistence.engine import make_engine, sqlite_url


def refuse_while_open(database: Path) -> None:
    running = presence.others(database)
    if running:
        raise ReceptionError(
            f"The database is open in {', '.join(running)}, so nothing was restored; close "
            "those screens (the desk app, kiosk or display on this computer), then try again."
        )


def check_candidate(source: Path) -> None:
    """ReceptionError (one sentence, ending "not restored") unless ``source`` may replace the
    database; ``source`` itself is only read."""
    problems = backup.check_sqlite_file(source)
    if problems:
        raise ReceptionError(
            f"{source} is damaged or is not a database ({problems[0]}); not restored."
        )
    revision = backup.read_stamp(source).revision
    if revision is None:
        raise ReceptionError(
            f"{source} is not a Reception backup (it has no version stamp); not restored."
        )
    from reception_app.persistence import migrations  # Alembic is slow to import

    if revision not in migrations.known_revisions():
        raise ReceptionError(
            f"{source} comes from a newer version of Reception; install that version to restore it."
        )
    with tempfile.TemporaryDirectory(prefix="reception-restore-") as folder:
        copy = backup.copy_database(source, Path(folder) / "candidate.sqlite3")
        differences = _schema_differences(copy, source)
        if differences:
            raise ReceptionError(
                f"{source} does not have the tables and columns a Reception database of schema "
                f"{revision} has ({differences[0]}); not restored."
            )
        from reception_app.services.maintenance_service import check_database

        report = check_database(sqlite_url(copy))
        if not report.healthy:
            raise ReceptionError(
                f"{source} failed the app's own check ({report.problems[0]}); not restored."
            )


def _schema_differences(copy: Path, source: Path) -> list[str]:
    """Bring the copy up to date, then compare every table with what the models describe."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from reception_app.persistence import migrations
    from reception_app.persistence.all_records import metadata

    engine = make_engine(sqlite_url(copy))
    try:
        migrations.upgrade(engine)
        with engine.connect() as connection:
            found = compare_metadata(MigrationContext.configure(connection), metadata)
    except (SQLAlchemyError, sqlite3.Error, ReceptionError) as exc:
        detail = str(getattr(exc, "orig", exc)).splitlines()[0]
        return [f"it could not be brought up to date: {detail}"]
    finally:
        engine.dispose()
    return [_difference(d) for d in found]


def _difference(item: object) -> str:
    first = item[0] if isinstance(item, list) and item else item
    if isinstance(first, tuple) and len(first) >= 2:
        what, thing = str(first[0]), first[-1] if first[0].startswith("add") else first[1]
        name = getattr(thing, "name", None) or str(thing)
        return f"{what.replace('_', ' ')}: {name}"
    return str(first)
