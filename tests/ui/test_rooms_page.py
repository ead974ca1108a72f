"""The Rooms page on a real database: the board, booking a room from a free cell, private room
now (the smallest suitable room), repeat bookings that list clashes before confirming,
cancelling and releasing no-shows."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt, QTime

from reception_app.domain.appointments import Place, Repeat, RoomNeeds
from reception_app.domain.people import StaffMember
from reception_app.services.appointment_service import BookingRequest
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.room_booking_dialog import RoomBookingDialog
from reception_app.ui.dialogs.room_repeat_dialog import RoomRepeatDialog
from reception_app.ui.pages.rooms_page import RoomsPage
from tests.conftest import FixedClock

INTERVIEW, COMMITTEE = 1, 2


@pytest.fixture
def page(qtbot, state: DeskState) -> RoomsPage:  # type: ignore[no-untyped-def]
    page = RoomsPage(state)
    qtbot.addWidget(page)
    page.resize(1100, 860)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    return page


def _at(services: AppServices, d: int, hh: int, mm: int) -> datetime:
    return datetime(2026, 11, d, hh, mm, tzinfo=services.rooms().calendar().zone)


def test_board_shows_rooms_across_and_bookings_with_their_buffers(
    page: RoomsPage, services: AppServices, manager: StaffMember
) -> None:
    services.rooms().book(
        manager, COMMITTEE, _at(services, 24, 13, 0), 90, "Planning surgery", RoomNeeds(6)
    )
    page.refresh()
    assert [c.title for c in page.board.columns] == ["Interview Room", "Committee Room"]
    assert page.board.columns[0].note == "seats 3, hearing loop, wheelchair access"
    kinds = sorted((b.kind, b.start, b.end) for b in page.board.blocks)
    assert kinds == [
        ("buffer", 12 * 60 + 45, 13 * 60),
        ("buffer", 14 * 60 + 30, 14 * 60 + 45),
        ("other", 13 * 60, 14 * 60 + 30),
    ]
    assert page.booking_rows() == [
        ["13:00-14:30", "Committee Room", "Planning surgery", "6", "Room booking"]
    ]
    assert page.board_title.text() == "Tuesday 24 November 2026: open 09:30–16:00; 1 booking"


def test_a_free_cell_opens_the_booking_form_there_and_errors_sit_by_the_field(
    qtbot, page: RoomsPage, services: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    def book(dialog: RoomBookingDialog) -> int:
        assert dialog.room_id() == COMMITTEE
        assert dialog.at.time() == QTime(14, 0)
        dialog.book_button.click()
        assert dialog.error_text("purpose") == "Say what the room is for."
        qtbot.keyClicks(dialog.purpose, "Councillor surgery")
        dialog.book_button.click()
        return dialog.result()

    monkeypatch.setattr(RoomBookingDialog, "exec", book)
    qtbot.mouseClick(
        page.board, Qt.MouseButton.LeftButton, pos=page.board.cell_point(COMMITTEE, 14 * 60)
    )
    assert page.message_text.startswith("Booked: Committee Room, Tue 24 Nov 14:00-15:00")
    assert [b.title for b in page.board.blocks if b.kind != "buffer"] == ["Councillor surgery"]


def test_a_room_too_small_is_refused_next_to_the_room(
    qtbot, state: DeskState, services: AppServices
) -> None:  # type: ignore[no-untyped-def]
    dialog = RoomBookingDialog(state, None, room_id=INTERVIEW)
    qtbot.addWidget(dialog)
    dialog.purpose.setText("Team meeting")
    dialog.people.setValue(6)
    dialog.day.setDate(QDate(2026, 11, 25))
    dialog.at.setTime(QTime(10, 0))
    dialog.book_button.click()
    assert dialog.error_text("room") == "Interview Room seats 3; this booking is for 6 people."
    assert services.rooms().board(dialog.start().date()) == []


def test_private_room_now_takes_the_smallest_suitable_room(
    qtbot, page: RoomsPage, services: AppServices, manager: StaffMember
) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(page, Qt.Key.Key_F9)  # one key for a private room now, on every page
    assert page.message_text.startswith("Interview Room (Ground floor, first door on the left")
    assert "is yours until 11:00" in page.message_text
    [booking] = [b for b in page.board.blocks if b.kind != "buffer"]
    assert booking.column == INTERVIEW and booking.start == 10 * 60 + 30
    # The small room is now taken: the next one goes to the Committee Room.
    page.now_button.click()
    assert page.message_text.startswith("Committee Room")
    page.now_button.click()
    assert page.message_text.startswith("Private room now: No suitable room is free right now.")


def test_repeat_booking_lists_every_clash_before_confirming(
    qtbot,
    page: RoomsPage,
    services: AppServices,
    manager: StaffMember,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    services.rooms().book_repeat(
        manager,
        INTERVIEW,
        _at(services, 25, 14, 0),
        60,
        Repeat.WEEKLY,
        2,
        "Councillor surgery",
        skip_conflicts=False,
    )

    def plan_and_book(dialog: RoomRepeatDialog) -> int:
        dialog.room.setCurrentIndex(dialog.room.findData(INTERVIEW))
        dialog.day.setDate(QDate(2026, 11, 25))
        dialog.at.setTime(QTime(13, 30))
        dialog.purpose.setText("Advice session")
        dialog.occurrences.setValue(4)
        assert not dialog.book_button.isEnabled()  # nothing is booked unseen
        dialog.check_button.click()
        rows = dialog.table_rows()
        assert [r[0] for r in rows] == [
            "Wed 25 Nov 2026 13:30-14:30",
            "Wed 2 Dec 2026 13:30-14:30",
            "Wed 9 Dec 2026 13:30-14:30",
            "Wed 16 Dec 2026 13:30-14:30",
        ]
        assert rows[0][1].startswith("Clash: Interview Room is already booked 14:00-15:00")
        assert rows[1][1].startswith("Clash:") and rows[2][1] == "Free" and rows[3][1] == "Free"
        dialog.skip.setChecked(False)
        assert not dialog.book_button.isEnabled()
        assert "2 of the 4 dates clash" in dialog.summary.text()
        dialog.skip.setChecked(True)
        assert dialog.book_button.text() == "&Book 2 free dates"
        dialog.occurrences.setValue(5)  # a change needs a fresh check
        assert not dialog.book_button.isEnabled()
        dialog.occurrences.setValue(4)
        dialog.check_button.click()
        dialog.book_button.click()
        return dialog.result()

    monkeypatch.setattr(RoomRepeatDialog, "exec", plan_and_book)
    page.repeat_button.click()
    assert page.message_text == (
        "Booked Interview Room on 2 dates from Wed 9 Dec 13:30-14:30; 2 clashing dates skipped."
    )
    assert page.shown_day().isoformat() == "2026-12-09"


def test_cancel_a_booking_and_release_no_shows(
    page: RoomsPage,
    services: AppServices,
    manager: StaffMember,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tz = services.rooms().calendar().zone
    appointment = services.appointments().book(
        manager,
        BookingRequest(
            "burials",
            datetime(2026, 11, 24, 11, 30, tzinfo=tz),
            customer_name="Absent Abe",
            place=Place.ROOM,
        ),
    )
    meeting = services.rooms().book(manager, COMMITTEE, _at(services, 24, 13, 0), 60, "Meeting")
    page.refresh()
    monkeypatch.setattr(page, "confirm", lambda title, question: True)
    page.select_booking(meeting.id)
    page.cancel_button.click()
    assert page.message_text == "Cancelled: Committee Room, Tue 24 Nov 13:00-14:00."
    assert appointment.room_name == "Interview Room"
    page.select_booking(_appointment_booking(page))
    page.cancel_button.click()
    assert "cancel or move the appointment instead" in page.message_text

    page.release_button.click()
    assert page.message_text == "No room is held for a customer who is late past the grace period."
    clock.now += timedelta(hours=1, minutes=15)  # 11:45: past the grace period, not come
    page.release_button.click()
    assert page.message_text.startswith(
        "Released 1 room booking: Interview Room Tue 24 Nov 11:30-11:50"
    )
    assert page.booking_rows() == []


def _appointment_booking(page: RoomsPage) -> int:
    [booking_id] = [b.key for b in page.board.blocks if b.kind != "buffer"]
    assert isinstance(booking_id, int)
    return booking_id
