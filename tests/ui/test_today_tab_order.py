"""From the sidebar, one Tab reaches the Today queue (issue 13 point 11: it took ten)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.main_window import MainWindow
from reception_app.ui.pages.today_page import TodayPage


def test_one_tab_from_the_sidebar_reaches_the_queue_then_the_buttons(
    qtbot, state: DeskState, services: AppServices, manager: StaffMember
) -> None:  # type: ignore[no-untyped-def]
    state.machine.desk_key = "R1"
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = window.current_page()
    assert isinstance(page, TodayPage)
    window.sidebar.setFocus()
    order = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order[0] is page.queue_table
    assert order[1:] == [page.desk_choice, page.check_in_button, page.call_next_button]
