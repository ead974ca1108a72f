"""Pointing this computer at the office's database server: check an address, then keep it.

The manager types the server's name, the database, a user and a password in Settings > This
computer; ``check_server`` says in one sentence whether Reception can use it (and what is
wrong if not) without changing anything; ``use_server`` keeps the address in machine.json and
the password, owner-only, in private.json (private_settings.py).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, make_url

from reception_app.domain.errors import ValidationError
from reception_app.machine_settings import MachineSettings
from reception_app.paths import AppPaths
from reception_app.persistence.connection_errors import check_server_version, explain
from reception_app.persistence.engine import DatabaseError, make_engine
from reception_app.private_settings import DATABASE_PASSWORD, PrivateSettings


@dataclass(frozen=True)
class ServerAddress:
    host: str
    database: str
    user: str
    password: str = ""
    port: int | None = None

    def url(self) -> URL:
        """The SQLAlchemy URL; ValidationError names the field that is missing or wrong."""
        host = self.host.strip()
        if not host:
            raise ValidationError("Type the server's name or address, e.g. reception-db.", "host")
        socket_folder = host.startswith("/")  # a server on this computer, by its Unix socket
        if any(c.isspace() for c in host) or ("/" in host and not socket_folder):
            raise ValidationError("A server name has no spaces or slashes.", "host")
        database = self.database.strip()
        if not database:
            raise ValidationError("Type the name of the database on the server.", "database")
        user = self.user.strip()
        if not user:
            raise ValidationError("Type the user name the server knows this office by.", "user")
        if self.port is not None and not 1 <= self.port <= 65535:
            raise ValidationError("A port is a number from 1 to 65535 (usually 5432).", "port")
        return URL.create(
            "postgresql+psycopg",
            username=user,
            password=self.password or None,
            host=None if socket_folder else host,
            port=self.port,
            database=database,
            query={"host": host} if socket_folder else {},
        )


@dataclass(frozen=True)
class ServerCheck:
    usable: bool
    message: str
    offices: tuple[str, ...] = ()


def check_server(address: ServerAddress) -> ServerCheck:
    """Connect, read the version and what the database holds; never writes anything."""
    url = address.url()
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            check_server_version(connection)
            version = connection.execute(text("SHOW server_version")).scalar_one()
            tables = set(inspect(connection).get_table_names())
            offices: tuple[str, ...] = ()
            if "offices" in tables:
                offices = tuple(
                    connection.execute(text("SELECT name FROM offices ORDER BY name")).scalars()
                )
    except DatabaseError as exc:
        return ServerCheck(False, str(exc))
    except Exception as exc:  # noqa: BLE001 - any driver error becomes one plain sentence
        return ServerCheck(False, explain(exc, url))
    finally:
        engine.dispose()
    where = f"PostgreSQL {str(version).split()[0]} on {address.host.strip()}"
    if "alembic_version" not in tables:
        if tables:
            return ServerCheck(
                False,
                f"Connected to {where}, but '{address.database}' holds tables that are not "
                "Reception's. Choose another database.",
            )
        return ServerCheck(
            False,
            f"Connected to {where}, and '{address.database}' is empty. Set it up first with "
            "'reception-app server init' (docs/several-desks.md).",
        )
    names = ", ".join(offices) or "no office yet"
    return ServerCheck(True, f"Connected to {where}: a Reception database for {names}.", offices)


def current_address(machine: MachineSettings) -> ServerAddress | None:
    """The server this computer is set to use (without its password), or None for its file."""
    if not machine.database_url:
        return None
    url = make_url(machine.database_url)
    if url.get_backend_name() != "postgresql":
        return None
    host = url.host or str(url.query.get("host", ""))
    return ServerAddress(host, url.database or "", url.username or "", "", url.port)


def use_server(paths: AppPaths, machine: MachineSettings, address: ServerAddress | None) -> None:
    """Keep the address for the next start (None: this computer's own database file)."""
    private = PrivateSettings(paths.private_settings_file)
    if address is None:
        machine.database_url = ""
        private.put(DATABASE_PASSWORD, "")
    else:
        bare = dataclasses.replace(address, password="").url()
        machine.database_url = bare.render_as_string(hide_password=False)
        private.put(DATABASE_PASSWORD, address.password)
    machine.save(paths.machine_settings_file)
