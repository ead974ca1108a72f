"""`reception-app retention run [--dry-run]` and `retention hold KIND:ID [--off]` (issue 12).

The command line acts as "the command line" in the audit log: whoever can run it can already
open the database itself.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.paths import AppPaths
from reception_app.seams import Seams

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from reception_app.services.container import AppServices


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
    hold = actions.add_parser("hold", help="put a record on legal hold (or take it off)")
    hold.add_argument("record", metavar="KIND:ID", help="e.g. contact:12, correspondence:40")
    hold.add_argument("--off", action="store_true", help="lift the hold")
    hold.add_argument("--office", help="office profile key (default: the running office)")


def office_of(services: AppServices, wanted: str | None) -> str:
    keys = services.office.office_keys()
    office = wanted or services.office.active_office_key()
    if office is None or office not in keys:
        raise ReceptionError(
            f"Choose an office with --office ({' or '.join(keys)}); "
            + ("none has been chosen yet." if office is None else f"'{office}' is not one.")
        )
    return office


def cmd_retention(args: argparse.Namespace, url: URL, paths: AppPaths, seams: Seams) -> int:
    from reception_app.app import start_services
    from reception_app.domain.retention import COMMAND_LINE
    from reception_app.services.retention import RetentionService

    services = start_services(url, paths, seams)
    try:
        retention = RetentionService(services.context, office_of(services, args.office))
        if args.retention_action == "hold":
            kind, _, number = args.record.partition(":")
            if not number.isdigit():
                raise ValidationError(f"'{args.record}' should look like KIND:ID, e.g. contact:12.")
            retention.set_legal_hold(COMMAND_LINE, kind, int(number), not args.off)
            print(f"Legal hold {'lifted from' if args.off else 'set on'} {args.record}.")
            return 0
        result = retention.run(COMMAND_LINE, dry_run=args.dry_run)
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
