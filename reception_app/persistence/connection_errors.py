"""What went wrong reaching a database server, in one plain sentence, and the server's version."""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.engine import URL

from reception_app.persistence.engine import DatabaseError, DatabaseUnavailable

__all__ = ["OLDEST_POSTGRESQL", "DatabaseUnavailable", "check_server_version", "explain"]

OLDEST_POSTGRESQL = 13
"""Reception needs PostgreSQL 13 or newer (DROP DATABASE ... WITH (FORCE), the advisory locks
and the JSON functions it uses are all there)."""


def _where(url: URL) -> str:
    host = url.host or url.query.get("host") or "this computer"
    port = f" (port {url.port})" if url.port else ""
    return f"{host}{port}"


def explain(exc: BaseException, url: URL) -> str:
    """One sentence a manager can act on, from a driver's connection error."""
    detail = str(getattr(exc, "orig", exc) or exc)
    lowered = detail.lower()
    user = url.username or "(no user name)"
    database = url.database or "(no database name)"
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return (
            f"The database server at {_where(url)} refused the password for user '{user}'. "
            "Check the user name and password."
        )
    if "role" in lowered and "does not exist" in lowered:
        return f"The database server at {_where(url)} has no user called '{user}'."
    if "database" in lowered and "does not exist" in lowered:
        return (
            f"The database server at {_where(url)} has no database called '{database}'. "
            "Check the name, or create it as docs/several-desks.md describes."
        )
    if "could not translate host name" in lowered or "name or service not known" in lowered:
        return f"The server name '{url.host}' could not be found. Check how it is spelt."
    if "timeout" in lowered or "timed out" in lowered:
        return (
            f"The database server at {_where(url)} did not answer within 5 seconds. Check the "
            "network and that the server is switched on."
        )
    if (
        "connection refused" in lowered
        or "no such file or directory" in lowered
        or "is the server running" in lowered
        or "server closed the connection" in lowered
        or "connection is bad" in lowered
        or "terminating connection" in lowered
    ):
        return (
            f"No database server answered at {_where(url)}. Check the server name and that "
            "PostgreSQL is running there."
        )
    if "pg_hba.conf" in lowered:
        return (
            f"The database server at {_where(url)} does not allow connections from this "
            "computer. Ask IT to allow it (pg_hba.conf)."
        )
    first_line = detail.strip().splitlines()[0] if detail.strip() else type(exc).__name__
    return f"Reception could not use the database at {_where(url)}: {first_line}."


def check_server_version(connection: Connection) -> None:
    """Refuse a PostgreSQL server older than OLDEST_POSTGRESQL before anything is written."""
    if connection.dialect.name != "postgresql":
        return
    number = int(connection.execute(text("SHOW server_version_num")).scalar_one())
    major = number // 10_000
    if major < OLDEST_POSTGRESQL:
        raise DatabaseError(
            f"The database server runs PostgreSQL {major}, which is too old: Reception needs "
            f"PostgreSQL {OLDEST_POSTGRESQL} or newer. Nothing has been changed."
        )
