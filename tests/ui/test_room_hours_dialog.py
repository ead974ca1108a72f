"""Settings > Rooms: a room can be given its own booking times, day by day like the opening
hours, or follow the office ("Same as the office", the default)."""

from __future__ import annotations

import dataclasses
from datetime import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from reception_app.domain.offices import RoomProfile
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.setting_dialogs import RoomDialog
from reception_app.ui.pages.settings.rooms_tab import room_hours_text


def _dialog(qtbot, state: DeskState, room: RoomProfile | None = None) -> RoomDialog:  # type: ignore[no-untyped-def]
    office = state.services.office
    profile = office.profile()
    dialog = RoomDialog(
        lambda r: office.save_room(r, state.actor),
        [r.key for r in profile.rooms],
        room,
        office_hours=profile.opening_hours,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _committee(services: AppServices) -> RoomProfile:
    return next(r for r in services.office.profile().rooms if r.key == "CR")


def test_a_room_follows_the_office_until_given_its_own_times(
    qtbot, state: DeskState, services: AppServices, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, state, _committee(services))
    assert dialog.same_hours.isChecked()
    assert not any(edit.isEnabled() for edit in dialog.day_hours)
    # The office's hours are the starting point, and the tooltip says them.
    assert dialog.day_hours[1].text() == "09:30-16:00"
    assert "The office is open 09:30-16:00 on Tuesdays" in dialog.day_hours[1].toolTip()

    dialog.own_hours.setChecked(True)
    assert not dialog.same_hours.isChecked()
    assert all(edit.isEnabled() for edit in dialog.day_hours)
    for edit in dialog.day_hours[:4]:
        edit.setText("09:30-12:30")
    dialog.day_hours[4].clear()  # never on Fridays
    QApplication.processEvents()
    assert dialog.grab().save(str(tmp_path / "room_hours_dialog.png"))
    dialog.submit()
    assert dialog.errors.message_for("friday") == ""
    saved = _committee(services)
    assert saved.hours is not None
    assert saved.hours[0] == ((time(9, 30), time(12, 30)),) and saved.hours[4] == ()
    assert room_hours_text(saved).startswith("Mon 09:30-12:30; Tue 09:30-12:30")

    # Editing it again shows its own times; going back to the office's clears them.
    again = _dialog(qtbot, state, saved)
    assert again.own_hours.isChecked() and again.day_hours[4].text() == ""
    again.same_hours.setChecked(True)
    assert not again.own_hours.isChecked()
    again.submit()
    assert _committee(services).hours is None
    assert room_hours_text(_committee(services)) == "Office hours"


def test_bad_room_times_are_shown_next_to_their_day_and_nothing_is_saved(
    qtbot, state: DeskState, services: AppServices
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, state, _committee(services))
    dialog.own_hours.setChecked(True)
    dialog.day_hours[2].setText("13:00-12:00")
    dialog.submit()
    assert "ends before it starts" in dialog.errors.message_for("wednesday")
    assert dialog.day_hours[2].property("invalid") == "true"
    assert dialog.isVisible()

    for edit in dialog.day_hours:
        edit.clear()
    dialog.submit()
    assert "at least one day" in dialog.errors.message_for("hours")
    assert _committee(services).hours is None


def test_the_rooms_tab_says_when_each_room_can_be_booked(
    qtbot, state: DeskState, services: AppServices
) -> None:  # type: ignore[no-untyped-def]
    from reception_app.ui.pages.settings_page import SettingsPage

    services.office.save_room(
        dataclasses.replace(_committee(services), hours={0: ((time(9, 30), time(12, 0)),)}),
        state.actor,
    )
    page = SettingsPage(state)
    qtbot.addWidget(page)
    page.refresh()
    table = page.rooms_tab.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    column = headers.index("Can be booked")
    cells = {table.item(r, 0).text(): table.item(r, column).text() for r in range(table.rowCount())}
    assert cells == {"Interview Room": "Office hours", "Committee Room": "Mon 09:30-12:00"}
