"""The Appointments page's "List" tab: the day's (or week's) appointments with their status."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from reception_app.domain.appointments import Appointment
from reception_app.ui.models.appointment_table_model import AppointmentTableModel


class AppointmentListPanel(QTableView):
    appointment_chosen = Signal(int)
    """The chosen row changed to this appointment (its id)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.appointments_model = AppointmentTableModel(parent=self)
        self.setModel(self.appointments_model)
        self.setAccessibleName("Appointments of the day")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AppointmentTableModel.STATUS, QHeaderView.ResizeMode.Stretch)
        self.selectionModel().selectionChanged.connect(self._row_chosen)

    def show_appointments(
        self, appointments: Sequence[Appointment], zone: tzinfo, *, week: bool
    ) -> None:
        """A day's list (times only) or a week's (each with its day)."""
        self.appointments_model.set_appointments(appointments, zone, with_day=week)
        self.setAccessibleName(f"Appointments of the {'week' if week else 'day'}")

    def chosen_id(self) -> int | None:
        """The appointment of the chosen row (None when no row is chosen)."""
        rows = self.selectionModel().selectedRows()
        if rows:
            appointment = rows[0].data(AppointmentTableModel.RowRole)
            if isinstance(appointment, Appointment):
                return appointment.id
        return None

    def appointment(self, appointment_id: int) -> Appointment | None:
        row = self.appointments_model.row_of(appointment_id)
        return self.appointments_model.appointments()[row] if row is not None else None

    def select(self, appointment_id: int) -> bool:
        """Choose its row and scroll to it; False when it is not listed."""
        row = self.appointments_model.row_of(appointment_id)
        if row is None:
            return False
        index = self.appointments_model.index(row, 0)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index)
        return True

    def _row_chosen(self, *_: object) -> None:
        appointment_id = self.chosen_id()
        if appointment_id is not None:
            self.appointment_chosen.emit(appointment_id)
