"""The queue on the Today page, driven by the keyboard as the receptionist does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from reception_app.domain.people import Contact
from reception_app.domain.visits import VisitStatus
from reception_app.services.container import AppServices
from reception_app.services.queue import CheckInRequest
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.check_in_dialog import CheckInDialog
from reception_app.ui.dialogs.outcome_dialog import OutcomeDialog
from reception_app.ui.models.queue_table_model import QueueTableModel
from reception_app.ui.pages.today_page import TodayPage
from tests.conftest import FixedClock


@pytest.fixture
def page(qtbot, state: DeskState) -> TodayPage:  # type: ignore[no-untyped-def]
    state.machine.desk_key = "R1"  # Hellesdon's "Reception window"
    today = TodayPage(state)
    qtbot.addWidget(today)
    today.resize(1100, 760)
    today.show()
    qtbot.waitExposed(today)
    _activate(qtbot, today)
    today.refresh()
    return today


def _activate(qtbot, widget: TodayPage) -> None:  # type: ignore[no-untyped-def]
    # Shortcuts (F2, F3, ...) only reach the active window.
    widget.raise_()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def _press(qtbot, page: TodayPage, target, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """A key press as the receptionist makes it: the page's window is active again after a
    dialog closed (the offscreen platform does not give activation back by itself)."""
    _activate(qtbot, page)
    if target is not page:
        target.setFocus()
    qtbot.keyClick(target, key, modifier)


def _when_open(qtbot, kind: type[QDialog], act: Callable[[QDialog], None]) -> list[QDialog]:  # type: ignore[no-untyped-def]
    """Run ``act`` on the modal dialog of ``kind`` as soon as it is open (exec() blocks)."""
    seen: list[QDialog] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            seen.append(dialog)
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def _check_in(qtbot, page: TodayPage, name: str, service: str, **ticks: bool) -> list[str]:  # type: ignore[no-untyped-def]
    shown: list[str] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, CheckInDialog)
        qtbot.keyClicks(dialog.display_name, name)
        dialog.service.setCurrentIndex(dialog.service.findText(service))
        for box, on in ticks.items():
            getattr(dialog, box).setChecked(on)
        dialog.check_in_button.click()
        shown.append(dialog.result_text)
        shown.append(dialog.warning_text)
        dialog.close_button.click()

    seen = _when_open(qtbot, CheckInDialog, fill)
    _press(qtbot, page, page, Qt.Key.Key_F2)
    assert seen
    return shown


def _tickets(page: TodayPage) -> list[str]:
    return page.queue_model.tickets()


def _column(page: TodayPage, column: int) -> list[str]:
    model = page.queue_model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_check_in_call_serve_and_follow_up(
    qtbot,
    page: TodayPage,
    services: AppServices,
    state: DeskState,  # type: ignore[no-untyped-def]
) -> None:
    assert page.queue_note.isVisible() and page.queue_model.rowCount() == 0
    first = _check_in(qtbot, page, "Ann O'Brien", "General enquiry")
    assert "G001" in first[0] and "Ann for General enquiry" in first[0]
    assert "the wait is" in first[0] or "called now" in first[0]
    assert first[1] == ""  # open, and the wait ends well before closing
    second = _check_in(qtbot, page, "", "Cemetery and burials", private_room=True)
    assert "B001" in second[0] and "anonymous" in second[0]

    assert _tickets(page) == ["G001", "B001"]
    assert all(_column(page, QueueTableModel.ESTIMATE))
    assert _column(page, QueueTableModel.NEEDS) == ["", "Room"]
    assert not page.queue_note.isVisible()

    _press(qtbot, page, page, Qt.Key.Key_F3)
    assert page.at_desk.text() == "Now at your desk: G001 Ann (called 10:30)."
    assert _tickets(page) == ["B001"]
    assert services.queue().visit("G001").desk_key == "R1"

    def resolve(dialog: QDialog) -> None:
        assert isinstance(dialog, OutcomeDialog)
        dialog.resolved_yes.setChecked(True)
        dialog.save_button.click()

    seen = _when_open(qtbot, OutcomeDialog, resolve)
    _press(qtbot, page, page, Qt.Key.Key_F4)
    assert seen
    served = services.queue().visit("G001")
    assert served.status is VisitStatus.SERVED and served.resolved_first_contact is True
    assert page.at_desk.text() == "Nobody at your desk."

    _press(qtbot, page, page, Qt.Key.Key_F3)
    # The name and the needs, not the ticket alone (issue 13 point 13).
    assert page.at_desk.text() == "Now at your desk: B001 anonymous (called 10:30). Needs: Room."
    messages: list[str] = []

    def follow_up(dialog: QDialog) -> None:
        assert isinstance(dialog, OutcomeDialog)
        dialog.resolved_no.setChecked(True)
        dialog.save_button.click()  # no officer named yet
        messages.append(dialog.errors.message_for("follow_up_officer_id"))
        assert dialog.isVisible()
        dialog.officer.setCurrentIndex(dialog.officer.findText("Margaret Clerk"))
        dialog.target.setDate(QDate(2026, 12, 1))
        dialog.save_button.click()

    seen = _when_open(qtbot, OutcomeDialog, follow_up)
    _press(qtbot, page, page, Qt.Key.Key_F4)
    assert seen and "name the officer" in messages[0]
    done = services.queue().visit("B001")
    assert done.resolved_first_contact is False
    assert done.follow_up_target == date(2026, 12, 1)
    assert done.follow_up_officer_id == state.actor.id  # type: ignore[union-attr]


def test_left_without_being_seen_and_move_down(
    qtbot,
    page: TodayPage,
    services: AppServices,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    for name in ("Ann", "Bob", "Cara"):
        _check_in(qtbot, page, name, "General enquiry")
    assert _tickets(page) == ["G001", "G002", "G003"]

    page._select_row(0)
    _press(qtbot, page, page.queue_table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert _tickets(page) == ["G002", "G001", "G003"]
    assert page._selected_ticket() == "G001"  # the moved ticket stays chosen
    _press(qtbot, page, page.queue_table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _tickets(page) == ["G001", "G002", "G003"]

    asked: list[str] = []
    monkeypatch.setattr(page, "confirm", lambda q: asked.append(q) or False)
    page._select_row(1)
    _press(qtbot, page, page, Qt.Key.Key_F6)
    assert asked == ["Mark G002 as left without being seen?"]
    assert _tickets(page) == ["G001", "G002", "G003"]  # said no: nothing changed
    monkeypatch.setattr(page, "confirm", lambda q: True)
    _press(qtbot, page, page, Qt.Key.Key_F6)
    assert _tickets(page) == ["G001", "G003"]
    assert services.queue().visit("G002").status is VisitStatus.LEFT

    # Enter on a row calls that ticket to this desk.
    page._select_row(1)
    page.queue_table.setFocus()
    _press(qtbot, page, page.queue_table, Qt.Key.Key_Return)
    assert page.at_desk.text().startswith("Now at your desk: G003")


def test_refusals_show_in_the_status_line_and_pause_resume(
    qtbot,
    page: TodayPage,
    services: AppServices,  # type: ignore[no-untyped-def]
) -> None:
    _check_in(qtbot, page, "Ann", "General enquiry")
    page.pause_button.click()
    assert page.pause_button.text() == "&Resume desk"
    _press(qtbot, page, page, Qt.Key.Key_F3)
    assert "on a break" in page.queue_status.text() and page.queue_status.isVisible()
    assert _tickets(page) == ["G001"]
    page.pause_button.click()
    assert page.pause_button.text() == "&Pause desk"
    _press(qtbot, page, page, Qt.Key.Key_F4)
    assert "Nobody is at your desk" in page.queue_status.text()


def test_without_a_desk_the_page_asks_for_one_and_remembers_it(
    qtbot,
    state: DeskState,  # type: ignore[no-untyped-def]
) -> None:
    page = TodayPage(state)
    qtbot.addWidget(page)
    page.show()
    _activate(qtbot, page)
    page.refresh()
    assert page.desk_choice.currentData() is None
    _press(qtbot, page, page, Qt.Key.Key_F3)
    assert "Choose this PC's desk" in page.queue_status.text()
    page.desk_choice.setCurrentIndex(page.desk_choice.findText("Reception window"))
    page.desk_choice.activated.emit(page.desk_choice.currentIndex())
    assert state.machine.desk_key == "R1"
    assert '"desk_key": "R1"' in state.paths.machine_settings_file.read_text(encoding="utf-8")


def test_past_closing_no_ticket_is_issued_and_the_contact_is_picked(
    qtbot,
    page: TodayPage,
    services: AppServices,
    clock: FixedClock,
    state: DeskState,  # type: ignore[no-untyped-def]
) -> None:
    saved = services.contacts().save(
        Contact(id=None, full_name="Ann O'Brien", phone="01603 301751", postcode="NR6 5QB"),
        state.actor,
    )
    closes = services.office.status().closes_at
    assert closes is not None
    clock.now = closes.astimezone(clock.now.tzinfo) - timedelta(minutes=3)
    _check_in(qtbot, page, "Bob", "General enquiry")
    shown: list[str] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, CheckInDialog)
        qtbot.keyClicks(dialog.find_contact, "NR6")
        dialog.search_contacts()
        assert dialog.matches.count() == 1
        dialog.matches.itemActivated.emit(dialog.matches.item(0))
        assert dialog.display_name.text() == "Ann O'Brien"
        dialog.check_in_button.click()
        shown.append(dialog.warning_text)
        dialog.close_button.click()

    assert _when_open(qtbot, CheckInDialog, fill) is not None
    _press(qtbot, page, page, Qt.Key.Key_F2)
    assert "past closing time" in shown[0] and "no ticket was issued" in shown[0]
    assert "Opens tomorrow at 09:30" in shown[0] and "Out of hours:" in shown[0]
    assert _tickets(page) == ["G001"]  # Bob's only
    assert saved.id is not None


def test_check_in_dialog_shows_three_times_to_come_back(
    qtbot, state: DeskState, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    dialog = CheckInDialog(state)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.service.setCurrentIndex(dialog.service.findData("general"))
    dialog.check_in_button.click()
    assert dialog.visit is not None
    # Tuesday 10:30: another day first (North Norfolk: "an alternative day and time").
    assert (
        dialog.slots_text == "Or come back at: Wed 25 Nov 09:30, Wed 25 Nov 09:45, Wed 25 Nov 10:00"
    )
    assert dialog.slots_line.isVisible()
    layout = dialog._result
    assert layout.indexOf(dialog.wait_line) < layout.indexOf(dialog.slots_line)


def test_check_in_dialog_offers_the_times_first_when_the_wait_runs_past_closing(
    qtbot, state: DeskState, services: AppServices, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    closes = services.office.status().closes_at
    assert closes is not None
    clock.now = closes.astimezone(clock.now.tzinfo) - timedelta(minutes=3)
    services.queue().check_in(state.actor, CheckInRequest("general", "Bob"))
    dialog = CheckInDialog(state)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.service.setCurrentIndex(dialog.service.findData("general"))
    dialog.check_in_button.click()
    assert dialog.visit is None  # no ticket that cannot be called today
    assert "past closing time" in dialog.warning_text
    assert dialog.result_text == ""
    assert dialog.slots_text == (
        "Offer an appointment on another day: Wed 25 Nov 09:30, Wed 25 Nov 09:45, Wed 25 Nov 10:00"
    )
    layout = dialog._result
    assert layout.indexOf(dialog.warning) < layout.indexOf(dialog.slots_line)
    assert layout.indexOf(dialog.slots_line) < layout.indexOf(dialog.slot_box)
    assert len(services.queue().waiting()) == 1


def test_closed_office_check_in_leads_with_the_next_opening_and_issues_no_ticket(
    qtbot, state: DeskState, services: AppServices, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    clock.now = clock.now.replace(hour=18, minute=30)  # Tuesday evening
    dialog = CheckInDialog(state)
    qtbot.addWidget(dialog)
    dialog.show()
    # Said first, before anything is typed.
    assert dialog.closed_banner.isVisible()
    assert "Opens tomorrow at 09:30." in dialog.closed_banner.text()
    assert dialog.layout().indexOf(dialog.closed_banner) == 0
    dialog.service.setCurrentIndex(dialog.service.findData("general"))
    dialog.check_in_button.click()
    assert dialog.visit is None
    assert dialog.warning_text.startswith("The office is closed (outside opening hours)")
    assert "Opens tomorrow at 09:30." in dialog.warning_text
    assert services.office.profile().out_of_hours in dialog.warning_text
    assert "called now" not in dialog.result_text
    assert dialog.slot_buttons
    assert services.queue().waiting() == []


def test_check_in_offers_bsl_and_braille_and_the_desk_line_shows_the_needs(
    qtbot, page: TodayPage, services: AppServices, state: DeskState
) -> None:  # type: ignore[no-untyped-def]
    from reception_app.domain.people import ContactNeeds, PreferredFormat

    contact = services.contacts().save(
        Contact(
            id=None,
            full_name="Rhiannon Price",
            phone="01603 301751",
            needs=ContactNeeds(preferred_format=PreferredFormat.BRAILLE, bsl=True),
        ),
        state.actor,
    )
    dialog = CheckInDialog(state)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.use_contact(contact)
    # The contact's needs arrive ticked, as the other needs do.
    assert dialog.bsl.isChecked() and dialog.braille.isChecked()
    dialog.hearing_loop.setChecked(True)
    dialog.service.setCurrentIndex(dialog.service.findData("general"))
    dialog.check_in_button.click()
    assert dialog.visit is not None
    needs = services.queue().visit(dialog.visit.ticket).needs
    assert needs.bsl and needs.braille and needs.hearing_loop
    page.refresh_queue()
    assert page.queue_model.index(0, QueueTableModel.NEEDS).data() == (
        "BSL interpreter, Loop, Braille"
    )
    _press(qtbot, page, page, Qt.Key.Key_F3)
    assert page.at_desk.text() == (
        "Now at your desk: G001 Rhiannon (called 10:30). Needs: BSL interpreter, Loop, Braille."
    )
