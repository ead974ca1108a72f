"""Start-up in one fixed order: paths -> settings -> backup -> migrate -> engine -> services -> window.

The only module that sees every layer. ``run_gui`` opens the desk app, the kiosk or the display.
"""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime

from sqlalchemy.engine import URL

from reception_app import __version__
from reception_app.domain.errors import ReceptionError
from reception_app.logging_setup import configure_logging
from reception_app.machine_settings import MachineSettings
from reception_app.paths import AppPaths
from reception_app.persistence.database import open_database
from reception_app.persistence.engine import sqlite_path
from reception_app.services.container import AppServices

log = logging.getLogger(__name__)

DEFAULT_DEMO_DAYS = 60


def start_services(url: URL, paths: AppPaths) -> AppServices:
    """Open (backup + migrate) the database and seed the shipped office profiles."""
    database = open_database(
        url, backup_dir=paths.backups_of(sqlite_path(url)), now=datetime.now(UTC)
    )
    services = AppServices.create(database)
    services.office.seed_shipped_profiles()
    services.office.ensure_active_office()
    return services


def unexpected_start_message(log_file: object) -> str:
    where = f" The details are in {log_file}." if log_file else ""
    return f"Reception could not start because of an error it did not expect.{where}"


def run_gui(
    command: str, url: URL | None, paths: AppPaths, startup_error: str | None = None
) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from reception_app.ui.error_hook import ErrorReporter
    from reception_app.ui.theme import Theme

    log_file = configure_logging(paths.log_file)
    log.info("Reception %s starting (%s)", __version__, command)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Reception")
    app.setOrganizationName("Reception")
    app.setApplicationVersion(__version__)
    machine = MachineSettings.load(paths.machine_settings_file)
    theme = Theme(app)
    theme.apply(high_contrast=machine.high_contrast, large_text=machine.large_text)
    reporter = ErrorReporter(str(log_file) if log_file else None, app)
    reporter.install()

    def fail(message: str) -> int:
        log.error("start-up stopped: %s", message)
        print(f"reception-app: {message}", file=sys.stderr)
        QMessageBox.critical(None, "Reception cannot start", message)
        return 1

    if startup_error or url is None:
        return fail(startup_error or "No database was given.")
    try:
        services = start_services(url, paths)
    except ReceptionError as exc:
        return fail(str(exc))
    except Exception:  # noqa: BLE001 - anything else is logged and explained, never a traceback
        log.exception("start-up failed")
        return fail(unexpected_start_message(log_file))

    if command == "kiosk":
        from reception_app.ui.kiosk_window import KioskWindow

        window = KioskWindow(services)
        window.showFullScreen()
        return app.exec()
    if command == "display":
        from reception_app.ui.display_window import DisplayWindow

        display = DisplayWindow(services)
        display.show()
        return app.exec()

    from reception_app.ui.desk_state import DeskState
    from reception_app.ui.first_start import first_start
    from reception_app.ui.main_window import MainWindow

    state = DeskState(services, paths, machine)
    try:
        member = first_start(state)
    except ReceptionError as exc:
        services.database.dispose()
        return fail(str(exc))
    except Exception:  # noqa: BLE001
        log.exception("start-up failed")
        services.database.dispose()
        return fail(unexpected_start_message(log_file))
    if member is None:
        services.database.dispose()
        return 0
    state.actor = member
    window = MainWindow(state, theme)
    window.show()
    code = app.exec()
    services.database.dispose()
    return code
