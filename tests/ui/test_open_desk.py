"""The desk window appears at once, locked, while the database opens off the UI thread."""

from __future__ import annotations

import gc
import threading

from reception_app.app import open_desk, open_services
from reception_app.machine_settings import MachineSettings
from reception_app.paths import AppPaths
from tests.conftest import MANAGER_PASSWORD


def _with_manager(paths: AppPaths) -> None:
    services = open_services(None, paths)
    services.staff.create_first_manager(
        "hellesdon", "Ann Lee", "alee", MANAGER_PASSWORD, MANAGER_PASSWORD
    )
    services.database.dispose()


def test_window_shows_locked_then_opens_after_sign_in(qtbot, paths: AppPaths) -> None:  # type: ignore[no-untyped-def]
    _with_manager(paths)
    threads: list[threading.Thread] = []
    failures: list[BaseException] = []

    def sign_in(state, window):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return state.services.staff.sign_in("alee", MANAGER_PASSWORD)

    window = open_desk(paths, MachineSettings(), None, None, failures.append, sign_in)
    qtbot.addWidget(window)
    assert window.isVisible() and not window.centralWidget().isVisible()
    assert "Opening the database" in window.office_status.text()
    assert not window.menuBar().isEnabled()
    qtbot.waitUntil(lambda: window.centralWidget().isVisible(), timeout=20_000)
    assert failures == []
    assert threads == [threading.main_thread()]  # dialogs run on the GUI thread
    assert window.state.actor is not None and window.state.actor.username == "alee"
    assert (
        window.stack.currentIndex() == 0
        and "Hellesdon Parish Council" in window.office_status.text()
    )
    # Once started, what is alive is frozen out of the full collections (docs/benchmarks.md);
    # unfrozen again so the rest of this test process collects as usual.
    assert gc.get_freeze_count() > 0
    gc.unfreeze()
    sender = window._notify_sender  # type: ignore[attr-defined]
    assert sender is not None, "started even before Notify is set up: it idles"
    window.state.services.database.dispose()


def test_a_database_that_cannot_be_opened_is_reported_not_raised(
    qtbot,
    paths: AppPaths,  # type: ignore[no-untyped-def]
) -> None:
    failures: list[BaseException] = []
    window = open_desk(paths, MachineSettings(), None, "sqlite//not-a-url", failures.append)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(failures), timeout=20_000)
    assert "is not valid" in str(failures[0])
    assert not window.centralWidget().isVisible()
