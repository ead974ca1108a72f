"""Tell a waiting customer why they have not been called and when they will be seen.

The reason, the new time and who told them are recorded (North Norfolk: kept informed of
delays).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.appointments import Appointment, Place
from reception_app.domain.errors import ReceptionError
from reception_app.domain.notifications import Channel
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.forms import FieldErrors

if TYPE_CHECKING:
    from datetime import tzinfo

    from reception_app.ui.desk_state import DeskState

COMMON_REASONS = (
    "The officer's previous appointment is running late",
    "The officer was called away urgently",
    "A system problem is slowing us down",
)


class AppointmentDelayDialog(QDialog):
    """After ``exec()``, ``appointment`` is the updated Appointment (None if nothing was saved)."""

    def __init__(
        self,
        state: DeskState,
        appointment: Appointment,
        zone: tzinfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        fit_when_shown(self)
        self._state = state
        self._target = appointment
        self._zone = zone
        self.appointment: Appointment | None = None
        self.setWindowTitle("Tell the customer about the delay")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        now = state.services.context.clock().astimezone(zone)
        booked = appointment.start.astimezone(zone)
        self.home_visit = appointment.place is Place.HOME
        summary = QLabel(
            f"{appointment.officer_name} is running late for the home visit to "
            f"{appointment.customer_name} at {booked:%H:%M}. Say why, and when they will arrive."
            if self.home_visit
            else f"{appointment.customer_name} was booked for {booked:%H:%M} with "
            f"{appointment.officer_name} and is still waiting. Tell them why, and when they "
            "will be seen."
        )
        summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.setWordWrap(True)
        summary.setTextFormat(Qt.TextFormat.PlainText)  # the customer's name
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(("", *COMMON_REASONS))
        editor = self.reason.lineEdit()
        if editor is not None:
            editor.setPlaceholderText("Why they are waiting")
        self.new_time = QTimeEdit()
        self.new_time.setDisplayFormat("HH:mm")
        soon = now + timedelta(minutes=15 - now.minute % 5)
        self.new_time.setTime(QTime(soon.hour, soon.minute))
        self.errors = FieldErrors()
        form = QFormLayout()
        self.errors.add_row(form, "Rea&son:", "reason", self.reason)
        self.errors.add_row(
            form, "Arrive &by:" if self.home_visit else "Seen &by:", "new_time", self.new_time
        )
        self.send = self._send_choice(state, appointment)
        form.addRow("", self.send)
        buttons = QDialogButtonBox()
        save = QPushButton("&Record that they were told")
        save.setDefault(True)
        buttons.addButton(save, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        save.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.errors.general)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def _send_choice(self, state: DeskState, appointment: Appointment) -> QCheckBox:
        """Ticked when the customer agreed to texts or e-mails: one step tells and records."""
        try:
            channel = state.services.appointments().notice_channel(appointment.id)
        except ReceptionError:
            channel = Channel.NONE
        self.channel = channel
        if channel is Channel.NONE:
            box = QCheckBox("Nothing can be sent: they have not agreed to texts or e-mails")
            box.setEnabled(False)
            return box
        box = QCheckBox(f"&Send them this by {channel.label.lower()} too")
        box.setChecked(True)
        return box

    def new_datetime(self) -> datetime:
        today = self._state.services.context.clock().astimezone(self._zone).date()
        t = self.new_time.time()
        return datetime.combine(today, time(t.hour(), t.minute()), self._zone)

    def save(self) -> None:
        def run() -> None:
            self.appointment = self._state.services.appointments().record_delay(
                self._state.actor,
                self._target.id,
                self.reason.currentText(),
                self.new_datetime(),
                send=self.send.isEnabled() and self.send.isChecked(),
            )

        if self.errors.attempt(run):
            self.accept()
