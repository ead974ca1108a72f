"""Settings page: every tab renders, managers edit with errors in place, others only look."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from reception_app.domain.errors import ValidationError
from reception_app.domain.offices import DeskProfile
from reception_app.domain.people import Role, StaffMember
from reception_app.domain.standards import CHANNELS
from reception_app.machine_settings import MachineSettings
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.setting_dialogs import DeskDialog, RoomDialog, ServiceDialog, new_key
from reception_app.ui.dialogs.staff_dialog import StaffDialog
from reception_app.ui.pages import settings_page
from reception_app.ui.pages.settings_page import SettingsPage, parse_day_hours


@pytest.fixture
def page(qtbot, state: DeskState) -> SettingsPage:  # type: ignore[no-untyped-def]
    widget = SettingsPage(state)
    qtbot.addWidget(widget)
    widget.resize(1200, 780)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    return widget


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation is answered Yes; the questions asked are recorded."""
    asked: list[str] = []

    def yes(parent: Any, title: str, question: str) -> bool:
        asked.append(question)
        return True

    monkeypatch.setattr(settings_page, "confirm", yes)
    return asked


def _receptionist(state: DeskState) -> StaffMember:
    return state.services.staff.save_staff(
        state.actor,
        "hellesdon",
        StaffMember(0, "jsmith", "Jo Smith", Role.RECEPTIONIST),
        "front desk 1",
    )


# --- rendering ---------------------------------------------------------------------------------


def test_every_tab_renders_and_is_captured(page: SettingsPage, tmp_path: Path) -> None:
    assert page.tab_names() == [
        "Office",
        "Opening hours",
        "Closure days",
        "Desks",
        "Rota",
        "Officers' hours",
        "Rooms",
        "Services",
        "Standards",
        "Staff",
        "Desk rules",
        "Retention",
        "This computer",
    ]
    for name in page.tab_names():
        page.show_tab(name)
        QApplication.processEvents()
        shot = tmp_path / f"settings_{name.lower().replace(' ', '_')}.png"
        assert page.grab().save(str(shot))
        image = QImage(str(shot))
        assert (image.width(), image.height()) == (1200, 780)
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 31)
            for y in range(0, image.height(), 19)
        }
        assert len(colours) > 3, f"{name} rendered blank"


def test_tables_show_what_the_office_has(page: SettingsPage, state: DeskState) -> None:
    profile = state.services.office.profile()
    assert page.desks_tab.table.rowCount() == len(profile.desks)
    assert page.rooms_tab.table.rowCount() == len(profile.rooms)
    assert page.services_tab.table.rowCount() == len(profile.services)
    assert page.staff_tab.table.item(0, 0).text() == "Margaret Clerk"
    # The next 12 months from Tuesday 24 November 2026 include Christmas Day.
    holidays = page.closures_tab.holidays
    dates = [holidays.item(r, 0).text() for r in range(holidays.rowCount())]
    assert "Fri 25 Dec 2026" in dates and "Mon 28 Dec 2026" in dates
    assert page.closures_tab.region_heading.text().startswith("Bank holidays in England")


def test_standards_lists_every_channel_with_its_clocks(page: SettingsPage) -> None:
    table = page.standards_tab.table
    assert table.rowCount() == len(CHANNELS)
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    email = rows["Email"]
    assert table.item(email, 1).text() == "72 hours (Monday to Friday)"
    assert table.item(email, 2).text() == "3 working days"
    assert table.item(rows["Letter"], 1).text() == ""  # Hellesdon sets no acknowledge clock
    assert "published" in page.standards_tab.note.text()


# --- office details ----------------------------------------------------------------------------


def test_editing_office_details_saves_them(qtbot, page: SettingsPage, state: DeskState) -> None:  # type: ignore[no-untyped-def]
    tab = page.office_tab
    tab.name.setText("Hellesdon Parish Council Office")
    tab.phone.setText("01603301751")
    tab.address.setPlainText("Diamond Jubilee Lodge\n  Woodview Road\n\nNorwich")
    tab.directions.setPlainText("Use the side door.")
    with qtbot.waitSignal(state.data_changed, timeout=1000):
        tab.save_button.click()
    profile = state.services.office.profile()
    assert profile.name == "Hellesdon Parish Council Office"
    assert profile.phone == "01603 301751"
    assert profile.address == ("Diamond Jubilee Lodge", "Woodview Road", "Norwich")
    assert profile.directions == "Use the side door."
    assert tab.phone.text() == "01603 301751"  # re-read as the service cleaned it
    assert "saved" in tab.status.text()


def test_invalid_postcode_is_explained_next_to_the_field(
    page: SettingsPage, state: DeskState
) -> None:
    tab = page.office_tab
    tab.postcode.setText("NR6 XYZ")
    tab.name.setText("Renamed")
    tab.save_button.click()
    assert "not a UK postcode" in tab.errors.message_for("postcode")
    assert tab.postcode.property("invalid") == "true"
    profile = state.services.office.profile()
    assert profile.postcode == "NR6 5QB" and profile.name == "Hellesdon Parish Council"
    tab.postcode.setText("nr65qb")
    tab.save_button.click()
    assert tab.errors.message_for("postcode") == ""
    assert state.services.office.profile().postcode == "NR6 5QB"


def test_office_details_save_keeps_hours_changed_elsewhere(
    page: SettingsPage, state: DeskState
) -> None:
    """The form was filled before another desk changed the hours; saving must not undo them."""
    state.services.office.set_opening_hours({5: ((time(10), time(12)),)}, state.actor)
    page.office_tab.name.setText("Hellesdon PC")
    page.office_tab.save_button.click()
    profile = state.services.office.profile()
    assert profile.name == "Hellesdon PC"
    assert profile.opening_hours[5] == ((time(10), time(12)),)


def test_unsaved_typing_survives_a_refresh(page: SettingsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = page.office_tab
    tab.name.clear()
    qtbot.keyClicks(tab.name, "Typed but not saved")
    page.refresh()
    assert tab.name.text() == "Typed but not saved"
    tab.undo_button.click()
    assert tab.name.text() == "Hellesdon Parish Council"


def test_switching_the_running_office_asks_first(
    page: SettingsPage, state: DeskState, answer_yes: list[str]
) -> None:
    combo = page.office_tab.office
    index = combo.findData("north-norfolk")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert answer_yes and "North Norfolk" in answer_yes[0]
    assert state.services.office.active_office_key() == "north-norfolk"
    assert page.office_tab.name.text() == state.services.office.profile().name


# --- opening hours -----------------------------------------------------------------------------


def test_opening_hours_round_trip(page: SettingsPage, state: DeskState) -> None:
    tab = page.hours_tab
    tab.days[0].setText("9:00-12:30, 13.30 to 17:00")
    tab.days[5].setText("10-12")
    tab.days[4].setText("")
    tab.save_button.click()
    hours = state.services.office.profile().opening_hours
    assert hours[0] == ((time(9), time(12, 30)), (time(13, 30), time(17)))
    assert hours[5] == ((time(10), time(12)),)
    assert hours[4] == ()
    assert tab.days[0].text() == "09:00-12:30, 13:30-17:00"
    assert tab.days[4].text() == "" and tab.days[4].placeholderText() == "Closed"


def test_bad_opening_hours_are_explained_next_to_that_day(
    page: SettingsPage, state: DeskState
) -> None:
    tab = page.hours_tab
    tab.days[2].setText("nine till five")
    tab.days[3].setText("09:00-17:00")
    tab.save_button.click()
    assert "Wednesday" in tab.errors.message_for("wednesday")
    assert tab.errors.message_for("thursday") == ""
    assert state.services.office.profile().opening_hours[3] == ((time(9, 30), time(16)),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ()),
        ("Closed", ()),
        ("09:30-16:00", ((time(9, 30), time(16)),)),
        ("9 - 5:30", None),
        ("13:00-14:00; 9:00-12:00", ((time(9), time(12)), (time(13), time(14)))),
        ("09:00-12:00, 11:00-13:00", None),
        ("25:00-26:00", None),
    ],
)
def test_parse_day_hours(text: str, expected: tuple[Any, ...] | None) -> None:
    if expected is None:
        with pytest.raises(ValidationError) as caught:
            parse_day_hours(text, 0)
        assert caught.value.field == "monday" and str(caught.value).startswith("Monday")
    else:
        assert parse_day_hours(text, 0) == expected


# --- closure days ------------------------------------------------------------------------------


def test_add_and_remove_a_closure_day(
    page: SettingsPage, state: DeskState, answer_yes: list[str]
) -> None:
    tab = page.closures_tab
    tab.day.setDate(date(2026, 12, 24))
    tab.kind.setCurrentIndex(tab.kind.findData("closure"))
    tab.reason.setText("Christmas Eve shutdown")
    tab.add_button.click()
    profile = state.services.office.profile()
    assert [(d.day, d.reason) for d in profile.closure_days] == [
        (date(2026, 12, 24), "Christmas Eve shutdown")
    ]
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 0).text() == "Thu 24 Dec 2026"
    assert tab.reason.text() == ""

    tab.add_button.click()  # the same day again
    assert "already in the list" in tab.errors.message_for("day")

    tab.table.selectRow(0)
    tab.remove_button.click()
    assert answer_yes and "24 Dec 2026" in answer_yes[-1]
    assert state.services.office.profile().closure_days == ()
    assert tab.table.rowCount() == 0


def test_an_extra_bank_holiday_leaves_the_covered_list(
    page: SettingsPage, state: DeskState
) -> None:
    tab = page.closures_tab
    tab.day.setDate(date(2027, 6, 15))
    tab.kind.setCurrentIndex(tab.kind.findData("bank_holiday"))
    tab.reason.setText("Royal proclamation")
    tab.add_button.click()
    assert [d.day for d in state.services.office.profile().extra_bank_holidays] == [
        date(2027, 6, 15)
    ]
    assert tab.table.item(0, 1).text() == "Extra bank holiday"
    covered = [tab.holidays.item(r, 0).text() for r in range(tab.holidays.rowCount())]
    assert "Tue 15 Jun 2027" not in covered


# --- staff ---------------------------------------------------------------------------------------


def test_add_a_staff_member_through_the_dialog(page: SettingsPage, state: DeskState) -> None:
    seen: dict[str, Any] = {}

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StaffDialog):
            seen["wrong"] = dialog
            if dialog is not None:
                dialog.reject()
            return
        dialog.full_name.setText("Pat Brown")
        dialog._suggest_username("Pat Brown")
        dialog.role.setCurrentIndex(dialog.role.findData("officer"))
        dialog.team.setText("Cemetery")
        dialog.team_lead.setChecked(True)
        dialog.email.setText("pat at hellesdon")
        dialog.submit()
        seen["email_error"] = dialog.errors.message_for("email")
        seen["still_open"] = dialog.isVisible()
        dialog.email.setText("pat.brown@hellesdon-pc.gov.uk")
        dialog.password.setText("a long password")
        dialog.repeat.setText("a long passwrod")
        dialog.submit()
        seen["repeat_error"] = dialog.errors.message_for("repeat_password")
        dialog.repeat.setText("a long password")
        dialog.submit()
        if dialog.isVisible():
            seen["general"] = dialog.errors.general.text()
            dialog.reject()

    page.show_tab("Staff")
    QTimer.singleShot(0, fill)
    page.staff_tab.add_button.click()

    assert "wrong" not in seen and "general" not in seen
    assert "not an email address" in seen["email_error"] and seen["still_open"]
    assert "not the same" in seen["repeat_error"]
    staff = {m.username: m for m in state.services.staff.list_staff("hellesdon")}
    pat = staff["pbrown"]
    assert (pat.full_name, pat.role, pat.team, pat.is_team_lead) == (
        "Pat Brown",
        Role.OFFICER,
        "Cemetery",
        True,
    )
    assert pat.can_sign_in
    assert state.services.staff.sign_in("pbrown", "a long password").id == pat.id
    names = [page.staff_tab.table.item(r, 0).text() for r in range(page.staff_tab.table.rowCount())]
    assert names == ["Margaret Clerk", "Pat Brown"]
    assert "Pat Brown saved" in page.staff_tab.status.text()


def test_staff_dialog_keeps_errors_in_place(qtbot, state: DeskState) -> None:  # type: ignore[no-untyped-def]
    manager = state.actor
    assert manager is not None

    def save(member: StaffMember, password: str | None) -> StaffMember:
        return state.services.staff.save_staff(manager, "hellesdon", member, password)

    dialog = StaffDialog(save, manager)
    qtbot.addWidget(dialog)
    dialog.role.setCurrentIndex(dialog.role.findData("receptionist"))
    dialog.submit()
    assert "own manager role" in dialog.errors.message_for("role")
    assert dialog.result() == 0
    dialog.role.setCurrentIndex(dialog.role.findData("manager"))
    dialog.username.setText("m clerk")
    dialog.submit()
    assert "letters, digits" in dialog.errors.message_for("username")
    dialog.username.setText("mclerk")
    dialog.phone.setText("01603 301751")
    dialog.submit()
    assert dialog.member is not None and dialog.member.phone == "01603 301751"


# --- desks, rooms, services ------------------------------------------------------------------------


def test_desk_dialog_chooses_services_by_ticking(qtbot, state: DeskState) -> None:  # type: ignore[no-untyped-def]
    office = state.services.office
    profile = office.profile()
    dialog = DeskDialog(
        lambda d: office.save_desk(d, state.actor),
        profile.services,
        [d.key for d in profile.desks],
    )
    qtbot.addWidget(dialog)
    assert dialog.every.isChecked()
    assert not any(box.isEnabled() for box in dialog.service_boxes.values())
    dialog.name.setText("Window 2")
    dialog.every.setChecked(False)
    dialog.submit()
    assert "Tick the services" in dialog.services_error.text()
    dialog.service_boxes["allotments"].setChecked(True)
    dialog.service_boxes["general"].setChecked(True)
    dialog.submit()
    desk = next(d for d in office.profile().desks if d.name == "Window 2")
    assert desk == DeskProfile("window_2", "Window 2", ("general", "allotments"), True)


def test_room_and_service_dialogs_save_and_explain(qtbot, state: DeskState) -> None:  # type: ignore[no-untyped-def]
    office = state.services.office
    profile = office.profile()
    room = RoomDialog(lambda r: office.save_room(r, state.actor), [r.key for r in profile.rooms])
    qtbot.addWidget(room)
    room.submit()
    assert "room name is needed" in room.errors.message_for("name")
    room.name.setText("Quiet room")
    room.capacity.setValue(4)
    room.hearing_loop.setChecked(True)
    room.submit()
    saved = next(r for r in office.profile().rooms if r.name == "Quiet room")
    assert (saved.capacity, saved.hearing_loop) == (4, True)

    service = ServiceDialog(lambda s: office.save_service(s, state.actor), profile.services)
    qtbot.addWidget(service)
    service.name.setText("Council tax")
    service.prefix.setText("g")
    service.submit()
    assert "General enquiry" in service.errors.message_for("ticket_prefix")
    service.prefix.setText("C")
    service.submit()
    added = next(s for s in office.profile().services if s.name == "Council tax")
    assert (added.key, added.ticket_prefix) == ("council_tax", "C")


def test_new_keys_are_unique() -> None:
    assert new_key("Council Tax", []) == "council_tax"
    assert new_key("Council tax!", ["council_tax"]) == "council_tax_2"
    assert new_key("***", []) == "item"


def test_desk_added_from_the_page_appears_in_the_table(
    page: SettingsPage, state: DeskState
) -> None:
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, DeskDialog):
            dialog.name.setText("Back office")
            dialog.submit()
        elif dialog is not None:
            dialog.reject()

    page.show_tab("Desks")
    QTimer.singleShot(0, fill)
    page.desks_tab.add_button.click()
    table = page.desks_tab.table
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "Back office" in names
    assert any(d.name == "Back office" for d in state.services.office.profile().desks)


# --- desk rules and this computer ----------------------------------------------------------------


def test_desk_rules_save_through_put_setting(page: SettingsPage, state: DeskState) -> None:
    tab = page.rules_tab
    assert tab.spins["target_wait_minutes"].value() == 15
    tab.spins["target_wait_minutes"].setValue(20)
    tab.spins["idle_lock_minutes"].setValue(10)
    tab.save_button.click()
    assert state.services.office.setting("target_wait_minutes") == 20
    assert state.services.office.setting("idle_lock_minutes") == 10
    assert "saved" in tab.status.text()


def test_back_up_and_check_run_off_the_ui_thread(
    qtbot, page: SettingsPage, state: DeskState
) -> None:  # type: ignore[no-untyped-def]
    tab = page.computer_tab
    assert tab.database.text() == state.services.database.description
    assert tab.backup_dir.text() == str(state.backup_folder)
    tab.backup_button.click()
    qtbot.waitUntil(lambda: "Backed up to" in tab.result.text(), timeout=10_000)
    assert tab.backup_button.isEnabled()
    backup = Path(tab.result.text().removeprefix("Backed up to ").rstrip("."))
    assert backup.is_file() and backup.parent == state.backup_folder
    tab.check_button.click()
    qtbot.waitUntil(lambda: "healthy" in tab.result.text(), timeout=10_000)
    assert "integrity check" in tab.result.text()


def test_look_switches_are_saved_for_this_computer(
    qtbot, page: SettingsPage, state: DeskState
) -> None:  # type: ignore[no-untyped-def]
    tab = page.computer_tab
    with qtbot.waitSignal(state.theme_changed, timeout=1000):
        tab.high_contrast.setChecked(True)
    with qtbot.waitSignal(state.theme_changed, timeout=1000):
        tab.large_text.setChecked(True)
    saved = MachineSettings.load(state.paths.machine_settings_file)
    assert saved.high_contrast and saved.large_text
    assert state.machine.high_contrast and state.machine.large_text


# --- permissions -----------------------------------------------------------------------------------


def test_non_manager_sees_everything_read_only(page: SettingsPage, state: DeskState) -> None:
    state.actor = _receptionist(state)
    page.refresh()
    assert page.manager_note.isVisibleTo(page)
    assert "Only a manager" in page.manager_note.text()
    office = page.office_tab
    assert office.name.isReadOnly() and office.address.isReadOnly()
    assert not office.save_button.isEnabled() and not office.office.isEnabled()
    assert office.save_button.isHidden()  # a disabled button looks live in high contrast
    assert office.name.text() == "Hellesdon Parish Council"  # still readable
    assert all(edit.isReadOnly() for edit in page.hours_tab.days)
    assert not page.hours_tab.save_button.isEnabled()
    assert not page.closures_tab.add_button.isEnabled()
    assert page.closures_tab.remove_button.isHidden()
    assert page.closures_tab.add_button.isVisibleTo(page.closures_tab) is False
    for tab in (page.desks_tab, page.rooms_tab, page.services_tab):
        assert not tab.add_button.isEnabled() and not tab.edit_button.isEnabled()
    staff = page.staff_tab
    assert not staff.add_button.isEnabled() and not staff.note.isHidden()
    assert staff.table.rowCount() == 2  # the list is still shown
    assert not any(spin.isEnabled() for spin in page.rules_tab.spins.values())
    # This computer's own choices stay open to everyone, as in the View menu.
    assert page.computer_tab.high_contrast.isEnabled()

    for widget in page.office_tab.findChildren(QLineEdit) + page.office_tab.findChildren(
        QPlainTextEdit
    ):
        assert widget.isReadOnly() or not widget.isEnabled(), widget.accessibleName()


def test_signing_a_manager_in_again_unlocks_editing(page: SettingsPage, state: DeskState) -> None:
    manager = state.actor
    state.actor = _receptionist(state)
    assert not page.office_tab.save_button.isEnabled()
    state.actor = manager
    assert page.office_tab.save_button.isEnabled() and not page.office_tab.save_button.isHidden()
    assert not page.manager_note.isVisibleTo(page)


def test_every_input_has_a_label_with_a_mnemonic(page: SettingsPage) -> None:
    from PySide6.QtWidgets import QLabel

    buddies = {
        label.buddy(): label.text()
        for label in page.findChildren(QLabel)
        if label.buddy() is not None
    }
    for widget in page.findChildren(QLineEdit) + page.findChildren(QPlainTextEdit):
        if widget.parent() is not None and widget.parent().inherits("QAbstractSpinBox"):
            continue  # the line edit inside a spin box or date edit
        assert widget in buddies, widget.accessibleName()
        assert "&" in buddies[widget]


def test_a_manager_sees_and_unlocks_a_waiting_sign_in(page: SettingsPage, state: DeskState) -> None:
    """Issue 12: five wrong passwords and the Staff tab says so; Unlock lets them in again."""
    jo = _receptionist(state)
    for n in range(5):
        with pytest.raises(ValidationError):
            state.services.staff.sign_in("jsmith", f"guess {n}")
    for n in range(5):
        with pytest.raises(ValidationError):
            state.services.staff.sign_in("<b>stranger</b>", f"guess {n}")
    staff = page.staff_tab
    page.show_tab("Staff")
    staff.refresh()
    rows = {staff.table.item(r, 1).text(): r for r in range(staff.table.rowCount())}
    assert staff.table.item(rows["jsmith"], 9).text().startswith("Waiting until ")
    assert "<b>stranger</b>" in staff.strangers.text()
    assert staff.strangers.textFormat() is Qt.TextFormat.PlainText  # shown, not made bold
    page.resize(1366, 768)
    page.grab().save("/tmp/access-staff-tab.png")
    staff.table.selectRow(rows["jsmith"])
    staff.unlock_button.click()
    assert staff.status.text() == "Jo Smith can sign in again at once."
    assert staff.table.item(rows["jsmith"], 9).text() == ""
    assert state.services.staff.sign_in("jsmith", "front desk 1").id == jo.id
