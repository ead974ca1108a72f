"""The button offering the letter about a move or a cancellation, beside the page's message."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from reception_app.domain.appointments import Appointment, AppointmentStatus


@dataclass(frozen=True, slots=True)
class LetterOffer:
    """Which letter is offered, about which appointment, with what already filled in."""

    appointment_id: int
    template_key: str
    prefill: dict[str, str] = field(default_factory=dict)


class AppointmentLetterOffer(QPushButton):
    """Hidden until a move or a cancellation; it never blocks the desk (no dialog pops up)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoDefault(False)
        self.setAccessibleName("Letter about this change")
        self.hide()
        self.offer: LetterOffer | None = None

    def offer_change(self, before: Appointment, template_key: str, zone: tzinfo) -> None:
        """Offer the letter about a move or cancellation, with the time the appointment had
        before filled in for the letter."""
        from reception_app.domain.letters import format_date

        start = before.start.astimezone(zone)
        prefill = {"previous_date": format_date(start.date()), "previous_time": f"{start:%H:%M}"}
        self.set_offer(LetterOffer(before.id, template_key, prefill))

    def set_offer(self, offer: LetterOffer | None) -> None:
        """Show (and focus) the button for ``offer``; None hides it."""
        self.offer = offer
        if offer is None:
            self.hide()
            return
        what = "change" if offer.template_key == "appointment_changed" else "cancellation"
        self.setText(f"Print a letter about this {what}... (Ctrl+Shift+W)")
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def letter_for(self, appointment: Appointment) -> LetterOffer:
        """The letter Ctrl+Shift+W writes: the one offered after a move or cancellation of this
        appointment, else the cancellation letter for a cancelled one, else the confirmation."""
        if self.offer is not None and self.offer.appointment_id == appointment.id:
            return self.offer
        if appointment.status is AppointmentStatus.CANCELLED:
            return LetterOffer(appointment.id, "appointment_cancelled")
        return LetterOffer(appointment.id, "appointment_confirmation")
