"""`reception-app server init`: an empty PostgreSQL database becomes an office's shared database."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import URL

from reception_app.persistence.database import open_database
from reception_app.seams import Seams
from reception_app.services.container import AppServices
from tests.conftest import CLI, FIXED_NOW, TEST_HASHER, FixedClock
from tests.databases import unique_name
from tests.postgres_server import PostgresServer

PASSWORD = "a long password"


@pytest.fixture
def empty(postgres: PostgresServer) -> Iterator[str]:
    name = unique_name()
    url = postgres.create_database(name)
    yield url.render_as_string(hide_password=False)
    postgres.drop_database(name)


def _init(cli: CLI, url: str, monkeypatch: pytest.MonkeyPatch, *extra: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    return cli(
        [
            "server",
            "init",
            "--db",
            url,
            "--office",
            "north-norfolk",
            "--manager-name",
            "Sam Patel",
            "--manager-user",
            "spatel",
            *extra,
        ]
    )


def test_an_empty_database_gets_the_schema_the_offices_and_a_first_manager(
    cli: CLI, empty: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _init(cli, empty, monkeypatch) == 0
    out = capsys.readouterr().out
    assert "North Norfolk" in out and "spatel" in out and PASSWORD not in out
    from sqlalchemy.engine import make_url

    database = open_database(make_url(empty), backup_dir=None, now=FIXED_NOW)
    services = AppServices.create(database, seams=Seams(FixedClock(), TEST_HASHER))
    try:
        assert services.office.active_office_key() == "north-norfolk"
        member = services.staff.sign_in("spatel", PASSWORD)
        assert member.is_manager and member.full_name == "Sam Patel"
    finally:
        database.dispose()


def test_a_database_that_has_tables_is_refused_and_left_alone(
    cli: CLI, empty: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _init(cli, empty, monkeypatch) == 0
    capsys.readouterr()
    assert _init(cli, empty, monkeypatch) == 1
    err = capsys.readouterr().err
    assert "already a Reception database" in err and "nothing was changed" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:////tmp/x.sqlite3", "sets up a shared PostgreSQL database"),
        ("postgres//nope", "is not valid"),
        ("mysql://u@h/db", "does not support"),
    ],
)
def test_a_wrong_address_is_one_plain_sentence(
    cli: CLI,
    url: str,
    expected: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _init(cli, url, monkeypatch) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err and err.count("\n") == 1


def test_a_server_that_refuses_is_one_plain_sentence(
    cli: CLI,
    postgres: PostgresServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    missing: URL = postgres.url("no_such_database")
    assert _init(cli, missing.render_as_string(hide_password=False), monkeypatch) == 1
    err = capsys.readouterr().err
    assert "has no database called 'no_such_database'" in err and "Traceback" not in err
