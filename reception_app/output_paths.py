"""Where a command may write (issue 12): every ``--out`` and ``--to`` goes through
``check_output_path`` before any work is done.

A path is accepted when it is an existing regular file or a new name in an existing folder,
and is none of Reception's own files: the database and its -wal, -shm and -journal files and
lock files, anything in the backups, logs or settings folders. Anything else (a folder, a
device such as /dev/null, a pipe, a link that leads nowhere) is refused with one sentence.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from reception_app.domain.errors import ValidationError
from reception_app.paths import AppPaths, backup_folder_for

DATABASE_COMPANIONS = ("-wal", "-shm", "-journal", "-turnstile", "-writer")
"""Files SQLite and Reception keep beside a database file."""


def own_files(paths: AppPaths, database: Path | None) -> tuple[list[Path], list[Path]]:
    """(files, folders) that belong to Reception on this computer."""
    files: list[Path] = []
    folders = [paths.log_dir, paths.config_dir, paths.backup_dir]
    for db in {paths.default_database, *([database] if database is not None else [])}:
        files.append(db)
        files += [db.with_name(db.name + end) for end in DATABASE_COMPANIONS]
        folders += [backup_folder_for(db), db.with_name(db.name + "-open")]
    files += [paths.log_file, paths.machine_settings_file, paths.private_settings_file]
    return files, folders


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return path.absolute()


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def _inside(path: Path, folders: Iterable[Path]) -> bool:
    return any(path == f or f in path.parents for f in folders)


def check_output_path(
    path: Path, paths: AppPaths, database: Path | None = None, field: str = "out"
) -> Path:
    """``path`` if a command may write it; ValidationError (one plain sentence) otherwise."""
    files, folders = own_files(paths, database)
    real = _real(path)
    real_files = {_real(f) for f in files}
    real_folders = [_real(f) for f in folders]
    same = path.exists() and any(f.exists() and os.path.samefile(path, f) for f in files)
    if real in real_files or same or _inside(real, real_folders):
        raise ValidationError(
            f"{path} is one of Reception's own files (its database, logs, backups or settings); "
            "choose another file name.",
            field,
        )
    if os.path.lexists(path) and not path.exists():
        raise ValidationError(
            f"{path} is a link to a file that does not exist; give a real file name.", field
        )
    if path.exists():
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise ValidationError(
                f"{path} is {_kind(mode)}, not a file Reception can write to; give a file name.",
                field,
            )
    elif path.parent.exists() and not path.parent.is_dir():
        raise ValidationError(
            f"{path.parent} is a file, not a folder; choose an existing folder.", field
        )
    elif not path.parent.is_dir():
        raise ValidationError(
            f"The folder {path.parent} does not exist; choose an existing folder.", field
        )
    return path
