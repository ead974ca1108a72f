"""Read-only table views over a list model of rows, with the box that shows the chosen row:
build them, choose a row by what it holds, read the row chosen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPlainTextEdit, QTableView

from reception_app.ui.models.correspondence_list_model import CorrespondenceListModel, Row


def table_view(name: str, model: QAbstractItemModel, sort_column: int) -> QTableView:
    """One row chosen at a time, sorted by ``sort_column``, widths fitted from the first rows."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setSortingEnabled(True)
    view.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setResizeContentsPrecision(200)
    return view


def detail_box(name: str, placeholder: str) -> QPlainTextEdit:
    """Read-only plain text for the chosen row (markup typed by a person is never interpreted)."""
    box = QPlainTextEdit()
    box.setReadOnly(True)
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    return box


def current_value(view: QTableView) -> object:
    """The row object of the view's current row, or None."""
    index = view.selectionModel().currentIndex()
    return index.data(CorrespondenceListModel.RowRole) if index.isValid() else None


def select_where(
    view: QTableView, model: CorrespondenceListModel[Row], predicate: Callable[[Row], bool]
) -> None:
    """Make the first row matching ``predicate`` current (and scroll to it); none: clear."""
    row = model.row_where(predicate)
    if row is None:
        view.selectionModel().clearCurrentIndex()
        return
    index = model.index(row, 0)
    view.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    view.scrollTo(index)
