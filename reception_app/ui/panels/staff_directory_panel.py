"""The staff directory (a tab of Messages): who works here, how to reach them, their team lead."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.errors import ReceptionError
from reception_app.domain.people import StaffMember, team_lead_text
from reception_app.ui.desk_state import DeskState
from reception_app.ui.panels.panel import Panel
from reception_app.ui.shortcuts import bind
from reception_app.ui.widgets.filtered_table import filtered_table

# Most needed first: with large text the right-hand columns may need scrolling to.
DIRECTORY_HEADERS = ("Name", "Role", "Phone", "Email", "Team", "Team lead")
TEAM_LEAD_COLUMN = 5


class StaffDirectoryPanel(Panel):
    """The active colleagues with a filter box; Enter or Down in the box goes to the table."""

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.staff: list[StaffMember] = []
        """The active colleagues, as last read (the Messages tab offers them too)."""
        parts = filtered_table(
            self,
            DIRECTORY_HEADERS,
            label_text="Find a &colleague (Ctrl+F):",
            filter_name="Find a colleague",
            placeholder="Name, team, role, phone or email",
            table_name="Staff directory",
        )
        self.filter, filter_label, self.directory = parts.filter, parts.label, parts.model
        self.proxy, self.table = parts.proxy, parts.table
        self._fit_table()
        self.count_note = QLabel()
        self.count_note.setProperty("role", "hint")
        self.count_note.setWordWrap(True)

        search_row = QHBoxLayout()
        search_row.addWidget(filter_label)
        search_row.addWidget(self.filter, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_note)

        self.filter.textChanged.connect(self._filter_changed)
        self.filter.returnPressed.connect(self._go_to_table)
        bind(self.filter, "to_results", self._go_to_table, widget_only=True)
        QWidget.setTabOrder(self.filter, self.table)

    def _fit_table(self) -> None:
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The team lead comes last and takes the room left: two leads' names wrap onto a second
        # line there instead of squeezing the other columns at larger text sizes.
        header.setSectionResizeMode(TEAM_LEAD_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(header.fontMetrics().horizontalAdvance("Team lead") + 24)
        rows = self.table.verticalHeader()
        rows.setMinimumSectionSize(rows.defaultSectionSize())
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def refresh(self) -> None:
        services = self.state.services
        key = services.office.active_office_key()
        problem = ""
        try:
            staff = services.staff.list_staff(key, include_inactive=False) if key else []
        except ReceptionError as exc:
            problem, staff = str(exc), []
        self.staff = list(staff)
        self.directory.removeRows(0, self.directory.rowCount())
        for member in staff:
            cells = (
                member.full_name,
                member.role.label,
                member.phone or "—",
                member.email or "—",
                member.team or "—",
                team_lead_text(member, staff),
            )
            items = [QStandardItem(text) for text in cells]
            for item in items:
                item.setEditable(False)
            self.directory.appendRow(items)
        self._filter_changed(self.filter.text())
        if problem:
            self.count_note.setText(problem)

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        shown, total = self.proxy.rowCount(), self.directory.rowCount()
        if total == 0:
            self.count_note.setText("No staff are listed yet: a manager adds them in Settings.")
        elif shown == total:
            self.count_note.setText(f"{total} colleague{'s' if total != 1 else ''} working here.")
        elif shown == 0:
            self.count_note.setText(f"Nobody matches '{text.strip()}'.")
        else:
            self.count_note.setText(f"{shown} of {total} colleagues match '{text.strip()}'.")

    def _go_to_table(self) -> None:
        if self.proxy.rowCount() == 0:
            return
        if not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
