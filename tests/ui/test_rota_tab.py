"""Rota tab: a manager types when each desk is on duty; the wait estimator uses the shifts."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from reception_app.domain.people import Role, StaffMember
from reception_app.domain.shifts import Shift
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.pages.settings.rota_tab import NO_OFFICER, NOT_ON_DUTY, WHENEVER_OPEN, RotaTab
from reception_app.ui.pages.settings_page import SettingsPage

MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # Europe/London is on UTC in November


@pytest.fixture
def page(qtbot, state: DeskState) -> SettingsPage:  # type: ignore[no-untyped-def]
    widget = SettingsPage(state)
    qtbot.addWidget(widget)
    widget.resize(1200, 780)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    widget.show_tab("Rota")
    return widget


def _tab(page: SettingsPage) -> RotaTab:
    tab = page.tab("Rota")
    assert isinstance(tab, RotaTab)
    return tab


def _choose(tab: RotaTab, desk_key: str) -> None:
    tab.desk.setCurrentIndex(tab.desk.findData(desk_key))
    assert tab.current_desk() == desk_key


def test_lists_the_active_desks_and_starts_with_no_rota(page: SettingsPage) -> None:
    tab = _tab(page)
    assert [tab.desk.itemData(i) for i in range(tab.desk.count())] == ["R1", "CL"]
    assert tab.desk.currentText() == "Reception window"
    assert all(edit.text() == "" for edit in tab.days)
    assert tab.days[0].placeholderText() == WHENEVER_OPEN


def test_a_saved_rota_round_trips_and_shapes_mondays_shifts(
    page: SettingsPage, services: AppServices, state: DeskState, tmp_path: Path
) -> None:
    tab = _tab(page)
    _choose(tab, "R1")
    seen: list[bool] = []
    state.data_changed.connect(lambda: seen.append(True))
    tab.days[0].setText("09:30-12:30, 13:15-16:00")
    assert tab.days[1].placeholderText() == NOT_ON_DUTY
    tab.save_button.click()

    assert tab.errors.message_for("monday") == ""
    assert "Rota for Reception window saved" in tab.status.text()
    assert seen, "other screens were not told"
    assert services.queue().desk_duties("R1") == [
        Shift.from_text(0, "09:30", "12:30"),
        Shift.from_text(0, "13:15", "16:00"),
    ]
    assert services.queue().desk_duties("CL") == []
    assert tab.days[0].text() == "09:30-12:30, 13:15-16:00"

    desks = {d["desk"]: d for d in services.queue().snapshot(MONDAY)["desks"]}
    assert desks["R1"]["shifts"] == [
        ["2026-11-23T09:30:00", "2026-11-23T12:30:00"],
        ["2026-11-23T13:15:00", "2026-11-23T16:00:00"],
    ]
    # Only Monday was given, so on Tuesday R1 is off; CL has no rota and follows the hours.
    tuesday = {d["desk"]: d for d in services.queue().snapshot()["desks"]}
    assert tuesday["R1"]["shifts"] == []
    assert tuesday["CL"]["shifts"] == [["2026-11-24T09:30:00", "2026-11-24T16:00:00"]]

    # Choosing the other desk and back shows each desk's own rota.
    _choose(tab, "CL")
    assert all(edit.text() == "" for edit in tab.days)
    _choose(tab, "R1")
    assert tab.days[0].text() == "09:30-12:30, 13:15-16:00"

    QApplication.processEvents()
    assert page.grab().save(str(tmp_path / "rota_tab.png"))


def test_a_bad_range_is_shown_next_to_its_day_and_nothing_is_saved(
    page: SettingsPage, services: AppServices
) -> None:
    tab = _tab(page)
    _choose(tab, "R1")
    tab.days[0].setText("09:30-12:30, 16:00-13:15")
    tab.days[2].setText("09:00-17:00")
    tab.save_button.click()

    message = tab.errors.message_for("monday")
    assert "16:00-13:15" in message and "ends before it starts" in message
    assert tab.errors.message_for("wednesday") == ""
    assert tab.days[0].property("invalid") == "true"
    assert tab.status.text() == ""
    assert services.queue().desk_duties("R1") == []

    tab.days[0].setText("half nine to noon")
    tab.save_button.click()
    assert "not a time range" in tab.errors.message_for("monday")
    assert services.queue().desk_duties("R1") == []

    tab.undo_button.click()
    assert tab.errors.message_for("monday") == ""
    assert all(edit.text() == "" for edit in tab.days)


def test_clearing_every_day_goes_back_to_the_opening_hours(
    page: SettingsPage, services: AppServices, manager: StaffMember
) -> None:
    services.queue().set_desk_duties(manager, "CL", [Shift.from_text(2, "10:00", "12:00")])
    page.refresh()
    tab = _tab(page)
    _choose(tab, "CL")
    assert tab.days[2].text() == "10:00-12:00"
    tab.days[2].clear()
    tab.save_button.click()
    assert services.queue().desk_duties("CL") == []


def test_a_clerk_sees_the_rota_but_cannot_save(
    page: SettingsPage, services: AppServices, state: DeskState, manager: StaffMember
) -> None:
    services.queue().set_desk_duties(manager, "R1", [Shift.from_text(0, "09:30", "12:30")])
    state.actor = dataclasses.replace(manager, role=Role.CLERK)
    page.refresh()
    tab = _tab(page)
    _choose(tab, "R1")

    assert page.manager_note.isVisible()
    assert tab.days[0].text() == "09:30-12:30"
    assert all(edit.isReadOnly() for edit in tab.days)
    assert tab.desk.isEnabled()  # anyone may look at another desk's rota
    assert not tab.save_button.isEnabled() and not tab.save_button.isVisible()
    assert not tab.undo_button.isVisible()

    tab.days[0].setText("08:00-18:00")
    tab._save()  # even if the button were pressed, the service refuses
    assert services.queue().desk_duties("R1") == [Shift.from_text(0, "09:30", "12:30")]
    assert "manager" in (tab.errors.general.text() + tab.errors.message_for("desk")).lower()


# --- the officer at the desk (issue 4) ----------------------------------------------------------


def _officer_names(tab: RotaTab, weekday: int) -> list[str]:
    combo = tab.officers[weekday]
    return [combo.itemText(i) for i in range(combo.count())]


def _choose_officer(tab: RotaTab, weekday: int, staff_id: int) -> None:
    combo = tab.officers[weekday]
    combo.setCurrentIndex(combo.findData(staff_id))
    assert combo.currentData() == staff_id


def test_the_officer_at_a_desk_is_saved_and_their_arrivals_are_called_there(
    page: SettingsPage,
    services: AppServices,
    state: DeskState,
    colleagues: dict[str, StaffMember],
    clock,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    from reception_app.services.appointment_service import BookingRequest

    page.refresh()
    tab = _tab(page)
    _choose(tab, "CL")
    # Active officers, clerks and managers; not the receptionist, not someone who has left.
    assert _officer_names(tab, 1) == [
        NO_OFFICER,
        "Margaret Clerk",
        "Olu Jones",
        "Priya Shah",
        "Tom Reed",
    ]
    assert all(combo.currentText() == NO_OFFICER for combo in tab.officers)
    priya = colleagues["Priya"]
    tab.days[1].setText("09:30-12:30, 13:30-16:00")
    _choose_officer(tab, 1, priya.id)
    QApplication.processEvents()
    assert page.grab().save(str(tmp_path / "rota_with_officer.png"))
    tab.save_button.click()

    assert "Rota for Clerk's office saved" in tab.status.text()
    assert services.queue().desk_duty_officers("CL") == {
        Shift.from_text(1, "09:30", "12:30"): priya.id,
        Shift.from_text(1, "13:30", "16:00"): priya.id,
    }
    _choose(tab, "R1")
    assert tab.officers[1].currentText() == NO_OFFICER
    _choose(tab, "CL")
    assert tab.officers[1].currentText() == "Priya Shah"

    # Priya's customer arrives: at the booked time they are called at her desk, not at R1.
    booked = services.appointments().book(
        state.actor,
        BookingRequest(
            "allotments",  # a service both desks handle
            datetime(2026, 11, 24, 11, 45, tzinfo=UTC),
            staff_id=priya.id,
            customer_name="Ann",
        ),
    )
    clock.now = datetime(2026, 11, 24, 11, 46, tzinfo=UTC)
    visit = services.queue().check_in_appointment(state.actor, booked.id)
    assert services.queue().call_next(state.actor, "R1") is None
    called = services.queue().call_next(state.actor, "CL")
    assert called is not None and called.ticket == visit.ticket


def test_an_officer_needs_times_on_their_day(
    page: SettingsPage, services: AppServices, colleagues: dict[str, StaffMember]
) -> None:
    tab = _tab(page)
    page.refresh()
    _choose(tab, "R1")
    tab.days[0].setText("09:30-16:00")
    _choose_officer(tab, 2, colleagues["Olu"].id)  # Wednesday: no times typed
    tab.save_button.click()
    assert "Wednesday: type the times Olu Jones is at this desk" in tab.errors.message_for(
        "wednesday"
    )
    assert services.queue().desk_duty_officers("R1") == {}


def test_saved_officers_are_kept_and_someone_who_left_is_shown(
    page: SettingsPage,
    services: AppServices,
    manager: StaffMember,
    colleagues: dict[str, StaffMember],
    tmp_path: Path,
) -> None:
    priya, olu = colleagues["Priya"], colleagues["Olu"]
    # Set from elsewhere: two ranges on Monday with different officers, Tom on Tuesday.
    services.queue().set_desk_duties(
        manager,
        "R1",
        [
            Shift.from_text(0, "09:30", "12:30"),
            Shift.from_text(0, "13:30", "16:00"),
            Shift.from_text(1, "09:30", "16:00"),
        ],
        {
            Shift.from_text(0, "09:30", "12:30"): priya.id,
            Shift.from_text(0, "13:30", "16:00"): olu.id,
            Shift.from_text(1, "09:30", "16:00"): colleagues["Tom"].id,
        },
    )
    page.refresh()
    tab = _tab(page)
    _choose(tab, "R1")
    assert tab.officers[0].currentText() == "Several, as saved"
    # Saving without touching Monday keeps each range's officer.
    tab.days[2].setText("10:00-12:00")
    tab.save_button.click()
    officers = services.queue().desk_duty_officers("R1")
    assert officers[Shift.from_text(0, "09:30", "12:30")] == priya.id
    assert officers[Shift.from_text(0, "13:30", "16:00")] == olu.id
    assert officers[Shift.from_text(2, "10:00", "12:00")] is None

    # Tom leaves: his Tuesday is shown, and saving asks for someone who works here now.
    tom = colleagues["Tom"]
    services.staff.save_staff(manager, "hellesdon", dataclasses.replace(tom, active=False))
    page.refresh()
    _choose(tab, "CL")
    _choose(tab, "R1")
    assert tab.officers[1].currentText() == "Tom Reed (no longer active)"
    tab.save_button.click()
    assert tab.errors.message_for("tuesday") == (
        "Tuesday: Tom Reed is no longer an active member of staff; choose someone else, or — "
        "for nobody in particular."
    )
    assert tab.officers[1].hasFocus()
    QApplication.processEvents()
    assert page.grab().save(str(tmp_path / "rota_officer_left.png"))
    tab.officers[1].setCurrentIndex(0)
    tab.save_button.click()
    assert tab.errors.message_for("tuesday") == ""
    assert services.queue().desk_duty_officers("R1")[Shift.from_text(1, "09:30", "16:00")] is None
