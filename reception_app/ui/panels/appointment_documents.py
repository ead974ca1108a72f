"""Letters and the day sheet from the Appointments page.

The confirmation (Ctrl+I), the letter about the chosen appointment or the change just made
(Ctrl+Shift+W), and the day sheet (Ctrl+P).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reception_app.ui.dialogs.appointment_confirmation_dialog import ConfirmationDetailsDialog
from reception_app.ui.dialogs.letter_dialog import LetterDialog, letter_dialog_for
from reception_app.ui.panels.appointment_letter_offer import LetterOffer
from reception_app.ui.text import long_day

if TYPE_CHECKING:
    from reception_app.ui.pages.appointments_page import AppointmentsPage


class AppointmentDocuments:
    """The letter dialog opens through ``page.show_letter`` and the day sheet's file through
    ``page.choose_sheet_path``/``page.open_document``, the seams tests replace."""

    def __init__(self, page: AppointmentsPage) -> None:
        self.page = page

    # --- letters ------------------------------------------------------------------------------

    def confirmation(self) -> None:
        """Ctrl+I: the confirmation letter for the chosen appointment, in the customer's
        preferred format; its "Details to read out" button shows the same facts on screen."""
        appointment = self.page.need_selection("write its confirmation letter")
        if appointment is None:
            return
        self._write(LetterOffer(appointment.id, "appointment_confirmation"))

    def show_confirmation_details(self, appointment_id: int) -> None:
        page = self.page
        details = page.run(
            "Confirmation letter",
            lambda: page.state.services.appointments().confirmation_details(appointment_id),
        )
        if isinstance(details, dict):
            ConfirmationDetailsDialog(details, page).exec()

    def write_letter(self) -> None:
        """Ctrl+Shift+W: the letter offered (after a move or cancellation), else the letter
        about the chosen appointment."""
        page = self.page
        appointment = page.selected_appointment()
        offer = page.letter_offer.offer
        if offer is not None and (appointment is None or appointment.id == offer.appointment_id):
            self._write(offer)
        elif appointment is None:
            page.need_selection("write a letter")
        else:
            self._write(page.letter_offer.letter_for(appointment))

    def letter_dialog(self, letter: LetterOffer) -> LetterDialog:
        from reception_app.services.letter_service import LetterSource

        appointment_id = letter.appointment_id
        return letter_dialog_for(
            self.page.state,
            LetterSource("appointment", appointment_id),
            letter.template_key,
            self.page,
            prefill=letter.prefill,
            extra_buttons=[
                (
                    "&Details to read out...",
                    lambda: self.page.show_confirmation_details(appointment_id),
                )
            ],
        )

    def _write(self, letter: LetterOffer) -> None:
        page = self.page
        offer = page.letter_offer.offer
        dialog = page.run("Letter", lambda: self.letter_dialog(letter))
        if not isinstance(dialog, LetterDialog):
            return
        page.letter_offer.set_offer(offer)  # run() cleared the message (and the offer) first
        dialog.finished.connect(lambda _result: self._letter_closed(dialog))
        page.show_letter(dialog)

    def _letter_closed(self, dialog: LetterDialog) -> None:
        if dialog.sent:
            title = dialog.produced.draft.template.title if dialog.produced else "Letter"
            self.page.say(f"'{title}' recorded as sent.")  # and the offer, if any, goes
            self.page.state.data_changed.emit()

    # --- the day sheet ------------------------------------------------------------------------

    def print_day_sheet(self) -> None:
        """Save the day shown as a PDF and open it to print."""
        from reception_app.documents.day_sheet import write_day_sheet

        page = self.page
        day = page.shown_day()
        path = page.choose_sheet_path(Path.home() / f"day-sheet-{day:%Y-%m-%d}.pdf")
        if path is None:
            return
        if path.suffix == "":
            path = path.with_suffix(".pdf")
        services = page.state.services
        office_name, officers, zone = page.office_name(), page.officer_names(), page.zone

        def write() -> Path:
            appointments = services.appointments().day(day)
            return write_day_sheet(
                path,
                office_name,
                day,
                appointments,
                zone,
                officers=officers,
                printed_at=services.context.clock(),
            )

        saved = page.run("Day sheet", write)
        if isinstance(saved, Path):
            page.say(f"Day sheet for {long_day(day)} saved to {saved}.")
            page.open_document(saved)
