"""Settings > This computer: checking a server address, and keeping it without the password."""

from __future__ import annotations

import json
import os
import stat

import pytest

from reception_app.database_choice import resolve_database_url
from reception_app.domain.errors import ValidationError
from reception_app.machine_settings import MachineSettings
from reception_app.paths import AppPaths
from reception_app.persistence.database import open_database
from reception_app.services.server_connection import ServerAddress, check_server, use_server
from tests.conftest import FIXED_NOW
from tests.databases import unique_name
from tests.postgres_server import PostgresServer


def _address(server: PostgresServer, database: str, **kw: object) -> ServerAddress:
    values: dict[str, object] = {
        "host": str(server.socket_dir),
        "database": database,
        "user": server.user,
    }
    values.update(kw)
    return ServerAddress(**values)  # type: ignore[arg-type]


def test_an_empty_database_is_reported_as_needing_server_init(postgres: PostgresServer) -> None:
    name = unique_name()
    postgres.create_database(name)
    result = check_server(_address(postgres, name))
    assert not result.usable and "is empty" in result.message and "server init" in result.message
    open_database(postgres.url(name), backup_dir=None, now=FIXED_NOW).dispose()
    result = check_server(_address(postgres, name))
    assert result.usable and result.message.startswith("Connected to PostgreSQL 1")
    postgres.drop_database(name)


def test_what_is_wrong_is_said_in_plain_english(postgres: PostgresServer) -> None:
    result = check_server(_address(postgres, "no_such_db"))
    assert not result.usable and "has no database called 'no_such_db'" in result.message
    result = check_server(_address(postgres, "postgres", user="nobody"))
    assert not result.usable and "no user called 'nobody'" in result.message


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"host": " "}, "host", "server's name"),
        ({"host": "db server"}, "host", "no spaces"),
        ({"database": ""}, "database", "name of the database"),
        ({"user": ""}, "user", "user name"),
        ({"port": 70000}, "port", "1 to 65535"),
    ],
)
def test_a_missing_or_wrong_field_is_named(
    fields: dict[str, object], field: str, words: str
) -> None:
    values: dict[str, object] = {"host": "srv", "database": "reception", "user": "desk"}
    values.update(fields)
    with pytest.raises(ValidationError, match=words) as error:
        ServerAddress(**values).url()  # type: ignore[arg-type]
    assert error.value.field == field


def test_the_address_is_kept_without_its_password_and_the_password_owner_only(
    paths: AppPaths,
) -> None:
    machine = MachineSettings()
    address = ServerAddress("reception-db", "reception", "desk", "s3cret pass", 5433)
    use_server(paths, machine, address)
    saved = paths.machine_settings_file.read_text(encoding="utf-8")
    assert "s3cret" not in saved
    assert (
        json.loads(saved)["database_url"] == "postgresql+psycopg://desk@reception-db:5433/reception"
    )
    if os.name == "posix":
        for path in (paths.machine_settings_file, paths.private_settings_file):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert stat.S_IMODE(paths.config_dir.stat().st_mode) == 0o700
    url = resolve_database_url(None, paths)
    assert url.password == "s3cret pass" and url.host == "reception-db"
    use_server(paths, machine, None)
    assert resolve_database_url(None, paths).get_backend_name() == "sqlite"
    assert "s3cret" not in paths.private_settings_file.read_text(encoding="utf-8")
