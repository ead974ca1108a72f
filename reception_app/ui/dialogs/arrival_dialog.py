"""Check in a customer who has arrived for today's appointment: type to find them, Enter."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.appointments import Appointment, AppointmentStatus, Place
from reception_app.domain.errors import ReceptionError
from reception_app.domain.visits import Visit
from reception_app.ui.application_events import fit_when_shown

if TYPE_CHECKING:
    from reception_app.ui.desk_state import DeskState


class ArrivalDialog(QDialog):
    """After ``exec()``, ``visit`` is the queue entry made (None if nobody was checked in)."""

    def __init__(self, state: DeskState, zone: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fit_when_shown(self)
        self.setWindowTitle("Appointment arrived")
        self._state = state
        self._zone = zone
        self.visit: Visit | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type part of the name, officer or time")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find the appointment")
        label = QLabel("&Find:")
        label.setBuddy(self.search)
        self.list = QListWidget()
        self.list.setAccessibleName("Today's appointments not yet arrived")
        self.message = QLabel()
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox()
        self.arrive_button = self.buttons.addButton(
            "&Check in", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.check_in)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.search.textChanged.connect(self._filter)
        # Enter in the search box presses the default button (Check in), as in every dialog.
        self.arrive_button.setDefault(True)
        self.list.itemActivated.connect(lambda _item: self.check_in())
        self._load()

    def _load(self) -> None:
        try:
            today = self._state.services.appointments().today()
        except ReceptionError as exc:
            self._show(str(exc))
            return
        waiting = [
            a
            for a in today
            if a.status is AppointmentStatus.BOOKED and a.place in (Place.DESK, Place.ROOM)
        ]
        for appointment in waiting:
            start = appointment.start.astimezone(self._zone)
            item = QListWidgetItem(
                f"{start:%H:%M}  {appointment.customer_name}: {appointment.service_name} "
                f"with {appointment.officer_name} ({appointment.where()})"
            )
            item.setData(Qt.ItemDataRole.UserRole, appointment)
            self.list.addItem(item)
        if not waiting:
            self._show("Nobody else is booked to come in today.")
        self.list.setCurrentRow(0)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            shown = all(w in item.text().casefold() for w in words)
            item.setHidden(not shown)
            if shown and first is None:
                first = row
        if first is not None:
            self.list.setCurrentRow(first)

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def chosen(self) -> Appointment | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        value = item.data(Qt.ItemDataRole.UserRole)
        return value if isinstance(value, Appointment) else None

    def check_in(self) -> None:
        appointment = self.chosen()
        if appointment is None:
            self._show("Choose the appointment from the list.")
            return
        try:
            self.visit = self._state.services.queue().check_in_appointment(
                self._state.actor, appointment.id
            )
        except ReceptionError as exc:
            self._show(str(exc))
            return
        self.accept()
