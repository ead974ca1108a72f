"""A read-only table of rows with a filter box that matches any column."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QTableView


@dataclass
class FilteredTable:
    """A read-only table of rows with a filter box that matches any column."""

    filter: QLineEdit
    label: QLabel
    model: QStandardItemModel
    proxy: QSortFilterProxyModel
    table: QTableView


def filtered_table(
    owner: QObject,
    headers: tuple[str, ...],
    *,
    label_text: str,
    filter_name: str,
    placeholder: str,
    table_name: str,
) -> FilteredTable:
    """Build the filter box (with its buddy label), the model, the proxy and the view."""
    box = QLineEdit()
    box.setPlaceholderText(placeholder)
    box.setClearButtonEnabled(True)
    box.setAccessibleName(filter_name)
    label = QLabel(label_text)
    label.setBuddy(box)
    model = QStandardItemModel(0, len(headers), owner)
    model.setHorizontalHeaderLabels(list(headers))
    proxy = QSortFilterProxyModel(owner)
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    table = QTableView()
    table.setModel(proxy)
    table.setAccessibleName(table_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    return FilteredTable(box, label, model, proxy, table)
