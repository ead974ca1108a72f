"""The desk window on a prepared database, driven line by line from stdin (run by
tests/ui/test_screen_reader.py under Xvfb with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1).

Commands: ``page N`` shows page N; ``dialog NAME`` opens one of the desk's dialogs beside it;
``quit``. Each answers ``ready`` once the screen has settled (its background reads done), so
the walker reads it whole.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSocketNotifier, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from reception_app.machine_settings import MachineSettings
from reception_app.paths import AppPaths
from reception_app.persistence.database import open_database
from reception_app.persistence.engine import sqlite_url
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.main_window import MainWindow

APP_NAME = "reception-screen-reader-test"


def _dialogs(window: MainWindow) -> dict[str, object]:
    pages = {type(p).__name__: p for p in window.pages}
    return {
        "check_in": lambda: pages["TodayPage"].check_in_dialog(),  # type: ignore[attr-defined]
        "message": lambda: pages["MessagesPage"].message_dialog(),  # type: ignore[attr-defined]
        "correspondence": lambda: pages["CorrespondencePage"].log_dialog(),  # type: ignore[attr-defined]
        "contact": lambda: pages["ContactsPage"].contact_dialog(None),  # type: ignore[attr-defined]
    }


def main() -> None:
    database, username = sys.argv[1], sys.argv[2]
    app = QApplication([APP_NAME])
    app.setApplicationName(APP_NAME)
    from tests.conftest import FIXED_NOW, FixedClock  # the suite's fixed Tuesday morning

    db = open_database(sqlite_url(database), backup_dir=None, now=FIXED_NOW)
    services = AppServices.create(db, FixedClock())
    state = DeskState(services, AppPaths.from_environment(), MachineSettings(desk_key="R1"))
    state.actor = next(
        m
        for m in services.staff.list_staff("hellesdon", include_inactive=False)
        if m.username == username
    )
    window = MainWindow(state)
    window.resize(1366, 768)
    window.show()
    opened: list[QDialog] = []

    settle = QTimer(interval=25)
    idle: list[int] = []

    def check_settled() -> None:
        """Ready once the pages' background reads are done and 100 ms have passed since (the
        walker then reads the widgets as they are, over D-Bus, through this event loop)."""
        if QThreadPool.globalInstance().activeThreadCount() == 0:
            idle.append(1)
        else:
            idle.clear()
        if len(idle) >= 4:
            settle.stop()
            print("ready", flush=True)

    settle.timeout.connect(check_settled)

    def settle_then_ready() -> None:
        idle.clear()
        settle.start()

    def command() -> None:
        line = sys.stdin.readline().split()
        if not line or line[0] == "quit":
            app.quit()
            return
        for dialog in opened:
            dialog.reject()
        opened.clear()
        if line[0] == "page":
            window.show_page(int(line[1]))
        elif line[0] == "dialog":
            dialog = _dialogs(window)[line[1]]()  # type: ignore[operator]
            assert isinstance(dialog, QDialog)
            dialog.show()
            opened.append(dialog)
        settle_then_ready()

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    settle_then_ready()
    app.exec()


if __name__ == "__main__":
    main()
