"""Booking dialog: a service that needs a room is always booked in one, so Place is fixed to the
interview room (with a hint why) and a room refusal is shown where it can be seen."""

from __future__ import annotations

import dataclasses
from datetime import date, time
from pathlib import Path

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QApplication

from reception_app.domain.appointments import Place
from reception_app.domain.errors import ValidationError
from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.appointment_booking_dialog import BookAppointmentDialog


def _dialog(qtbot, state: DeskState, **preset: object) -> BookAppointmentDialog:  # type: ignore[no-untyped-def]
    dialog = BookAppointmentDialog(state, None, **preset)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _row_shown(dialog: BookAppointmentDialog, widget: object) -> bool:
    row = widget.parentWidget()  # type: ignore[attr-defined]
    return row is not None and row.isVisible()


def test_place_is_fixed_to_a_room_for_a_service_that_needs_one(
    qtbot, state: DeskState, colleagues: dict[str, StaffMember], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, state, service_key="burials")
    assert dialog.place_value() is Place.ROOM
    assert not dialog.place.isEnabled()
    assert dialog.place_hint.isVisible()
    assert dialog.place_hint.text() == "Cemetery and burials is always booked in an interview room."
    assert _row_shown(dialog, dialog.room)
    QApplication.processEvents()
    assert dialog.grab().save(str(tmp_path / "booking_room_service.png"))

    # Another service: Place can be chosen again; back to burials, it is the room again.
    dialog.service.setCurrentIndex(dialog.service.findData("general"))
    assert dialog.place.isEnabled() and not dialog.place_hint.isVisible()
    dialog.place.setCurrentIndex(dialog.place.findData(Place.DESK.value))
    assert not _row_shown(dialog, dialog.room)
    dialog.service.setCurrentIndex(dialog.service.findData("burials"))
    assert dialog.place_value() is Place.ROOM and not dialog.place.isEnabled()
    assert _row_shown(dialog, dialog.room)


def test_a_room_refusal_is_shown_next_to_the_visible_room(
    qtbot, state: DeskState, services: AppServices, colleagues: dict[str, StaffMember]
) -> None:  # type: ignore[no-untyped-def]
    interview = next(r for r in services.office.profile().rooms if r.key == "IR1")
    mornings = {d: ((time(9, 30), time(12, 30)),) for d in range(5)}
    services.office.save_room(dataclasses.replace(interview, hours=mornings), state.actor)
    dialog = _dialog(qtbot, state, service_key="burials", name="Zoe Adams")
    dialog.room.setCurrentIndex(
        dialog.room.findData(next(r.id for r in services.rooms().rooms() if r.key == "IR1"))
    )
    day = date(2026, 11, 25)
    dialog.day.setDate(QDate(day.year, day.month, day.day))
    dialog.at.setTime(QTime(14, 0))
    dialog.book_button.click()
    assert dialog.appointment is None
    message = dialog.error_text("room")
    assert "Interview Room" in message
    assert dialog.errors._labels["room"].isVisible()  # noqa: SLF001 - the label the desk reads


def test_a_message_for_a_hidden_row_goes_to_the_top(
    qtbot, state: DeskState, colleagues: dict[str, StaffMember]
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, state, service_key="general")
    dialog.place.setCurrentIndex(dialog.place.findData(Place.DESK.value))
    dialog._show_error(ValidationError("Interview Room is not available.", "room"), "room")
    assert dialog.error_text("room") == ""
    assert dialog.errors.general.isVisible()
    assert dialog.errors.general.text() == "Interview Room is not available."
