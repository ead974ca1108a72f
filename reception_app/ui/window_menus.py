"""The desk window's menus, its list of keys (F1) and its size on screen (kept apart from
main_window.py so each reads in one sitting)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from reception_app import __version__
from reception_app.ui.shortcuts import MEANING, SHORTCUTS, listed
from reception_app.ui.widgets.fit_window import available_area, fitting_size

if TYPE_CHECKING:
    from reception_app.ui.main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    """File, View and Help, each entry with its key from ui/shortcuts.py."""
    file_menu = window.menuBar().addMenu("&File")
    window.backup_action = _action(
        window, file_menu, "&Back up the database now", "backup", window.backup_now
    )
    file_menu.addSeparator()
    _action(window, file_menu, "&Lock the desk", "lock", window.lock)
    _action(window, file_menu, "&Sign out", "sign_out", window.sign_out)
    file_menu.addSeparator()
    _action(window, file_menu, "&Quit", "quit", window.close)

    view = window.menuBar().addMenu("&View")
    _action(window, view, "&Refresh", "refresh", window.refresh_current)
    window.contrast_action = _action(
        window, view, "&High contrast", "high_contrast", window._toggle_contrast
    )
    window.contrast_action.setCheckable(True)
    window.contrast_action.setChecked(window.state.machine.high_contrast)
    window.large_text_action = _action(
        window, view, "&Larger text", "large_text", window._toggle_large_text
    )
    window.large_text_action.setCheckable(True)
    window.large_text_action.setChecked(window.state.machine.large_text)

    help_menu = window.menuBar().addMenu("&Help")
    _action(
        window,
        help_menu,
        "&Keyboard shortcuts",
        "help",
        window.show_shortcuts,
    )
    _action(window, help_menu, "Open the &log folder", None, partial(_open_log_folder, window))
    _action(window, help_menu, "&About Reception", None, partial(_about, window))


def _action(
    window: MainWindow,
    menu: QMenu,
    text: str,
    shortcut: str | None,
    slot: Callable[..., object],
) -> QAction:
    """An action in ``menu``; ``shortcut`` names its key in ui/shortcuts.py; ``slot`` gets
    the checked state when it takes an argument."""
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(SHORTCUTS[shortcut].keys))
        action.setProperty(MEANING, shortcut)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def shortcut_lists(window: MainWindow) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(key, what it does) of the page in view, and of the window (pages and menus)."""
    from reception_app.ui.main_window import PAGES

    page = window.current_page() if window._desk.isVisible() else None
    on_page = listed(page) if page is not None else []
    everywhere = [
        (a.shortcut().toString(QKeySequence.SequenceFormat.NativeText), a.text())
        for a in window.findChildren(QAction)
        if a.property(MEANING) is not None
    ]
    window_own = [line for line in listed(window) if line not in on_page]
    pages = [(k, f"Go to {title}") for k, title in window_own if title in dict(PAGES)]
    others = [line for line in window_own if line[1] not in dict(PAGES)]
    return on_page, pages + [(k, t.replace("&", "")) for k, t in everywhere] + others


def show_shortcuts(window: MainWindow) -> None:
    """F1: every key of the page in view, then the ones that work everywhere."""
    from reception_app.ui.dialogs.shortcuts_dialog import ShortcutsDialog

    on_page, everywhere = shortcut_lists(window)
    title = window.current_page().title if window._desk.isVisible() else ""
    ShortcutsDialog(title, on_page, everywhere, window).exec()


def _open_log_folder(window: MainWindow) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(window.state.paths.log_dir)))


def _about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        "About Reception",
        f"Reception {__version__}\nDatabase: {window.state.services.database.description}",
    )


def restore_geometry(window: MainWindow) -> None:
    """The size and place last saved, never larger than this screen."""
    settings = QSettings()
    geometry = settings.value("main_window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    available = available_area()
    if available is None:
        return
    # A first start, or a size saved on a larger screen: never taller or wider than this
    # screen (a 1366x768 laptop would lose the status bar under the task bar).
    frame = window.frameGeometry().size() - window.geometry().size()
    width, height = fitting_size(available, frame=(frame.width(), frame.height()))
    if geometry is None:
        window.resize(width, height)
    elif window.height() > height or window.width() > width:
        window.resize(min(window.width(), width), min(window.height(), height))
