"""The idle lock hears of input in any window of the application, as the system delivers it
(to the window first), and of nothing else: a repaint is not someone at the desk."""

from __future__ import annotations

import time

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.idle_watcher import IdleWatcher


def test_a_key_or_a_click_in_any_window_counts_as_use_and_a_repaint_does_not(qtbot) -> None:  # type: ignore[no-untyped-def]
    watcher = IdleWatcher(5)
    watcher.start()
    dialog = QDialog()
    fit_when_shown(dialog)
    QLineEdit(dialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    window = dialog.windowHandle()
    time.sleep(0.05)
    dialog.update()
    QApplication.processEvents()
    assert watcher.idle_seconds() >= 0.05  # shown and painted: nobody typed
    QTest.keyClick(window, Qt.Key.Key_A)
    assert watcher.idle_seconds() < 0.05
    time.sleep(0.05)
    QTest.mouseClick(
        window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5)
    )
    assert watcher.idle_seconds() < 0.05
    watcher.minutes = 0
    fired: list[bool] = []
    watcher.idle_timed_out.connect(lambda: fired.append(True))
    watcher.check()
    assert fired == [True] and watcher.paused


def test_a_window_that_opens_later_is_watched_too(qtbot) -> None:  # type: ignore[no-untyped-def]
    watcher = IdleWatcher(5)
    watcher.start()
    other = QLineEdit()  # not a dialog: found when the focus moves to it
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitExposed(other)
    QApplication.processEvents()
    time.sleep(0.05)
    QTest.keyClick(other.windowHandle(), Qt.Key.Key_B)
    assert watcher.idle_seconds() < 0.05


def test_every_dialog_of_the_desk_fits_itself_when_shown() -> None:
    """No application-wide filter does it for them (ui/application_events.py says why)."""
    import importlib
    import inspect
    import pkgutil

    import reception_app.ui

    for module in pkgutil.walk_packages(reception_app.ui.__path__, "reception_app.ui."):
        importlib.import_module(module.name)
    ours = {
        cls
        for cls in _subclasses(QDialog)
        if cls.__module__.startswith("reception_app.") and "__init__" in vars(cls)
    }
    assert len(ours) >= 20
    missing = [
        cls.__qualname__
        for cls in ours
        if not any(
            "fit_when_shown(self)" in inspect.getsource(k.__init__)
            for k in cls.__mro__
            if k.__module__.startswith("reception_app.") and "__init__" in vars(k)
        )
    ]
    assert missing == [], f"call fit_when_shown(self) in {missing}"


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    return found.union(*(_subclasses(sub) for sub in found))
