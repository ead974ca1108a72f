"""Who has a SQLite database open (issue 12, restore): each process that opens it holds an
exclusive ``flock`` on its own small file in ``<database>-open/``, naming the screen it is.

``restore`` reads that folder: a file whose lock cannot be taken belongs to a running process
(the desk app, the kiosk, the display...), so the restore is refused and those screens are
named; a file whose lock can be taken was left by a process that has ended, and is removed.
The lock goes with the process however it ends (even killed), so nothing stale can block.
POSIX only (Linux, macOS); on Windows nothing is recorded and restore cannot tell.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

_screen = ["a reception-app command"]


def set_screen(name: str) -> None:
    """What this process is, in words for "close ...": e.g. "the kiosk"."""
    _screen[0] = name


def folder_of(database: Path) -> Path:
    return database.with_name(database.name + "-open")


@dataclass
class Presence:
    path: Path
    handle: IO[str]

    def release(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink()
        self.handle.close()


def announce(database: Path) -> Presence | None:
    """Record that this process has ``database`` open until ``release()`` (or it ends)."""
    if fcntl is None:
        return None
    folder = folder_of(database)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        path = folder / f"{os.getpid()}-{id(database):x}.lock"
        handle = open(path, "w", encoding="utf-8")  # noqa: SIM115 - held while open
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        handle.write(json.dumps({"screen": _screen[0], "pid": os.getpid()}))
        handle.flush()
    except OSError:
        return None  # a read-only folder: the database itself says what it can
    return Presence(path, handle)


def others(database: Path) -> list[str]:
    """'the kiosk (process 4242)' for every other running process with ``database`` open."""
    folder = folder_of(database)
    if fcntl is None or not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.lock")):
        try:
            handle = open(path, encoding="utf-8")  # noqa: SIM115
        except OSError:
            continue
        with handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                found.append(_describe(handle))
                continue
            with contextlib.suppress(OSError):  # left by a process that has ended
                path.unlink()
    return found


def _describe(handle: IO[str]) -> str:
    try:
        data = json.loads(handle.read() or "{}")
    except ValueError:
        data = {}
    screen = str(data.get("screen") or "another Reception program")
    pid = data.get("pid")
    return f"{screen} (process {pid})" if pid else screen
