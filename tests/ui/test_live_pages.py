"""Live screens (issue 11), the pages beyond Today and Messages: what another desk does shows on
Appointments, Rooms, Correspondence and Contacts within a second, read on a worker thread (no
statement runs on the GUI thread for the re-read), keeping the chosen row and the scroll."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import pytest
from sqlalchemy import event

from reception_app.domain.people import StaffMember
from reception_app.services.appointment_service import BookingRequest
from reception_app.services.container import AppServices
from reception_app.ui.live import LiveReload
from reception_app.ui.main_window import MainWindow
from reception_app.ui.pages.page import Page
from tests.ui.live_fixtures import another_desk, live_window, newest_change, wait_told  # noqa: F401 - fixtures

BOTH = pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"], indirect=True)


@contextmanager
def gui_statements(services: AppServices) -> Iterator[dict[str, int]]:
    """Count the statements run on the GUI thread and on other threads meanwhile."""
    gui = threading.get_ident()
    counts = {"gui": 0, "worker": 0}

    def count(*_args: object) -> None:
        counts["gui" if threading.get_ident() == gui else "worker"] += 1

    engine = services.database.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield counts
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _open(qtbot, window: MainWindow, index: int, kind: type) -> tuple[Page, LiveReload]:  # type: ignore[no-untyped-def]
    window.show_page(index)
    page = window.current_page()
    assert isinstance(page, kind)
    reload = window.live.reload_of(page)
    qtbot.waitUntil(lambda: not reload.busy, timeout=1000)
    return page, reload


@BOTH
def test_another_desk_s_booking_shows_on_the_appointments_timeline_read_on_a_worker(
    qtbot,
    live_window: MainWindow,  # noqa: F811
    another_desk: AppServices,  # noqa: F811
    services: AppServices,
    manager: StaffMember,
    colleagues: dict[str, StaffMember],
) -> None:  # type: ignore[no-untyped-def]
    from reception_app.ui.pages.appointments_page import AppointmentsPage

    page, reload = _open(qtbot, live_window, 1, AppointmentsPage)
    assert isinstance(page, AppointmentsPage)
    zone = another_desk.appointments().calendar().zone
    book = another_desk.appointments().book
    first = book(
        manager,
        BookingRequest(
            "general", datetime(2026, 11, 24, 14, 0, tzinfo=zone), customer_name="Ann Lee"
        ),
    )
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not reload.busy, timeout=1000)
    page.select_appointment(first.id)
    reads = reload.reads
    with gui_statements(services) as counts:
        book(
            manager,
            BookingRequest(
                "general", datetime(2026, 11, 24, 15, 0, tzinfo=zone), customer_name="Bob Ray"
            ),
        )
        qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=1000)
        qtbot.waitUntil(lambda: not reload.busy, timeout=1000)
    assert reload.reads == reads + 1
    assert counts["gui"] == 0 and counts["worker"] > 0
    assert page.table.chosen_id() == first.id
    assert {block.title for block in page.timeline.blocks} == {"Ann Lee", "Bob Ray"}
    live_window.grab().save("/tmp/live2-appointments.png")


@BOTH
def test_another_desk_s_room_booking_shows_on_the_room_board_read_on_a_worker(
    qtbot,
    live_window: MainWindow,  # noqa: F811
    another_desk: AppServices,  # noqa: F811
    services: AppServices,
    manager: StaffMember,
) -> None:  # type: ignore[no-untyped-def]
    from reception_app.ui.pages.rooms_page import RoomsPage

    page, reload = _open(qtbot, live_window, 2, RoomsPage)
    assert isinstance(page, RoomsPage)
    rooms = another_desk.rooms()
    zone = rooms.calendar().zone
    first = rooms.book(manager, 2, datetime(2026, 11, 24, 13, 0, tzinfo=zone), 60, "Surgery")
    qtbot.waitUntil(lambda: len(page.booking_rows()) == 1 and not reload.busy, timeout=1000)
    page.select_booking(first.id)
    reads = reload.reads
    with gui_statements(services) as counts:
        rooms.book(manager, 1, datetime(2026, 11, 24, 14, 0, tzinfo=zone), 30, "Interview")
        qtbot.waitUntil(lambda: len(page.booking_rows()) == 2, timeout=1000)
        qtbot.waitUntil(lambda: not reload.busy, timeout=1000)
    assert reload.reads == reads + 1
    assert counts["gui"] == 0 and counts["worker"] > 0
    assert page.selected_booking_id() == first.id
    assert "2 bookings" in page.board_title.text()
    live_window.grab().save("/tmp/live2-rooms.png")


@BOTH
def test_another_desk_s_letter_and_feedback_show_on_correspondence_read_on_a_worker(
    qtbot,
    live_window: MainWindow,  # noqa: F811
    another_desk: AppServices,  # noqa: F811
    services: AppServices,
    manager: StaffMember,
    clock,
) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from reception_app.domain.correspondence import CorrespondenceDraft
    from reception_app.domain.feedback import FeedbackDraft, FeedbackKind
    from reception_app.ui.pages.correspondence_page import CorrespondencePage

    def letter(subject: str) -> CorrespondenceDraft:
        return CorrespondenceDraft(
            channel="sar",
            received_at=clock.now - timedelta(days=1),
            from_name="Ann Lee",
            subject=subject,
            owner_id=manager.id,
        )

    page, reload = _open(qtbot, live_window, 4, CorrespondencePage)
    assert isinstance(page, CorrespondencePage)
    first = another_desk.correspondence().log(manager, letter("Everything you hold about me"))
    qtbot.waitUntil(lambda: page.log_model.rowCount() == 1 and not reload.busy, timeout=1000)
    page.refresh_log(first.id)
    page.log_find.setFocus()
    qtbot.keyClicks(page.log_find, "Ann")
    reads = reload.reads
    with gui_statements(services) as counts:
        another_desk.correspondence().log(manager, letter("My tenancy file"))
        qtbot.waitUntil(lambda: page.log_model.rowCount() == 2, timeout=1000)
        qtbot.waitUntil(lambda: not reload.busy, timeout=1000)
        another_desk.feedback().record(
            manager, FeedbackDraft(FeedbackKind.COMPLIMENT, "in_person", clock.now, "Kind staff")
        )
        qtbot.waitUntil(lambda: page.feedback_model.rowCount() == 1, timeout=1000)
        qtbot.waitUntil(lambda: not reload.busy, timeout=1000)
    assert reload.reads == reads + 2
    assert counts["gui"] == 0 and counts["worker"] > 0
    assert page.log_find.text() == "Ann" and page.log_find.hasFocus()
    current = page.current_item()
    assert current is not None and current.id == first.id
    live_window.grab().save("/tmp/live2-correspondence.png")


@BOTH
def test_another_desk_s_new_contact_shows_in_the_search_in_force_read_on_a_worker(
    qtbot,
    live_window: MainWindow,  # noqa: F811
    another_desk: AppServices,  # noqa: F811
    services: AppServices,
    manager: StaffMember,
) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from reception_app.domain.people import Contact
    from reception_app.ui.pages.contacts_page import ContactsPage

    page, reload = _open(qtbot, live_window, 5, ContactsPage)
    assert isinstance(page, ContactsPage)
    contacts = another_desk.contacts()
    first = contacts.save(Contact(None, "Ann Lee", phone="01603 111222"), manager)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not reload.busy, timeout=1000)
    page.search.setFocus()
    qtbot.keyClicks(page.search, "Lee")
    page.run_search(first.id)
    reads = reload.reads
    with gui_statements(services) as counts:
        contacts.save(Contact(None, "Bob Lee", phone="01603 333444"), manager)
        qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=1000)
        qtbot.waitUntil(lambda: not reload.busy, timeout=1000)
        contacts.save(replace(first, phone="01603 999888"), manager)
        qtbot.waitUntil(lambda: "01603 999888" in page.details.text(), timeout=1000)
        qtbot.waitUntil(lambda: not reload.busy, timeout=1000)
    assert reload.reads == reads + 2
    assert counts["gui"] == 0 and counts["worker"] > 0
    # (the offscreen window is no longer the active one here: its focus widget is what counts)
    assert page.search.text() == "Lee" and live_window.focusWidget() is page.search
    chosen = page.selected_contact()
    assert chosen is not None and chosen.id == first.id
    live_window.grab().save("/tmp/live2-contacts.png")


def test_an_action_on_appointments_is_re_read_once_on_a_worker(
    qtbot,
    live_window: MainWindow,  # noqa: F811
    services: AppServices,
    manager: StaffMember,
    colleagues: dict[str, StaffMember],
) -> None:  # type: ignore[no-untyped-def]
    from reception_app.ui.pages.appointments_page import AppointmentsPage

    page, reload = _open(qtbot, live_window, 1, AppointmentsPage)
    assert isinstance(page, AppointmentsPage)
    zone = services.appointments().calendar().zone
    start = datetime(2026, 11, 24, 14, 0, tzinfo=zone)
    booked = services.appointments().book(
        manager, BookingRequest("general", start, customer_name="Ann Lee")
    )
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not reload.busy, timeout=1000)
    page.select_appointment(booked.id)
    reads = reload.reads
    with gui_statements(services) as counts:
        page.day_actions.arrived()  # this desk: the notice of its commit re-reads, once
        by_hand = counts["gui"]
        qtbot.waitUntil(lambda: "Arrived" in " ".join(_cells(page)), timeout=1000)
        qtbot.waitUntil(lambda: not reload.busy, timeout=1000)
        assert live_window.live.hub is not None  # the feed hears the commit too: not re-read
        wait_told(qtbot, live_window.live.hub, newest_change(services), reload)
    print(f"arrived: {by_hand} statements on the GUI thread, re-read {counts['worker']}")
    assert "Ticket" in page.message_text
    assert reload.reads == reads + 1
    assert counts["gui"] == by_hand <= 15
    assert page.table.chosen_id() == booked.id


def _cells(page) -> list[str]:  # type: ignore[no-untyped-def]
    model = page.model
    return [
        str(model.index(r, c).data())
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]


def test_the_chosen_contact_and_the_scroll_position_survive_a_re_read(
    qtbot,
    live_window: MainWindow,  # noqa: F811
    another_desk: AppServices,  # noqa: F811
    manager: StaffMember,
) -> None:  # type: ignore[no-untyped-def]
    from reception_app.domain.people import Contact
    from reception_app.ui.pages.contacts_page import ContactsPage

    contacts = another_desk.contacts()
    for number in range(30):
        contacts.save(Contact(None, f"Person {number:02d}"), manager)
    page, reload = _open(qtbot, live_window, 5, ContactsPage)
    assert isinstance(page, ContactsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 30 and not reload.busy, timeout=2000)
    bar = page.table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=1000)  # laid out
    bar.setValue(bar.maximum())  # the last rows in view, and one of them chosen
    page.table.selectRow(page.table.rowAt(page.table.viewport().height() // 2))
    position, chosen = bar.value(), page.selected_contact()
    assert chosen is not None and position > 0
    contacts.save(Contact(None, "Zoe Last"), manager)  # after every other in name order
    qtbot.waitUntil(lambda: page.model.rowCount() == 31, timeout=1000)
    qtbot.waitUntil(lambda: not reload.busy, timeout=1000)
    assert bar.value() == position
    kept = page.selected_contact()
    assert kept is not None and kept.id == chosen.id


def test_another_desk_s_booking_shows_in_an_officer_s_week_read_on_a_worker(
    qtbot,
    live_window: MainWindow,  # noqa: F811
    another_desk: AppServices,  # noqa: F811
    services: AppServices,
    manager: StaffMember,
    colleagues: dict[str, StaffMember],
) -> None:  # type: ignore[no-untyped-def]
    from reception_app.ui.pages.appointments_page import AppointmentsPage

    page, reload = _open(qtbot, live_window, 1, AppointmentsPage)
    assert isinstance(page, AppointmentsPage)
    page.week_button.setChecked(True)
    assert page.week_officer.currentText() == "Margaret Clerk"
    zone = another_desk.appointments().calendar().zone
    with gui_statements(services) as counts:
        booked = another_desk.appointments().book(
            manager,
            BookingRequest(
                "general",
                datetime(2026, 11, 26, 11, 0, tzinfo=zone),
                customer_name="Cy Dee",
                staff_id=manager.id,
            ),
        )
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=1000)
        qtbot.waitUntil(lambda: not reload.busy, timeout=1000)
    assert counts["gui"] == 0 and counts["worker"] > 0
    assert page.week_view and page.day_title.text().startswith("Week of")
    assert [block.key for block in page.timeline.blocks] == [booked.id]


def test_a_read_for_a_day_the_desk_has_left_does_not_replace_the_new_day(
    qtbot,
    live_window: MainWindow,  # noqa: F811
    services: AppServices,
    manager: StaffMember,
    colleagues: dict[str, StaffMember],
) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from reception_app.domain.changes import Topic
    from reception_app.ui.pages.appointments_page import AppointmentsPage

    page, reload = _open(qtbot, live_window, 1, AppointmentsPage)
    assert isinstance(page, AppointmentsPage)
    zone = services.appointments().calendar().zone
    services.appointments().book(
        manager,
        BookingRequest(
            "general", datetime(2026, 11, 24, 14, 0, tzinfo=zone), customer_name="Ann Lee"
        ),
    )
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not reload.busy, timeout=1000)
    planned = page.live_reading(frozenset({Topic.APPOINTMENTS}))
    assert planned is not None
    read, show = planned
    reading = read()  # read for Tuesday ...
    page.navigator.set_day(date(2026, 11, 25))  # ... while the desk moves on to Wednesday
    assert page.model.rowCount() == 0
    show(reading)
    assert page.shown_day() == date(2026, 11, 25)
    assert page.model.rowCount() == 0 and page.day_title.text().startswith("Wednesday")


def test_a_search_read_for_text_since_typed_over_is_not_shown(
    qtbot,
    live_window: MainWindow,  # noqa: F811
    services: AppServices,
    manager: StaffMember,
) -> None:  # type: ignore[no-untyped-def]
    from reception_app.domain.changes import Topic
    from reception_app.domain.people import Contact
    from reception_app.ui.pages.contacts_page import ContactsPage

    page, reload = _open(qtbot, live_window, 5, ContactsPage)
    assert isinstance(page, ContactsPage)
    for name in ("Ann Lee", "Bob Ray"):
        services.contacts().save(Contact(None, name), manager)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and not reload.busy, timeout=1000)
    planned = page.live_reading(frozenset({Topic.CONTACTS}))
    assert planned is not None
    read, show = planned
    reading = read()  # both, for an empty search ...
    page.search.setText("Bob")  # ... while the desk types
    page.run_search()
    show(reading)
    assert [page.model.index(r, 0).data() for r in range(page.model.rowCount())] == ["Bob Ray"]
