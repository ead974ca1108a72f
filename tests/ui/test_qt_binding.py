"""The Qt binding itself: what a newer PySide6 must not break before the pin is lifted."""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex


class _Empty(QAbstractTableModel):
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0

    def data(self, index: Index, role: int = 0) -> None:
        return None


def test_emitting_layout_signals_from_python_keeps_every_reference(qapp) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12.0 dropped a reference to True on every emit of these signals: after some
    thousands of table sorts the process aborted ("bool_dealloc"). pyproject.toml pins it out."""
    model = _Empty()
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(500):
        model.layoutAboutToBeChanged.emit()
        model.layoutChanged.emit()
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert after[0] >= before[0] and after[1] >= before[1], f"{before} -> {after}"
