"""Files that hold personal data or secrets are readable by their owner only.

On Linux and macOS every file Reception writes with these helpers is created 0600 and every
folder 0700 (umask cannot widen them); Windows keeps its per-user profile folder permissions.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def private_dir(path: Path) -> Path:
    """``path`` (and missing parents) created owner-only; an existing folder is tightened."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    if os.name == "posix":
        with contextlib.suppress(PermissionError):  # a shared folder IT set up stays as it is
            os.chmod(path, PRIVATE_DIR)
    return path


def owner_only_by_default() -> None:
    """Every file and folder this process creates from now on is owner-only (umask 077), so
    SQLite's database, WAL and shm files, backups, logs, letters and reports need no care."""
    if os.name == "posix":
        os.umask(0o077)


def write_file_private(path: Path, data: bytes) -> None:
    """Create or replace ``path`` readable by its owner only, in a folder that must exist and
    is left as it is (a folder the person chose, such as Documents)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, PRIVATE_FILE)
    try:
        if os.name == "posix":
            os.fchmod(fd, PRIVATE_FILE)
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    finally:
        if fd != -1:
            os.close(fd)


def write_private(path: Path, data: bytes | str) -> None:
    """Write ``path`` atomically (a temp file renamed over it), readable by its owner only."""
    private_dir(path.parent)
    partial = path.with_name(path.name + ".partial")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    fd = os.open(partial, flags, PRIVATE_FILE)
    try:
        if os.name == "posix":
            os.fchmod(fd, PRIVATE_FILE)
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
    finally:
        if fd != -1:
            os.close(fd)
    os.replace(partial, path)


def make_private(path: Path) -> None:
    """Tighten a file something else created (SQLite's database, WAL and shm files)."""
    if os.name == "posix" and path.exists():
        with contextlib.suppress(PermissionError):
            os.chmod(path, PRIVATE_FILE)
