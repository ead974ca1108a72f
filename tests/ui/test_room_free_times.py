"""Room bookings refused for their time offer the room's nearest free times as buttons (as the
appointment dialog does); a repeat booking with clashes offers times free over the series."""

from __future__ import annotations

import dataclasses
from datetime import datetime, time
from pathlib import Path

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QApplication

from reception_app.domain.appointments import Repeat
from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.room_booking_dialog import RoomBookingDialog
from reception_app.ui.dialogs.room_repeat_dialog import RoomRepeatDialog

INTERVIEW, COMMITTEE = 1, 2


def _at(services: AppServices, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 11, d, hh, mm, tzinfo=services.rooms().calendar().zone)


def _dialog(
    qtbot, kind: type[RoomBookingDialog], state: DeskState, room_id: int
) -> RoomBookingDialog:  # type: ignore[no-untyped-def]
    dialog = kind(state, None, room_id=room_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_clash_offers_the_nearest_free_times_and_one_click_fills_the_time(
    qtbot, state: DeskState, services: AppServices, manager: StaffMember, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    services.rooms().book(manager, INTERVIEW, _at(services, 25, 10), 60, "Meeting")
    dialog = _dialog(qtbot, RoomBookingDialog, state, INTERVIEW)
    dialog.purpose.setText("Advice session")
    dialog.day.setDate(QDate(2026, 11, 25))
    dialog.at.setTime(QTime(10, 30))
    dialog.minutes.setValue(30)
    dialog.book_button.click()
    assert dialog.bookings == []
    assert dialog.error_text("start").startswith("Interview Room is already booked 10:00-11:00")
    buttons = dialog.free_time_buttons()
    # Clear of 10:00-11:00 by the room's 10 minutes: 11:15 onwards (09:30-10:00 is too close).
    assert [b.text() for b in buttons] == [
        "&1  Wed 25 Nov 11:15-11:45",
        "&2  Wed 25 Nov 11:30-12:00",
        "&3  Wed 25 Nov 11:45-12:15",
    ]
    assert dialog.alternatives.isVisible()
    QApplication.processEvents()
    assert dialog.grab().save(str(tmp_path / "room_booking_free_times.png"))
    buttons[1].click()
    assert dialog.at.time() == QTime(11, 30) and dialog.day.date() == QDate(2026, 11, 25)
    assert dialog.error_text("start") == "" and not dialog.alternatives.isVisible()
    dialog.book_button.click()  # nothing is booked without pressing Book again
    assert [b.start for b in dialog.bookings] == [_at(services, 25, 11, 30)]


def test_a_room_open_only_mornings_offers_morning_times(
    qtbot, state: DeskState, services: AppServices, manager: StaffMember
) -> None:  # type: ignore[no-untyped-def]
    committee = next(r for r in services.office.profile().rooms if r.key == "CR")
    mornings = {d: ((time(9, 30), time(12, 30)),) for d in range(5)}
    services.office.save_room(dataclasses.replace(committee, hours=mornings), manager)
    dialog = _dialog(qtbot, RoomBookingDialog, state, COMMITTEE)
    dialog.purpose.setText("Planning surgery")
    dialog.day.setDate(QDate(2026, 11, 25))
    dialog.at.setTime(QTime(14, 0))
    dialog.book_button.click()
    assert dialog.error_text("start") == (
        "Committee Room can only be booked 09:30-12:30 on Wednesdays. Choose a time it is open, "
        "or another room."
    )
    assert [b.text()[4:] for b in dialog.free_time_buttons()] == [
        "Wed 25 Nov 11:00-12:00",
        "Wed 25 Nov 11:15-12:15",
        "Wed 25 Nov 11:30-12:30",
    ]


def test_a_full_day_says_there_is_nothing_else(
    qtbot, state: DeskState, services: AppServices, manager: StaffMember
) -> None:  # type: ignore[no-untyped-def]
    services.rooms().book(manager, INTERVIEW, _at(services, 25, 9, 30), 390, "Training day")
    dialog = _dialog(qtbot, RoomBookingDialog, state, INTERVIEW)
    dialog.purpose.setText("Advice session")
    dialog.day.setDate(QDate(2026, 11, 25))
    dialog.at.setTime(QTime(11, 0))
    dialog.book_button.click()
    assert dialog.free_time_buttons() == []
    assert dialog.alternatives_label.text() == (
        "This room has no other free time that day for this length."
    )


def test_a_repeat_booking_with_clashes_offers_times_free_over_the_series(
    qtbot, state: DeskState, services: AppServices, manager: StaffMember, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    services.rooms().book_repeat(
        manager,
        INTERVIEW,
        _at(services, 25, 14),
        60,
        Repeat.WEEKLY,
        2,
        "Councillor surgery",
        skip_conflicts=False,
    )
    dialog = _dialog(qtbot, RoomRepeatDialog, state, INTERVIEW)
    assert isinstance(dialog, RoomRepeatDialog)
    dialog.day.setDate(QDate(2026, 11, 25))
    dialog.at.setTime(QTime(13, 30))
    dialog.purpose.setText("Advice session")
    dialog.occurrences.setValue(4)
    dialog.check_button.click()
    assert "2 of the 4 dates clash" in dialog.summary.text()
    buttons = dialog.free_time_buttons()
    assert [b.text() for b in buttons] == [
        "&1  12:15-13:15 (all 4 free)",
        "&2  12:30-13:30 (all 4 free)",
        "&3  12:45-13:45 (all 4 free)",
    ]
    QApplication.processEvents()
    assert dialog.grab().save(str(tmp_path / "room_repeat_free_times.png"))
    buttons[2].click()  # the dates are checked again at once
    assert dialog.at.time() == QTime(12, 45)
    assert [r[1] for r in dialog.table_rows()] == ["Free"] * 4
    assert dialog.book_button.isEnabled() and dialog.book_button.text() == "&Book all 4 dates"
    assert not dialog.alternatives.isVisible()
    dialog.book_button.click()
    assert len(dialog.bookings) == 4
