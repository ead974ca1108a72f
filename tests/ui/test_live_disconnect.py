"""When the office database goes away (issue 11): the banner, actions refused with its words
rather than a dialog, nothing typed in an open dialog lost, the kiosk sends visitors to the
desk, the display keeps its last calls with a small notice, and everything comes back by itself.

PostgreSQL runs on a server of this module's own (tests/ui/live_fixtures.py), stopped and
started again here; SQLite's file is moved away and back."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from reception_app.domain.people import StaffMember
from reception_app.machine_settings import MachineSettings
from reception_app.paths import AppPaths
from reception_app.persistence.database import open_database
from reception_app.seams import Seams
from reception_app.services.container import AppServices
from reception_app.services.queue import CheckInRequest
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.check_in_dialog import CheckInDialog
from reception_app.ui.display_window import DisplayWindow
from reception_app.ui.kiosk_window import KioskWindow
from reception_app.ui.live_desk import BANNER_TEXT, go_live
from reception_app.ui.main_window import MainWindow
from reception_app.ui.pages.today_page import TodayPage
from tests.conftest import FIXED_NOW, MANAGER_PASSWORD
from tests.postgres_server import PostgresServer
from tests.ui.live_fixtures import own_postgres, wait_connected  # noqa: F401 - a fixture

SHOTS = os.environ.get("RECEPTION_SHOTS")
"""A folder to save the screens in while disconnected (to look at them), e.g. /tmp."""


@pytest.fixture
def office(own_postgres: PostgresServer, seams: Seams) -> Iterator[AppServices]:  # noqa: F811
    name = f"office{os.getpid()}"
    database = open_database(own_postgres.create_database(name), backup_dir=None, now=FIXED_NOW)
    services = AppServices.create(database, seams=seams)
    services.office.seed_shipped_profiles()
    yield services
    database.dispose()
    own_postgres.drop_database(name)


def _manager(services: AppServices) -> StaffMember:
    member = services.staff.create_first_manager(
        "hellesdon", "Margaret Clerk", "mclerk", MANAGER_PASSWORD, MANAGER_PASSWORD
    )
    services.office.set_active_office("hellesdon", member)
    return member


def _desk(qtbot, services: AppServices, paths: AppPaths, member: StaffMember) -> MainWindow:  # type: ignore[no-untyped-def]
    state = DeskState(services, paths, MachineSettings(desk_key="R1"))
    state.actor = member
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    wait_connected(qtbot, go_live(window))
    return window


def _shoot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        widget.resize(1366, 768)
        QApplication.processEvents()
        widget.grab().save(str(Path(SHOTS) / f"live-{name}.png"))


def test_the_server_stops_and_comes_back(
    qtbot,
    office: AppServices,
    own_postgres: PostgresServer,  # noqa: F811
    paths: AppPaths,
) -> None:  # type: ignore[no-untyped-def]
    member = _manager(office)
    office.queue().check_in(None, CheckInRequest("general", "Ann Lee"))
    office.queue().check_in(None, CheckInRequest("general", "Bob Ray"))
    office.queue().call(member, "R1", "G001")
    window = _desk(qtbot, office, paths, member)
    hub = window.state.hub
    assert hub is not None
    page = window.current_page()
    assert isinstance(page, TodayPage)
    kiosk, display = KioskWindow(office), DisplayWindow(office)
    for screen in (kiosk, display):
        qtbot.addWidget(screen)
        screen.listen(hub)
        screen.show()
    assert display.now_serving.text() == "G001"
    dialog = CheckInDialog(window.state, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.display_name, "Cy Dee")
    dialog.note.setText("Needs a form")

    own_postgres.stop_server_only()
    try:
        qtbot.waitUntil(lambda: window.live.banner.isVisible(), timeout=8000)
        assert window.live.banner.text() == BANNER_TEXT
        assert BANNER_TEXT == "Lost the connection to the office database - trying again"
        # Actions are refused with the banner's words, in place.
        page.call_next()
        assert BANNER_TEXT in page.queue_status.text()
        dialog.check_in_button.click()
        assert dialog.isVisible() and dialog.visit is None
        assert BANNER_TEXT in dialog.errors.general.text()
        assert dialog.display_name.text() == "Cy Dee" and dialog.note.text() == "Needs a form"
        # The kiosk sends visitors to the desk; the display keeps its last state.
        assert kiosk.stack.currentWidget() is kiosk.ask_page
        assert display.now_serving.text() == "G001"
        assert display.notice.isVisible()
        dialog.hide()
        _shoot(window, "today-banner")
        _shoot(kiosk, "kiosk-disconnected")
        _shoot(display, "display-disconnected")
        dialog.show()
    finally:
        own_postgres.restart()

    qtbot.waitUntil(lambda: not window.live.banner.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: not display.notice.isVisible(), timeout=2000)
    assert kiosk.stack.currentWidget() is kiosk.start_page
    dialog.check_in_button.click()  # the same dialog, as typed, now saves
    assert dialog.visit is not None and dialog.visit.ticket == "G003"
    qtbot.waitUntil(lambda: page.queue_model.rowCount() == 2, timeout=2000)
    dialog.close()
    hub.stop()


def test_a_sqlite_file_that_cannot_be_reached_shows_the_banner_until_it_is_back(
    qtbot,
    services: AppServices,
    manager: StaffMember,
    paths: AppPaths,
) -> None:  # type: ignore[no-untyped-def]
    window = _desk(qtbot, services, paths, manager)
    file = services.database.file
    assert file is not None
    away = file.with_name("away.sqlite3")
    file.rename(away)
    try:
        qtbot.waitUntil(lambda: window.live.banner.isVisible(), timeout=5000)
    finally:
        away.rename(file)
    qtbot.waitUntil(lambda: not window.live.banner.isVisible(), timeout=5000)
    assert window.state.hub is not None
    window.state.hub.stop()


def test_a_refused_action_outside_a_page_is_said_in_the_status_bar_not_a_dialog(
    qtbot, state: DeskState
) -> None:  # type: ignore[no-untyped-def]
    from reception_app.services.connection import DatabaseUnavailable
    from reception_app.ui.error_hook import ErrorReporter

    window = MainWindow(state)
    qtbot.addWidget(window)
    window.show()
    reporter = ErrorReporter(None)
    exc = DatabaseUnavailable(f"{BANNER_TEXT}. Nothing was saved; please try again in a moment.")
    reporter.handle(DatabaseUnavailable, exc, None)
    qtbot.waitUntil(lambda: BANNER_TEXT in window.statusBar().currentMessage(), timeout=1000)
    assert QApplication.activeModalWidget() is None
    assert not [
        w for w in QApplication.topLevelWidgets() if w.isVisible() and w.inherits("QMessageBox")
    ]
