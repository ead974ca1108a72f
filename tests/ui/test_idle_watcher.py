"""The idle lock hears of input anywhere in the application (its one event filter), and of
nothing else: a repaint or a timer is not someone at the desk."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from reception_app.ui.idle_watcher import IdleWatcher


def test_a_key_or_a_click_in_any_window_counts_as_use_and_a_repaint_does_not(qtbot) -> None:  # type: ignore[no-untyped-def]
    watcher = IdleWatcher(5)
    watcher.start()
    dialog = QDialog()
    field = QLineEdit(dialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    time.sleep(0.05)
    dialog.update()
    QApplication.processEvents()
    assert watcher.idle_seconds() >= 0.05  # shown and painted: nobody typed
    qtbot.keyClick(field, Qt.Key.Key_A)
    assert watcher.idle_seconds() < 0.05
    time.sleep(0.05)
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    assert watcher.idle_seconds() < 0.05
    watcher.minutes = 0
    fired: list[bool] = []
    watcher.idle_timed_out.connect(lambda: fired.append(True))
    watcher.check()
    assert fired == [True] and watcher.paused
