"""Appointments on the Today page: one-click booking of the alternative, arrivals with their
booked time, the late prompt and a private room now."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from reception_app.domain.appointments import AppointmentStatus
from reception_app.domain.people import Role, StaffMember
from reception_app.domain.visits import VisitStatus
from reception_app.services.appointment_service import BookingRequest
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.appointment_delay_dialog import AppointmentDelayDialog
from reception_app.ui.dialogs.arrival_dialog import ArrivalDialog
from reception_app.ui.dialogs.check_in_dialog import CheckInDialog
from reception_app.ui.models.appointment_table_model import status_text
from reception_app.ui.models.queue_table_model import QueueTableModel
from reception_app.ui.pages.today_page import TodayPage
from tests.conftest import FixedClock
from tests.ui.test_today_queue import _press, _when_open, page  # noqa: F401 - fixture

LONDON = ZoneInfo("Europe/London")


def _officer(services: AppServices, manager: StaffMember) -> StaffMember:
    return services.staff.save_staff(
        manager, "hellesdon", StaffMember(0, "obrown", "Olu Brown", Role.OFFICER), "officer-pass-1"
    )


def test_the_offered_time_is_booked_in_one_click_and_the_ticket_withdrawn(
    qtbot,
    page: TodayPage,  # noqa: F811
    services: AppServices,
    manager: StaffMember,
) -> None:  # type: ignore[no-untyped-def]
    results: list[str] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, CheckInDialog)
        dialog.display_name.setText("Łukasz Nowak")
        dialog.service.setCurrentIndex(dialog.service.findText("General enquiry"))
        dialog.wheelchair_access.setChecked(True)
        dialog.large_print.setChecked(True)
        dialog.interpreter_language.setText("Polish")
        dialog.check_in_button.click()
        assert dialog.slot_buttons, "the alternative times are buttons"
        assert dialog.slot_buttons[0].text() == "&1  Wed 25 Nov 09:30"  # another day first
        dialog.slot_buttons[0].click()  # one step: no second dialog to confirm
        results.append(dialog.slots_text)
        dialog.close_button.click()

    seen = _when_open(qtbot, CheckInDialog, fill)
    _press(qtbot, page, page, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: bool(results))
    assert seen
    assert results[0].startswith("Booked Wed 25 Nov at 09:30 with Margaret Clerk.")
    assert "Ticket G001 withdrawn" in results[0]
    booked = services.appointments().day(date(2026, 11, 25))
    assert [(a.customer_name, a.status) for a in booked] == [
        ("Łukasz Nowak", AppointmentStatus.BOOKED)
    ]
    assert booked[0].wheelchair_access and booked[0].large_print
    assert booked[0].interpreter_language == "Polish"
    assert services.queue().visit("G001").status is VisitStatus.CANCELLED
    page.refresh_queue()
    assert page.queue_model.tickets() == []


def test_arrival_shows_the_booked_time_and_the_late_prompt_records_what_was_said(
    qtbot,
    page: TodayPage,  # noqa: F811
    services: AppServices,
    manager: StaffMember,
    clock: FixedClock,
    state: DeskState,
) -> None:  # type: ignore[no-untyped-def]
    officer = _officer(services, manager)
    start = datetime(2026, 11, 24, 12, 0, tzinfo=LONDON)
    booked = services.appointments().book(
        manager,
        BookingRequest("general", start, staff_id=officer.id, customer_name="Siobhán O'Neill"),
    )
    clock.now = datetime(2026, 11, 24, 11, 50, tzinfo=UTC)

    def arrive(dialog: QDialog) -> None:
        assert isinstance(dialog, ArrivalDialog)
        qtbot.keyClicks(dialog.search, "siob")
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)

    seen = _when_open(qtbot, ArrivalDialog, arrive)
    _press(qtbot, page, page, Qt.Key.Key_F7)
    assert seen
    assert page.queue_info.text() == "Ticket G001: Siobhán will be called at 12:00."
    assert page.queue_model.index(0, QueueTableModel.TICKET).data() == "G001 (appt 12:00)"
    assert page.queue_model.index(0, QueueTableModel.ESTIMATE).data() == "at 12:00 (booked)"
    assert page.delay_box.isHidden()

    clock.now = datetime(2026, 11, 24, 12, 6, tzinfo=UTC)
    page.refresh_queue()
    assert page.delay_box.isVisible()
    assert "Siobhán O'Neill (G001) was due at 12:00 with Olu Brown" in page.delay_banner.text()

    def tell(dialog: QDialog) -> None:
        assert isinstance(dialog, AppointmentDelayDialog)
        dialog.reason.setEditText("The officer is on an urgent call")
        dialog.save()

    seen = _when_open(qtbot, AppointmentDelayDialog, tell)
    _press(qtbot, page, page, Qt.Key.Key_F8)
    assert seen
    told = services.appointments().appointment(booked.id)
    assert told.delay_reason == "The officer is on an urgent call"
    assert told.delay_new_time is not None and told.delay_new_time > clock.now
    assert page.delay_box.isHidden()
    # The promised time shows in the queue, not "due now"; and again prompts once it passes.
    promised = f"{told.delay_new_time.astimezone(LONDON):%H:%M}"
    estimate = page.queue_model.index(0, QueueTableModel.ESTIMATE).data()
    assert estimate == f"by {promised} (told)"
    assert status_text(told, LONDON) == f"Arrived (G001), told seen by {promised}"
    clock.now = told.delay_new_time + timedelta(minutes=1)
    page.refresh_queue()
    assert page.queue_model.index(0, QueueTableModel.ESTIMATE).data() == f"told {promised}: overdue"
    assert page.delay_box.isVisible()
    assert "again (past the time they were told)" in page.delay_banner.text()


def test_private_room_now_books_a_room_for_the_chosen_visitor(
    qtbot,
    page: TodayPage,  # noqa: F811
    services: AppServices,
) -> None:  # type: ignore[no-untyped-def]
    _press(qtbot, page, page, Qt.Key.Key_F9)
    assert page.queue_info.text() == "Interview Room is yours until 11:00."
    _press(qtbot, page, page, Qt.Key.Key_F9)
    assert page.queue_info.text() == "Committee Room is yours until 11:00."
    _press(qtbot, page, page, Qt.Key.Key_F9)
    assert "No suitable room is free right now" in page.queue_status.text()
