"""The incident log (a tab of Correspondence, managers only): aggressive or abusive behaviour."""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from reception_app.domain.errors import ReceptionError
from reception_app.domain.feedback import Incident
from reception_app.ui.desk_state import DeskState
from reception_app.ui.models.correspondence_table_model import local_text
from reception_app.ui.models.incident_table_model import IncidentTableModel
from reception_app.ui.panels.correspondence_context import CorrespondenceContext
from reception_app.ui.panels.panel import Panel
from reception_app.ui.widgets.row_views import current_value, detail_box, table_view


def incident_details(item: Incident, zone: tzinfo) -> str:
    """The whole incident as plain text, exactly as typed."""
    lines = [f"Incident #{item.id}  ·  {item.kind.label}"]
    lines.append(
        f"When: {local_text(item.occurred_at, zone)}"
        + (f", {item.location}" if item.location else "")
    )
    lines.append(f"Who: {item.person or 'not recorded'}")
    if item.staff_involved:
        lines.append(f"Staff involved: {item.staff_involved}")
    lines.append(f"Witnesses: {item.witness_count}")
    if item.police_told:
        lines.append(
            "Police told"
            + (f": reference {item.police_reference}" if item.police_reference else "")
        )
    else:
        lines.append(
            "Police not told"
            + (f": {item.police_not_told_reason}" if item.police_not_told_reason else "")
        )
    lines.append(f"Recorded by {item.recorded_by_name} on {local_text(item.recorded_at, zone)}")
    lines += ["", item.description]
    if item.action_taken:
        lines += ["", f"Action taken: {item.action_taken}"]
    return "\n".join(lines)


class IncidentsPanel(Panel):
    def __init__(
        self, state: DeskState, context: CorrespondenceContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(state, parent)
        self.context = context
        note = QLabel(
            "Aggressive or abusive behaviour (policy 4.2). Only managers see this log; threats "
            "of violence are reported to the police."
        )
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        self.incident_model = IncidentTableModel(self)
        self.incident_table = table_view("Incidents", self.incident_model, IncidentTableModel.WHEN)
        self.incident_table.sortByColumn(IncidentTableModel.WHEN, Qt.SortOrder.DescendingOrder)
        self.incident_detail = detail_box("The chosen incident", "Choose an incident to read it.")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.incident_table)
        splitter.addWidget(self.incident_detail)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(splitter, 1)
        self.incident_table.selectionModel().currentRowChanged.connect(self._show_incident)

    def refresh(self) -> None:
        try:
            rows = self.state.services.feedback().incidents(self.state.actor)
        except ReceptionError:
            rows = []
        self.show_rows(rows)

    def show_rows(self, rows: list[Incident]) -> None:
        self.incident_model.zone = self.context.zone
        self.incident_model.set_rows(rows)
        self.incident_table.resizeColumnsToContents()
        self._show_incident()

    def clear(self) -> None:
        """Show nothing (for someone who is not a manager)."""
        self.incident_model.set_rows([])

    def _show_incident(self, *_args: object) -> None:
        value = current_value(self.incident_table)
        self.incident_detail.setPlainText(
            incident_details(value, self.context.zone) if isinstance(value, Incident) else ""
        )
