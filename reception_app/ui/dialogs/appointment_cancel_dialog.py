"""Cancel an appointment: the reason is asked for and kept (it shows in the list and the log)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.appointments import Appointment
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.forms import FieldErrors

if TYPE_CHECKING:
    from reception_app.ui.desk_state import DeskState

COMMON_REASONS = (
    "Customer asked to cancel",
    "Customer no longer needs it",
    "Officer unavailable",
    "Booked in error",
)
"""Offered in the list; anything else can be typed."""


class CancelAppointmentDialog(QDialog):
    """After ``exec()``, ``appointment`` is the cancelled Appointment (None if not cancelled)."""

    def __init__(
        self, state: DeskState, appointment: Appointment, when: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        fit_when_shown(self)
        self._state = state
        self._target = appointment
        self.appointment: Appointment | None = None
        self.setWindowTitle("Cancel an appointment")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        summary = QLabel(
            f"{appointment.customer_name}: {appointment.service_name} with "
            f"{appointment.officer_name}, {when}."
        )
        summary.setWordWrap(True)
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(("", *COMMON_REASONS))
        self.reason.setCurrentIndex(0)
        editor = self.reason.lineEdit()
        if editor is not None:
            editor.setPlaceholderText("Why is it cancelled?")
        self.errors = FieldErrors()
        form = QFormLayout()
        self.errors.add_row(form, "&Reason:", "reason", self.reason)
        buttons = QDialogButtonBox()
        self.cancel_button = QPushButton("Cancel the &appointment")
        self.cancel_button.setDefault(True)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.AcceptRole)
        keep = buttons.addButton("&Keep it", QDialogButtonBox.ButtonRole.RejectRole)
        keep.clicked.connect(self.reject)
        self.cancel_button.clicked.connect(self.cancel_appointment)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.errors.general)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.reason.setFocus()

    def cancel_appointment(self) -> None:
        def run() -> None:
            self.appointment = self._state.services.appointments().cancel(
                self._state.actor, self._target.id, self.reason.currentText()
            )

        if self.errors.attempt(run):
            self.accept()
