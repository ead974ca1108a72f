"""The live queue tells a screen reader what changed (issue 13 point 14), without moving focus."""

from __future__ import annotations

from reception_app.services.container import AppServices
from reception_app.services.queue import CheckInRequest
from reception_app.ui.announce import queue_change_words
from reception_app.ui.main_window import MainWindow
from reception_app.ui.pages.today_page import TodayPage
from tests.ui.live_fixtures import another_desk, live_window  # noqa: F401 - fixtures


def test_the_words_say_who_joined_or_left_and_how_many_wait() -> None:
    assert queue_change_words(None, ["G001"]) == ""  # the first reading is not news
    assert queue_change_words(["G001"], ["G001"]) == ""
    assert queue_change_words(["G001"], ["G001", "G002"]) == "G002 joined the queue. 2 waiting."
    assert queue_change_words(["G001", "G002"], ["G002"]) == "G001 left the queue. 1 waiting."
    assert queue_change_words(["G001"], []) == "G001 left the queue. Nobody is waiting."
    assert (
        queue_change_words(["G001"], ["G002", "B001", "G003"])
        == "G002, B001 and G003 joined the queue. G001 left the queue. 3 waiting."
    )


def test_another_desk_s_check_in_is_announced_once_and_the_focus_stays(
    qtbot,
    live_window: MainWindow,  # noqa: F811
    another_desk: AppServices,  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    page = live_window.current_page()
    assert isinstance(page, TodayPage)
    page.queue_table.setFocus()
    focused = live_window.focusWidget()
    said = list(page.announcer.said)
    another_desk.queue().check_in(None, CheckInRequest("general", "Ann Lee"))
    qtbot.waitUntil(lambda: page.queue_model.rowCount() == 1, timeout=2000)
    qtbot.wait(300)
    assert page.announcer.said == [*said, "G001 joined the queue. 1 waiting."]
    assert live_window.focusWidget() is focused
