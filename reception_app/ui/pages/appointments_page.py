"""Appointments: the timeline and list of a day or week, and everything done to an appointment.

The day per officer (or one officer's week) as a timeline, and the list with each status.

What is shown comes from the panels (ui/panels/appointment_timeline_panel.py, _list_panel.py,
coming_days_panel.py, appointment_services_panel.py); what is done, from the action families
beside them (appointment_booking.py, appointment_day_actions.py, appointment_documents.py). This
page lays them out, keeps the timeline and the list on the same appointment, says what happened,
and owns the keys (ui/shortcuts.py): Ctrl+N new appointment, Ctrl+M move, Ctrl+Delete cancel, F7
arrived (joins the queue), F4 seen, F6 did not come, F8 tell a waiting customer about a delay, Ctrl+P day
sheet, Ctrl+I confirmation letter, Ctrl+Shift+W a letter about the chosen appointment (after a
move or a cancellation: the letter about that change); Alt+Left / Alt+Right / Alt+Home change
the day, Alt+W the week (the button's mnemonic)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.appointments import Appointment
from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.changes import Topic
from reception_app.domain.errors import ReceptionError
from reception_app.domain.office_days import closed_reason, hours_text
from reception_app.domain.offices import OfficeProfile
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.letter_dialog import LetterDialog
from reception_app.ui.live import Reading, Show, keep_view
from reception_app.ui.pages.appointments_reading import (
    AppointmentsView,
    Looking,
    read_appointments,
    week_of,
)
from reception_app.ui.pages.page import Page
from reception_app.ui.panels.appointment_booking import AppointmentBooking
from reception_app.ui.panels.appointment_day_actions import AppointmentDayActions
from reception_app.ui.panels.appointment_documents import AppointmentDocuments
from reception_app.ui.panels.appointment_letter_offer import AppointmentLetterOffer
from reception_app.ui.panels.appointment_list_panel import AppointmentListPanel
from reception_app.ui.panels.appointment_services_panel import AppointmentServicesPanel
from reception_app.ui.panels.appointment_timeline_panel import (
    AppointmentTimelinePanel,
    Bookings,
)
from reception_app.ui.panels.coming_days_panel import ComingDaysPanel
from reception_app.ui.shortcuts import bind, keys
from reception_app.ui.text import long_day
from reception_app.ui.theme import scaled_font
from reception_app.ui.timeline import DayNavigator

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

Action = tuple[str, str, str, Callable[[], None]]
"""(attribute of the button, its text, its key, what it does)."""


class AppointmentsPage(Page):
    title = "Appointments"
    topics = frozenset({Topic.APPOINTMENTS, Topic.ROOMS, Topic.CONTACTS, Topic.SETTINGS})

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self._zone: ZoneInfo | None = None
        self._calendar: OfficeCalendar | None = None
        self._profile: OfficeProfile | None = None
        self._officers: list[tuple[int, str]] = []
        self.waiting: list[Appointment] = []
        """Arrived customers waiting past their time (the prompt above the timeline)."""
        self._started = False
        self._shown: Looking | None = None
        """The day (or week) whose bookings are shown."""
        self._select_next: int | None = None
        """The appointment to choose when the next live read arrives (the one just changed)."""
        self.booking = AppointmentBooking(self)
        self.day_actions = AppointmentDayActions(self)
        self.documents = AppointmentDocuments(self)

        nav = self._build_navigation()
        self.day_title = self.heading("", 1.2)
        self.day_title.setAccessibleName("Day shown")
        self._build_messages()
        actions = self._build_actions()
        splitter = self._build_views()

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading("Appointments"))
        layout.addLayout(nav)
        layout.addWidget(self.day_title)
        layout.addLayout(actions)
        layout.addWidget(self.prompts)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.letter_offer, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(message_row)
        layout.addWidget(splitter, 1)
        self._connect()
        self._week_toggled(False)

    # --- building -----------------------------------------------------------------------------

    def _build_navigation(self) -> QHBoxLayout:
        """The day navigator, and the week button with the officer whose week is shown."""
        self.navigator = DayNavigator()
        self.week_button = QPushButton("&Week")
        self.week_button.setCheckable(True)
        self.week_button.setAutoDefault(False)
        self.week_button.setToolTip("Show one officer's week (Alt+W)")
        self.week_officer = QComboBox()
        self.week_officer.setAccessibleName("Officer for the week")
        self.week_officer.setMinimumContentsLength(16)
        self.week_officer_label = QLabel("Off&icer:")
        self.week_officer_label.setBuddy(self.week_officer)
        nav = QHBoxLayout()
        nav.addWidget(self.navigator)
        nav.addWidget(self.week_button)
        nav.addWidget(self.week_officer_label)
        nav.addWidget(self.week_officer)
        nav.addStretch(1)
        return nav

    def _build_messages(self) -> None:
        """Who is waiting past their time, what the last action did, and the letter offer."""
        self.prompts = QLabel()
        self.prompts.setWordWrap(True)
        self.prompts.setProperty("role", "error")
        self.prompts.setAccessibleName("Customers waiting past their time")
        self.prompts.setTextFormat(Qt.TextFormat.PlainText)  # customers' names
        self.prompts.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Appointment messages")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        # After a move or a cancellation: offers the letter about it (non-blocking).
        self.letter_offer = AppointmentLetterOffer()
        self.letter_offer.clicked.connect(self.write_letter)
        bind(self, "write_letter", self.write_letter, "Letter about the chosen appointment")

    def _build_actions(self) -> QVBoxLayout:
        """A button and a key per action, in two rows (booking; on the day), so large text never
        makes the page wider than the window."""
        booking, day, documents = self.booking, self.day_actions, self.documents
        self._actions: list[Action] = [
            ("new_button", "&New appointment", "new", booking.new_appointment),
            ("move_button", "&Move", "move_booking", booking.reschedule),
            ("cancel_button", "&Cancel…", "cancel_booking", booking.cancel_appointment),
            ("arrived_button", "&Arrived", "arrived", day.arrived),
            ("seen_button", "&Seen", "served", day.seen),
            ("no_show_button", "Did no&t come", "not_seen", day.no_show),
            ("delay_button", "Tell about &delay", "tell_delay", day.tell_delay),
            ("sheet_button", "Day sheet", "print", documents.print_day_sheet),
            (
                "letter_button",
                "Confirmation lett&er",
                "confirmation_letter",
                documents.confirmation,
            ),
        ]
        booking_row, day_row = QHBoxLayout(), QHBoxLayout()
        for number, (attribute, text, name, slot) in enumerate(self._actions):
            button = QPushButton(f"{text} ({keys(name)})")
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            setattr(self, attribute, button)
            (booking_row if number < 3 or number > 6 else day_row).addWidget(button)
            bind(self, name, slot, text.replace("&", "").rstrip("…"))
        booking_row.addStretch(1)
        day_row.addStretch(1)
        actions = QVBoxLayout()
        actions.addLayout(booking_row)
        actions.addLayout(day_row)
        return actions

    def _build_views(self) -> QSplitter:
        """The timeline above; the day's list, the coming days and the services in tabs below."""
        self.timeline_scroll = AppointmentTimelinePanel(self.state)
        self.timeline = self.timeline_scroll.grid
        self.table = AppointmentListPanel()
        self.model = self.table.appointments_model
        self.days = ComingDaysPanel()
        self.services = AppointmentServicesPanel()
        self.lists = QTabWidget()
        self.lists.setAccessibleName("Appointment lists")
        self.lists.addTab(self.table, "&List")
        self.lists.addTab(self.days, "Comin&g days")
        self.lists.addTab(self.services, "Se&rvices")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.timeline_scroll)
        splitter.addWidget(self.lists)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        return splitter

    def _connect(self) -> None:
        self.navigator.day_changed.connect(lambda _day: self.refresh_bookings())
        self.week_button.toggled.connect(self._week_toggled)
        self.week_officer.activated.connect(lambda _i: self.refresh_bookings())
        self.timeline.block_chosen.connect(self._block_chosen)
        self.timeline.block_activated.connect(lambda _key: self.booking.reschedule())
        self.timeline.free_cell_activated.connect(self.booking.book_at)
        self.table.appointment_chosen.connect(self.timeline.select)
        self.table.activated.connect(lambda _index: self.documents.confirmation())
        self.days.day_chosen.connect(self.navigator.set_day)

    # --- reading ------------------------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        assert self._zone is not None, "refresh() first"
        return self._zone

    def refresh(self) -> None:
        self._show_view(read_appointments(self.state.services, self._looking()))

    def live_reading(self, topics: frozenset[Topic]) -> tuple[Reading, Show] | None:
        """The office, officers, bookings and prompts off the GUI thread, for the day (or week)
        in view; shown keeping the chosen appointment and the scroll positions."""
        services, looking = self.state.services, self._looking()

        def read() -> AppointmentsView:
            return read_appointments(services, looking)

        def show(view: AppointmentsView) -> None:
            with keep_view(self):
                self._show_view(view, stale=looking != self._looking())

        return read, show

    def _looking(self) -> Looking:
        day = self.shown_day() if self._started else None
        return Looking(day, self.week_view, self.week_officer.currentData())

    def _show_view(self, view: AppointmentsView, *, stale: bool = False) -> None:
        """Show what was read; ``stale``: the desk moved to another day or week meanwhile (its
        own read showed that), so only the office and the officers are shown."""
        keep, self._select_next = self._select_next or self._selected_id(), None
        self._profile, self._calendar = view.profile, view.calendar
        self._zone = view.calendar.zone
        self.navigator.set_today(view.today)
        if not self._started:  # later refreshes keep the day the desk is looking at
            self._started = True
            self.navigator.set_day(view.day, quiet=True)
        if view.problem:
            self.say(view.problem, error=True)
        self._officers = view.officers
        self._fill_week_officers(view.week_staff)
        self.days.show_days(view.calendar, view.profile, view.today)
        self.services.show_services(view.profile)
        if stale or (view.bookings is None and view.problem):
            return
        self._show_bookings(view.bookings)
        self._show_prompts(view.waiting)
        if keep is not None:
            self.select_appointment(keep)

    def _fill_week_officers(self, chosen: int | None) -> None:
        keep = chosen if chosen is not None else self.week_officer.currentData()
        self.week_officer.blockSignals(True)
        self.week_officer.clear()
        for staff_id, name in self._officers:
            self.week_officer.addItem(name, staff_id)
        if keep is not None and self.week_officer.findData(keep) >= 0:
            self.week_officer.setCurrentIndex(self.week_officer.findData(keep))
        self.week_officer.blockSignals(False)

    def day_lines(self) -> list[str]:
        """The coming days table as 'day: hours' lines (what a screen reader or a test reads)."""
        return self.days.day_lines()

    @property
    def week_view(self) -> bool:
        return self.week_button.isChecked()

    def shown_day(self) -> date:
        return self.navigator.day()

    def office_name(self) -> str:
        return self._profile.name if self._profile else ""

    def officer_names(self) -> list[str]:
        return [name for _, name in self._officers]

    def week_days(self) -> list[date]:
        return week_of(self.shown_day())

    def refresh_bookings(self, select_id: int | None = None) -> None:
        """Re-read the appointments of the day (or week) shown; keep the chosen one chosen."""
        if self._calendar is None:
            return
        keep = select_id if select_id is not None else self._selected_id()
        try:
            self._show_bookings(None)
        except ReceptionError as exc:
            self.say(str(exc), error=True)
        self._refresh_prompts()
        if keep is not None:
            self.select_appointment(keep)

    def _show_bookings(self, bookings: Bookings | None) -> None:
        """The day's (or week's) timeline and list (``bookings`` None: read them here)."""
        if self.week_view:
            self._refresh_week(bookings)
        else:
            self._refresh_day(bookings)
        self._shown = self._looking()

    def _refresh_day(self, bookings: Bookings | None) -> None:
        assert self._calendar is not None and self._profile is not None
        day = self.shown_day()
        listed = self.timeline_scroll.show_day(
            day, self._officers, self._calendar, self._profile, bookings
        )
        self.day_title.setText(self._day_heading(day))
        self.table.show_appointments(listed, self.zone, week=False)

    def _refresh_week(self, bookings: Bookings | None) -> None:
        assert self._calendar is not None and self._profile is not None
        staff = self.week_officer.currentData()
        if staff is None:
            self.timeline_scroll.show_no_officer()
            self.model.set_appointments([], self.zone, with_day=True)
            return
        days = self.week_days()
        listed = self.timeline_scroll.show_week(
            days, int(staff), self._calendar, self._profile, bookings
        )
        self.day_title.setText(f"Week of {long_day(days[0])}: {self.week_officer.currentText()}")
        self.table.show_appointments(listed, self.zone, week=True)

    def _day_heading(self, day: date) -> str:
        assert self._calendar is not None and self._profile is not None
        intervals = self._calendar.opening_intervals(day)
        if intervals:
            return f"{long_day(day)}: open {hours_text(intervals)}"
        return f"{long_day(day)}: {closed_reason(self._calendar, self._profile, day)}"

    def _refresh_prompts(self) -> None:
        try:
            waiting = self.state.services.appointments().delay_prompts()
        except ReceptionError:
            waiting = []
        self._show_prompts(waiting)

    def _show_prompts(self, waiting: list[Appointment]) -> None:
        self.waiting = waiting
        if not waiting:
            self.prompts.hide()
            return
        names = ", ".join(
            f"{a.customer_name} (booked {a.start.astimezone(self.zone):%H:%M} with {a.officer_name})"
            for a in waiting
        )
        self.prompts.setText(
            f"Waiting past their time: {names}. Tell them why and when they will be seen (F8)."
        )
        self.prompts.show()

    # --- choosing -----------------------------------------------------------------------------

    def _week_toggled(self, on: bool) -> None:
        self.week_officer.setVisible(on)
        self.week_officer_label.setVisible(on)
        self.navigator.set_step(7 if on else 1)
        if on and self.week_officer.currentIndex() < 0 and self.week_officer.count():
            self.week_officer.setCurrentIndex(0)
        self.refresh_bookings()

    def _selected_id(self) -> int | None:
        chosen = self.table.chosen_id()
        if chosen is not None:
            return chosen
        key = self.timeline.selected()
        return int(key) if isinstance(key, int) else None

    def selected_appointment(self) -> Appointment | None:
        appointment_id = self._selected_id()
        return None if appointment_id is None else self.table.appointment(appointment_id)

    def select_appointment(self, appointment_id: int) -> None:
        """Choose it in both the list and the timeline."""
        if self.table.select(appointment_id):
            self.timeline.select(appointment_id)

    def _block_chosen(self, key: object) -> None:
        if isinstance(key, int):
            self.select_appointment(key)

    # --- messages -----------------------------------------------------------------------------

    def say(self, text: str, *, error: bool = False, big: bool = False) -> None:
        self.letter_offer.set_offer(None)
        self.message.setText(text)
        self.message.setProperty("role", "error" if error else "")
        self.message.setFont(scaled_font(self.font(), 1.3 if big else 1.0, bold=big))
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setVisible(bool(text))

    @property
    def message_text(self) -> str:
        return self.message.text() if not self.message.isHidden() else ""

    def need_selection(self, what: str) -> Appointment | None:
        appointment = self.selected_appointment()
        if appointment is None:
            self.say(f"Choose an appointment in the timeline or the list to {what}.", error=True)
        return appointment

    def run(self, action: str, work: Callable[[], object]) -> object | None:
        self.say("")
        try:
            return work()
        except ReceptionError as exc:
            self.say(f"{action}: {exc}", error=True)
            self.refresh_bookings()
            return None

    def changed(self, select_id: int | None = None) -> None:
        """After an action: live, the change hub's notice of it re-reads the page once (off the
        GUI thread); otherwise, or when the action moved the page to another day, read here."""
        if self.state.live and self._looking() == self._shown:
            self._select_next = select_id
        else:
            self.refresh_bookings(select_id)
        self.state.data_changed.emit()

    def when(self, appointment: Appointment) -> str:
        start = appointment.start.astimezone(self.zone)
        return f"{start:%a} {start.day} {start:%b} at {start:%H:%M}"

    # --- what the actions ask of the desk (tests replace these) -------------------------------

    def confirm(self, title: str, question: str) -> bool:
        """Ask a yes/no question (tests replace this method)."""
        answer = QMessageBox.question(
            self,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_letter(self, dialog: LetterDialog) -> None:
        """Show the letter dialog until it is closed (tests replace this method)."""
        dialog.exec()

    def choose_sheet_path(self, suggested: Path) -> Path | None:
        """Where to save the day sheet (tests replace this method)."""
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the day sheet", str(suggested), "PDF files (*.pdf)"
        )
        return Path(name) if name else None

    def open_document(self, path: Path) -> None:
        """Open the saved PDF in the computer's viewer, to print it (tests replace this)."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def write_letter(self) -> None:
        """Ctrl+Shift+W (and the letter offer's button)."""
        self.documents.write_letter()

    def show_confirmation_details(self, appointment_id: int) -> None:
        """The confirmation's facts on screen, to read out on the phone."""
        self.documents.show_confirmation_details(appointment_id)
