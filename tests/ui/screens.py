"""Walk every page (each tab shown in turn) and every dialog a page's buttons open, on a real
desk window, calling a check on each: the keyboard, fit and naming tests share this walk.

Dialogs are reached the way a person reaches them: by clicking each button of each page with
the first row of every table chosen. A dialog that opens (modal or not) is checked, then closed
(rejected); Qt's own boxes (messages, files, progress) are closed unchecked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QPushButton,
    QTabWidget,
    QWidget,
)

from reception_app.ui.main_window import MainWindow

Check = Callable[[str, QWidget], None]

SKIPPED_BUTTONS = ("Sign out", "Lock", "Quit", "Restore", "Switch to", "Use this database")
"""Buttons that would end the walk itself (the desk locked or another database opened)."""


@dataclass
class Walk:
    """What the walk saw: the names of the screens checked (a walk that reached none would
    prove nothing), and the dialogs by class name."""

    screens: list[str] = field(default_factory=list)
    dialogs: set[str] = field(default_factory=set)


def page_views(window: MainWindow) -> Iterator[tuple[str, QWidget]]:
    """Each page shown, and each tab of its tab widgets shown in turn."""
    for index, page in enumerate(window.pages):
        window.show_page(index)
        QApplication.processEvents()
        yield page.title, page
        for tabs in page.findChildren(QTabWidget):
            for number in range(tabs.count()):
                if not tabs.isTabVisible(number) or not tabs.isVisible():
                    continue
                tabs.setCurrentIndex(number)
                QApplication.processEvents()
                yield f"{page.title} > {tabs.tabText(number).replace('&', '')}", page


def choose_first_rows(root: QWidget) -> None:
    for view in root.findChildren(QAbstractItemView):
        model, selection = view.model(), view.selectionModel()
        if view.isVisible() and model is not None and selection is not None and model.rowCount():
            selection.setCurrentIndex(
                model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )


class DialogCatcher:
    """While active, every dialog that appears is checked once (ours) and closed."""

    PER_CLASS = 3
    """Dialogs of one class checked at most this often (Reports opens thirty of one kind)."""

    INTERVAL_MS = 1
    """How often the open windows are looked at while a button's work runs: a modal dialog
    waits this long to be caught (at 20 ms, the walks spent a second or two waiting). The
    timer only fires inside an event loop (a dialog's ``exec``), so it does not spin."""

    def __init__(self, check: Check, walk: Walk) -> None:
        self._check, self._walk = check, walk
        self._seen: set[int] = set()
        self._count: dict[str, int] = {}
        self.where = ""
        self._timer = QTimer()
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.catch)

    def __enter__(self) -> DialogCatcher:
        self._seen = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.catch()
        self._timer.stop()

    def catch(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if not isinstance(widget, QDialog) or not widget.isVisible():
                continue
            if id(widget) in self._seen:
                continue
            self._seen.add(id(widget))
            kind = type(widget).__name__
            ours = type(widget).__module__.startswith("reception_app.")
            if ours and self._count.get(kind, 0) < self.PER_CLASS:
                self._count[kind] = self._count.get(kind, 0) + 1
                name = f"{self.where} -> {kind}"
                self._walk.dialogs.add(kind)
                self._walk.screens.append(name)
                with _Closer(widget):
                    self._check(name, widget)
            if widget.isVisible():
                widget.reject()


def walk_desk(window: MainWindow, check: Check, *, dialogs: bool = True) -> Walk:
    """``check(name, widget)`` on every page view and every dialog its buttons open."""
    walk = Walk()
    for name, page in page_views(window):
        walk.screens.append(name)
        check(name, page)
    if not dialogs:
        return walk
    catcher = DialogCatcher(check, walk)
    for name, page, buttons in _button_rounds(window):
        for text in buttons:
            button = _button(page, text)
            if button is None or not button.isEnabled() or not button.isVisible():
                continue
            choose_first_rows(page)
            catcher.where = f"{name}: {text.replace('&', '')}"
            with catcher:
                button.click()
                QApplication.processEvents()
    return walk


def _button_rounds(window: MainWindow) -> Iterator[tuple[str, QWidget, list[str]]]:
    """For each page view: the texts of its visible buttons (read before any is clicked)."""
    for name, page in page_views(window):
        choose_first_rows(page)
        texts = [
            b.text()
            for b in page.findChildren(QPushButton)
            if b.isVisible() and b.text() and not any(s in b.text() for s in SKIPPED_BUTTONS)
        ]
        yield name, page, list(dict.fromkeys(texts))


def _button(root: QWidget, text: str) -> QPushButton | None:
    for button in root.findChildren(QPushButton):
        if button.text() == text and button.isVisible():
            return button
    return None


def walk_window_dialogs(window: MainWindow, check: Check, walk: Walk) -> None:
    """The dialogs the window itself opens: F1's list, sign-in, and the first start's."""
    from reception_app.ui.dialogs.first_run_dialog import FirstRunDialog

    services = window.state.services
    catcher = DialogCatcher(check, walk)
    for where, open_it in (
        ("F1", window.show_shortcuts),
        ("Lock", lambda: window.ask_sign_in("mclerk")),
        (
            "First start",
            lambda: FirstRunDialog(
                services.office.office_names(),
                lambda *_a: None,
                window,  # type: ignore[arg-type,return-value]
            ).exec(),
        ),
    ):
        catcher.where = where
        with catcher:
            open_it()


class _Closer:
    """While a dialog is checked, any other dialog it opens (a question after Enter) is closed
    by a timer of its own: Qt never re-enters the catcher's timer while its slot runs."""

    def __init__(self, checked: QWidget) -> None:
        self._checked = checked
        self._timer = QTimer()
        self._timer.setInterval(DialogCatcher.INTERVAL_MS)
        self._timer.timeout.connect(self._close_others)

    def __enter__(self) -> _Closer:
        self._before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._close_others()
        self._timer.stop()

    def _close_others(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if (
                isinstance(widget, QDialog)
                and widget.isVisible()
                and widget is not self._checked
                and id(widget) not in self._before
            ):
                widget.reject()
