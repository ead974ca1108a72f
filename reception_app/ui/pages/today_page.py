"""Today: whether the office is open, the live queue of visitors, and the desks on duty.

The queue table, the late-appointment prompt and the desks are panels (ui/panels/); this page
lays them out and owns the queue's actions.

Keyboard: F2 check in, F3 call next, F4 served, F6 left without being seen, Ctrl+Up/Down move
the chosen ticket, Enter on a row calls that ticket to this desk.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, timedelta, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.appointments import Appointment, RoomNeeds
from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.changes import Topic
from reception_app.domain.errors import ReceptionError
from reception_app.domain.office_days import week_day_text
from reception_app.domain.offices import WEEKDAYS
from reception_app.domain.visits import Visit
from reception_app.ui.announce import Announcer, queue_change_words
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.arrival_dialog import ArrivalDialog
from reception_app.ui.dialogs.check_in_dialog import CheckInDialog
from reception_app.ui.dialogs.outcome_dialog import OutcomeDialog
from reception_app.ui.live import Reading, Show, keep_view
from reception_app.ui.models.queue_table_model import QueueTableModel
from reception_app.ui.pages.page import Page
from reception_app.ui.pages.today_bar import build_queue_bar, queue_first_in_tab_order
from reception_app.ui.pages.today_reading import QueueView, read_queue
from reception_app.ui.panels.appointment_delay_banner import AppointmentDelayBanner
from reception_app.ui.panels.at_desk_label import AtDeskLabel
from reception_app.ui.panels.desks_panel import DesksPanel
from reception_app.ui.panels.queue_table_panel import QueueTablePanel
from reception_app.ui.shortcuts import bind
from reception_app.ui.text import describe_status

if TYPE_CHECKING:
    from reception_app.domain.offices import OfficeProfile
    from reception_app.services.office_service import OfficeStatus
    from reception_app.services.queue import QueueService
    from reception_app.ui.dialogs.appointment_delay_dialog import AppointmentDelayDialog


class TodayPage(Page):
    title = "Today"
    topics = frozenset({Topic.QUEUE, Topic.APPOINTMENTS, Topic.NOTIFICATIONS, Topic.SETTINGS})
    _zone: tzinfo | None
    """The office's time zone, for the clock times shown (set by refresh)."""
    desk_choice: QComboBox
    check_in_button: QPushButton
    call_next_button: QPushButton
    served_button: QPushButton
    left_button: QPushButton
    pause_button: QPushButton
    arrived_button: QPushButton
    room_now_button: QPushButton
    queue_bar: QHBoxLayout
    """Made by today_bar.build_queue_bar."""
    _queue_service: QueueService | None
    _select_next: str | None
    """The ticket to choose when the next live read arrives (the one just checked in)."""

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.status_title = self.heading("", 1.8)
        self.status_detail = QLabel()
        self.status_detail.setWordWrap(True)
        self.week = QLabel()
        self.week.setWordWrap(True)
        self.queue_note = QLabel(
            "No visitors are waiting. Walk-ins checked in at this desk or at the kiosk will "
            "appear here in calling order."
        )
        self.queue_note.setWordWrap(True)
        self.queue_note.setProperty("role", "hint")
        self._build_queue()

        self.desks = DesksPanel()

        top = QHBoxLayout()
        top.addWidget(self.card(self.status_title, self.status_detail), 3)
        top.addWidget(self.card(self.heading("This week", 1.2), self.week), 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading("Today"))
        layout.addLayout(top)
        layout.addWidget(self.heading("Queue", 1.2))
        layout.addLayout(self.queue_bar)
        layout.addWidget(self.at_desk)
        layout.addWidget(self.delay_box)
        layout.addWidget(self.queue_info)
        layout.addWidget(self.queue_note)
        layout.addWidget(self.queue_table, 1)
        layout.addWidget(self.queue_status)
        layout.addWidget(self.heading("Desks", 1.2))
        layout.addWidget(self.desks)
        queue_first_in_tab_order(self)

    def refresh(self) -> None:
        self._queue_service = None  # the running office may have changed in Settings
        self._refresh_office()
        self.refresh_queue()

    def live_reading(self, topics: frozenset[Topic]) -> tuple[Reading, Show] | None:
        """The queue off the GUI thread; after a settings change the office too."""
        settings = Topic.SETTINGS in topics
        services, desk, queue = self.state.services, self.desk_key, self._queue_service
        if settings or queue is None:
            queue = None  # looked up again on the worker: the running office may have changed

        def read() -> QueueView:
            return read_queue(services, queue, desk, with_office=settings)

        return read, self._show_live

    def _show_live(self, view: QueueView) -> None:
        keep, self._select_next = self._select_next, None
        self._queue_service = view.queue
        if view.office is not None:
            self._show_office(*view.office)
        with keep_view(self.queue_table):
            self._show_queue(view, keep or self._selected_ticket())

    def _queue(self) -> QueueService:
        """The queue service, kept between reads (finding the running office costs two
        statements a time); a full refresh looks the office up again."""
        if self._queue_service is None:
            self._queue_service = self.state.services.queue()
        return self._queue_service

    def _refresh_office(self) -> None:
        office = self.state.services.office
        self._show_office(office.status(), office.profile())

    def _show_office(self, status: OfficeStatus, profile: OfficeProfile) -> None:
        self._zone = status.local_now.tzinfo
        calendar = OfficeCalendar.from_profile(profile)
        headline, detail = describe_status(status)
        self.status_title.setText(headline)
        self.status_title.setProperty("status", "open" if status.is_open else "closed")
        self.status_title.style().polish(self.status_title)
        self.status_detail.setText(detail)

        today = status.local_now.date()
        monday = today - timedelta(days=today.weekday())
        lines = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            marker = "▶ " if day == today else ""
            hours = week_day_text(calendar, profile, day)
            lines.append(f"{marker}{WEEKDAYS[day.weekday()].capitalize()} {day:%d %b}: {hours}")
        self.week.setText("\n".join(lines))
        self.desks.show_desks(profile)
        self._fill_desk_choice([(d.key, d.name) for d in profile.desks if d.active])

    # --- the queue --------------------------------------------------------------------------------

    def _build_queue(self) -> None:
        """The desk chosen and the queue's buttons, what is happening, and the queue itself."""
        self._zone = None
        self._queue_service = None
        self._select_next = None
        self._mine: Visit | None = None
        self._paused = False
        build_queue_bar(self)
        self.at_desk = AtDeskLabel()
        self.announcer = Announcer(self)  # the queue's changes, read out by a screen reader
        self._announced: list[str] | None = None
        self.queue_status = QLabel()
        self.queue_status.setAccessibleName("Queue messages")
        self.queue_status.setProperty("role", "error")
        self.queue_status.setWordWrap(True)
        self.queue_status.hide()
        self.queue_info = QLabel()
        self.queue_info.setAccessibleName("Queue news")
        self.queue_info.setWordWrap(True)
        self.queue_info.hide()
        # An arrived customer not called within the prompt time: the desk must tell them why.
        self.delay_box = AppointmentDelayBanner()
        self.delay_banner, self.delay_button = self.delay_box.banner, self.delay_box.button
        self._late: list[Appointment] = []
        self.queue_table = QueueTablePanel()
        self.queue_model = self.queue_table.queue_model
        self._connect_queue()

    def _connect_queue(self) -> None:
        """The buttons, Enter on a row, and the keys."""
        self.desk_choice.activated.connect(self._desk_chosen)
        self.check_in_button.clicked.connect(self.check_in)
        self.call_next_button.clicked.connect(self.call_next)
        self.served_button.clicked.connect(self.mark_served)
        self.left_button.clicked.connect(self.mark_left)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.arrived_button.clicked.connect(self.appointment_arrived)
        self.room_now_button.clicked.connect(self.private_room_now)
        self.delay_button.clicked.connect(self.tell_delay)
        # Enter on a row (or a double-click) calls that ticket to this desk.
        self.queue_table.activated.connect(lambda _index: self.call_selected())
        for name, slot, label in (
            ("check_in", self.check_in, "Check in a walk-in visitor"),
            ("call_next", self.call_next, "Call the next visitor"),
            ("served", self.mark_served, "Served: the visitor at this desk has been seen"),
            ("not_seen", self.mark_left, "Left without being seen"),
            ("arrived", self.appointment_arrived, "An appointment has arrived"),
            ("tell_delay", self.tell_delay, "Tell a late-running customer why, and when"),
            ("room_now", self.private_room_now, "A private room now"),
            ("move_up", lambda: self.move_selected(-1), None),
            ("move_down", lambda: self.move_selected(1), None),
        ):
            bind(self, name, slot, label)

    def _fill_desk_choice(self, desks: list[tuple[str, str]]) -> None:
        mine = self.state.machine.desk_key
        self.desk_choice.blockSignals(True)
        self.desk_choice.clear()
        if not any(key == mine for key, _name in desks):
            self.desk_choice.addItem("Choose this PC's desk", None)
        for key, name in desks:
            self.desk_choice.addItem(name, key)
        self.desk_choice.setCurrentIndex(max(0, self.desk_choice.findData(mine)) if mine else 0)
        self.desk_choice.blockSignals(False)

    def _desk_chosen(self, _index: int) -> None:
        key = self.desk_choice.currentData()
        if key is None or key == self.state.machine.desk_key:
            return
        self.state.machine.desk_key = str(key)
        try:
            self.state.save_machine_settings()
        except OSError as exc:
            self._say(f"The desk is chosen for now, but could not be remembered: {exc}")
        self.refresh_queue()

    @property
    def desk_key(self) -> str:
        """This PC's desk ('' until one is chosen)."""
        return self.state.machine.desk_key

    def refresh_queue(self, select_ticket: str | None = None) -> None:
        """Re-read the waiting visitors and who is at this desk; keep the chosen row chosen."""
        keep = select_ticket or self._selected_ticket()
        try:
            view = read_queue(self.state.services, self._queue(), self.desk_key)
        except ReceptionError as exc:
            self._say(str(exc))
            return
        self._show_queue(view, keep)

    def _show_queue(self, view: QueueView, keep: str | None) -> None:
        waiting, at_desks, paused, now = view.waiting, view.at_desks, view.paused, view.now
        self.queue_model.set_visits(waiting, now, self._zone)
        tickets = [v.ticket for v in waiting]
        self.announcer.say(queue_change_words(self._announced, tickets))
        self._announced = tickets
        self.queue_table.setColumnHidden(QueueTableModel.TEXT, not view.texts_on)
        self.queue_note.setVisible(not waiting)
        self._mine = next((v for v in at_desks if v.desk_key == self.desk_key), None)
        self.at_desk.show_desk(self.desk_key, self._mine, paused, self._zone)
        self.pause_button.setText("&Resume desk" if paused else "&Pause desk")
        self._paused = paused
        self._late = view.late
        if self._late:
            self.delay_box.show_late(self._late, now, self._zone)
        else:
            self.delay_box.hide()
        row = None if keep is None else self.queue_model.row_of(keep)
        if row is not None:
            self._select_row(row)

    def _selected_ticket(self) -> str | None:
        return self.queue_table.selected_ticket()

    def _select_row(self, row: int) -> None:
        self.queue_table.select_row(row)

    def _say(self, message: str) -> None:
        self.queue_status.setText(message)
        self.queue_status.setVisible(bool(message))

    def _run(self, action: str, work: Callable[[], object]) -> bool:
        """Run ``work`` (a callable); a refusal from the service is shown, never raised."""
        self._say("")
        try:
            work()
        except ReceptionError as exc:
            self._say(f"{action}: {exc}")
            if not self.state.live:  # live, the queue shown is already the latest
                self.refresh_queue()
            return False
        return True

    def _changed(self, select_ticket: str | None = None) -> None:
        """After an action: live, the change hub's notice of it re-reads the queue once (off
        the GUI thread); otherwise read it here."""
        if self.state.live:
            self._select_next = select_ticket
        else:
            self.refresh_queue(select_ticket)
        self.state.data_changed.emit()

    def _need_desk(self) -> bool:
        if self.desk_key:
            return True
        self._say("Choose this PC's desk first (the 'This desk' list above the queue).")
        self.desk_choice.setFocus()
        return False

    # --- actions ------------------------------------------------------------------------------------

    def check_in_dialog(self) -> CheckInDialog:
        return CheckInDialog(self.state, parent=self)

    def check_in(self) -> None:
        dialog = self.check_in_dialog()
        dialog.exec()
        if dialog.visit is not None:
            self._changed(dialog.visit.ticket)

    def arrival_dialog(self) -> ArrivalDialog:
        return ArrivalDialog(self.state, self._zone or UTC, parent=self)

    def appointment_arrived(self) -> None:
        """Check in a customer for today's appointment (they are called at their booked time)."""
        dialog = self.arrival_dialog()
        dialog.exec()
        if dialog.visit is not None:
            booked = dialog.visit.booked_at
            when = f" at {booked.astimezone(self._zone):%H:%M}" if booked else ""
            self._inform(
                f"Ticket {dialog.visit.ticket}: {dialog.visit.display_name} will be called{when}."
            )
            self._changed(dialog.visit.ticket)

    def delay_dialog(self, appointment: Appointment) -> AppointmentDelayDialog:
        from reception_app.ui.dialogs.appointment_delay_dialog import AppointmentDelayDialog

        return AppointmentDelayDialog(self.state, appointment, self._zone or UTC, parent=self)

    def tell_delay(self) -> None:
        """Record what the late-running customer was told: the reason and the new time."""
        if not self._late:
            self._inform("Nobody with an appointment is waiting past their time.")
            return
        dialog = self.delay_dialog(self._late[0])
        dialog.exec()
        if dialog.appointment is not None:
            self._changed()

    def private_room_now(self) -> None:
        """Book the smallest suitable free room from now for the chosen visitor (or anyone)."""
        ticket = self._selected_ticket()
        visit = None if ticket is None else self.queue_table.visit_of(ticket)
        needs = RoomNeeds(
            hearing_loop=bool(visit and visit.needs.hearing_loop),
            wheelchair_access=bool(visit and visit.needs.wheelchair_access),
        )
        purpose = f"Private conversation ({ticket})" if ticket else "Private conversation"
        try:
            booking = self.state.services.rooms().private_room_now(
                self.state.actor, 30, needs, purpose
            )
        except ReceptionError as exc:
            self._say(f"Private room: {exc}")
            return
        self._say("")
        self._inform(
            f"{booking.room_name} is yours until {booking.end.astimezone(self._zone):%H:%M}"
            + (f" for {ticket}." if ticket else ".")
        )
        self.state.data_changed.emit()

    def _inform(self, text: str) -> None:
        self.queue_info.setText(text)
        self.queue_info.setVisible(bool(text))

    def call_next(self) -> None:
        if not self._need_desk():
            return
        called: list[Visit | None] = []
        if self._run(
            "Call next",
            lambda: called.append(self._queue().call_next(self.state.actor, self.desk_key)),
        ):
            if called and called[0] is None:
                self._say("Nobody is waiting for a service this desk handles.")
            self._changed()

    def call_selected(self) -> None:
        ticket = self._selected_ticket()
        if ticket is None or not self._need_desk():
            return
        if self._run(
            f"Call {ticket}",
            lambda: self._queue().call(self.state.actor, self.desk_key, ticket),
        ):
            self._changed()

    def outcome_dialog(self, visit: Visit) -> OutcomeDialog:
        services = self.state.services
        office_key = services.office.active_office_key() or ""
        officers = services.staff.list_staff(office_key, include_inactive=False)
        today = services.office.status().local_now.date()

        def save(resolved: bool, officer_id: int | None, target: date | None) -> Visit:
            return services.queue().mark_served(
                self.state.actor,
                visit.ticket,
                resolved,
                officer_id,
                target,
            )

        return OutcomeDialog(visit.ticket, officers, today, save, parent=self)

    def mark_served(self) -> None:
        if not self._need_desk():
            return
        if not self.state.live:
            self.refresh_queue()
        if self._mine is None:
            self._say("Nobody is at your desk to mark served.")
            return
        try:
            dialog = self.outcome_dialog(self._mine)
        except ReceptionError as exc:
            self._say(str(exc))
            return
        if dialog.exec() and dialog.visit is not None:
            self._changed()

    def confirm(self, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            "Left without being seen",
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def mark_left(self) -> None:
        """The chosen waiting ticket left; with none chosen, the visitor called to this desk."""
        ticket = self._selected_ticket() or (self._mine.ticket if self._mine else None)
        if ticket is None:
            self._say("Choose the ticket that left in the queue first.")
            return
        if not self.confirm(f"Mark {ticket} as left without being seen?"):
            return
        if self._run(
            f"Mark {ticket} left",
            lambda: self._queue().mark_left(self.state.actor, ticket),
        ):
            self._changed()

    def move_selected(self, step: int) -> None:
        """Move the chosen ticket one place up (-1) or down (+1) in the calling order."""
        ticket = self._selected_ticket()
        if ticket is None:
            return
        tickets = self.queue_model.tickets()
        row = tickets.index(ticket)
        target = row + step
        if not 0 <= target < len(tickets):
            return
        others = [t for t in tickets if t != ticket]
        before = others[target] if target < len(others) else None
        if self._run(
            f"Move {ticket}",
            lambda: self._queue().move(self.state.actor, ticket, before),
        ):
            self._changed(ticket)

    def toggle_pause(self) -> None:
        if not self._need_desk():
            return
        queue = self._queue()
        if self._paused:
            ok = self._run("Resume", lambda: queue.resume_desk(self.state.actor, self.desk_key))
        else:
            ok = self._run("Pause", lambda: queue.pause_desk(self.state.actor, self.desk_key))
        if ok:
            self._changed()
