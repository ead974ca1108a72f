"""The 'now serving' display: the called ticket and desk, the next tickets, never a surname."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QLabel

from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.services.queue import CheckInRequest
from reception_app.ui import display_window
from reception_app.ui.display_window import DisplayWindow


def _display(qtbot, services: AppServices) -> DisplayWindow:  # type: ignore[no-untyped-def]
    display = DisplayWindow(services)
    qtbot.addWidget(display)
    display.show()
    qtbot.waitExposed(display)
    return display


def _texts(display: DisplayWindow) -> str:
    return "\n".join(label.text() for label in display.findChildren(QLabel))


def test_display_shows_called_ticket_desk_and_waiting_tickets(
    qtbot, services: AppServices, manager: StaffMember, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    chimes: list[int] = []
    monkeypatch.setattr(display_window, "chime", lambda: chimes.append(1))
    queue = services.queue()
    for name in ("Jane Private", "Tom Hidden", "Ann Secret"):
        queue.check_in(manager, CheckInRequest("general", name))
    display = _display(qtbot, services)
    assert display.now_serving.text() == "-"
    assert "G001" in display.next_tickets.text()
    assert display.typical_wait.text().startswith("Typical wait now:")

    queue.call(manager, "R1", "G001")
    display.refresh()
    assert display.now_serving.text() == "G001"
    assert "Reception window" in display.go_to.text()
    assert "G001" not in display.next_tickets.text()
    assert "G002" in display.next_tickets.text() and "G003" in display.next_tickets.text()
    assert chimes == [1]
    assert display.flashing
    display.refresh()
    assert chimes == [1]  # the same call chimes once

    text = _texts(display)
    for private in ("Private", "Hidden", "Secret"):
        assert private not in text


def test_serving_the_latest_call_does_not_announce_the_previous_one_again(
    qtbot, services: AppServices, manager: StaffMember, clock, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    chimes: list[int] = []
    monkeypatch.setattr(display_window, "chime", lambda: chimes.append(1))
    queue = services.queue()
    queue.check_in(manager, CheckInRequest("general", "Jane Private"))  # G001
    queue.check_in(manager, CheckInRequest("allotments", "Tom Hidden"))  # A001
    queue.check_in(manager, CheckInRequest("general", "Ann Secret"))  # G002
    display = _display(qtbot, services)
    queue.call(manager, "R1", "G001")
    display.refresh()
    clock.now += timedelta(minutes=1)
    queue.call(manager, "CL", "A001")
    display.refresh()
    assert display.now_serving.text() == "A001" and chimes == [1, 1]
    display.flash_timer.stop()
    display._paint_card(highlight=False)

    # A001 is served: G001 becomes the latest shown, but it was called before, so no chime.
    queue.mark_served(manager, "A001", True)
    display.refresh()
    assert display.now_serving.text() == "G001"
    assert "Reception window" in display.go_to.text()
    assert chimes == [1, 1] and not display.flashing
    assert display.grab().save(str(tmp_path / "display_after_served.png"))

    # A new call still chimes and flashes.
    queue.mark_served(manager, "G001", True)
    clock.now += timedelta(minutes=1)
    queue.call(manager, "R1", "G002")
    display.refresh()
    assert display.now_serving.text() == "G002" and chimes == [1, 1, 1] and display.flashing


def test_display_with_nobody_waiting(qtbot, services: AppServices, manager: StaffMember) -> None:  # type: ignore[no-untyped-def]
    display = _display(qtbot, services)
    assert display.typical_wait.text() == "Typical wait now: no wait"
    assert "Nobody is waiting" in display.next_tickets.text()


def test_closed_display_promises_no_wait_and_gives_the_out_of_hours_contact(
    qtbot, services: AppServices, manager: StaffMember, clock
) -> None:  # type: ignore[no-untyped-def]
    for name in ("Ann", "Ben", "Cat", "Dan", "Eve"):
        services.queue().check_in(manager, CheckInRequest("general", name))
    clock.now = clock.now.replace(hour=18, minute=30)  # the five are still waiting, closed
    display = _display(qtbot, services)
    assert "no wait" not in _texts(display)
    assert display.typical_wait.isHidden()
    assert display.status_line.text().startswith("We are closed (outside opening hours).")
    assert "Opens tomorrow at 09:30." in display.status_line.text()
    assert services.office.profile().out_of_hours in display.status_line.text()


# A machine with no audio device (CI) says so through Qt when the sound is played.
@pytest.mark.qt_log_ignore("QSoundEffect: playback of this format is not supported")
def test_the_chime_is_a_shipped_sound_that_qt_can_load(qapp) -> None:  # type: ignore[no-untyped-def]
    """The real sound ships with the app (a valid WAV), and playing it never raises, even on a
    machine with no audio device (CI): the display must keep running."""
    import wave

    from PySide6.QtCore import QUrl
    from PySide6.QtMultimedia import QSoundEffect

    path = display_window.chime_path()
    with wave.open(str(path)) as sound:
        assert sound.getnchannels() == 1 and sound.getnframes() / sound.getframerate() > 1.0
    effect = QSoundEffect()
    effect.setSource(QUrl.fromLocalFile(str(path)))
    assert effect.source().toLocalFile() == str(path)
    display_window.chime()  # plays (or is silently dropped with no audio device); never raises
