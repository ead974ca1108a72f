"""A table to read (no editing, whole rows chosen, rows as tall as their text) for the panels."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QWidget


class ReadOnlyTable(QTableWidget):
    """Columns fit their contents; ``stretch`` (a column index) takes the spare width. A long
    text wraps (large text) instead of being cut off."""

    def __init__(
        self,
        headers: Sequence[str],
        name: str,
        stretch: int | None,
        *,
        single_selection: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.setAccessibleName(name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        if single_selection:
            self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if stretch is not None:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        rows = self.verticalHeader()
        rows.setMinimumSectionSize(rows.defaultSectionSize())
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def cell_text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""

    def rows_text(self) -> list[list[str]]:
        """Every row's cells as shown (what a screen reader or a test reads)."""
        return [
            [self.cell_text(r, c) for c in range(self.columnCount())]
            for r in range(self.rowCount())
        ]
