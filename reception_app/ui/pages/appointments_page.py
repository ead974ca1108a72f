"""Appointments: the coming working days with their opening hours, and the services offered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.offices import OfficeProfile, ServiceProfile
from reception_app.ui.desk_state import DeskState
from reception_app.ui.pages.page import Page
from reception_app.ui.theme import scaled_font

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


def _table(headers: list[str], name: str, stretch: int | None) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    rows = table.verticalHeader()
    # Rows grow when a name wraps (large text), never below the normal height.
    rows.setMinimumSectionSize(rows.defaultSectionSize())
    rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class AppointmentsPage(Page):
    title = "Appointments"

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setProperty("role", "hint")
        self.days = _table(["Day", "Opening hours"], "Days appointments can be offered", None)
        # As wide as its dates and hours: the services beside it get the rest of the width.
        self.days.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.services = _table(
            ["Service", "Usual length", "Needs a private room", "Team"],
            "Services and their usual length",
            0,
        )
        days_label = self._section_label("&Days appointments can be offered", self.days)
        services_label = self._section_label("&Services", self.services)

        days_column = QVBoxLayout()
        days_column.addWidget(days_label)
        days_column.addWidget(self.days, 1)
        services_column = QVBoxLayout()
        services_column.addWidget(services_label)
        services_column.addWidget(self.services, 1)
        columns = QHBoxLayout()
        columns.addLayout(days_column)
        columns.addLayout(services_column, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading("Appointments"))
        layout.addWidget(self.intro)
        layout.addLayout(columns, 1)
        QWidget.setTabOrder(self.days, self.services)

    def _section_label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setFont(scaled_font(self.font(), 1.2, bold=True))
        label.setBuddy(buddy)
        return label

    def refresh(self) -> None:
        office = self.state.services.office
        profile = office.profile()
        calendar = OfficeCalendar.from_profile(profile)
        today = office.status().local_now.date()
        self.intro.setText(
            f"The next {WORKING_DAYS_SHOWN} working days at {profile.name}: appointments fit "
            "within the opening hours. Days the office is shut are listed with the reason. "
            "Services that need a private room also need an interview room free (see Rooms)."
        )

        rows = coming_days(calendar, profile, today)
        self.days.setRowCount(len(rows))
        bold = scaled_font(self.font(), 1.0, bold=True)
        for index, row in enumerate(rows):
            day_item = QTableWidgetItem(day_range_text(row, today))
            hours_item = QTableWidgetItem(row.text)
            if row.working:
                day_item.setFont(bold)
            self.days.setItem(index, 0, day_item)
            self.days.setItem(index, 1, hours_item)

        offered = [s for s in profile.services if s.active]
        self.services.setRowCount(len(offered))
        for index, service in enumerate(offered):
            for column, text in enumerate(service_cells(service)):
                self.services.setItem(index, column, QTableWidgetItem(text))

    def day_lines(self) -> list[str]:
        """The days table as 'day: hours' lines (what a screen reader or a test reads)."""
        model = self.days.model()
        return [
            f"{model.index(r, 0).data()}: {model.index(r, 1).data()}"
            for r in range(model.rowCount())
        ]
