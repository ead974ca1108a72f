"""A throw-away PostgreSQL server for the tests and benchmarks: initdb + pg_ctl in a temp folder.

It listens on a Unix socket in its own folder only (no TCP port that could clash), trusts local
connections, runs with fsync off (nothing in it needs to survive a crash) and is stopped and
deleted by ``stop()``. PostgreSQL refuses to run as root, so as root (CI) it runs as the
``postgres`` system user that Debian's package creates.
"""

from __future__ import annotations

import contextlib
import getpass
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import URL


def find_pg_bin() -> Path | None:
    """The folder with initdb and pg_ctl: PATH, else Debian's /usr/lib/postgresql/N/bin."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    return Path(versions[-1]).parent if versions else None


@dataclass
class PostgresServer:
    """One running server; ``url(name)`` is a SQLAlchemy URL for database ``name`` on it."""

    bin_dir: Path
    folder: Path
    user: str
    _run_as: list[str] = field(default_factory=list)

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    @classmethod
    def start(cls, bin_dir: Path | None = None) -> PostgresServer:
        bin_dir = bin_dir or find_pg_bin()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL's initdb/pg_ctl are not installed")
        run_as: list[str] = []
        user = getpass.getuser()
        folder = Path(tempfile.mkdtemp(prefix="reception-pg-"))
        if os.geteuid() == 0:
            user = "postgres"
            entry = pwd.getpwnam(user)
            run_as = ["runuser", "-u", user, "--"]
            os.chown(folder, entry.pw_uid, entry.pw_gid)
        server = cls(bin_dir, folder, user, run_as)
        try:
            server._initdb()
            server.restart()
        except BaseException:
            server.stop()
            raise
        return server

    @classmethod
    def attach(cls, folder: Path, bin_dir: Path | None = None) -> PostgresServer:
        """A server another process started (``start``) and still runs: a test session in a
        subprocess (tests/test_any_date.py) uses its parent's rather than starting its own."""
        bin_dir = bin_dir or find_pg_bin()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL's initdb/pg_ctl are not installed")
        if os.geteuid() == 0:
            return cls(bin_dir, folder, "postgres", ["runuser", "-u", "postgres", "--"])
        return cls(bin_dir, folder, getpass.getuser())

    def _run(self, *args: str) -> None:
        subprocess.run(
            [*self._run_as, *args], check=True, capture_output=True, text=True, cwd=self.folder
        )

    def _initdb(self) -> None:
        data = self.data_dir
        self._run("mkdir", "-p", str(self.socket_dir))
        self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            self.user,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        settings = {
            "listen_addresses": "''",
            "unix_socket_directories": f"'{self.socket_dir}'",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "200",
            "shared_buffers": "32MB",
        }
        with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())

    def _pg_ctl(self, *args: str) -> None:
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), *args)

    def url(self, database: str = "postgres") -> URL:
        return URL.create(
            "postgresql+psycopg",
            username=self.user,
            database=database,
            query={"host": str(self.socket_dir)},
        )

    def admin(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE) as the superuser."""
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), user=self.user, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(sql.encode())

    def create_database(self, name: str, template: str | None = None) -> URL:
        clause = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
        self.admin(f'CREATE DATABASE "{name}"{clause}')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop_server_only(self) -> None:
        """Stop the server but keep its files (a test of a lost connection starts it again)."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self._pg_ctl("stop", "-m", "fast", "-w")

    def restart(self) -> None:
        """Start the server (again) on its data folder; returns once it accepts connections."""
        self._pg_ctl(
            "start",
            "-w",
            "-t",
            "60",
            "-l",
            str(self.folder / "server.log"),
        )

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            self.stop_server_only()
        for _ in range(50):
            try:
                shutil.rmtree(self.folder)
                return
            except OSError:
                time.sleep(0.1)
