"""Letters written from the pages that produce them: the appointment confirmation (Ctrl+I) and
the letters offered after a move or a cancellation, the correspondence letter chosen by channel
and state (and offered after a holding response), the day's batch saved as PDFs to a folder from
the Correspondence page, and the call-back confirmation from Messages. Real widgets, real PDFs
read back, real rows recorded."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QWidget

from reception_app.domain.correspondence import CorrespondenceDraft
from reception_app.domain.letters import LetterFormat
from reception_app.domain.messages import MessageDraft
from reception_app.domain.people import PreferredFormat, StaffMember
from reception_app.services.appointment_service import BookingRequest
from reception_app.services.container import AppServices
from reception_app.services.letter_service import (
    LetterRequest,
    LetterService,
    LetterSource,
    correspondence_letter,
)
from reception_app.services.report_service import ReportService
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.appointment_booking_dialog import BookAppointmentDialog
from reception_app.ui.dialogs.appointment_cancel_dialog import CancelAppointmentDialog
from reception_app.ui.dialogs.appointment_confirmation_dialog import ConfirmationDetailsDialog
from reception_app.ui.dialogs.correspondence_action_dialog import (
    HOLDING,
    CorrespondenceActionDialog,
)
from reception_app.ui.dialogs.letter_dialog import LetterDialog
from reception_app.ui.letter_batch import SAVE_PDFS, saved_message
from reception_app.ui.pages.appointments_page import AppointmentsPage
from reception_app.ui.pages.correspondence_page import CorrespondencePage
from reception_app.ui.pages.messages_page import MessagesPage
from tests.documents.pdf_checks import read_pdf, squash
from tests.services.letter_fixtures import add_contact

Staff = dict[str, StaffMember]


def shot(widget: QWidget, name: str) -> None:
    """Save a picture to look at when RECEPTION_SHOTS names a folder."""
    folder = os.environ.get("RECEPTION_SHOTS")
    if folder:
        widget.grab().save(os.path.join(folder, f"{name}.png"))


def _show(qtbot, widget: QWidget, width: int = 1200, height: int = 820) -> None:  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    _activate(qtbot, widget)


def _activate(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Shortcuts work in the active window (in the app: the main window)."""
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=5000)


class Shown:
    """Stands in for ``page.show_letter`` (the modal exec): keeps the dialog to drive it."""

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.dialogs: list[LetterDialog] = []

    def __call__(self, dialog: LetterDialog) -> None:
        self.qtbot.addWidget(dialog)
        dialog.resize(1100, 800)  # as on a desk's screen (the offscreen one is 800 wide)
        dialog.show()
        self.dialogs.append(dialog)

    @property
    def last(self) -> LetterDialog:
        return self.dialogs[-1]


def _wait(qtbot, dialog: LetterDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: dialog.produced is not None and dialog.save_button.isEnabled(), timeout=15000
    )


def _save(qtbot, dialog: LetterDialog, path: Path) -> str:  # type: ignore[no-untyped-def]
    _wait(qtbot, dialog)
    assert dialog.save_to(path)
    return squash(" ".join(read_pdf(path.read_bytes()).pages))


# --- appointments ------------------------------------------------------------------------------


@pytest.fixture
def appointments(qtbot, state: DeskState, colleagues: Staff) -> AppointmentsPage:  # type: ignore[no-untyped-def]
    page = AppointmentsPage(state)
    _show(qtbot, page, 1200, 860)
    page.refresh()
    return page


def _book(services: AppServices, actor: StaffMember, **fields: object) -> int:
    zone = services.appointments().calendar().zone
    start = fields.pop("start", datetime(2026, 11, 24, 14, 0, tzinfo=zone))
    return (
        services.appointments()
        .book(
            actor,
            BookingRequest("general", start, **fields),  # type: ignore[arg-type]
        )
        .id
    )


def test_ctrl_i_opens_the_confirmation_letter_in_the_customers_format(
    qtbot,
    appointments: AppointmentsPage,
    state: DeskState,
    colleagues: Staff,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    services, priya = state.services, colleagues["Priya"]
    contact = add_contact(services, priya, fmt=PreferredFormat.LARGE_PRINT, size=20)
    booked = _book(
        services, priya, staff_id=priya.id, customer_name=contact.full_name, contact_id=contact.id
    )
    appointments.refresh()
    appointments.select_appointment(booked)
    shown = Shown(qtbot)
    monkeypatch.setattr(appointments, "show_letter", shown)
    qtbot.keyClick(appointments, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = shown.last
    assert dialog.template.currentData() == "appointment_confirmation"
    assert dialog.format.currentData() == "large_print" and dialog.point_size.currentData() == 20
    # The read-only details stay one button away, for reading out on the phone.
    [details] = dialog.extra_buttons
    read_out: list[str] = []
    monkeypatch.setattr(ConfirmationDetailsDialog, "exec", lambda d: read_out.append(d.text()) or 0)
    details.click()
    assert "Officer: Priya Shah" in read_out[0]
    _wait(qtbot, dialog)
    shot(dialog, "letter-appointment-confirmation")
    text = _save(qtbot, dialog, tmp_path / "confirmation.pdf")
    assert "Tuesday 24 November 2026" in text and "Time: 14:00" in text
    assert f"A-{booked:05d}" in text
    assert 20.0 in read_pdf((tmp_path / "confirmation.pdf").read_bytes()).font_sizes
    [sent] = services.letters().sent_letters(LetterSource("appointment", booked))
    assert (sent.template_key, sent.format, sent.font_size) == (
        "appointment_confirmation",
        LetterFormat.LARGE_PRINT,
        20,
    )
    assert sent.staff_name == state.actor.full_name  # type: ignore[union-attr]


def test_a_move_offers_the_changed_letter_with_the_old_time_filled_in(
    qtbot,
    appointments: AppointmentsPage,
    state: DeskState,
    colleagues: Staff,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    services, priya = state.services, colleagues["Priya"]
    contact = add_contact(services, priya, name="Gwenllïan ap Ŵyn")
    booked = _book(
        services, priya, staff_id=priya.id, customer_name=contact.full_name, contact_id=contact.id
    )
    appointments.refresh()
    appointments.select_appointment(booked)

    def move(dialog: BookAppointmentDialog) -> int:
        dialog.find_button.click()
        dialog.slots.itemClicked.emit(dialog.slots.item(dialog.slots.count() - 1))
        dialog.book_button.click()
        return dialog.result()

    monkeypatch.setattr(BookAppointmentDialog, "exec", move)
    appointments.move_button.click()
    assert appointments.message_text.startswith("Moved: Gwenllïan ap Ŵyn")
    offer = appointments.letter_offer
    assert offer.isVisible() and "change" in offer.text() and offer.hasFocus()
    shot(appointments, "appointments-letter-offer")
    shown = Shown(qtbot)
    monkeypatch.setattr(appointments, "show_letter", shown)
    offer.click()
    dialog = shown.last
    assert dialog.template.currentData() == "appointment_changed"
    assert dialog._value_edits["previous_date"].text() == "Tuesday 24 November 2026"
    assert dialog._value_edits["previous_time"].text() == "14:00"
    dialog.set_value("change_reason", "The officer is on a training course.")
    text = _save(qtbot, dialog, tmp_path / "changed.pdf")
    assert "It was on Tuesday 24 November 2026 at 14:00" in text
    assert "Gwenllïan ap Ŵyn" in text
    [sent] = services.letters().sent_letters(LetterSource("appointment", booked))
    assert sent.template_key == "appointment_changed"


def test_a_cancellation_offers_the_cancelled_letter_and_ctrl_shift_w_opens_it(
    qtbot,
    appointments: AppointmentsPage,
    state: DeskState,
    colleagues: Staff,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    services, priya = state.services, colleagues["Priya"]
    contact = add_contact(services, priya, name="A & B <b> Smith")
    booked = _book(
        services, priya, staff_id=priya.id, customer_name=contact.full_name, contact_id=contact.id
    )
    appointments.refresh()
    appointments.select_appointment(booked)

    def cancel(dialog: CancelAppointmentDialog) -> int:
        dialog.reason.setCurrentText("The office is closed for a power cut")
        dialog.cancel_button.click()
        return dialog.result()

    monkeypatch.setattr(CancelAppointmentDialog, "exec", cancel)
    appointments.cancel_button.click()
    assert appointments.letter_offer.isVisible()
    assert "cancellation" in appointments.letter_offer.text()
    shown = Shown(qtbot)
    monkeypatch.setattr(appointments, "show_letter", shown)
    qtbot.keyClick(
        appointments,
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = shown.last
    assert dialog.template.currentData() == "appointment_cancelled"
    text = _save(qtbot, dialog, tmp_path / "cancelled.pdf")
    assert "A & B <b> Smith" in text and "The office is closed for a power cut" in text
    dialog.close()
    assert not appointments.letter_offer.isVisible()  # sent: the offer goes
    assert "'Appointment cancelled' recorded as sent." in appointments.message_text


def test_a_letter_for_nothing_chosen_is_explained(appointments: AppointmentsPage) -> None:
    appointments.write_letter()
    assert "Choose an appointment" in appointments.message_text


# --- correspondence ----------------------------------------------------------------------------


@pytest.fixture
def correspondence(qtbot, state: DeskState, colleagues: Staff) -> CorrespondencePage:  # type: ignore[no-untyped-def]
    page = CorrespondencePage(state)
    _show(qtbot, page, 1200, 780)
    page.refresh()
    return page


def _log(services: AppServices, actor: StaffMember, channel: str, **fields: object) -> int:
    received = fields.pop("received", datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    assert isinstance(received, datetime)
    draft = CorrespondenceDraft(
        channel,
        received,
        str(fields.pop("name", "Siobhán O'Neill")),
        str(fields.pop("subject", "the hedge on Woodview Road")),
        actor.id,
        **fields,  # type: ignore[arg-type]
    )
    return services.correspondence().log(actor, draft).id


def test_the_letter_follows_the_channel_and_the_state() -> None:
    assert correspondence_letter("foi", held=False, answered=False) == (
        "information_request_acknowledgement"
    )
    assert correspondence_letter("sar", held=False, answered=False) == (
        "information_request_acknowledgement"
    )
    assert correspondence_letter("complaint", held=False, answered=False) == (
        "complaint_acknowledgement"
    )
    assert correspondence_letter("email", held=False, answered=False) == "acknowledgement"
    assert correspondence_letter("foi", held=True, answered=False) == "holding_response"
    assert correspondence_letter("complaint", held=True, answered=True) == "not_satisfied"


def test_write_a_letter_for_a_complaint_then_a_holding_response_is_offered(
    qtbot,
    correspondence: CorrespondencePage,
    state: DeskState,
    colleagues: Staff,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    services, tom = state.services, colleagues["Tom"]
    contact = add_contact(services, tom, fmt=PreferredFormat.LARGE_PRINT, size=24)
    item_id = _log(services, tom, "complaint", contact_id=contact.id, name=contact.full_name)
    correspondence.refresh_log(item_id)
    assert correspondence.letter_button.isEnabled()
    shown = Shown(qtbot)
    monkeypatch.setattr(correspondence, "show_letter", shown)
    correspondence.letter_button.click()
    dialog = shown.last
    assert dialog.template.currentData() == "complaint_acknowledgement"
    assert dialog.format.currentData() == "large_print" and dialog.point_size.currentData() == 24
    text = _save(qtbot, dialog, tmp_path / "complaint.pdf")
    assert f"CMP-{item_id:06d}" in text and "Tom Reed" in text  # the log's own reference
    assert 24.0 in read_pdf((tmp_path / "complaint.pdf").read_bytes()).font_sizes
    dialog.close()
    assert "'Complaint acknowledgement' for CMP-" in correspondence.log_status.text()

    def hold(action: CorrespondenceActionDialog) -> int:
        action.reason.setPlainText("We are waiting for a report from the tree officer.")
        action.expected.setDate(QDate(2026, 12, 18))
        action.save()
        return QDialog.DialogCode.Accepted if action.result_value is not None else 0

    monkeypatch.setattr(CorrespondenceActionDialog, "exec", hold)
    correspondence.log_action(HOLDING)
    assert correspondence.letter_offer.isVisible()
    assert "Holding response recorded" in correspondence.log_status.text()
    shot(correspondence, "correspondence-letter-offer")
    _activate(qtbot, correspondence)
    qtbot.keyClick(
        correspondence,
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = shown.last
    assert dialog.template.currentData() == "holding_response"
    assert not dialog._value_edits  # reason and expected date come from the record
    text = _save(qtbot, dialog, tmp_path / "holding.pdf")
    assert "We are waiting for a report from the tree officer." in text
    assert "Friday 18 December 2026" in text
    dialog.close()
    assert not correspondence.letter_offer.isVisible()
    keys = [
        s.template_key
        for s in services.letters().sent_letters(LetterSource("correspondence", item_id))
    ]
    assert keys == ["holding_response", "complaint_acknowledgement"]


def test_letters_due_today_saved_as_pdfs_from_the_correspondence_page(
    qtbot,
    correspondence: CorrespondencePage,
    state: DeskState,
    colleagues: Staff,
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    services, tom = state.services, colleagues["Tom"]
    # Hellesdon acknowledges complaints in 5 working days and emails in 72 working hours.
    siobhan = add_contact(services, tom, name="Siobhán O'Neill")
    zoe = add_contact(services, tom, name="Zoë Adams", fmt=PreferredFormat.LARGE_PRINT)
    complaint = _log(
        services,
        tom,
        "complaint",
        received=datetime(2026, 11, 16, 9, tzinfo=UTC),
        contact_id=siobhan.id,
    )
    email = _log(
        services,
        tom,
        "email",
        subject="a blocked drain",
        name="Zoë Adams",
        received=datetime(2026, 11, 19, 9, tzinfo=UTC),
        contact_id=zoe.id,
    )
    # Issue 13 point 17: an e-mail with no postal address still gets its PDF (to attach).
    no_address = _log(
        services,
        tom,
        "email",
        subject="a pothole",
        name="Ana Nowak",
        received=datetime(2026, 11, 19, 9, tzinfo=UTC),
        from_email="ana@example.co.uk",
    )
    due = services.letters().due_today()
    assert {r.source.id for r in due} == {complaint, email, no_address}
    folder = tmp_path / "out"
    dialog = correspondence.print_letters_due(how=SAVE_PDFS, folder=folder)
    assert dialog is not None
    result = correspondence.batch_result
    qtbot.waitUntil(lambda: "saved as PDFs" in result.text(), timeout=60000)
    assert "3 letters saved as PDFs" in result.text() and "recorded as sent" in result.text()
    # The result stays where the batch was started, after the log has reloaded.
    qtbot.waitUntil(lambda: "items in" in correspondence.log_status.text(), timeout=60000)
    assert "3 letters saved as PDFs" in result.text() and result.isVisibleTo(correspondence)
    pdfs = sorted(p.name for p in folder.iterdir())
    assert pdfs == sorted(
        [
            f"CMP-{complaint:06d}-complaint_acknowledgement.pdf",
            f"EM-{email:06d}-acknowledgement.pdf",
            f"EM-{no_address:06d}-acknowledgement.pdf",
        ]
    )  # and no .part file left
    emailed = folder / f"EM-{no_address:06d}-acknowledgement.pdf"
    assert "By email: ana@example.co.uk" in squash(" ".join(read_pdf(emailed.read_bytes()).pages))
    shot(correspondence, "correspondence-batch-result")
    letter = folder / f"CMP-{complaint:06d}-complaint_acknowledgement.pdf"
    text = squash(" ".join(read_pdf(letter.read_bytes()).pages))
    assert "Siobhán O'Neill" in text and f"CMP-{complaint:06d}" in text
    for request in due:
        [sent] = services.letters().sent_letters(request.source)
        assert sent.delivery == "pdf" and Path(sent.file_name).parent == folder
    assert services.letters().due_today() == []  # recorded: not due again
    correspondence.print_letters_due(how=SAVE_PDFS, folder=folder)
    assert correspondence.batch_result.text() == "No letters are due today."


def _produced(letters: LetterService, services: AppServices, actor: StaffMember, n: int):  # type: ignore[no-untyped-def]
    requests = [
        LetterRequest(
            "not_satisfied",
            LetterSource("contact", add_contact(services, actor, name=f"Customer {i}").id or 0),
            extra={"about": "the hedge"},
        )
        for i in range(n)
    ]
    return letters.produce_batch(requests, actor)


def test_a_file_that_cannot_be_written_is_not_recorded_and_nothing_half_written_is_left(
    state: DeskState, manager: StaffMember, tmp_path: Path
) -> None:
    services = state.services
    letters = services.letters()
    produced = _produced(letters, services, manager, 3)
    folder = tmp_path / "out"
    # Something in the way of the second letter's temporary file: its write fails.
    second = letters.batch_file_name(produced[1], folder, set())
    (folder / (second.name + ".part")).mkdir(parents=True)
    result = letters.save_batch(produced, folder, manager)
    assert len(result.ids) == 1 and len(result.paths) == 1 and not result.stopped
    assert "could not be written" in result.problem and second.name in result.problem
    files = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert files == [result.paths[0].name]
    recorded = [bool(letters.sent_letters(p.draft.request.source)) for p in produced]
    assert recorded == [True, False, False]
    message = saved_message(result, folder)
    assert message.startswith("1 letter saved as PDF in") and "not marked as sent" in message


def test_stopping_part_way_records_exactly_the_files_written(
    state: DeskState, manager: StaffMember, tmp_path: Path
) -> None:
    services = state.services
    letters = services.letters()
    produced = _produced(letters, services, manager, 4)
    folder = tmp_path / "out"
    result = letters.save_batch(produced, folder, manager, lambda done: done < 2)
    assert result.stopped and len(result.ids) == 2
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in result.paths)
    assert [bool(letters.sent_letters(p.draft.request.source)) for p in produced] == [
        True,
        True,
        False,
        False,
    ]
    assert saved_message(result, folder).startswith("Stopped after 2 of 4 letters")
    # Saving the same letters again never overwrites the files already there.
    again = letters.save_batch(produced[:1], folder, manager)
    assert again.paths[0].name.endswith("-2.pdf")


# --- messages ----------------------------------------------------------------------------------


def test_call_back_confirmation_letter_from_the_messages_page(
    qtbot,
    state: DeskState,
    colleagues: Staff,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    services, tom, rita = state.services, colleagues["Tom"], colleagues["Rita"]
    contact = add_contact(services, rita, fmt=PreferredFormat.LARGE_PRINT, size=16)
    message = services.messages().take(
        rita,
        MessageDraft(
            contact.full_name,
            "a missed bin",
            "",
            tom.id,
            caller_phone="0161 496 0123",
            contact_id=contact.id,
        ),
    )
    page = MessagesPage(state)
    _show(qtbot, page)
    page.view.setCurrentIndex(page.view.findData("open"))
    page.refresh_messages(message.id)
    assert page.letter_button.isEnabled()
    shot(page, "messages-letter-button")
    shown = Shown(qtbot)
    monkeypatch.setattr(page, "show_letter", shown)
    page.messages_view.setFocus()
    qtbot.keyClick(
        page.messages_view,
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = shown.last
    assert dialog.template.currentData() == "callback_confirmation"
    assert dialog.format.currentData() == "large_print" and dialog.point_size.currentData() == 16
    # The message has a due date but no time: the desk types the time promised.
    assert list(dialog._value_edits) == ["callback_time"]
    dialog.set_value("callback_time", "2pm")
    _wait(qtbot, dialog)
    shot(dialog, "letter-callback")
    text = _save(qtbot, dialog, tmp_path / "callback.pdf")
    assert "0161 496 0123" in text and "a missed bin" in text and "Tom Reed" in text
    assert 16.0 in read_pdf((tmp_path / "callback.pdf").read_bytes()).font_sizes
    [sent] = services.letters().sent_letters(LetterSource("message", message.id))
    assert sent.template_key == "callback_confirmation"
    dialog.close()
    assert "recorded as sent" in page.status.text()


# --- the container's accessors -----------------------------------------------------------------


def test_letters_and_reports_of_the_running_office(
    services: AppServices, colleagues: Staff
) -> None:
    assert isinstance(services.letters(), LetterService)
    reports = services.reports(colleagues["Margaret"])
    assert isinstance(reports, ReportService)
    assert reports.today() == date(2026, 11, 24)
