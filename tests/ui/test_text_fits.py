"""Nothing cut off (issue 13 point 12): every page and dialog at 1366x768, in the standard and
the large-text setting, with long sample text (a 500-character name), and the kiosk and the
display too; a label or button whose text does not fit its geometry fails the test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.display_window import DisplayWindow
from reception_app.ui.kiosk_window import KioskWindow
from reception_app.ui.main_window import MainWindow
from reception_app.ui.theme import Theme
from reception_app.ui.widgets.fit_window import fitting_size
from tests.conftest import FixedClock
from tests.ui.fit_check import fit_problems
from tests.ui.sample_desk import LONG_NAME, fill_sample_desk
from tests.ui.screens import walk_desk, walk_window_dialogs

SCREEN = (1366, 768)


@pytest.fixture(params=["standard", "large text"])
def text_size(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:  # type: ignore[type-arg]
    """The application's look for one run: the shipped style sheet, larger text or not."""
    font, sheet = QApplication.font(), qapp.styleSheet()
    Theme(qapp).apply(high_contrast=False, large_text=request.param == "large text")
    yield str(request.param)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


@pytest.fixture
def window(
    qtbot,
    state: DeskState,
    services: AppServices,
    manager: StaffMember,
    clock: FixedClock,
    text_size: str,
) -> MainWindow:  # type: ignore[no-untyped-def]
    state.machine.desk_key = "R1"
    state.machine.large_text = text_size == "large text"
    fill_sample_desk(services, manager, clock, long_text=True)
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_every_page_and_dialog_fits_at_1366x768(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    problems: list[str] = []

    def check(name: str, widget: QWidget) -> None:
        QApplication.processEvents()
        problems.extend(fit_problems(name, widget))
        if widget.isWindow() and widget is not window:
            problems.extend(_beyond_the_screen(name, widget))

    walk = walk_desk(window, check)
    walk_window_dialogs(window, check, walk)
    assert {"CheckInDialog", "FirstRunDialog", "OutcomeDialog"} <= walk.dialogs
    assert list(dict.fromkeys(problems)) == [], "\n".join(dict.fromkeys(problems))


TITLE_BAR = 30
"""Pixels of a window's title bar and frame, above its contents."""


def _beyond_the_screen(name: str, dialog: QWidget) -> list[str]:
    """A dialog with its title bar within the screen (the tests' screen is 1366x768:
    tests/offscreen-1366x768.json)."""
    screen = QApplication.primaryScreen().availableGeometry()
    if dialog.width() > screen.width() or dialog.height() + TITLE_BAR > screen.height():
        return [f"{name}: {dialog.width()}x{dialog.height()} does not fit the screen"]
    return []


def test_the_window_opens_no_larger_than_the_screen() -> None:
    # Its first size fits a 1366x768 screen with the task bar (the status bar stays in view).
    available = QRect(0, 0, 1366, 728)
    width, height = fitting_size(available, frame=(0, 30))
    assert width <= 1366 and height + 30 <= 728
    assert fitting_size(QRect(0, 0, 1920, 1040), frame=(0, 30)) == (1200, 780)


@pytest.mark.parametrize("kind", ["kiosk", "display"])
def test_the_public_screens_fit_at_1366x768(
    qtbot, services: AppServices, manager: StaffMember, text_size: str, kind: str
) -> None:  # type: ignore[no-untyped-def]
    screen: KioskWindow | DisplayWindow = (
        KioskWindow(services) if kind == "kiosk" else DisplayWindow(services)
    )
    qtbot.addWidget(screen)
    screen.resize(*SCREEN)
    screen.show()
    qtbot.waitExposed(screen)
    problems: list[str] = []
    assert (screen.width(), screen.height()) == SCREEN, "the window grew past the screen"
    if isinstance(screen, KioskWindow):
        pages = [
            screen.start_page,
            screen.service_page,
            screen.name_page,
            screen.closed_page,
            screen.ask_page,
        ]
        screen.take_ticket_button.click()
        for page in pages:
            screen.stack.setCurrentWidget(page)
            QApplication.processEvents()
            problems += fit_problems(f"kiosk {page.objectName() or pages.index(page)}", screen)
            assert (screen.width(), screen.height()) == SCREEN
        screen.service_buttons["general"].click()
        screen.skip_button.click()  # a ticket, the wait and the times to come back
        assert screen.stack.currentWidget() is screen.ticket_page
        QApplication.processEvents()
        problems += fit_problems("kiosk ticket", screen)
        assert (screen.width(), screen.height()) == SCREEN
    else:
        problems += fit_problems("display", screen)
    assert problems == [], "\n".join(problems)


TWO_LINES = (
    "The follow-up target date must be a working day on or after today; Saturday 28 November "
    "2026 is a weekend, so choose Monday 30 November 2026 or later, and name the officer."
)


def test_the_check_in_result_and_book_instead_times_fit(
    qtbot, state: DeskState, text_size: str
) -> None:  # type: ignore[no-untyped-def]
    from reception_app.ui.dialogs.check_in_dialog import CheckInDialog

    dialog = CheckInDialog(state)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.display_name.setText(LONG_NAME)
    dialog.note.setText(LONG_NAME)
    dialog.service.setCurrentIndex(dialog.service.findData("general"))
    dialog.check_in_button.click()
    QApplication.processEvents()
    assert dialog.visit is not None and dialog.slot_buttons
    problems = fit_problems("check-in result", dialog)
    assert problems == [], "\n".join(problems)
    assert dialog.height() <= SCREEN[1]


def test_two_line_errors_fit_in_the_served_and_first_start_dialogs(
    qtbot, state: DeskState, services: AppServices, text_size: str
) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from reception_app.ui.dialogs.first_run_dialog import FirstRunDialog
    from reception_app.ui.dialogs.outcome_dialog import OutcomeDialog

    served = OutcomeDialog("G001", [], date(2026, 11, 24), lambda *_a: None)  # type: ignore[arg-type]
    first = FirstRunDialog(services.office.office_names(), lambda *_a: None)  # type: ignore[arg-type]
    for name, dialog, field in (
        ("served", served, "follow_up_target"),
        ("first start", first, "password"),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.errors.show(TWO_LINES)  # the general line at the top
        dialog.errors.show(TWO_LINES, field)  # and one beside a field
        QApplication.processEvents()
        assert fit_problems(name, dialog) == []


def test_every_button_of_the_page_in_view_is_inside_the_window(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """No button pushed off the right-hand edge (the Today page's queue bar at large text had
    'Pause desk' out of sight until its row wrapped)."""
    from PySide6.QtWidgets import QPushButton

    page = window.current_page()
    qtbot.wait(50)
    outside = [
        b.text()
        for b in page.findChildren(QPushButton)
        if b.isVisible() and b.mapTo(window, b.rect().topRight()).x() >= window.width()
    ]
    assert outside == []
