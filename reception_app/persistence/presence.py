"""Who has a SQLite database open (issue 12, restore): each process that opens it holds an
exclusive ``flock`` on its own small file in ``<database>-open/``, naming the screen it is.

``restore`` reads that folder: a file whose lock cannot be taken belongs to a running process
(the desk app, the kiosk, the display...), so the restore is refused and those screens are
named; a file whose lock can be taken was left by a process that has ended, and is removed.
The lock goes with the process however it ends (even killed), so nothing stale can block.
On Windows the same is done with ``msvcrt.locking`` on the file's first byte (written for
Windows and type-checked, but not run there: the suite runs on Linux).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

_screen = ["a reception-app command"]


def _lock(handle: IO[str]) -> None:
    """Take this file's lock without waiting; OSError when another process holds it."""
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(handle: IO[str]) -> None:
    if sys.platform == "win32":  # (POSIX: closing the file lets the lock go)
        import msvcrt

        handle.seek(0)
        with contextlib.suppress(OSError):
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


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
        _unlock(self.handle)
        self.handle.close()
        with contextlib.suppress(OSError):
            self.path.unlink()


def announce(database: Path) -> Presence | None:
    """Record that this process has ``database`` open until ``release()`` (or it ends)."""
    folder = folder_of(database)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        path = folder / f"{os.getpid()}-{id(database):x}.lock"
        handle = open(path, "w", encoding="utf-8")  # noqa: SIM115 - held while open
        _lock(handle)
        handle.write(json.dumps({"screen": _screen[0], "pid": os.getpid()}))
        handle.flush()
    except OSError:
        return None  # a read-only folder: the database itself says what it can
    return Presence(path, handle)


def others(database: Path) -> list[str]:
    """'the kiosk (process 4242)' for every other running process with ``database`` open."""
    folder = folder_of(database)
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.lock")):
        try:
            handle = open(path, encoding="utf-8")  # noqa: SIM115
        except OSError:
            continue
        with handle:
            try:
                _lock(handle)
            except OSError:
                found.append(_describe(handle))
                continue
            _unlock(handle)
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
