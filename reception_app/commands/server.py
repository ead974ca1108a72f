"""`reception-app server init`: set up an empty PostgreSQL database for an office's desks."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING

from reception_app.domain.errors import ReceptionError
from reception_app.paths import AppPaths
from reception_app.seams import Seams

if TYPE_CHECKING:
    from sqlalchemy.engine import URL


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    server = commands.add_parser(
        "server", help="set up a shared PostgreSQL database for several desks"
    )
    actions = server.add_subparsers(dest="server_action", metavar="init", required=True)
    init = actions.add_parser(
        "init",
        help="create the schema, the first office and its first manager on an empty database",
        description="Set up an empty PostgreSQL database for an office: the schema, every "
        "shipped office profile, the office this server is for, and its first manager. "
        "The manager's password is asked twice on the terminal (or read from the first line "
        "of standard input when it is not a terminal). Refused on a database that has tables.",
    )
    init.add_argument(
        "--db",
        dest="server_db",
        metavar="URL",
        help="postgresql+psycopg://user:password@server/database (default: --db before the "
        "command, then RECEPTION_DB_URL)",
    )
    init.add_argument("--office", required=True, help="office profile key, e.g. north-norfolk")
    init.add_argument("--manager-name", required=True, metavar="NAME", help="e.g. 'Sam Patel'")
    init.add_argument("--manager-user", required=True, metavar="USERNAME", help="e.g. spatel")


def _password() -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass("Password for the first manager: ")
        again = getpass.getpass("The same password again: ")
        if first != again:
            raise ReceptionError("The two passwords are not the same; nothing was changed.")
        return first
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def _refuse_unless_empty(url: URL) -> None:
    from sqlalchemy import inspect

    from reception_app.persistence.connection_errors import check_server_version, explain
    from reception_app.persistence.engine import DatabaseUnavailable, make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            check_server_version(connection)
            tables = inspect(connection).get_table_names()
    except ReceptionError:
        raise
    except Exception as exc:  # noqa: BLE001 - any driver error: one plain sentence
        raise DatabaseUnavailable(explain(exc, url)) from None
    finally:
        engine.dispose()
    if tables:
        what = (
            "is already a Reception database"
            if "alembic_version" in tables
            else f"already holds {len(tables)} tables of something else"
        )
        raise ReceptionError(
            f"The database '{url.database}' {what}, and 'server init' only sets up an empty "
            "one, so nothing was changed. To point a desk at it, use Settings > This computer "
            "or --db."
        )


def cmd_server(args: argparse.Namespace, url: URL, paths: AppPaths, seams: Seams) -> int:
    from reception_app.persistence.engine import parse_database_url

    if args.server_db:
        url = parse_database_url(args.server_db)
    if url.get_backend_name() != "postgresql":
        raise ReceptionError(
            "'server init' sets up a shared PostgreSQL database; give its address with --db "
            "(postgresql+psycopg://user:password@server/database). A single computer needs "
            "no set-up: Reception creates its own database file."
        )
    _refuse_unless_empty(url)
    password = _password()
    return _initialise(args, url, password, seams)


def _initialise(args: argparse.Namespace, url: URL, password: str, seams: Seams) -> int:
    from reception_app.persistence.database import open_database
    from reception_app.services.container import AppServices
    from reception_app.services.staff_service import check_password, check_username

    check_username(args.manager_user)
    check_password(password)
    database = open_database(url, backup_dir=None, now=seams.clock())
    try:
        services = AppServices.create(database, seams=seams)
        services.office.seed_shipped_profiles()
        keys = services.office.office_keys()
        if args.office not in keys:
            raise ReceptionError(
                f"There is no office '{args.office}'; choose {' or '.join(keys)}. The schema "
                "and office profiles are in place: run the command again with one of those."
            )
        services.staff.create_first_manager(
            args.office, args.manager_name, args.manager_user, password, password
        )
        name = services.office.office_names()[args.office]
    finally:
        database.dispose()
    where = url.render_as_string(hide_password=True)
    print(f"Set up {where} for {name}; its first manager is '{args.manager_user}'.")
    print(
        "Point each desk, the kiosk and the display at it in Settings > This computer, or "
        f"start them with --db '{where}' (docs/several-desks.md)."
    )
    return 0
