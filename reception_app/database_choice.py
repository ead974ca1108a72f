"""Which database this run uses: --db, then RECEPTION_DB_URL, then this computer's settings."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from reception_app.machine_settings import MachineSettings
from reception_app.paths import AppPaths
from reception_app.private_settings import DATABASE_PASSWORD, PrivateSettings

if TYPE_CHECKING:
    from sqlalchemy.engine import URL


def resolve_database_url(arg: str | None, paths: AppPaths) -> URL:
    """--db, then RECEPTION_DB_URL, then this computer's settings, then the default file."""
    from reception_app.persistence.engine import parse_database_url, sqlite_url

    for text in (arg, os.environ.get("RECEPTION_DB_URL")):
        if text:
            return parse_database_url(text)
    machine = MachineSettings.load(paths.machine_settings_file)
    if machine.database_url:
        url = parse_database_url(machine.database_url)
        password = PrivateSettings(paths.private_settings_file).get(DATABASE_PASSWORD)
        return url.set(password=password) if password and not url.password else url
    return sqlite_url(paths.default_database)
