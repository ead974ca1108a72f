"""Live screens (issue 11): what another desk does shows on this desk's page within a second,
without anyone touching the screen, read once per change and off the GUI thread; the chosen
row, the scroll position and half-typed text survive the re-read."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import event

from reception_app.domain.messages import MessageDraft
from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.services.queue import CheckInRequest
from reception_app.ui.changes import ChangeHub
from reception_app.ui.main_window import MainWindow
from reception_app.ui.pages.messages_page import MessagesPage
from reception_app.ui.pages.today_page import TodayPage
from tests.ui.live_fixtures import another_desk, live_window, newest_change, wait_told  # noqa: F401 - fixtures

BOTH = pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"], indirect=True)


def _hub(window: MainWindow) -> ChangeHub:
    assert window.live.hub is not None
    return window.live.hub


def _today(window: MainWindow) -> TodayPage:
    page = window.current_page()
    assert isinstance(page, TodayPage)
    return page


@BOTH
def test_another_desk_s_check_in_shows_on_today_within_a_second_read_once(
    qtbot,
    live_window: MainWindow,  # noqa: F811
    another_desk: AppServices,  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    page = _today(live_window)
    reload = live_window.live.reload_of(page)
    assert page.queue_model.rowCount() == 0
    reads = reload.reads
    another_desk.queue().check_in(None, CheckInRequest("general", "Ann Lee"))
    started = time.monotonic()  # committed
    change = newest_change(another_desk)
    qtbot.waitUntil(lambda: page.queue_model.rowCount() == 1, timeout=1000)
    took = time.monotonic() - started
    wait_told(qtbot, _hub(live_window), change, reload)  # nothing else arrives for the change
    assert reload.reads == reads + 1
    assert took < 1.0


@BOTH
def test_a_call_at_another_desk_shows_and_this_desk_s_own_call_is_read_once(
    qtbot,
    live_window: MainWindow,  # noqa: F811
    another_desk: AppServices,  # noqa: F811
    manager: StaffMember,
) -> None:  # type: ignore[no-untyped-def]
    page = _today(live_window)
    reload = live_window.live.reload_of(page)
    queue = another_desk.queue()
    for name in ("Ann Lee", "Bob Ray", "Cy Dee"):
        queue.check_in(None, CheckInRequest("general", name))
    qtbot.waitUntil(lambda: page.queue_model.rowCount() == 3, timeout=1500)
    queue.mark_left(manager, "G001")  # another desk: the first left without being seen
    qtbot.waitUntil(lambda: page.queue_model.rowCount() == 2, timeout=1000)
    qtbot.waitUntil(lambda: not reload.busy, timeout=1000)
    reads = reload.reads
    page.call_next()  # this desk: the page does not read by itself, the notice does, once
    qtbot.waitUntil(lambda: "G002" in page.at_desk.text(), timeout=1000)
    wait_told(qtbot, _hub(live_window), newest_change(another_desk), reload)  # the feed too
    assert reload.reads == reads + 1
    assert page.queue_model.tickets() == ["G003"]


def test_call_next_runs_a_handful_of_statements_on_the_gui_thread(
    qtbot,
    live_window: MainWindow,  # noqa: F811
    services: AppServices,
) -> None:  # type: ignore[no-untyped-def]
    page = _today(live_window)
    reload = live_window.live.reload_of(page)
    for name in ("Ann Lee", "Bob Ray"):
        services.queue().check_in(None, CheckInRequest("general", name))
    qtbot.waitUntil(lambda: page.queue_model.rowCount() == 2 and not reload.busy, timeout=1500)
    gui = threading.get_ident()
    counts = {"gui": 0, "worker": 0}

    def count(*_args: object) -> None:
        counts["gui" if threading.get_ident() == gui else "worker"] += 1

    engine = services.database.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        page.call_next()
        gui_statements = counts["gui"]
        qtbot.waitUntil(lambda: "G001" in page.at_desk.text(), timeout=1000)
        qtbot.waitUntil(lambda: not reload.busy, timeout=1000)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    print(f"call next: {gui_statements} statements on the GUI thread, re-read {counts['worker']}")
    assert gui_statements <= 15
    assert counts["gui"] == gui_statements  # the re-read ran on a worker thread


def test_the_chosen_row_and_the_scroll_position_survive_a_refresh(
    qtbot,
    live_window: MainWindow,  # noqa: F811
    another_desk: AppServices,  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    page = _today(live_window)
    queue = another_desk.queue()
    for number in range(24):  # more than the table shows, fewer than can be seen today
        queue.check_in(None, CheckInRequest("general", f"Visitor {number}"))
    qtbot.waitUntil(lambda: page.queue_model.rowCount() == 24, timeout=3000)
    reload = live_window.live.reload_of(page)
    qtbot.waitUntil(lambda: not reload.busy, timeout=1000)
    page.queue_table.select_row(20)
    bar = page.queue_table.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() - 2)
    position, chosen = bar.value(), page.queue_table.selected_ticket()
    assert chosen == "G021"
    queue.check_in(None, CheckInRequest("general", "One more"))
    qtbot.waitUntil(lambda: page.queue_model.rowCount() == 25, timeout=1000)
    assert page.queue_table.selected_ticket() == "G021"
    assert bar.value() == position


def test_half_typed_text_and_the_chosen_message_survive_a_refresh(
    qtbot,
    live_window: MainWindow,  # noqa: F811
    another_desk: AppServices,  # noqa: F811
    manager: StaffMember,
) -> None:  # type: ignore[no-untyped-def]
    messages = another_desk.messages()
    first = messages.take(
        manager, MessageDraft("Ann Lee", "Bins", recipient_id=manager.id, callback_expected=False)
    )
    live_window.show_page(3)
    page = live_window.current_page()
    assert isinstance(page, MessagesPage)
    page.view.setCurrentIndex(page.view.findData("open"))
    page.refresh_messages(first.id)
    page.search.setFocus()
    qtbot.keyClicks(page.search, "Ann")
    assert page.current_message() is not None and page.current_message().id == first.id  # type: ignore[union-attr]
    reload = live_window.live.reload_of(page)
    reads = reload.reads
    messages.take(
        manager,
        MessageDraft("Bob Ray", "Parking", recipient_id=manager.id, callback_expected=False),
    )
    qtbot.waitUntil(lambda: reload.reads == reads + 1 and not reload.busy, timeout=1000)
    assert page.search.text() == "Ann"
    assert page.search.hasFocus()
    current = page.current_message()
    assert current is not None and current.id == first.id


@BOTH
def test_the_display_shows_another_desk_s_call_within_a_second(
    qtbot,
    services: AppServices,
    another_desk: AppServices,  # noqa: F811
    manager: StaffMember,
    monkeypatch,
) -> None:  # type: ignore[no-untyped-def]
    from reception_app.ui import display_window
    from reception_app.ui.changes import ChangeHub
    from reception_app.ui.display_window import DisplayWindow
    from tests.ui.live_fixtures import wait_connected

    monkeypatch.setattr(display_window, "chime", lambda: None)
    display = DisplayWindow(services)
    qtbot.addWidget(display)
    hub = ChangeHub(display)
    display.listen(hub)
    hub.start(services)
    wait_connected(qtbot, hub)
    queue = another_desk.queue()
    queue.check_in(None, CheckInRequest("general", "Ann Lee"))
    qtbot.waitUntil(lambda: "G001" in display.next_tickets.text(), timeout=1000)
    queue.call(manager, "R1", "G001")
    qtbot.waitUntil(lambda: display.now_serving.text() == "G001", timeout=1000)
    hub.stop()


def test_another_desk_s_letter_logged_shows_on_correspondence_within_a_second(
    qtbot,
    live_window: MainWindow,  # noqa: F811
    another_desk: AppServices,  # noqa: F811
    manager: StaffMember,
    clock,
) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from reception_app.domain.correspondence import CorrespondenceDraft
    from reception_app.ui.pages.correspondence_page import CorrespondencePage

    live_window.show_page(4)
    page = live_window.current_page()
    assert isinstance(page, CorrespondencePage)
    model = page.log_panel.log_model
    before = model.rowCount()
    another_desk.correspondence().log(
        manager,
        CorrespondenceDraft(
            channel="sar",
            received_at=clock.now - timedelta(days=1),
            from_name="Ann Lee",
            subject="Everything you hold about me",
            owner_id=manager.id,
        ),
    )
    qtbot.waitUntil(lambda: model.rowCount() == before + 1, timeout=1000)
