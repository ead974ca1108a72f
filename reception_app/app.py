"""Start-up in one fixed order: paths -> settings -> backup -> migrate -> engine -> services -> window.

The only module that sees every layer. ``run_gui`` opens the desk app, the kiosk or the display.
The desk window appears first, locked, while the database is checked, backed up and migrated on
a worker thread (a backup of years of data takes seconds); then comes the sign-in.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from reception_app import __version__
from reception_app.domain.errors import ReceptionError
from reception_app.gc_tuning import freeze_start_up_objects
from reception_app.logging_setup import configure_logging
from reception_app.machine_settings import MachineSettings
from reception_app.paths import AppPaths
from reception_app.seams import Seams

if TYPE_CHECKING:  # the data layer is imported on the worker thread, after the window shows
    from PySide6.QtWidgets import QApplication
    from sqlalchemy.engine import URL

    from reception_app.domain.people import StaffMember
    from reception_app.services.container import AppServices
    from reception_app.ui.desk_state import DeskState
    from reception_app.ui.main_window import MainWindow
    from reception_app.ui.theme import Theme

log = logging.getLogger(__name__)


def start_services(url: URL, paths: AppPaths, seams: Seams | None = None) -> AppServices:
    """Open (backup + migrate) the database and seed the shipped office profiles.

    ``seams`` carries the clock and the password hasher (tests pass a fixed clock).
    """
    from reception_app.persistence.database import open_database
    from reception_app.persistence.engine import sqlite_path
    from reception_app.services.container import AppServices

    seams = seams or Seams()
    database = open_database(url, backup_dir=paths.backups_of(sqlite_path(url)), now=seams.clock())
    desk_office = MachineSettings.load(paths.machine_settings_file).office_key
    services = AppServices.create(database, seams=seams, desk_office=desk_office)
    services.office.seed_shipped_profiles()
    services.office.ensure_active_office()
    return services


def open_services(db_text: str | None, paths: AppPaths, seams: Seams | None = None) -> AppServices:
    """--db text (or RECEPTION_DB_URL, machine settings, the default file) -> open services."""
    from reception_app.database_choice import resolve_database_url

    return start_services(resolve_database_url(db_text, paths), paths, seams)


def unexpected_start_message(log_file: object) -> str:
    where = f" The details are in {log_file}." if log_file else ""
    return f"Reception could not start because of an error it did not expect.{where}"


SignIn = Callable[["DeskState", "MainWindow"], "StaffMember | None"]


def open_desk(
    paths: AppPaths,
    machine: MachineSettings,
    theme: Theme | None,
    db_text: str | None,
    fail: Callable[[BaseException], None],
    sign_in: SignIn | None = None,
    seams: Seams | None = None,
) -> MainWindow:
    """Show the desk window at once (locked), open the database off the UI thread, then sign in.

    ``sign_in`` defaults to the first-start/sign-in dialogs; it returns None to close the app.
    ``fail`` is called on the GUI thread if the database cannot be opened.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reception_app.ui.desk_state import DeskState
    from reception_app.ui.main_window import MainWindow
    from reception_app.ui.workers import start_job

    state = DeskState(None, paths, machine)
    window = MainWindow(state, theme)
    window.show()

    def ready(services: AppServices) -> None:
        from reception_app.ui.live_desk import go_live

        state.services = services
        go_live(window)
        if sign_in is None:
            from reception_app.ui.first_start import first_start

            member = first_start(state, window)
        else:
            member = sign_in(state, window)
        if member is None:
            window.close()
            QApplication.quit()
            return
        window.start(member)
        _start_notify_sender(services, window)
        window._retention_thread = start_daily_retention(services)  # type: ignore[attr-defined]
        freeze_start_up_objects()  # shorter full collections from now on: fewer GUI stalls

    def guarded_ready(services: AppServices) -> None:
        try:
            ready(services)
        except Exception as exc:  # noqa: BLE001 - shown by fail(), logged there
            fail(exc)

    def opened(services: AppServices) -> None:
        # Leave the worker's signal before the sign-in dialog starts its own event loop.
        QTimer.singleShot(0, lambda: guarded_ready(services))

    window._opening_job = start_job(  # type: ignore[attr-defined]
        lambda _progress: open_services(db_text, paths, seams), on_done=opened, on_error=fail
    )
    return window


def start_daily_retention(services: AppServices) -> threading.Thread:
    """Once a day, at start-up, retention runs on a thread of its own in short batches, so the
    desk keeps working (docs/personal-data.md). Failures are logged, never shown."""

    def work() -> None:
        try:
            result = services.retention().run_if_due()
        except Exception:  # noqa: BLE001 - a background job: logged, tried again tomorrow
            log.exception("the daily retention run failed")
            return
        if result is not None:
            log.info("daily retention run: %s", result.counts)

    thread = threading.Thread(target=work, name="retention", daemon=True)
    thread.start()
    return thread


def _start_notify_sender(services: AppServices, window: MainWindow) -> None:
    """Texts and e-mails go from a desk that has the Notify key (docs/notify.md): its sender
    runs on its own thread while the window is open, one desk per office at a time."""

    try:
        notifications = services.notifications()
        # Started even without a key: it idles until a manager sets Notify up in Settings, and
        # it follows the running office: a manager can change it in Settings while it runs.
        sender = notifications.sender(office_key=services.office.active_office_key)
    except ReceptionError as exc:
        log.info("texts and e-mails not sent from this desk: %s", exc)
        return
    sender.start()
    window.destroyed.connect(lambda *_: sender.stop(timeout=2))
    window._notify_sender = sender  # type: ignore[attr-defined]


SCREEN_NAMES = {
    "run": "the desk app",
    "kiosk": "the kiosk",
    "display": "the 'now serving' display",
}
"""How restore names a running screen it asks to close."""


def run_gui(command: str, db_text: str | None, paths: AppPaths, seams: Seams | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from reception_app.ui.error_hook import ErrorReporter

    log_file = configure_logging(paths.log_file)
    log.info("Reception %s starting (%s)", __version__, command)
    from reception_app.persistence.presence import set_screen

    set_screen(SCREEN_NAMES.get(command, "the desk app"))
    app, machine, theme = _application(paths)
    reporter = ErrorReporter(str(log_file) if log_file else None, app)
    reporter.install()
    failed: list[int] = []

    def message_for(exc: BaseException) -> str:
        if isinstance(exc, ReceptionError):
            return str(exc)
        log.error("start-up failed", exc_info=exc)
        return unexpected_start_message(log_file)

    def fail(exc: BaseException) -> None:
        message = message_for(exc)
        log.error("start-up stopped: %s", message)
        print(f"reception-app: {message}", file=sys.stderr)
        QMessageBox.critical(None, "Reception cannot start", message)
        failed.append(1)
        QApplication.quit()

    if command in ("kiosk", "display"):
        return _run_public_screen(command, db_text, paths, seams, fail)
    desk = open_desk(paths, machine, theme, db_text, fail, seams=seams)
    code = app.exec()
    if desk.state.hub is not None:
        desk.state.hub.stop()
    if desk.state.has_services:
        desk.state.services.database.dispose()
    return 1 if failed else code


def _application(paths: AppPaths) -> tuple[QApplication, MachineSettings, Theme]:
    """The one QApplication, named, with this computer's look applied."""
    from PySide6.QtWidgets import QApplication

    from reception_app.ui.theme import Theme

    # Qt's own event loop, not glib's: under glib, signals posted from other threads (the
    # change feed's, the workers' results) waited for as long as a short timer kept firing,
    # so a busy office's screens stopped updating (benchmarks/live.py; docs/several-desks.md).
    os.environ.setdefault("QT_NO_GLIB", "1")
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Reception")
    app.setOrganizationName("Reception")
    app.setApplicationVersion(__version__)
    machine = MachineSettings.load(paths.machine_settings_file)
    theme = Theme(app)
    theme.apply(high_contrast=machine.high_contrast, large_text=machine.large_text)
    return app, machine, theme


def _run_public_screen(
    command: str,
    db_text: str | None,
    paths: AppPaths,
    seams: Seams | None,
    fail: Callable[[BaseException], None],
) -> int:
    """The kiosk (full screen) or the "now serving" display, live until closed."""
    from PySide6.QtWidgets import QApplication

    from reception_app.ui.changes import ChangeHub
    from reception_app.ui.public_screen import PublicScreen

    try:
        services = open_services(db_text, paths, seams)
    except Exception as exc:  # noqa: BLE001 - explained, never a traceback
        fail(exc)
        return 1
    if command == "kiosk":
        from reception_app.ui.kiosk_window import KioskWindow

        window: PublicScreen = KioskWindow(services)
        window.showFullScreen()
    else:
        from reception_app.ui.display_window import DisplayWindow

        window = DisplayWindow(services)
        window.show()
    hub = ChangeHub(window)
    hub.start(services)
    window.listen(hub)
    code = QApplication.exec()
    hub.stop()
    return code
