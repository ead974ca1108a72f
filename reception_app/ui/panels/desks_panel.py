"""The Today page's desks: each desk on duty and the services it handles."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from reception_app.domain.offices import OfficeProfile


class DesksPanel(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels(["Desk", "Handles"])
        self.setAccessibleName("Desks and the services they handle")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)

    def show_desks(self, profile: OfficeProfile) -> None:
        """The active desks; the table is as tall as its rows, so the page does not end in a
        large empty box."""
        services = {s.key: s.name for s in profile.services}
        active_desks = [d for d in profile.desks if d.active]
        self.setRowCount(len(active_desks))
        for row, desk in enumerate(active_desks):
            handles = (
                "Every service"
                if desk.services is None
                else ", ".join(services.get(k, k) for k in desk.services)
            )
            self.setItem(row, 0, QTableWidgetItem(desk.name))
            self.setItem(row, 1, QTableWidgetItem(handles))
        self.setFixedHeight(
            self.horizontalHeader().height()
            + sum(self.rowHeight(r) for r in range(self.rowCount()))
            + 2 * self.frameWidth()
        )
