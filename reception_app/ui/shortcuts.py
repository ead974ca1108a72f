"""Every keyboard shortcut of the desk in one table: one key, one meaning, on every page.

A page or dialog never writes a key itself: it binds a name from ``SHORTCUTS`` (``bind``), so F8
cannot mean "tell them why" on one page and "private room now" on another. F1 lists the page's
bound shortcuts with their labels and the window's own (``listed``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True, slots=True)
class Shortcut:
    """``keys`` in Qt's portable text ("Ctrl+Shift+W"); ``meaning`` what it does wherever it
    is bound (a page's label for F1 may be more precise, never different)."""

    keys: str
    meaning: str


SHORTCUTS: dict[str, Shortcut] = {
    # The window (main_window.py): pages, menus.
    **{f"page_{n}": Shortcut(f"Ctrl+{n}", f"Go to page {n}") for n in range(1, 9)},
    "help": Shortcut("F1", "List the keyboard shortcuts"),
    "refresh": Shortcut("F5", "Refresh the page"),
    "backup": Shortcut("Ctrl+Shift+B", "Back up the database now"),
    "lock": Shortcut("Ctrl+L", "Lock the desk"),
    "sign_out": Shortcut("Ctrl+Shift+L", "Sign out"),
    "quit": Shortcut("Ctrl+Q", "Quit"),
    "high_contrast": Shortcut("Ctrl+Shift+H", "High contrast on or off"),
    "large_text": Shortcut("Ctrl+Shift+T", "Larger text on or off"),
    # The visitor in front of the desk (Today, Appointments, Rooms).
    "check_in": Shortcut("F2", "Check in a walk-in visitor"),
    "call_next": Shortcut("F3", "Call the next visitor"),
    "served": Shortcut("F4", "Served: the chosen visitor or appointment has been seen"),
    "not_seen": Shortcut("F6", "Left without being seen, or did not come"),
    "arrived": Shortcut("F7", "An appointment has arrived"),
    "tell_delay": Shortcut("F8", "Tell a late-running customer why, and when"),
    "room_now": Shortcut("F9", "A private room now"),
    "move_up": Shortcut("Ctrl+Up", "Move the chosen ticket up the queue"),
    "move_down": Shortcut("Ctrl+Down", "Move the chosen ticket down the queue"),
    # Records on a page.
    "new": Shortcut("Ctrl+N", "New: the page's own kind of record"),
    "repeat_booking": Shortcut("Ctrl+Shift+N", "Repeat booking"),
    "move_booking": Shortcut("Ctrl+M", "Move the chosen appointment"),
    "cancel_booking": Shortcut("Ctrl+Delete", "Cancel the chosen booking"),
    "release_no_shows": Shortcut("Ctrl+Shift+R", "Release the rooms of no-shows"),
    "print": Shortcut("Ctrl+P", "Print"),
    "save_file": Shortcut("Ctrl+S", "Save as a file"),
    "confirmation_letter": Shortcut("Ctrl+I", "Confirmation letter for the chosen appointment"),
    "write_letter": Shortcut("Ctrl+Shift+W", "Write a letter about the chosen record"),
    "read_unread": Shortcut("Ctrl+R", "Mark the chosen message read or unread"),
    "call_back": Shortcut("Ctrl+K", "Record a call back"),
    "pass_on": Shortcut("Ctrl+T", "Pass the chosen item to someone else"),
    "close_item": Shortcut("Ctrl+E", "Close the chosen item"),
    "find": Shortcut("Ctrl+F", "Find: go to the page's search box"),
    "deadline_calculator": Shortcut("Ctrl+D", "Go to the deadline calculator"),
    "previous_day": Shortcut("Alt+Left", "Previous day or week"),
    "next_day": Shortcut("Alt+Right", "Next day or week"),
    "today": Shortcut("Alt+Home", "Back to today"),
    "to_results": Shortcut("Down", "From a search box down to its results"),
    # Dialogs.
    "save_dialog": Shortcut("Ctrl+Return", "Save the dialog from any field"),
    "save_dialog_keypad": Shortcut("Ctrl+Enter", "Save the dialog from any field"),
}
"""Name -> key and meaning. ``tests/ui/test_shortcuts.py`` fails when two names share a key."""

MEANING = "shortcut_name"
"""The QObject property that ties a bound QShortcut back to its name in ``SHORTCUTS``."""


def keys(name: str) -> str:
    """The key of ``name`` as shown to people ("F8"), for button texts and tooltips."""
    return QKeySequence(SHORTCUTS[name].keys).toString(QKeySequence.SequenceFormat.NativeText)


def bind(
    parent: QWidget,
    name: str,
    slot: Callable[[], object],
    label: str | None = None,
    *,
    widget_only: bool = False,
) -> QShortcut:
    """The key of ``name`` runs ``slot`` while ``parent`` is shown (its window active).

    ``label``: what it does here, for F1 ("New appointment"); by default the table's meaning.
    ``widget_only``: only while ``parent`` itself has the focus (Down in a search box)."""
    shortcut = QShortcut(QKeySequence(SHORTCUTS[name].keys), parent)
    shortcut.activated.connect(slot)
    shortcut.setProperty(MEANING, name)
    shortcut.setWhatsThis(label or SHORTCUTS[name].meaning)
    if widget_only:
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    return shortcut


def listed(root: QObject) -> list[tuple[str, str]]:
    """(key, what it does) of every shortcut bound under ``root``, in the order bound, for F1:
    the ones a person can use now (enabled, on a widget that is shown)."""
    lines: list[tuple[str, str]] = []
    for shortcut in root.findChildren(QShortcut):
        owner = shortcut.parent()
        if not shortcut.isEnabled() or shortcut.property(MEANING) is None:
            continue
        if isinstance(owner, QWidget) and not owner.isVisible():
            continue
        text = shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)
        lines.append((text, shortcut.whatsThis()))
    return list(dict.fromkeys(lines))
