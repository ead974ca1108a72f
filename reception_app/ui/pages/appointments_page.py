"""Appointments: the day per officer (or one officer's week) as a timeline, the day's list with
status, and everything done to an appointment on the day.

Keys: Ctrl+N new appointment, Ctrl+R move, Ctrl+Delete cancel, F2 arrived (joins the queue),
F4 seen, F6 did not come, F9 tell a waiting customer about a delay, Ctrl+P day sheet, Ctrl+I
confirmation letter, Ctrl+Shift+W a letter about the chosen appointment (after a move or a
cancellation: the letter about that change); Alt+Left / Alt+Right / Alt+Home change the day,
Alt+W the week (the button's mnemonic).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.appointments import Appointment, AppointmentStatus
from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import ReceptionError
from reception_app.domain.offices import OfficeProfile, ServiceProfile
from reception_app.domain.shifts import Shift
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.appointment_booking_dialog import BookAppointmentDialog
from reception_app.ui.dialogs.appointment_cancel_dialog import CancelAppointmentDialog
from reception_app.ui.dialogs.appointment_confirmation_dialog import ConfirmationDetailsDialog
from reception_app.ui.dialogs.appointment_delay_dialog import AppointmentDelayDialog
from reception_app.ui.dialogs.letter_dialog import LetterDialog, letter_dialog_for
from reception_app.ui.models.appointment_table_model import AppointmentTableModel
from reception_app.ui.pages.page import Page
from reception_app.ui.theme import scaled_font
from reception_app.ui.timeline import (
    DayNavigator,
    TimelineBlock,
    TimelineColumn,
    TimelineGrid,
    intersect,
    minute_of,
    row_bounds,
    spans_of,
)

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

WORKING_DAYS_SHOWN = 10
_SEARCH_DAYS = 400  # an office shut for a long refurbishment still ends the loop


@dataclass(frozen=True, slots=True)
class DayRow:
    """One line of the days table: a working day with its hours, or a run of days off."""

    first: date
    last: date
    working: bool
    text: str


def hours_text(intervals: list[tuple[datetime, datetime]]) -> str:
    return ", ".join(f"{a:%H:%M}–{b:%H:%M}" for a, b in intervals)


def closed_reason(calendar: OfficeCalendar, profile: OfficeProfile, day: date) -> str:
    """Why the office does not work on ``day``: a bank holiday, a closure day or the weekend."""
    holiday = calendar.bank_holiday_name(day)
    if holiday:
        return f"Closed (bank holiday): {holiday}"
    closure = next((d for d in profile.closure_days if d.day == day), None)
    if closure is not None:
        return f"Closed: {closure.reason or 'office closure day'}"
    intervals = calendar.opening_intervals(day)
    if intervals:
        return f"Open {hours_text(intervals)} (weekend opening, not a working day)"
    return "Closed: weekend"


def coming_days(
    calendar: OfficeCalendar, profile: OfficeProfile, today: date, count: int = WORKING_DAYS_SHOWN
) -> list[DayRow]:
    """The next ``count`` office working days from ``today`` (included) with their hours, and the
    days skipped in between with the reason; consecutive days off for the same reason share a row."""
    rows: list[DayRow] = []
    found = 0
    day = today
    for _ in range(_SEARCH_DAYS):
        if found == count:
            break
        if calendar.is_office_working_day(day):
            intervals = calendar.opening_intervals(day)
            rows.append(
                DayRow(day, day, True, hours_text(intervals) or "No opening hours set for this day")
            )
            found += 1
        else:
            reason = closed_reason(calendar, profile, day)
            previous = rows[-1] if rows else None
            if (
                previous is not None
                and not previous.working
                and previous.text == reason
                and previous.last == day - timedelta(days=1)
            ):
                rows[-1] = DayRow(previous.first, day, False, reason)
            else:
                rows.append(DayRow(day, day, False, reason))
        day += timedelta(days=1)
    return rows


def day_range_text(row: DayRow, today: date) -> str:
    """'Tue 24 Nov (today)', or 'Sat 28 – Sun 29 Nov' for a run of days; the year is given
    only when it is not this year."""

    def one(d: date) -> str:
        return f"{d:%a} {d.day} {d:%b}" + (f" {d:%Y}" if d.year != today.year else "")

    if row.first == row.last:
        text = one(row.first)
        if row.first == today:
            text += " (today)"
        elif row.first == today + timedelta(days=1):
            text += " (tomorrow)"
        return text
    return f"{one(row.first)} – {one(row.last)}"


def service_cells(service: ServiceProfile) -> tuple[str, str, str, str]:
    return (
        service.name,
        f"{service.default_minutes} minutes",
        "Yes" if service.needs_room else "No",
        service.team or "—",
    )


def long_day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _table(headers: list[str], name: str, stretch: int | None) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    rows = table.verticalHeader()
    rows.setMinimumSectionSize(rows.defaultSectionSize())
    rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def block_for(
    appointment: Appointment, column: Hashable, day: date, zone: ZoneInfo
) -> TimelineBlock:
    return TimelineBlock(
        key=appointment.id,
        column=column,
        start=minute_of(appointment.start, day, zone),
        end=minute_of(appointment.end, day, zone),
        title=appointment.customer_name,
        detail=f"{appointment.service_name} · {appointment.where()}",
        kind=appointment.status.value,
    )


class AppointmentsPage(Page):
    title = "Appointments"

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self._zone: ZoneInfo | None = None
        self._calendar: OfficeCalendar | None = None
        self._profile: OfficeProfile | None = None
        self._officers: list[tuple[int, str]] = []
        self._waiting: list[Appointment] = []
        self._started = False
        self.sheet_path: Path | None = None

        self.navigator = DayNavigator()
        self.week_button = QPushButton("&Week")
        self.week_button.setCheckable(True)
        self.week_button.setAutoDefault(False)
        self.week_button.setToolTip("Show one officer's week (Alt+W)")
        self.week_officer = QComboBox()
        self.week_officer.setAccessibleName("Officer for the week")
        self.week_officer.setMinimumContentsLength(16)
        self.week_officer_label = QLabel("O&fficer:")
        self.week_officer_label.setBuddy(self.week_officer)
        nav = QHBoxLayout()
        nav.addWidget(self.navigator)
        nav.addWidget(self.week_button)
        nav.addWidget(self.week_officer_label)
        nav.addWidget(self.week_officer)
        nav.addStretch(1)

        self.day_title = self.heading("", 1.2)
        self.day_title.setAccessibleName("Day shown")
        self.prompts = QLabel()
        self.prompts.setWordWrap(True)
        self.prompts.setProperty("role", "error")
        self.prompts.setAccessibleName("Customers waiting past their time")
        self.prompts.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Appointment messages")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        # After a move or a cancellation: offers the letter about it (non-blocking).
        self.letter_offer = QPushButton()
        self.letter_offer.setAutoDefault(False)
        self.letter_offer.setAccessibleName("Letter about this change")
        self.letter_offer.clicked.connect(self.write_letter)
        self.letter_offer.hide()
        self._offer: tuple[int, str, dict[str, str]] | None = None
        QShortcut(QKeySequence("Ctrl+Shift+W"), self, self.write_letter)

        # Actions: (attribute, text, key, slot)
        self._actions: list[tuple[str, str, str, Callable[[], None]]] = [
            ("new_button", "&New appointment (Ctrl+N)", "Ctrl+N", self.new_appointment),
            ("move_button", "&Move (Ctrl+R)", "Ctrl+R", self.reschedule),
            ("cancel_button", "&Cancel… (Ctrl+Del)", "Ctrl+Delete", self.cancel_appointment),
            ("arrived_button", "&Arrived (F2)", "F2", self.arrived),
            ("seen_button", "&Seen (F4)", "F4", self.seen),
            ("no_show_button", "Did no&t come (F6)", "F6", self.no_show),
            ("delay_button", "Tell about &delay (F9)", "F9", self.tell_delay),
            ("sheet_button", "Day s&heet (Ctrl+P)", "Ctrl+P", self.print_day_sheet),
            ("letter_button", "Confirmation lett&er (Ctrl+I)", "Ctrl+I", self.confirmation),
        ]
        # Two rows (booking; on the day), so large text never makes the page wider than the window.
        booking_row, day_row = QHBoxLayout(), QHBoxLayout()
        for number, (attribute, text, keys, slot) in enumerate(self._actions):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            setattr(self, attribute, button)
            (booking_row if number < 3 or number > 6 else day_row).addWidget(button)
            QShortcut(QKeySequence(keys), self, slot)
        booking_row.addStretch(1)
        day_row.addStretch(1)
        actions = QVBoxLayout()
        actions.addLayout(booking_row)
        actions.addLayout(day_row)

        self.timeline = TimelineGrid()
        self.timeline.setAccessibleName("Appointments timeline")
        self.timeline_scroll = QScrollArea()
        self.timeline_scroll.setWidget(self.timeline)
        self.timeline_scroll.setWidgetResizable(True)
        self.timeline_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.model = AppointmentTableModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Appointments of the day")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AppointmentTableModel.STATUS, QHeaderView.ResizeMode.Stretch)

        # The coming working days (a click shows that day) and the services offered.
        self.days = _table(["Day", "Opening hours"], "Days appointments can be offered", None)
        self.days.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.services = _table(
            ["Service", "Usual length", "Needs a private room", "Team"],
            "Services and their usual length",
            0,
        )
        self.lists = QTabWidget()
        self.lists.setAccessibleName("Appointment lists")
        self.lists.addTab(self.table, "&List")
        self.lists.addTab(self.days, "Comin&g days")
        self.lists.addTab(self.services, "Ser&vices")

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.timeline_scroll)
        splitter.addWidget(self.lists)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

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

        self.navigator.day_changed.connect(lambda _day: self.refresh_bookings())
        self.week_button.toggled.connect(self._week_toggled)
        self.week_officer.activated.connect(lambda _i: self.refresh_bookings())
        self.timeline.block_chosen.connect(self._block_chosen)
        self.timeline.block_activated.connect(lambda _key: self.reschedule())
        self.timeline.free_cell_activated.connect(self._free_cell)
        self.table.selectionModel().selectionChanged.connect(self._row_chosen)
        self.table.activated.connect(lambda _index: self.confirmation())
        self.days.cellActivated.connect(self._day_row_chosen)
        self.days.cellClicked.connect(self._day_row_chosen)
        self._week_toggled(False)

    # --- reading ------------------------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        assert self._zone is not None, "refresh() first"
        return self._zone

    def refresh(self) -> None:
        services = self.state.services
        office = services.office
        self._profile = office.profile()
        self._calendar = OfficeCalendar.from_profile(self._profile)
        self._zone = self._calendar.zone
        today = services.context.clock().astimezone(self._zone).date()
        self.navigator.set_today(today)
        if not self._started:  # later refreshes keep the day the desk is looking at
            self._started = True
            self.navigator.set_day(today, quiet=True)
        try:
            self._officers = [(o.staff_id, o.name) for o in services.appointments().officers()]
        except ReceptionError as exc:
            self._say(str(exc), error=True)
            self._officers = []
        keep = self.week_officer.currentData()
        self.week_officer.blockSignals(True)
        self.week_officer.clear()
        for staff_id, name in self._officers:
            self.week_officer.addItem(name, staff_id)
        if keep is not None and self.week_officer.findData(keep) >= 0:
            self.week_officer.setCurrentIndex(self.week_officer.findData(keep))
        self.week_officer.blockSignals(False)
        self._refresh_reference(today)
        self.refresh_bookings()

    def _refresh_reference(self, today: date) -> None:
        assert self._calendar is not None and self._profile is not None
        rows = coming_days(self._calendar, self._profile, today)
        self.days.setRowCount(len(rows))
        bold = scaled_font(self.font(), 1.0, bold=True)
        for index, row in enumerate(rows):
            day_item = QTableWidgetItem(day_range_text(row, today))
            day_item.setData(Qt.ItemDataRole.UserRole, row.first)
            if row.working:
                day_item.setFont(bold)
            self.days.setItem(index, 0, day_item)
            self.days.setItem(index, 1, QTableWidgetItem(row.text))
        offered = [s for s in self._profile.services if s.active]
        self.services.setRowCount(len(offered))
        for index, service in enumerate(offered):
            for column, text in enumerate(service_cells(service)):
                self.services.setItem(index, column, QTableWidgetItem(text))

    def day_lines(self) -> list[str]:
        """The coming days table as 'day: hours' lines (what a screen reader or a test reads)."""
        model = self.days.model()
        return [
            f"{model.index(r, 0).data()}: {model.index(r, 1).data()}"
            for r in range(model.rowCount())
        ]

    @property
    def week_view(self) -> bool:
        return self.week_button.isChecked()

    def shown_day(self) -> date:
        return self.navigator.day()

    def week_days(self) -> list[date]:
        monday = self.shown_day() - timedelta(days=self.shown_day().weekday())
        return [monday + timedelta(days=i) for i in range(7)]

    def refresh_bookings(self, select_id: int | None = None) -> None:
        """Re-read the appointments of the day (or week) shown; keep the chosen one chosen."""
        if self._calendar is None:
            return
        keep = select_id if select_id is not None else self._selected_id()
        if self.week_view:
            self._refresh_week()
        else:
            self._refresh_day()
        self._refresh_prompts()
        if keep is not None:
            self.select_appointment(keep)

    def _refresh_day(self) -> None:
        assert self._calendar is not None and self._profile is not None
        day = self.shown_day()
        service = self.state.services.appointments()
        try:
            listed = service.between(day, day, include_cancelled=True)
            absences = service.absences()
            patterns = {sid: service.working_pattern(sid) for sid, _ in self._officers}
        except ReceptionError as exc:
            self._say(str(exc), error=True)
            return
        opening = spans_of(self._calendar.opening_intervals(day))
        columns = []
        for staff_id, name in self._officers:
            away = next(
                (
                    a
                    for a in absences
                    if a.staff_id == staff_id and a.first_day <= day <= a.last_day
                ),
                None,
            )
            spans, note = self._officer_spans(day, opening, patterns[staff_id])
            if not opening:
                note = ""  # the message across the grid says why
            if away is not None:
                spans, note = (), "Away" + (f": {away.reason}" if away.reason else "")
            columns.append(TimelineColumn(staff_id, name, spans, note))
        live = [a for a in listed if a.status is not AppointmentStatus.CANCELLED]
        known = {c.key for c in columns}
        for appointment in live:  # an appointment with someone no longer listed still shows
            if appointment.staff_id not in known:
                columns.append(TimelineColumn(appointment.staff_id, appointment.officer_name))
                known.add(appointment.staff_id)
        blocks = [block_for(a, a.staff_id, day, self.zone) for a in live]
        first, last = row_bounds(columns)
        self.timeline.set_data(
            columns,
            blocks,
            first=first,
            last=last,
            message="" if opening else self._closed_text(day),
            now=self._now_minute(day),
        )
        self.day_title.setText(self._day_heading(day))
        self.model.set_appointments(listed, self.zone)
        self.table.setAccessibleName("Appointments of the day")

    def _officer_spans(
        self, day: date, opening: tuple[tuple[int, int], ...], pattern: list[Shift]
    ) -> tuple[tuple[tuple[int, int], ...], str]:
        if not pattern:
            return opening, ""
        mine = [(_minutes(s.start), _minutes(s.end)) for s in pattern if s.weekday == day.weekday()]
        if not mine:
            return (), "Not working"
        return intersect(opening, mine), ""

    def _refresh_week(self) -> None:
        assert self._calendar is not None
        staff = self.week_officer.currentData()
        days = self.week_days()
        service = self.state.services.appointments()
        if staff is None:
            self.timeline.set_data([], [], message="No officer takes appointments yet.")
            self.model.set_appointments([], self.zone, with_day=True)
            return
        staff_id = int(staff)
        try:
            listed = service.between(days[0], days[-1], staff_id=staff_id, include_cancelled=True)
            absences = [a for a in service.absences(staff_id)]
            pattern = service.working_pattern(staff_id)
        except ReceptionError as exc:
            self._say(str(exc), error=True)
            return
        live = [a for a in listed if a.status is not AppointmentStatus.CANCELLED]
        columns = []
        for day in days:
            opening = spans_of(self._calendar.opening_intervals(day))
            has_any = any(a.start.astimezone(self.zone).date() == day for a in live)
            if not opening and day.weekday() >= 5 and not has_any:
                continue  # a closed weekend takes no room
            spans, note = self._officer_spans(day, opening, pattern)
            if not opening:
                note = self._closed_text(day)
            away = next((a for a in absences if a.first_day <= day <= a.last_day), None)
            if away is not None:
                spans, note = (), "Away" + (f": {away.reason}" if away.reason else "")
            columns.append(TimelineColumn(day, f"{day:%a} {day.day} {day:%b}", spans, note))
        blocks = [
            block_for(
                a,
                a.start.astimezone(self.zone).date(),
                a.start.astimezone(self.zone).date(),
                self.zone,
            )
            for a in live
        ]
        first, last = row_bounds(columns)
        self.timeline.set_data(columns, blocks, first=first, last=last)
        self.day_title.setText(f"Week of {long_day(days[0])}: {self.week_officer.currentText()}")
        self.model.set_appointments(listed, self.zone, with_day=True)
        self.table.setAccessibleName("Appointments of the week")

    def _day_heading(self, day: date) -> str:
        assert self._calendar is not None
        intervals = self._calendar.opening_intervals(day)
        if intervals:
            return f"{long_day(day)}: open {hours_text(intervals)}"
        return f"{long_day(day)}: {self._closed_text(day)}"

    def _closed_text(self, day: date) -> str:
        assert self._calendar is not None and self._profile is not None
        return closed_reason(self._calendar, self._profile, day)

    def _now_minute(self, day: date) -> int | None:
        now = self.state.services.context.clock().astimezone(self.zone)
        return now.hour * 60 + now.minute if now.date() == day else None

    def _refresh_prompts(self) -> None:
        try:
            waiting = self.state.services.appointments().delay_prompts()
        except ReceptionError:
            waiting = []
        self._waiting = waiting
        if not waiting:
            self.prompts.hide()
            return
        names = ", ".join(
            f"{a.customer_name} (booked {a.start.astimezone(self.zone):%H:%M} with {a.officer_name})"
            for a in waiting
        )
        self.prompts.setText(
            f"Waiting past their time: {names}. Tell them why and when they will be seen (F9)."
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
        rows = self.table.selectionModel().selectedRows()
        if rows:
            appointment = rows[0].data(AppointmentTableModel.RowRole)
            if isinstance(appointment, Appointment):
                return appointment.id
        key = self.timeline.selected()
        return int(key) if isinstance(key, int) else None

    def selected_appointment(self) -> Appointment | None:
        appointment_id = self._selected_id()
        if appointment_id is None:
            return None
        row = self.model.row_of(appointment_id)
        return self.model.appointments()[row] if row is not None else None

    def select_appointment(self, appointment_id: int) -> None:
        row = self.model.row_of(appointment_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self.timeline.select(appointment_id)

    def _block_chosen(self, key: object) -> None:
        if isinstance(key, int):
            self.select_appointment(key)

    def _row_chosen(self, *_: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        appointment = rows[0].data(AppointmentTableModel.RowRole) if rows else None
        if isinstance(appointment, Appointment):
            self.timeline.select(appointment.id)

    def _free_cell(self, column: object, minute: int) -> None:
        """A free time was clicked: book there (with that officer, on that day)."""
        if self.week_view:
            day = column if isinstance(column, date) else self.shown_day()
            staff = self.week_officer.currentData()
            staff_id = int(staff) if staff is not None else None
        else:
            day = self.shown_day()
            staff_id = column if isinstance(column, int) else None
        self.new_appointment(staff_id=staff_id, day=day, at=time(minute // 60, minute % 60))

    def _day_row_chosen(self, row: int, _column: int = 0) -> None:
        item = self.days.item(row, 0)
        day = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if isinstance(day, date):
            self.navigator.set_day(day)

    # --- messages -----------------------------------------------------------------------------

    def _say(self, text: str, *, error: bool = False, big: bool = False) -> None:
        self._offer_letter(None)
        self.message.setText(text)
        self.message.setProperty("role", "error" if error else "")
        self.message.setFont(scaled_font(self.font(), 1.3 if big else 1.0, bold=big))
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setVisible(bool(text))

    @property
    def message_text(self) -> str:
        return self.message.text() if not self.message.isHidden() else ""

    def _need_selection(self, what: str) -> Appointment | None:
        appointment = self.selected_appointment()
        if appointment is None:
            self._say(f"Choose an appointment in the timeline or the list to {what}.", error=True)
        return appointment

    def _run(self, action: str, work: Callable[[], object]) -> object | None:
        self._say("")
        try:
            return work()
        except ReceptionError as exc:
            self._say(f"{action}: {exc}", error=True)
            self.refresh_bookings()
            return None

    def _changed(self, select_id: int | None = None) -> None:
        self.refresh_bookings(select_id)
        self.state.data_changed.emit()

    def _when(self, appointment: Appointment) -> str:
        start = appointment.start.astimezone(self.zone)
        return f"{start:%a} {start.day} {start:%b} at {start:%H:%M}"

    # --- actions ------------------------------------------------------------------------------

    def booking_dialog(self, **preset: object) -> BookAppointmentDialog:
        return BookAppointmentDialog(self.state, self, **preset)  # type: ignore[arg-type]

    def new_appointment(
        self, *, staff_id: int | None = None, day: date | None = None, at: time | None = None
    ) -> None:
        dialog = self.booking_dialog(staff_id=staff_id, day=day or self.shown_day(), at=at)
        if dialog.exec() and dialog.appointment is not None:
            self._booked(dialog.appointment, "Booked")

    def _booked(self, appointment: Appointment, verb: str) -> None:
        day = appointment.start.astimezone(self.zone).date()
        if not self.week_view:
            self.navigator.set_day(day, quiet=True)
        elif day not in self.week_days():
            self.navigator.set_day(day, quiet=True)
        self._changed(appointment.id)
        where = appointment.where()
        self._say(
            f"{verb}: {appointment.customer_name}, {appointment.service_name} with "
            f"{appointment.officer_name}, {self._when(appointment)} ({where})."
        )

    def reschedule(self) -> None:
        appointment = self._need_selection("move")
        if appointment is None:
            return
        if not appointment.is_open:
            self._say("Only a booked appointment can be moved.", error=True)
            return
        dialog = self.booking_dialog(appointment=appointment)
        if dialog.exec() and dialog.appointment is not None:
            self._booked(dialog.appointment, "Moved")
            if dialog.appointment.start != appointment.start:
                self._offer_change_letter(appointment, "appointment_changed")

    def cancel_appointment(self) -> None:
        appointment = self._need_selection("cancel")
        if appointment is None:
            return
        dialog = CancelAppointmentDialog(self.state, appointment, self._when(appointment), self)
        if dialog.exec() and dialog.appointment is not None:
            self._changed(appointment.id)
            self._say(f"Cancelled: {appointment.customer_name}, {self._when(appointment)}.")
            self._offer_change_letter(appointment, "appointment_cancelled")

    def arrived(self) -> None:
        appointment = self._need_selection("check in")
        if appointment is None:
            return
        visit = self._run(
            f"{appointment.customer_name} arrived",
            lambda: self.state.services.queue().check_in_appointment(
                self.state.actor, appointment.id
            ),
        )
        if visit is None:
            return
        self._changed(appointment.id)
        ticket = getattr(visit, "ticket", "")
        self._say(
            f"Ticket {ticket}: {appointment.customer_name} for {appointment.service_name} with "
            f"{appointment.officer_name} at {appointment.start.astimezone(self.zone):%H:%M}. "
            "They are in the queue ahead of walk-ins for their officer.",
            big=True,
        )

    def seen(self) -> None:
        appointment = self._need_selection("mark seen")
        if appointment is None:
            return
        if (
            self._run(
                "Seen",
                lambda: self.state.services.appointments().mark_seen(
                    self.state.actor, appointment.id
                ),
            )
            is not None
        ):
            self._changed(appointment.id)
            self._say(f"{appointment.customer_name} has been seen.")

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

    def no_show(self) -> None:
        appointment = self._need_selection("mark as not come")
        if appointment is None:
            return
        if not self.confirm(
            "Did not come",
            f"Mark {appointment.customer_name} ({self._when(appointment)}) as did not come? "
            "Their officer's time and any room are freed.",
        ):
            return
        if (
            self._run(
                "Did not come",
                lambda: self.state.services.appointments().mark_no_show(
                    self.state.actor, appointment.id
                ),
            )
            is not None
        ):
            self._changed(appointment.id)
            self._say(f"{appointment.customer_name} is recorded as did not come.")

    def tell_delay(self) -> None:
        appointment = self.selected_appointment()
        waiting = self._waiting
        if appointment is None or appointment.status is not AppointmentStatus.ARRIVED:
            appointment = waiting[0] if waiting else appointment
        if appointment is None or appointment.status is not AppointmentStatus.ARRIVED:
            self._say("Choose a customer who has arrived and is waiting.", error=True)
            return
        dialog = AppointmentDelayDialog(self.state, appointment, self.zone, self)
        if dialog.exec() and dialog.appointment is not None:
            new_time = dialog.appointment.delay_new_time
            self._changed(appointment.id)
            self._say(
                f"Recorded: {appointment.customer_name} was told the reason and that they will "
                f"be seen by {new_time.astimezone(self.zone):%H:%M}."
                if new_time
                else "Recorded."
            )

    def confirmation(self) -> None:
        """Ctrl+I: the confirmation letter for the chosen appointment, in the customer's
        preferred format; its "Details to read out" button shows the same facts on screen."""
        appointment = self._need_selection("write its confirmation letter")
        if appointment is None:
            return
        self._write(appointment.id, "appointment_confirmation")

    def show_confirmation_details(self, appointment_id: int) -> None:
        details = self._run(
            "Confirmation letter",
            lambda: self.state.services.appointments().confirmation_details(appointment_id),
        )
        if isinstance(details, dict):
            self.confirmation_dialog(details).exec()

    def confirmation_dialog(self, details: dict[str, str]) -> ConfirmationDetailsDialog:
        return ConfirmationDetailsDialog(details, self)

    # --- letters ------------------------------------------------------------------------------

    def _offer_change_letter(self, before: Appointment, template_key: str) -> None:
        """Show the button offering the letter about a move or cancellation, with the time the
        appointment had before filled in for the letter."""
        from reception_app.domain.letters import format_date

        start = before.start.astimezone(self.zone)
        prefill = {"previous_date": format_date(start.date()), "previous_time": f"{start:%H:%M}"}
        self._offer_letter((before.id, template_key, prefill))

    def _offer_letter(self, offer: tuple[int, str, dict[str, str]] | None) -> None:
        self._offer = offer
        if offer is None:
            self.letter_offer.hide()
            return
        what = "change" if offer[1] == "appointment_changed" else "cancellation"
        self.letter_offer.setText(f"Print a letter about this {what}... (Ctrl+Shift+W)")
        self.letter_offer.show()
        self.letter_offer.setFocus(Qt.FocusReason.OtherFocusReason)

    def letter_for(self, appointment: Appointment) -> tuple[str, dict[str, str]]:
        """The letter Ctrl+Shift+W writes: the one offered after a move or cancellation of this
        appointment, else the cancellation letter for a cancelled one, else the confirmation."""
        if self._offer is not None and self._offer[0] == appointment.id:
            return self._offer[1], self._offer[2]
        if appointment.status is AppointmentStatus.CANCELLED:
            return "appointment_cancelled", {}
        return "appointment_confirmation", {}

    def write_letter(self) -> None:
        appointment = self.selected_appointment()
        offer = self._offer
        if offer is not None and (appointment is None or appointment.id == offer[0]):
            self._write(offer[0], offer[1], offer[2])
            return
        if appointment is None:
            self._need_selection("write a letter")
            return
        template_key, prefill = self.letter_for(appointment)
        self._write(appointment.id, template_key, prefill)

    def letter_dialog(
        self, appointment_id: int, template_key: str, prefill: dict[str, str] | None = None
    ) -> LetterDialog:
        from reception_app.services.letter_service import LetterSource

        return letter_dialog_for(
            self.state,
            LetterSource("appointment", appointment_id),
            template_key,
            self,
            prefill=prefill,
            extra_buttons=[
                (
                    "&Details to read out...",
                    lambda: self.show_confirmation_details(appointment_id),
                )
            ],
        )

    def show_letter(self, dialog: LetterDialog) -> None:
        """Show the letter dialog until it is closed (tests replace this method)."""
        dialog.exec()

    def _write(
        self, appointment_id: int, template_key: str, prefill: dict[str, str] | None = None
    ) -> None:
        offer = self._offer
        dialog = self._run(
            "Letter", lambda: self.letter_dialog(appointment_id, template_key, prefill)
        )
        if not isinstance(dialog, LetterDialog):
            return
        self._offer_letter(offer)  # _run cleared the message (and the offer) first
        dialog.finished.connect(lambda _result: self._letter_closed(dialog))
        self.show_letter(dialog)

    def _letter_closed(self, dialog: LetterDialog) -> None:
        if dialog.sent:
            title = dialog.produced.draft.template.title if dialog.produced else "Letter"
            self._say(f"'{title}' recorded as sent.")  # and the offer, if any, goes
            self.state.data_changed.emit()

    # --- the day sheet ------------------------------------------------------------------------

    def choose_sheet_path(self, suggested: Path) -> Path | None:
        """Where to save the day sheet (tests replace this method)."""
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the day sheet", str(suggested), "PDF files (*.pdf)"
        )
        return Path(name) if name else None

    def open_document(self, path: Path) -> None:
        """Open the saved PDF in the computer's viewer, to print it (tests replace this)."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def print_day_sheet(self) -> None:
        from reception_app.documents.day_sheet import write_day_sheet

        day = self.shown_day()
        suggested = Path.home() / f"day-sheet-{day:%Y-%m-%d}.pdf"
        path = self.choose_sheet_path(suggested)
        if path is None:
            return
        if path.suffix == "":
            path = path.with_suffix(".pdf")
        services = self.state.services

        def write() -> Path:
            appointments = services.appointments().day(day)
            return write_day_sheet(
                path,
                self._profile.name if self._profile else "",
                day,
                appointments,
                self.zone,
                officers=[name for _, name in self._officers],
                printed_at=services.context.clock(),
            )

        saved = self._run("Day sheet", write)
        if isinstance(saved, Path):
            self._say(f"Day sheet for {long_day(day)} saved to {saved}.")
            self.open_document(saved)
        self.sheet_path = saved if isinstance(saved, Path) else None


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute
