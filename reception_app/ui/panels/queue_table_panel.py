"""The Today page's queue: the visitors waiting, in calling order, with their wait so far."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from reception_app.domain.visits import Visit
from reception_app.ui.models.queue_table_model import QueueTableModel


class QueueTablePanel(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queue_model = QueueTableModel(parent=self)
        self.setModel(self.queue_model)
        self.setAccessibleName("Visitors waiting, in calling order")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(QueueTableModel.NOTE, QHeaderView.ResizeMode.Stretch)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)

    def selected_ticket(self) -> str | None:
        rows = self.selectionModel().selectedRows()
        if not rows:
            return None
        visit = rows[0].data(QueueTableModel.VisitRole)
        return visit.ticket if isinstance(visit, Visit) else None

    def select_row(self, row: int) -> None:
        index = self.queue_model.index(row, 0)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index)

    def visit_of(self, ticket: str) -> Visit | None:
        row = self.queue_model.row_of(ticket)
        return None if row is None else self.queue_model.visit_at(row)
