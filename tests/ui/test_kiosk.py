"""The self-service kiosk: three taps to a ticket, idle reset, closed office, no one else's details."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from reception_app.domain.people import StaffMember
from reception_app.domain.shifts import Shift
from reception_app.services.container import AppServices
from reception_app.services.queue import CheckInRequest
from reception_app.ui.kiosk_window import KioskWindow
from tests.conftest import FixedClock


def _kiosk(qtbot, services: AppServices) -> KioskWindow:  # type: ignore[no-untyped-def]
    kiosk = KioskWindow(services)
    qtbot.addWidget(kiosk)
    kiosk.resize(1280, 800)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    return kiosk


def _tap(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _texts(kiosk: KioskWindow) -> str:
    return "\n".join(label.text() for label in kiosk.findChildren(QLabel))


def test_three_taps_give_a_ticket_with_a_wait_range(
    qtbot, services: AppServices, manager: StaffMember
) -> None:  # type: ignore[no-untyped-def]
    kiosk = _kiosk(qtbot, services)
    assert kiosk.stack.currentWidget() is kiosk.start_page
    _tap(qtbot, kiosk.take_ticket_button)
    assert kiosk.stack.currentWidget() is kiosk.service_page
    assert "general" in kiosk.service_buttons
    _tap(qtbot, kiosk.service_buttons["general"])
    assert kiosk.stack.currentWidget() is kiosk.name_page
    _tap(qtbot, kiosk.skip_button)
    assert kiosk.stack.currentWidget() is kiosk.ticket_page
    assert kiosk.ticket_label.text() == "G001"
    assert "minutes" in kiosk.wait_label.text() or "soon" in kiosk.wait_label.text()
    assert "appointment on another day" in kiosk.alternative_label.text()
    waiting = services.queue().waiting()
    assert [v.ticket for v in waiting] == ["G001"]
    assert waiting[0].announced_wait_minutes is not None


def test_name_letters_and_a_wait_range_with_others_waiting(
    qtbot, services: AppServices, manager: StaffMember
) -> None:  # type: ignore[no-untyped-def]
    queue = services.queue()
    for name in ("Alice Hiddensurname", "Bob Secretname", "Carol Otherperson"):
        queue.check_in(manager, CheckInRequest("general", name))
    kiosk = _kiosk(qtbot, services)
    _tap(qtbot, kiosk.take_ticket_button)
    _tap(qtbot, kiosk.service_buttons["general"])
    for letter in "SAMX":
        _tap(qtbot, kiosk.letter_buttons[letter])
    _tap(qtbot, kiosk.delete_button)
    assert kiosk.name_label.text() == "Sam"
    _tap(qtbot, kiosk.done_button)
    assert kiosk.ticket_label.text() == "G004"
    assert "about" in kiosk.wait_label.text() and "minutes" in kiosk.wait_label.text()
    assert services.queue().visit("G004").display_name == "Sam"
    text = _texts(kiosk)
    for private in ("Hiddensurname", "Secretname", "Otherperson", "Alice", "Bob", "Carol"):
        assert private not in text


def test_idle_reset_returns_to_the_start_screen(
    qtbot, services: AppServices, manager: StaffMember
) -> None:  # type: ignore[no-untyped-def]
    kiosk = _kiosk(qtbot, services)
    kiosk.idle_timeout_ms = 200
    _tap(qtbot, kiosk.take_ticket_button)
    _tap(qtbot, kiosk.service_buttons["general"])
    _tap(qtbot, kiosk.letter_buttons["J"])
    assert kiosk.stack.currentWidget() is kiosk.name_page
    qtbot.waitUntil(lambda: kiosk.stack.currentWidget() is kiosk.start_page, timeout=3000)
    assert kiosk.first_name == ""
    assert services.queue().waiting() == []


def test_closed_office_shows_the_next_opening_instead_of_a_ticket(
    qtbot, services: AppServices, manager: StaffMember, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)  # Saturday
    kiosk = _kiosk(qtbot, services)
    assert kiosk.take_ticket_button.text() == "When we open"  # never "Take a ticket" closed
    _tap(qtbot, kiosk.take_ticket_button)
    assert kiosk.stack.currentWidget() is kiosk.closed_page
    assert "closed" in kiosk.closed_headline.text()
    assert "Monday" in kiosk.closed_detail.text()
    assert "Out of hours" in kiosk.closed_detail.text()
    assert kiosk.closed_slots.text() == "For an appointment on another day, call 01603 301751."
    assert kiosk.ticket_label.text() == ""
    assert services.queue().waiting() == []


def test_ask_at_the_desk_and_escape_do_not_leave_the_kiosk(
    qtbot, services: AppServices, manager: StaffMember
) -> None:  # type: ignore[no-untyped-def]
    kiosk = _kiosk(qtbot, services)
    _tap(qtbot, kiosk.ask_button)
    assert kiosk.stack.currentWidget() is kiosk.ask_page
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    assert kiosk.isVisible()
    _tap(qtbot, kiosk.start_again_button)
    assert kiosk.stack.currentWidget() is kiosk.start_page


def test_a_service_error_says_ask_at_the_desk(
    qtbot, services: AppServices, manager: StaffMember, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    kiosk = _kiosk(qtbot, services)
    _tap(qtbot, kiosk.take_ticket_button)
    _tap(qtbot, kiosk.service_buttons["general"])

    def broken(self):  # type: ignore[no-untyped-def]
        raise RuntimeError("database gone")

    monkeypatch.setattr(AppServices, "queue", broken)
    _tap(qtbot, kiosk.skip_button)
    assert kiosk.stack.currentWidget() is kiosk.ask_page
    assert "Please ask at the desk" in _texts(kiosk)


def test_buttons_and_text_are_large(qtbot, services: AppServices, manager: StaffMember) -> None:  # type: ignore[no-untyped-def]
    kiosk = _kiosk(qtbot, services)
    _tap(qtbot, kiosk.take_ticket_button)
    system = kiosk.font().pointSizeF()
    for button in [kiosk.take_ticket_button, kiosk.ask_button, *kiosk.service_buttons.values()]:
        assert button.minimumHeight() >= 80
        assert button.font().pointSizeF() >= 2.5 * system
    for label in kiosk.findChildren(QLabel):
        assert label.font().pointSizeF() >= 2.5 * system


def test_a_wait_past_closing_time_offers_the_next_opening(
    qtbot, services: AppServices, manager: StaffMember, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 11, 24, 15, 40, tzinfo=UTC)  # Tuesday, closes at 16:00
    queue = services.queue()
    for name in ("Ann", "Ben", "Cat"):
        queue.check_in(manager, CheckInRequest("burials", name))
    clock.now = datetime(2026, 11, 24, 15, 50, tzinfo=UTC)
    kiosk = _kiosk(qtbot, services)
    _tap(qtbot, kiosk.take_ticket_button)
    _tap(qtbot, kiosk.service_buttons["burials"])
    _tap(qtbot, kiosk.skip_button)
    assert kiosk.stack.currentWidget() is kiosk.closed_page
    assert "closing time" in kiosk.closed_headline.text()
    assert "tomorrow at 09:30" in kiosk.closed_detail.text()
    assert len(services.queue().waiting()) == 3


def test_the_ticket_screen_offers_three_times_to_come_back(
    qtbot, services: AppServices, manager: StaffMember
) -> None:  # type: ignore[no-untyped-def]
    kiosk = _kiosk(qtbot, services)
    _tap(qtbot, kiosk.take_ticket_button)
    _tap(qtbot, kiosk.service_buttons["general"])
    _tap(qtbot, kiosk.skip_button)
    assert kiosk.stack.currentWidget() is kiosk.ticket_page
    assert kiosk.slots_label.text() == "Or come back: Wed 25 Nov at 09:30, 09:45 or 10:00"
    assert kiosk.slots_label.isVisible()
    _tap(qtbot, kiosk.finished_button)
    assert kiosk.slots_label.text() == ""


def test_a_wait_past_closing_time_offers_times_to_come_back_first(
    qtbot, services: AppServices, manager: StaffMember, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 11, 24, 15, 40, tzinfo=UTC)
    for name in ("Ann", "Ben", "Cat"):
        services.queue().check_in(manager, CheckInRequest("burials", name))
    clock.now = datetime(2026, 11, 24, 15, 50, tzinfo=UTC)
    kiosk = _kiosk(qtbot, services)
    _tap(qtbot, kiosk.take_ticket_button)
    _tap(qtbot, kiosk.service_buttons["burials"])
    _tap(qtbot, kiosk.skip_button)
    assert kiosk.stack.currentWidget() is kiosk.closed_page
    assert kiosk.closed_slots.text() == "Or come back: Wed 25 Nov at 09:30, 09:45 or 10:00"
    layout = kiosk.closed_page.layout()
    assert layout.indexOf(kiosk.closed_slots) < layout.indexOf(kiosk.closed_detail)


def test_no_ticket_when_no_desk_for_the_service_is_on_duty_for_the_rest_of_today(
    qtbot, services: AppServices, manager: StaffMember, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    # The office is open until 16:00, but both desks' Tuesday rota ended at 14:00.
    queue = services.queue()
    queue.set_desk_duties(manager, "R1", [Shift.from_text(1, "09:30", "14:00")])
    queue.set_desk_duties(manager, "CL", [Shift.from_text(1, "09:30", "14:00")])
    clock.now = datetime(2026, 11, 24, 14, 10, tzinfo=UTC)
    kiosk = _kiosk(qtbot, services)
    _tap(qtbot, kiosk.take_ticket_button)
    _tap(qtbot, kiosk.service_buttons["general"])
    _tap(qtbot, kiosk.skip_button)
    assert kiosk.stack.currentWidget() is kiosk.closed_page
    assert kiosk.closed_headline.text() == "Sorry, nobody can see you about this today"
    assert queue.waiting() == []  # no ticket was issued


def test_a_mobile_at_the_kiosk_is_checked_then_brings_the_texts(
    qtbot, services: AppServices, manager: StaffMember, notify, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    kiosk = _kiosk(qtbot, services)
    kiosk.resize(1366, 768)
    _tap(qtbot, kiosk.take_ticket_button)
    _tap(qtbot, kiosk.service_buttons["general"])
    _tap(qtbot, kiosk.skip_button)
    page = kiosk.mobile_page
    assert kiosk.stack.currentWidget() is page
    for digit in "0160330175":
        _tap(qtbot, page.digit_buttons[digit])
    _tap(qtbot, page.text_me_button)
    assert "not a UK mobile number" in page.problem.text()
    assert kiosk.stack.currentWidget() is page, "a wrong number stays on the page"
    assert kiosk.grab().save(str(tmp_path / "kiosk_mobile_wrong.png"))
    page.clear()
    for digit in "07700900123":
        _tap(qtbot, page.digit_buttons[digit])
    _tap(qtbot, page.text_me_button)
    assert kiosk.stack.currentWidget() is kiosk.ticket_page
    assert kiosk.texted_label.isVisibleTo(kiosk)
    (visit,) = services.queue().waiting()
    kiosk.reset()
    assert kiosk.mobile == "" and page.digits == ""
    services.queue().check_in(None, CheckInRequest("general", "Ann"))
    # Ann is behind: calling the kiosk's visitor texts them "please go to".
    services.queue().call_next(manager, "R1")
    kinds = [n.kind.value for n in services.notifications().about("visit", visit.id)]
    assert kinds == ["nearly_up", "called"] or kinds == ["called"]


def test_no_thanks_at_the_kiosk_and_no_page_without_notify(
    qtbot, services: AppServices, manager: StaffMember
) -> None:  # type: ignore[no-untyped-def]
    kiosk = _kiosk(qtbot, services)
    _tap(qtbot, kiosk.take_ticket_button)
    _tap(qtbot, kiosk.service_buttons["general"])
    _tap(qtbot, kiosk.skip_button)
    assert kiosk.stack.currentWidget() is kiosk.ticket_page
    assert not kiosk.texted_label.isVisibleTo(kiosk)
