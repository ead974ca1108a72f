"""Base of the read-only table models: rows of plain domain values, one column per header."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """The list of values stays the source of truth; ``RowRole`` gives a row's value back, so
    it works unchanged through a sort or filter proxy. Subclasses set ``HEADERS`` and say what
    each cell shows in ``_text`` (and optionally ``_tooltip`` and ``_alignment``)."""

    HEADERS: tuple[str, ...] = ()
    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, rows: Sequence[Row] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = list(rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == self.RowRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(index.column())
        return None

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Replace every row (a re-read)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def _text(self, row: Row, column: int) -> str:
        raise TypeError(f"{type(self).__name__} must say what its cells show")

    def _tooltip(self, row: Row, column: int) -> str | None:
        return None

    def _alignment(self, column: int) -> int | None:
        return None
