"""When the office's database server goes away: a plain refusal, then work again once it is back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import make_url

from reception_app.persistence.connection_errors import explain
from reception_app.persistence.database import open_database
from reception_app.persistence.engine import LOST_CONNECTION, DatabaseUnavailable
from reception_app.services.container import AppServices
from tests.conftest import FIXED_NOW, TEST_HASHER, FixedClock
from tests.postgres_server import PostgresServer, find_pg_bin
from tests.system_tools import require_program


@pytest.fixture
def own_server() -> Iterator[PostgresServer]:
    """A server of this test's own: stopping it must not disturb the session's server."""
    if find_pg_bin() is None:
        require_program("pg_ctl")
    server = PostgresServer.start()
    yield server
    server.stop()


def test_an_action_while_the_server_is_down_is_refused_plainly_and_works_once_it_is_back(
    own_server: PostgresServer,
) -> None:
    from reception_app.seams import Seams

    database = open_database(own_server.create_database("desk"), backup_dir=None, now=FIXED_NOW)
    services = AppServices.create(database, seams=Seams(FixedClock(), TEST_HASHER))
    services.office.seed_shipped_profiles()
    own_server.stop_server_only()
    with pytest.raises(DatabaseUnavailable, match=LOST_CONNECTION):
        services.office.seed_shipped_profiles()  # a write
    with pytest.raises(DatabaseUnavailable, match=LOST_CONNECTION):
        services.office.office_keys()  # a read
    own_server.restart()
    assert services.office.office_keys() == ["hellesdon", "north-norfolk"]
    database.dispose()


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ('password authentication failed for user "desk"', "refused the password for user 'desk'"),
        ('database "reception" does not exist', "has no database called 'reception'"),
        ('role "desk" does not exist', "has no user called 'desk'"),
        ("Connection refused\n\tIs the server running on that host", "No database server answered"),
        ('could not translate host name "srv" to address', "'srv' could not be found"),
        ("timeout expired", "did not answer within 5 seconds"),
    ],
)
def test_connection_errors_are_one_plain_sentence(message: str, expected: str) -> None:
    url = make_url("postgresql+psycopg://desk@srv:5432/reception")
    text = explain(RuntimeError(message), url)
    assert expected in text and "\n" not in text and text.endswith(".")


def test_a_server_that_is_not_running_is_explained_at_start_up(own_server: PostgresServer) -> None:
    url = own_server.url("nothing")
    own_server.stop_server_only()
    with pytest.raises(DatabaseUnavailable, match="No database server answered"):
        open_database(url, backup_dir=None, now=FIXED_NOW)


class _OldServer:
    """PostgreSQL 12 answering SHOW server_version_num (no such server is installed here)."""

    class dialect:  # noqa: N801 - the attribute SQLAlchemy's Connection has
        name = "postgresql"

    def __init__(self) -> None:
        self.statements: list[str] = []

    def execute(self, statement: object) -> _OldServer:
        self.statements.append(str(statement))
        return self

    def scalar_one(self) -> str:
        return "120017"


def test_a_server_older_than_postgresql_13_is_refused_before_anything_is_written() -> None:
    from reception_app.persistence.connection_errors import check_server_version
    from reception_app.persistence.engine import DatabaseError

    old = _OldServer()
    with pytest.raises(DatabaseError, match="PostgreSQL 12, which is too old.*13 or newer"):
        check_server_version(old)  # type: ignore[arg-type]
    assert old.statements == ["SHOW server_version_num"]
