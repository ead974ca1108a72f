"""Keyboard-only use of every page and dialog (issue 13 point 8): no two mnemonics in view
share a letter, none is dead (a label whose buddy cannot take the focus), and Enter in a
dialog's last field presses its default button."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabBar,
    QWidget,
)

from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.letter_dialog import LetterDialog
from reception_app.ui.main_window import MainWindow
from tests.ui.sample_desk import fill_sample_desk
from tests.ui.screens import Walk, walk_desk, walk_window_dialogs

MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def _takes_focus(widget: QWidget | None) -> bool:
    if widget is None:
        return False
    target = widget.focusProxy() or widget
    return bool(target.focusPolicy() & Qt.FocusPolicy.TabFocus)


def mnemonic_problems(name: str, root: QWidget) -> list[str]:
    """Clashing and dead mnemonics among what is in view in ``root``'s window."""
    window = root.window()
    owners: dict[str, list[str]] = {}
    problems: list[str] = []
    if isinstance(window, MainWindow):
        for action in window.menuBar().actions():
            letter = mnemonic(action.text())
            if letter:
                owners.setdefault(letter, []).append(f"menu {action.text()!r}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        texts: list[str] = []
        if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.RichText:
            if mnemonic(widget.text()) and not _takes_focus(widget.buddy()):
                buddy = widget.buddy()
                problems.append(
                    f"{name}: label {widget.text()!r} has & but its buddy "
                    f"{type(buddy).__name__ if buddy else 'None'} cannot take the focus"
                )
            texts = [widget.text()] if widget.buddy() is not None else []
        elif isinstance(widget, QAbstractButton):
            texts = [widget.text()]
        elif isinstance(widget, QGroupBox):
            texts = [widget.title()]
        elif isinstance(widget, QTabBar):
            texts = [widget.tabText(n) for n in range(widget.count()) if widget.isTabVisible(n)]
        for text in texts:
            letter = mnemonic(text)
            if letter:
                owners.setdefault(letter, []).append(repr(text))
    for letter, where in owners.items():
        if len(where) > 1:
            problems.append(f"{name}: Alt+{letter.upper()} is {' and '.join(where)}")
    return problems


def _fields(dialog: QDialog) -> list[QWidget]:
    """The dialog's focusable fields (not its buttons) in Tab order."""
    fields: list[QWidget] = []
    widget = dialog.nextInFocusChain()
    while widget is not dialog and widget is not None and len(fields) < 500:
        if (
            widget.isVisibleTo(dialog)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not isinstance(widget, (QPushButton, QTabBar, QAbstractItemView))
            and widget.window() is dialog
            and widget.focusProxy() is None
        ):
            fields.append(widget)
        widget = widget.nextInFocusChain()
    return fields


def _wait_until(ready: Callable[[], bool], seconds: float = 5.0) -> None:
    """Let workers finish (a letter's preview) for up to ``seconds``."""
    end = time.monotonic() + seconds
    while not ready() and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def enter_problems(name: str, dialog: QDialog) -> list[str]:
    """Enter in the last field must press the dialog's one default button."""
    defaults = [b for b in dialog.findChildren(QPushButton) if b.isDefault() and b.isVisible()]
    if len(defaults) != 1:
        texts = [b.text() for b in defaults]
        return [f"{name}: {len(defaults)} default buttons {texts} (one is wanted)"]
    fields = _fields(dialog)
    if not fields:
        return []
    if isinstance(dialog, LetterDialog):  # the person types what the letter asks for
        for edit in dialog.values_box.findChildren(QLineEdit):
            edit.setText(edit.text() or "1 December 2026")
    _wait_until(defaults[0].isEnabled)
    if not defaults[0].isEnabled():
        return [f"{name}: the default button {defaults[0].text()!r} stays disabled"]
    last, pressed = fields[-1], []
    defaults[0].pressed.connect(lambda: pressed.append(True))
    last.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    target = QApplication.focusWidget() or last
    from PySide6.QtTest import QTest

    QTest.keyClick(target, Qt.Key.Key_Return)
    QApplication.processEvents()
    if not pressed:
        return [
            f"{name}: Enter in the last field ({type(last).__name__} "
            f"{last.accessibleName()!r}) does not press {defaults[0].text()!r}"
        ]
    return []


@pytest.fixture
def window(
    qtbot, state: DeskState, services: AppServices, manager: StaffMember, clock
) -> MainWindow:  # type: ignore[no-untyped-def]
    state.machine.desk_key = "R1"
    fill_sample_desk(services, manager, clock)
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_every_page_and_dialog_has_distinct_live_mnemonics_and_enter_saves(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    problems: list[str] = []

    def check(name: str, widget: QWidget) -> None:
        problems.extend(mnemonic_problems(name, widget))
        if isinstance(widget, QDialog):
            problems.extend(enter_problems(name, widget))

    walk = walk_desk(window, check)
    walk_window_dialogs(window, check, walk)
    assert _enough(walk), sorted(walk.dialogs)
    assert list(dict.fromkeys(problems)) == [], "\n".join(dict.fromkeys(problems))


def _enough(walk: Walk) -> bool:
    """The walk reached the dialogs of every page (it proves nothing otherwise)."""
    wanted = {
        "CheckInDialog",
        "OutcomeDialog",
        "AppointmentDelayDialog",
        "BookAppointmentDialog",
        "RoomBookingDialog",
        "MessageDialog",
        "CorrespondenceDialog",
        "ContactDialog",
        "StaffDialog",
        "ShortcutsDialog",
        "SignInDialog",
        "FirstRunDialog",
    }
    return wanted <= walk.dialogs
