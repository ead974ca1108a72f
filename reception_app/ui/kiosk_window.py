"""Self-service kiosk: three taps to a ticket, the honest wait and the appointment alternative.

Full screen on a public terminal, no sign-in. It shows nothing about any other visitor, cannot
reach the rest of the app, and goes back to the start screen after a minute without a touch.
"""

from __future__ import annotations

import logging
from datetime import datetime
from string import ascii_uppercase

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.closing_time import NotSeenToday, visitor_headline
from reception_app.domain.notifications import Channel
from reception_app.domain.visits import typed_first_name
from reception_app.services.container import AppServices
from reception_app.services.office_service import OfficeStatus
from reception_app.services.queue import CheckInRequest
from reception_app.ui.kiosk_mobile_page import KioskMobilePage
from reception_app.ui.public_screen import ASK_AT_DESK, YELLOW, PublicScreen
from reception_app.ui.text import slots_for_visitor, wait_range, when

log = logging.getLogger(__name__)

IDLE_TIMEOUT_MS = 60_000
"""Back to the start screen after this long without a touch."""
NAME_MAX = 20
_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.KeyPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
}


class KioskWindow(PublicScreen):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, "Reception kiosk", parent)
        self.headline.hide()
        self.detail.hide()
        self.service_key = ""
        self.service_name = ""
        self.first_name = ""
        self.service_buttons: dict[str, QPushButton] = {}

        self.stack = QStackedWidget()
        self.layout_.addWidget(self.stack, 1)
        self.start_page = self._start_page()
        self.service_page = self._service_page()
        self.name_page = self._name_page()
        self.mobile = ""
        self.mobile_page = KioskMobilePage(self._label, self._button)
        self.mobile_page.chosen.connect(self._mobile_chosen)
        self.stack.addWidget(self.mobile_page)
        self.ticket_page = self._ticket_page()
        self.closed_page = self._closed_page()
        self.ask_page = self._ask_page()

        footer = QHBoxLayout()
        self.start_again_button = self._button("Start again", 2.6, secondary=True)
        self.start_again_button.clicked.connect(self.reset)
        self.ask_button = self._button("Ask at the desk", 2.6, secondary=True)
        self.ask_button.clicked.connect(lambda: self._show_ask())
        footer.addWidget(self.start_again_button)
        # The ticket page's Finished sits in the footer: on the page it pushed the window past
        # a 768-pixel screen at large text.
        footer.addWidget(self.finished_button)
        footer.addStretch(1)
        footer.addWidget(self.ask_button)
        self.layout_.addLayout(footer)

        self.idle_timeout_ms = IDLE_TIMEOUT_MS
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.reset)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.refresh()
        self.reset()

    # --- pages --------------------------------------------------------------------------------

    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)  # every page fits a 1366x768 screen at large text
        self.stack.addWidget(page)
        return page, layout

    def _start_page(self) -> QWidget:
        page, layout = self._page()
        layout.addStretch(1)
        layout.addWidget(self._label(4.0, bold=True, text="Welcome"))
        self.start_status = self._label(2.6)
        layout.addWidget(self.start_status)
        layout.addStretch(1)
        self.take_ticket_button = self._button("Take a ticket", 4.0)
        self.take_ticket_button.setMinimumHeight(180)
        self.take_ticket_button.clicked.connect(self._take_ticket)
        layout.addWidget(self.take_ticket_button)
        layout.addStretch(1)
        return page

    def _service_page(self) -> QWidget:
        page, layout = self._page()
        layout.addWidget(self._label(3.2, bold=True, text="What have you come about?"))
        self.service_grid = QGridLayout()
        self.service_grid.setSpacing(16)
        layout.addLayout(self.service_grid)
        layout.addStretch(1)
        return page

    def _name_page(self) -> QWidget:
        page, layout = self._page()
        layout.addWidget(
            self._label(2.6, bold=True, text="Your first name, if you like (or tap Skip)")
        )
        self.name_label = self._label(3.6, bold=True)
        self.name_label.setStyleSheet(f"color: {YELLOW}; border-bottom: 4px solid {YELLOW};")
        self.name_label.setMinimumHeight(80)
        layout.addWidget(self.name_label)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.letter_buttons: dict[str, QPushButton] = {}
        # The letters, then what joins the parts of a name: O'Brien, Anne-Marie, Mary Ann.
        keys = [*ascii_uppercase, "'", "-"]
        for i, letter in enumerate(keys):
            button = self._button(letter, 2.8)
            button.setMinimumHeight(80)
            button.clicked.connect(lambda _=False, c=letter: self._type(c))
            button.setAccessibleName({"'": "Apostrophe", "-": "Hyphen"}.get(letter, letter))
            self.letter_buttons[letter] = button
            grid.addWidget(button, i // 10, i % 10)
        space = self._button("Space", 2.6)
        space.setMinimumHeight(80)
        space.clicked.connect(lambda _=False: self._type(" "))
        self.letter_buttons[" "] = space
        grid.addWidget(space, len(keys) // 10, len(keys) % 10, 1, 10 - len(keys) % 10)
        layout.addLayout(grid)
        row = QHBoxLayout()
        self.delete_button = self._button("Delete", 2.6, secondary=True)
        self.delete_button.clicked.connect(self._delete)
        self.skip_button = self._button("Skip", 2.8)
        self.skip_button.clicked.connect(self._skip)
        self.done_button = self._button("Done", 2.8)
        self.done_button.clicked.connect(self._name_done)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.skip_button)
        row.addWidget(self.done_button)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _ticket_page(self) -> QWidget:
        page, layout = self._page()
        layout.addWidget(self._label(2.5, text="Your ticket number is"))
        # Large, but not so large that the page outgrows a 1366x768 screen at large text.
        self.ticket_label = self._label(5.0, bold=True)
        self.ticket_label.setStyleSheet(f"color: {YELLOW};")
        layout.addWidget(self.ticket_label)
        self.ticket_service = self._label(2.6)
        layout.addWidget(self.ticket_service)
        self.wait_label = self._label(2.8, bold=True)
        layout.addWidget(self.wait_label)
        layout.addWidget(
            self._label(2.5, text="Please take a seat. The screen will show your number.")
        )
        self.texted_label = self._label(
            2.5, bold=True, text="We will text you when it is nearly your turn."
        )
        layout.addWidget(self.texted_label)
        self.alternative_label = self._label(
            2.5,
            text="Would you rather come back? Ask at the desk for an appointment on another day.",
        )
        self.alternative_label.setStyleSheet(f"color: {YELLOW};")
        layout.addWidget(self.alternative_label)
        self.slots_label = self._label(2.5, bold=True)
        self.slots_label.setStyleSheet(f"color: {YELLOW};")
        self.slots_label.hide()  # shown when there are times to offer
        layout.addWidget(self.slots_label)
        layout.addStretch(1)
        self.finished_button = self._button("Finished", 3.0)
        self.finished_button.clicked.connect(self.reset)
        return page

    def _closed_page(self) -> QWidget:
        page, layout = self._page()
        layout.addStretch(1)
        self.closed_headline = self._label(3.6, bold=True)
        layout.addWidget(self.closed_headline)
        # The alternative comes first: the times to come back, then when the office opens.
        self.closed_slots = self._label(2.8, bold=True)
        self.closed_slots.setStyleSheet(f"color: {YELLOW};")
        layout.addWidget(self.closed_slots)
        self.closed_detail = self._label(2.6)
        layout.addWidget(self.closed_detail)
        layout.addStretch(1)
        return page

    def _ask_page(self) -> QWidget:
        page, layout = self._page()
        layout.addStretch(1)
        layout.addWidget(self._label(4.0, bold=True, text=ASK_AT_DESK))
        self.ask_detail = self._label(2.6)
        layout.addWidget(self.ask_detail)
        layout.addStretch(1)
        return page

    # --- flow ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            status = self.services.office.status()
        except Exception:
            log.exception("Kiosk could not read the office status")
            return
        self.office_name.setText(status.office_name)
        if hasattr(self, "start_status"):
            # Closed: nothing offers a ticket that cannot be issued.
            self.start_status.setText(
                "Tap below to join the queue."
                if status.is_open
                else "We are closed at the moment. Tap below to see when we open."
            )
            self.take_ticket_button.setText("Take a ticket" if status.is_open else "When we open")

    def connection_changed(self, up: bool) -> None:
        """While the database cannot be reached the kiosk sends visitors to the desk; once it
        answers again it starts afresh."""
        if not up:
            self._show_ask("We cannot give out tickets here at the moment.")
        elif self.stack.currentWidget() is self.ask_page:
            self.reset()

    def reset(self) -> None:
        """Back to the start screen, forgetting everything the last visitor entered."""
        self.service_key = ""
        self.service_name = ""
        self.first_name = ""
        self.mobile = ""
        self.mobile_page.clear()
        self.ticket_label.clear()
        self.wait_label.clear()
        self.ticket_service.clear()
        self.slots_label.clear()
        self.closed_slots.clear()
        self.name_label.clear()
        self._go(self.start_page)
        self.refresh()

    def _go(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        self.start_again_button.setVisible(page not in (self.start_page, self.ticket_page))
        self.finished_button.setVisible(page is self.ticket_page)
        self._restart_idle()

    def _show_ask(self, detail: str = "A member of staff will be happy to help you.") -> None:
        self.ask_detail.setText(detail)
        self._go(self.ask_page)

    def _status(self) -> OfficeStatus | None:
        try:
            return self.services.office.status()
        except Exception:
            log.exception("Kiosk could not read the office status")
            self._show_ask()
            return None

    def _slots_text(self) -> str:
        """'Or come back: Wed 25 Nov at 09:30, ...' for the chosen service; '' if none."""
        if not self.service_key:
            return ""
        try:
            return slots_for_visitor(self.services.queue().alternative_slots(self.service_key))
        except Exception:
            log.exception("Kiosk could not read the free appointment times")
            return ""

    def _book_by_phone(self) -> str:
        """Appointments on another day when no service was chosen yet (closed at the start)."""
        try:
            phone = self.services.office.profile().phone
        except Exception:
            log.exception("Kiosk could not read the office's phone number")
            return ""
        if not phone:
            return "For an appointment on another day, ask at the desk when we open."
        return f"For an appointment on another day, call {phone}."

    def _show_closed(
        self, status: OfficeStatus, headline: str, next_opening: datetime | None
    ) -> None:
        opens = (
            f"We open again {when(next_opening, status.local_now)}."
            if next_opening is not None
            else "Please ask at the desk when we are next open."
        )
        self.closed_headline.setText(headline)
        self.closed_slots.setText(self._slots_text() or self._book_by_phone())
        self.closed_slots.setVisible(bool(self.closed_slots.text()))
        self.closed_detail.setText(f"{opens}\n\nOut of hours: {status.out_of_hours}")
        self._go(self.closed_page)

    def _take_ticket(self) -> None:
        status = self._status()
        if status is None:
            return
        if not status.is_open:
            self._show_closed(status, "Sorry, we are closed", status.next_opening)
            return
        try:
            services = [s for s in self.services.office.profile().services if s.active]
        except Exception:
            log.exception("Kiosk could not read the services")
            self._show_ask()
            return
        while self.service_grid.count():
            item = self.service_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.service_buttons = {}
        columns = 2 if len(services) > 3 else 1
        for i, service in enumerate(services):
            button = self._button(service.name, 2.8)
            button.setMinimumHeight(110)
            button.clicked.connect(
                lambda _=False, k=service.key, n=service.name: self._choose_service(k, n)
            )
            self.service_buttons[service.key] = button
            self.service_grid.addWidget(button, i // columns, i % columns)
        if not services:
            self._show_ask()
            return
        self._go(self.service_page)

    def _choose_service(self, key: str, name: str) -> None:
        self.service_key = key
        self.service_name = name
        self.first_name = ""
        self._show_name()
        self._go(self.name_page)

    def _type(self, char: str) -> None:
        if len(self.first_name) < NAME_MAX:
            self.first_name += char
        self._show_name()

    def _delete(self) -> None:
        self.first_name = self.first_name[:-1]
        self._show_name()

    def _show_name(self) -> None:
        self.name_label.setText(self._formatted_name() or " ")

    def _formatted_name(self) -> str:
        return typed_first_name(self.first_name)

    def _skip(self) -> None:
        self.first_name = ""
        self._name_done()

    def _name_done(self) -> None:
        """Then the mobile for texts where the office texts, or straight to the ticket."""
        self.mobile = ""
        try:
            texts_on = Channel.SMS in self.services.notifications().channels()
        except Exception:
            log.exception("Kiosk could not read whether the office texts")
            texts_on = False
        if not texts_on:
            self._issue_ticket()
            return
        self.mobile_page.clear()
        self._go(self.mobile_page)

    def _mobile_chosen(self, mobile: str) -> None:
        self.mobile = mobile
        self._issue_ticket()

    def _issue_ticket(self) -> None:
        status = self._status()
        if status is None:
            return
        try:
            visit = self.services.queue().check_in(
                None, CheckInRequest(self.service_key, self._formatted_name(), mobile=self.mobile)
            )
        except NotSeenToday as refused:  # closed, past closing, or no desk: no ticket
            verdict = refused.verdict
            self._show_closed(status, visitor_headline(verdict), verdict.next_opening)
            return
        except Exception:
            log.exception("Kiosk could not issue a ticket")
            self._show_ask("Sorry, we could not give you a ticket here.")
            return
        self.ticket_label.setText(visit.ticket)
        self.ticket_service.setText(visit.service_name)
        minutes = visit.announced_wait_minutes
        text = wait_range(minutes, "minutes")
        if text == "now":
            self.wait_label.setText("You should be called very soon")
        elif text:
            self.wait_label.setText(f"Estimated wait: {text}")
        else:
            self.wait_label.setText("")
        self.slots_label.setText(self._slots_text())
        self.slots_label.setVisible(bool(self.slots_label.text()))
        self.texted_label.setVisible(bool(self.mobile))
        self._go(self.ticket_page)

    # --- idle and keys ------------------------------------------------------------------------

    def _restart_idle(self) -> None:
        self.idle_timer.start(self.idle_timeout_ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in _ACTIVITY and isinstance(watched, QWidget):
            if watched is self or self.isAncestorOf(watched):
                self._restart_idle()
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        # Escape (and every other key) does nothing: the kiosk cannot be left from the screen.
        event.accept()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        super().closeEvent(event)
