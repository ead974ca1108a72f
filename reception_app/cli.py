"""The command line: `reception-app [--db URL] [COMMAND]`; with no command the desk app opens."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reception_app import __version__
from reception_app.commands import retention, server
from reception_app.commands.offices import chosen_office
from reception_app.database_choice import resolve_database_url
from reception_app.domain.errors import ReceptionError
from reception_app.file_modes import owner_only_by_default
from reception_app.output_paths import check_output_path
from reception_app.paths import AppPaths
from reception_app.seams import Seams

if TYPE_CHECKING:
    from sqlalchemy.engine import URL


log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
COMMAND_LINE_NAME = "the command line"
"""How the event log names what a command did without ``--staff`` (domain COMMAND_LINE)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reception-app",
        description="Reception: the front-of-house desk app for council offices. "
        "With no command, opens the desk app.",
    )
    parser.add_argument("--version", action="version", version=f"Reception {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database to use, e.g. sqlite:///C:/data/reception.sqlite3 or "
        "postgresql+psycopg://user@server/reception (default: RECEPTION_DB_URL, then a file "
        "in your user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("run", help="open the desk app (the default)")
    commands.add_parser("kiosk", help="open the self-service kiosk (full screen, no sign-in)")
    commands.add_parser("display", help="open the 'now serving' screen (no sign-in)")
    demo = commands.add_parser("demo-data", help="fill the database with sample history")
    demo.add_argument("--days", type=int, default=20, help="working days of history (default 20)")
    demo.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
    demo.add_argument("--office", help="office profile key (default: the running office)")
    demo.add_argument(
        "--force", action="store_true", help="add sample data to an office that has data"
    )
    backup = commands.add_parser("backup", help="back up the database now")
    backup.add_argument(
        "--to", type=Path, metavar="FILE", help="backup file (default: backups folder)"
    )
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")
    restore = commands.add_parser("restore", help="replace the database with a backup")
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    commands.add_parser("check", help="check the database and say what was found")
    _add_letter_parser(commands)
    _add_report_parser(commands)
    server.add_parser(commands)
    retention.add_parser(commands)
    retention.add_person_parser(commands)
    return parser


def _add_letter_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    letter = commands.add_parser(
        "letter",
        help="write one letter to a PDF (and a braille file beside it) and record it as sent",
        description="Write one letter from a template. --record names the record the letter is "
        "written from and recorded against: contact:ID, appointment:ID, correspondence:ID or "
        "message:ID. Without --format the customer's preferred format is used.",
    )
    letter.add_argument("template", metavar="TEMPLATE", help="template name, e.g. acknowledgement")
    letter.add_argument("--record", required=True, metavar="KIND:ID", help="e.g. contact:3")
    letter.add_argument(
        "--format",
        choices=("standard", "large", "large_print", "braille"),
        help="clear print (standard), large print or braille (default: the customer's choice)",
    )
    letter.add_argument("--size", type=int, help="point size: 12-14, or 16, 18, 20, 24 for large")
    letter.add_argument("--out", required=True, type=Path, metavar="FILE", help="the PDF to write")
    letter.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a value the record does not hold, e.g. --set response_date='Monday 7 December 2026'",
    )
    letter.add_argument(
        "--staff",
        metavar="USERNAME",
        help="who sends it (their password is asked on the terminal; default: the command line, "
        "with the record's named contact on the letter)",
    )


def _add_report_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from datetime import date

    def iso_date(text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2027-03-15"
            ) from None

    report = commands.add_parser(
        "report", help="managers' report for a day or a range, as PDF or CSV (for a scheduled task)"
    )
    kinds = report.add_subparsers(dest="report_kind", metavar="daily|range", required=True)
    daily = kinds.add_parser("daily", help="one day's figures")
    daily.add_argument(
        "--date", type=iso_date, metavar="YYYY-MM-DD", help="the day (default: today)"
    )
    span = kinds.add_parser("range", help="the figures for a range of days")
    span.add_argument("--from", dest="start", type=iso_date, required=True, metavar="YYYY-MM-DD")
    span.add_argument("--to", dest="end", type=iso_date, required=True, metavar="YYYY-MM-DD")
    for sub in (daily, span):
        sub.add_argument(
            "--out",
            type=Path,
            required=True,
            metavar="FILE",
            help="FILE.pdf, or FILE.csv (the visits go beside it in FILE-visits.csv)",
        )
        sub.add_argument("--large-print", action="store_true", help="PDF in 18 pt large print")
        sub.add_argument("--office", help="office profile key (default: the running office)")
        sub.add_argument(
            "--staff",
            metavar="USERNAME",
            help="run as this manager (their password is asked on the terminal); "
            "default: the command line",
        )


def written_paths(out: Path, url: URL, paths: AppPaths, *beside: Path) -> None:
    """Refuse ``out`` (and the files written beside it) before any work: one sentence each."""
    from reception_app.persistence.engine import sqlite_path

    for path in (out, *beside):
        check_output_path(path, paths, sqlite_path(url))


def cmd_demo_data(args: argparse.Namespace, url: URL, paths: AppPaths, seams: Seams) -> int:

    from reception_app.app import start_services

    services = start_services(url, paths, seams)
    try:
        office = chosen_office(services, args.office)
        if not services.demo.is_empty(office) and not args.force:
            raise ReceptionError(
                f"The office '{office}' already has staff or contacts, so no sample data was "
                "added. Sample data is for trying Reception out; add --force to mix it in anyway."
            )
        summary = services.demo.fill(office, args.days, args.seed)
        print(
            f"Added {summary.days} working days of sample data to {office}: "
            f"{summary.staff} staff, {summary.contacts} contacts, {summary.visits} visits, "
            f"{summary.events} log entries."
        )
        from reception_app.services.demo_data import DEMO_PASSWORD

        print(f"Sample staff sign in with the password '{DEMO_PASSWORD}'.")
    finally:
        services.database.dispose()
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, url: URL, paths: AppPaths, seams: Seams) -> int:
    from reception_app.persistence.engine import sqlite_path
    from reception_app.services.maintenance_service import backup_now

    if args.to is not None:
        check_output_path(args.to, paths, sqlite_path(url), "to")
    target = backup_now(
        url, args.to, paths.backups_of(sqlite_path(url)), seams.clock(), overwrite=args.force
    )
    print(f"Backed up to {target}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, url: URL, paths: AppPaths, seams: Seams) -> int:
    from reception_app.persistence.engine import sqlite_path
    from reception_app.services.maintenance_service import restore_from

    target = sqlite_path(url)
    if target is not None:  # say so before asking anything
        from reception_app.services.restore_check import refuse_while_open

        refuse_while_open(target)
    if not args.yes:
        if not sys.stdin or not sys.stdin.isatty():
            print(
                "Restoring replaces the whole database. Run again with --yes to confirm.",
                file=sys.stderr,
            )
            return EXIT_USAGE
        answer = input(
            f"Replace the database {target} with {args.file}?\n"
            "Everything saved since that backup will be replaced (a copy of the current database "
            "is kept in the backups folder). Type 'yes' to continue: "
        )
        if answer.strip().lower() != "yes":
            print("Nothing was changed.")
            return EXIT_ERROR
    safety = restore_from(url, args.file, paths.backups_of(sqlite_path(url)), seams.clock())
    print(f"Restored {target} from {args.file}.")
    if safety:
        print(f"The database as it was before is kept in {safety}.")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, url: URL, paths: AppPaths, seams: Seams) -> int:
    from reception_app.services.maintenance_service import check_database

    report = check_database(url)
    for line in report.ok:
        print(f"OK: {line}")
    for line in report.problems:
        print(f"PROBLEM: {line}")
    print("All checks passed." if report.healthy else "Some checks failed: see above.")
    return EXIT_OK if report.healthy else EXIT_ERROR


def cmd_report(args: argparse.Namespace, url: URL, paths: AppPaths, seams: Seams) -> int:
    from reception_app.app import start_services
    from reception_app.commands.acting import command_actor
    from reception_app.documents.report_csv import check_output, visits_path
    from reception_app.services.report_service import ReportService

    check_output(args.out, (".pdf", ".csv"))  # before any work: a bad path fails at once
    written_paths(args.out, url, paths, visits_path(args.out))
    services = start_services(url, paths, seams)
    database = services.database
    try:
        office = chosen_office(services, args.office)
        actor = command_actor(services, args.staff, seams)
        reports = ReportService(services.context, office, actor)
        if args.report_kind == "daily":
            day = args.date or reports.today()
            report = reports.daily(day)
        else:
            report = reports.report(args.start, args.end)
        written = reports.export(report, args.out, large_print=args.large_print)
    finally:
        database.dispose()
    for path in written:
        print(f"Wrote {path}")
    if report.no_office_hours:
        print(report.closed_reason())
    return EXIT_OK


def cmd_letter(args: argparse.Namespace, url: URL, paths: AppPaths, seams: Seams) -> int:
    from reception_app.app import start_services
    from reception_app.commands.acting import command_actor
    from reception_app.domain.errors import ValidationError
    from reception_app.domain.letters import LetterFormat
    from reception_app.services.letter_service import LetterRequest, LetterSource

    extra = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ValidationError(f"--set '{item}' should look like NAME=VALUE.", "set")
        extra[name.strip()] = value
    fmt = (
        None
        if args.format is None
        else LetterFormat("large_print" if args.format == "large" else args.format)
    )
    request = LetterRequest(args.template, LetterSource.parse(args.record), fmt, args.size, extra)
    written_paths(args.out, url, paths, args.out.with_suffix(".brf"))
    services = start_services(url, paths, seams)
    try:
        office_key = services.office.active_office_key() or ""
        actor = None
        if args.staff:
            services.staff.find_active(office_key, args.staff)  # of this office, and active
            actor = command_actor(services, args.staff, seams)
        letter, written = services.letters().save_pdf(request, args.out, actor)
    finally:
        services.database.dispose()
    for path in written:
        print(f"Wrote {path}")
    print(
        f"Recorded '{letter.draft.template.title}' ({letter.draft.spec.label}) against {request.source}."
    )
    if letter.braille_note:
        print(letter.braille_note)
    if letter.unprintable_note:
        print(letter.unprintable_note)
    return EXIT_OK


def main(argv: Sequence[str] | None = None, seams: Seams | None = None) -> int:
    """Run one command; ``seams`` (the clock, the password hasher) is for tests."""
    seams = seams or Seams()
    owner_only_by_default()  # the database, backups, logs, letters and reports: issue 12
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = AppPaths.from_environment()
    command = args.command or "run"
    if command in ("run", "kiosk", "display"):
        from reception_app.app import run_gui

        # The database address is checked with the rest of the start-up, off the UI thread.
        return run_gui(command, args.db, paths, seams)
    from reception_app.logging_setup import configure_logging
    from reception_app.persistence.events import ACTING_AS

    configure_logging(paths.log_file)
    ACTING_AS.set(COMMAND_LINE_NAME)
    handlers = {
        "demo-data": cmd_demo_data,
        "backup": cmd_backup,
        "restore": cmd_restore,
        "check": cmd_check,
        "letter": cmd_letter,
        "report": cmd_report,
        "server": server.cmd_server,
        "retention": retention.cmd_retention,
        "person": retention.cmd_person,
    }
    try:
        url = resolve_database_url(args.db, paths)
        return handlers[command](args, url, paths, seams)
    except ReceptionError as exc:
        print(f"reception-app: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("Stopped; nothing was changed by the step that was running.", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
