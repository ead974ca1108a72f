"""`reception-app retention run [--dry-run]`, `retention hold KIND:ID [--off]` and
`person export|erase CONTACT_ID` (issue 12).

Each acts as "the command line" in the audit log, or with ``--staff USER`` as that manager
once their password is typed on the terminal (commands/acting.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reception_app.commands.offices import chosen_office
from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.paths import AppPaths
from reception_app.seams import Seams

if TYPE_CHECKING:
    from sqlalchemy.engine import URL


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    retention = commands.add_parser(
        "retention", help="remove personal details past the council's retention schedule"
    )
    actions = retention.add_subparsers(dest="retention_action", metavar="run|hold", required=True)
    run = actions.add_parser(
        "run",
        help="remove the personal details of every record past its period (Settings > Retention)",
        description="Every record past its retention period loses its personal details; the "
        "anonymous facts the reports use stay. Records under an open clock, an open complaint "
        "or a legal hold are left alone. Incidents are included (the daily run leaves them to "
        "a manager).",
    )
    run.add_argument("--dry-run", action="store_true", help="only count, per kind, what would go")
    run.add_argument("--office", help="office profile key (default: the running office)")
    run.add_argument(
        "--staff", metavar="USER", help="act as this manager (their password is asked)"
    )
    hold = actions.add_parser("hold", help="put a record on legal hold (or take it off)")
    hold.add_argument("record", metavar="KIND:ID", help="e.g. contact:12, correspondence:40")
    hold.add_argument("--off", action="store_true", help="lift the hold")
    hold.add_argument("--office", help="office profile key (default: the running office)")
    hold.add_argument(
        "--staff", metavar="USER", help="act as this manager (their password is asked)"
    )


def cmd_retention(args: argparse.Namespace, url: URL, paths: AppPaths, seams: Seams) -> int:
    from reception_app.app import start_services
    from reception_app.commands.acting import command_actor
    from reception_app.services.retention import RetentionService

    services = start_services(url, paths, seams)
    try:
        retention = RetentionService(services.context, chosen_office(services, args.office))
        actor = command_actor(services, args.staff, seams)
        if args.retention_action == "hold":
            kind, _, number = args.record.partition(":")
            if not number.isdigit():
                raise ValidationError(f"'{args.record}' should look like KIND:ID, e.g. contact:12.")
            retention.set_legal_hold(actor, kind, int(number), not args.off)
            print(f"Legal hold {'lifted from' if args.off else 'set on'} {args.record}.")
            return 0
        result = retention.run(actor, dry_run=args.dry_run)
    finally:
        services.database.dispose()
    verb = "Would remove" if result.dry_run else "Removed"
    print(f"{verb} personal details, per kind of record:")
    for key, count in result.counts.items():
        print(f"  {key}: {count}")
    if result.dry_run:
        print("Dry run: nothing was changed.")
    else:
        print(
            f"Done in {result.seconds:.1f} s (longest hold on the database "
            f"{result.longest_write_seconds * 1000:.0f} ms); {result.files_deleted} letter "
            "files deleted. Recorded in the event log."
        )
    return 0


def add_person_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    person = commands.add_parser(
        "person", help="one person's data: export everything held (subject access) or erase"
    )
    actions = person.add_subparsers(dest="person_action", metavar="export|erase", required=True)
    export = actions.add_parser(
        "export",
        help="write everything held about a contact to a zip (PDF, JSON, CSV, letter files)",
    )
    export.add_argument("contact", type=int, metavar="CONTACT_ID")
    export.add_argument("--out", type=Path, required=True, metavar="FILE.zip")
    export.add_argument("--office", help="office profile key (default: the running office)")
    export.add_argument(
        "--staff", metavar="USER", help="act as this manager (their password is asked)"
    )
    erase = actions.add_parser(
        "erase", help="remove a contact and the personal details on their records"
    )
    erase.add_argument("contact", type=int, metavar="CONTACT_ID")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    erase.add_argument("--office", help="office profile key (default: the running office)")
    erase.add_argument(
        "--staff", metavar="USER", help="act as this manager (their password is asked)"
    )


def cmd_person(args: argparse.Namespace, url: URL, paths: AppPaths, seams: Seams) -> int:
    from reception_app.app import start_services
    from reception_app.commands.acting import command_actor
    from reception_app.services.retention.person import PersonDataService

    if args.person_action == "export":
        from reception_app.documents.report_csv import check_output

        check_output(args.out, (".zip",))  # before any work: a bad path fails at once
    services = start_services(url, paths, seams)
    try:
        people = PersonDataService(services.context, chosen_office(services, args.office))
        actor = command_actor(services, args.staff, seams)
        if args.person_action == "export":
            data = people.export(actor, args.contact, args.out)
            total = sum(len(s.rows) for s in data.sets)
            print(f"Wrote {args.out}: {total} records and {len(data.files)} letter files.")
            return 0
        plan = people.erasure_plan(actor, args.contact)
        if plan.blockers:
            raise ReceptionError(
                "Nothing was erased: " + "; ".join(plan.blockers) + ". Deal with that first."
            )
        print(plan.describe())
        if not args.yes and not _confirmed():
            print("Nothing was erased.")
            return 1
        people.erase(actor, args.contact)
    finally:
        services.database.dispose()
    print(f"Contact {args.contact} erased; the erasure is recorded in the event log.")
    return 0


def _confirmed() -> bool:
    if sys.stdin is None or not sys.stdin.isatty():
        raise ReceptionError("Add --yes to erase without a terminal to confirm on.")
    return input("Type ERASE to go ahead: ").strip() == "ERASE"
