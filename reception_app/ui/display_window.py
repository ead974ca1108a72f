"""'Now serving' window for a second screen (no sign-in, ticket numbers only, never names)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QApplication, QFrame, QVBoxLayout, QWidget

from reception_app.domain.changes import Topic
from reception_app.domain.closing_time import typical_wait
from reception_app.domain.notifications import OutboxStatus
from reception_app.domain.offices import OfficeProfile
from reception_app.domain.visits import Visit
from reception_app.services.container import AppServices
from reception_app.services.office_service import OfficeStatus
from reception_app.ui.live import Reading, Show
from reception_app.ui.public_screen import ASK_AT_DESK, BLACK, WHITE, YELLOW, PublicScreen
from reception_app.ui.text import opening_lead

log = logging.getLogger(__name__)

RECONNECTING = "Reconnecting to the office database - the calls shown may be out of date."
"""The small notice while the database cannot be reached (the last calls stay on screen)."""
FLASH_MS = 500
FLASH_TIMES = 8
"""A newly called ticket flashes this many half-second steps (about four seconds)."""
NEXT_COUNT = 5


_chime_effect: object | None = None


def texted_line(visits: list[Visit]) -> str:
    """'We have texted G002, G003.' for the tickets shown whose visitor a text reached."""
    reached = (OutboxStatus.SENT.value, OutboxStatus.DELIVERED.value)
    tickets = [v.ticket for v in visits if v.texted in reached]
    return f"We have texted {', '.join(tickets)}." if tickets else ""


def chime_path() -> Path:
    """The shipped chime (resources/sounds/chime.wav)."""
    return Path(str(resources.files("reception_app.resources").joinpath("sounds", "chime.wav")))


def chime() -> None:
    """The two-note chime when a ticket is called, through QtMultimedia; the system beep where
    QtMultimedia cannot load (its audio library is missing)."""
    global _chime_effect
    try:
        from PySide6.QtMultimedia import QSoundEffect
    except ImportError:
        log.warning("QtMultimedia is not available; the display uses the system beep")
        QApplication.beep()
        return
    if _chime_effect is None:
        effect = QSoundEffect(QApplication.instance())
        effect.setSource(QUrl.fromLocalFile(str(chime_path())))
        effect.setVolume(0.8)
        _chime_effect = effect
    assert isinstance(_chime_effect, QSoundEffect)
    _chime_effect.play()


@dataclass(frozen=True)
class DisplayReading:
    status: OfficeStatus
    at_desks: list[Visit]
    waiting: list[Visit]
    profile: OfficeProfile


class DisplayWindow(PublicScreen):
    topics = frozenset({Topic.QUEUE, Topic.SETTINGS})

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, "Now serving", parent)
        self.headline.hide()
        self.detail.hide()
        self._seen_calls: set[tuple[str, object]] = set()
        """(ticket, called at) of every call shown at the last read: only a call not among them
        chimes, so the screen does not announce an older call again when the latest is served."""
        self._first_read = True
        self._flash_left = 0

        self.card = QFrame()
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(24, 12, 24, 12)
        self.now_serving_title = self._label(2.8, bold=True, text="Now serving")
        self.now_serving = self._label(8.0, bold=True, text="-")  # fits 768 px at large text
        self.go_to = self._label(3.6, bold=True)
        for label in (self.now_serving_title, self.now_serving, self.go_to):
            card_layout.addWidget(label)
        self.layout_.addWidget(self.card, 3)

        self.also_called = self._label(2.5)
        self.layout_.addWidget(self.also_called)
        self.layout_.addStretch(1)
        self.next_title = self._label(2.5, bold=True, text="Next tickets")
        self.next_tickets = self._label(3.4, bold=True)
        self.next_tickets.setStyleSheet(f"color: {YELLOW};")
        self.layout_.addWidget(self.next_title)
        self.layout_.addWidget(self.next_tickets)
        self.texted_line = self._label(2.5)
        self.texted_line.setAccessibleName("Tickets texted")
        self.layout_.addWidget(self.texted_line)
        self.layout_.addStretch(1)
        self.typical_wait = self._label(2.8, bold=True)
        self.layout_.addWidget(self.typical_wait)
        self.status_line = self._label(2.5)
        self.layout_.addWidget(self.status_line)
        self.notice = self._label(1.2, text=RECONNECTING)
        self.notice.setAccessibleName("Connection notice")
        self.notice.hide()
        self.layout_.addWidget(self.notice)

        self.flash_timer = QTimer(self)
        self.flash_timer.setInterval(FLASH_MS)
        self.flash_timer.timeout.connect(self._flash_step)
        self._paint_card(highlight=False)
        self.resize(1280, 800)
        self.refresh()

    @property
    def flashing(self) -> bool:
        return self.flash_timer.isActive()

    def read(self) -> DisplayReading:
        """Everything the display shows (touches no widget: safe on a worker thread)."""
        status = self.services.office.status()
        queue = self.services.queue()
        return DisplayReading(
            status, queue.at_desks(), queue.waiting(), self.services.office.profile()
        )

    def live_reading(self, topics: frozenset[Topic]) -> tuple[Reading, Show] | None:
        return self.read, self.show_reading

    def connection_changed(self, up: bool) -> None:
        self.notice.setVisible(not up)  # the last calls stay on the screen meanwhile

    def refresh(self) -> None:
        try:
            reading = self.read()
        except Exception:
            log.exception("Display could not read the queue")
            self.status_line.setText(f"{ASK_AT_DESK} if you are not sure where to go.")
            return
        self.show_reading(reading)

    def show_reading(self, reading: DisplayReading) -> None:
        status, at_desks, waiting, profile = (
            reading.status,
            reading.at_desks,
            reading.waiting,
            reading.profile,
        )
        self.office_name.setText(status.office_name)
        places = {d.key: d.name for d in profile.desks} | {r.key: r.name for r in profile.rooms}
        self._show_called(at_desks, places)
        tickets = [v.ticket for v in waiting[:NEXT_COUNT]]
        self.next_title.setVisible(bool(tickets))
        self.next_tickets.setText("   ".join(tickets) if tickets else "Nobody is waiting")
        # Only the waits that can happen today are promised (domain.closing_time); closed,
        # the screen says when the office opens and whom to call out of hours instead.
        estimates = [v.estimate_minutes for v in waiting if v.callable_today]
        self.typical_wait.setVisible(status.is_open)
        self.typical_wait.setText(
            f"Typical wait now: {typical_wait(estimates, waiting=len(waiting))}"
            if status.is_open
            else ""
        )
        self.texted_line.setText(texted_line(at_desks[::-1] + waiting[:NEXT_COUNT]))
        self.texted_line.setVisible(bool(self.texted_line.text()))
        if status.is_open:
            self.status_line.setText("")
        else:
            why = f" ({status.reason_closed})" if status.reason_closed else ""
            lead = opening_lead(status.next_opening, status.out_of_hours, status.local_now)
            self.status_line.setText(f"We are closed{why}. {lead}")
        self._first_read = False

    def _show_called(self, at_desks: list[Visit], places: dict[str, str]) -> None:
        if not at_desks:
            self.now_serving.setText("-")
            self.go_to.setText("Please wait to be called")
            self.also_called.setText("")
            latest_key = None
        else:
            latest = at_desks[-1]  # ordered by the time called
            self.now_serving.setText(latest.ticket)
            self.go_to.setText(f"Please go to {self._place(latest, places)}")
            others = [f"{v.ticket} to {self._place(v, places)}" for v in reversed(at_desks[:-1])]
            self.also_called.setText("Also called: " + ",  ".join(others[:3]) if others else "")
            latest_key = (latest.ticket, latest.called_at)
        if latest_key is not None and latest_key not in self._seen_calls and not self._first_read:
            self._announce()
        self._seen_calls = {(v.ticket, v.called_at) for v in at_desks}

    @staticmethod
    def _place(visit: Visit, places: dict[str, str]) -> str:
        if visit.desk_key is None:
            return "the desk"
        return places.get(visit.desk_key, visit.desk_key)

    def _announce(self) -> None:
        try:
            chime()
        except Exception:  # a missing sound must never stop the display
            log.exception("Display could not play the chime")
        self._flash_left = FLASH_TIMES
        self._paint_card(highlight=True)
        self.flash_timer.start()

    def _flash_step(self) -> None:
        self._flash_left -= 1
        if self._flash_left <= 0:
            self.flash_timer.stop()
            self._paint_card(highlight=False)
            return
        self._paint_card(highlight=self._flash_left % 2 == 0)

    def _paint_card(self, highlight: bool) -> None:
        if highlight:
            self.card.setStyleSheet(
                f"QFrame {{ background: {YELLOW}; border-radius: 16px; }}"
                f" QLabel {{ background: {YELLOW}; color: {BLACK}; }}"
            )
        else:
            self.card.setStyleSheet(
                f"QFrame {{ background: {BLACK}; border: 4px solid {WHITE};"
                f" border-radius: 16px; }} QLabel {{ border: none; color: {WHITE}; }}"
            )
