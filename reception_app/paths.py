"""Where this computer keeps Reception's files: data, backups, logs, per-machine settings.

``RECEPTION_HOME`` moves every folder under one directory (tests and portable installs use it);
otherwise the platform's usual user folders come from platformdirs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Reception"
APP_AUTHOR = "Reception"


def backup_folder_for(database: Path) -> Path:
    """``backups/<name>/`` beside the database file: each database rotates only its own backups."""
    return database.parent / "backups" / database.stem


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    log_dir: Path
    config_dir: Path

    @property
    def default_database(self) -> Path:
        return self.data_dir / "reception.sqlite3"

    @property
    def backup_dir(self) -> Path:
        """Backups of the default database."""
        return backup_folder_for(self.default_database)

    def backups_of(self, database: Path | None) -> Path:
        """Where backups of ``database`` go (the default database's folder when None)."""
        return backup_folder_for(database) if database is not None else self.backup_dir

    @property
    def log_file(self) -> Path:
        return self.log_dir / "reception.log"

    @property
    def machine_settings_file(self) -> Path:
        return self.config_dir / "machine.json"

    @property
    def private_settings_file(self) -> Path:
        """Secrets (the database password), owner-only: private_settings.py."""
        return self.config_dir / "private.json"

    @classmethod
    def from_environment(cls) -> AppPaths:
        home = os.environ.get("RECEPTION_HOME")
        if home:
            root = Path(home)
            return cls(root / "data", root / "logs", root / "config")
        return cls(
            Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
            Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
            Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        )
