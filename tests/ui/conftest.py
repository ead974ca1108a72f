"""UI fixtures: a DeskState on a real database with the manager signed in."""

from __future__ import annotations

import pytest

from reception_app.domain.people import StaffMember
from reception_app.machine_settings import MachineSettings
from reception_app.paths import AppPaths
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState


@pytest.fixture
def state(qapp, services: AppServices, paths: AppPaths, manager: StaffMember) -> DeskState:  # type: ignore[no-untyped-def]
    desk = DeskState(services, paths, MachineSettings())
    desk.actor = manager
    return desk


@pytest.fixture(autouse=True)
def drained_thread_pool(qapp):  # type: ignore[no-untyped-def]
    """No worker of one test outlives it: a job still reading the database when the next test
    starts (or its temp folder goes) would make that test fail by chance."""
    from PySide6.QtCore import QThreadPool

    yield
    pool = QThreadPool.globalInstance()
    assert pool.waitForDone(30_000), "a background job was still running 30 s after its test"
    qapp.processEvents()  # deliver what the finished jobs sent back while the widgets still exist
    _delete_windows_left_open(qapp)


def _delete_windows_left_open(qapp) -> None:  # type: ignore[no-untyped-def]
    """Delete every window (and top-level widget) the test left: left alive, they pile up over
    the suite (12,000 widgets by the end of tests/ui) and every later style sheet or font change
    repolishes them all (3-6 s a change late in the suite rather than 0.4 s)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
