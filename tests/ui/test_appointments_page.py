"""The Appointments page on a real database: book through the dialog and see the block on the
timeline, click a free time to book there, arrive (ticket), seen, no-show, cancel, week view,
and the day sheet PDF read back."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from reception_app.domain.appointments import Appointment, AppointmentStatus
from reception_app.domain.people import StaffMember
from reception_app.domain.shifts import Shift
from reception_app.services.appointment_service import BookingRequest
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.appointment_booking_dialog import BookAppointmentDialog
from reception_app.ui.dialogs.appointment_cancel_dialog import CancelAppointmentDialog
from reception_app.ui.dialogs.appointment_confirmation_dialog import ConfirmationDetailsDialog
from reception_app.ui.pages.appointments_page import AppointmentsPage
from tests.conftest import FixedClock


@pytest.fixture
def page(qtbot, state: DeskState, colleagues: dict[str, StaffMember]) -> AppointmentsPage:  # type: ignore[no-untyped-def]
    page = AppointmentsPage(state)
    qtbot.addWidget(page)
    page.resize(1200, 860)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    return page


def _at(services: AppServices, d: int, hh: int, mm: int) -> datetime:
    return datetime(2026, 11, d, hh, mm, tzinfo=services.appointments().calendar().zone)


def _book(
    services: AppServices, actor: StaffMember, name: str, d: int, hh: int, mm: int, **fields: object
) -> Appointment:
    service = str(fields.pop("service", "general"))
    return services.appointments().book(
        actor,
        BookingRequest(service, _at(services, d, hh, mm), customer_name=name, **fields),  # type: ignore[arg-type]
    )


def _rows(page: AppointmentsPage) -> list[list[str]]:
    model = page.table.model()
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_book_through_the_dialog_and_see_the_block_on_the_timeline(
    qtbot,
    page: AppointmentsPage,
    services: AppServices,
    colleagues: dict[str, StaffMember],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    officers = [c.title for c in page.timeline.columns]
    assert officers == ["Margaret Clerk", "Olu Jones", "Priya Shah", "Tom Reed"]
    assert page.day_title.text() == "Tuesday 24 November 2026: open 09:30–16:00"

    def fill_and_book(dialog: BookAppointmentDialog) -> int:
        dialog.customer.setText("Zoë Adams")
        dialog.service.setCurrentIndex(dialog.service.findData("burials"))
        dialog.find_button.click()
        dialog.slots.itemClicked.emit(dialog.slots.item(0))
        dialog.book_button.click()
        return dialog.result()

    monkeypatch.setattr(BookAppointmentDialog, "exec", fill_and_book)
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    [block] = page.timeline.blocks
    assert block.title == "Zoë Adams" and block.start == 11 * 60 + 30  # first free after notice
    assert block.column == colleagues["Margaret"].id
    assert "Booked: Zoë Adams, Cemetery and burials with Margaret Clerk" in page.message_text
    assert _rows(page) == [
        [
            "11:30-11:50",
            "Zoë Adams",
            "Cemetery and burials",
            "Margaret Clerk (any of the team)",
            "Interview Room",
            "—",
            "Booked",
        ]
    ]
    # The new appointment is chosen in both the timeline and the list.
    assert page.timeline.selected() == page.selected_appointment().id  # type: ignore[union-attr]


def test_clicking_a_block_chooses_it_and_a_free_cell_books_there(
    qtbot,
    page: AppointmentsPage,
    services: AppServices,
    colleagues: dict[str, StaffMember],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    priya, tom = colleagues["Priya"], colleagues["Tom"]
    first = _book(services, priya, "First", 24, 12, 0, staff_id=priya.id)
    second = _book(services, priya, "Second", 24, 14, 0, staff_id=tom.id, minutes=30)
    page.refresh()
    rect = page.timeline.block_rect(second.id)
    qtbot.mouseClick(page.timeline, Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.selected_appointment() == services.appointments().appointment(second.id)
    assert page.table.selectionModel().selectedRows()[0].row() == 1
    page.select_appointment(first.id)
    assert page.timeline.selected() == first.id

    seen: dict[str, object] = {}

    def capture(dialog: BookAppointmentDialog) -> int:
        seen["officer"] = dialog.officer.currentData()
        seen["time"] = dialog.at.time().toString("HH:mm")
        seen["day"] = dialog.day.date().toString("yyyy-MM-dd")
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(BookAppointmentDialog, "exec", capture)
    point = page.timeline.cell_point(tom.id, 15 * 60)
    qtbot.mouseClick(page.timeline, Qt.MouseButton.LeftButton, pos=point)
    assert seen == {"officer": tom.id, "time": "15:00", "day": "2026-11-24"}

    # The keyboard does the same: the cursor moves onto blocks and Enter on a free cell books.
    page.timeline.setFocus()
    qtbot.keyClick(page.timeline, Qt.Key.Key_Home)
    assert (
        "free (Enter to book)" in page.timeline.cursor_text()
        or "closed" in page.timeline.cursor_text()
    )


def test_arrived_gives_a_ticket_then_seen(
    page: AppointmentsPage, services: AppServices, colleagues: dict[str, StaffMember]
) -> None:
    priya = colleagues["Priya"]
    booked = _book(services, priya, "Olu's neighbour", 24, 11, 30, staff_id=priya.id)
    page.refresh()
    page.select_appointment(booked.id)
    page.arrived_button.click()
    assert page.message_text.startswith("Ticket G001: Olu's neighbour for General enquiry")
    assert _rows(page)[0][-1] == "Arrived (G001)"
    assert [v.ticket for v in services.queue().waiting()] == ["G001"]
    page.arrived_button.click()  # twice is refused politely
    assert "has already arrived (G001)" in page.message_text
    page.seen_button.click()
    assert _rows(page)[0][-1] == "Seen"
    assert page.timeline.blocks[0].kind == "seen"
    assert services.queue().waiting() == []  # the ticket is finished too, nobody calls it later


def test_no_show_after_the_start_and_cancel_with_a_reason(
    page: AppointmentsPage,
    services: AppServices,
    colleagues: dict[str, StaffMember],
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    priya = colleagues["Priya"]
    late = _book(services, priya, "Late Larry", 24, 11, 30, staff_id=priya.id)
    keep = _book(services, priya, "Cancel Carol", 24, 14, 0, staff_id=priya.id)
    page.refresh()
    page.select_appointment(late.id)
    monkeypatch.setattr(page, "confirm", lambda title, question: True)
    page.no_show_button.click()
    assert "has not started yet" in page.message_text
    clock.now += timedelta(hours=1, minutes=30)
    page.no_show_button.click()
    assert page.message_text == "Late Larry is recorded as did not come."
    assert services.appointments().appointment(late.id).status is AppointmentStatus.NO_SHOW

    def cancel_with_reason(dialog: CancelAppointmentDialog) -> int:
        dialog.reason.setCurrentText("Customer asked to cancel")
        dialog.cancel_button.click()
        return dialog.result()

    monkeypatch.setattr(CancelAppointmentDialog, "exec", cancel_with_reason)
    page.select_appointment(keep.id)
    page.cancel_button.click()
    assert page.message_text.startswith("Cancelled: Cancel Carol")
    statuses = {r[1]: r[-1] for r in _rows(page)}
    assert statuses["Cancel Carol"] == "Cancelled: Customer asked to cancel"
    # The timeline shows only appointments that still take time.
    assert [b.title for b in page.timeline.blocks] == ["Late Larry"]


def test_nothing_chosen_is_explained(page: AppointmentsPage) -> None:
    page.seen_button.click()
    assert page.message_text == "Choose an appointment in the timeline or the list to mark seen."


def test_week_view_shows_one_officers_days_and_closed_days(
    page: AppointmentsPage,
    services: AppServices,
    colleagues: dict[str, StaffMember],
    manager: StaffMember,
) -> None:
    priya = colleagues["Priya"]
    _book(services, priya, "Wednesday person", 25, 10, 0, staff_id=priya.id)
    services.appointments().add_absence(
        manager, priya.id, date(2026, 11, 27), date(2026, 11, 27), "Training"
    )
    page.week_officer.setCurrentIndex(page.week_officer.findData(priya.id))
    page.week_button.click()
    titles = [c.title for c in page.timeline.columns]
    assert titles == ["Mon 23 Nov", "Tue 24 Nov", "Wed 25 Nov", "Thu 26 Nov", "Fri 27 Nov"]
    friday = page.timeline.columns[-1]
    assert friday.note == "Away: Training" and friday.open_spans == ()
    assert [b.title for b in page.timeline.blocks] == ["Wednesday person"]
    assert page.day_title.text() == "Week of Monday 23 November 2026: Priya Shah"
    page.navigator.next_button.click()  # a week on
    assert page.timeline.columns[0].title == "Mon 30 Nov"


def test_a_bank_holiday_says_so(page: AppointmentsPage) -> None:
    page.navigator.set_day(date(2026, 12, 25))
    assert page.day_title.text() == "Friday 25 December 2026: Closed (bank holiday): Christmas Day"
    assert page.timeline.message == "Closed (bank holiday): Christmas Day"
    assert all(c.open_spans == () for c in page.timeline.columns)


def test_working_pattern_shades_the_officers_column(
    page: AppointmentsPage,
    services: AppServices,
    colleagues: dict[str, StaffMember],
    manager: StaffMember,
) -> None:
    olu = colleagues["Olu"]
    services.appointments().set_working_pattern(
        manager, olu.id, [Shift.from_text(1, "13:00", "16:00")]
    )
    page.refresh()
    column = next(c for c in page.timeline.columns if c.key == olu.id)
    assert column.open_spans == ((13 * 60, 16 * 60),)
    page.navigator.next_button.click()  # Wednesday: not working
    column = next(c for c in page.timeline.columns if c.key == olu.id)
    assert column.open_spans == () and column.note == "Not working"


def test_the_day_sheet_is_saved_and_read_back(
    page: AppointmentsPage,
    services: AppServices,
    colleagues: dict[str, StaffMember],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    priya, tom = colleagues["Priya"], colleagues["Tom"]
    _book(
        services, priya, "Zoë Adams", 24, 11, 30, staff_id=priya.id, interpreter_language="Polish"
    )
    _book(services, priya, "Gwenllïan ap Ŵyn", 24, 12, 0, staff_id=tom.id)
    page.refresh()
    target = tmp_path / "sheet.pdf"
    opened: list[Path] = []
    monkeypatch.setattr(page, "choose_sheet_path", lambda suggested: target)
    monkeypatch.setattr(page, "open_document", opened.append)
    page.sheet_button.click()
    assert opened == [target]
    assert page.message_text == f"Day sheet for Tuesday 24 November 2026 saved to {target}."
    text = " ".join((p.extract_text() or "") for p in PdfReader(target).pages)
    assert "Day sheet: Tuesday 24 November 2026" in text
    assert "Priya Shah: 1 appointment" in text and "Tom Reed: 1 appointment" in text
    assert "Zoë Adams" in text and "Gwenllïan ap Ŵyn" in text
    assert "Polish interpreter" in text


def test_confirmation_letter_details_open_read_only(
    page: AppointmentsPage,
    services: AppServices,
    colleagues: dict[str, StaffMember],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    priya = colleagues["Priya"]
    booked = _book(services, priya, "Zoë Adams", 25, 10, 0, staff_id=priya.id)
    page.navigator.next_button.click()
    page.select_appointment(booked.id)
    shown: list[str] = []
    monkeypatch.setattr(
        ConfirmationDetailsDialog, "exec", lambda dialog: shown.append(dialog.text()) or 0
    )
    # Ctrl+I now opens the letter itself (tests/ui/test_letters_from_pages.py); the details
    # stay one button away in it, for reading out on the phone.
    page.show_confirmation_details(booked.id)
    assert shown and "Date: Wednesday 25 November 2026" in shown[0]
    assert "Officer: Priya Shah" in shown[0]


# --- Settings: officers' hours --------------------------------------------------------------


def test_officers_hours_tab_saves_a_pattern_and_times_away(
    qtbot, state: DeskState, services: AppServices, colleagues: dict[str, StaffMember]
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate

    from reception_app.ui.pages.settings_page import SettingsPage

    settings = SettingsPage(state)
    qtbot.addWidget(settings)
    settings.resize(1200, 780)
    settings.show()
    settings.refresh()
    settings.show_tab("Officers' hours")
    tab = settings.officer_hours_tab
    olu = colleagues["Olu"]
    tab.officer.setCurrentIndex(tab.officer.findData(olu.id))
    assert all(d.placeholderText() == "Whenever the office is open" for d in tab.days)

    tab.days[1].setText("13:00-16:00")
    tab.days[2].setText("9:30 to 12:30, 12:00-13:00")
    tab.save_button.click()
    assert tab.errors.message_for("wednesday") == "Wednesday: the working times overlap."
    assert services.appointments().working_pattern(olu.id) == []
    tab.days[2].setText("9:30-12:30")
    tab.save_button.click()
    assert services.appointments().working_pattern(olu.id) == [
        Shift.from_text(1, "13:00", "16:00"),
        Shift.from_text(2, "09:30", "12:30"),
    ]
    assert tab.status.text().startswith("Working pattern for Olu Jones saved at")
    assert tab.days[0].placeholderText() == "Not working"

    tab.first_day.setDate(QDate(2026, 12, 1))
    tab.last_day.setDate(QDate(2026, 12, 4))
    tab.reason.setText("Annual leave")
    tab.add_button.click()
    assert tab.absence_rows() == [["Tue 1 Dec 2026", "Fri 4 Dec 2026", "Annual leave"]]
    assert [
        (a.first_day.isoformat(), a.reason) for a in services.appointments().absences(olu.id)
    ] == [("2026-12-01", "Annual leave")]
    tab.absences.setCurrentCell(0, 0)
    tab.remove_button.click()
    assert tab.absence_rows() == []


def test_officers_hours_are_read_only_for_everyone_but_managers(
    qtbot, state: DeskState, colleagues: dict[str, StaffMember]
) -> None:  # type: ignore[no-untyped-def]
    from reception_app.ui.pages.settings_page import SettingsPage

    state.actor = colleagues["Rita"]
    settings = SettingsPage(state)
    qtbot.addWidget(settings)
    settings.show()
    settings.refresh()
    tab = settings.officer_hours_tab
    assert not settings.manager_note.isHidden()
    assert tab.days[0].isReadOnly()
    assert tab.save_button.isHidden() and tab.add_button.isHidden()
