"""A read-only table of text rows (headers and cells as strings), as the reports show them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def item_table(name: str) -> tuple[QTableView, QStandardItemModel]:
    """An empty read-only table, one row chosen at a time, columns as wide as their text."""
    model = QStandardItemModel(0, 0)
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view, model


def fill_items(
    model: QStandardItemModel, headers: Sequence[str], rows: Sequence[Sequence[str]]
) -> None:
    """Replace the model's columns and rows (cells cannot be edited)."""
    model.clear()
    model.setColumnCount(len(headers))
    model.setHorizontalHeaderLabels(list(headers))
    for row in rows:
        items = [QStandardItem(cell) for cell in row]
        for item in items:
            item.setEditable(False)
        model.appendRow(items)
