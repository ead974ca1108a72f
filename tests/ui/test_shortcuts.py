"""One key, one meaning, on every page (issue 13 point 9), and F1 lists every key of the page in
view and the window's own (point 10)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QDialog, QWidget

from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.shortcuts_dialog import ShortcutsDialog
from reception_app.ui.main_window import MainWindow
from reception_app.ui.shortcuts import MEANING, SHORTCUTS
from tests.ui.sample_desk import fill_sample_desk
from tests.ui.screens import DialogCatcher, Walk, walk_desk

KEY_IN_TEXT = re.compile(r"\(((?:Ctrl\+|Shift\+|Alt\+)*(?:F\d+|Del|[A-Z]))\)")
"""A key named in a button's text: 'Tell them why (F8)', 'Book a room (Ctrl+N)'."""


def _portable(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.PortableText)


def test_no_two_meanings_share_a_key() -> None:
    seen: dict[str, str] = {}
    for name, shortcut in SHORTCUTS.items():
        key = _portable(shortcut.keys)
        assert key, f"{name}: {shortcut.keys!r} is not a key Qt knows"
        assert key not in seen, f"{key} means both {seen[key]!r} and {name!r}"
        seen[key] = name


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


def _bound_problems(where: str, root: QWidget) -> list[str]:
    """Every key bound under ``root`` comes from the table, with the table's key."""
    problems = []
    for shortcut in root.findChildren(QShortcut):
        name = shortcut.property(MEANING)
        key = shortcut.key().toString(QKeySequence.SequenceFormat.PortableText)
        if name not in SHORTCUTS:
            problems.append(f"{where}: {key} is bound outside ui/shortcuts.py")
        elif _portable(SHORTCUTS[name].keys) != key:
            problems.append(f"{where}: {name} is bound to {key}, the table says otherwise")
    return problems


def _named_keys(root: QWidget) -> set[str]:
    """Keys that visible buttons name in their text."""
    return {
        _portable(found.group(1))
        for button in root.findChildren(QAbstractButton)
        if button.isVisible()
        for found in [KEY_IN_TEXT.search(button.text())]
        if found
    }


def _live_keys(window: QWidget, root: QWidget) -> set[str]:
    keys = {
        s.key().toString(QKeySequence.SequenceFormat.PortableText)
        for s in root.findChildren(QShortcut)
        if s.isEnabled() and (not isinstance(s.parent(), QWidget) or s.parent().isVisible())
    }
    keys |= {
        a.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        for a in window.findChildren(QAction)
        if not a.shortcut().isEmpty()
    }
    return keys


def test_every_page_and_dialog_takes_its_keys_from_the_table(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    problems: list[str] = _bound_problems("window", window)
    for action in window.findChildren(QAction):
        if not action.shortcut().isEmpty() and action.property(MEANING) not in SHORTCUTS:
            problems.append(f"menu {action.text()!r} has a key outside ui/shortcuts.py")

    def check(name: str, widget: QWidget) -> None:
        problems.extend(_bound_problems(name, widget))
        live = _live_keys(window, widget)
        for key in _named_keys(widget) - live:
            problems.append(f"{name}: a button says {key} but {key} does nothing here")

    walk = walk_desk(window, check)
    assert {"MessageDialog", "CorrespondenceDialog", "LetterDialog"} <= walk.dialogs
    assert problems == [], "\n".join(problems)


def test_f1_lists_every_key_of_the_page_in_view_and_the_global_ones(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    shown: list[list[list[list[str]]]] = []

    def read(_name: str, dialog: QWidget) -> None:
        assert isinstance(dialog, ShortcutsDialog)
        shown.append(dialog.rows())

    for index, page in enumerate(window.pages):
        window.show_page(index)
        catcher = DialogCatcher(read, Walk())
        with catcher:
            window.show_shortcuts()
        on_page, everywhere = shown[-1]
        listed_keys = {_portable(key) for key, _what in on_page + everywhere}
        missing = (_live_keys(window, page) | _named_keys(page)) - listed_keys
        assert not missing, f"{page.title}: F1 leaves out {sorted(missing)}"
        assert all(what for _key, what in on_page + everywhere), f"{page.title}: a key says nothing"
        assert {"Ctrl+1", "Ctrl+8", "F1", "Ctrl+L", "F5"} <= {_portable(k) for k, _ in everywhere}
    today = dict(shown[0][0])
    assert today["F8"] == "Tell a late-running customer why, and when"
    assert today["F9"] == "A private room now"
    rooms = dict(shown[2][0])
    assert rooms["F9"] == "Private room now" and "F8" not in rooms


def test_f1_opens_the_list_as_a_dialog(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    seen: list[QDialog] = []
    catcher = DialogCatcher(lambda _n, d: seen.append(d), Walk())  # type: ignore[arg-type]
    with catcher:
        window.show_shortcuts()
    assert len(seen) == 1 and isinstance(seen[0], ShortcutsDialog)
